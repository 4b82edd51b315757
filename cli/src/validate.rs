//! `vendorspec validate`: decide what to check (the command line, or `vendorspec.toml`), check
//! every file in parallel, and report in the chosen format, sorted by path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use vendorspec::runtime::finding::Severity;

use crate::report::{FileResult, Notice, Outcome, PARAMS_PATH, Place, Summary, Target};
use crate::{EXIT_INVALID, EXIT_USAGE, Format, ValidateArgs, body_shape, config, files, finish};
use crate::{lookup, output, payload, render};

/// One file to check against one target.
struct Job {
    path: PathBuf,
    target: usize,
}

/// What a run checks: the targets, the files (each with its target), the paths that could
/// not be read, and the run-level notices found while deciding.
struct Plan {
    targets: Vec<Target>,
    jobs: Vec<Job>,
    unreadable: Vec<files::Unreadable>,
    notices: Vec<Notice>,
}

pub fn run(args: &ValidateArgs) -> ExitCode {
    let Plan {
        targets,
        jobs,
        unreadable,
        mut notices,
    } = match plan(args) {
        Ok(plan) => plan,
        Err(code) => return code,
    };

    // Parameters are checked once per target that has them, and reported beside the files,
    // where they were written: every target's when the whole repository is checked (or
    // only parameters are), else those of the targets some named file was checked against.
    let mut used = vec![args.paths.is_empty(); targets.len()];
    for job in &jobs {
        used[job.target] = true;
    }

    let progress = Progress::start(jobs.len());
    let mut results: Vec<FileResult> = jobs
        .into_par_iter()
        .map(|job| {
            let target = &targets[job.target];
            let outcome =
                match payload::check(target.endpoint, target.kind, &job.path, args.explain) {
                    Ok(checked) => Outcome::Checked {
                        findings: checked.findings,
                        source: checked.source,
                        no_body: checked.no_body,
                        effective: checked.effective,
                    },
                    Err(reason) => Outcome::Unreadable(reason),
                };
            progress.tick();
            FileResult {
                path: files::display_owned(job.path),
                target,
                outcome,
                params: false,
            }
        })
        .collect();
    progress.finish();

    results.extend(unreadable.into_iter().map(|u| FileResult {
        path: files::display(&u.path),
        target: &targets[0],
        outcome: Outcome::Unreadable(u.reason),
        params: false,
    }));
    results.extend(
        targets
            .iter()
            .zip(used)
            .filter(|(t, used)| *used && !t.params.is_empty())
            .map(|(t, _)| {
                let pairs: Vec<(&str, &str)> = t
                    .params
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str()))
                    .collect();
                let mut findings = t.endpoint.check_params(&pairs);
                let path = match &t.params_at {
                    Some(at) => {
                        for f in &mut findings {
                            (f.line, f.column) = (at.line, at.column);
                        }
                        at.path.clone()
                    }
                    None => PARAMS_PATH.to_string(),
                };
                FileResult {
                    path,
                    target: t,
                    outcome: Outcome::Checked {
                        findings,
                        source: None,
                        no_body: false,
                        effective: None,
                    },
                    params: true,
                }
            }),
    );
    results.sort_by(|a, b| {
        (
            &a.path,
            a.target.endpoint.id,
            a.target.kind_label(),
            a.params,
        )
            .cmp(&(
                &b.path,
                b.target.endpoint.id,
                b.target.kind_label(),
                b.params,
            ))
    });
    results.dedup_by(|a, b| {
        a.path == b.path && std::ptr::eq(a.target, b.target) && a.params == b.params
    });

    if results.is_empty() && !args.allow_empty {
        notices.push(Notice {
            severity: Severity::Error,
            code: Notice::NOTHING_CHECKED,
            message: "no file was checked".into(),
            help: Some(
                "name files, folders or globs that hold payload files, or pass --allow-empty if checking nothing is expected (as in a pre-commit hook)".into(),
            ),
            at: None,
        });
    }

    let summary = Summary::of(&results, &notices);
    // The human format lists unreadable paths among its diagnostics; the machine-readable
    // ones keep their document to the contract and say it on stderr, before the document.
    if args.format != Format::Human {
        for r in &results {
            if let Outcome::Unreadable(reason) = &r.outcome {
                eprintln_masked!("{}: error: {reason}", r.path);
            }
        }
    }
    let color = args.format == Format::Human && colour_wanted();
    let mut out = output::stdout();
    let written = match args.format {
        Format::Human => render::human::write(&mut out, &results, &notices, &summary, color),
        Format::Json => render::json::write(&mut out, &results, &notices, &summary),
        Format::Github => render::github::write(&mut out, &results, &notices, &summary),
        Format::Sarif => render::sarif::write(&mut out, &results, &notices),
        Format::Junit => render::junit::write(&mut out, &results, &notices),
    }
    .and_then(|()| out.finish());
    // The process ends with this run: freeing every result (a path, findings and a copy
    // of the text per file, tens of thousands of allocations) on the way out would be
    // serial work with nothing to show for it.
    std::mem::forget(results);
    let code = finish(written);
    if code != ExitCode::SUCCESS {
        return code;
    }
    let notice_errors = notices.iter().any(|n| n.severity == Severity::Error);
    let config_errors = notices.iter().any(Notice::fails_run);
    let denied_warnings =
        args.deny_warnings && notices.iter().any(|n| n.severity == Severity::Warning);
    if summary.unreadable > 0 || config_errors {
        ExitCode::from(EXIT_USAGE)
    } else if summary.invalid > 0 || notice_errors || denied_warnings {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// The targets and files of the run: `--endpoint` with paths, or the mappings of
/// `vendorspec.toml` (over the given paths, or every payload file under its folder).
fn plan(args: &ValidateArgs) -> Result<Plan, ExitCode> {
    let usage = |message: String| {
        eprintln_masked!("error: {message}");
        ExitCode::from(EXIT_USAGE)
    };
    if let Some(id) = &args.endpoint {
        let endpoint = lookup(id)?;
        let kind = args.body.kind();
        body_shape(endpoint, kind)?;
        if args.paths.is_empty() && args.params.is_empty() {
            return Err(usage(format!(
                "give the files to check against `{id}` (files, folders or globs), or leave out --endpoint to use the mappings in {}",
                config::FILE_NAME
            )));
        }
        let (paths, unreadable) = files::collect(&args.paths, args.stdin_name.as_deref());
        let target = Target {
            endpoint,
            kind,
            deny_warnings: args.deny_warnings,
            params: args.params.clone(),
            params_at: None,
        };
        let jobs = paths
            .into_iter()
            .map(|path| Job { path, target: 0 })
            .collect();
        return Ok(Plan {
            targets: vec![target],
            jobs,
            unreadable,
            notices: Vec::new(),
        });
    }

    if args.body.response || args.body.status.is_some() || !args.params.is_empty() {
        return Err(usage(format!(
            "--response, --status and --param need --endpoint; with {} set them per mapping",
            config::FILE_NAME
        )));
    }
    let config_path = match &args.config {
        Some(path) => path.clone(),
        None => config::find(Path::new(".")).ok_or_else(|| {
            usage(format!(
                "no --endpoint, and no {} in this folder or any folder above it: give `--endpoint ID PATH...`, or write a {} that maps globs to endpoints (see `vendorspec validate --help`)",
                config::FILE_NAME,
                config::FILE_NAME
            ))
        })?,
    };
    let config = config::load(&config_path).map_err(usage)?;

    let (candidates, unreadable) = if args.paths.is_empty() {
        let mut found = Vec::new();
        let mut failed = Vec::new();
        for root in config.walk_roots() {
            let root = if root.as_os_str().is_empty() {
                config.dir.clone()
            } else {
                config.dir.join(root)
            };
            // A folder named by no existing path: its mapping's "match no file" says so.
            if root.exists() {
                files::walk(&root, &mut found, &mut failed, |_| true);
            }
        }
        files::sort_paths(&mut found);
        (found, failed)
    } else {
        files::collect(&args.paths, args.stdin_name.as_deref())
    };
    let mut jobs = Vec::new();
    let mut notices = Vec::new();
    let mut matched = vec![false; config.mappings.len()];
    for path in candidates {
        let named = if files::is_stdin(&path) {
            PathBuf::from(files::stdin_name())
        } else {
            path.clone()
        };
        let relative = relative_to(&named, &config.dir);
        let mut covered = false;
        for (i, mapping) in config.mappings.iter().enumerate() {
            if mapping.matches(&relative) {
                matched[i] = true;
                covered = true;
                jobs.push(Job {
                    path: path.clone(),
                    target: i,
                });
            }
        }
        if !covered && !args.paths.is_empty() {
            notices.push(Notice {
                severity: if args.deny_warnings {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                code: Notice::UNCOVERED_PATH,
                message: format!(
                    "{} was not checked: no mapping of {} covers it",
                    files::display(&path),
                    config_path.display()
                ),
                help: Some("add its folder or a glob to the `paths` of a `[[validate]]` table, or name it with --endpoint".into()),
                at: Some(Place {
                    path: files::display(&path),
                    line: 1,
                    column: 1,
                }),
            });
        }
    }
    if args.paths.is_empty() {
        for (mapping, matched) in config.mappings.iter().zip(&matched) {
            if !matched && !mapping.allow_empty {
                notices.push(Notice {
                    severity: Severity::Error,
                    code: Notice::UNMATCHED_MAPPING,
                    message: format!(
                        "the paths of the mapping for `{}` match no file, so nothing was checked against it",
                        mapping.endpoint.id
                    ),
                    help: Some("fix the globs (relative to the configuration's folder), or add `allow_empty = true` to the mapping if no file is expected yet".into()),
                    at: Some(mapping.location.clone()),
                });
            }
        }
    }
    let targets = config
        .mappings
        .into_iter()
        .map(|m| Target {
            endpoint: m.endpoint,
            kind: m.kind,
            deny_warnings: m.deny_warnings || args.deny_warnings,
            params: m.params,
            params_at: m.params_at,
        })
        .collect();
    Ok(Plan {
        targets,
        jobs,
        unreadable,
        notices,
    })
}

/// `path` relative to the configuration's folder, for matching its globs.
fn relative_to(path: &Path, dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        return path.strip_prefix(".").unwrap_or(path).to_path_buf();
    }
    if let Ok(relative) = path.strip_prefix(dir) {
        return relative.to_path_buf();
    }
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(path), Ok(dir)) => path
            .strip_prefix(&dir)
            .map_or_else(|_| path.clone(), Path::to_path_buf),
        _ => path.to_path_buf(),
    }
}

/// Colour in human output: only on a terminal, and never when `NO_COLOR` is set
/// (`CLICOLOR_FORCE` forces it, as anstream's conventions say).
pub(crate) fn colour_wanted() -> bool {
    matches!(
        output::stdout_color_choice(),
        anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi
    )
}

/// A progress bar on stderr for runs longer than a second, only on a terminal and never in
/// CI (`CI` set): logs and pipes stay clean.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    fn start(total: usize) -> Progress {
        let wanted = output::stderr_is_terminal() && std::env::var_os("CI").is_none();
        let bar = wanted.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
