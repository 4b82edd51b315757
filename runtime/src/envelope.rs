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

use crate::finding::Finding;
use crate::offsets::{Checkpoint, OffsetMap};
use crate::reader::{self, Document, Kind, Syntax};

/// Unwraps the envelope when `doc` is one and parses its content in `syntax`.
///
/// `doc` is an envelope when its root is an object with exactly one member, named `value` in
/// any ASCII case (the API binds member names case-insensitively), whose value is a string.
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
    if doc.is_enveloped() {
        return None;
    }
    let root = doc.root();
    let mut members = root.members();
    let member = members.next()?;
    if members.next().is_some()
        || !member.name.eq_ignore_ascii_case("value")
        || member.value.kind() != Kind::String
    {
        return None;
    }
    let file: &'a str = doc.file();
    let open = member.value.span().start as usize;
    // The string already parsed once, so this cannot fail; stay total anyway.
    let lenient = doc.syntax() == Syntax::Lenient;
    let (text, map) = unescape_string(file, open, lenient)?;
    Some(reader::build(Cow::Owned(text), file, Some(map), 0, syntax))
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
