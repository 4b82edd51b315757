//! `vendorspec traffic` in every format: the same [`CaptureResult`]s as code-frame-like
//! text, the contract's JSON document, GitHub annotations (through [`github::annotation`]),
//! a SARIF log (with the rule descriptions of [`sarif::describe`]) and a JUnit report. No
//! format quotes a header, a cookie or a body line: messages name claims and members, and
//! URLs are masked before they get here (the masking writer is the guarantee after that).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use serde::Serialize;
use serde_json::{Value, json};
use vendorspec::runtime::finding::{Rule, Severity};
use vendorspec_traffic::{Diagnostic, Exchange};

use super::{github, sarif};
use crate::Format;
use crate::traffic::{CaptureResult, TrafficSummary};

pub fn write(
    out: &mut impl Write,
    format: Format,
    results: &[CaptureResult],
    summary: &TrafficSummary,
    deny_warnings: bool,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Human => human(out, results, summary, color),
        Format::Json => json_document(out, results, summary, deny_warnings),
        Format::Github => github_annotations(out, results, summary),
        Format::Sarif => sarif_log(out, results),
        Format::Junit => junit(out, results, deny_warnings),
    }
}

/// `exchange 3: PUT https://… (lockdown_device)`.
fn title(x: &Exchange) -> String {
    let endpoint = x.endpoint.map_or("no endpoint", |e| e);
    format!("exchange {}: {} {} ({endpoint})", x.index, x.method, x.url)
}

fn pointer(d: &Diagnostic) -> &str {
    if d.finding.pointer.is_empty() {
        "(root)"
    } else {
        &d.finding.pointer
    }
}

fn human(
    out: &mut impl Write,
    results: &[CaptureResult],
    summary: &TrafficSummary,
    color: bool,
) -> io::Result<()> {
    let style = |s: Style| if color { s } else { Style::new() };
    let error = style(AnsiColor::Red.on_default().bold());
    let warning = style(AnsiColor::Yellow.on_default().bold());
    let gutter = style(AnsiColor::Blue.on_default().bold());
    let bold = style(Style::new().bold());
    let (g, gr) = (gutter.render(), gutter.render_reset());
    for r in results {
        for x in &r.exchanges {
            for d in &x.diagnostics {
                let f = &d.finding;
                let s = match f.severity {
                    Severity::Error => error,
                    Severity::Warning => warning,
                };
                writeln!(
                    out,
                    "{}{}[{}]{}{}: {}{}",
                    s.render(),
                    f.severity,
                    f.rule,
                    s.render_reset(),
                    bold.render(),
                    f.message,
                    bold.render_reset()
                )?;
                writeln!(out, "  {g}-->{gr} {}:{}:{}", r.path, f.line, f.column)?;
                writeln!(out, "   {g}={gr} {}, {} {}", title(x), d.part.as_str(), pointer(d))?;
                if let Some(help) = &f.help {
                    writeln!(
                        out,
                        "   {g}={gr} {}help{}: {help}",
                        bold.render(),
                        bold.render_reset()
                    )?;
                }
                writeln!(out)?;
            }
        }
        if let Some(e) = &r.error {
            writeln!(
                out,
                "{}error{}{}: {}:{}:{}: {}{}\n",
                error.render(),
                error.render_reset(),
                bold.render(),
                r.path,
                e.line,
                e.column,
                e.message,
                bold.render_reset()
            )?;
        }
    }
    let s = if summary.invalid + summary.unreadable > 0 {
        error
    } else {
        bold
    };
    writeln!(out, "{}{}{}", s.render(), summary.line(), s.render_reset())
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    exchanges: Vec<JsonExchange<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonExchange<'a> {
    /// The capture the exchange is in (the contract's members, plus this one).
    file: &'a str,
    index: usize,
    method: &'a str,
    url: &'a str,
    endpoint: Option<&'a str>,
    status: Option<u16>,
    valid: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    rule: &'a str,
    part: &'static str,
    pointer: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    exchanges: usize,
    matched: usize,
    unmatched: usize,
    valid: usize,
    invalid: usize,
    errors: usize,
    warnings: usize,
}

/// Unreadable captures are not in the document; they go to stderr and exit 2.
fn json_document(
    out: &mut impl Write,
    results: &[CaptureResult],
    s: &TrafficSummary,
    deny_warnings: bool,
) -> io::Result<()> {
    let exchanges = results
        .iter()
        .flat_map(|r| r.exchanges.iter().map(move |x| (r, x)))
        .map(|(r, x)| JsonExchange {
            file: &r.path,
            index: x.index,
            method: &x.method,
            url: &x.url,
            endpoint: x.endpoint,
            status: x.status,
            valid: x.is_valid(deny_warnings),
            diagnostics: x
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    severity: d.finding.severity.as_str(),
                    rule: d.finding.rule.as_str(),
                    part: d.part.as_str(),
                    pointer: &d.finding.pointer,
                    line: d.finding.line,
                    column: d.finding.column,
                    message: &d.finding.message,
                    help: d.finding.help.as_deref(),
                })
                .collect(),
        })
        .collect();
    let doc = JsonDocument {
        exchanges,
        summary: JsonSummary {
            exchanges: s.exchanges,
            matched: s.matched,
            unmatched: s.unmatched,
            valid: s.valid,
            invalid: s.invalid,
            errors: s.errors,
            warnings: s.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn github_annotations(
    out: &mut impl Write,
    results: &[CaptureResult],
    s: &TrafficSummary,
) -> io::Result<()> {
    for r in results {
        for x in &r.exchanges {
            for d in &x.diagnostics {
                let f = &d.finding;
                let command = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut message = format!("{}: {} ({})", title(x), f.message, pointer(d));
                if let Some(help) = &f.help {
                    message.push_str(&format!("\nhelp: {help}"));
                }
                let place = github::Place {
                    file: &r.path,
                    line: Some(f.line),
                    column: Some(f.column),
                };
                let title = format!("vendorspec {} ({})", f.rule, d.part.as_str());
                github::annotation(out, command, Some(place), &title, &message)?;
            }
        }
        if let Some(e) = &r.error {
            let place = github::Place {
                file: &r.path,
                line: Some(e.line),
                column: Some(e.column),
            };
            github::annotation(
                out,
                "error",
                Some(place),
                "vendorspec: unreadable capture",
                &e.message,
            )?;
        }
    }
    writeln!(out, "vendorspec: {}", s.line())
}

fn sarif_log(out: &mut impl Write, results: &[CaptureResult]) -> io::Result<()> {
    let mut codes: BTreeSet<String> = Rule::FIXED.iter().map(|r| r.as_str().to_string()).collect();
    for r in results {
        for x in &r.exchanges {
            codes.extend(x.diagnostics.iter().map(|d| d.finding.rule.as_str().to_string()));
        }
    }
    let codes: Vec<String> = codes.into_iter().collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": { "text": sarif::describe(code) },
                "helpUri": sarif::RULES_URI,
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    let mut notifications = Vec::new();
    for r in results {
        for x in &r.exchanges {
            for d in &x.diagnostics {
                let f = &d.finding;
                let mut message = format!("{}: {}", title(x), f.message);
                if let Some(help) = &f.help {
                    message.push_str(&format!(" (help: {help})"));
                }
                sarif_results.push(json!({
                    "ruleId": f.rule.as_str(),
                    "ruleIndex": codes.iter().position(|c| c == f.rule.as_str()).unwrap_or_default(),
                    "level": match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    "message": { "text": message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": sarif::uri(&r.path) },
                            "region": { "startLine": f.line, "startColumn": f.column },
                        },
                        "logicalLocations": [{
                            "fullyQualifiedName": pointer(d),
                            "kind": "member",
                        }],
                    }],
                    "properties": {
                        "exchange": x.index,
                        "endpoint": x.endpoint,
                        "part": d.part.as_str(),
                        "pointer": f.pointer,
                    },
                }));
            }
        }
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", r.path, e.message) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": sarif::uri(&r.path) },
                    "region": { "startLine": e.line, "startColumn": e.column },
                } }],
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "vendorspec",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": sarif::RULES_URI,
                "rules": rules,
            } },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// One suite per capture, one case per exchange (a failure when invalid); an unreadable
/// capture is an error case.
fn junit(out: &mut impl Write, results: &[CaptureResult], deny_warnings: bool) -> io::Result<()> {
    let mut suites: BTreeMap<String, TestSuite> = BTreeMap::new();
    for r in results {
        let suite = suites
            .entry(r.path.clone())
            .or_insert_with(|| TestSuite::new(r.path.as_str()));
        for x in &r.exchanges {
            let details: Vec<String> = x
                .diagnostics
                .iter()
                .map(|d| {
                    let f = &d.finding;
                    let mut text = format!(
                        "{}:{}:{} {}[{}] {} {}: {}",
                        r.path,
                        f.line,
                        f.column,
                        f.severity,
                        f.rule,
                        d.part.as_str(),
                        pointer(d),
                        f.message
                    );
                    if let Some(help) = &f.help {
                        text.push_str(&format!("\n  help: {help}"));
                    }
                    text
                })
                .collect();
            let name = title(x);
            let mut case = if x.is_valid(deny_warnings) {
                let mut case = TestCase::new(name.as_str(), TestCaseStatus::success());
                if !details.is_empty() {
                    case.set_system_out(details.join("\n"));
                }
                case
            } else {
                let first = x
                    .diagnostics
                    .iter()
                    .find(|d| d.finding.severity == Severity::Error)
                    .or(x.diagnostics.first());
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                if let Some(first) = first {
                    status.set_message(format!(
                        "{} finding(s); first: {}",
                        x.diagnostics.len(),
                        first.finding.message
                    ));
                    status.set_type(first.finding.rule.as_str());
                }
                status.set_description(details.join("\n"));
                TestCase::new(name.as_str(), status)
            };
            case.set_classname(x.endpoint.unwrap_or("unmatched"));
            suite.add_test_case(case);
        }
        if let Some(e) = &r.error {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(format!("{}:{}: {}", e.line, e.column, e.message));
            status.set_type("unreadable");
            suite.add_test_case(TestCase::new(r.path.as_str(), status));
        }
    }
    let mut report = Report::new("vendorspec traffic");
    report.add_test_suites(suites.into_values());
    let xml = report
        .to_string()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(xml.as_bytes())?;
    writeln!(out)
}
