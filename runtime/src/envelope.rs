//! The Ivanti `{"value": "..."}` envelope.
//!
//! The Ivanti Endpoint Security API takes a request body as a JSON string holding the real
//! document ("stringified JSON"): `{"value": "{Name: \"Test\", ...}"}`. To validate the real
//! document and still report positions a person can find in the file, the string is unescaped
//! once while recording checkpoints (offset in the unescaped text → offset in the file) at
//! every escape sequence; an inner offset then maps back to its file offset by one binary
//! search. Between checkpoints the text is verbatim, so the mapping is exact there; an offset
//! that falls inside the output of an escape maps to the escape's backslash.

use std::borrow::Cow;

use crate::finding::{Finding, Rule, Severity};
use crate::offsets::{Checkpoint, OffsetMap};
use crate::reader::{self, Document, Syntax, ValueRef};
use crate::redact::{redact, redact_pointer};

/// Unwraps the envelope when `doc` is one and parses its content in `syntax`.
///
/// `doc` is an envelope when its root is an object whose member named `value` in any ASCII
/// case (the API binds member names case-insensitively; of several, the last, as Json.NET
/// keeps) holds a string, and either that is its only member or the string holds a
/// document (an object or an array): the server's formatter binds the envelope to a class
/// with one `Value` property, ignoring other members ([`envelope_findings`] reports them).
/// Returns `None` when it is not (validate `doc` itself then), `Some(Ok(inner))` with a
/// document whose [`Document::line_col`] and [`Document::file_offset`] answer in the file, or
/// `Some(Err(finding))` for a syntax error inside the string, located in the file.
///
/// Envelopes are unwrapped once: on a document that is itself the content of an envelope this
/// returns `None` (the API parses the string once, so a doubly wrapped body is a string, not
/// a model).
pub fn unwrap_envelope<'a>(
    doc: &Document<'a>,
    syntax: Syntax,
) -> Option<Result<Document<'a>, Finding>> {
    let value = envelope_value(doc)?;
    let file: &'a str = doc.file();
    let open = value.span().start as usize;
    // The string already parsed once, so this cannot fail; stay total anyway.
    let lenient = doc.syntax() == Syntax::Lenient;
    let (text, map) = unescape_string(file, open, lenient)?;
    Some(reader::build(Cow::Owned(text), file, Some(map), 0, syntax).and_then(Document::whole))
}

/// Whether `name` is the envelope's member name.
fn is_value_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("value")
}

/// The envelope's string, when `doc` is an envelope (see [`unwrap_envelope`]).
fn envelope_value<'d>(doc: &'d Document<'_>) -> Option<ValueRef<'d>> {
    if doc.is_enveloped() {
        return None;
    }
    let root = doc.root();
    let value = root
        .members()
        .filter(|m| is_value_name(m.name))
        .last()?
        .value;
    let text = value.as_str()?;
    let alone = root.len() == 1;
    let holds_document = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with(['{', '[']);
    (alone || holds_document).then_some(value)
}

/// What the server does with the rest of an envelope `doc` (see [`unwrap_envelope`]): a
/// `duplicate_key` error for each `value` member before the last (the server reads the
/// last), an `unknown_field` error for each other member (it is ignored, so what it was
/// meant to say is lost), and a warning for content after the envelope object (the
/// formatter never reads it). Empty when `doc` is no envelope.
/// Member names are quoted with any credential in them masked, as the walk quotes them.
pub fn envelope_findings(doc: &Document<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    // The common envelope, one member and nothing after it, has nothing to report.
    if doc.root().len() <= 1 && doc.trailing().is_none() {
        return findings;
    }
    let Some(value) = envelope_value(doc) else {
        return findings;
    };
    for member in doc.root().members() {
        if member.value.index() == value.index() {
            continue;
        }
        let name = redact(member.name);
        let pointer = redact_pointer(&crate::pointer::child_key("", member.name)).into_owned();
        let (rule, message) = if is_value_name(member.name) {
            (
                Rule::DuplicateKey,
                format!(
                    "duplicate member `{name}` in the envelope: the server reads only the last one"
                ),
            )
        } else {
            (
                Rule::UnknownField,
                format!(
                    "unknown member `{name}` beside the envelope's `value`: the server ignores it"
                ),
            )
        };
        findings.push(doc.finding(
            Severity::Error,
            rule,
            pointer,
            member.name_span.start,
            message,
        ));
    }
    if let Some(offset) = doc.trailing() {
        findings.push(
            doc.finding(
                Severity::Warning,
                Rule::Syntax,
                String::new(),
                offset,
                "content after the envelope: the server reads the envelope object and never \
             what follows it"
                    .to_owned(),
            ),
        );
    }
    findings
}

/// The content of the string literal whose opening quote is at `open` in `file`, unescaped,
/// with the [`OffsetMap`] from offsets in the content back to offsets in `file`.
///
/// What the envelope reads its inner document with, and what `vendorspec traffic` reads
/// the bodies of a HAR capture with (a body is a JSON string inside the HAR file). `None`
/// when there is no string literal at `open` or it does not unescape (in `lenient` syntax:
/// single quotes, raw control characters and `\'` accepted).
pub fn unescape_string(file: &str, open: usize, lenient: bool) -> Option<(String, OffsetMap)> {
    let quote = *file.as_bytes().get(open)?;
    if quote != b'"' && !(lenient && quote == b'\'') {
        return None;
    }
    let content = open + 1;
    let mut checkpoints = vec![Checkpoint {
        inner: 0,
        file: to_u32(content),
        verbatim: true,
    }];
    let mut text = String::new();
    let mut on_escape = |e: reader::EscapeEvent| {
        checkpoints.push(Checkpoint {
            inner: to_u32(e.out_before),
            file: to_u32(e.raw_start),
            verbatim: false,
        });
        checkpoints.push(Checkpoint {
            inner: to_u32(e.out_after),
            file: to_u32(e.raw_end),
            verbatim: true,
        });
    };
    reader::unescape(
        file,
        content,
        open,
        quote,
        lenient,
        &mut text,
        &mut on_escape,
    )
    .ok()?;
    Some((text, OffsetMap { checkpoints }))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
