//! The `{"value": "..."}` envelope: detection, offset mapping back into the file, and syntax
//! errors inside the envelope reported at their file position.

use vendorspec_runtime::Severity;
use vendorspec_runtime::envelope::envelope_findings;
use vendorspec_runtime::reader::{Document, Syntax, ValueRef, parse, parse_first};
use vendorspec_runtime::{Rule, unwrap_envelope};

use Syntax::{Lenient, Strict};

/// The "actual body" example from the Ivanti Endpoint Security API reference (seed 004,
/// "Stringified JSON"), verbatim: raw line breaks inside the string, so only lenient syntax
/// reads it (as Json.NET does).
const SEED_ENVELOPE: &str = r#"{
"value" : "{
Name: \"Test\",
JobType: 1,
StartTime: \"2022-03-03T11:30:00.000Z\",
DiscoveryTargets:{
RangeIpTargets:[{StartIp: \"192.168.19.100\", EndIP: \"192.168.19.200\"}]
},
}"
}"#;

fn unwrap<'a>(doc: &Document<'a>, syntax: Syntax) -> Document<'a> {
    match unwrap_envelope(doc, syntax) {
        Some(Ok(inner)) => inner,
        Some(Err(f)) => panic!("inner syntax error: {f}"),
        None => panic!("not an envelope"),
    }
}

/// Line and column (1-based, in chars) of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    (line as u32, column as u32)
}

fn pos(v: ValueRef<'_>) -> (u32, u32) {
    v.document().line_col(v.span().start)
}

#[test]
fn seed_example_unwraps_with_file_positions() {
    assert!(
        parse(SEED_ENVELOPE.as_bytes(), Strict).is_err(),
        "raw newlines are not strict"
    );
    let outer = parse(SEED_ENVELOPE.as_bytes(), Lenient).unwrap();
    let inner = unwrap(&outer, Lenient);
    assert!(inner.is_enveloped());
    let root = inner.root();
    let names: Vec<&str> = root.members().map(|m| m.name).collect();
    assert_eq!(names, ["Name", "JobType", "StartTime", "DiscoveryTargets"]);
    assert_eq!(root.get("Name").unwrap().as_str(), Some("Test"));
    assert_eq!(root.get("JobType").unwrap().as_i64(), Some(1));

    let start_time = root.get("StartTime").unwrap();
    assert_eq!(start_time.as_str(), Some("2022-03-03T11:30:00.000Z"));
    assert_eq!(
        pos(start_time),
        position_of(SEED_ENVELOPE, "\\\"2022-03-03T11:30:00.000Z")
    );
    assert_eq!(pos(start_time), (5, 12));

    let range = root
        .get("DiscoveryTargets")
        .unwrap()
        .get("RangeIpTargets")
        .unwrap();
    let first = range.items().next().unwrap();
    let end_ip = first.members().nth(1).unwrap();
    assert_eq!(end_ip.name, "EndIP");
    // The member name is after several escapes on its line: still exact.
    assert_eq!(
        inner.line_col(end_ip.name_span.start),
        position_of(SEED_ENVELOPE, "EndIP")
    );
    assert_eq!(
        pos(end_ip.value),
        position_of(SEED_ENVELOPE, "\\\"192.168.19.200")
    );
    // File offsets land on the same text in the file.
    let file_at = inner.file_offset(end_ip.name_span.start) as usize;
    assert!(SEED_ENVELOPE[file_at..].starts_with("EndIP"));

    // A finding built from the inner document is located in the file.
    let f = inner.finding(
        vendorspec_runtime::Severity::Error,
        Rule::RangeOrder,
        "/DiscoveryTargets/RangeIpTargets/0".into(),
        first.span().start,
        "m".into(),
    );
    assert_eq!((f.line, f.column), position_of(SEED_ENVELOPE, "{StartIp"));
    assert_eq!(f.offset as usize, SEED_ENVELOPE.find("{StartIp").unwrap());
}

#[test]
fn offsets_map_through_escapes() {
    // Strict outer: the inner document is escaped on one line, with escapes of every length
    // (`\"` 2 bytes for 1, `\u00e9` 6 bytes for 2, `\ud83d\ude00` 12 bytes for 4) before nodes.
    let file = r#"{"value": "{\"caf\u00e9\ud83d\ude00\": 12345, \"b\\\"\": [true, 678], \"c\": \"\u0041x\"}"}"#;
    let outer = parse(file.as_bytes(), Strict).unwrap();
    let inner = unwrap(&outer, Strict);
    assert_eq!(
        inner.text(),
        "{\"caf\u{e9}\u{1F600}\": 12345, \"b\\\"\": [true, 678], \"c\": \"\u{41}x\"}"
    );
    let root = inner.root();
    let members: Vec<&str> = root.members().map(|m| m.name).collect();
    assert_eq!(members, ["caf\u{e9}\u{1F600}", "b\"", "c"]);
    let n = root.members().next().unwrap().value;
    assert_eq!(n.as_i64(), Some(12345));
    let at = inner.file_offset(n.span().start) as usize;
    assert!(
        file[at..].starts_with("12345"),
        "mapped to {:?}",
        &file[at..]
    );
    assert_eq!(inner.line_col(n.span().start), position_of(file, "12345"));
    let b = root.get("b\"").unwrap();
    let items: Vec<(u32, u32)> = b.items().map(pos).collect();
    assert_eq!(items, [position_of(file, "true"), position_of(file, "678")]);
    // A node that starts with an escape's output maps to the escape's backslash... the string
    // "\u0041x" starts with its (escaped) quote.
    let c = root.get("c").unwrap();
    assert_eq!(c.as_str(), Some("Ax"));
    assert_eq!(pos(c), position_of(file, "\\\"\\u0041x"));
    // An offset inside an escape's output maps to the escape itself.
    let e_acute = inner.text().find('\u{e9}').unwrap() as u32;
    let at = inner.file_offset(e_acute + 1) as usize;
    assert!(file[at..].starts_with("\\u00e9"));
}

#[test]
fn syntax_error_inside_envelope_is_located_in_the_file() {
    let file = "{\n  \"value\": \"{\\\"a\\\": 1,\\n \\\"b\\\" 2}\"\n}";
    let outer = parse(file.as_bytes(), Strict).unwrap();
    let f = match unwrap_envelope(&outer, Strict) {
        Some(Err(f)) => f,
        other => panic!("expected an inner syntax error, got {other:?}"),
    };
    assert_eq!(f.rule, Rule::Syntax);
    assert_eq!(f.message, "expected `:` after member name, found `2`");
    assert_eq!((f.line, f.column), position_of(file, "2}"));
    assert_eq!(f.offset as usize, file.find("2}").unwrap());
    assert_eq!(f.pointer, "");

    // Strict inside, lenient outside: the seed's unquoted names are rejected at their place.
    let outer = parse(SEED_ENVELOPE.as_bytes(), Lenient).unwrap();
    let f = unwrap_envelope(&outer, Strict).unwrap().unwrap_err();
    assert_eq!(
        f.message,
        "unquoted member name `Name` is not allowed in strict JSON"
    );
    assert_eq!((f.line, f.column), (3, 1));
}

#[test]
fn only_envelopes_are_unwrapped() {
    let not = |s: &str| {
        let doc = parse(s.as_bytes(), Lenient).unwrap();
        assert!(unwrap_envelope(&doc, Lenient).is_none(), "{s}");
    };
    not(r#"{"value": 1}"#);
    // Beside other members, `value` is the envelope only when it holds a document.
    not(r#"{"value": "Scan", "other": 1}"#);
    not(r#"{"val": "{}"}"#);
    not(r#"["{}"]"#);
    not(r#""{}""#);
    not("{}");
    // Names bind case-insensitively; single quotes and unquoted names in lenient outer syntax.
    for s in [
        r#"{"VALUE": "[1]"}"#,
        "{Value: '[1]'}",
        "{'vAlUe': \"[1]\"}",
    ] {
        let doc = parse(s.as_bytes(), Lenient).unwrap();
        let inner = unwrap(&doc, Strict);
        assert_eq!(
            inner.root().items().next().unwrap().as_i64(),
            Some(1),
            "{s}"
        );
    }
    // Unwrapped once only.
    let doc = parse(br#"{"value": "{\"value\": \"1\"}"}"#, Strict).unwrap();
    let inner = unwrap(&doc, Strict);
    assert!(unwrap_envelope(&inner, Strict).is_none());
    // An empty string is an inner syntax error at the string's position.
    let doc = parse(br#"{"value": ""}"#, Strict).unwrap();
    let f = unwrap_envelope(&doc, Strict).unwrap().unwrap_err();
    assert_eq!(f.message, "unexpected end of input: expected a value");
    assert_eq!((f.line, f.column), (1, 12));
}

/// The server's formatter binds the envelope to a class with one `Value` property: other
/// members are ignored (an error: what they say is lost), the last `value` wins (an error:
/// which one was meant is a guess), and what follows the envelope is never read (a warning).
#[test]
fn the_rest_of_an_envelope_is_reported() {
    let file = "{\"Value\": \"x\", \"other\": 1, \"value\": \"[7]\"} trailing";
    assert!(
        parse(file.as_bytes(), Lenient).is_err(),
        "one value per document"
    );
    let doc = parse_first(file.as_bytes(), Lenient).unwrap();
    let inner = unwrap(&doc, Lenient);
    assert_eq!(inner.root().items().next().unwrap().as_i64(), Some(7));
    let found: Vec<(Severity, Rule, String, usize)> = envelope_findings(&doc)
        .into_iter()
        .map(|f| (f.severity, f.rule, f.pointer, f.offset as usize))
        .collect();
    assert_eq!(
        found,
        [
            (
                Severity::Error,
                Rule::DuplicateKey,
                "/Value".to_string(),
                file.find("\"Value\"").unwrap()
            ),
            (
                Severity::Error,
                Rule::UnknownField,
                "/other".to_string(),
                file.find("\"other\"").unwrap()
            ),
            (
                Severity::Warning,
                Rule::Syntax,
                String::new(),
                file.find("trailing").unwrap()
            ),
        ]
    );
    // A plain envelope has nothing more to say.
    let plain = parse_first(br#"{"value": "[7]"}"#, Lenient).unwrap();
    assert!(envelope_findings(&plain).is_empty());
}

/// A member beside the envelope's `value` is quoted with any credential in its name masked,
/// in the message and in the pointer.
#[test]
fn the_rest_of_an_envelope_never_shows_a_credential() {
    let file = r#"{"value": "[7]", "sftp://admin:hunter2@files.example.com": 1}"#;
    let doc = parse_first(file.as_bytes(), Lenient).unwrap();
    let findings = envelope_findings(&doc);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let shown = format!(
        "{} {} {:?}",
        findings[0].message, findings[0].pointer, findings[0].help
    );
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(!shown.contains("admin"), "{shown}");
    assert_eq!(findings[0].rule, Rule::UnknownField);
}
