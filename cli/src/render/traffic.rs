//! `vendorspec traffic` in every format: code-frame-like text, the contract's JSON
//! document, GitHub annotations (through [`github::annotation`]), a SARIF log (with the
//! rule descriptions of [`sarif::describe`]) and a JUnit report. No format quotes a header,
//! a cookie or a body line: messages name claims and members, and URLs are masked before
//! they get here (the masking writer is the guarantee after that).
//!
//! Human, JSON and GitHub output is written exchange by exchange as the checks finish
//! ([`Stream`]), so a capture of millions of exchanges does not accumulate results; SARIF
//! and JUnit are single documents built at the end from the exchanges kept.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use serde::Serialize;
use serde_json::{Value, json};
use vendorspec::runtime::finding::{Rule, Severity};
use vendorspec_traffic::{Diagnostic, Exchange, HarError};

use super::human::Palette;
use super::{github, sarif};
use crate::Format;

/// One capture's results, as SARIF and JUnit keep them.
pub struct CaptureResult {
    pub path: String,
    pub exchanges: Vec<Exchange>,
    /// Why the capture could not be read (to the end).
    pub error: Option<HarError>,
}

/// Counts over every capture, as the JSON `summary` gives them.
#[derive(Default)]
pub struct TrafficSummary {
    pub exchanges: usize,
    pub matched: usize,
    pub unmatched: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
    pub unreadable: usize,
}

impl TrafficSummary {
    /// Counts one exchange.
    pub fn add(&mut self, x: &Exchange, deny_warnings: bool) {
        self.exchanges += 1;
        if x.endpoint.is_some() {
            self.matched += 1;
        } else {
            self.unmatched += 1;
        }
        if x.is_valid(deny_warnings) {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += x.errors();
        self.warnings += x.warnings();
    }

    /// `3 exchanges (2 matched, 1 unmatched): 1 valid, 2 invalid; 3 errors, 1 warning`.
    pub fn line(&self) -> String {
        let unreadable = if self.unreadable > 0 {
            format!(", {} unreadable capture(s)", self.unreadable)
        } else {
            String::new()
        };
        format!(
            "{} exchange(s) ({} matched, {} unmatched): {} valid, {} invalid{unreadable}; {} error(s), {} warning(s)",
            self.exchanges,
            self.matched,
            self.unmatched,
            self.valid,
            self.invalid,
            self.errors,
            self.warnings
        )
    }
}

/// The output of a run, written as exchanges arrive.
pub struct Stream<W: Write> {
    out: W,
    format: Format,
    deny_warnings: bool,
    color: bool,
    /// JSON: whether an exchange was written (the next needs a comma).
    written: bool,
    /// SARIF and JUnit: what the document is built from at the end.
    kept: Vec<CaptureResult>,
    pub summary: TrafficSummary,
}

impl<W: Write> Stream<W> {
    pub fn new(out: W, format: Format, deny_warnings: bool, color: bool) -> io::Result<Self> {
        let mut s = Stream {
            out,
            format,
            deny_warnings,
            color,
            written: false,
            kept: Vec::new(),
            summary: TrafficSummary::default(),
        };
        if format == Format::Json {
            write!(s.out, "{{\n  \"exchanges\": [")?;
        }
        Ok(s)
    }

    fn kept(&mut self, path: &str) -> &mut CaptureResult {
        if self.kept.last().is_none_or(|r| r.path != path) {
            self.kept.push(CaptureResult {
                path: path.to_string(),
                exchanges: Vec::new(),
                error: None,
            });
        }
        let last = self.kept.len() - 1;
        &mut self.kept[last]
    }

    /// One checked exchange of the capture at `path`.
    pub fn exchange(&mut self, path: &str, x: Exchange) -> io::Result<()> {
        self.summary.add(&x, self.deny_warnings);
        match self.format {
            Format::Human => human_frames(&mut self.out, path, &x, &Palette::new(self.color)),
            Format::Github => github_exchange(&mut self.out, path, &x),
            Format::Json => {
                if self.written {
                    write!(self.out, ",")?;
                }
                self.written = true;
                write!(self.out, "\n    ")?;
                serde_json::to_writer(&mut self.out, &json_exchange(path, &x, self.deny_warnings))?;
                Ok(())
            }
            Format::Sarif | Format::Junit => {
                self.kept(path).exchanges.push(x);
                Ok(())
            }
        }
    }

    /// A capture that could not be read (to its end).
    pub fn unreadable(&mut self, path: &str, e: HarError) -> io::Result<()> {
        self.summary.unreadable += 1;
        let one = CaptureResult {
            path: path.to_string(),
            exchanges: Vec::new(),
            error: Some(e),
        };
        match self.format {
            Format::Human => human(&mut self.out, std::slice::from_ref(&one), None, self.color),
            Format::Github => github_annotations(&mut self.out, std::slice::from_ref(&one), None),
            // The document holds exchanges only; the caller says it on stderr.
            Format::Json => Ok(()),
            Format::Sarif | Format::Junit => {
                self.kept(path).error = one.error;
                Ok(())
            }
        }
    }

    /// The summary, or the whole document; returns the writer and the counts.
    pub fn finish(mut self) -> io::Result<(W, TrafficSummary)> {
        let s = &self.summary;
        match self.format {
            Format::Human => human(&mut self.out, &[], Some(s), self.color)?,
            Format::Github => github_annotations(&mut self.out, &[], Some(s))?,
            Format::Json => {
                let summary = serde_json::to_string(&JsonSummary {
                    exchanges: s.exchanges,
                    matched: s.matched,
                    unmatched: s.unmatched,
                    valid: s.valid,
                    invalid: s.invalid,
                    errors: s.errors,
                    warnings: s.warnings,
                })?;
                let close = if self.written { "\n  " } else { "" };
                writeln!(self.out, "{close}],\n  \"summary\": {summary}\n}}")?;
            }
            Format::Sarif => sarif_log(&mut self.out, &self.kept)?,
            Format::Junit => junit(&mut self.out, &self.kept, self.deny_warnings)?,
        }
        Ok((self.out, self.summary))
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

fn human_frames(out: &mut impl Write, path: &str, x: &Exchange, p: &Palette) -> io::Result<()> {
    let (g, gr) = (p.gutter.render(), p.gutter.render_reset());
    for d in &x.diagnostics {
        let f = &d.finding;
        let s = p.severity(f.severity);
        writeln!(
            out,
            "{}{}[{}]{}{}: {}{}",
            s.render(),
            f.severity,
            f.rule,
            s.render_reset(),
            p.bold.render(),
            f.message,
            p.bold.render_reset()
        )?;
        writeln!(out, "  {g}-->{gr} {path}:{}:{}", f.line, f.column)?;
        writeln!(
            out,
            "   {g}={gr} {}, {} {}",
            title(x),
            d.part.as_str(),
            pointer(d)
        )?;
        if let Some(help) = &f.help {
            writeln!(
                out,
                "   {g}={gr} {}help{}: {help}",
                p.bold.render(),
                p.bold.render_reset()
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Unreadable captures and the summary line.
fn human(
    out: &mut impl Write,
    results: &[CaptureResult],
    summary: Option<&TrafficSummary>,
    color: bool,
) -> io::Result<()> {
    let p = Palette::new(color);
    for r in results {
        for x in &r.exchanges {
            human_frames(out, &r.path, x, &p)?;
        }
        if let Some(e) = &r.error {
            writeln!(
                out,
                "{}error{}{}: {}:{}:{}: {}{}\n",
                p.error.render(),
                p.error.render_reset(),
                p.bold.render(),
                r.path,
                e.line,
                e.column,
                e.message,
                p.bold.render_reset()
            )?;
        }
    }
    let Some(summary) = summary else {
        return Ok(());
    };
    let s = if summary.invalid + summary.unreadable > 0 {
        p.error
    } else {
        p.bold
    };
    writeln!(out, "{}{}{}", s.render(), summary.line(), s.render_reset())
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

fn json_exchange<'a>(path: &'a str, x: &'a Exchange, deny_warnings: bool) -> JsonExchange<'a> {
    JsonExchange {
        file: path,
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
    }
}

fn github_exchange(out: &mut impl Write, path: &str, x: &Exchange) -> io::Result<()> {
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
            file: path,
            line: Some(f.line),
            column: Some(f.column),
        };
        let title = format!("vendorspec {} ({})", f.rule, d.part.as_str());
        github::annotation(out, command, Some(place), &title, &message)?;
    }
    Ok(())
}

/// Unreadable captures and the summary line.
fn github_annotations(
    out: &mut impl Write,
    results: &[CaptureResult],
    s: Option<&TrafficSummary>,
) -> io::Result<()> {
    for r in results {
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
    match s {
        Some(s) => writeln!(out, "vendorspec: {}", s.line()),
        None => Ok(()),
    }
}

fn sarif_log(out: &mut impl Write, results: &[CaptureResult]) -> io::Result<()> {
    let mut codes: BTreeSet<String> = Rule::FIXED.iter().map(|r| r.as_str().to_string()).collect();
    for r in results {
        for x in &r.exchanges {
            codes.extend(
                x.diagnostics
                    .iter()
                    .map(|d| d.finding.rule.as_str().to_string()),
            );
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
