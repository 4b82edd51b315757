//! Spec errors: what is wrong, where (file:line:column), and what would be right.
//!
//! Every error carries the offending source line so it renders like rustc without the
//! renderer having to re-read files.

use std::fmt;

/// A position in a spec file. Lines and columns are 1-based; columns count characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

/// One problem in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    pub file: String,
    pub loc: Loc,
    pub message: String,
    /// What would be right ("did you mean `required`?", "expected one of ...").
    pub help: Option<String>,
    /// The source line the location points into (an excerpt of it if it is long), for
    /// the code frame.
    pub source_line: Option<String>,
    /// The caret's column within `source_line`.
    pub caret: u32,
}

impl SpecError {
    /// `file:line:column`, the part of the message tools and tests match on.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.loc.line, self.loc.column)
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        write!(f, "  --> {}", self.location())?;
        if let Some(line) = &self.source_line {
            let number = self.loc.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = line
                .chars()
                .take(self.caret.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// How many characters of a source line a code frame shows at most.
const FRAME_WIDTH: usize = 100;

/// The part of a source line to show around `column` (1-based), with control characters
/// made visible, and the caret's column in that excerpt.
fn frame_line(line: &str, column: u32) -> (String, u32) {
    let chars: Vec<char> = line.chars().collect();
    let at = (column.max(1) as usize - 1).min(chars.len());
    let start = at.saturating_sub(FRAME_WIDTH / 2);
    let end = (start + FRAME_WIDTH).min(chars.len());
    let mut text = String::new();
    let mut caret = at - start + 1;
    if start > 0 {
        text.push('…');
        caret += 1;
    }
    for c in &chars[start..end] {
        match c {
            '\t' => text.push('\t'),
            c if c.is_control() => text.push('�'),
            c => text.push(*c),
        }
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, caret as u32)
}

/// All the problems found in a spec, in file and position order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl SpecErrors {
    /// Sorts by file then position, so output does not depend on check order.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (&a.file, a.loc, &a.message).cmp(&(&b.file, b.loc, &b.message)));
        self.0.dedup();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if !self.0.is_empty() {
            let n = self.0.len();
            write!(
                f,
                "\n\n{n} error{} in the spec",
                if n == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

/// Collects errors for one file; knows the file's name and text for locations and frames.
pub struct Sink<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
    pub errors: Vec<SpecError>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Sink {
            file,
            lines: text.lines().collect(),
            errors: Vec::new(),
        }
    }

    pub fn file(&self) -> &'a str {
        self.file
    }

    /// Records an error at `loc`.
    pub fn error(&mut self, loc: Loc, message: impl Into<String>) {
        self.push(loc, message.into(), None);
    }

    /// Records an error at `loc` with a hint saying what would be right.
    pub fn error_help(&mut self, loc: Loc, message: impl Into<String>, help: impl Into<String>) {
        self.push(loc, message.into(), Some(help.into()));
    }

    fn push(&mut self, loc: Loc, message: String, help: Option<String>) {
        let original = loc;
        let source_line = (loc.line as usize)
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map(|l| frame_line(l.trim_end(), loc.column));
        // The frame may have been shortened: keep the caret under the same character.
        let caret = source_line.as_ref().map_or(loc.column, |(_, c)| *c);
        let source_line = source_line.map(|(text, _)| text);
        self.errors.push(SpecError {
            file: self.file.to_string(),
            loc: original,
            message,
            help,
            source_line,
            caret,
        });
    }
}

/// "`a`, `b` or `c`", for messages that list what is allowed.
pub fn one_of_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|i| format!("`{i}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}
