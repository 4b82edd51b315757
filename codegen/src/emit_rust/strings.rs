//! Stand-ins for the emitter's strings while syn and prettyplease handle the tokens.
//!
//! Most of the generated source is text from the spec: doc lines, descriptions, example
//! bodies. Sent through the token pipeline as they are, each string is escaped into a
//! literal, unescaped when syn parses the module, and unescaped again when prettyplease
//! prints a doc attribute; that was a third of the emitter's time. None of it can change
//! the text, so the emitter sends a stand-in instead and puts the text back into the
//! printed source.
//!
//! A stand-in is the same kind of token as the string it replaces (a string literal, or
//! the value of a doc attribute) and prints as wide (see [`WIDEST`] for long literals),
//! so prettyplease, which only ever looks at a token's width, lays the module out exactly
//! as it would the real text. It is a raw string (cheap to lex and to parse) holding
//! [`MARK`], its number and padding. Strings too short to hold that go through as they
//! are.

use proc_macro2::Literal;

/// Starts every stand-in's content. It never occurs raw in printed code: the literals
/// the emitter makes escape control characters, and identifiers cannot hold one.
const MARK: char = '\u{1}';

/// The widest a literal's stand-in gets. prettyplease never has more than 89 columns
/// left on a line (its margin), so a token wider than that breaks every group and line
/// around it whatever its exact width: an example body of 2,000 bytes is laid out as one
/// of 100, and need not be copied through the pipeline at full length.
const WIDEST: usize = 100;

/// What prettyplease prints before a doc line's text.
const DOC_PREFIXES: [&str; 2] = ["///", "//!"];

/// The strings of one module that went through the pipeline as stand-ins.
pub(super) struct Strings {
    /// Indexed by stand-in number.
    entries: Vec<Entry>,
    /// Printed items that went through the pipeline as a placeholder item
    /// ([`Strings::item`]), indexed by placeholder number.
    items: Vec<String>,
    /// False: every string goes through as itself (the reference the tests compare with).
    stand_ins: bool,
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            entries: Vec::new(),
            items: Vec::new(),
            stand_ins: true,
        }
    }
}

struct Entry {
    /// The stand-in as printed: `r"` + content + `"` for a literal, the content alone for
    /// a doc line.
    printed: String,
    /// How many bytes of `printed` come before [`MARK`].
    lead: usize,
    /// What is printed in its place.
    text: String,
    /// How `text` goes in place of a doc line's stand-in.
    lines: Lines,
}

/// How an entry's text is put back.
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    /// In place of the stand-in (a literal's, or one doc line's text).
    One,
    /// Doc lines: the first in place of the stand-in, the others each on its own line
    /// after the doc line's indentation and `///` (or `//!`).
    Doc,
    /// Lines of outer attributes in place of the whole doc line, `///` included, each
    /// after the doc line's indentation.
    Attrs,
}

/// The name of a placeholder item (`struct <PLACEHOLDER><n>;`): no emitted item is a
/// private unit struct, and no spec name starts with two underscores.
const PLACEHOLDER: &str = "__vendorspec_codegen_item_";

impl Strings {
    /// A string literal for `value`: prints as `quote!`'s literal of it would.
    /// Strings that go through the pipeline as themselves, without stand-ins: slower, and
    /// what the stand-ins must reproduce exactly.
    #[cfg(test)]
    pub fn verbatim() -> Self {
        Strings {
            entries: Vec::new(),
            items: Vec::new(),
            stand_ins: false,
        }
    }

    /// Whether strings go through as stand-ins (false: as themselves).
    pub fn stand_ins(&self) -> bool {
        self.stand_ins
    }

    pub fn lit(&mut self, value: &str) -> Literal {
        if !self.stand_ins {
            return Literal::string(value);
        }
        let repr = escaped(value);
        // `r"` and `"` around the content.
        let width = repr.len().min(WIDEST);
        let Some(content) = self.content(width.saturating_sub(3)) else {
            return Literal::string(value);
        };
        let printed = format!("r\"{content}\"");
        let token = printed
            .parse()
            .expect("a raw string without a quote in it is a literal");
        self.entries.push(Entry {
            printed,
            lead: 2,
            text: repr,
            lines: Lines::One,
        });
        token
    }

    /// The value of one `#[doc = ..]` attribute that stands in for the doc lines `lines`,
    /// one per line, without trailing spaces (none may start with `/`: prettyplease prints
    /// `///` and the line then; the emitter's doc lines are empty or start with a space): a
    /// doc line is printed alone on its line, so however many there are, the layout of
    /// the rest is the same.
    pub fn doc_lines(&mut self, lines: String) -> Literal {
        self.whole(lines, Lines::Doc)
    }

    /// A doc stand-in as narrow as it can be, for `text` put back as `lines` says.
    fn whole(&mut self, text: String, lines: Lines) -> Literal {
        let width = MARK.len_utf8() + self.entries.len().to_string().len();
        let content = self
            .content(width)
            .expect("a stand-in as wide as its mark and number");
        let token = format!("r\"{content}\"")
            .parse()
            .expect("a raw string without a quote in it is a literal");
        self.entries.push(Entry {
            printed: content,
            lead: 0,
            text,
            lines,
        });
        token
    }

    /// The value of one `#[doc = ..]` attribute that stands in for `lines`: outer
    /// attributes as prettyplease prints them at the top of a line (each attribute alone
    /// on its line, so their layout depends on nothing around them), without their
    /// indentation, one per line. Restored indented as the doc line.
    pub fn attr_lines(&mut self, lines: &str) -> Literal {
        self.whole(lines.to_string(), Lines::Attrs)
    }

    /// A placeholder item for `printed`: a whole item as prettyplease prints it at the top
    /// of a line, without its indentation (items of a module are laid out each on their
    /// own, whatever is around them). Restored indented as the placeholder.
    pub fn item(&mut self, printed: String) -> proc_macro2::TokenStream {
        let name = proc_macro2::Ident::new(
            &format!("{PLACEHOLDER}{}", self.items.len()),
            proc_macro2::Span::call_site(),
        );
        self.items.push(printed);
        quote::quote!(struct #name;)
    }

    /// The next stand-in's content, `width` bytes wide; `None` if that is too narrow.
    fn content(&self, width: usize) -> Option<String> {
        let number = self.entries.len().to_string();
        let padding = width.checked_sub(MARK.len_utf8() + number.len())?;
        let mut content = String::with_capacity(width);
        content.push(MARK);
        content.push_str(&number);
        content.extend(std::iter::repeat_n('_', padding));
        Some(content)
    }

    /// `printed` (prettyplease's output for the tokens) with every stand-in replaced by
    /// its text.
    pub fn restore(&self, printed: &str) -> String {
        let mut out = String::with_capacity(printed.len() + printed.len() / 2);
        for line in printed.split_inclusive('\n') {
            let body = line.trim_start_matches(' ');
            match DOC_PREFIXES.iter().find(|p| body.starts_with(*p)) {
                // A doc line's text is printed as it is: only a stand-in is replaced, so
                // a doc that happens to hold MARK is left alone.
                Some(prefix) => {
                    let at = line.len() - body.len() + prefix.len();
                    out.push_str(&line[..at]);
                    let rest = &line[at..];
                    let (text, newline) = match rest.strip_suffix('\n') {
                        Some(text) => (text, "\n"),
                        None => (rest, ""),
                    };
                    match self
                        .entry_at(text, 0)
                        .filter(|e| e.printed.len() == text.len())
                    {
                        Some(entry) if entry.lines == Lines::Attrs => {
                            out.truncate(out.len() - at);
                            let indent = &line[..line.len() - body.len()];
                            push_indented(&mut out, indent, &entry.text);
                        }
                        Some(entry) if entry.lines == Lines::Doc => {
                            for (i, doc) in entry.text.split('\n').enumerate() {
                                if i > 0 {
                                    out.push('\n');
                                    out.push_str(&line[..at]);
                                }
                                out.push_str(doc);
                            }
                        }
                        Some(entry) => out.push_str(&entry.text),
                        None => out.push_str(text),
                    }
                    out.push_str(newline);
                }
                None => match self.item_at(body) {
                    Some(item) => {
                        let indent = &line[..line.len() - body.len()];
                        push_indented(&mut out, indent, item);
                        if line.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                    None => self.restore_code(line, &mut out),
                },
            }
        }
        out
    }

    /// The printed item whose placeholder is `line` (without its indentation).
    fn item_at(&self, line: &str) -> Option<&String> {
        let number = line
            .strip_prefix("struct ")?
            .strip_prefix(PLACEHOLDER)?
            .trim_end_matches('\n')
            .strip_suffix(';')?;
        self.items.get(number.parse::<usize>().ok()?)
    }

    /// One line of code with its literals' stand-ins replaced.
    fn restore_code(&self, line: &str, out: &mut String) {
        let mut rest = line;
        while let Some(mark) = rest.find(MARK) {
            match mark
                .checked_sub(2)
                .and_then(|start| Some((start, self.entry_at(&rest[start..], 2)?)))
            {
                Some((start, entry)) => {
                    out.push_str(&rest[..start]);
                    out.push_str(&entry.text);
                    rest = &rest[start + entry.printed.len()..];
                }
                None => {
                    let next = mark + MARK.len_utf8();
                    out.push_str(&rest[..next]);
                    rest = &rest[next..];
                }
            }
        }
        out.push_str(rest);
    }

    /// The entry whose stand-in `text` starts with, `lead` bytes before its mark.
    fn entry_at(&self, text: &str, lead: usize) -> Option<&Entry> {
        let after = text.get(lead..)?.strip_prefix(MARK)?;
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let entry = self.entries.get(after[..digits].parse::<usize>().ok()?)?;
        (entry.lead == lead && text.starts_with(&entry.printed)).then_some(entry)
    }
}

/// `text`'s lines (without a final line break), each but empty ones after `indent`.
fn push_indented(out: &mut String, indent: &str, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
}

/// `value` as a string literal's source, exactly as `proc_macro2::Literal::string`
/// writes it, without going through it for the common plain-ASCII text.
fn escaped(value: &str) -> String {
    let mut repr = String::with_capacity(value.len() + 2);
    repr.push('"');
    for &b in value.as_bytes() {
        match b {
            b'"' => repr.push_str("\\\""),
            b'\\' => repr.push_str("\\\\"),
            b'\n' => repr.push_str("\\n"),
            b'\r' => repr.push_str("\\r"),
            b'\t' => repr.push_str("\\t"),
            // Printable ASCII, the single quote included, is written as it is.
            0x20..=0x7e => repr.push(char::from(b)),
            // Other control characters and anything beyond ASCII: proc-macro2 knows.
            _ => return Literal::string(value).to_string(),
        }
    }
    repr.push('"');
    repr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_proc_macro2_does() {
        for value in [
            "",
            "plain text",
            "a \"quoted\" \\ back'slash",
            "{\n\t\"a\": 1\r\n}",
            "naïve — ünïcode ’",
            "nul \0 and \u{1} and \u{7f}",
            "\0",
        ] {
            assert_eq!(
                escaped(value),
                Literal::string(value).to_string(),
                "{value:?}"
            );
        }
    }

    #[test]
    fn stand_ins_print_as_wide_as_their_text_and_restore_to_it() {
        let mut strings = Strings::default();
        let long = "a description long enough for a stand-in, with \"quotes\"";
        let lit = strings.lit(long);
        assert_eq!(
            lit.to_string().len(),
            Literal::string(long).to_string().len()
        );
        let longer = "x".repeat(500);
        let wide = strings.lit(&longer);
        assert_eq!(wide.to_string().len(), WIDEST);
        let short = strings.lit("ab");
        assert_eq!(short.to_string(), "\"ab\"");
        let doc = strings.doc_lines(" A doc line.\n\n Another.".into());
        let doc = doc.to_string();
        let printed = format!(
            "    ///{}\n    x: {lit}, y: {wide}\n",
            &doc[2..doc.len() - 1]
        );
        assert_eq!(
            strings.restore(&printed),
            format!(
                "    /// A doc line.\n    ///\n    /// Another.\n    x: {}, y: \"{longer}\"\n",
                Literal::string(long)
            )
        );
    }
}
