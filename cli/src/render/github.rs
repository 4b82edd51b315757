//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::error file=PATH,line=L,col=C,title=vendorspec RULE::MESSAGE`, with the escapes GitHub's
//! runner decodes: `%`, CR and LF in the message; those and `:` and `,` in property values.

use std::io::{self, Write};

use vendorspec::runtime::finding::Severity;

use crate::report::{FileResult, Notice, Outcome, Summary};

pub fn write(
    out: &mut impl Write,
    results: &[FileResult],
    notices: &[Notice],
    s: &Summary,
) -> io::Result<()> {
    for r in results {
        match &r.outcome {
            Outcome::Unreadable(reason) => writeln!(
                out,
                "::error file={},title={}::{}",
                property(&r.path),
                property("vendorspec: unreadable file"),
                data(reason)
            )?,
            Outcome::Checked { findings, .. } => {
                for f in findings {
                    let command = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    let pointer = if f.pointer.is_empty() {
                        "(root)"
                    } else {
                        &f.pointer
                    };
                    let mut message = format!("{pointer}: {}", f.message);
                    if let Some(help) = &f.help {
                        message.push_str("\nhelp: ");
                        message.push_str(help);
                    }
                    // `--param` values have no file to annotate.
                    let place = if r.params && r.target.params_at.is_none() {
                        String::new()
                    } else {
                        format!(
                            "file={},line={},col={},",
                            property(&r.path),
                            f.line,
                            f.column
                        )
                    };
                    writeln!(
                        out,
                        "::{command} {place}title={}::{}",
                        property(&format!("vendorspec {} ({})", f.rule, r.target.endpoint.id)),
                        data(&message)
                    )?;
                }
            }
        }
    }
    for n in notices {
        let command = match n.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match &n.at {
            Some(at) => format!(
                "file={},line={},col={},",
                property(&at.path),
                at.line,
                at.column
            ),
            None => String::new(),
        };
        let mut message = n.message.clone();
        if let Some(help) = &n.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} {place}title={}::{}",
            property(&format!("vendorspec {}", n.code)),
            data(&message)
        )?;
    }
    writeln!(out, "vendorspec: {}", s.line())
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
