//! `vendorspec`: the command-line tool over the generated contracts.
//!
//! - `vendorspec endpoints`: every endpoint's id, method and path.
//! - `vendorspec validate --endpoint ID [--response] [--status N] [--param NAME=VALUE]...
//!   [--format human|json|github|sarif|junit] [--deny-warnings] PATH...`: validates payload
//!   files (JSON or YAML; folders are walked honouring `.gitignore`) in parallel; output
//!   sorted by path. Without `--endpoint`, the mappings of `./vendorspec.toml`.
//! - `vendorspec schema ID [--response] [--status N]`: the published JSON Schema of a body.
//! - `vendorspec sample ID [--response] [--status N] [--seed N] [--count N] [--adversarial]
//!   [--invalid] [--wire]`: generated payloads, one JSON document per line: realistic
//!   ones by default, the property tests' edge cases with `--adversarial`.
//! - `vendorspec diff OLD NEW [--format human|json|markdown|github] [--fail-on LEVEL]`: what
//!   changed between two versions of the spec, classified breaking, compatible or info.
//! - `vendorspec mock [--host ADDR] [--port N] [--seed N] [--record FILE.har]`: a local
//!   server that behaves like the vendors' servers (the `vendorspec-mock` crate).
//! - `vendorspec completions SHELL`, `vendorspec man [--out DIR]`: a shell completion
//!   script, the man page (or one page per command); `--version` names the API editions.
//!
//! Exit status: 0 success (every file valid), 1 some file invalid, 2 usage error, unknown
//! endpoint, missing body or unreadable path.

// First, so its `eprintln_masked!` is in scope in every module after it.
#[macro_use]
mod output;
mod config;
mod diff;
mod files;
mod mask;
mod meta;
mod mock;
mod openapi;
mod payload;
mod render;
mod report;
mod source;
mod traffic;
mod validate;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use vendorspec::runtime::desc::Shape;
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};

/// Exit status of a usage error, an unknown endpoint, a missing body or an unreadable path.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when some payload is invalid.
pub const EXIT_INVALID: u8 = 1;

#[derive(Parser)]
#[command(
    name = "vendorspec",
    // The crate's version; `command()` adds the API editions of the bundled spec.
    version,
    about = "Contract tooling for the Cylance Protect v2, Cylance admin v2 and Ivanti Endpoint Security v2 REST APIs",
    after_help = "Examples:\n  vendorspec endpoints\n  vendorspec validate --endpoint create_job examples/payloads/create_job/\n  vendorspec schema lockdown_device --response\n  vendorspec sample create_job --seed 7 --count 3\n  vendorspec completions bash > ~/.local/share/bash-completion/completions/vendorspec\n  vendorspec man | man -l -\n\nExit status: 0 success, 1 some payload invalid, 2 usage error, unknown endpoint or unreadable path."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every endpoint: id, method and path, one per line.
    #[command(after_help = "Example:\n  vendorspec endpoints")]
    Endpoints,
    /// Validate payload files against an endpoint's request or response body.
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Print the published JSON Schema (draft 2020-12) of an endpoint's body.
    #[command(
        after_help = "Examples:\n  vendorspec schema create_job\n  vendorspec schema delete_package_execution --response\n\nExit status 2 when the endpoint is unknown or has no such body."
    )]
    Schema {
        /// The endpoint id (see `vendorspec endpoints`).
        id: String,
        #[command(flatten)]
        body: BodyArgs,
    },
    /// Print payloads generated from the contract, one JSON document per line.
    #[command(
        after_help = "By default the payloads are realistic, a starting point to edit: the values of the spec's examples, plausible names, hosts and addresses, date-times within three days of today, small counts. With --adversarial they are drawn as the property tests draw them: the edge cases of every constraint (any characters, years 0 to 9999, integers at their limits). Both are valid and canonical (strict JSON, canonical names, no envelope). With --invalid each line is {\"payload\": ..., \"expect\": {\"rule\", \"pointer\"}}: a payload holding exactly one violation (an adversarial payload, mutated), and the rule and pointer of the error it gives.\n\nThe same seed gives the same output; realistic date-times follow the day, which SOURCE_DATE_EPOCH (seconds since 1970) fixes.\n\nExamples:\n  vendorspec sample create_job --count 3\n  vendorspec sample create_job --adversarial --seed 7\n  vendorspec sample lockdown_device --invalid --seed 42\n  vendorspec sample create_deployment_group --wire --count 1"
    )]
    Sample {
        /// The endpoint id (see `vendorspec endpoints`).
        id: String,
        #[command(flatten)]
        body: BodyArgs,
        /// The seed of the generator.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// How many payloads to print.
        #[arg(long, default_value_t = 10)]
        count: usize,
        /// Draw valid payloads as the property tests do (edge cases of every constraint)
        /// instead of realistic ones.
        #[arg(long)]
        adversarial: bool,
        /// Print payloads with exactly one violation, with the expected rule and pointer
        /// (always drawn by the adversarial generator).
        #[arg(long)]
        invalid: bool,
        /// Print request bodies as sent over HTTP (stringified in `{"value": ...}` for the
        /// Ivanti API) instead of the canonical form.
        #[arg(long)]
        wire: bool,
    },
    /// Report what changed between two versions of the spec, and what each change breaks.
    #[command(
        after_help = "OLD and NEW are spec directories (their *.yaml files) or single spec files; both are checked first. Each change is classified for request payloads and for response consumers as breaking, compatible or info.\n\nExamples:\n  vendorspec diff old-spec/ spec/\n  git show HEAD:spec/ivanti_es_v2.yaml > /tmp/old.yaml && vendorspec diff /tmp/old.yaml spec/ivanti_es_v2.yaml\n  git worktree add --detach /tmp/base HEAD && vendorspec diff /tmp/base/spec spec --format markdown > changes.md\n  vendorspec diff /tmp/base/spec spec --format github --fail-on breaking\n\nExit status: 0 (even with changes) unless --fail-on is given and some change is at that level or above (1); 2 for a usage error or a spec that does not load."
    )]
    Diff(diff::DiffArgs),
    /// Check recorded HTTP exchanges (HAR 1.2 captures) against the endpoint contracts.
    #[command(after_help = traffic::TRAFFIC_HELP)]
    Traffic(traffic::TrafficArgs),
    /// Print a starting payload to edit: every member with its description, default and
    /// allowed values as comments, required members filled in, optional ones commented out.
    #[command(
        after_help = "The output validates as it is. JSON has no comments, so it holds only the members the payload needs; JSON5 and YAML list every member (optional ones commented out). Save JSON5 as *.json5 and YAML as *.yaml: `vendorspec validate` reads them as the JSON they stand for.\n\nExamples:\n  vendorspec template create_job --format yaml > job.yaml\n  vendorspec template lockdown_device --format json5 > lockdown.json5\n  vendorspec template lockdown_device --response --format json"
    )]
    Template {
        /// The endpoint id (see `vendorspec endpoints`).
        id: String,
        #[command(flatten)]
        body: BodyArgs,
        /// How to write it.
        #[arg(long, value_enum, default_value_t = TemplateFormatArg::Json5)]
        format: TemplateFormatArg,
    },
    /// Print a shell completion script for vendorspec (its commands, flags and values).
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a folder.
    #[command(
        after_help = "Without --out: one page, vendorspec(1), with a section for each command. With --out DIR: vendorspec.1 and a page per command (vendorspec-validate.1, ...) in DIR, created if missing; their paths are printed.\n\nExamples:\n  vendorspec man | man -l -\n  vendorspec man > ~/.local/share/man/man1/vendorspec.1\n  vendorspec man --out ~/.local/share/man/man1"
    )]
    Man {
        /// Write vendorspec.1 and one page per command into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Print (or write) the OpenAPI 3.1 document of each API.
    #[command(after_help = openapi::HELP)]
    Openapi(openapi::OpenapiArgs),
    /// Run a local HTTP server that behaves like the vendors' servers, for testing an
    /// integration without a tenant.
    #[command(after_help = mock::HELP)]
    Mock(mock::MockArgs),
}

const COMPLETIONS_HELP: &str = "\
The script goes to standard output; where each shell reads it from:

  vendorspec completions bash > ~/.local/share/bash-completion/completions/vendorspec
  vendorspec completions zsh > ~/.zfunc/_vendorspec     # with fpath+=(~/.zfunc) before compinit in ~/.zshrc
  vendorspec completions fish > ~/.config/fish/completions/vendorspec.fish
  vendorspec completions powershell >> $PROFILE
  vendorspec completions elvish >> ~/.config/elvish/rc.elv

Or for the current bash session only: source <(vendorspec completions bash)";

/// Formats of `template`.
#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum TemplateFormatArg {
    /// Plain JSON: the members the payload needs, no comments.
    Json,
    /// JSON5: every member, with comments.
    Json5,
    /// YAML: every member, with comments.
    Yaml,
}

/// Which body of the endpoint.
#[derive(Args, Clone, Copy)]
pub struct BodyArgs {
    /// The response body instead of the request body.
    #[arg(long)]
    response: bool,
    /// The response for this HTTP status (implies --response); default: the success response.
    #[arg(long, value_name = "N")]
    status: Option<u16>,
}

impl BodyArgs {
    fn kind(self) -> BodyKind {
        if self.response || self.status.is_some() {
            BodyKind::Response(self.status)
        } else {
            BodyKind::Request
        }
    }
}

/// Output formats of `validate`.
#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// Code frames like rustc (`file:line:column`, the line, a caret, a hint), then a summary.
    Human,
    /// One JSON document with every file and a summary.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A SARIF 2.1.0 log (code-scanning dashboards).
    Sarif,
    /// A JUnit XML report: one test case per file.
    Junit,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// The endpoint id (see `vendorspec endpoints`); without it, the mappings of vendorspec.toml.
    #[arg(long, value_name = "ID")]
    endpoint: Option<String>,
    #[command(flatten)]
    body: BodyArgs,
    /// A parameter value to check, as NAME=VALUE (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as making a file invalid (exit 1).
    #[arg(long)]
    deny_warnings: bool,
    /// For each body without errors, print what the server will do: every effective value,
    /// given or a documented default (human and json formats).
    #[arg(long)]
    explain: bool,
    /// Succeed when no file is checked at all (otherwise an error: a green run that checked
    /// nothing proves nothing). The pre-commit hook passes it.
    #[arg(long)]
    allow_empty: bool,
    /// The name standard input (`-`) is shown and matched by, such as `jobs/new.json`; its
    /// extension says whether it is YAML.
    #[arg(long, value_name = "NAME")]
    stdin_name: Option<String>,
    /// The mappings to use without --endpoint [default: ./vendorspec.toml].
    #[arg(long, value_name = "FILE", conflicts_with = "endpoint")]
    config: Option<std::path::PathBuf>,
    /// Files, folders (walked for *.json, *.yaml, *.yml) or quoted globs ('payloads/**/*.json');
    /// `-` is standard input. Without --endpoint, only the files the mappings of
    /// vendorspec.toml cover are checked.
    #[arg(value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,
}

const VALIDATE_HELP: &str = "\
Folders are walked recursively (honouring .gitignore, skipping hidden files) for .json, .yaml \
and .yml files; files named explicitly are always checked; `-` is standard input; a PATH \
that does not exist and holds *, ?, [ or { is a glob (quote it; `/` is literal, `**` spans \
folders), and a glob that matches no file is an error (exit 2). YAML payloads are checked as \
the JSON they stand for, with findings at their YAML line and column. A blank file (no \
bytes, or only whitespace) stands for a call without a body.

Without --endpoint, vendorspec.toml (found in this folder or the nearest one above it, or \
--config FILE) maps paths, relative to its folder, to endpoints:

  [[validate]]
  endpoint = \"create_job\"
  paths = [\"payloads/jobs\", \"drafts/**/*.json\"]   # folders or globs
  exclude = [\"payloads/jobs/old/*\"]       # optional
  response = false                        # optional; status = 200 picks a response
  deny_warnings = false                   # optional
  allow_empty = false                     # optional: matching no file is then no error
  params = { expires = \"0:00:05\" }        # optional

A run that checks nothing fails (exit 2) unless --allow-empty: a mapping that matches no \
file is an error unless it says allow_empty = true. A path named on the command line that \
no mapping covers is a warning (an error with --deny-warnings). Parameter values \
(`--param`, or a mapping's `params`) are checked with the endpoint's parameter contract and \
reported where they were given. Secrets (passwords, credentials in URLs, `Bearer` \
tokens) never appear in any output: they show as ***.

Colour and a progress bar (for runs over a second) appear only on a terminal; NO_COLOR \
turns colour off, CLICOLOR_FORCE=1 on.

Examples:
  vendorspec validate --endpoint create_job examples/payloads/create_job/
  vendorspec validate --endpoint lockdown_device --param expires=0:00:05 --format json body.json
  vendorspec validate --endpoint lockdown_device --response --status 200 response.json
  vendorspec validate --endpoint create_job 'payloads/**/*.json' --format sarif > vendorspec.sarif
  cat job.json | vendorspec validate --endpoint create_job - --stdin-name job.json
  vendorspec validate                          # the mappings of vendorspec.toml
  vendorspec validate --config examples/vendorspec.toml --format github

Exit status: 0 every check passed (warnings allowed unless --deny-warnings), 1 some file \
invalid, 2 usage error, unknown endpoint, unreadable path, a mapping that matches no file, \
or nothing checked.";

fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("`{text}`: write NAME=VALUE")),
    }
}

/// The clap definition with the version line that names the spec's API editions: what
/// parses the arguments, and what completions and man pages are made from.
fn command() -> clap::Command {
    Cli::command().version(meta::version())
}

fn main() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|e| e.format(&mut command()));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match cli.command {
        Command::Endpoints => endpoints(),
        Command::Validate(args) => validate::run(&args),
        Command::Schema { id, body } => match lookup(&id) {
            Ok(endpoint) => schema(endpoint, body.kind()),
            Err(code) => code,
        },
        Command::Sample {
            id,
            body,
            seed,
            count,
            adversarial,
            invalid,
            wire,
        } => match lookup(&id) {
            Ok(endpoint) => {
                let generator = match (invalid, adversarial) {
                    (true, _) => Generator::Invalid,
                    (false, true) => Generator::Adversarial,
                    (false, false) => Generator::Realistic,
                };
                sample(endpoint, body.kind(), seed, count, generator, wire)
            }
            Err(code) => code,
        },
        Command::Diff(args) => diff::run(&args),
        Command::Traffic(args) => traffic::run(&args),
        Command::Template { id, body, format } => match lookup(&id) {
            Ok(endpoint) => template(endpoint, body.kind(), format),
            Err(code) => code,
        },
        Command::Completions { shell } => meta::completions(shell, command()),
        Command::Man { out } => meta::man(command(), out.as_deref()),
        Command::Openapi(args) => openapi::run(&args),
        Command::Mock(args) => mock::run(&args),
    }
}

/// Prints clap's help, version or usage error through the masking layer (an argument
/// can hold a credential: `--param`, a path), and gives its exit status.
fn usage_error(e: &clap::Error) -> ExitCode {
    let to_stdout = !e.use_stderr();
    let coloured = if to_stdout {
        matches!(
            output::stdout_color_choice(),
            anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi
        )
    } else {
        output::stderr_is_terminal() && std::env::var_os("NO_COLOR").is_none()
    };
    let rendered = e.render();
    let text = if coloured {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    let written = if to_stdout {
        let mut out = output::stdout();
        out.write_all(text.as_bytes()).and_then(|()| out.finish())
    } else {
        let mut err = output::stderr();
        err.write_all(text.as_bytes()).and_then(|()| err.finish())
    };
    match written {
        Ok(()) => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE)),
        Err(_) => ExitCode::from(EXIT_USAGE),
    }
}

/// The endpoint with this id, or a message with the closest id and exit status 2.
fn lookup(id: &str) -> Result<&'static EndpointDesc, ExitCode> {
    if let Some(endpoint) = vendorspec::endpoint(id) {
        return Ok(endpoint);
    }
    let ids: Vec<&str> = vendorspec::ENDPOINTS.iter().map(|e| e.id).collect();
    eprintln_masked!("error: unknown endpoint `{id}`");
    match closest_endpoint(id) {
        Some(known) => eprintln_masked!("  help: did you mean `{known}`?"),
        None => eprintln_masked!("  help: the endpoints are {}", ids.join(", ")),
    }
    eprintln_masked!("  (`vendorspec endpoints` lists them)");
    Err(ExitCode::from(EXIT_USAGE))
}

/// The endpoint id closest to a misspelt one, for "did you mean" wherever an id is read.
pub fn closest_endpoint(id: &str) -> Option<&'static str> {
    vendorspec::runtime::suggest::suggest(id, vendorspec::ENDPOINTS.iter().map(|e| e.id))
}

/// What to call a body in messages.
pub fn kind_name(kind: BodyKind) -> String {
    match kind {
        BodyKind::Request => "request".into(),
        BodyKind::Response(None) => "response".into(),
        BodyKind::Response(Some(status)) => format!("response (status {status})"),
    }
}

/// The shape of an endpoint's body, or a message and exit status 2.
pub fn body_shape(
    endpoint: &'static EndpointDesc,
    kind: BodyKind,
) -> Result<&'static Shape, ExitCode> {
    let shape = match kind {
        BodyKind::Request => endpoint.request.as_ref(),
        BodyKind::Response(status) => endpoint.response(status).and_then(|r| r.body.as_ref()),
    };
    shape.ok_or_else(|| {
        eprintln_masked!("error: `{}` has no {} body", endpoint.id, kind_name(kind));
        ExitCode::from(EXIT_USAGE)
    })
}

/// Finishes writing to stdout; a closed pipe (`| head`) is not an error.
fn finish(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln_masked!("error: cannot write the output: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn endpoints() -> ExitCode {
    let id_width = vendorspec::ENDPOINTS
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0);
    let method_width = vendorspec::ENDPOINTS
        .iter()
        .map(|e| e.method.len())
        .max()
        .unwrap_or(0);
    let mut out = output::stdout();
    let result = (|| {
        for e in vendorspec::ENDPOINTS {
            writeln!(
                out,
                "{:id_width$}  {:method_width$}  {}",
                e.id, e.method, e.path
            )?;
        }
        Ok(())
    })()
    .and_then(|()| out.finish());
    finish(result)
}

fn schema(endpoint: &'static EndpointDesc, kind: BodyKind) -> ExitCode {
    let Some(doc) = endpoint.schema(kind) else {
        eprintln_masked!("error: `{}` has no {} body", endpoint.id, kind_name(kind));
        return ExitCode::from(EXIT_USAGE);
    };
    let text = match serde_json::to_string_pretty(&doc) {
        Ok(text) => text,
        Err(e) => {
            eprintln_masked!("error: cannot write the schema: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut out = output::stdout();
    finish(writeln!(out, "{text}").and_then(|()| out.finish()))
}

/// Which payloads `sample` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Generator {
    /// Valid, from the spec's examples and plausible values (the default).
    Realistic,
    /// Valid, the edge cases of every constraint (`--adversarial`).
    Adversarial,
    /// One violation each, with the rule and pointer it gives (`--invalid`).
    Invalid,
}

fn sample(
    endpoint: &'static EndpointDesc,
    kind: BodyKind,
    seed: u64,
    count: usize,
    generator: Generator,
    wire: bool,
) -> ExitCode {
    use vendorspec::runtime::strategy;
    let shape = match body_shape(endpoint, kind) {
        Ok(shape) => shape,
        Err(code) => return code,
    };
    // Only request bodies are enveloped on the wire; responses are sent as they are.
    let encode = |json: String| match (wire, kind) {
        (true, BodyKind::Request) => endpoint.api.wire_request_body(json),
        _ => json,
    };
    let mut out = output::stdout();
    let result = (|| {
        if generator == Generator::Invalid {
            for (text, broken) in strategy::sample_invalid(shape, seed, count) {
                // The payload is JSON text that may repeat a member (`duplicate_key`), which
                // a serde_json::Value cannot hold: it is embedded as written.
                writeln!(
                    out,
                    "{{\"payload\":{},\"expect\":{{\"rule\":{},\"pointer\":{}}}}}",
                    encode(one_line(&text)),
                    serde_json::Value::from(broken.rule),
                    serde_json::Value::from(broken.pointer),
                )?;
            }
        } else {
            let values = if generator == Generator::Adversarial {
                strategy::sample(shape, seed, count)
            } else {
                let examples = body_examples(endpoint, kind, shape);
                let realism = strategy::Realism {
                    examples: &examples,
                    today: reference_day(),
                };
                strategy::sample_realistic(shape, realism, seed, count)
            };
            for value in values {
                writeln!(out, "{}", encode(value.to_string()))?;
            }
        }
        Ok(())
    })()
    .and_then(|()| out.finish());
    finish(result)
}

/// The day realistic date-times are drawn near: today (UTC), or the day of
/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) when set,
/// so that a run can be repeated on another day.
fn reference_day() -> vendorspec::runtime::strategy::Day {
    use std::time::{SystemTime, UNIX_EPOCH};
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        });
    vendorspec::runtime::strategy::Day::from_unix_seconds(seconds)
}

/// The spec's valid examples of a body, normalized (canonical names, no envelope); for a
/// response, only the flat variant's (a wrapped one is not the body's shape). `template`
/// starts from the richest, `sample` draws values from all of them.
fn body_examples(
    endpoint: &'static EndpointDesc,
    kind: BodyKind,
    shape: &'static Shape,
) -> Vec<serde_json::Value> {
    let (examples, options, wrapper) = match kind {
        BodyKind::Request => (
            endpoint.request_examples,
            endpoint.api.request_options(),
            None,
        ),
        BodyKind::Response(status) => {
            let response = endpoint.response(status).expect("body_shape found it");
            (
                response.examples,
                endpoint.api.response_options(),
                response.wrapped.as_ref().map(|w| w.member),
            )
        }
    };
    examples
        .iter()
        .filter_map(|text| {
            vendorspec::runtime::normalize::normalize(text.as_bytes(), shape, &options).ok()
        })
        .filter(|v| wrapper.is_none_or(|w| v.get(w).is_none()))
        .collect()
}

/// `vendorspec template`: the body's template, from its first valid spec example (values the
/// docs use) where there is one.
fn template(
    endpoint: &'static EndpointDesc,
    kind: BodyKind,
    format: TemplateFormatArg,
) -> ExitCode {
    use vendorspec::runtime::template::{TemplateFormat, template};
    let shape = match body_shape(endpoint, kind) {
        Ok(shape) => shape,
        Err(code) => return code,
    };
    // The richest of the flat variant's examples: it has the most values the docs use.
    let example = body_examples(endpoint, kind, shape)
        .into_iter()
        .max_by_key(|v| v.to_string().len());
    let format = match format {
        TemplateFormatArg::Json => TemplateFormat::Json,
        TemplateFormatArg::Json5 => TemplateFormat::Json5,
        TemplateFormatArg::Yaml => TemplateFormat::Yaml,
    };
    let text = template(shape, example.as_ref(), format);
    let mut out = output::stdout();
    finish(out.write_all(text.as_bytes()).and_then(|()| out.finish()))
}

/// JSON text on one line: line breaks outside strings are whitespace, and inside strings
/// JSON forbids raw ones, so replacing them all with spaces keeps the meaning.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text.to_string()
    }
}
