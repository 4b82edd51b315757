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
use rayon::prelude::*;
use vendorspec::runtime::finding::{Finding, Severity};

use crate::output::{MaskedLines, WriteLines};
use crate::report::{FileResult, Notice, Outcome, Summary};

/// The styles of the human formats (`validate`'s and `traffic`'s), plain without color.
pub(super) struct Palette {
    pub(super) error: Style,
    pub(super) warning: Style,
    pub(super) gutter: Style,
    pub(super) bold: Style,
}

impl Palette {
    pub(super) fn new(color: bool) -> Palette {
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

    pub(super) fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

/// How many results a worker renders (and masks) at a time.
const CHUNK: usize = 64;

pub fn write(
    out: &mut impl WriteLines,
    results: &[FileResult],
    notices: &[Notice],
    summary: &Summary,
    color: bool,
) -> io::Result<()> {
    let p = Palette::new(color);
    let several_targets = results
        .windows(2)
        .any(|w| !std::ptr::eq(w[0].target, w[1].target));
    // The files' frames are rendered and masked in parallel, in order, then written.
    let blocks: Vec<MaskedLines> = results
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut text = Vec::new();
            for r in chunk {
                // Writing to a Vec cannot fail.
                let _ = result(&mut text, r, several_targets, &p);
            }
            MaskedLines::new(text)
        })
        .collect();
    for block in &blocks {
        out.write_lines(block)?;
    }
    for n in notices {
        notice(out, n, &p)?;
    }
    let style = if summary.invalid + summary.unreadable > 0
        || notices.iter().any(|n| n.severity == Severity::Error)
    {
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

/// One file's frames (and `--explain`'s values), or why it could not be read.
fn result(
    out: &mut impl Write,
    r: &FileResult,
    several_targets: bool,
    p: &Palette,
) -> io::Result<()> {
    match &r.outcome {
        Outcome::Checked { findings, .. } => {
            for f in findings {
                frame(out, r, f, several_targets, p)?;
            }
            if let Some(effective) = r.effective() {
                explanation(out, r, effective, p)?;
            }
        }
        Outcome::Unreadable(reason) => {
            let style = p.severity(Severity::Error);
            writeln!(
                out,
                "{}error{}{}: {}: {reason}{}\n",
                style.render(),
                style.render_reset(),
                p.bold.render(),
                r.path,
                p.bold.render_reset()
            )?;
        }
    }
    Ok(())
}

/// A run-level message: `warning[uncovered_path]: ...`, where, and the hint.
fn notice(out: &mut impl Write, n: &Notice, p: &Palette) -> io::Result<()> {
    let severity = p.severity(n.severity);
    writeln!(
        out,
        "{}{}[{}]{}{}: {}{}",
        severity.render(),
        n.severity,
        n.code,
        severity.render_reset(),
        p.bold.render(),
        n.message,
        p.bold.render_reset()
    )?;
    let (g, gr) = (p.gutter.render(), p.gutter.render_reset());
    if let Some(at) = &n.at {
        writeln!(out, " {g}-->{gr} {at}")?;
    }
    if let Some(help) = &n.help {
        writeln!(
            out,
            "  {g}={gr} {}help{}: {help}",
            p.bold.render(),
            p.bold.render_reset()
        )?;
    }
    writeln!(out)
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

/// `--explain`: what the server will do with a body, one effective value per line, aligned,
/// each marked given or default. Secret values are never shown.
fn explanation(
    out: &mut impl Write,
    r: &FileResult,
    effective: &[vendorspec::runtime::effective::Explained],
    p: &Palette,
) -> io::Result<()> {
    writeln!(
        out,
        "{}{}{}: what `{}` will do with this {}:",
        p.bold.render(),
        r.path,
        p.bold.render_reset(),
        r.target.endpoint.id,
        r.target.kind_label()
    )?;
    let width = effective
        .iter()
        .map(|e| e.pointer.chars().count())
        .max()
        .unwrap_or(0);
    let values: Vec<String> = effective
        .iter()
        .map(|e| match &e.value {
            Some(v) => v.to_string(),
            None => crate::mask::MASK.to_string(),
        })
        .collect();
    let value_width = values
        .iter()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
        .min(60);
    for (e, value) in effective.iter().zip(&values) {
        let pointer = if e.pointer.is_empty() {
            "/"
        } else {
            &e.pointer
        };
        let source = e.source.as_str();
        // Defaults are dimmed like the gutter: the given values are what the file says.
        let style = if source == "default" {
            p.gutter
        } else {
            Style::new()
        };
        writeln!(
            out,
            "  {pointer:<width$}  {value:<value_width$}  {}{source}{}",
            style.render(),
            style.render_reset()
        )?;
    }
    writeln!(out)
}
