//! Validates payload files against an endpoint's contract and prints every finding as
//! `file:line:column: severity[rule] pointer: message`, then a summary. Exit status: 0 when
//! every file is valid (warnings allowed), 1 when any is invalid, 2 for a usage error, an
//! unknown endpoint or a file that cannot be read.
//!
//! `cargo run -p specgate --example validate -- ENDPOINT [--response[=STATUS]] FILE...`
//!
//! A preview of `specgate validate` (the CLI): the same validators, plain output only.

use std::process::ExitCode;

use specgate::runtime::endpoint::BodyKind;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((id, rest)) = args.split_first() else {
        return usage("no endpoint given");
    };
    let Some(endpoint) = specgate::endpoint(id) else {
        let ids: Vec<&str> = specgate::ENDPOINTS.iter().map(|e| e.id).collect();
        return usage(&format!(
            "unknown endpoint `{id}`; the endpoints are {}",
            ids.join(", ")
        ));
    };
    let mut kind = BodyKind::Request;
    let mut files = Vec::new();
    for arg in rest {
        match arg.strip_prefix("--response") {
            Some("") => kind = BodyKind::Response(None),
            Some(status) => match status.strip_prefix('=').and_then(|s| s.parse().ok()) {
                Some(code) => kind = BodyKind::Response(Some(code)),
                None => return usage(&format!("`{arg}`: write --response or --response=STATUS")),
            },
            None => files.push(arg),
        }
    }
    if files.is_empty() {
        return usage("no file given");
    }
    files.sort();
    let (mut invalid, mut unreadable, mut errors, mut warnings) = (0, 0, 0, 0);
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: error: cannot read the file: {e}");
                unreadable += 1;
                continue;
            }
        };
        let report = match endpoint.validate(kind, &bytes) {
            Ok(report) => report,
            Err(e) => return usage(&e.to_string()),
        };
        if report.has_errors() {
            invalid += 1;
        }
        errors += report.errors();
        warnings += report.warnings();
        for f in report.into_sorted() {
            let pointer = if f.pointer.is_empty() {
                "(root)"
            } else {
                &f.pointer
            };
            println!(
                "{path}:{}:{}: {}[{}] {pointer}: {}",
                f.line, f.column, f.severity, f.rule, f.message
            );
            if let Some(help) = &f.help {
                println!("    help: {help}");
            }
        }
    }
    println!(
        "{} files: {} valid, {invalid} invalid{}; {errors} errors, {warnings} warnings",
        files.len(),
        files.len() - invalid - unreadable,
        if unreadable > 0 {
            format!(", {unreadable} unreadable")
        } else {
            String::new()
        },
    );
    if unreadable > 0 {
        ExitCode::from(2)
    } else if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}");
    eprintln!(
        "usage: cargo run -p specgate --example validate -- ENDPOINT [--response[=STATUS]] FILE..."
    );
    ExitCode::from(2)
}
