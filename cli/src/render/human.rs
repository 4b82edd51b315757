//! `--format human`: rustc-style code frames, then a one-line summary.
//!
//! ```text
//! error[unknown_field]: unknown member `ComputerNameTarget` in DiscoveryTargets
//!   --> payloads/job.json:9:5 (create_job request)
//!    |
//!  9 |     "ComputerNameTarget": [],
//!    |     ^ /DiscoveryTargets/ComputerNameTarget
//!    = help: did you mean `ComputerNameTargets`?
//! ```
//!
//! Colour only when `color` is set (the caller decides: a terminal, and no `NO_COLOR`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use vendorspec::runtime::finding::{Finding, Severity};

use crate::report::{FileResult, Outcome, Summary};

struct Palette {
    error: Style,
    warning: Style,
    gutter: Style,
    bold: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            return Palette {
                error: Style::new(),
                warning: Style::new(),
                gutter: Style::new(),
                bold: Style::new(),
            };
        }
        Palette {
            error: AnsiColor::Red.on_default().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            gutter: AnsiColor::Blue.on_default().bold(),
            bold: Style::new().bold(),
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

pub fn write(
    out: &mut impl Write,
    results: &[FileResult],
    summary: &Summary,
    color: bool,
) -> io::Result<()> {
    let p = Palette::new(color);
    let several_targets = results
        .windows(2)
        .any(|w| !std::ptr::eq(w[0].target, w[1].target));
    for r in results {
        // Unreadable files are reported on stderr by the caller, in every format.
        if let Outcome::Checked { findings, .. } = &r.outcome {
            for f in findings {
                frame(out, r, f, several_targets, &p)?;
            }
        }
    }
    let style = if summary.invalid + summary.unreadable > 0 {
        p.error
    } else {
        p.bold
    };
    writeln!(
        out,
        "{}{}{}",
        style.render(),
        summary.line(),
        style.render_reset()
    )
}

fn frame(
    out: &mut impl Write,
    r: &FileResult,
    f: &Finding,
    several_targets: bool,
    p: &Palette,
) -> io::Result<()> {
    let severity = p.severity(f.severity);
    writeln!(
        out,
        "{}{}[{}]{}{}: {}{}",
        severity.render(),
        f.severity,
        f.rule,
        severity.render_reset(),
        p.bold.render(),
        f.message,
        p.bold.render_reset()
    )?;
    let number = f.line.to_string();
    let pad = " ".repeat(number.len());
    let (g, gr) = (p.gutter.render(), p.gutter.render_reset());
    let target = if several_targets {
        format!(" ({} {})", r.target.endpoint.id, r.target.kind_label())
    } else {
        String::new()
    };
    writeln!(
        out,
        "{pad}{g}-->{gr} {}:{}:{}{target}",
        r.path, f.line, f.column
    )?;
    let pointer = if f.pointer.is_empty() {
        "(root)"
    } else {
        &f.pointer
    };
    match r.excerpt(f) {
        Some(excerpt) => {
            let caret_pad: String = excerpt
                .text
                .chars()
                .take(excerpt.caret - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(out, "{pad} {g}|{gr}")?;
            writeln!(out, "{g}{number} |{gr} {}", excerpt.text)?;
            writeln!(
                out,
                "{pad} {g}|{gr} {caret_pad}{}^{} {pointer}",
                severity.render(),
                severity.render_reset()
            )?;
        }
        None => writeln!(out, "{pad} {g}={gr} at {pointer}")?,
    }
    if let Some(help) = &f.help {
        writeln!(
            out,
            "{pad} {g}={gr} {}help{}: {help}",
            p.bold.render(),
            p.bold.render_reset()
        )?;
    }
    writeln!(out)
}
