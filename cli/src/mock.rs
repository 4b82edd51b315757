//! `vendorspec mock [--host ADDR] [--port N] [--seed N] [--record FILE.har]`: the local
//! server of the `vendorspec-mock` crate, which holds the HTTP stack; this module reads the
//! arguments, prints the address and writes the log lines through the masking layer.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use vendorspec_mock::record::Recorder;
use vendorspec_mock::{Clock, Logger, RunConfig, ServeOptions};

use crate::{EXIT_USAGE, output};

/// The command's arguments.
#[derive(clap::Args)]
pub struct MockArgs {
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on; 0 picks a free one (printed).
    #[arg(long, value_name = "N", default_value_t = 4747)]
    port: u16,
    /// Ids, unlock passwords and generated values come from this seed.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// Write every exchange to this HAR 1.2 file (secrets masked), for `vendorspec traffic`.
    #[arg(long, value_name = "FILE.har")]
    record: Option<std::path::PathBuf>,
    /// Refuse request bodies larger than this many bytes (413).
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_body_bytes: usize,
}

/// The help's closing text.
pub const HELP: &str = "\
Answers every endpoint of every API under its documented path, as the vendors' servers do: \
the documented success status with a contract-valid body (the spec's examples first, \
generated values after) for a valid request; 400 with an RFC 9457 application/problem+json \
body whose `errors` are the findings `vendorspec validate` gives; 401 without a bearer token; \
403 when a Cylance token lacks the endpoint's scope or lives longer than 30 minutes; 404 for \
an unknown path or resource id; 405 with Allow for a known path with the wrong method; 413 \
for a body over --max-body-bytes; 415 for a body that is not JSON. Ivanti's \
POST /api/v2/Authentication/Login (any user name and password) issues the token the Ivanti \
endpoints take. A created package execution can be deleted once; a lockdown records the \
device's history and returns the unlock password.

The first line on stdout is `listening on http://ADDR:PORT`; then one line per exchange on \
stderr. Ctrl-C or SIGTERM stops it after the requests in flight. The same --seed gives the \
same ids and values; timestamps follow the clock, or SOURCE_DATE_EPOCH (seconds since 1970, \
one second per stamp) when set.

Examples:
  vendorspec mock --port 0
  vendorspec mock --port 8080 --seed 7 --record session.har
  vendorspec traffic --base-url http://127.0.0.1:8080 session.har

Exit status 2 when the address cannot be bound or the recording cannot be written.";

/// Log lines to stderr, masked like every output.
struct StderrLogger;

impl Logger for StderrLogger {
    fn line(&self, line: &str) {
        let mut err = output::stderr();
        // A closed stderr must not stop the server.
        let _ = writeln!(err, "{line}").and_then(|()| err.finish());
    }
}

/// `vendorspec mock`.
pub fn run(args: &MockArgs) -> ExitCode {
    let record = match &args.record {
        None => None,
        Some(path) => match Recorder::create(path) {
            Ok(recorder) => Some(recorder),
            Err(e) => {
                eprintln_masked!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let clock = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or(Clock::Wall, Clock::Fixed);
    let config = RunConfig {
        host: args.host.clone(),
        port: args.port,
        seed: args.seed,
        clock,
        options: ServeOptions {
            max_body_bytes: args.max_body_bytes,
            record,
        },
    };
    let result = vendorspec_mock::run(config, Arc::new(StderrLogger), |addr| {
        let mut out = output::stdout();
        let _ = writeln!(out, "listening on http://{addr}").and_then(|()| out.finish());
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln_masked!("error: vendorspec mock on {}:{}: {e}", args.host, args.port);
            ExitCode::from(EXIT_USAGE)
        }
    }
}
