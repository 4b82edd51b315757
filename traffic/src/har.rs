//! Reading a HAR 1.2 capture one entry at a time.
//!
//! A capture can be larger than memory (a day of traffic with bodies is gigabytes), so the
//! file is never held whole: [`Entries`] scans it in buffered chunks, follows the JSON
//! structure only as far as it must to find `log.entries`, and hands out each element of
//! that array as its own byte slice with the file offset, line and column where it starts.
//! Each slice is then parsed on its own by the runtime's span-carrying reader, so positions
//! inside an entry are offsets in the slice, and [`RawEntry::position`] turns them into the
//! file's line and column. Memory is bounded by the largest entry, not by the file.

use std::io::{self, BufRead};

use vendorspec_runtime::lines::LineIndex;

/// One element of `log.entries`, as its bytes in the file.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// The entry's JSON text, `{` to `}`.
    pub bytes: Vec<u8>,
    /// Byte offset of the `{` in the file.
    pub offset: u64,
    /// 1-based line of the `{` in the file.
    pub line: u32,
    /// 1-based column of the `{`, in Unicode scalar values.
    pub column: u32,
}

/// A place in the HAR file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub offset: u64,
    pub line: u32,
    pub column: u32,
}

impl RawEntry {
    /// The file position of `at`, a byte offset in [`RawEntry::bytes`], given the slice's
    /// line index.
    pub fn position(&self, index: &LineIndex, at: usize) -> Position {
        let (line, column) = index.line_col(&self.bytes, at);
        Position {
            offset: self.offset + at as u64,
            line: self.line + line - 1,
            column: if line == 1 {
                self.column + column - 1
            } else {
                column
            },
        }
    }
}

/// Why a capture cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for HarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for HarError {}

/// An open container above the entries, while scanning.
#[derive(Debug)]
struct Frame {
    object: bool,
    /// In an object: the next string is a member name.
    expect_key: bool,
    /// The last member name, kept at the two levels that lead to `log.entries`.
    key: Option<Vec<u8>>,
    /// This is the `log.entries` array.
    entries: bool,
}

/// The elements of `log.entries`, in order, read from `reader` in chunks.
pub struct Entries<R> {
    reader: R,
    state: Scanner,
    done: bool,
}

/// Where the scan is in the structure of the file.
struct Scanner {
    stack: Vec<Frame>,
    /// Inside a string outside an entry; `escape` when the last byte was a backslash.
    in_string: bool,
    escape: bool,
    /// The member name being read, when it is one that may lead to the entries.
    key: Option<Vec<u8>>,
    /// The entry being read: its bytes, depth and string state.
    entry: Option<Partial>,
    offset: u64,
    line: u32,
    column: u32,
    seen_entries: bool,
    seen_root: bool,
}

struct Partial {
    bytes: Vec<u8>,
    offset: u64,
    line: u32,
    column: u32,
    depth: u32,
    in_string: bool,
    escape: bool,
}

impl<R: BufRead> Entries<R> {
    pub fn new(reader: R) -> Self {
        Entries {
            reader,
            done: false,
            state: Scanner {
                stack: Vec::new(),
                in_string: false,
                escape: false,
                key: None,
                entry: None,
                offset: 0,
                line: 1,
                column: 1,
                seen_entries: false,
                seen_root: false,
            },
        }
    }

    /// Reads on until an entry is complete (`Some`), or the file ends (`None`).
    fn advance(&mut self) -> Result<Option<RawEntry>, HarError> {
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.state.error(format!("cannot read: {e}"))),
            };
            if chunk.is_empty() {
                return self.state.at_end().map(|()| None);
            }
            let (used, found) = self.state.scan(chunk)?;
            self.reader.consume(used);
            if let Some(entry) = found {
                return Ok(Some(entry));
            }
        }
    }
}

impl Scanner {
    fn error(&self, message: impl Into<String>) -> HarError {
        HarError {
            message: message.into(),
            line: self.line,
            column: self.column,
        }
    }

    fn at_end(&mut self) -> Result<(), HarError> {
        if self.entry.is_some() || !self.stack.is_empty() || self.in_string {
            return Err(self.error("the file ends inside the capture (truncated HAR?)"));
        }
        if !self.seen_root {
            return Err(self.error("the file is empty; expected a HAR 1.2 document"));
        }
        if !self.seen_entries {
            return Err(self.error("not a HAR capture: no `log.entries` array"));
        }
        Ok(())
    }

    /// Scans `data`; returns how many bytes were used and the entry completed, if any.
    fn scan(&mut self, data: &[u8]) -> Result<(usize, Option<RawEntry>), HarError> {
        let mut i = 0;
        while i < data.len() {
            if let Some(partial) = self.entry.as_mut() {
                let (n, complete) = partial.feed(&data[i..]);
                i += n;
                if complete {
                    let Some(partial) = self.entry.take() else {
                        continue;
                    };
                    self.after_entry(&partial.bytes);
                    return Ok((
                        i,
                        Some(RawEntry {
                            bytes: partial.bytes,
                            offset: partial.offset,
                            line: partial.line,
                            column: partial.column,
                        }),
                    ));
                }
                continue;
            }
            let b = data[i];
            // A UTF-8 byte-order mark (some Windows tools write one) takes no column.
            if self.offset < 3 && !self.seen_root && matches!(b, 0xEF | 0xBB | 0xBF) {
                self.offset += 1;
                i += 1;
                continue;
            }
            self.structure(b)?;
            // Position after the byte (entries start at the `{`, recorded before this).
            self.offset += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
            i += 1;
        }
        Ok((i, None))
    }

    /// The line and column after an entry's bytes.
    fn after_entry(&mut self, bytes: &[u8]) {
        self.offset += bytes.len() as u64;
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count() as u32;
                self.column = 1 + chars(&bytes[last + 1..]);
            }
            None => self.column += chars(bytes),
        }
    }

    /// One byte of the structure outside entries.
    fn structure(&mut self, b: u8) -> Result<(), HarError> {
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                if let Some(key) = self.key.take()
                    && let Some(top) = self.stack.last_mut()
                {
                    top.key = Some(key);
                }
                return Ok(());
            }
            if let Some(key) = self.key.as_mut() {
                key.push(b);
            }
            return Ok(());
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            b'"' => {
                self.in_string = true;
                if let Some(top) = self.stack.last_mut()
                    && top.object
                    && top.expect_key
                {
                    top.expect_key = false;
                    // Only the names that may lead to the entries are kept.
                    if self.stack.len() <= 2 {
                        self.key = Some(Vec::new());
                    }
                }
            }
            b',' => {
                if let Some(top) = self.stack.last_mut()
                    && top.object
                {
                    top.expect_key = true;
                }
            }
            b'{' | b'[' => {
                let depth = self.stack.len();
                if depth == 0 {
                    if b != b'{' || self.seen_root {
                        return Err(self.error("not a HAR capture: expected one JSON object"));
                    }
                    self.seen_root = true;
                }
                let in_entries = self.stack.last().is_some_and(|f| f.entries);
                if in_entries {
                    if b != b'{' {
                        return Err(self.error("an element of `log.entries` is not an object"));
                    }
                    self.entry = Some(Partial {
                        bytes: vec![b'{'],
                        offset: self.offset,
                        line: self.line,
                        column: self.column,
                        depth: 1,
                        in_string: false,
                        escape: false,
                    });
                    return Ok(());
                }
                let entries = b == b'['
                    && depth == 2
                    && key_is(&self.stack[0], b"log")
                    && key_is(&self.stack[1], b"entries");
                if entries {
                    self.seen_entries = true;
                }
                self.stack.push(Frame {
                    object: b == b'{',
                    expect_key: b == b'{',
                    key: None,
                    entries,
                });
            }
            b'}' | b']' => {
                if self.stack.pop().is_none() {
                    return Err(self.error(format!("unexpected `{}`", b as char)));
                }
            }
            _ => {
                if self.stack.last().is_some_and(|f| f.entries) {
                    return Err(self.error("an element of `log.entries` is not an object"));
                }
                if self.stack.is_empty() {
                    return Err(self.error("not a HAR capture: expected one JSON object"));
                }
            }
        }
        Ok(())
    }
}

/// Whether an object frame's current member is `name`.
fn key_is(frame: &Frame, name: &[u8]) -> bool {
    frame.object && frame.key.as_deref() == Some(name)
}

/// Unicode scalar values in UTF-8 bytes.
fn chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

impl Partial {
    /// Takes bytes of the entry from `data`; returns how many, and whether the entry ended.
    fn feed(&mut self, data: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < data.len() {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &data[i..]) {
                    None => i = data.len(),
                    Some(k) => {
                        if data[i + k] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                        }
                        i += k + 1;
                    }
                }
                continue;
            }
            let b = data[i];
            i += 1;
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        self.bytes.extend_from_slice(&data[..i]);
                        return (i, true);
                    }
                }
                _ => {}
            }
        }
        self.bytes.extend_from_slice(data);
        (data.len(), false)
    }
}

impl<R: BufRead> Iterator for Entries<R> {
    type Item = Result<RawEntry, HarError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.advance() {
            Ok(Some(entry)) => Some(Ok(entry)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str, chunk: usize) -> Result<Vec<RawEntry>, HarError> {
        let reader = io::BufReader::with_capacity(chunk, text.as_bytes());
        Entries::new(reader).collect()
    }

    #[test]
    fn finds_entries_at_any_chunk_size() {
        let text = "{\"log\": {\"version\": \"1.2\", \"pages\": [{\"x\": [1]}],\n  \"entries\": [\n    {\"a\": \"}\\\"{\"},\n    {\"b\": [ {\"c\": 1} ]}\n  ], \"x\": {\"entries\": [1]}}}";
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let found = entries(text, chunk).unwrap();
            assert_eq!(found.len(), 2, "chunk {chunk}");
            assert_eq!(found[0].bytes, b"{\"a\": \"}\\\"{\"}");
            assert_eq!((found[0].line, found[0].column), (3, 5));
            assert_eq!(found[0].offset as usize, text.find("{\"a\"").unwrap());
            assert_eq!(found[1].bytes, b"{\"b\": [ {\"c\": 1} ]}");
            assert_eq!((found[1].line, found[1].column), (4, 5));
        }
    }

    #[test]
    fn refuses_what_is_not_a_capture() {
        assert!(entries("", 8).is_err());
        assert!(entries("[1]", 8).is_err());
        assert!(entries("{\"log\": {}}", 8).is_err());
        assert!(entries("{\"log\": {\"entries\": [1]}}", 8).is_err());
        assert!(entries("{\"log\": {\"entries\": [{\"a\": 1}", 8).is_err());
        assert_eq!(entries("{\"log\": {\"entries\": []}}", 8).unwrap().len(), 0);
    }

    /// An endless capture: entries must come out one by one, long before any end.
    struct Endless {
        sent_head: bool,
        pending: Vec<u8>,
    }

    impl io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pending.is_empty() {
                if !self.sent_head {
                    self.sent_head = true;
                    self.pending
                        .extend_from_slice(b"{\"log\": {\"entries\": [\n");
                } else {
                    self.pending
                        .extend_from_slice(b"{\"request\": {\"text\": \"[{\\\"a\\\": 1}]\"}},\n");
                }
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn entries_stream_without_reading_to_the_end() {
        let reader = io::BufReader::with_capacity(
            4096,
            Endless {
                sent_head: false,
                pending: Vec::new(),
            },
        );
        let first: Vec<RawEntry> = Entries::new(reader)
            .take(100_000)
            .map(Result::unwrap)
            .collect();
        assert_eq!(first.len(), 100_000);
        assert_eq!(first[99_999].line, 100_001);
        assert_eq!(first[5].bytes, br#"{"request": {"text": "[{\"a\": 1}]"}}"#);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = "\u{feff}{\"log\": {\"entries\": [{}]}}";
        let found = entries(text, 2).unwrap();
        assert_eq!(found[0].offset, 3 + 21);
        assert_eq!((found[0].line, found[0].column), (1, 22));
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é\": 1, \"log\": {\"entries\": [{}]}}";
        let found = entries(text, 5).unwrap();
        assert_eq!(
            found[0].column,
            text[..text.find("[{").unwrap()].chars().count() as u32 + 2
        );
    }
}
