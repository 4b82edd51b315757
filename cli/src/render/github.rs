//! `--format github`: GitHub Actions workflow commands, one annotation per finding (and,
//! for `diff`, per change).
//!
//! `::error file=PATH,line=L,col=C,title=vendorspec RULE::MESSAGE`, with the escapes GitHub's
//! runner decodes: `%`, CR and LF in the message; those and `:` and `,` in property values.

use std::io::{self, Write};

use vendorspec::runtime::finding::Severity;

use vendorspec_model::diff::{Level, Report as DiffReport};

use crate::report::{FileResult, Notice, Outcome, Summary};

/// Where an annotation points: a file, and a line and column in it when known.
pub struct Place<'a> {
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// One workflow command line: `::COMMAND file=F,line=L,col=C,title=T::MESSAGE`, every
/// part escaped. The one writer of annotations, for `validate` and `diff` alike.
pub fn annotation(
    out: &mut impl Write,
    command: &str,
    place: Option<Place<'_>>,
    title: &str,
    message: &str,
) -> io::Result<()> {
    write!(out, "::{command} ")?;
    if let Some(place) = place {
        // Annotations take paths relative to the repository root.
        write!(
            out,
            "file={},",
            property(place.file.trim_start_matches("./"))
        )?;
        if let Some(line) = place.line {
            write!(out, "line={line},")?;
            if let Some(column) = place.column {
                write!(out, "col={column},")?;
            }
        }
    }
    writeln!(out, "title={}::{}", property(title), data(message))
}

/// `::error` for errors, `::warning` for warnings.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A message with its help on a second line.
fn with_help(message: String, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message}\nhelp: {help}"),
        None => message,
    }
}

pub fn write(
    out: &mut impl Write,
    results: &[FileResult],
    notices: &[Notice],
    s: &Summary,
) -> io::Result<()> {
    for r in results {
        match &r.outcome {
            Outcome::Unreadable(reason) => annotation(
                out,
                "error",
                Some(Place {
                    file: &r.path,
                    line: None,
                    column: None,
                }),
                "vendorspec: unreadable file",
                reason,
            )?,
            Outcome::Checked { findings, .. } => {
                for f in findings {
                    let pointer = if f.pointer.is_empty() {
                        "(root)"
                    } else {
                        &f.pointer
                    };
                    let message = with_help(format!("{pointer}: {}", f.message), f.help.as_deref());
                    // `--param` values have no file to annotate.
                    let place = (!(r.params && r.target.params_at.is_none())).then(|| Place {
                        file: &r.path,
                        line: Some(f.line),
                        column: Some(f.column),
                    });
                    let title = format!("vendorspec {} ({})", f.rule, r.target.endpoint.id);
                    annotation(out, command(f.severity), place, &title, &message)?;
                }
            }
        }
    }
    for n in notices {
        let place = n.at.as_ref().map(|at| Place {
            file: &at.path,
            line: Some(at.line),
            column: Some(at.column),
        });
        let message = with_help(n.message.clone(), n.help.as_deref());
        let title = format!("vendorspec {}", n.code);
        annotation(out, command(n.severity), place, &title, &message)?;
    }
    writeln!(out, "vendorspec: {}", s.line())
}

/// `vendorspec diff --format github`: one annotation per change (`::error` for breaking,
/// `::warning` for compatible, `::notice` for info), on the line of the new spec that holds
/// the change, so it shows in the pull request's diff.
pub fn write_diff(out: &mut impl Write, report: &DiffReport) -> io::Result<()> {
    for change in &report.changes {
        let command = match change.level {
            Level::Breaking => "error",
            Level::Compatible => "warning",
            Level::Info => "notice",
        };
        let place = change.file.as_deref().and_then(|file| {
            change.line.map(|line| Place {
                file,
                line: Some(line),
                column: change.column,
            })
        });
        let title = format!("{} change: {}", change.level.as_str(), change.location());
        let mut message = format!("{}: {}", change.location(), change.message);
        if let Some(note) = change.sides_note() {
            message.push_str(&format!(" ({note})"));
        }
        annotation(out, command, place, &title, &message)?;
    }
    Ok(())
}

/// A message: `%`, CR and LF escaped.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`data`], plus `:` and `,`.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(data("50%\r\nof a, b: c"), "50%25%0D%0Aof a, b: c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            property("breaking: a,b 100%\n"),
            "breaking%3A a%2Cb 100%25%0A"
        );
    }
}
