//! `--format sarif`: a SARIF 2.1.0 log, for code-scanning dashboards.
//!
//! One run; one result per finding, with the file as a relative URI, the line and column
//! (`columnKind` says columns count Unicode code points, as ours do), the pointer as a
//! logical location and the quoted line (secrets masked) as the region's snippet. Files that
//! could not be read are tool execution notifications, and make `executionSuccessful` false.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Value, json};
use vendorspec::runtime::finding::{Rule, Severity};

use crate::report::{FileResult, Notice, Outcome};

/// Where a person reads what the rule codes mean.
pub(crate) const RULES_URI: &str =
    "https://github.com/vendorspec/vendorspec/blob/main/docs/CLI.md#rule-codes";

pub fn write(out: &mut impl Write, results: &[FileResult], notices: &[Notice]) -> io::Result<()> {
    let mut codes: BTreeSet<String> = Rule::FIXED.iter().map(|r| r.as_str().to_string()).collect();
    for r in results {
        codes.extend(r.findings().iter().map(|f| f.rule.as_str().to_string()));
    }
    codes.extend(notices.iter().map(|n| n.code.to_string()));
    let codes: Vec<String> = codes.into_iter().collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": { "text": describe(code) },
                "helpUri": RULES_URI,
            })
        })
        .collect();

    let mut sarif_results = Vec::new();
    let mut notifications = Vec::new();
    for r in results {
        match &r.outcome {
            Outcome::Unreadable(reason) => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {reason}", r.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&r.path) } } }],
            })),
            Outcome::Checked { findings, .. } => {
                for f in findings {
                    let mut region = json!({ "startLine": f.line, "startColumn": f.column });
                    if let Some(excerpt) = r.excerpt(f) {
                        region["snippet"] = json!({ "text": excerpt.text });
                    }
                    let mut message = f.message.clone();
                    if let Some(help) = &f.help {
                        message.push_str(" (help: ");
                        message.push_str(help);
                        message.push(')');
                    }
                    let index = codes
                        .iter()
                        .position(|c| c == f.rule.as_str())
                        .unwrap_or_default();
                    sarif_results.push(json!({
                        "ruleId": f.rule.as_str(),
                        "ruleIndex": index,
                        "level": match f.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        },
                        "message": { "text": message },
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&r.path) },
                                "region": region,
                            },
                            "logicalLocations": [{
                                "fullyQualifiedName": if f.pointer.is_empty() { "/" } else { &f.pointer },
                                "kind": "member",
                            }],
                        }],
                        "properties": {
                            "endpoint": r.target.endpoint.id,
                            "kind": r.target.kind_label(),
                            "pointer": f.pointer,
                        },
                    }));
                }
            }
        }
    }
    for n in notices {
        let index = codes.iter().position(|c| c == n.code).unwrap_or_default();
        let mut message = n.message.clone();
        if let Some(help) = &n.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        let mut result = json!({
            "ruleId": n.code,
            "ruleIndex": index,
            "level": match n.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "message": { "text": message },
        });
        if let Some(at) = &n.at {
            result["locations"] = json!([{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&at.path) },
                    "region": { "startLine": at.line, "startColumn": at.column },
                },
            }]);
        }
        sarif_results.push(result);
    }
    // The run failed when a path could not be read or the configuration made it check
    // less than it should: a dashboard must not show such a run as a clean scan.
    let failed = !notifications.is_empty() || notices.iter().any(Notice::fails_run);
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "vendorspec",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": RULES_URI,
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": !failed,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A path as a URI reference: `/`-separated, with every byte outside the unreserved set
/// (and `/`) percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// One sentence per rule code, for the rule's `shortDescription`.
pub(crate) fn describe(code: &str) -> String {
    let text = match code {
        "syntax" => "The document is not JSON (or YAML) in the syntax the API accepts.",
        "duplicate_key" => "An object has the same member twice.",
        "type" => "A value has the wrong JSON type.",
        "required" => "A required member is missing.",
        "unknown_field" => "A member the contract does not know.",
        "enum" => "A value outside its enumeration.",
        "pattern" => "A string that does not match its pattern.",
        "format" => "A string that is not in its format.",
        "min_length" => "A string shorter than allowed.",
        "max_length" => "A string longer than allowed.",
        "minimum" => "A number below its minimum.",
        "maximum" => "A number above its maximum.",
        "min_items" => "An array with too few items.",
        "max_items" => "An array with too many items.",
        "unique_items" => "An array whose items must be unique but are not.",
        "exactly_one_of" => "Not exactly one of a group of members is set.",
        "at_least_one_of" => "None of a group of members is set.",
        "requires" => "A member is set without a member it needs.",
        "range_order" => "A range whose start comes after its end.",
        "method" => "A recorded call used another method than the endpoint at its path.",
        "status" => "A response status the endpoint does not document.",
        "header" => "A header the contract names is missing or wrong.",
        "scope" => "The bearer token does not grant the endpoint's scope.",
        "token_lifetime" => "The bearer token lives longer than the API accepts.",
        "url_encoding" => "A path parameter holds a character that must be percent-encoded.",
        "unmatched" => "A recorded exchange that matches no endpoint.",
        "unmatched_mapping" => "A mapping of vendorspec.toml matches no file.",
        "uncovered_path" => "A named file that no mapping of vendorspec.toml covers.",
        "nothing_checked" => "The run checked no file at all.",
        advice => return format!("Advice from the contract: {}.", advice.replace('_', " ")),
    };
    text.to_string()
}
