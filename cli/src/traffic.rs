//! `vendorspec traffic`: HAR captures checked exchange by exchange (the checks are in the
//! `vendorspec-traffic` crate; this is the command: files, batches in parallel, formats,
//! exit status).
//!
//! A capture is read one entry at a time and checked in batches across threads, so memory
//! is bounded by a batch of entries, not by the file; only each exchange's findings are kept.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use rayon::prelude::*;
use vendorspec_traffic::{Checker, Entries, Exchange, HarError, RawEntry};

use crate::render::traffic::{Stream, TrafficSummary};
use crate::{EXIT_INVALID, EXIT_USAGE, Format, output};

#[derive(Args)]
pub struct TrafficArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Where an API is served, as API_ID=URL (repeatable): replaces the API's base URL
    /// (`ivanti_es_v2=https://ies.corp.example:8443`); URL alone serves every API there,
    /// each under its base URL's path (`http://127.0.0.1:4747`, as `vendorspec mock` does).
    #[arg(long = "base-url", value_name = "[API_ID=]URL", value_parser = parse_base_url)]
    base_urls: Vec<(String, String)>,
    /// Treat warnings (an exchange that matches no endpoint) as errors (exit 1).
    #[arg(long)]
    deny_warnings: bool,
    /// HAR 1.2 files, or folders (walked for *.har).
    #[arg(value_name = "CAPTURE", required = true)]
    paths: Vec<PathBuf>,
}

pub const TRAFFIC_HELP: &str = "\
Each exchange of each capture (HAR 1.2, as browsers, mitmproxy, Burp, Postman and Charles \
export them) is matched to an endpoint by its API's base URL and its path template, then \
checked part by part: the method (a known path with another method is a `method` \
finding naming the right one), path and query parameters, the bearer token (for the \
Cylance Protect API, the JWT's `scp` scope and its lifetime, read without verifying the \
signature), Content-Type where a body is sent, the request body as the API reads it \
(syntax, envelope, member names), the response status against the documented ones and \
the response body for its status. Line and column point into the HAR file, inside bodies \
too. An exchange that matches no endpoint is a warning (an error with --deny-warnings). \
Tokens, cookies, passwords and URL credentials never appear in any output.

Examples:
  vendorspec traffic capture.har
  vendorspec traffic --base-url ivanti_es_v2=https://ies.corp.example:8443 captures/
  vendorspec traffic --base-url http://127.0.0.1:4747 mock-session.har
  vendorspec traffic --format json --deny-warnings session.har > report.json

Exit status: 0 every exchange valid (warnings allowed unless --deny-warnings), 1 some \
exchange invalid, 2 usage error or an unreadable capture.";

fn parse_base_url(text: &str) -> Result<(String, String), String> {
    let scheme_at = text.find("://");
    match text.split_once('=') {
        // `URL` alone (no `=` before its scheme): every API at that origin.
        _ if scheme_at.is_some_and(|at| !text[..at].contains('=')) => Ok((
            vendorspec_traffic::routes::EVERY_API.to_string(),
            text.to_string(),
        )),
        Some((id, url)) if !id.is_empty() && url.contains("://") => {
            Ok((id.to_string(), url.to_string()))
        }
        _ => Err(format!(
            "`{text}`: write API_ID=URL, such as ivanti_es_v2=http://ies:8080, or URL alone for every API"
        )),
    }
}

/// What the reading thread hands over.
enum Batch {
    Entries(Vec<RawEntry>),
    Failed(HarError),
}

/// Entries checked together across threads: bounded in count and in bytes.
const BATCH_ENTRIES: usize = 256;
const BATCH_BYTES: usize = 32 << 20;

pub fn run(args: &TrafficArgs) -> ExitCode {
    let checker = match Checker::new(vendorspec::ENDPOINTS, &args.base_urls) {
        Ok(c) => c,
        Err(e) => {
            eprintln_masked!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let color = args.format == Format::Human && crate::validate::colour_wanted();
    let written = output_run(args, &checker, color);
    let summary = match written {
        Ok(summary) => summary,
        Err(e) => return crate::finish(Err(e)),
    };
    if summary.unreadable > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if summary.invalid > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks every capture, writing as it goes; the counts when the output was written.
fn output_run(args: &TrafficArgs, checker: &Checker, color: bool) -> io::Result<TrafficSummary> {
    let mut stream = Stream::new(output::stdout(), args.format, args.deny_warnings, color)?;
    for path in &args.paths {
        let files = match captures(path) {
            Ok(files) => files,
            Err(message) => {
                let e = HarError {
                    message,
                    line: 1,
                    column: 1,
                };
                unreadable(&mut stream, &path.display().to_string(), e, args.format)?;
                continue;
            }
        };
        for file in files {
            check_file(checker, &file, &mut stream, args.format)?;
        }
    }
    let (out, summary) = stream.finish()?;
    out.finish()?;
    Ok(summary)
}

/// Machine-readable formats keep their document to the contract and say it on stderr.
fn unreadable<W: Write>(
    stream: &mut Stream<W>,
    path: &str,
    e: HarError,
    format: Format,
) -> io::Result<()> {
    if format != Format::Human {
        eprintln_masked!("{path}:{}:{}: error: {}", e.line, e.column, e.message);
    }
    stream.unreadable(path, e)
}

/// The captures a path names: the file, or every `*.har` under a folder, sorted.
fn captures(path: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read: {e}"))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read: {e}"))?;
            let p = entry.path();
            if p.is_dir() {
                pending.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("har")) {
                found.push(p);
            }
        }
    }
    found.sort();
    if found.is_empty() {
        return Err("the folder holds no *.har capture".into());
    }
    Ok(found)
}

/// Reads a capture entry by entry, checking each batch in parallel and writing its
/// exchanges in order.
fn check_file<W: Write>(
    checker: &Checker,
    path: &Path,
    stream: &mut Stream<W>,
    format: Format,
) -> io::Result<()> {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            let e = HarError {
                message: format!("cannot read: {e}"),
                line: 1,
                column: 1,
            };
            return unreadable(stream, &shown, e, format);
        }
    };
    // One thread reads and scans the capture into batches while the pool checks the
    // batch before (two batches in flight at most: memory stays bounded).
    let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut entries = Entries::new(BufReader::with_capacity(1 << 20, file));
            let mut batch = Vec::new();
            let mut bytes = 0;
            loop {
                match entries.next() {
                    Some(Ok(entry)) => {
                        bytes += entry.bytes.len();
                        batch.push(entry);
                        if batch.len() >= BATCH_ENTRIES || bytes >= BATCH_BYTES {
                            bytes = 0;
                            if send
                                .send(Batch::Entries(std::mem::take(&mut batch)))
                                .is_err()
                            {
                                return;
                            }
                        }
                    }
                    end => {
                        let _ = send.send(Batch::Entries(batch));
                        if let Some(Err(e)) = end {
                            let _ = send.send(Batch::Failed(e));
                        }
                        return;
                    }
                }
            }
        });
        let mut next = 0;
        for batch in receive {
            let batch = match batch {
                Batch::Entries(batch) => batch,
                Batch::Failed(e) => return unreadable(stream, &shown, e, format),
            };
            let checked: Vec<Result<Exchange, HarError>> = batch
                .par_iter()
                .enumerate()
                .map(|(k, e)| checker.check(next + k, e))
                .collect();
            next += batch.len();
            for c in checked {
                match c {
                    Ok(x) => stream.exchange(&shown, x)?,
                    // The first broken entry ends the capture (dropping the receiver
                    // stops the reading thread).
                    Err(e) => return unreadable(stream, &shown, e, format),
                }
            }
        }
        Ok(())
    })
}
