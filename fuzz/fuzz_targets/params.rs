//! Parameter checks on any text, read as a query string (`name=value&name=value`, values
//! percent-encoded or not), for every endpoint: `check_params`, `url` and `build_request`
//! never panic, findings name a parameter rather than a position in the object the checks
//! write internally, and parameters that make a URL pass the checks and make a request.
//!
//! It found `host` values (`[::1]`, `a b`) that passed the checks and then made an invalid
//! authority (artifacts-found/params-host-ipv6); the host now has a pattern and goes into
//! the authority as written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vendorspec::runtime::{Rule, Severity};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let params: Vec<(&str, &str)> = text
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    for endpoint in vendorspec::ENDPOINTS {
        let findings = endpoint.check_params(&params);
        for finding in &findings {
            assert_eq!(
                (finding.line, finding.column, finding.offset),
                (1, 1, 0),
                "{finding}"
            );
            assert_ne!(
                finding.rule,
                Rule::Required,
                "check_params reports only given ones"
            );
        }
        if endpoint.url(&params).is_ok() {
            assert!(!findings.iter().any(|f| f.severity == Severity::Error));
            match endpoint.build_request::<()>(&params, None, Some("token")) {
                Ok(_) => {}
                Err(e) => panic!(
                    "{}: the URL builds but the request does not: {e:?}",
                    endpoint.id
                ),
            }
        }
    }
});
