//! `specgate validate`: collect the files, validate them in parallel, report sorted by path.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;
use specgate::runtime::endpoint::{BodyKind, EndpointDesc};
use specgate::runtime::finding::{Finding, Severity};

use crate::{EXIT_INVALID, EXIT_USAGE, Format, ValidateArgs, body_shape, finish};

/// Files larger than this are refused rather than read whole.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The pseudo-file that holds the findings of `--param` values.
const PARAMS_PATH: &str = "(parameters)";

/// What happened to one file.
enum Outcome {
    Checked(Vec<Finding>),
    /// Not read: the reason, for a person.
    Unreadable(String),
}

struct FileResult {
    path: String,
    outcome: Outcome,
}

pub fn run(endpoint: &'static EndpointDesc, args: &ValidateArgs) -> ExitCode {
    let kind = args.body.kind();
    if let Err(code) = body_shape(endpoint, kind) {
        return code;
    }

    let (paths, mut results) = collect(&args.paths);
    results.par_extend(paths.into_par_iter().map(|path| {
        let outcome = check_file(endpoint, kind, &path);
        FileResult {
            path: path.display().to_string(),
            outcome,
        }
    }));
    results.sort_by(|a, b| a.path.cmp(&b.path));
    results.dedup_by(|a, b| a.path == b.path);

    if !args.params.is_empty() {
        let params: Vec<(&str, &str)> = args
            .params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let findings = endpoint.check_params(&params);
        results.insert(
            0,
            FileResult {
                path: PARAMS_PATH.into(),
                outcome: Outcome::Checked(findings),
            },
        );
    }

    let summary = Summary::of(&results, args.deny_warnings);
    let kind_label = match kind {
        BodyKind::Request => "request",
        BodyKind::Response(_) => "response",
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        Format::Human => human(&mut out, &results, &summary),
        Format::Json => json_doc(
            &mut out,
            endpoint.id,
            kind_label,
            &results,
            &summary,
            args.deny_warnings,
        ),
    }
    .and_then(|()| out.flush());
    drop(out);
    for r in &results {
        if let Outcome::Unreadable(reason) = &r.outcome {
            eprintln!("{}: error: {reason}", r.path);
        }
    }
    let code = finish(written);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if summary.unreadable > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if summary.invalid > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// The files to check, and the paths that could not be read.
///
/// A folder is walked for regular files ending in `.json` (honouring `.gitignore`, skipping
/// hidden files); a file is taken whatever its name; a path that does not exist but holds
/// glob characters (`*`, `?`, `[`, `{`) is a glob, matched (with `/` literal, `**` for any
/// depth) against the files under its literal leading folders.
fn collect(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileResult>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let unreadable = |path: &Path, reason: String| FileResult {
        path: path.display().to_string(),
        outcome: Outcome::Unreadable(reason),
    };
    for root in roots {
        match std::fs::metadata(root) {
            Err(e) => {
                let text = root.to_string_lossy();
                if !is_glob(&text) {
                    failed.push(unreadable(root, format!("cannot read: {e}")));
                    continue;
                }
                let matcher = match globset::GlobBuilder::new(&text)
                    .literal_separator(true)
                    .build()
                {
                    Ok(glob) => glob.compile_matcher(),
                    Err(e) => {
                        failed.push(unreadable(root, format!("not a valid glob: {e}")));
                        continue;
                    }
                };
                let base = glob_base(root);
                let before = files.len();
                if !base.is_dir() {
                    failed.push(unreadable(root, "no file matches this glob".into()));
                    continue;
                }
                walk(&base, &mut files, &mut failed, |path| {
                    let path = if base == Path::new(".") {
                        path.strip_prefix(".").unwrap_or(path)
                    } else {
                        path
                    };
                    matcher.is_match(path)
                });
                if files.len() == before {
                    failed.push(unreadable(root, "no file matches this glob".into()));
                }
            }
            Ok(meta) if meta.is_dir() => walk(root, &mut files, &mut failed, |path| {
                path.extension().is_some_and(|x| x == "json")
            }),
            Ok(_) => files.push(root.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, failed)
}

fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// The leading components of a glob that hold no glob character (`.` when none).
fn glob_base(pattern: &Path) -> PathBuf {
    let mut base = PathBuf::new();
    for component in pattern.components() {
        if is_glob(&component.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    base
}

/// Every regular file under `root` that `take` accepts, honouring `.gitignore`.
fn walk(
    root: &Path,
    files: &mut Vec<PathBuf>,
    failed: &mut Vec<FileResult>,
    take: impl Fn(&Path) -> bool,
) {
    let walker = ignore::WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && take(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => failed.push(FileResult {
                path: walk_error_path(&e)
                    .unwrap_or_else(|| root.to_path_buf())
                    .display()
                    .to_string(),
                outcome: Outcome::Unreadable(format!("cannot read: {e}")),
            }),
        }
    }
}

/// The path an `ignore` error is about, when it says.
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

fn check_file(endpoint: &'static EndpointDesc, kind: BodyKind, path: &Path) -> Outcome {
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(reason) => return Outcome::Unreadable(reason),
    };
    match endpoint.validate(kind, &bytes) {
        Ok(report) => Outcome::Checked(report.into_sorted()),
        // Checked before any file is read; kept for safety.
        Err(e) => Outcome::Unreadable(e.to_string()),
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`]; a larger one is refused unread.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let too_large = || {
        format!(
            "refused: the file is larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

#[derive(Default)]
struct Summary {
    files: usize,
    valid: usize,
    invalid: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
}

impl Summary {
    fn of(results: &[FileResult], deny_warnings: bool) -> Summary {
        let mut s = Summary::default();
        for r in results {
            match &r.outcome {
                Outcome::Unreadable(_) => s.unreadable += 1,
                Outcome::Checked(findings) => {
                    s.files += 1;
                    let (errors, warnings) = count(findings);
                    s.errors += errors;
                    s.warnings += warnings;
                    if !is_valid(findings, deny_warnings) {
                        s.invalid += 1;
                    } else {
                        s.valid += 1;
                    }
                }
            }
        }
        s
    }
}

/// No error, and no warning either under `--deny-warnings`.
fn is_valid(findings: &[Finding], deny_warnings: bool) -> bool {
    let (errors, warnings) = count(findings);
    errors == 0 && !(deny_warnings && warnings > 0)
}

fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

fn human(out: &mut impl Write, results: &[FileResult], s: &Summary) -> io::Result<()> {
    for r in results {
        let Outcome::Checked(findings) = &r.outcome else {
            continue;
        };
        for f in findings {
            let pointer = if f.pointer.is_empty() {
                "(root)"
            } else {
                &f.pointer
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {pointer}: {}",
                r.path, f.line, f.column, f.severity, f.rule, f.message
            )?;
            if let Some(help) = &f.help {
                writeln!(out, "    help: {help}")?;
            }
        }
    }
    let unreadable = if s.unreadable > 0 {
        format!(", {} unreadable", s.unreadable)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} files: {} valid, {} invalid{unreadable}; {} errors, {} warnings",
        s.files, s.valid, s.invalid, s.errors, s.warnings
    )
}

/// The `--format json` document, fields in the documented order.
#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    endpoint: &'a str,
    kind: &'a str,
    valid: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
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
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
}

fn json_doc(
    out: &mut impl Write,
    endpoint: &str,
    kind: &str,
    results: &[FileResult],
    s: &Summary,
    deny_warnings: bool,
) -> io::Result<()> {
    let files = results
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Checked(findings) => Some(JsonFile {
                path: &r.path,
                endpoint,
                kind,
                valid: is_valid(findings, deny_warnings),
                diagnostics: findings
                    .iter()
                    .map(|f| JsonDiagnostic {
                        severity: f.severity.as_str(),
                        rule: f.rule.as_str(),
                        pointer: &f.pointer,
                        line: f.line,
                        column: f.column,
                        message: &f.message,
                        help: f.help.as_deref(),
                    })
                    .collect(),
            }),
            Outcome::Unreadable(_) => None,
        })
        .collect();
    let doc = JsonReport {
        files,
        summary: JsonSummary {
            files: s.files,
            valid: s.valid,
            invalid: s.invalid,
            errors: s.errors,
            warnings: s.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
