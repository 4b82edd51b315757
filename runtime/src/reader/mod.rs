//! A single-pass JSON reader that keeps every location.
//!
//! Why not `serde_json::Value`: validation must report *every* violation with its line and
//! column, keep duplicate members (so they can be reported), and accept the lenient dialect the
//! Ivanti server's Json.NET reader accepts. Why not a generic span-carrying crate: the product
//! must parse and validate in at most 1.2x the time `serde_json` takes to parse alone, so the
//! tree is built for speed:
//!
//! - one arena (`Vec` of small fixed-size nodes) in document (pre-)order, byte offsets as
//!   `u32`, and a skip index on each container so siblings are found in O(1);
//! - strings without escapes are never copied: a node records their byte range in the input;
//!   strings with escapes are unescaped once into one shared buffer;
//! - the input is checked for UTF-8 once, up front, so string slices are taken without
//!   re-validation;
//! - line and column are never computed while parsing: [`Document::line_col`] computes them
//!   from a byte offset, through a line-start index built lazily the first time it is needed.
//!
//! Nesting is handled with an explicit stack, never recursion, and is limited to
//! [`MAX_DEPTH`] levels, so hostile input cannot overflow the stack.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::finding::{Finding, Rule, Severity};
use crate::lines::LineIndex;
use crate::offsets::OffsetMap;
use crate::pointer;

mod parser;
mod tree;

#[cfg(test)]
use parser::skip_plain;
pub(crate) use parser::{EscapeEvent, unescape};
pub use tree::{Items, Member, Members, ValueRef};

/// The deepest nesting of arrays and objects accepted; one more level is a `syntax` finding.
///
/// 128 is one level more than `serde_json` accepts by default (it refuses the 128th level),
/// and far deeper than any payload of the APIs vendorspec covers. The limit bounds the parser's stack and every later walk over the tree.
pub const MAX_DEPTH: usize = 128;

/// The deepest nesting [`Syntax::Lenient`] accepts: Json.NET's default `MaxDepth` from
/// 13.0.1 (6.0 has no limit; where the versions differ the stricter reading is taken).
pub const JSONNET_MAX_DEPTH: usize = 64;

/// Which JSON dialect to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// RFC 8259 exactly (a leading UTF-8 byte-order mark is skipped, as the RFC allows).
    ///
    /// One deliberate narrowing, in both syntaxes: a `\u` escape of a lone surrogate
    /// (`"\uD800"`) is a syntax error. The RFC's grammar admits it but it is not Unicode text,
    /// `serde_json` (which builds the typed models) rejects it, and accepting it would need
    /// lossy replacement.
    Strict,
    /// What the Ivanti server's Json.NET reader accepts on top of strict JSON: unquoted member
    /// names made of letters, digits, `_` and `$`; single-quoted strings (with the same
    /// escapes plus `\'`, which double-quoted strings accept too); one trailing comma before
    /// `]` or `}`; `//` line comments and `/* */` block comments wherever whitespace may be,
    /// except between a member name and its colon (Json.NET refuses one there); the
    /// whitespace .NET's `char.IsWhiteSpace` accepts (no-break space, vertical tab, form
    /// feed, U+2028, ...) and NUL between tokens, as Json.NET skips them;
    /// and raw control characters (such as newlines) inside strings; hexadecimal integers
    /// (`0x1F`), which Json.NET reads as 64-bit integers; nesting at most
    /// [`JSONNET_MAX_DEPTH`] levels deep. Other numbers and the literals are as strict as in
    /// [`Syntax::Strict`].
    Lenient,
}

impl Syntax {
    /// The deepest nesting of arrays and objects accepted: [`MAX_DEPTH`], or
    /// [`JSONNET_MAX_DEPTH`] in the lenient syntax.
    pub fn max_depth(self) -> usize {
        match self {
            Syntax::Strict => MAX_DEPTH,
            Syntax::Lenient => JSONNET_MAX_DEPTH,
        }
    }
}

/// A byte range `[start, end)` in the text a [`Document`] was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number (kept as its lexeme).
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    /// The JSON Schema name of the type (`null`, `boolean`, `number`, `string`, `array`,
    /// `object`), for messages such as "expected string, found number".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
    /// A member name; the member's value is the next node.
    Key,
}

/// One node of the arena. 20 bytes.
///
/// `a`/`b` depend on the tag: for containers `a` is the index one past the subtree (the next
/// sibling) and `b` the number of items or members; for strings and keys they are the content
/// range, in the text when `flag` is false and in the unescape buffer when it is true; for
/// numbers `flag` says the lexeme has a fraction or an exponent, and when `small` is set,
/// `a`/`b` hold the value (a plain integer of at most 18 digits: low and high halves of
/// its `i64`), read once here rather than from the lexeme by every check that needs it.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    a: u32,
    b: u32,
    tag: Tag,
    flag: bool,
    small: bool,
}

const _: () = assert!(std::mem::size_of::<Node>() == 20);

/// A parsed JSON document: the tree of values with their locations.
///
/// Spans are byte offsets into [`Document::text`]: the file itself for a document parsed with
/// [`parse`], the unescaped envelope string for one returned by
/// [`crate::envelope::unwrap_envelope`]. [`Document::line_col`] and
/// [`Document::file_offset`] always answer in the file.
#[derive(Debug)]
pub struct Document<'a> {
    text: Cow<'a, str>,
    file: &'a str,
    map: Option<OffsetMap>,
    syntax: Syntax,
    nodes: Vec<Node>,
    strings: String,
    lines: OnceLock<LineIndex>,
    /// Where content after the root value starts, in a document parsed with
    /// [`parse_first`].
    trailing: Option<u32>,
}

/// Parses `input` as one JSON document in the given syntax.
///
/// Stops at the first syntax error and returns it as a [`Rule::Syntax`] finding with the
/// byte offset, line and column of the offending byte and, in its pointer, where in the tree
/// the parser was. A UTF-8 byte-order mark at the start is skipped. The input is checked for
/// UTF-8 before anything else, so invalid UTF-8 is reported even after a syntax error that
/// comes earlier in the file.
pub fn parse(input: &[u8], syntax: Syntax) -> Result<Document<'_>, Finding> {
    let doc = parse_first(input, syntax)?;
    match doc.trailing_error() {
        None => Ok(doc),
        Some(error) => Err(error),
    }
}

/// [`parse`], except that content after the root value is not read: it is kept as
/// [`Document::trailing`]. What the Ivanti envelope is read with, since the server's
/// formatter reads the envelope object and never looks at what follows it.
pub fn parse_first(input: &[u8], syntax: Syntax) -> Result<Document<'_>, Finding> {
    if u32::try_from(input.len()).is_err() {
        return Err(Finding {
            severity: Severity::Error,
            rule: Rule::Syntax,
            pointer: String::new(),
            line: 1,
            column: 1,
            offset: 0,
            message: "input larger than 4 GiB is not supported".to_owned(),
            help: None,
        });
    }
    let file = match std::str::from_utf8(input) {
        Ok(file) => file,
        Err(error) => {
            let offset = error.valid_up_to();
            let byte = input.get(offset).copied().unwrap_or(0);
            let (line, column) = line_col_in(input, offset);
            return Err(Finding {
                severity: Severity::Error,
                rule: Rule::Syntax,
                pointer: String::new(),
                line,
                column,
                offset: to_u32(offset),
                message: format!("invalid UTF-8 byte 0x{byte:02X}"),
                help: None,
            });
        }
    };
    let start = if file.starts_with('\u{FEFF}') { 3 } else { 0 };
    build(Cow::Borrowed(file), file, None, start, syntax)
}

/// Parses `text` (a document's own text) into a [`Document`] whose locations go through `map`
/// into `file`. Shared by [`parse`] and the envelope.
pub(crate) fn build<'a>(
    text: Cow<'a, str>,
    file: &'a str,
    map: Option<OffsetMap>,
    start: usize,
    syntax: Syntax,
) -> Result<Document<'a>, Finding> {
    let parsed = parser::run(&text, start, syntax);
    let (nodes, strings, trailing, failure) = match parsed {
        Ok((nodes, strings, trailing)) => (nodes, strings, trailing.map(to_u32), None),
        Err(failure) => (Vec::new(), String::new(), None, Some(failure)),
    };
    let doc = Document {
        text,
        file,
        map,
        syntax,
        nodes,
        strings,
        lines: OnceLock::new(),
        trailing,
    };
    match failure {
        None => Ok(doc),
        Some((error, pointer)) => Err(doc.finding(
            Severity::Error,
            Rule::Syntax,
            pointer,
            to_u32(error.offset),
            error.message,
        )),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Document<'a> {
    /// The root value.
    pub fn root(&self) -> ValueRef<'_> {
        ValueRef {
            doc: self,
            index: 0,
        }
    }

    /// The bytes the spans refer to (the file, or the unescaped envelope string).
    pub fn source(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The text the spans refer to, as `str` (it was checked to be UTF-8).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole file the document came from; for an enveloped document, the outer file.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The syntax the document was parsed with.
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// Where content after the root value starts (in [`Document::text`]), for a document
    /// read with [`parse_first`]; `None` when there is none.
    pub fn trailing(&self) -> Option<u32> {
        self.trailing
    }

    /// The document, or the syntax error for content after its root value: a document
    /// must be one value.
    pub fn whole(self) -> Result<Self, Finding> {
        match self.trailing_error() {
            None => Ok(self),
            Some(error) => Err(error),
        }
    }

    /// The syntax error for content after the root value, if there is any ([`parse_first`]
    /// keeps it; a document must be one value).
    #[inline]
    pub fn trailing_error(&self) -> Option<Finding> {
        let offset = self.trailing?;
        Some(self.finding(
            Severity::Error,
            Rule::Syntax,
            String::new(),
            offset,
            "unexpected content after the document".to_owned(),
        ))
    }

    /// Whether this document was unwrapped from a `{"value": "..."}` envelope.
    pub fn is_enveloped(&self) -> bool {
        self.map.is_some()
    }

    /// How many nodes (values and member names) the tree holds; a measure of its size.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Maps a byte offset in [`Document::text`] to the byte offset in the file.
    ///
    /// The identity for a plain document; through the envelope's checkpoints otherwise.
    pub fn file_offset(&self, offset: u32) -> u32 {
        match &self.map {
            None => offset,
            Some(map) => map.to_file(offset),
        }
    }

    /// The 1-based line and column in the file of a byte offset in [`Document::text`].
    ///
    /// The column counts Unicode scalar values (like rustc); a byte-order mark does not count.
    /// Builds the line index on first use, so documents without findings never pay for it.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = self.file_offset(offset) as usize;
        let bytes = self.file.as_bytes();
        let lines = self.lines.get_or_init(|| LineIndex::new(bytes));
        lines.line_col(bytes, offset)
    }

    /// Builds a finding located at `offset` (in [`Document::text`]): file offset, line and
    /// column filled in. The one place generated validators need to create findings.
    pub fn finding(
        &self,
        severity: Severity,
        rule: Rule,
        pointer: String,
        offset: u32,
        message: String,
    ) -> Finding {
        let (line, column) = self.line_col(offset);
        Finding {
            severity,
            rule,
            pointer,
            line,
            column,
            offset: self.file_offset(offset),
            message,
            help: None,
        }
    }

    fn node(&self, index: u32) -> Option<&Node> {
        self.nodes.get(index as usize)
    }

    fn str_of(&self, node: &Node) -> &str {
        let range = node.a as usize..node.b as usize;
        let got = if node.flag {
            self.strings.get(range)
        } else {
            self.text.get(range)
        };
        got.unwrap_or("")
    }

    fn next_sibling(&self, index: u32) -> u32 {
        match self.node(index) {
            Some(node) if matches!(node.tag, Tag::Array | Tag::Object) => node.a,
            _ => index.saturating_add(1),
        }
    }
}

/// The 1-based line and column of a byte offset in any bytes, valid UTF-8 or not.
///
/// Scans from the start; for one-off positions (such as the invalid UTF-8 finding) where no
/// [`Document`] exists. Columns count UTF-8 lead bytes, i.e. Unicode scalar values in valid
/// text.
pub fn line_col_in(bytes: &[u8], offset: usize) -> (u32, u32) {
    LineIndex::new(bytes).line_col(bytes, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time skip stops at the first byte that needs a look, wherever it is in
    /// the word, and never passes it.
    #[test]
    fn skip_plain_stops_at_every_special_byte() {
        for special in [b'"', b'\'', b'\\', 0x00, 0x1F, b'\n'] {
            for at in 0..24 {
                let mut bytes = vec![b'a'; 24];
                bytes[at] = special;
                // A byte above 0x7F (from `é`) must not look special.
                bytes[(at + 5) % 24] = 0xC3;
                let quote = if special == b'\'' { b'\'' } else { b'"' };
                let stop = skip_plain(&bytes, 0, quote);
                assert!(stop <= at, "{special:#x} at {at}: skipped to {stop}");
                assert!(
                    at - stop < 8,
                    "{special:#x} at {at}: stopped early at {stop}"
                );
            }
        }
        assert_eq!(skip_plain(b"abc", 0, b'"'), 0);
        assert_eq!(skip_plain(b"abcdefgh\"", 0, b'"'), 8);
    }

    /// Integers read by the parser (up to 18 digits) and from the lexeme (longer ones)
    /// agree with the lexeme's value, at the boundary between the two.
    #[test]
    fn integers_on_both_sides_of_the_parsed_length() {
        let cases: [(&str, Option<i128>, Option<i64>); 12] = [
            ("0", Some(0), Some(0)),
            ("-0", Some(0), Some(0)),
            ("7", Some(7), Some(7)),
            (
                "999999999999999999",
                Some(999_999_999_999_999_999),
                Some(999_999_999_999_999_999),
            ),
            (
                "-999999999999999999",
                Some(-999_999_999_999_999_999),
                Some(-999_999_999_999_999_999),
            ),
            (
                "1000000000000000000",
                Some(1_000_000_000_000_000_000),
                Some(1_000_000_000_000_000_000),
            ),
            (
                "9223372036854775807",
                Some(i128::from(i64::MAX)),
                Some(i64::MAX),
            ),
            (
                "-9223372036854775808",
                Some(i128::from(i64::MIN)),
                Some(i64::MIN),
            ),
            ("9223372036854775808", Some(i128::from(i64::MAX) + 1), None),
            ("1.0", Some(1), None),
            ("1e2", Some(100), None),
            ("1.5", None, None),
        ];
        for (lexeme, value, as_i64) in cases {
            for syntax in [Syntax::Strict, Syntax::Lenient] {
                let text = format!("[{lexeme}]");
                let doc = parse(text.as_bytes(), syntax).unwrap();
                let n = doc.root().items().next().unwrap();
                assert_eq!(n.integer_value(), value, "{lexeme}");
                assert_eq!(n.as_i64(), as_i64, "{lexeme}");
                assert_eq!(n.raw(), lexeme);
            }
        }
    }
}
