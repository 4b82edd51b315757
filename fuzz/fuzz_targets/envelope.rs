//! The `{"value": "..."}` envelope, two ways. The input as a whole file, in both syntaxes:
//! whatever it unwraps is checked by `check_envelope`. The input as the content of an
//! envelope that this target writes: unwrapping gives what parsing the input directly
//! gives, so the seeds need not be envelopes for the unwrapping to be fuzzed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vendorspec::runtime::{Syntax, parse, unwrap_envelope};
use vendorspec_fuzz::{check_envelope, check_finding};

fuzz_target!(|data: &[u8]| {
    for syntax in [Syntax::Strict, Syntax::Lenient] {
        if let Ok(doc) = parse(data, syntax) {
            check_envelope(&doc, syntax);
        }
    }
    // A byte-order mark is skipped at the start of a file, not inside a string.
    let Ok(content) = std::str::from_utf8(data) else {
        return;
    };
    if content.starts_with('\u{FEFF}') {
        return;
    }
    let file = serde_json::json!({ "value": content }).to_string();
    for syntax in [Syntax::Strict, Syntax::Lenient] {
        let outer = parse(file.as_bytes(), syntax).expect("serde_json writes valid JSON");
        check_envelope(&outer, syntax);
        let wrapped = unwrap_envelope(&outer, syntax).expect("an envelope");
        match (wrapped, parse(data, syntax)) {
            (Ok(inner), Ok(direct)) => {
                assert_eq!(inner.node_count(), direct.node_count());
                assert_eq!(inner.root().span(), direct.root().span());
            }
            (Err(inner), Err(direct)) => {
                check_finding(file.as_bytes(), &inner);
                assert_eq!(
                    (&inner.message, &inner.pointer),
                    (&direct.message, &direct.pointer)
                );
            }
            (inner, direct) => panic!(
                "enveloped: {:?}, direct: {:?}",
                inner.map(|d| d.node_count()),
                direct.map(|d| d.node_count())
            ),
        }
    }
});
