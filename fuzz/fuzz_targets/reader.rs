//! The JSON reader on any bytes, in both syntaxes: it never panics, a document it returns
//! is well formed (`check_document`), a syntax error is located where a plain scan
//! locates it, lenient JSON only adds to strict JSON (but for its lower depth limit), and
//! strict JSON is what serde_json reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vendorspec::runtime::{Syntax, parse};
use vendorspec_fuzz::{check_document, check_strict_against_serde_json, check_syntax_error};

fuzz_target!(|data: &[u8]| {
    let strict = parse(data, Syntax::Strict);
    let lenient = parse(data, Syntax::Lenient);
    for result in [&strict, &lenient] {
        match result {
            Ok(doc) => check_document(doc),
            Err(finding) => check_syntax_error(data, finding),
        }
    }
    // Lenient JSON only adds to strict JSON, but for its depth limit (Json.NET 13's 64
    // levels against the strict reader's 128).
    if let (Ok(strict), Err(finding)) = (&strict, &lenient)
        && !finding.message.starts_with("nesting deeper than 64 levels")
    {
        panic!(
            "strict JSON with {} nodes is not lenient JSON: {finding}",
            strict.node_count()
        );
    }
    if let (Ok(strict), Ok(lenient)) = (&strict, &lenient) {
        assert_eq!(
            strict.node_count(),
            lenient.node_count(),
            "the syntaxes read different trees"
        );
    }
    check_strict_against_serde_json(data, &strict);
});
