//! Hand-written HAR captures (tests/fixtures/, made by hand-written Python kept beside them in
//! the commit message's spirit: each entry is one fact from real clients) checked end to end.

use std::io::BufReader;

use vendorspec_traffic::{Checker, Entries, Exchange};

fn check_with(name: &str, base_urls: &[(&str, &str)]) -> Vec<Exchange> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap();
    let overrides: Vec<(String, String)> = base_urls
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let checker = Checker::new(vendorspec::ENDPOINTS, &overrides).unwrap();
    Entries::new(BufReader::new(file))
        .enumerate()
        .map(|(i, e)| checker.check(i, &e.unwrap()).unwrap())
        .collect()
}

fn check(name: &str) -> Vec<Exchange> {
    check_with(name, &[])
}

/// `part rule line:column pointer: message` per diagnostic.
fn lines(x: &Exchange) -> Vec<String> {
    x.diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}[{}] {}:{} {}: {}",
                d.part.as_str(),
                d.finding.severity,
                d.finding.rule,
                d.finding.line,
                d.finding.column,
                d.finding.pointer,
                d.finding.message
            )
        })
        .collect()
}

fn only(name: &str) -> Exchange {
    let mut all = check(name);
    assert_eq!(all.len(), 1, "{name}");
    all.remove(0)
}

#[test]
fn the_sdk_s_get_lockdown_is_a_method_finding_that_names_put() {
    let x = only("lockdown_get.har");
    assert_eq!(x.endpoint, Some("lockdown_device"));
    assert_eq!(
        lines(&x),
        [
            "method error[method] 13:22 : `GET` on `/devicecommands/v2/{device_id}/lockdown`: `lockdown_device` is `PUT`"
        ]
    );
    assert_eq!(
        x.diagnostics[0].finding.help.as_deref(),
        Some("send it as `PUT`")
    );
    // The same call as `PUT`, with its response, is valid.
    let put = only("lockdown_put.har");
    assert!(put.diagnostics.is_empty(), "{:?}", lines(&put));
    assert!(put.is_valid(true));
}

#[test]
fn a_two_hour_token_is_too_long_lived() {
    let x = only("token_two_hours.har");
    assert_eq!(
        lines(&x),
        [
            "header error[token_lifetime] 20:25 /Authorization/exp: the token's lifetime (`exp` - `iat`) is 120 minutes; the API refuses tokens valid for more than 30 minutes"
        ]
    );
}

#[test]
fn a_missing_scope_names_the_claim_never_the_token() {
    let all = check("scope.har");
    assert_eq!(
        lines(&all[0]),
        [
            "header error[scope] 20:25 /Authorization/scp: the token's `scp` claim does not grant `opticscommand:create`, which `lockdown_device` needs"
        ]
    );
    assert_eq!(
        lines(&all[1]),
        [
            "header error[scope] 65:25 /Authorization/scp: the token has no `scp` claim; `lockdown_device` needs scope `opticscommand:create`"
        ]
    );
}

#[test]
fn an_enveloped_ivanti_body_is_located_in_the_har_file() {
    let x = only("ivanti_envelope.har");
    assert_eq!(x.endpoint, Some("create_job"));
    // Line 32 holds `"text": "{\"value\": \"{Name: ...`: column 36 is the `{` of the
    // inner document (inside two levels of escaping), column 171 the `'` of the address.
    assert_eq!(
        lines(&x),
        [
            "request_body error[required] 32:36 /StartTime: missing required member `StartTime` of Job",
            "request_body error[format] 32:171 /DiscoveryTargets/SingleIpTargets/0/Ip: \"10.0.0.300\" is not an IPv4 address such as 192.168.0.1",
        ]
    );
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/ivanti_envelope.har",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let line = text.lines().nth(31).unwrap();
    let col = |c: u32| &line[c as usize - 1..];
    assert!(col(36).starts_with("{Name"));
    assert!(col(171).starts_with("'10.0.0.300'"));
    // The byte offsets agree with the lines and columns.
    let f = &x.diagnostics[1];
    assert!(text[f.offset as usize..].starts_with("'10.0.0.300'"));
    // The password inside the body is in no finding.
    assert!(
        x.diagnostics
            .iter()
            .all(|d| !d.finding.message.contains("CanaryIvantiPw"))
    );
}

#[test]
fn base_url_overrides_move_an_api() {
    let x = &check_with(
        "ivanti_envelope.har",
        &[("ivanti_es_v2", "http://other.example:8080")],
    )[0];
    assert_eq!(x.endpoint, None);
    assert_eq!(x.diagnostics[0].finding.rule.as_str(), "unmatched");
    let x = &check_with(
        "ivanti_envelope.har",
        &[("ivanti_es_v2", "http://IES.example.com:8080/")],
    )[0];
    assert_eq!(x.endpoint, Some("create_job"));
    assert!(Checker::new(vendorspec::ENDPOINTS, &[("nope".into(), "http://x".into())]).is_err());
}

#[test]
fn a_pascal_case_tenant_body_is_valid_on_the_case_insensitive_api() {
    let x = only("tenant_pascal.har");
    assert_eq!(x.endpoint, Some("provision_tenant"));
    assert!(x.diagnostics.is_empty(), "{:?}", lines(&x));
}

#[test]
fn a_202_create_response_is_documented_and_its_base64_body_read() {
    let x = only("create_202.har");
    assert_eq!(x.endpoint, Some("create_package_execution"));
    assert_eq!(x.status, Some(202));
    assert!(x.diagnostics.is_empty(), "{:?}", lines(&x));
    // The URL credentials in the request body are not quoted anywhere.
    assert!(!format!("{x:?}").contains("CanaryPassA1"));
}

#[test]
fn an_unmatched_exchange_is_a_warning() {
    let x = only("unmatched.har");
    assert_eq!(x.endpoint, None);
    assert_eq!(
        lines(&x),
        [
            "path warning[unmatched] 14:19 : `GET https://protectapi.cylance.com/devices/v2` matches no endpoint of the contracts"
        ]
    );
    assert!(x.is_valid(false));
    assert!(!x.is_valid(true));
}

#[test]
fn every_part_is_checked() {
    let all = check("parts.har");
    assert_eq!(
        lines(&all[0]),
        [
            "path error[url_encoding] 14:68 /device_id: parameter `device_id`: `{` must be percent-encoded in a path",
            "path error[format] 14:68 /device_id: parameter `device_id`: \"{45E07F34 E76B}\" is not 32 upper-case hexadecimal digits without hyphens, such as E378DACB9324453AB8C65A8406952195",
            "query error[maximum] 14:112 /expires: parameter `expires`: \"3:23:59\" is longer than the maximum duration 3:00:00",
            "query error[unknown_field] 14:130 /force: unknown parameter `force` for `lockdown_device`",
            "response_status error[status] 28:21 : status 404 is not documented for `lockdown_device`",
        ]
    );
    assert_eq!(
        all[0].diagnostics[0].finding.help.as_deref(),
        Some("write `%7B45E07F34%20E76B%7D`")
    );
    assert_eq!(
        lines(&all[1]),
        [
            "header error[header] 62:22 /Authorization: no `Authorization` header; `lockdown_device` needs the API's token (`Bearer`)",
            "header error[header] 62:22 /Content-Type: a body is sent without a `Content-Type` header",
        ]
    );
    assert_eq!(
        lines(&all[2]),
        [
            "query error[unknown_field] 103:142 /token: unknown parameter `token` for `lockdown_device`",
            "header error[header] 109:25 /Authorization: the `Authorization` header's scheme is not `Bearer`",
            "header error[header] 113:25 /Content-Type: `Content-Type: text/plain`: the API reads JSON bodies",
            "response_body error[type] 138:31 /id: expected a string, found the number 5",
        ]
    );
    // Credentials in the URL are masked in what is reported.
    assert!(all[2].url.contains("***:***@"), "{}", all[2].url);
    assert!(!all[2].url.contains("CanaryQuerySig"));
}
