//! `--format json`: one document, exactly the shape docs/CLI.md gives
//! (plus `help` on a diagnostic when there is a hint).

use std::io::{self, Write};

use serde::Serialize;

use crate::report::{FileResult, Notice, Outcome, Summary};

#[derive(Serialize)]
struct Document<'a> {
    files: Vec<File<'a>>,
    /// The checks of parameter values, where they were given.
    parameters: Vec<Parameters<'a>>,
    /// Messages about the run itself (a mapping that matched no file, a path no mapping
    /// covers, nothing checked).
    notices: Vec<JsonNotice<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct Parameters<'a> {
    /// `vendorspec.toml` (the mapping's `params`), or `(--param)`.
    source: &'a str,
    endpoint: &'a str,
    valid: bool,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonNotice<'a> {
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    endpoint: &'a str,
    kind: &'a str,
    /// `false` for a blank file, which stands for a call without a body; left out when a
    /// body was sent.
    #[serde(skip_serializing_if = "is_true")]
    body_sent: bool,
    valid: bool,
    diagnostics: Vec<Diagnostic<'a>>,
    /// With `--explain`, for a body without errors: every effective value.
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<Vec<Effective<'a>>>,
}

#[derive(Serialize)]
struct Effective<'a> {
    pointer: &'a str,
    /// Left out for a secret member.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a serde_json::Value>,
    source: &'static str,
}

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    severity: &'static str,
    rule: &'a str,
    pointer: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    checks: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
}

/// Unreadable files are not in `files` (they were not validated); they go to stderr and
/// make the exit status 2.
pub fn write(
    out: &mut impl Write,
    results: &[FileResult],
    notices: &[Notice],
    s: &Summary,
) -> io::Result<()> {
    fn diagnostics<'r>(r: &'r FileResult<'_>) -> Vec<Diagnostic<'r>> {
        r.findings()
            .iter()
            .map(|f| Diagnostic {
                severity: f.severity.as_str(),
                rule: f.rule.as_str(),
                pointer: &f.pointer,
                line: f.line,
                column: f.column,
                message: &f.message,
                help: f.help.as_deref(),
            })
            .collect()
    }
    let parameters = results
        .iter()
        .filter(|r| r.params)
        .map(|r| Parameters {
            source: &r.path,
            endpoint: r.target.endpoint.id,
            valid: r.is_valid(),
            diagnostics: diagnostics(r),
        })
        .collect();
    let notices = notices
        .iter()
        .map(|n| JsonNotice {
            severity: n.severity.as_str(),
            code: n.code,
            message: &n.message,
            help: n.help.as_deref(),
            path: n.at.as_ref().map(|a| a.path.as_str()),
            line: n.at.as_ref().map(|a| a.line),
            column: n.at.as_ref().map(|a| a.column),
        })
        .collect();
    let files = results
        .iter()
        .filter(|r| !r.params && matches!(r.outcome, Outcome::Checked { .. }))
        .map(|r| File {
            path: &r.path,
            endpoint: r.target.endpoint.id,
            kind: r.target.kind_label(),
            body_sent: !r.no_body(),
            valid: r.is_valid(),
            diagnostics: diagnostics(r),
            effective: r.effective().map(|effective| {
                effective
                    .iter()
                    .map(|e| Effective {
                        pointer: &e.pointer,
                        value: e.value.as_ref(),
                        source: e.source.as_str(),
                    })
                    .collect()
            }),
        })
        .collect();
    let doc = Document {
        files,
        parameters,
        notices,
        summary: JsonSummary {
            files: s.files,
            checks: s.checks,
            valid: s.valid,
            invalid: s.invalid,
            errors: s.errors,
            warnings: s.warnings,
        },
    };
    // The serializer writes a few bytes at a time; the masking writer behind `out` takes
    // them in large blocks of whole lines instead (the same masks: no line of this document
    // ends inside a string, where a credential could run on).
    let mut buffered = io::BufWriter::with_capacity(1 << 20, &mut *out);
    serde_json::to_writer_pretty(&mut buffered, &doc)?;
    writeln!(buffered)?;
    buffered.flush()
}
