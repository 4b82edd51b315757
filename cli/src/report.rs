//! The results of a `validate` run, as every output format reads them.

use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::finding::{Finding, Severity};

use crate::source::Source;

/// What the findings of `--param` values given on the command line are reported at.
pub const PARAMS_PATH: &str = "(--param)";

/// What a file is checked as: an endpoint's body, with its options.
pub struct Target {
    pub endpoint: &'static EndpointDesc,
    pub kind: BodyKind,
    pub deny_warnings: bool,
    pub params: Vec<(String, String)>,
    /// Where the parameters were given: `vendorspec.toml` and the line and column of the
    /// mapping's `params`, or `None` for `--param` on the command line.
    pub params_at: Option<Place>,
}

/// A place in a file the user wrote (the configuration), for run-level messages.
#[derive(Clone, Debug)]
pub struct Place {
    pub path: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// A message about the run itself rather than a payload: a mapping that matched no file,
/// a named path no mapping covers, a run that checked nothing. Every format shows these
/// (a GitHub annotation, a SARIF result, a JUnit case).
pub struct Notice {
    pub severity: Severity,
    /// A stable code: `unmatched_mapping`, `uncovered_path`, `nothing_checked`.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub at: Option<Place>,
}

impl Notice {
    /// A mapping of `vendorspec.toml` that matches no file.
    pub const UNMATCHED_MAPPING: &'static str = "unmatched_mapping";
    /// A named path that no mapping covers.
    pub const UNCOVERED_PATH: &'static str = "uncovered_path";
    /// A run that checked no file at all.
    pub const NOTHING_CHECKED: &'static str = "nothing_checked";

    /// Whether the run itself failed (exit 2, SARIF `executionSuccessful: false`): it
    /// checked less than it was asked to. An uncovered path, even denied by
    /// `--deny-warnings`, makes the run invalid (exit 1) rather than failed.
    pub fn fails_run(&self) -> bool {
        self.severity == Severity::Error && self.code != Self::UNCOVERED_PATH
    }
}

impl Target {
    /// `request` or `response`, as the JSON report's `kind` says.
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            BodyKind::Request => "request",
            BodyKind::Response(_) => "response",
        }
    }
}

/// What happened to one file checked against one target.
pub struct FileResult<'t> {
    /// The file's path; for parameters, where they were given ([`FileResult::params`]).
    pub path: String,
    pub target: &'t Target,
    pub outcome: Outcome,
    /// The check of the target's parameters rather than of a file: reported beside the
    /// files (at the configuration's `params`, or as `--param`), not counted as a file.
    pub params: bool,
}

pub enum Outcome {
    /// Read and validated; the source is kept when there is something to quote.
    Checked {
        findings: Vec<Finding>,
        source: Option<Source>,
        /// The file was blank: the call it stands for sends no body.
        no_body: bool,
        /// With `--explain`: what the server will do with a body without errors.
        effective: Option<Vec<vendorspec::runtime::effective::Explained>>,
    },
    /// Not read: the reason, for a person.
    Unreadable(String),
}

impl FileResult<'_> {
    /// The findings, empty for an unreadable file.
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Checked { findings, .. } => findings,
            Outcome::Unreadable(_) => &[],
        }
    }

    /// No error, and no warning either under `deny_warnings`; an unreadable file is not valid.
    pub fn is_valid(&self) -> bool {
        match &self.outcome {
            Outcome::Checked { findings, .. } => {
                let (errors, warnings) = count(findings);
                errors == 0 && !(self.target.deny_warnings && warnings > 0)
            }
            Outcome::Unreadable(_) => false,
        }
    }

    /// With `--explain`, the effective values of a body without errors.
    pub fn effective(&self) -> Option<&[vendorspec::runtime::effective::Explained]> {
        match &self.outcome {
            Outcome::Checked { effective, .. } => effective.as_deref(),
            Outcome::Unreadable(_) => None,
        }
    }

    /// Whether the file stands for a call without a body (a blank file).
    pub fn no_body(&self) -> bool {
        matches!(self.outcome, Outcome::Checked { no_body: true, .. })
    }

    /// The quoted line of a finding (secrets masked), when the file's text is kept.
    pub fn excerpt(&self, finding: &Finding) -> Option<crate::source::Excerpt> {
        match &self.outcome {
            Outcome::Checked {
                source: Some(source),
                ..
            } if !self.params => Some(source.excerpt(finding.offset as usize)),
            _ => None,
        }
    }
}

/// The counts of a run, as every format's summary gives them.
#[derive(Default)]
pub struct Summary {
    /// Distinct files checked.
    pub files: usize,
    /// Checks made: a file per endpoint it is mapped to, and each set of parameters.
    pub checks: usize,
    /// Checks without an error (and without a warning under `deny_warnings`).
    pub valid: usize,
    pub invalid: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Files that stand for a call without a body (blank files).
    pub no_body: usize,
}

impl Summary {
    /// The counts of the results, and the run-level notices' errors and warnings.
    pub fn of(results: &[FileResult], notices: &[Notice]) -> Summary {
        let mut s = Summary::default();
        // A file checked against several targets counts once. Results come sorted by path
        // (as every run sorts them), so its checks are neighbours; the set is for any other
        // order.
        let sorted = results
            .iter()
            .filter(|r| !r.params)
            .is_sorted_by(|a, b| a.path <= b.path);
        let mut previous: Option<&str> = None;
        let mut paths = std::collections::BTreeSet::new();
        for n in notices {
            match n.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
        }
        for r in results {
            match &r.outcome {
                Outcome::Unreadable(_) => s.unreadable += 1,
                Outcome::Checked { findings, .. } => {
                    s.checks += 1;
                    let new_path = !r.params
                        && if sorted {
                            let new = previous != Some(r.path.as_str());
                            previous = Some(r.path.as_str());
                            new
                        } else {
                            paths.insert(r.path.as_str())
                        };
                    if new_path {
                        s.files += 1;
                        s.no_body += usize::from(r.no_body());
                    }
                    let (errors, warnings) = count(findings);
                    s.errors += errors;
                    s.warnings += warnings;
                    if r.is_valid() {
                        s.valid += 1;
                    } else {
                        s.invalid += 1;
                    }
                }
            }
        }
        s
    }

    /// `12 files: 10 valid, 2 invalid; 3 errors, 1 warning`; `(1 with no body)` after the
    /// file count when blank files stood for calls without a body; `12 files, 14 checks`
    /// when some file is checked against two endpoints or parameters were checked, and then
    /// valid and invalid count checks.
    pub fn line(&self) -> String {
        let unreadable = if self.unreadable > 0 {
            format!(", {} unreadable", self.unreadable)
        } else {
            String::new()
        };
        let no_body = if self.no_body > 0 {
            format!(" ({} with no body)", self.no_body)
        } else {
            String::new()
        };
        let checks = if self.checks != self.files {
            format!(", {}", plural(self.checks, "check"))
        } else {
            String::new()
        };
        format!(
            "{}{no_body}{checks}: {} valid, {} invalid{unreadable}; {}, {}",
            plural(self.files, "file"),
            self.valid,
            self.invalid,
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// (errors, warnings) among findings.
pub fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
