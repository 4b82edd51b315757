//! A checked file's text, kept for quoting: code frames and SARIF snippets.
//!
//! Quoting goes through [`Source::excerpt`], which masks secret values first and cuts long
//! lines (a minified payload is one line of megabytes) to a window around the column.

use std::ops::Range;
use std::sync::OnceLock;

use vendorspec::runtime::redact;

use crate::mask::{self, MASK};

/// How many characters either side of the column an excerpt shows at most.
const HALF_WIDTH: usize = 50;

/// A file's text with the byte ranges that must never be shown.
///
/// The masks and the line starts are found when first needed (a format that quotes no
/// line, such as JSON, never needs them).
pub struct Source {
    text: String,
    yaml: bool,
    masks: OnceLock<Vec<Range<usize>>>,
    line_starts: OnceLock<Vec<usize>>,
}

/// One quoted line: its (masked, possibly cut) text and the caret's 1-based column in it.
#[derive(Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret: usize,
}

impl Source {
    /// Keeps `text` for quoting, with the secret values found in it: secret members (YAML
    /// or JSON rules) and credentials anywhere (URL userinfo, bearer tokens, JWTs).
    pub fn new(text: String, yaml: bool) -> Source {
        Source {
            text,
            yaml,
            masks: OnceLock::new(),
            line_starts: OnceLock::new(),
        }
    }

    fn masks(&self) -> &[Range<usize>] {
        self.masks.get_or_init(|| {
            let text = &self.text;
            let mut masks = if self.yaml {
                mask::yaml_masks(text)
            } else {
                mask::json_masks(text)
            };
            masks.extend(redact::credential_spans(text));
            redact::merge(masks)
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1) as usize) else {
            return self.text.len();
        };
        let line_text = &self.text[start..self.line_end(line.saturating_sub(1) as usize)];
        start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The line holding byte `offset`, masked and cut to a window around it.
    pub fn excerpt(&self, offset: usize) -> Excerpt {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let start_of_line = line_starts[line];
        let end_of_line = self.line_end(line);
        let offset = offset.min(end_of_line);

        let before = &self.text[start_of_line..offset];
        let window_start = before
            .char_indices()
            .rev()
            .nth(HALF_WIDTH - 1)
            .map_or(start_of_line, |(i, _)| start_of_line + i);
        let after = &self.text[offset..end_of_line];
        let window_end = after
            .char_indices()
            .nth(HALF_WIDTH)
            .map_or(end_of_line, |(i, _)| offset + i);

        // The window's bytes, two ellipses, and room for a few masks.
        let mut text = String::with_capacity(window_end - window_start + 16);
        let mut caret = None;
        if window_start > start_of_line {
            text.push('…');
        }
        let mut masks = self
            .masks()
            .iter()
            .filter(|m| m.end > window_start && m.start < window_end)
            .peekable();
        let mut chars = self.text[window_start..window_end]
            .char_indices()
            .peekable();
        while let Some(&(i, c)) = chars.peek() {
            let at = window_start + i;
            if at >= offset && caret.is_none() {
                caret = Some(text.chars().count() + 1);
            }
            if let Some(m) = masks.peek().filter(|m| m.start <= at) {
                let end = m.end;
                masks.next();
                if at < end {
                    if caret.is_none() && offset < end {
                        caret = Some(text.chars().count() + 1);
                    }
                    text.push_str(MASK);
                    while chars.peek().is_some_and(|&(j, _)| window_start + j < end) {
                        chars.next();
                    }
                }
                continue;
            }
            chars.next();
            match c {
                '\t' => text.push('\t'),
                c if c.is_control() => text.push('\u{fffd}'),
                c => text.push(c),
            }
        }
        let caret = caret.unwrap_or_else(|| text.chars().count() + 1);
        if window_end < end_of_line {
            text.push('…');
        }
        Excerpt { text, caret }
    }

    /// Where the 0-based `line` ends (before `\r\n` or `\n`): where the next line starts,
    /// less its `\n`, so a long line is not searched again for each excerpt.
    fn line_end(&self, line: usize) -> usize {
        let line_starts = self.line_starts();
        let start = line_starts[line];
        let end = line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_masks_secrets_and_keeps_the_caret_on_its_character() {
        let text = r#"{"password": "hunter2", "expires": "tomorrow"}"#;
        let source = Source::new(text.to_string(), false);
        let at = text.find("\"tomorrow").unwrap();
        let excerpt = source.excerpt(at);
        assert_eq!(
            excerpt.text,
            r#"{"password": "***", "expires": "tomorrow"}"#
        );
        assert_eq!(excerpt.text.chars().nth(excerpt.caret - 1), Some('"'));
        assert_eq!(
            &excerpt.text[excerpt.caret - 1..excerpt.caret + 8],
            "\"tomorrow"
        );
    }

    #[test]
    fn a_caret_inside_a_secret_points_at_the_mask() {
        let text = "{\"password\": \"hun\u{1}ter2\"}";
        let source = Source::new(text.to_string(), false);
        let excerpt = source.excerpt(text.find('\u{1}').unwrap());
        assert_eq!(excerpt.text, r#"{"password": "***"}"#);
        assert_eq!(excerpt.caret, 15);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let text = format!("[{}\"x\"{}]", "1,".repeat(500), ",2".repeat(500));
        let source = Source::new(text.clone(), false);
        let excerpt = source.excerpt(text.find('"').unwrap());
        assert!(excerpt.text.starts_with('…') && excerpt.text.ends_with('…'));
        assert!(excerpt.text.chars().count() <= 2 * HALF_WIDTH + 2);
        assert_eq!(excerpt.text.chars().nth(excerpt.caret - 1), Some('"'));
    }

    #[test]
    fn offsets_of_lines_and_columns_count_characters() {
        let source = Source::new("{\r\n  \"é\": 1\r\n}".to_string(), false);
        assert_eq!(source.offset_of(2, 8), "{\r\n  \"é\": ".len());
        assert_eq!(source.excerpt(source.offset_of(2, 8)).text, "  \"é\": 1");
        assert_eq!(source.offset_of(9, 1), source.text.len());
    }
}
