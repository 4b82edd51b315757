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

/// The deepest nesting of arrays and objects accepted; one more level is a `syntax` finding.
///
/// 128 is one level more than `serde_json` accepts by default (it refuses the 128th level),
/// and far deeper than any payload of the APIs vendorspec covers. The limit bounds the parser's stack and every later walk over the tree.
pub const MAX_DEPTH: usize = 128;

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
    /// `]` or `}`; `//` line comments and `/* */` block comments wherever whitespace may be;
    /// and raw control characters (such as newlines) inside strings. Numbers and literals are
    /// as strict as in [`Syntax::Strict`].
    Lenient,
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
}

/// Parses `input` as one JSON document in the given syntax.
///
/// Stops at the first syntax error and returns it as a [`Rule::Syntax`] finding with the
/// byte offset, line and column of the offending byte and, in its pointer, where in the tree
/// the parser was. A UTF-8 byte-order mark at the start is skipped. The input is checked for
/// UTF-8 before anything else, so invalid UTF-8 is reported even after a syntax error that
/// comes earlier in the file.
pub fn parse(input: &[u8], syntax: Syntax) -> Result<Document<'_>, Finding> {
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
    let parsed = {
        let mut parser = Parser {
            text: &text,
            bytes: text.as_bytes(),
            pos: start,
            lenient: syntax == Syntax::Lenient,
            nodes: Vec::with_capacity(text.len() / 8 + 1),
            strings: String::new(),
            // Deep enough for most payloads without growing.
            stack: Vec::with_capacity(16),
            in_value: false,
        };
        match parser.run() {
            Ok(()) => Ok((parser.nodes, parser.strings)),
            Err(error) => {
                let pointer = parser.error_pointer();
                Err((error, pointer))
            }
        }
    };
    let (nodes, strings, failure) = match parsed {
        Ok((nodes, strings)) => (nodes, strings, None),
        Err(failure) => (Vec::new(), String::new(), Some(failure)),
    };
    let doc = Document {
        text,
        file,
        map,
        syntax,
        nodes,
        strings,
        lines: OnceLock::new(),
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

/// A value in a [`Document`]: cheap to copy, borrows the document.
#[derive(Debug, Clone, Copy)]
pub struct ValueRef<'d> {
    doc: &'d Document<'d>,
    index: u32,
}

/// One member of an object, in document order.
#[derive(Debug, Clone, Copy)]
pub struct Member<'d> {
    /// The member name, unescaped.
    pub name: &'d str,
    /// Where the name is, quotes included.
    pub name_span: Span,
    /// The member's value.
    pub value: ValueRef<'d>,
}

const DUMMY: Node = Node {
    start: 0,
    end: 0,
    a: 0,
    b: 0,
    tag: Tag::Null,
    flag: false,
    small: false,
};

impl<'d> ValueRef<'d> {
    fn node(&self) -> &'d Node {
        self.doc.node(self.index).unwrap_or(&DUMMY)
    }

    /// The document this value belongs to (to build findings or compute positions).
    pub fn document(&self) -> &'d Document<'d> {
        self.doc
    }

    /// The node's index in the arena: a stable identity for the value within its document.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The JSON type.
    pub fn kind(&self) -> Kind {
        match self.node().tag {
            Tag::Null => Kind::Null,
            Tag::False | Tag::True => Kind::Bool,
            Tag::Number => Kind::Number,
            Tag::String | Tag::Key => Kind::String,
            Tag::Array => Kind::Array,
            Tag::Object => Kind::Object,
        }
    }

    /// Where the value is: quotes and brackets included.
    pub fn span(&self) -> Span {
        let node = self.node();
        Span {
            start: node.start,
            end: node.end,
        }
    }

    /// The value's raw text, exactly as written.
    pub fn raw(&self) -> &'d str {
        let node = self.node();
        self.doc
            .text
            .get(node.start as usize..node.end as usize)
            .unwrap_or("")
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.node().tag == Tag::Null
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.node().tag {
            Tag::True => Some(true),
            Tag::False => Some(false),
            _ => None,
        }
    }

    /// The string, unescaped, if the value is one.
    pub fn as_str(&self) -> Option<&'d str> {
        let node = self.node();
        (node.tag == Tag::String).then(|| self.doc.str_of(node))
    }

    /// The number's lexeme exactly as written (`-0`, `1.50`, `1e400`), if the value is one.
    ///
    /// Exact comparisons (minimum, maximum, enum) can work on it without losing precision.
    pub fn as_number_str(&self) -> Option<&'d str> {
        (self.node().tag == Tag::Number).then(|| self.raw())
    }

    /// Whether the value is a number written without fraction or exponent (`12`, `-0`).
    ///
    /// Lexeme-based, like serde's integer types: `1.0` is not. For JSON Schema's value-based
    /// `integer` type use [`ValueRef::integer_value`].
    pub fn is_integer(&self) -> bool {
        let node = self.node();
        node.tag == Tag::Number && !node.flag
    }

    /// The number as `i64`, when it is written as an integer (see [`ValueRef::is_integer`])
    /// and fits. `None` otherwise; never wraps.
    ///
    /// Lexeme-based so it agrees with what serde accepts for `i64` fields.
    pub fn as_i64(&self) -> Option<i64> {
        if !self.is_integer() {
            return None;
        }
        if let Some(small) = self.small_value() {
            return Some(small);
        }
        self.raw().parse().ok()
    }

    /// The number as `u64`, when it is written as an integer and fits (`-0` is 0). `None`
    /// otherwise; never wraps.
    pub fn as_u64(&self) -> Option<u64> {
        if !self.is_integer() {
            return None;
        }
        let raw = self.raw();
        match raw.strip_prefix('-') {
            Some(digits) => digits.bytes().all(|b| b == b'0').then_some(0),
            None => raw.parse().ok(),
        }
    }

    /// The number as the nearest `f64`, `None` when it is not a number or its magnitude is too
    /// large for `f64` (`1e400`). Values too small underflow to zero, as in every JSON parser.
    pub fn as_f64(&self) -> Option<f64> {
        if self.node().tag != Tag::Number {
            return None;
        }
        self.raw().parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// The number's exact value as an integer, when it is one *by value*: `12`, `-0`, `1.0`,
    /// `1e2` and `1.5e1` are integers, `1.5` and `1e-1` are not. `None` also when the integer
    /// does not fit in `i128`.
    ///
    /// This is JSON Schema's `integer` type (draft 2020-12 is value-based). Computed exactly
    /// from the lexeme, never through `f64`, so `9007199254740993` stays itself.
    pub fn integer_value(&self) -> Option<i128> {
        let node = self.node();
        if node.tag != Tag::Number {
            return None;
        }
        if let Some(small) = self.small_value() {
            return Some(i128::from(small));
        }
        exact_integer(self.raw())
    }

    /// The value the parser read for a plain integer of at most 18 digits.
    fn small_value(&self) -> Option<i64> {
        let node = self.node();
        let bits = u64::from(node.a) | (u64::from(node.b) << 32);
        (node.tag == Tag::Number && node.small).then_some(bits as i64)
    }

    /// The items of an array in order; empty for any other value.
    pub fn items(&self) -> Items<'d> {
        let node = self.node();
        let (next, end, remaining) = if node.tag == Tag::Array {
            (self.index.saturating_add(1), node.a, node.b)
        } else {
            (0, 0, 0)
        };
        Items {
            doc: self.doc,
            next,
            end,
            remaining,
        }
    }

    /// The members of an object in document order, duplicates included; empty for any other
    /// value.
    pub fn members(&self) -> Members<'d> {
        let node = self.node();
        let (next, end, remaining) = if node.tag == Tag::Object {
            (self.index.saturating_add(1), node.a, node.b)
        } else {
            (0, 0, 0)
        };
        Members {
            doc: self.doc,
            next,
            end,
            remaining,
        }
    }

    /// The number of items (array) or members (object, duplicates counted); 0 otherwise.
    pub fn len(&self) -> usize {
        let node = self.node();
        match node.tag {
            Tag::Array | Tag::Object => node.b as usize,
            _ => 0,
        }
    }

    /// Whether [`ValueRef::len`] is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of the first member named exactly `name`, if the value is an object that has
    /// one.
    pub fn get(&self, name: &str) -> Option<ValueRef<'d>> {
        self.members().find(|m| m.name == name).map(|m| m.value)
    }
}

/// Iterator over an array's items; see [`ValueRef::items`].
#[derive(Debug, Clone)]
pub struct Items<'d> {
    doc: &'d Document<'d>,
    next: u32,
    end: u32,
    remaining: u32,
}

impl<'d> Iterator for Items<'d> {
    type Item = ValueRef<'d>;

    fn next(&mut self) -> Option<ValueRef<'d>> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        self.next = self.doc.next_sibling(index);
        self.remaining = self.remaining.saturating_sub(1);
        Some(ValueRef {
            doc: self.doc,
            index,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// Iterator over an object's members; see [`ValueRef::members`].
#[derive(Debug, Clone)]
pub struct Members<'d> {
    doc: &'d Document<'d>,
    next: u32,
    end: u32,
    remaining: u32,
}

impl<'d> Iterator for Members<'d> {
    type Item = Member<'d>;

    fn next(&mut self) -> Option<Member<'d>> {
        if self.next >= self.end {
            return None;
        }
        let key_index = self.next;
        let key = self.doc.node(key_index)?;
        let value_index = key_index.saturating_add(1);
        self.next = self.doc.next_sibling(value_index);
        self.remaining = self.remaining.saturating_sub(1);
        Some(Member {
            name: self.doc.str_of(key),
            name_span: Span {
                start: key.start,
                end: key.end,
            },
            value: ValueRef {
                doc: self.doc,
                index: value_index,
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// The exact integer value of a valid JSON number lexeme, if it is an integer by value and fits
/// in `i128`. Plain integers of up to 18 digits never get here: the parser read them
/// ([`small_integer`]).
fn exact_integer(lexeme: &str) -> Option<i128> {
    let (negative, rest) = match lexeme.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, lexeme),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (rest.get(..i)?, rest.get(i + 1..)?),
        None => (rest, ""),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((int_part, frac_part)) => (int_part, frac_part),
        None => (mantissa, ""),
    };
    // Significant digits and the power of ten they are scaled by.
    let digits = int_part.bytes().chain(frac_part.bytes());
    let all_digits: Vec<u8> = digits.skip_while(|&b| b == b'0').collect();
    let trailing_zeros = all_digits.iter().rev().take_while(|&&b| b == b'0').count();
    let significant = all_digits.get(..all_digits.len() - trailing_zeros)?;
    if significant.is_empty() {
        return Some(0);
    }
    let exponent = parse_exponent(exponent);
    let frac_len = i64::try_from(frac_part.len()).ok()?;
    let trailing = i64::try_from(trailing_zeros).ok()?;
    let scale = exponent.checked_sub(frac_len)?.checked_add(trailing)?;
    if scale < 0 {
        return None;
    }
    // i128 holds 38 full decimal digits; anything longer does not fit.
    let total = i64::try_from(significant.len()).ok()?.checked_add(scale)?;
    if total > 39 {
        return None;
    }
    let mut value: i128 = 0;
    for &d in significant {
        value = value.checked_mul(10)?.checked_add(i128::from(d - b'0'))?;
    }
    for _ in 0..scale {
        value = value.checked_mul(10)?;
    }
    Some(if negative { -value } else { value })
}

/// The value of a plain integer lexeme (`-`, then 1 to 18 digits), which always fits `i64`;
/// `None` for anything else, including longer integers (see [`exact_integer`]).
fn small_integer(lexeme: &[u8]) -> Option<i64> {
    let (negative, digits) = match lexeme.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, lexeme),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    Some(if negative { -value } else { value })
}

/// Parses an exponent (`+12`, `-3`, `7`, or empty for none), saturating far beyond any
/// exponent that could still give an `i128`.
fn parse_exponent(exponent: &str) -> i64 {
    let (negative, digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, exponent.get(1..).unwrap_or("")),
        Some(b'+') => (false, exponent.get(1..).unwrap_or("")),
        _ => (false, exponent),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        value = value
            .saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')));
        value = value.min(1 << 40);
    }
    if negative { -value } else { value }
}

/// A syntax error before it becomes a [`Finding`]: offset in the parsed text.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

fn error(offset: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        offset,
        message: message.into(),
    }
}

/// One open container on the parser's explicit stack.
#[derive(Debug, Clone, Copy)]
struct Frame {
    node: u32,
    object: bool,
    /// The most recent member name of an object (its node index), `u32::MAX` before the first.
    key: u32,
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    lenient: bool,
    nodes: Vec<Node>,
    strings: String,
    stack: Vec<Frame>,
    /// Whether the parser is inside a value of the innermost container (for error pointers).
    in_value: bool,
}

/// Describes the character at `pos` for a message: `` `x` ``, `a space`, `U+0001`, or
/// `end of input`.
pub(crate) fn describe(text: &str, pos: usize) -> String {
    match text.get(pos..).and_then(|s| s.chars().next()) {
        None => "end of input".to_owned(),
        Some(' ') => "a space".to_owned(),
        Some('\t') => "a tab".to_owned(),
        Some('\n' | '\r') => "a line break".to_owned(),
        Some(c) if c.is_control() || c.is_whitespace() => {
            format!("U+{:04X}", u32::from(c))
        }
        Some(c) => format!("`{c}`"),
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips whitespace and, in lenient syntax, comments.
    fn skip_ws(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                Some(b'/') => self.comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn comment(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        if !self.lenient {
            return Err(error(start, "comments are not allowed in strict JSON"));
        }
        match self.bytes.get(start + 1) {
            Some(b'/') => {
                let rest = self.bytes.get(start + 2..).unwrap_or(&[]);
                self.pos = match rest.iter().position(|&b| b == b'\n') {
                    Some(i) => start + 2 + i + 1,
                    None => self.bytes.len(),
                };
                Ok(())
            }
            Some(b'*') => {
                let rest = self.bytes.get(start + 2..).unwrap_or(&[]);
                match rest.windows(2).position(|w| w == b"*/") {
                    Some(i) => {
                        self.pos = start + 2 + i + 2;
                        Ok(())
                    }
                    None => Err(error(start, "unterminated block comment")),
                }
            }
            _ => Err(error(
                start,
                format!(
                    "expected `//` or `/*` to start a comment, found `/` followed by {}",
                    describe(self.text, start + 1)
                ),
            )),
        }
    }

    fn push(&mut self, node: Node) -> u32 {
        let index = to_u32(self.nodes.len());
        self.nodes.push(node);
        index
    }

    /// Counts a new item of the innermost array (values of objects are counted by their key).
    fn count_item(&mut self) {
        if let Some(frame) = self.stack.last()
            && !frame.object
            && let Some(parent) = self.nodes.get_mut(frame.node as usize)
        {
            parent.b += 1;
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        self.skip_ws()?;
        if self.pos >= self.bytes.len() {
            return Err(error(self.pos, "unexpected end of input: expected a value"));
        }
        'value: loop {
            self.in_value = true;
            self.skip_ws()?;
            let start = self.pos;
            match self.peek() {
                Some(b'[') => {
                    self.open(start, false)?;
                    self.skip_ws()?;
                    if self.peek() != Some(b']') {
                        continue 'value;
                    }
                    self.close();
                }
                Some(b'{') => {
                    self.open(start, true)?;
                    self.skip_ws()?;
                    if self.peek() != Some(b'}') {
                        self.member_name()?;
                        continue 'value;
                    }
                    self.close();
                }
                _ => {
                    let node = self.scalar()?;
                    self.count_item();
                    self.push(node);
                }
            }
            self.in_value = false;
            // After a complete value: commas and closing brackets until the next value starts.
            loop {
                let Some(&frame) = self.stack.last() else {
                    break 'value;
                };
                self.skip_ws()?;
                let at = self.pos;
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws()?;
                        let closer = if frame.object { b'}' } else { b']' };
                        if self.peek() == Some(closer) {
                            if !self.lenient {
                                return Err(error(
                                    at,
                                    "trailing comma is not allowed in strict JSON",
                                ));
                            }
                            self.close();
                            continue;
                        }
                        if frame.object {
                            self.member_name()?;
                        }
                        continue 'value;
                    }
                    Some(b']') if !frame.object => self.close(),
                    Some(b'}') if frame.object => self.close(),
                    None => {
                        let expected = if frame.object { "`}`" } else { "`]`" };
                        return Err(error(
                            at,
                            format!("unexpected end of input: expected `,` or {expected}"),
                        ));
                    }
                    Some(_) => {
                        let message = if frame.object {
                            "expected `,` or `}` after member value"
                        } else {
                            "expected `,` or `]` after array item"
                        };
                        return Err(error(
                            at,
                            format!("{message}, found {}", describe(self.text, at)),
                        ));
                    }
                }
            }
        }
        self.skip_ws()?;
        if self.pos < self.bytes.len() {
            return Err(error(self.pos, "unexpected content after the document"));
        }
        Ok(())
    }

    fn open(&mut self, start: usize, object: bool) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(error(
                start,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.count_item();
        let node = self.push(Node {
            start: to_u32(start),
            end: to_u32(start),
            a: 0,
            b: 0,
            tag: if object { Tag::Object } else { Tag::Array },
            flag: false,
            small: false,
        });
        self.stack.push(Frame {
            node,
            object,
            key: u32::MAX,
        });
        self.pos += 1;
        self.in_value = false;
        Ok(())
    }

    /// Closes the innermost container at the bracket under the cursor.
    fn close(&mut self) {
        self.pos += 1;
        if let Some(frame) = self.stack.pop() {
            let next = to_u32(self.nodes.len());
            if let Some(node) = self.nodes.get_mut(frame.node as usize) {
                node.end = to_u32(self.pos);
                node.a = next;
            }
        }
    }

    /// Parses a member name and the `:` after it; the cursor is on the name's first byte.
    fn member_name(&mut self) -> Result<(), SyntaxError> {
        self.skip_ws()?;
        let start = self.pos;
        let (flag, a, b) = match self.peek() {
            Some(b'"') => self.string(b'"')?,
            Some(b'\'') if self.lenient => self.string(b'\'')?,
            Some(b'\'') => {
                return Err(error(
                    start,
                    "single-quoted strings are not allowed in strict JSON",
                ));
            }
            None => {
                return Err(error(
                    start,
                    "unexpected end of input: expected a member name",
                ));
            }
            Some(_) => {
                let end = self.identifier_end(start);
                if end == start {
                    return Err(error(
                        start,
                        format!(
                            "expected a member name, found {}",
                            describe(self.text, start)
                        ),
                    ));
                }
                if !self.lenient {
                    let name = self.text.get(start..end).unwrap_or("");
                    return Err(error(
                        start,
                        format!("unquoted member name `{name}` is not allowed in strict JSON"),
                    ));
                }
                self.pos = end;
                (false, to_u32(start), to_u32(end))
            }
        };
        let key = self.push(Node {
            start: to_u32(start),
            end: to_u32(self.pos),
            a,
            b,
            tag: Tag::Key,
            flag,
            small: false,
        });
        if let Some(frame) = self.stack.last_mut() {
            frame.key = key;
            if let Some(parent) = self.nodes.get_mut(frame.node as usize) {
                parent.b += 1;
            }
        }
        self.skip_ws()?;
        if self.peek() != Some(b':') {
            return Err(error(
                self.pos,
                format!(
                    "expected `:` after member name, found {}",
                    describe(self.text, self.pos)
                ),
            ));
        }
        self.pos += 1;
        Ok(())
    }

    /// The end of an identifier-like run starting at `start` (letters, digits, `_`, `$`).
    fn identifier_end(&self, start: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or("");
        let mut end = start;
        for c in rest.chars() {
            let ok = if c.is_ascii() {
                is_ident_byte(c as u8)
            } else {
                c.is_alphanumeric()
            };
            if !ok {
                break;
            }
            end += c.len_utf8();
        }
        end
    }

    fn scalar(&mut self) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let (tag, flag, a, b) = match self.peek() {
            Some(b'"') => {
                let (flag, a, b) = self.string(b'"')?;
                (Tag::String, flag, a, b)
            }
            Some(b'\'') if self.lenient => {
                let (flag, a, b) = self.string(b'\'')?;
                (Tag::String, flag, a, b)
            }
            Some(b'\'') => {
                return Err(error(
                    start,
                    "single-quoted strings are not allowed in strict JSON",
                ));
            }
            Some(b'-' | b'0'..=b'9') => {
                let fractional = self.number()?;
                let lexeme = self.bytes.get(start..self.pos).unwrap_or(&[]);
                // A lexeme with a fraction or an exponent is never a small integer.
                let small = if fractional {
                    None
                } else {
                    small_integer(lexeme)
                };
                match small {
                    Some(value) => {
                        let bits = value as u64;
                        return Ok(Node {
                            start: to_u32(start),
                            end: to_u32(self.pos),
                            a: bits as u32,
                            b: (bits >> 32) as u32,
                            tag: Tag::Number,
                            flag: false,
                            small: true,
                        });
                    }
                    None => (Tag::Number, fractional, 0, 0),
                }
            }
            Some(b't') if self.literal(b"true") => (Tag::True, false, 0, 0),
            Some(b'f') if self.literal(b"false") => (Tag::False, false, 0, 0),
            Some(b'n') if self.literal(b"null") => (Tag::Null, false, 0, 0),
            None => return Err(error(start, "unexpected end of input: expected a value")),
            Some(_) => {
                let end = self.identifier_end(start);
                let found = if end > start {
                    let word = self.text.get(start..end).unwrap_or("");
                    let short: String = word.chars().take(24).collect();
                    format!("`{short}`")
                } else {
                    describe(self.text, start)
                };
                return Err(error(start, format!("expected a value, found {found}")));
            }
        };
        Ok(Node {
            start: to_u32(start),
            end: to_u32(self.pos),
            a,
            b,
            tag,
            flag,
            small: false,
        })
    }

    /// Consumes `word` when it is next and is not the start of a longer identifier.
    fn literal(&mut self, word: &[u8]) -> bool {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word)
            && !self.bytes.get(end).is_some_and(|&b| is_ident_byte(b))
        {
            self.pos = end;
            true
        } else {
            false
        }
    }

    /// Parses a number per RFC 8259; returns whether it has a fraction or an exponent.
    fn number(&mut self) -> Result<bool, SyntaxError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(error(self.pos - 1, "leading zeros are not allowed"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                return Err(error(
                    self.pos,
                    format!(
                        "expected a digit after `-`, found {}",
                        describe(self.text, self.pos)
                    ),
                ));
            }
        }
        let mut fractional = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(error(
                    self.pos,
                    format!(
                        "expected a digit after the decimal point, found {}",
                        describe(self.text, self.pos)
                    ),
                ));
            }
            self.digits();
            fractional = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(error(
                    self.pos,
                    format!(
                        "expected a digit in the exponent, found {}",
                        describe(self.text, self.pos)
                    ),
                ));
            }
            self.digits();
            fractional = true;
        }
        Ok(fractional)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// Parses a string whose opening `quote` is under the cursor. Returns where its content
    /// is: `(false, start, end)` in the text when it has no escape, `(true, start, end)` in
    /// the unescape buffer otherwise.
    fn string(&mut self, quote: u8) -> Result<(bool, u32, u32), SyntaxError> {
        let open = self.pos;
        let content = open + 1;
        let mut pos = skip_plain(self.bytes, content, quote);
        // Fast path: no escape, nothing to copy.
        loop {
            match self.bytes.get(pos) {
                Some(&b) if b == quote => {
                    self.pos = pos + 1;
                    return Ok((false, to_u32(content), to_u32(pos)));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    if !self.lenient {
                        return Err(control_error(pos, b));
                    }
                    pos += 1;
                }
                Some(_) => pos += 1,
                None => return Err(error(open, "unterminated string")),
            }
        }
        let begin = self.strings.len();
        self.strings
            .push_str(self.text.get(content..pos).unwrap_or(""));
        self.pos = unescape(
            self.text,
            pos,
            open,
            quote,
            self.lenient,
            &mut self.strings,
            &mut |_| {},
        )?;
        Ok((true, to_u32(begin), to_u32(self.strings.len())))
    }

    /// The pointer to where the parser stopped, for a syntax error.
    fn error_pointer(&self) -> String {
        let mut out = String::new();
        let depth = self.stack.len();
        for (level, frame) in self.stack.iter().enumerate() {
            let innermost = level + 1 == depth;
            if innermost && !self.in_value {
                break;
            }
            if frame.object {
                if let Some(key) = self.nodes.get(frame.key as usize) {
                    let name = if key.flag {
                        self.strings.get(key.a as usize..key.b as usize)
                    } else {
                        self.text.get(key.a as usize..key.b as usize)
                    };
                    out = pointer::child_key(&out, name.unwrap_or(""));
                }
            } else if let Some(node) = self.nodes.get(frame.node as usize) {
                // Items are counted when they start; the current one is the last counted,
                // except while a new item has not been counted yet.
                let index = if innermost && self.in_value {
                    node.b
                } else {
                    node.b.saturating_sub(1)
                };
                out = pointer::child_index(&out, index as usize);
            }
        }
        out
    }
}

/// Skips, eight bytes at a time, string content that needs no look: no `quote`, no backslash,
/// no control character. Stops at or before the first byte that does; the byte loop
/// in `Parser::string` takes it from there.
fn skip_plain(bytes: &[u8], mut pos: usize, quote: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `x` is below `n` (n <= 128); never zero when one is.
    let any_below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    let quotes = ONES * u64::from(quote);
    let backslashes = ONES * u64::from(b'\\');
    while let Some(word) = bytes.get(pos..pos + 8) {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        if any_below(w ^ quotes, 1) | any_below(w ^ backslashes, 1) | any_below(w, 0x20) != 0 {
            break;
        }
        pos += 8;
    }
    pos
}

fn control_error(pos: usize, b: u8) -> SyntaxError {
    error(
        pos,
        format!("control character U+{b:04X} must be escaped in a string in strict JSON"),
    )
}

/// What an escape sequence did, for the envelope's offset map.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EscapeEvent {
    /// Length of the output before the escape.
    pub(crate) out_before: usize,
    /// Offset of the backslash in the text.
    pub(crate) raw_start: usize,
    /// Length of the output after the escape.
    pub(crate) out_after: usize,
    /// Offset just past the escape sequence in the text.
    pub(crate) raw_end: usize,
}

/// Unescapes a string's content from `pos` up to its closing `quote` into `out` and returns the
/// offset just past the closing quote. `open` is the opening quote (for "unterminated
/// string"). `on_escape` hears about every escape sequence, so the envelope can map offsets.
pub(crate) fn unescape(
    text: &str,
    mut pos: usize,
    open: usize,
    quote: u8,
    lenient: bool,
    out: &mut String,
    on_escape: &mut dyn FnMut(EscapeEvent),
) -> Result<usize, SyntaxError> {
    let bytes = text.as_bytes();
    loop {
        let run_start = pos;
        while let Some(&b) = bytes.get(pos) {
            if b == quote || b == b'\\' || (b < 0x20 && !lenient) {
                break;
            }
            pos += 1;
        }
        out.push_str(text.get(run_start..pos).unwrap_or(""));
        match bytes.get(pos) {
            None => return Err(error(open, "unterminated string")),
            Some(&b) if b == quote => return Ok(pos + 1),
            Some(&b) if b < 0x20 => return Err(control_error(pos, b)),
            Some(_) => {
                let out_before = out.len();
                let raw_start = pos;
                pos = escape(text, pos, open, lenient, out)?;
                on_escape(EscapeEvent {
                    out_before,
                    raw_start,
                    out_after: out.len(),
                    raw_end: pos,
                });
            }
        }
    }
}

/// Decodes one escape sequence at `pos` (on the backslash); returns the offset after it.
fn escape(
    text: &str,
    pos: usize,
    open: usize,
    lenient: bool,
    out: &mut String,
) -> Result<usize, SyntaxError> {
    let bytes = text.as_bytes();
    let c = match bytes.get(pos + 1) {
        None => return Err(error(open, "unterminated string")),
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'\'') if lenient => '\'',
        Some(b'u') => {
            let first = hex4(text, pos)?;
            let (c, end) = if (0xD800..0xDC00).contains(&first) {
                let low = if bytes.get(pos + 6..pos + 8) == Some(b"\\u") {
                    Some(hex4(text, pos + 6)?)
                } else {
                    None
                };
                match low {
                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                        let code = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                        (char::from_u32(code), pos + 12)
                    }
                    _ => (None, pos + 6),
                }
            } else {
                (char::from_u32(first), pos + 6)
            };
            return match c {
                Some(c) => {
                    out.push(c);
                    Ok(end)
                }
                None => Err(error(
                    pos,
                    format!(
                        "lone surrogate `\\u{first:04X}` is not a Unicode character \
                         (a high surrogate must be followed by a low one)"
                    ),
                )),
            };
        }
        Some(_) => {
            let escaped = text
                .get(pos + 1..)
                .and_then(|s| s.chars().next())
                .unwrap_or('?');
            let shown = if escaped.is_control() {
                format!("\\U+{:04X}", u32::from(escaped))
            } else {
                format!("\\{escaped}")
            };
            return Err(error(pos, format!("invalid escape `{shown}`")));
        }
    };
    out.push(c);
    Ok(pos + 2)
}

/// Reads the four hex digits of a `\u` escape whose backslash is at `pos`.
fn hex4(text: &str, pos: usize) -> Result<u32, SyntaxError> {
    let digits = text.as_bytes().get(pos + 2..pos + 6);
    let mut value = 0u32;
    let mut ok = digits.is_some();
    for &b in digits.unwrap_or(&[]) {
        match (b as char).to_digit(16) {
            Some(d) => value = value * 16 + d,
            None => ok = false,
        }
    }
    if ok {
        Ok(value)
    } else {
        Err(error(
            pos,
            "invalid escape: `\\u` must be followed by four hex digits",
        ))
    }
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
