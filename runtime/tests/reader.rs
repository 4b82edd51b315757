//! The reader's behaviour, through its public API: every syntax error kind with its exact
//! line, column and message, both syntaxes, duplicates, the byte-order mark, deep nesting and
//! numbers at the edges.

use vendorspec_runtime::reader::{JSONNET_MAX_DEPTH, Kind, MAX_DEPTH, Syntax, line_col_in, parse};
use vendorspec_runtime::{Rule, Severity};

use Syntax::{Lenient, Strict};

/// Parses `input`, expecting a syntax error; returns (line, column, message).
#[track_caller]
fn fails(input: impl AsRef<[u8]>, syntax: Syntax) -> (u32, u32, String) {
    match parse(input.as_ref(), syntax) {
        Ok(_) => panic!(
            "expected a syntax error for {:?}",
            String::from_utf8_lossy(input.as_ref())
        ),
        Err(f) => {
            assert_eq!(f.rule, Rule::Syntax);
            assert_eq!(f.severity, Severity::Error);
            (f.line, f.column, f.message)
        }
    }
}

#[track_caller]
fn check(input: &str, syntax: Syntax, line: u32, column: u32, message: &str) {
    assert_eq!(
        fails(input, syntax),
        (line, column, message.to_owned()),
        "input {input:?}"
    );
}

#[track_caller]
fn ok(input: &str, syntax: Syntax) {
    if let Err(f) = parse(input.as_bytes(), syntax) {
        panic!("{input:?} should parse in {syntax:?}: {f}");
    }
}

#[test]
fn missing_comma_between_members() {
    for syntax in [Strict, Lenient] {
        check(
            r#"{"a": 1 "b": 2}"#,
            syntax,
            1,
            9,
            "expected `,` or `}` after member value, found `\"`",
        );
        check(
            "[1\n 2]",
            syntax,
            2,
            2,
            "expected `,` or `]` after array item, found `2`",
        );
        check(
            r#"{"a" 1}"#,
            syntax,
            1,
            6,
            "expected `:` after member name, found `1`",
        );
        check(
            "{\"a\": 1, ]",
            syntax,
            1,
            10,
            "expected a member name, found `]`",
        );
    }
}

#[test]
fn trailing_commas() {
    check(
        "{\n  \"a\": 1,\n}",
        Strict,
        2,
        9,
        "trailing comma is not allowed in strict JSON",
    );
    check(
        "[1, 2,]",
        Strict,
        1,
        6,
        "trailing comma is not allowed in strict JSON",
    );
    ok("{\n  \"a\": 1,\n}", Lenient);
    ok("[1, 2, ]", Lenient);
    ok("[[],]", Lenient);
    // Only one trailing comma, and never an empty element.
    let hole = "a hole in an array (a comma with no value before it): Json.NET reads it as null";
    check("[1,,]", Lenient, 1, 4, hole);
    check("[,]", Lenient, 1, 2, hole);
    check("[1,,2]", Strict, 1, 4, "expected a value, found `,`");
    check("{,}", Lenient, 1, 2, "expected a member name, found `,`");
}

#[test]
fn unquoted_member_names() {
    check(
        "{\n  Name: \"x\"}",
        Strict,
        2,
        3,
        "unquoted member name `Name` is not allowed in strict JSON",
    );
    let doc = parse(b"{Name: 1, $a_1: 2, Caf\xC3\xA9: 3, 9x: 4}", Lenient).unwrap();
    let names: Vec<&str> = doc.root().members().map(|m| m.name).collect();
    assert_eq!(names, ["Name", "$a_1", "Café", "9x"]);
    let first = doc.root().members().next().unwrap();
    assert_eq!((first.name_span.start, first.name_span.end), (1, 5));
    check(
        "{a-b: 1}",
        Lenient,
        1,
        3,
        "expected `:` after member name, found `-`",
    );
}

#[test]
fn single_quoted_strings() {
    check(
        "['a']",
        Strict,
        1,
        2,
        "single-quoted strings are not allowed in strict JSON",
    );
    check(
        "{'a': 1}",
        Strict,
        1,
        2,
        "single-quoted strings are not allowed in strict JSON",
    );
    let doc = parse(br#"{'k"': 'it\'s "x"', "d": "\'"}"#, Lenient).unwrap();
    let m: Vec<(&str, &str)> = doc
        .root()
        .members()
        .map(|m| (m.name, m.value.as_str().unwrap()))
        .collect();
    assert_eq!(m, [("k\"", "it's \"x\""), ("d", "'")]);
    check(r#"["\'"]"#, Strict, 1, 3, "invalid escape `\\'`");
}

#[test]
fn comments() {
    check(
        "// c\n1",
        Strict,
        1,
        1,
        "comments are not allowed in strict JSON",
    );
    check(
        "[1 /* c */]",
        Strict,
        1,
        4,
        "comments are not allowed in strict JSON",
    );
    let doc = parse(
        b"// head\n{ /* a */ a : /* c */ 1 /* d */, // e\n b: [/**/2//\n,] } // tail",
        Lenient,
    )
    .unwrap();
    let root = doc.root();
    assert_eq!(root.get("a").unwrap().as_i64(), Some(1));
    assert_eq!(root.get("b").unwrap().len(), 1);
    check("[1 /* c ", Lenient, 1, 4, "unterminated block comment");
    // Json.NET reads no comment between a member name and its colon.
    check(
        "{a /* b */ : 1}",
        Lenient,
        1,
        4,
        "expected `:` after member name, found `/`: the server (Json.NET) reads no comment \
         between a member name and its colon",
    );
    check(
        "[1 / 2]",
        Lenient,
        1,
        4,
        "expected `//` or `/*` to start a comment, found `/` followed by a space",
    );
    ok("1 // no newline at end", Lenient);
}

#[test]
fn strings() {
    check("[\"abc", Strict, 1, 2, "unterminated string");
    check("[\"ab\\", Strict, 1, 2, "unterminated string");
    check("{\"a\\u00e9", Lenient, 1, 2, "unterminated string");
    check(r#"["\x"]"#, Strict, 1, 3, "invalid escape `\\x`");
    check(
        r#"["\u12G4"]"#,
        Strict,
        1,
        3,
        "invalid escape: `\\u` must be followed by four hex digits",
    );
    check(
        "[\"a\nb\"]",
        Strict,
        1,
        4,
        "control character U+000A must be escaped in a string in strict JSON",
    );
    check("[\"a\\\nb\"]", Lenient, 1, 4, "invalid escape `\\U+000A`");
    check(
        r#"["\uD800"]"#,
        Strict,
        1,
        3,
        "lone surrogate `\\uD800` is not a Unicode character (a high surrogate must be followed by a low one)",
    );
    check(
        r#"["\uDC00\uD800"]"#,
        Strict,
        1,
        3,
        "lone surrogate `\\uDC00` is not a Unicode character (a high surrogate must be followed by a low one)",
    );
    let doc = parse("[\"a\nb\t\"]".as_bytes(), Lenient).unwrap();
    assert_eq!(doc.root().items().next().unwrap().as_str(), Some("a\nb\t"));

    let doc = parse(
        br#"{"a\u00e9\n": "x\"y\/\\\b\f\r\t\ud83d\ude00", "plain": "caf\u00E9"}"#,
        Strict,
    )
    .unwrap();
    let m: Vec<(&str, &str)> = doc
        .root()
        .members()
        .map(|m| (m.name, m.value.as_str().unwrap()))
        .collect();
    assert_eq!(
        m,
        [
            ("a\u{e9}\n", "x\"y/\\\u{8}\u{c}\r\t\u{1F600}"),
            ("plain", "caf\u{e9}")
        ]
    );
}

#[test]
fn literals_and_values() {
    check("[tru]", Strict, 1, 2, "expected a value, found `tru`");
    check(
        "[trueish]",
        Strict,
        1,
        2,
        "expected a value, found `trueish`",
    );
    check("[NaN]", Strict, 1, 2, "expected a value, found `NaN`");
    // Lenient syntax names the JavaScript values Json.NET reads.
    for (text, start) in [
        ("[NaN]", "found a JavaScript number that is not JSON"),
        ("[Infinity]", "found a JavaScript number that is not JSON"),
        (
            "[undefined]",
            "found `undefined`, JavaScript that is not JSON",
        ),
        ("[new Date(1)]", "found a JavaScript constructor"),
    ] {
        let f = parse(text.as_bytes(), Lenient).unwrap_err();
        assert!(f.message.starts_with(start), "{text}: {}", f.message);
        assert_eq!((f.line, f.column), (1, 2), "{text}");
    }
    check("[NaNa]", Lenient, 1, 2, "expected a value, found `NaNa`");
    check("[#]", Strict, 1, 2, "expected a value, found `#`");
    check("[\u{1}]", Strict, 1, 2, "expected a value, found U+0001");
    let doc = parse(b" [true, false, null] ", Strict).unwrap();
    let kinds: Vec<(Kind, Option<bool>)> = doc
        .root()
        .items()
        .map(|v| (v.kind(), v.as_bool()))
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::Bool, Some(true)),
            (Kind::Bool, Some(false)),
            (Kind::Null, None)
        ]
    );
    assert!(doc.root().items().nth(2).unwrap().is_null());
    assert_eq!(Kind::Bool.as_str(), "boolean");
}

#[test]
fn numbers_syntax() {
    check("[01]", Strict, 1, 2, "leading zeros are not allowed");
    check(
        "[-012]",
        Lenient,
        1,
        3,
        "leading zeros are not allowed: the server (Json.NET) reads a number with a leading \
         zero as octal (010 is 8)",
    );
    check(
        "[1.]",
        Strict,
        1,
        4,
        "expected a digit after the decimal point, found `]`",
    );
    check("[.5]", Strict, 1, 2, "expected a value, found `.`");
    check(
        "[1e]",
        Strict,
        1,
        4,
        "expected a digit in the exponent, found `]`",
    );
    check(
        "[1e+]",
        Strict,
        1,
        5,
        "expected a digit in the exponent, found `]`",
    );
    check("[-]", Strict, 1, 3, "expected a digit after `-`, found `]`");
    check(
        "-",
        Strict,
        1,
        2,
        "expected a digit after `-`, found end of input",
    );
    check("[+1]", Strict, 1, 2, "expected a value, found `+`");
    check(
        "[0x1]",
        Strict,
        1,
        3,
        "expected `,` or `]` after array item, found `x`",
    );
}

#[test]
fn end_of_input_and_trailing_content() {
    check(
        "",
        Strict,
        1,
        1,
        "unexpected end of input: expected a value",
    );
    check(
        "  \n ",
        Lenient,
        2,
        2,
        "unexpected end of input: expected a value",
    );
    check(
        "[1,",
        Strict,
        1,
        4,
        "unexpected end of input: expected a value",
    );
    check(
        "[1",
        Strict,
        1,
        3,
        "unexpected end of input: expected `,` or `]`",
    );
    check(
        "{\"a\":1",
        Strict,
        1,
        7,
        "unexpected end of input: expected `,` or `}`",
    );
    check(
        "{\"a\"",
        Strict,
        1,
        5,
        "expected `:` after member name, found end of input",
    );
    check(
        "{",
        Strict,
        1,
        2,
        "unexpected end of input: expected a member name",
    );
    check(
        "[1] x",
        Strict,
        1,
        5,
        "unexpected content after the document",
    );
    check(
        "{}{}",
        Lenient,
        1,
        3,
        "unexpected content after the document",
    );
    ok("[1] // done", Lenient);
}

#[test]
fn columns_count_unicode_scalar_values() {
    // `é` is two bytes but one column.
    let (line, column, _) = fails("[\"é\", x]", Strict);
    assert_eq!((line, column), (1, 7));
    let f = parse("[\"é\", x]".as_bytes(), Strict).unwrap_err();
    assert_eq!(f.offset, 7);
    // CRLF line ends count as one line break; tabs as one column.
    check(
        "[\r\n\t1 2]",
        Strict,
        2,
        4,
        "expected `,` or `]` after array item, found `2`",
    );
}

#[test]
fn byte_order_mark_is_skipped() {
    let doc = parse(b"\xEF\xBB\xBF{\"a\": 1}", Strict).unwrap();
    let a = doc.root().get("a").unwrap();
    assert_eq!(a.span().start, 9);
    assert_eq!(doc.line_col(a.span().start), (1, 7));
    assert_eq!(doc.root().span().start, 3);
    let f = parse(b"\xEF\xBB\xBF[1,]", Strict).unwrap_err();
    assert_eq!((f.line, f.column, f.offset), (1, 3, 5));
    // Only at the start.
    check(
        "[\u{FEFF}1]",
        Strict,
        1,
        2,
        "expected a value, found `\u{FEFF}`",
    );
    check(
        "\u{FEFF}",
        Strict,
        1,
        1,
        "unexpected end of input: expected a value",
    );
}

#[test]
fn invalid_utf8() {
    let f = parse(b"[\"\xFF\"]", Strict).unwrap_err();
    assert_eq!(
        (f.line, f.column, f.offset, f.message.as_str()),
        (1, 3, 2, "invalid UTF-8 byte 0xFF")
    );
    // Position after multi-byte characters and lines; the bad byte is a truncated sequence.
    let f = parse(b"{\n \"\xC3\xA9\": \"\xE2\x82\"}", Lenient).unwrap_err();
    assert_eq!(
        (f.line, f.column, f.message.as_str()),
        (2, 8, "invalid UTF-8 byte 0xE2")
    );
    assert_eq!(line_col_in(b"a\nbc", 3), (2, 2));
    assert_eq!(line_col_in(b"a", 99), (1, 2));
}

/// Lenient syntax reads hex integers as Json.NET does (`Convert.ToInt64(text, 16)`): the
/// value is read, the lexeme kept, and nothing beyond a signed 64-bit integer.
#[test]
fn hex_numbers_in_lenient_syntax() {
    let doc = parse(b"[0x1F, 0XbB8, 0x0, 0x7FFFFFFFFFFFFFFF, 10]", Lenient).unwrap();
    let items: Vec<_> = doc.root().items().collect();
    let read: Vec<_> = items
        .iter()
        .map(|v| (v.integer_value(), v.is_hex(), v.is_integer(), v.raw()))
        .collect();
    assert_eq!(
        read,
        [
            (Some(31), true, false, "0x1F"),
            (Some(3000), true, false, "0XbB8"),
            (Some(0), true, false, "0x0"),
            (
                Some(i128::from(i64::MAX)),
                true,
                false,
                "0x7FFFFFFFFFFFFFFF"
            ),
            (Some(10), false, true, "10"),
        ]
    );
    assert_eq!(items[1].as_f64(), Some(3000.0));
    assert_eq!(items[2].as_f64(), Some(0.0));
    // Lexeme-based, as serde reads: no integer lexeme.
    assert_eq!((items[1].as_i64(), items[1].as_u64()), (None, None));
    assert_eq!(items[1].integer_reading(), (Some(3000), false));
    for (text, column, message) in [
        ("[0x]", 4, "expected a hex digit after `0x`, found `]`"),
        ("[0xG]", 4, "expected a hex digit after `0x`, found `G`"),
        (
            "[0x8000000000000000]",
            2,
            "hex number beyond a signed 64-bit integer: Json.NET refuses it or reads it as a \
             negative number",
        ),
        (
            "[0x1.5]",
            5,
            "expected `,` or `]` after array item, found `.`",
        ),
        (
            "[-0x1]",
            4,
            "expected `,` or `]` after array item, found `x`",
        ),
    ] {
        check(text, Lenient, 1, column, message);
    }
}

#[test]
fn nesting_limit() {
    let deep_ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    ok(&deep_ok, Strict);
    let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    check(&too_deep, Strict, 1, 129, "nesting deeper than 128 levels");
    // Far deeper: a finding, not a stack overflow.
    let hostile = "[".repeat(100_000);
    check(&hostile, Strict, 1, 129, "nesting deeper than 128 levels");
    let hostile = "{\"a\":".repeat(100_000);
    let f = parse(hostile.as_bytes(), Strict).unwrap_err();
    assert_eq!(f.message, "nesting deeper than 128 levels");
    assert_eq!(f.pointer, "/a".repeat(128));
    // Lenient syntax (Json.NET's) stops at 13's default MaxDepth.
    let deep_ok = format!(
        "{}{}",
        "[".repeat(JSONNET_MAX_DEPTH),
        "]".repeat(JSONNET_MAX_DEPTH)
    );
    ok(&deep_ok, Lenient);
    let f = parse(hostile.as_bytes(), Lenient).unwrap_err();
    assert!(
        f.message
            .starts_with("nesting deeper than 64 levels: Json.NET 13 refuses it"),
        "{}",
        f.message
    );
    assert_eq!(f.pointer, "/a".repeat(64));
}

#[test]
fn error_pointers() {
    let pointer = |s: &str| parse(s.as_bytes(), Strict).unwrap_err().pointer;
    assert_eq!(pointer(r#"{"a": [1, 2, tru]}"#), "/a/2");
    assert_eq!(pointer(r#"{"a": {"b" 1}}"#), "/a");
    assert_eq!(pointer(r#"{"a/b~": [[], [1 2]]}"#), "/a~1b~0/1");
    assert_eq!(pointer(r#"[{"x": 1}, {"y": "\q"}]"#), "/1/y");
    assert_eq!(pointer("[1,]"), "");
    assert_eq!(pointer("tru"), "");
}

#[test]
fn duplicates_are_kept_in_order() {
    let doc = parse(br#"{"a": 1, "b": [true], "a": 2, "a": {"a": 3}}"#, Strict).unwrap();
    let root = doc.root();
    assert_eq!(root.len(), 4);
    let members: Vec<(&str, u32)> = root
        .members()
        .map(|m| (m.name, m.name_span.start))
        .collect();
    assert_eq!(members, [("a", 1), ("b", 9), ("a", 22), ("a", 30)]);
    assert_eq!(root.get("a").unwrap().as_i64(), Some(1));
    let last = root.members().last().unwrap().value;
    assert_eq!(last.get("a").unwrap().as_i64(), Some(3));
    assert_eq!(root.members().len(), 4);
}

#[test]
fn spans_and_positions() {
    let text = "{\n  \"list\": [10, \"s\", {}],\n  \"n\": null\n}";
    let doc = parse(text.as_bytes(), Strict).unwrap();
    let root = doc.root();
    assert_eq!((root.span().start, root.span().end), (0, text.len() as u32));
    let list = root.get("list").unwrap();
    assert_eq!(list.raw(), "[10, \"s\", {}]");
    assert_eq!(doc.line_col(list.span().start), (2, 11));
    let items: Vec<&str> = list.items().map(|v| v.raw()).collect();
    assert_eq!(items, ["10", "\"s\"", "{}"]);
    assert_eq!(list.items().len(), 3);
    let n = root.get("n").unwrap();
    assert_eq!(doc.line_col(n.span().start), (3, 8));
    assert_eq!(doc.line_col(text.len() as u32), (4, 2));
    // Items and members of the wrong kind are empty, not a panic.
    assert_eq!(n.items().count() + n.members().count() + n.len(), 0);
    assert!(root.items().next().is_none());
    assert_eq!(doc.source(), text.as_bytes());
    assert!(!doc.is_enveloped());
    assert_eq!(doc.node_count(), 8);
    let f = doc.finding(
        Severity::Warning,
        Rule::Advice("hint".into()),
        "/n".into(),
        n.span().start,
        "m".into(),
    );
    assert_eq!((f.line, f.column, f.offset), (3, 8, n.span().start));
}

#[test]
fn number_accessors_never_wrap() {
    let doc = parse(
        b"[1e400, -0, 123456789012345678901234567890, 1.0, 1e2, 1.5e1, 1e-1, 1.5, \
          0e99999999999999999999, 1e99999999999999999999, 18446744073709551615, \
          -9223372036854775808, 9223372036854775808, 9007199254740993, -1e-400, \
          170141183460469231731687303715884105727, 170141183460469231731687303715884105728, \
          -170141183460469231731687303715884105728, 12300e-2, 0.000, -5]",
        Strict,
    )
    .unwrap();
    let v: Vec<_> = doc.root().items().collect();
    let n = |i: usize| v[i];

    // 1e400: too large for everything.
    assert_eq!(n(0).as_f64(), None);
    assert_eq!(n(0).integer_value(), None);
    assert_eq!((n(0).as_i64(), n(0).as_u64()), (None, None));
    assert!(!n(0).is_integer());
    assert_eq!(n(0).as_number_str(), Some("1e400"));

    // -0
    assert_eq!((n(1).as_i64(), n(1).as_u64()), (Some(0), Some(0)));
    assert!(n(1).as_f64().unwrap().is_sign_negative());
    assert_eq!(n(1).integer_value(), Some(0));
    assert!(n(1).is_integer());

    // 30 digits: no i64/u64, an approximate f64, the exact i128.
    assert_eq!((n(2).as_i64(), n(2).as_u64()), (None, None));
    assert_eq!(n(2).as_f64(), Some(1.2345678901234568e29));
    assert_eq!(
        n(2).integer_value(),
        Some(123_456_789_012_345_678_901_234_567_890)
    );

    // Value-based integers vs lexeme-based.
    assert_eq!(
        (n(3).is_integer(), n(3).as_i64(), n(3).integer_value()),
        (false, None, Some(1))
    );
    assert_eq!(n(4).integer_value(), Some(100));
    assert_eq!(n(5).integer_value(), Some(15));
    assert_eq!(n(6).integer_value(), None);
    assert_eq!(n(7).integer_value(), None);
    assert_eq!(n(7).as_f64(), Some(1.5));
    assert_eq!(n(8).integer_value(), Some(0));
    assert_eq!(n(9).integer_value(), None);
    assert_eq!(n(9).as_f64(), None);
    assert_eq!(n(10).as_u64(), Some(u64::MAX));
    assert_eq!(n(10).as_i64(), None);
    assert_eq!(n(11).as_i64(), Some(i64::MIN));
    assert_eq!(n(11).as_u64(), None);
    assert_eq!(n(12).as_i64(), None);
    assert_eq!(n(12).as_u64(), Some(9_223_372_036_854_775_808));
    assert_eq!(n(13).integer_value(), Some(9_007_199_254_740_993));
    assert_eq!(n(14).as_f64(), Some(-0.0));
    assert_eq!(n(14).integer_value(), None);
    assert_eq!(n(15).integer_value(), Some(i128::MAX));
    assert_eq!(n(16).integer_value(), None);
    assert_eq!(
        n(17).integer_value(),
        None,
        "i128::MIN is not needed and not given"
    );
    assert_eq!(n(18).integer_value(), Some(123));
    assert_eq!(n(19).integer_value(), Some(0));
    assert_eq!(
        (n(20).as_i64(), n(20).as_u64(), n(20).integer_value()),
        (Some(-5), None, Some(-5))
    );

    // Accessors of the wrong kind.
    let s = parse(b"\"12\"", Strict).unwrap();
    let s = s.root();
    assert_eq!(
        (s.as_i64(), s.as_u64(), s.as_f64(), s.integer_value()),
        (None, None, None, None)
    );
    assert_eq!((s.as_number_str(), s.as_bool()), (None, None));
    assert!(!s.is_integer());
}

/// Lenient syntax skips the whitespace Json.NET skips between tokens: .NET's
/// `char.IsWhiteSpace` (no-break space, vertical tab, form feed, U+2028, ...) and NUL;
/// strict JSON does not. A line comment ends at a carriage return too.
#[test]
fn dotnet_whitespace_between_tokens() {
    for space in [
        '\u{A0}', '\u{B}', '\u{C}', '\u{2028}', '\u{3000}', '\u{85}', '\0',
    ] {
        let text = format!("{space}{{a{space}:{space}[1,{space}2]{space}}}{space}");
        let doc = parse(text.as_bytes(), Lenient)
            .unwrap_or_else(|f| panic!("U+{:04X}: {}", u32::from(space), f.message));
        assert_eq!(doc.root().get("a").unwrap().len(), 2);
        assert!(parse(text.as_bytes(), Strict).is_err());
    }
    // Not whitespace to .NET either: a zero-width space, a file separator.
    for other in ['\u{200B}', '\u{1C}'] {
        assert!(parse(format!("[1,{other}2]").as_bytes(), Lenient).is_err());
    }
    let doc = parse(b"[1, // c\r2]", Lenient).unwrap();
    assert_eq!(doc.root().len(), 2);
}
