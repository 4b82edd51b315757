//! The floor under `vendorspec validate FOLDER`: list a folder's files, then open, read and
//! close each one on THREADS threads, as the validator does (one buffer kept per thread, a
//! `read` until the end of the file), and nothing else: no parse, no checks, no output.
//!
//! `bench/compare.sh` times it beside the validators: a tool that opens and reads each
//! file with these calls takes at least this long, so jsonschema-cli's time ÷ this is the
//! most a ratio against it could be with parsing and checking free.
//!
//! ```sh
//! cargo run --release -p vendorspec-cli --example read_floor -- FOLDER [THREADS]
//! ```

// It prints counts and its own errors, none of the files' text: the CLI's masking writers
// (`cli/src/output.rs`) are not needed, and not reachable from an example.
#![expect(
    clippy::disallowed_methods,
    reason = "prints counts and errors, never a file's text"
)]

use std::fs::File;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(folder), threads) = (args.next(), args.next()) else {
        return fail("usage: read_floor FOLDER [THREADS]");
    };
    let threads: usize = match threads.map(|t| t.to_string_lossy().parse()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return fail("THREADS is a number of at least 1"),
    };
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries.filter_map(|e| Some(e.ok()?.path())).collect(),
        Err(e) => return fail(&format!("cannot list {}: {e}", folder.to_string_lossy())),
    };
    paths.sort_unstable();
    let chunk = paths.len().div_ceil(threads).max(1);
    let bytes: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || read_all(part)))
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    // The total keeps the reads from being optimised away, and says what was read.
    let _ = writeln!(std::io::stdout(), "{} files, {bytes} bytes", paths.len());
    ExitCode::SUCCESS
}

/// Reads each file into one reused buffer; returns the bytes read (unreadable files: 0).
fn read_all(paths: &[PathBuf]) -> usize {
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut total = 0;
    for path in paths {
        buffer.clear();
        // Through `take`, as the validator reads: `File::read_to_end` would first ask the
        // file's size and position (`statx`, `lseek`), two calls the validator does not make.
        if let Ok(mut file) = File::open(path) {
            total += (&mut file)
                .take(64 * 1024)
                .read_to_end(&mut buffer)
                .unwrap_or(0);
        }
    }
    total
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "read_floor: {message}");
    ExitCode::from(2)
}
