//! The single pass from text to the node arena: both syntaxes, escapes, limits, and
//! syntax errors with their offsets.

use super::tree::small_integer;
use super::*;

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

/// What [`run`] made of a text: the node arena, the shared string buffer, and where
/// content after the first value starts, if any (the caller decides whether that is an
/// error: it is, except after an Ivanti envelope, which the server reads alone).
pub(super) type Parsed = (Vec<Node>, String, Option<usize>);

/// Parses `text` from `start` into the node arena and the shared string buffer; on a
/// syntax error, the error and the pointer of the value it is in.
pub(super) fn run(
    text: &str,
    start: usize,
    syntax: Syntax,
) -> Result<Parsed, (SyntaxError, String)> {
    let lenient = syntax == Syntax::Lenient;
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: start,
        lenient,
        max_depth: syntax.max_depth(),
        nodes: Vec::with_capacity(text.len() / 8 + 1),
        strings: String::new(),
        // Deep enough for most payloads without growing.
        stack: Vec::with_capacity(16),
        in_value: false,
    };
    match parser.run() {
        Ok(trailing) => Ok((parser.nodes, parser.strings, trailing)),
        Err(error) => {
            let pointer = parser.error_pointer();
            Err((error, pointer))
        }
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
    /// The deepest nesting accepted ([`Syntax::max_depth`]).
    max_depth: usize,
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
                Some(b) if self.lenient && !b.is_ascii_graphic() => match self.dotnet_space() {
                    Some(len) => self.pos += len,
                    None => return Ok(()),
                },
                _ => return Ok(()),
            }
        }
    }

    /// Skips whitespace only (no comment), as between a member name and its colon.
    fn skip_blank(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                Some(b) if self.lenient && !b.is_ascii_graphic() => match self.dotnet_space() {
                    Some(len) => self.pos += len,
                    None => return,
                },
                _ => return,
            }
        }
    }

    /// In lenient syntax, the length of the whitespace character under the cursor beyond
    /// JSON's four, as Json.NET skips them: what .NET's `char.IsWhiteSpace` accepts (the
    /// Unicode `White_Space` characters, as Rust's `char::is_whitespace`: no-break space,
    /// vertical tab, form feed, U+2028, ...) and NUL.
    #[cold]
    #[inline(never)]
    fn dotnet_space(&self) -> Option<usize> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        (c == '\0' || c.is_whitespace()).then(|| c.len_utf8())
    }

    fn comment(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        if !self.lenient {
            return Err(error(start, "comments are not allowed in strict JSON"));
        }
        match self.bytes.get(start + 1) {
            Some(b'/') => {
                let rest = self.bytes.get(start + 2..).unwrap_or(&[]);
                // Json.NET ends a line comment at a carriage return too.
                self.pos = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
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

    /// Parses one value; returns where content after it starts, if any.
    fn run(&mut self) -> Result<Option<usize>, SyntaxError> {
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
        Ok((self.pos < self.bytes.len()).then_some(self.pos))
    }

    fn open(&mut self, start: usize, object: bool) -> Result<(), SyntaxError> {
        if self.stack.len() >= self.max_depth {
            return Err(error(start, too_deep(self.max_depth)));
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
        // Only whitespace between a name and its colon: Json.NET reads no comment there.
        self.skip_blank();
        if self.peek() != Some(b':') {
            let found = describe(self.text, self.pos);
            let message = if self.peek() == Some(b'/') {
                format!(
                    "expected `:` after member name, found {found}: the server (Json.NET) \
                     reads no comment between a member name and its colon"
                )
            } else {
                format!("expected `:` after member name, found {found}")
            };
            return Err(error(self.pos, message));
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
            Some(b'0')
                if self.lenient && matches!(self.bytes.get(start + 1), Some(b'x' | b'X')) =>
            {
                return self.hex_number(start);
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
            Some(b',') if self.lenient && self.stack.last().is_some_and(|f| !f.object) => {
                return Err(error(
                    start,
                    "a hole in an array (a comma with no value before it): Json.NET reads \
                     it as null",
                ));
            }
            Some(_) => {
                let end = self.identifier_end(start);
                if self.lenient
                    && let Some(message) = javascript_value(self.text.get(start..end))
                {
                    return Err(error(start, message));
                }
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

    /// A hexadecimal integer (`0x1F`, lenient syntax), whose `0` is at `start`: Json.NET
    /// reads one as a 64-bit integer (`Convert.ToInt64(text, 16)`), so the node holds its
    /// value and [`ValueRef::is_hex`] tells it apart from digits.
    fn hex_number(&mut self, start: usize) -> Result<Node, SyntaxError> {
        let digits = start + 2;
        let end = digits
            + self
                .bytes
                .get(digits..)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
        let text = self.text.get(digits..end).unwrap_or("");
        if text.is_empty() {
            return Err(error(
                digits,
                format!(
                    "expected a hex digit after `0x`, found {}",
                    describe(self.text, digits)
                ),
            ));
        }
        // Beyond 16 digits Json.NET overflows; a 16-digit value with its top bit set it reads
        // as a negative number, which no writer of hex means.
        let value = u64::from_str_radix(text, 16)
            .ok()
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(|| {
                error(
                    start,
                    "hex number beyond a signed 64-bit integer: Json.NET refuses it or reads \
                     it as a negative number",
                )
            })?;
        self.pos = end;
        let bits = value as u64;
        Ok(Node {
            start: to_u32(start),
            end: to_u32(end),
            a: bits as u32,
            b: (bits >> 32) as u32,
            tag: Tag::Number,
            // Not written in decimal digits: like a fraction, no integer lexeme.
            flag: true,
            small: true,
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
                    let message = if self.lenient {
                        // Deliberately refused: the server takes it, as another number.
                        "leading zeros are not allowed: the server (Json.NET) reads a number \
                         with a leading zero as octal (010 is 8)"
                    } else {
                        "leading zeros are not allowed"
                    };
                    return Err(error(self.pos - 1, message));
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
pub(super) fn skip_plain(bytes: &[u8], mut pos: usize, quote: u8) -> usize {
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

/// The message for nesting deeper than `limit`.
fn too_deep(limit: usize) -> String {
    if limit == JSONNET_MAX_DEPTH {
        format!(
            "nesting deeper than {limit} levels: Json.NET 13 refuses it (its default \
             MaxDepth; Json.NET 6 has none, and the stricter reading is taken)"
        )
    } else {
        format!("nesting deeper than {limit} levels")
    }
}

/// What the lenient syntax says of a JavaScript value that is not JSON, when `word` is one.
/// Json.NET reads them, but none binds to what the writer meant.
fn javascript_value(word: Option<&str>) -> Option<&'static str> {
    Some(match word? {
        "NaN" | "Infinity" => {
            "found a JavaScript number that is not JSON (NaN or Infinity): Json.NET reads it \
             as a floating-point number, which no member of the contract takes (Json.NET 6 \
             reads it as true for a boolean, Json.NET 13 refuses that; the stricter reading \
             is taken)"
        }
        "undefined" => {
            "found `undefined`, JavaScript that is not JSON: Json.NET reads it as a missing \
             value, binds it only where null binds, and never sends it back"
        }
        "new" => {
            "found a JavaScript constructor (`new Date(...)`) that is not JSON: Json.NET \
             reads one only to ignore it in a member no class has"
        }
        _ => return None,
    })
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
