//! Masking secret values in quoted text: the values of the contracts' secret members.
//!
//! Findings never carry a secret's value (the walk words its messages so), but a code frame,
//! a SARIF snippet or a recorded exchange quotes the text itself. Before it is quoted,
//! every value that follows a secret member's name is replaced by `***`.
//!
//! The masking is lexical, not driven by the parsed tree, so it also works on text that
//! does not parse (a syntax error next to a password must not print the password). It errs
//! on the side of hiding: names match case-insensitively and after unescaping, and inside
//! an enveloped (stringified) body everything after a secret name's colon on that line is
//! hidden. The names come from the contracts ([`secret_names`]); callers build them once.

use std::collections::BTreeSet;
use std::ops::Range;

/// What replaces a secret value in quoted text: the same as for credentials.
pub use crate::redact::MASK;

/// The member names whose values are secret in any body or parameter of `endpoints`,
/// lowercased.
#[cfg(feature = "endpoint")]
pub fn secret_names(endpoints: &[&crate::endpoint::EndpointDesc]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut seen = Vec::new();
    for endpoint in endpoints {
        let shapes = endpoint
            .request
            .iter()
            .chain(std::iter::once(&endpoint.params))
            .chain(endpoint.responses.iter().filter_map(|r| r.body.as_ref()))
            .chain(
                endpoint
                    .responses
                    .iter()
                    .filter_map(|r| r.wrapped.as_ref().map(|w| &w.shape)),
            );
        for shape in shapes {
            collect_secrets(shape, &mut seen, &mut names);
        }
    }
    names
}

/// Adds the names of secret members reachable from `shape`; `seen` holds the objects
/// already visited (types may refer to each other).
#[cfg(feature = "endpoint")]
fn collect_secrets(
    shape: &crate::desc::Shape,
    seen: &mut Vec<usize>,
    names: &mut BTreeSet<String>,
) {
    match shape {
        crate::desc::Shape::Object(desc) => {
            let desc = desc();
            let id = std::ptr::from_ref(desc) as usize;
            if seen.contains(&id) {
                return;
            }
            seen.push(id);
            for member in desc.members {
                if member.secret {
                    names.insert(member.name.to_ascii_lowercase());
                }
                collect_secrets(&member.shape, seen, names);
            }
        }
        crate::desc::Shape::Array(array) => collect_secrets(array.items, seen, names),
        _ => {}
    }
}

/// The byte ranges of secret values in JSON text (strict, lenient or enveloped).
pub fn json_masks(text: &str, names: &BTreeSet<String>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut masks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' {
            let end = quoted_end(bytes, i);
            let raw = &text[i + 1..end.min(bytes.len()).max(i + 1)];
            let escaped = raw.as_bytes().contains(&b'\\');
            let name = if escaped {
                is_secret(names, &unescape(raw))
            } else {
                is_secret(names, raw)
            };
            if name {
                let after = (end + 1).min(bytes.len());
                masks.extend(value_after_colon(bytes, after));
            } else if escaped && raw.as_bytes().windows(2).any(|w| w == b"\\\"") {
                masks.extend(enveloped_masks(raw, i + 1, names));
            }
            i = end + 1;
        } else if is_word_start(b) && (i == 0 || !is_word_byte(bytes[i - 1])) {
            let end = i + bytes[i..].iter().take_while(|b| is_word_byte(**b)).count();
            if is_secret(names, &text[i..end]) {
                masks.extend(value_after_colon(bytes, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    masks
}

/// Whether `name` is one of `names` (lowercased, as `secret_names` makes them) in any ASCII case,
/// without a lower-case copy of every string and word of the text (the names are few).
fn is_secret(names: &BTreeSet<String>, name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The pattern that finds a secret name's key in YAML text (`None` when there are no
/// secret names): callers build it once for [`yaml_masks`].
pub fn yaml_key_pattern(names: &BTreeSet<String>) -> Option<regex::Regex> {
    if names.is_empty() {
        return None;
    }
    let names: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    regex::Regex::new(&format!(
        r#"(?im)(?:^|[\s{{,?"'-])(?:{})["']?[ \t]*:"#,
        names.join("|")
    ))
    .ok()
}

/// The byte ranges of secret values in YAML text: the rest of the line after `name:`, where
/// `key` is [`yaml_key_pattern`]'s.
pub fn yaml_masks(text: &str, key: Option<&regex::Regex>) -> Vec<Range<usize>> {
    let Some(key) = key else {
        return Vec::new();
    };
    key.find_iter(text)
        .filter_map(|m| {
            let line_end = text[m.end()..]
                .find(['\n', '\r'])
                .map_or(text.len(), |n| m.end() + n);
            let start = m.end() + text[m.end()..line_end].len()
                - text[m.end()..line_end].trim_start().len();
            (start < line_end).then_some(start..line_end)
        })
        .collect()
}

/// Where the quoted token opened at `open` ends: its closing quote, or the end of the line
/// (or text) when it is not closed.
fn quoted_end(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut j = open + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' | b'\r' => return j,
            c if c == quote => return j,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The value following `:` after a secret name ending at `from`: the inside of a quoted
/// string, or a bare token up to the next delimiter.
fn value_after_colon(bytes: &[u8], from: usize) -> Option<Range<usize>> {
    let mut j = skip_space(bytes, from);
    if bytes.get(j) != Some(&b':') {
        return None;
    }
    j = skip_space(bytes, j + 1);
    match bytes.get(j)? {
        b'"' | b'\'' => {
            let end = quoted_end(bytes, j);
            (j + 1 < end).then_some(j + 1..end)
        }
        b'\\' => Some(j..line_end(bytes, j)),
        _ => {
            let end = j + bytes[j..]
                .iter()
                .take_while(|b| !matches!(b, b',' | b'}' | b']' | b'\n' | b'\r' | b' ' | b'\t'))
                .count();
            (j < end).then_some(j..end)
        }
    }
}

/// Inside a stringified body (`{"value": "{\"Password\":\"...\"}"}`): for each escaped
/// secret name followed by a colon, the escaped string value after it; a value that is not
/// a string is hidden to the end of the line. `raw` starts at byte `base` of the file.
fn enveloped_masks(raw: &str, base: usize, names: &BTreeSet<String>) -> Vec<Range<usize>> {
    let lower = raw.to_ascii_lowercase();
    let bytes = raw.as_bytes();
    let mut masks = Vec::new();
    for name in names {
        let needle = format!("\\\"{name}\\\"");
        let mut from = 0;
        while let Some(at) = lower[from..].find(&needle) {
            let after = from + at + needle.len();
            from = after;
            let j = skip_space(bytes, after);
            if bytes.get(j) != Some(&b':') {
                continue;
            }
            let start = skip_space(bytes, j + 1);
            let range = if bytes[start..].starts_with(b"\\\"") {
                start + 2..escaped_string_end(bytes, start + 2)
            } else {
                start..line_end(bytes, start)
            };
            if range.start < range.end {
                masks.push(base + range.start..base + range.end);
            }
        }
    }
    masks
}

/// Where an escaped inner string that starts at `from` ends (the backslash of its closing
/// `\"`), or the end of `bytes`. Inside the outer string, a run of n backslashes before a
/// quote stands for (n-1)/2 inner backslashes and an inner quote when n is odd; that inner
/// quote closes the inner string when (n-1)/2 is even.
fn escaped_string_end(bytes: &[u8], from: usize) -> usize {
    let mut k = from;
    while k < bytes.len() {
        if bytes[k] != b'\\' {
            k += 1;
            continue;
        }
        let run = bytes[k..].iter().take_while(|b| **b == b'\\').count();
        if bytes.get(k + run) == Some(&b'"') && run % 4 == 1 {
            return k + run - 1;
        }
        k += run + 1;
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut j: usize) -> usize {
    while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        j += 1;
    }
    j
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    from + bytes[from..]
        .iter()
        .take_while(|b| !matches!(b, b'\n' | b'\r'))
        .count()
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// A quoted name's text with its escapes resolved (`pass\u0077ord` is `password`), so an
/// escaped spelling of a secret name is still recognised.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) => out.push(decoded),
                    None => out.push('\u{fffd}'),
                }
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, masks: &[Range<usize>]) -> String {
        crate::redact::mask_spans(text, masks)
    }

    fn names() -> BTreeSet<String> {
        ["password", "destination"].map(String::from).into()
    }

    #[test]
    fn json_values_of_secret_names_are_masked_in_every_spelling() {
        let cases = [
            (
                r#"{"password": "hunter2", "x": 1}"#,
                r#"{"password": "***", "x": 1}"#,
            ),
            (r#"{"Password":"hunter2"}"#, r#"{"Password":"***"}"#),
            (
                r#"{"pass\u0077ord": "hunter2"}"#,
                r#"{"pass\u0077ord": "***"}"#,
            ),
            ("{Password: 'hunter2', x: 1}", "{Password: '***', x: 1}"),
            (
                "{\"password\":\n  \"hunter2\"}",
                "{\"password\":\n  \"***\"}",
            ),
            (
                r#"{"password": 12345, "x": 1}"#,
                r#"{"password": ***, "x": 1}"#,
            ),
            (r#"{"password": "hunter2"#, r#"{"password": "***"#),
            (
                r#"{"value": "{\"Password\":\"hunter2\",\"Name\":\"x\"}"}"#,
                r#"{"value": "{\"Password\":\"***\",\"Name\":\"x\"}"}"#,
            ),
            (
                r#"{"value": "{\"Password\": \"a\\\"b\\\\\", \"Name\":\"x\"}"}"#,
                r#"{"value": "{\"Password\": \"***\", \"Name\":\"x\"}"}"#,
            ),
            (
                r#"{"value": "{\"Password\": [\"hunter2\"], \"Name\":\"x\"}"}"#,
                r#"{"value": "{\"Password\": ***"}"#,
            ),
            (r#"{"passwords": "kept"}"#, r#"{"passwords": "kept"}"#),
        ];
        for (text, expected) in cases {
            assert_eq!(
                masked(text, &json_masks(text, &names())),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn yaml_values_of_secret_names_are_masked() {
        let text = "Name: x\nPassword: hunter2\n  - password : 'hunter2' # note\nkept: 1\n";
        assert_eq!(
            masked(text, &yaml_masks(text, yaml_key_pattern(&names()).as_ref())),
            "Name: x\nPassword: ***\n  - password : ***\nkept: 1\n"
        );
    }
}
