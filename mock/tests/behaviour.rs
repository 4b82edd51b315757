//! The mock's behaviour in-process, request by request, as the contract describes it:
//! sample requests accepted with a documented status and a response the endpoint's own
//! response validator accepts; every one-violation sample refused with 400 holding the
//! expected rule and pointer; credentials (401, 403), unknown paths and ids (404), wrong
//! methods (405 with `Allow`), media types (415); state; repeatability under a seed.
//!
//! `cli/tests/mock.rs` runs the same kinds of cases against a started server with real
//! clients (Python `requests`, curl).

use serde_json::{Value, json};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::normalize::normalize;
use vendorspec::runtime::strategy::{self, Day, Realism};
use vendorspec_mock::{Clock, Mock, MockRequest, MockResponse, calls};

const SEED: u64 = 11;
const CLOCK: Clock = Clock::Fixed(1_780_000_000);

fn mock() -> Mock {
    Mock::new(vendorspec::ENDPOINTS, SEED, CLOCK)
}

fn endpoint(id: &str) -> &'static EndpointDesc {
    vendorspec::endpoint(id).unwrap_or_else(|| panic!("no endpoint {id}"))
}

/// A Cylance JWT granting `scopes` (comma-separated) for `lifetime` seconds.
fn cylance_token(scopes: &str, lifetime: i64) -> String {
    let claims = json!({"iat": 1_780_000_000, "exp": 1_780_000_000 + lifetime, "scp": scopes, "sub": "7d1c1f9e-6a3b-4b8e-9a0d-2f4e5c6b7a8d"});
    vendorspec_mock::token::jwt(&claims, b"signature")
}

/// Every scope of every endpoint.
fn all_scopes() -> String {
    let scopes: Vec<&str> = vendorspec::ENDPOINTS
        .iter()
        .filter_map(|e| e.scope)
        .collect();
    scopes.join(",")
}

fn request(method: &str, target: &str, token: Option<&str>, body: &str) -> MockRequest {
    let mut headers = vec![("Host".to_string(), "127.0.0.1:4747".to_string())];
    if let Some(token) = token {
        headers.push(("Authorization".into(), format!("Bearer {token}")));
    }
    if !body.is_empty() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    MockRequest {
        method: method.into(),
        target: target.into(),
        headers,
        body: body.as_bytes().to_vec(),
    }
}

fn body_json(r: &MockResponse) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}

/// Logs in to Ivanti and returns the token.
fn ivanti_login(mock: &Mock) -> String {
    let r = mock
        .handle(&request(
            "POST",
            "/api/v2/Authentication/Login",
            None,
            r#"{"UserName": "admin", "Password": "pw"}"#,
        ))
        .response;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    body_json(&r)["Jwt"].as_str().unwrap().to_string()
}

/// The token an endpoint takes.
fn token_for(mock: &Mock, e: &EndpointDesc) -> String {
    if e.api.auth.login.is_some() {
        ivanti_login(mock)
    } else {
        cylance_token(&all_scopes(), 1800)
    }
}

/// The request target (path and query) of `e` with realistic parameters from `seed`.
fn target(e: &'static EndpointDesc, seed: u64) -> String {
    let params = calls::realistic_params(e, seed, Day::new(2026, 6, 1).unwrap());
    calls::target(e, &params).unwrap_or_else(|err| panic!("{}: {err}", e.id))
}

fn realism(examples: &[Value]) -> Realism<'_> {
    Realism {
        examples,
        today: Day::new(2026, 6, 1).unwrap(),
    }
}

/// Realistic valid request bodies of `e`, as sent on the wire.
fn valid_bodies(e: &'static EndpointDesc, count: usize) -> Vec<String> {
    let Some(shape) = &e.request else {
        return vec![String::new()];
    };
    let options = e.api.request_options();
    let examples: Vec<Value> = e
        .request_examples
        .iter()
        .filter_map(|t| normalize(t.as_bytes(), shape, &options).ok())
        .collect();
    strategy::sample_realistic(shape, realism(&examples), SEED, count)
        .into_iter()
        .map(|v| e.api.wire_request_body(v.to_string()))
        .collect()
}

/// The status is documented for `e`, and the body is what that status documents.
fn assert_contract_valid(e: &EndpointDesc, r: &MockResponse) {
    let documented = e.response(Some(r.status));
    assert!(
        documented.is_some(),
        "{}: status {} is not documented",
        e.id,
        r.status
    );
    if documented.and_then(|d| d.body.as_ref()).is_none() {
        assert!(
            r.body.is_empty(),
            "{}: a body where none is documented",
            e.id
        );
        return;
    }
    let report = e
        .validate(BodyKind::Response(Some(r.status)), &r.body)
        .unwrap();
    assert!(
        !report.has_errors(),
        "{}: the response breaks the contract: {:?}\n{}",
        e.id,
        report.into_sorted(),
        String::from_utf8_lossy(&r.body)
    );
}

#[test]
fn sample_requests_get_a_documented_status_and_a_contract_valid_body() {
    let mock = mock();
    for e in vendorspec::ENDPOINTS {
        let token = token_for(&mock, e);
        for (i, body) in valid_bodies(e, 8).iter().enumerate() {
            let x = mock.handle(&request(e.method, &target(e, i as u64), Some(&token), body));
            if e.id == "delete_package_execution" {
                // A sample id was never created: the server does not know it.
                assert_eq!(
                    x.response.status,
                    404,
                    "{}",
                    String::from_utf8_lossy(&x.response.body)
                );
                continue;
            }
            assert_eq!(x.endpoint, Some(e.id));
            assert!(
                (200..300).contains(&x.response.status),
                "{} {body}: {} {}",
                e.id,
                x.response.status,
                String::from_utf8_lossy(&x.response.body)
            );
            assert_contract_valid(e, &x.response);
        }
    }
}

#[test]
fn every_one_violation_sample_is_refused_with_its_rule_and_pointer() {
    let mock = mock();
    let mut checked = 0;
    for e in vendorspec::ENDPOINTS {
        let Some(shape) = &e.request else { continue };
        let token = token_for(&mock, e);
        for (text, broken) in strategy::sample_invalid(shape, SEED, 40) {
            let body = e.api.wire_request_body(text.clone());
            let r = mock
                .handle(&request(e.method, &target(e, 0), Some(&token), &body))
                .response;
            assert_eq!(r.status, 400, "{}: {text}", e.id);
            assert!(
                r.headers
                    .contains(&("content-type", "application/problem+json".into())),
                "{:?}",
                r.headers
            );
            let problem = body_json(&r);
            assert_eq!(problem["status"], 400);
            let errors = problem["errors"].as_array().unwrap();
            assert!(
                errors
                    .iter()
                    .any(|f| f["rule"] == broken.rule && f["pointer"] == broken.pointer.as_str()),
                "{}: {text}: expected {} at {}, got {errors:?}",
                e.id,
                broken.rule,
                broken.pointer
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} invalid samples");
}

#[test]
fn the_findings_are_those_validate_gives_with_secrets_masked() {
    let mock = mock();
    let token = ivanti_login(&mock);
    let e = endpoint("create_job");
    let body = r#"{"value": "{Name: \"x\", JobType: 9, StartTime: \"2026-01-01T00:00:00Z\", Credentials: {Username: \"u\", Password: \"hunter2\"}, Bogus: 1}"}"#;
    let r = mock
        .handle(&request("POST", "/api/v2/Jobs", Some(&token), body))
        .response;
    assert_eq!(r.status, 400);
    let expected: Vec<Value> = e
        .validate(BodyKind::Request, body.as_bytes())
        .unwrap()
        .into_sorted()
        .iter()
        .map(vendorspec_mock::problem::finding_json)
        .collect();
    assert_eq!(body_json(&r)["errors"], Value::from(expected));
    let text = String::from_utf8_lossy(&r.body);
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn credentials_are_checked_as_the_apis_check_them() {
    let mock = mock();
    let lockdown =
        "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0:01:00";
    let status = |token: Option<&str>| mock.handle(&request("PUT", lockdown, token, "")).response;
    // No token, not a bearer, not a JWT.
    let r = status(None);
    assert_eq!(r.status, 401);
    assert!(r.headers.contains(&("www-authenticate", "Bearer".into())));
    assert_eq!(body_json(&r)["errors"][0]["rule"], "header");
    let basic = mock
        .handle(&MockRequest {
            headers: vec![("Authorization".into(), "Basic dTpw".into())],
            ..request("PUT", lockdown, None, "")
        })
        .response;
    assert_eq!(basic.status, 401);
    assert_eq!(status(Some("not-a-jwt")).status, 401);
    // The wrong scope, and a token that lives longer than 30 minutes.
    let r = status(Some(&cylance_token("opticspkgdeploy:create", 1800)));
    assert_eq!(r.status, 403);
    assert_eq!(body_json(&r)["errors"][0]["rule"], "scope");
    let r = status(Some(&cylance_token("opticscommand:create", 7200)));
    assert_eq!(r.status, 403);
    assert_eq!(body_json(&r)["errors"][0]["rule"], "token_lifetime");
    assert_eq!(
        status(Some(&cylance_token("opticscommand:create", 1800))).status,
        200
    );

    // Ivanti takes only the tokens its login issued.
    let job = valid_bodies(endpoint("create_job"), 1).pop().unwrap();
    let jobs = |token: Option<&str>| {
        mock.handle(&request("POST", "/api/v2/Jobs", token, &job))
            .response
    };
    assert_eq!(jobs(None).status, 401);
    let forged = jobs(Some(&cylance_token("", 60)));
    assert_eq!(forged.status, 401);
    assert!(String::from_utf8_lossy(&forged.body).contains("log in first"));
    let token = ivanti_login(&mock);
    assert_eq!(jobs(Some(&token)).status, 200);
    // A login without a password is refused; the enveloped form is read.
    let r = mock
        .handle(&request(
            "POST",
            "/api/v2/Authentication/Login",
            None,
            r#"{"UserName": "a"}"#,
        ))
        .response;
    assert_eq!(r.status, 400);
    let enveloped = r#"{"value": "{\"UserName\": \"a\", \"Password\": \"b\"}"}"#;
    let r = mock
        .handle(&request(
            "POST",
            "/api/v2/Authentication/Login",
            None,
            enveloped,
        ))
        .response;
    assert_eq!(r.status, 200);
    // The admin API takes any bearer token.
    let tenant = valid_bodies(endpoint("provision_tenant"), 1).pop().unwrap();
    let r = mock
        .handle(&request(
            "POST",
            "/public/v2/us/tenants/provision",
            Some("opaque"),
            &tenant,
        ))
        .response;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn unknown_paths_wrong_methods_and_media_types() {
    let mock = mock();
    let token = cylance_token(&all_scopes(), 600);
    let r = mock
        .handle(&request("GET", "/packages/v3/executions", Some(&token), ""))
        .response;
    assert_eq!(r.status, 404);
    assert_eq!(
        body_json(&r)["type"],
        "https://vendorspec.github.io/vendorspec/problems/unknown-path"
    );
    // The vendor SDK's bug: the lockdown sent as GET.
    let r = mock
        .handle(&request(
            "GET",
            "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown",
            Some(&token),
            "",
        ))
        .response;
    assert_eq!(r.status, 405);
    assert!(
        r.headers.contains(&("allow", "PUT".into())),
        "{:?}",
        r.headers
    );
    let r = mock
        .handle(&request("GET", "/api/v2/Authentication/Login", None, ""))
        .response;
    assert_eq!(r.status, 405);
    assert!(r.headers.contains(&("allow", "POST".into())));
    // A body that is not JSON by its media type.
    let body = valid_bodies(endpoint("create_package_execution"), 1)
        .pop()
        .unwrap();
    let r = mock
        .handle(&MockRequest {
            headers: vec![
                ("Authorization".into(), format!("Bearer {token}")),
                (
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
            ],
            ..request("POST", "/packages/v2/executions", None, &body)
        })
        .response;
    assert_eq!(r.status, 415);
    // A parameter out of its bounds: 400 at the parameter.
    let r = mock
        .handle(&request(
            "PUT",
            "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0:00:00",
            Some(&token),
            "",
        ))
        .response;
    assert_eq!(r.status, 400);
    assert_eq!(body_json(&r)["errors"][0]["pointer"], "/expires");
}

#[test]
fn an_execution_is_created_then_deleted_once() {
    let mock = mock();
    let token = cylance_token(&all_scopes(), 600);
    let body = r#"{"execution": {"name": "triage", "target": {"devices": ["E378DACB9324453AB8C65A8406952195", "45E07F34E76B4A9EB167D6D0C510D6BA"]}, "destination": "sftp://u:secret@files.example.com/x", "packageExecutions": [{"arguments": ["-browser", "ALL"], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}], "keepResultsLocally": false}}"#;
    let created = mock
        .handle(&request(
            "POST",
            "/packages/v2/executions",
            Some(&token),
            body,
        ))
        .response;
    assert_contract_valid(endpoint("create_package_execution"), &created);
    let resource = body_json(&created);
    assert_eq!(resource["name"], "triage");
    assert_eq!(resource["deviceCount"], 2);
    assert_eq!(
        resource["deviceStatuses"],
        json!({"acked": 2, "failed": 0, "succeeded": 0})
    );
    assert!(resource["createdAt"].as_str().unwrap().ends_with(".000Z"));
    let id = resource["id"].as_str().unwrap();
    uuid_check(id);
    let delete = |id: &str| {
        mock.handle(&request(
            "DELETE",
            &format!("/packages/v2/executions/{id}"),
            Some(&token),
            "",
        ))
        .response
    };
    let deleted = delete(id);
    assert_contract_valid(endpoint("delete_package_execution"), &deleted);
    assert_eq!(body_json(&deleted), resource);
    let again = delete(id);
    assert_eq!(again.status, 404);
    assert_eq!(
        body_json(&again)["type"],
        "https://vendorspec.github.io/vendorspec/problems/unknown-resource"
    );
    // An id that is not a UUID breaks the parameter's format first.
    assert_eq!(delete("not-a-uuid").status, 400);
}

fn uuid_check(id: &str) {
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(id.matches('-').count(), 4, "{id}");
}

#[test]
fn a_lockdown_records_history_and_returns_the_unlock_password() {
    let mock = mock();
    let token = cylance_token("opticscommand:create", 1800);
    let path = "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown";
    let first = mock
        .handle(&request(
            "PUT",
            &format!("{path}?value=true&expires=1:00:00"),
            Some(&token),
            "",
        ))
        .response;
    assert_contract_valid(endpoint("lockdown_device"), &first);
    let first = body_json(&first);
    assert_eq!(first["connection_status"], "locked");
    let password = first["password"].as_str().unwrap().to_string();
    assert_eq!(password.len(), 12);
    assert_eq!(first["lockdown_history"].as_array().unwrap().len(), 1);
    assert_eq!(
        first["lockdown_history"][0]["user_id"],
        "7d1c1f9e-6a3b-4b8e-9a0d-2f4e5c6b7a8d"
    );
    // A day from the initiation, as `expires` said (the fixed clock moves a second per stamp).
    assert_ne!(first["lockdown_initiated"], first["lockdown_expiration"]);
    let second = body_json(
        &mock
            .handle(&request(
                "PUT",
                &format!("{path}?value=true"),
                Some(&token),
                "{}",
            ))
            .response,
    );
    assert_eq!(second["lockdown_history"].as_array().unwrap().len(), 2);
    assert_ne!(second["password"].as_str().unwrap(), password);
    let unlocked = body_json(
        &mock
            .handle(&request(
                "PUT",
                &format!("{path}?value=false"),
                Some(&token),
                "",
            ))
            .response,
    );
    assert_eq!(unlocked["connection_status"], "connected");
    assert!(unlocked.get("password").is_none());
    assert_eq!(unlocked["lockdown_history"][2]["command"], "Unlock");
}

#[test]
fn the_same_seed_and_clock_give_the_same_answers() {
    let run = || {
        let mock = mock();
        let token = cylance_token(&all_scopes(), 600);
        let mut answers = Vec::new();
        for e in vendorspec::ENDPOINTS {
            let token = if e.api.auth.login.is_some() {
                ivanti_login(&mock)
            } else {
                token.clone()
            };
            for body in valid_bodies(e, 2) {
                answers.push(
                    mock.handle(&request(e.method, &target(e, 1), Some(&token), &body))
                        .response,
                );
            }
        }
        answers
    };
    assert_eq!(run(), run());
    let other = Mock::new(vendorspec::ENDPOINTS, SEED + 1, CLOCK);
    let token = cylance_token(&all_scopes(), 600);
    let body = valid_bodies(endpoint("create_package_execution"), 1)
        .pop()
        .unwrap();
    let create = |m: &Mock| {
        let r = m.handle(&request(
            "POST",
            "/packages/v2/executions",
            Some(&token),
            &body,
        ));
        body_json(&r.response)["id"].clone()
    };
    assert_ne!(create(&mock()), create(&other));
}
