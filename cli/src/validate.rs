//! `vendorspec validate`: decide what to check (the command line, or `vendorspec.toml`), check
//! every file in parallel, and report in the chosen format, sorted by path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::report::{FileResult, Outcome, PARAMS_PATH, Summary, Target};
use crate::{EXIT_INVALID, EXIT_USAGE, Format, ValidateArgs, body_shape, config, files, finish};
use crate::{lookup, output, payload, render};

/// One file to check against one target.
struct Job {
    path: PathBuf,
    target: usize,
}

pub fn run(args: &ValidateArgs) -> ExitCode {
    let (targets, jobs, unreadable) = match plan(args) {
        Ok(plan) => plan,
        Err(code) => return code,
    };

    let progress = Progress::start(jobs.len());
    let mut results: Vec<FileResult> = jobs
        .par_iter()
        .map(|job| {
            let target = &targets[job.target];
            let outcome = match payload::check(target.endpoint, target.kind, &job.path) {
                Ok(checked) => Outcome::Checked {
                    findings: checked.findings,
                    source: checked.source,
                    no_body: checked.no_body,
                },
                Err(reason) => Outcome::Unreadable(reason),
            };
            progress.tick();
            FileResult {
                path: job.path.display().to_string(),
                target,
                outcome,
            }
        })
        .collect();
    progress.finish();

    results.extend(unreadable.into_iter().map(|u| FileResult {
        path: u.path.display().to_string(),
        target: &targets[0],
        outcome: Outcome::Unreadable(u.reason),
    }));
    results.sort_by(|a, b| {
        (&a.path, a.target.endpoint.id, a.target.kind_label()).cmp(&(
            &b.path,
            b.target.endpoint.id,
            b.target.kind_label(),
        ))
    });
    results.dedup_by(|a, b| a.path == b.path && std::ptr::eq(a.target, b.target));
    let params = targets.iter().filter(|t| !t.params.is_empty()).map(|t| {
        let pairs: Vec<(&str, &str)> = t
            .params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        FileResult {
            path: PARAMS_PATH.into(),
            target: t,
            outcome: Outcome::Checked {
                findings: t.endpoint.check_params(&pairs),
                source: None,
                no_body: false,
            },
        }
    });
    let results: Vec<FileResult> = params.chain(results).collect();

    let summary = Summary::of(&results);
    let color = args.format == Format::Human && colour_wanted();
    let mut out = output::stdout();
    let written = match args.format {
        Format::Human => render::human::write(&mut out, &results, &summary, color),
        Format::Json => render::json::write(&mut out, &results, &summary),
        Format::Github => render::github::write(&mut out, &results, &summary),
        Format::Sarif => render::sarif::write(&mut out, &results),
        Format::Junit => render::junit::write(&mut out, &results),
    }
    .and_then(|()| out.finish());
    for r in &results {
        if let Outcome::Unreadable(reason) = &r.outcome {
            eprintln_masked!("{}: error: {reason}", r.path);
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

type Plan = (Vec<Target>, Vec<Job>, Vec<files::Unreadable>);

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
        let (paths, unreadable) = files::collect(&args.paths);
        let target = Target {
            endpoint,
            kind,
            deny_warnings: args.deny_warnings,
            params: args.params.clone(),
        };
        let jobs = paths
            .into_iter()
            .map(|path| Job { path, target: 0 })
            .collect();
        return Ok((vec![target], jobs, unreadable));
    }

    if args.body.response || args.body.status.is_some() || !args.params.is_empty() {
        return Err(usage(format!(
            "--response, --status and --param need --endpoint; with {} set them per mapping",
            config::FILE_NAME
        )));
    }
    let config_path = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(config::FILE_NAME));
    if !config_path.exists() {
        return Err(usage(format!(
            "no --endpoint and no {} here: give `--endpoint ID PATH...`, or write a {} that maps globs to endpoints (see `vendorspec validate --help`)",
            config::FILE_NAME,
            config_path.display()
        )));
    }
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
        found.sort();
        found.dedup();
        (found, failed)
    } else {
        files::collect(&args.paths)
    };
    let mut jobs = Vec::new();
    let mut matched = vec![false; config.mappings.len()];
    for path in candidates {
        let relative = relative_to(&path, &config.dir);
        for (i, mapping) in config.mappings.iter().enumerate() {
            if mapping.matches(&relative) {
                matched[i] = true;
                jobs.push(Job {
                    path: path.clone(),
                    target: i,
                });
            }
        }
    }
    if args.paths.is_empty() {
        for (mapping, matched) in config.mappings.iter().zip(&matched) {
            if !matched {
                eprintln_masked!(
                    "warning: {}: the paths of the mapping for `{}` match no file",
                    mapping.location,
                    mapping.endpoint.id
                );
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
        })
        .collect();
    Ok((targets, jobs, unreadable))
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
fn colour_wanted() -> bool {
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
