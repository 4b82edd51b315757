//! The spec's prose in Rust doc comments and back. The pages write `[Required]`, `[::1]`
//! and `<folder>`, which rustdoc reads as links and HTML, and bare URLs, which it warns
//! about. The generator writes [`escape`]d text into the doc comments it emits; the derive
//! reads a doc comment back as a description with [`unescape`], so the schemas, the
//! OpenAPI documents and the messages keep the spec's own text. One pair, so the two
//! directions cannot drift apart.
//!
//! Code spans (between backticks) are left as they are in both directions.

/// Outside code spans: `[`, `]` and `<` escaped with a backslash, and each bare http(s)
/// URL made an autolink (`<https://...>`), ending before whitespace, `)`, `,`, a quote, a
/// bracket or `<`, and before a sentence's full stop.
pub fn escape(text: &str) -> String {
    outside_code(text, |mut rest, out| {
        while !rest.is_empty() {
            // Runs of text that hold neither a URL's start nor a character to escape are
            // copied as they are.
            let plain = rest.find(['h', '[', ']', '<']).unwrap_or(rest.len());
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
            let Some(c) = rest.chars().next() else { break };
            if rest.starts_with("http://") || rest.starts_with("https://") {
                let end = rest
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, ')' | ',' | '"' | '\'' | '<' | '[' | ']')
                    })
                    .unwrap_or(rest.len());
                let end = if rest[..end].ends_with('.') {
                    end - 1
                } else {
                    end
                };
                out.push('<');
                out.push_str(&rest[..end]);
                out.push('>');
                rest = &rest[end..];
                continue;
            }
            if matches!(c, '[' | ']' | '<') {
                out.push('\\');
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    })
}

/// [`escape`] undone: outside code spans, `\[`, `\]` and `\<` are the characters
/// themselves, and an autolink `<https://...>` is its URL.
pub fn unescape(text: &str) -> String {
    outside_code(text, |mut rest, out| {
        while let Some(c) = rest.chars().next() {
            if c == '\\' && rest[1..].starts_with(['[', ']', '<']) {
                out.push_str(&rest[1..2]);
                rest = &rest[2..];
                continue;
            }
            if c == '<'
                && (rest[1..].starts_with("http://") || rest[1..].starts_with("https://"))
                && let Some(close) = rest.find('>')
                && !rest[..close].contains(char::is_whitespace)
            {
                out.push_str(&rest[1..close]);
                rest = &rest[close + 1..];
                continue;
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    })
}

/// `text` with `prose` applied to each part outside code spans (which are copied).
fn outside_code(text: &str, mut prose: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
        } else {
            prose(part, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_prose_reads_back_as_written() {
        let texts = [
            "ASP.NET's [Required] rejects empty strings.",
            "an IPv6 address in brackets ([::1]), or (https://api-admin.cylance.com).",
            "sends https://KEY:SECRET@bucket.s3.amazonaws.com/<folder> and reads it back",
            "saved to file://[Cylance Data Directory]/Optics.",
            "a < b, `code [kept] <as is>`, and <not a link>",
            "http://{host}:{port}",
        ];
        for text in texts {
            assert_eq!(unescape(&escape(text)), text, "{}", escape(text));
        }
        assert_eq!(
            escape("see https://example.com/x. And [y]"),
            r"see <https://example.com/x>. And \[y\]"
        );
        assert_eq!(
            escape("`[a]` <b>"),
            r"`[a]` \<b>",
            "code spans are left alone"
        );
    }
}
