//! GitHub Actions workflow commands: one annotation per change (`::error` for breaking,
//! `::warning` for compatible, `::notice` for info), placed on the line of the new spec
//! that holds the change, so it shows in the pull request's diff.

use std::fmt::Write;

use super::change::{Level, Report};

/// One `::command file=...,line=...,col=...,title=...::message` line per change.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let command = match change.level {
            Level::Breaking => "error",
            Level::Compatible => "warning",
            Level::Info => "notice",
        };
        let mut properties: Vec<(&str, String)> = Vec::new();
        if let (Some(file), Some(line)) = (&change.file, change.line) {
            // Annotations take paths relative to the repository root.
            properties.push(("file", file.trim_start_matches("./").to_string()));
            properties.push(("line", line.to_string()));
            if let Some(column) = change.column {
                properties.push(("col", column.to_string()));
            }
        }
        properties.push((
            "title",
            format!("{} change: {}", change.level.as_str(), change.location()),
        ));
        let properties: Vec<String> = properties
            .iter()
            .map(|(key, value)| format!("{key}={}", escape_property(value)))
            .collect();
        let mut message = format!("{}: {}", change.location(), change.message);
        if let Some(note) = change.sides_note() {
            let _ = write!(message, " ({note})");
        }
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        );
    }
    out
}

/// A command's message: `%`, CR and LF are percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which delimit properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("50%\r\nof a, b: c"), "50%25%0D%0Aof a, b: c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("breaking: a,b 100%\n"),
            "breaking%3A a%2Cb 100%25%0A"
        );
    }
}
