//! `vendorspec diff OLD NEW`: the change report between two versions of the spec, rendered
//! for a person, a program, a pull-request comment or GitHub annotations.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use vendorspec_model::Spec;
use vendorspec_model::diff::{self as spec_diff, Level};

use crate::render::{diff_markdown, github};
use crate::{EXIT_INVALID, EXIT_USAGE, finish, output};

/// Output formats of `diff`.
#[derive(ValueEnum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum DiffFormat {
    /// `level  where: what`, one line per change, then a summary.
    Human,
    /// One JSON document: {"changes": [...], "summary": {...}}.
    Json,
    /// Markdown for a pull-request comment or a CHANGELOG, grouped by level and endpoint.
    Markdown,
    /// GitHub Actions workflow commands (::error, ::warning, ::notice) on the spec's lines.
    Github,
}

/// The lowest level of change that makes `--fail-on` exit with status 1.
#[derive(ValueEnum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum FailOn {
    /// Fail when some change is breaking.
    Breaking,
    /// Fail when some change is breaking or compatible (anything but info).
    Compatible,
}

impl FailOn {
    fn level(self) -> Level {
        match self {
            FailOn::Breaking => Level::Breaking,
            FailOn::Compatible => Level::Compatible,
        }
    }
}

#[derive(Args)]
pub struct DiffArgs {
    /// The old spec: a spec directory (its *.yaml files) or one spec file.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new spec: a spec directory or one spec file.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Exit with status 1 when some change is at this level or above.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
}

pub fn run(args: &DiffArgs) -> ExitCode {
    // Both are loaded before giving up, so every error of both is shown at once.
    let old = load("old", &args.old);
    let new = load("new", &args.new);
    let (Some(old), Some(new)) = (old, new) else {
        return ExitCode::from(EXIT_USAGE);
    };
    let report = spec_diff::diff(&old, &new);
    let text = match args.format {
        DiffFormat::Human => report.to_string(),
        DiffFormat::Markdown => diff_markdown::render(&report),
        DiffFormat::Github => {
            let mut text = Vec::new();
            // Writing into memory cannot fail.
            let _ = github::write_diff(&mut text, &report);
            String::from_utf8_lossy(&text).into_owned()
        }
        DiffFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln_masked!("error: cannot write the report: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let mut out = output::stdout();
    let written = finish(out.write_all(text.as_bytes()).and_then(|()| out.finish()));
    if written != ExitCode::SUCCESS {
        return written;
    }
    match args.fail_on {
        Some(fail_on) if report.has_at_least(fail_on.level()) => ExitCode::from(EXIT_INVALID),
        _ => ExitCode::SUCCESS,
    }
}

/// The checked spec at `path`, or `None` after printing its located errors.
fn load(which: &str, path: &Path) -> Option<Spec> {
    match spec_diff::load(path) {
        Ok(spec) => Some(spec),
        Err(errors) => {
            eprintln_masked!("{errors}");
            eprintln_masked!("error: the {which} spec `{}` does not load", path.display());
            None
        }
    }
}
