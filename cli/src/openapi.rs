//! `vendorspec openapi [API_ID] [--output DIR]`: the OpenAPI 3.1 document of each API
//! (`vendorspec_runtime::openapi`), the same documents as `generated/openapi/`.
//!
//! - `API_ID` given: that API's document on stdout;
//! - no `API_ID`: every document, as one JSON object keyed by API id, in the registry's order
//!   of APIs (sorted keys);
//! - `--output DIR`: `DIR/<api_id>.openapi.json` for the one API (or every API), `DIR`
//!   created if missing, and each path written on stdout.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use vendorspec::runtime::endpoint::ApiDesc;
use vendorspec::runtime::openapi;

use crate::{EXIT_USAGE, finish, output};

/// The command's arguments.
#[derive(clap::Args)]
pub struct OpenapiArgs {
    /// The API id (cylance_protect_v2, ...); without it, every API.
    #[arg(value_name = "API_ID")]
    api: Option<String>,
    /// Write `<API_ID>.openapi.json` files into this folder (created if missing) instead of
    /// printing.
    #[arg(long, value_name = "DIR")]
    output: Option<std::path::PathBuf>,
}

/// The help's closing text.
pub const HELP: &str = "\
One OpenAPI 3.1 document per API: its server and variables, the bearer security scheme \
with the scope each operation needs, every path and query parameter with its schema and an \
example, request bodies and every documented response status with their schemas and the \
spec's examples, and the wire facts JSON Schema cannot state (member-name matching, \
lenient syntax, the {\"value\": ...} envelope, token lifetime) as x-vendorspec-* members \
and in the descriptions. Named types are under components/schemas, the published JSON \
Schemas' own definitions. The documents are published in generated/openapi/.

With API_ID, that API's document is printed; without it, every document as one JSON object \
keyed by API id. With --output DIR, the documents are written into DIR as \
<API_ID>.openapi.json and their paths printed. Printed output is masked like every output \
(credentials in the examples' URLs show as ***); the files are written as they are.

Examples:
  vendorspec openapi cylance_protect_v2 > protect.openapi.json
  vendorspec openapi --output openapi/
  vendorspec openapi ivanti_es_v2 --output .

Exit status 2 for an unknown API id or a folder that cannot be written.";

/// `vendorspec openapi`.
pub fn run(args: &OpenapiArgs) -> ExitCode {
    let all = openapi::apis(vendorspec::ENDPOINTS);
    let apis: Vec<&'static ApiDesc> = match &args.api {
        None => all,
        Some(id) => match all.iter().find(|a| a.id == id.as_str()) {
            Some(api) => vec![*api],
            None => {
                let ids: Vec<&str> = all.iter().map(|a| a.id).collect();
                eprintln_masked!("error: unknown API `{id}`");
                match vendorspec::runtime::suggest::suggest(id, ids.iter().copied()) {
                    Some(known) => eprintln_masked!("  help: did you mean `{known}`?"),
                    None => eprintln_masked!("  help: the APIs are {}", ids.join(", ")),
                }
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let documents: Vec<(&'static str, serde_json::Value)> = apis
        .iter()
        .map(|api| (api.id, openapi::document(api, vendorspec::ENDPOINTS)))
        .collect();
    match &args.output {
        Some(dir) => write_files(dir, &documents),
        None => {
            let value = match (&args.api, documents.as_slice()) {
                (Some(_), [(_, doc)]) => doc.clone(),
                _ => serde_json::Value::Object(
                    documents
                        .into_iter()
                        .map(|(id, doc)| (id.to_string(), doc))
                        .collect(),
                ),
            };
            print(&value)
        }
    }
}

/// The document's text as published: pretty JSON and a final newline.
fn pretty(value: &serde_json::Value) -> Result<String, ExitCode> {
    match serde_json::to_string_pretty(value) {
        Ok(mut text) => {
            text.push('\n');
            Ok(text)
        }
        Err(e) => {
            eprintln_masked!("error: cannot write the document: {e}");
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

fn print(value: &serde_json::Value) -> ExitCode {
    let text = match pretty(value) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let mut out = output::stdout();
    finish(out.write_all(text.as_bytes()).and_then(|()| out.finish()))
}

fn write_files(dir: &Path, documents: &[(&'static str, serde_json::Value)]) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln_masked!("error: cannot create {}: {e}", dir.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let mut written = Vec::new();
    for (id, doc) in documents {
        let text = match pretty(doc) {
            Ok(text) => text,
            Err(code) => return code,
        };
        let path = dir.join(format!("{id}.openapi.json"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln_masked!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(EXIT_USAGE);
        }
        written.push(path);
    }
    let mut out = output::stdout();
    let result = written
        .iter()
        .try_for_each(|path| writeln!(out, "{}", path.display()))
        .and_then(|()| out.finish());
    finish(result)
}
