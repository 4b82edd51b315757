//! Every endpoint's validators on any bytes: the request body and each documented response
//! body of every endpoint in the registry. Besides never panicking, each finding is
//! located inside the input, and the validator agrees with the typed model (`TYPED`).
//!
//! One target for all endpoints, each input tried against every body, rather than one
//! target per endpoint or an endpoint chosen by the first byte: the walk is the same code
//! for every endpoint (the contracts are data), so per-endpoint binaries would share one
//! coverage map and split the fuzzing time six ways; trying every body means no input is
//! spent on the wrong endpoint and the seeds (plain example files) need no selector byte
//! that would silently point elsewhere when the registry's order changes; and an endpoint
//! added to the spec is fuzzed without touching this directory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vendorspec::runtime::endpoint::BodyKind;
use vendorspec_fuzz::{TYPED, check_report};

fuzz_target!(|data: &[u8]| {
    for endpoint in vendorspec::ENDPOINTS {
        let typed = TYPED.iter().find(|t| t.id == endpoint.id);
        let typed = typed.unwrap_or_else(|| panic!("add `{}` to TYPED", endpoint.id));
        if let Some(check) = typed.request {
            check(endpoint, data);
        } else {
            assert!(
                endpoint.request.is_none(),
                "TYPED lacks the request of `{}`",
                endpoint.id
            );
        }
        for response in endpoint.responses.iter().filter(|r| r.body.is_some()) {
            let check = typed
                .response
                .unwrap_or_else(|| panic!("TYPED lacks a response of `{}`", endpoint.id));
            check(endpoint, response.status[0], data);
        }
        // The first documented response, as the CLI validates when given no status.
        if let Ok(report) = endpoint.validate(BodyKind::Response(None), data) {
            check_report(data, &report);
        }
    }
});
