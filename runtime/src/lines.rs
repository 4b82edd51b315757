//! Line and column of a byte offset, in O(log lines) per lookup.
//!
//! Findings need a line and a column, and a compact payload is one long line: counting the
//! column from the start of the line for each finding made a job with thousands of findings
//! quadratic. [`LineIndex`] records where lines start and, for text that is not all ASCII,
//! how many UTF-8 continuation bytes come before each block of `BLOCK` bytes, so a column
//! costs at most one block's scan.

/// Bytes per checkpoint of the continuation-byte count.
const BLOCK: usize = 1024;

/// Where the lines of a text start, and how to count its characters quickly.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<u32>,
    /// `continuations[k]`: UTF-8 continuation bytes in `..k * BLOCK`. Empty for ASCII text,
    /// where a column is a byte distance.
    continuations: Vec<u32>,
    /// Whether the text starts with a UTF-8 byte-order mark, which takes no column.
    bom: bool,
}

impl LineIndex {
    /// Indexes `bytes` in one pass.
    pub fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| to_u32(i + 1)));
        let continuations = if bytes.is_ascii() {
            Vec::new()
        } else {
            let mut total = 0u32;
            let mut counts = Vec::with_capacity(bytes.len() / BLOCK + 1);
            for block in bytes.chunks(BLOCK) {
                counts.push(total);
                total += to_u32(count_continuations(block));
            }
            counts.push(total);
            counts
        };
        LineIndex {
            starts,
            continuations,
            bom: bytes.starts_with(b"\xEF\xBB\xBF"),
        }
    }

    /// The 1-based line and column of `offset` in `bytes` (the text this index was built
    /// from). The column counts Unicode scalar values (UTF-8 lead bytes); a byte-order mark
    /// does not count.
    pub fn line_col(&self, bytes: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(bytes.len());
        let line = self
            .starts
            .partition_point(|&s| s as usize <= offset)
            .max(1);
        let line_start = self.starts.get(line - 1).map_or(0, |&s| s as usize);
        let from = if line_start == 0 && self.bom && offset >= 3 {
            3
        } else {
            line_start
        };
        let chars = (offset - from)
            - (self.continuations_before(bytes, offset) - self.continuations_before(bytes, from));
        (to_u32(line), to_u32(chars + 1))
    }

    /// UTF-8 continuation bytes in `bytes[..offset]`.
    fn continuations_before(&self, bytes: &[u8], offset: usize) -> usize {
        if self.continuations.is_empty() {
            return 0;
        }
        let block = offset / BLOCK;
        let counted = self.continuations.get(block).map_or(0, |&n| n as usize);
        let rest = bytes.get(block * BLOCK..offset).unwrap_or(&[]);
        counted + count_continuations(rest)
    }
}

fn count_continuations(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: count lines and lead bytes from the start.
    fn scan(bytes: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(bytes.len());
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let from = if line_start == 0 && bytes.starts_with(b"\xEF\xBB\xBF") && offset >= 3 {
            3
        } else {
            line_start
        };
        let chars = bytes[from..offset]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        (line as u32, chars as u32 + 1)
    }

    #[test]
    fn agrees_with_a_scan_from_the_start() {
        let mut text = String::from("\u{FEFF}{\"a\": \"é\",\n");
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 {
                "\"ü€𝄞\", "
            } else {
                "\"abc\", "
            });
            if i % 500 == 0 {
                text.push('\n');
            }
        }
        let ascii = "x".repeat(5000) + "\ny\n";
        for t in [text.as_str(), ascii.as_str(), "", "\n\n", "\u{FEFF}"] {
            let bytes = t.as_bytes();
            let index = LineIndex::new(bytes);
            for offset in (0..=bytes.len() + 2)
                .step_by(7)
                .chain([0, 1, 2, 3, bytes.len()])
            {
                assert_eq!(
                    index.line_col(bytes, offset),
                    scan(bytes, offset),
                    "offset {offset}"
                );
            }
        }
    }
}
