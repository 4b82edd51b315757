//! `--format junit`: a JUnit XML report, for CI systems that show test results.
//!
//! One test suite per endpoint body (`create_job request`), one test case per file: a
//! failure when the file is invalid (its type is the first error's rule, its text every
//! finding with its quoted line, secrets masked), an error when the file could not be read;
//! warnings of a valid file go to the case's system-out.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use vendorspec::runtime::finding::{Finding, Severity};

use crate::report::{FileResult, Notice, Outcome};

pub fn write(out: &mut impl Write, results: &[FileResult], notices: &[Notice]) -> io::Result<()> {
    let mut suites: BTreeMap<String, TestSuite> = BTreeMap::new();
    // Run-level messages: a case each in a `vendorspec` suite, failing when an error.
    for n in notices {
        let name = match &n.at {
            Some(at) => format!("{} {at}", n.code),
            None => n.code.to_string(),
        };
        let mut text = n.message.clone();
        if let Some(help) = &n.help {
            text.push_str(&format!("\n  help: {help}"));
        }
        let mut case = match n.severity {
            Severity::Error => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(n.message.as_str());
                status.set_type(n.code);
                status.set_description(text);
                TestCase::new(name.as_str(), status)
            }
            Severity::Warning => {
                let mut case = TestCase::new(name.as_str(), TestCaseStatus::success());
                case.set_system_out(text);
                case
            }
        };
        case.set_classname("vendorspec");
        suites
            .entry("vendorspec".to_string())
            .or_insert_with(|| TestSuite::new("vendorspec"))
            .add_test_case(case);
    }
    for r in results {
        let suite_name = format!("{} {}", r.target.endpoint.id, r.target.kind_label());
        let case = match &r.outcome {
            Outcome::Unreadable(reason) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(reason.as_str());
                status.set_type("unreadable");
                TestCase::new(r.path.as_str(), status)
            }
            Outcome::Checked { findings, .. } => {
                let details: Vec<String> = findings.iter().map(|f| detail(r, f)).collect();
                let mut case = if r.is_valid() {
                    TestCase::new(r.path.as_str(), TestCaseStatus::success())
                } else {
                    let first = findings
                        .iter()
                        .find(|f| f.severity == Severity::Error)
                        .or(findings.first());
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    if let Some(first) = first {
                        status.set_message(format!(
                            "{} finding(s); first: {}",
                            findings.len(),
                            first.message
                        ));
                        status.set_type(first.rule.as_str());
                    }
                    status.set_description(details.join("\n"));
                    TestCase::new(r.path.as_str(), status)
                };
                let mut out = details.clone();
                if r.no_body() {
                    out.insert(0, "no body was sent (the file is blank)".to_string());
                }
                if r.is_valid() && !out.is_empty() {
                    case.set_system_out(out.join("\n"));
                }
                case.set_classname(suite_name.as_str());
                case
            }
        };
        suites
            .entry(suite_name.clone())
            .or_insert_with(|| TestSuite::new(suite_name.as_str()))
            .add_test_case(case);
    }
    let mut report = Report::new("vendorspec");
    report.add_test_suites(suites.into_values());
    let xml = report
        .to_string()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(xml.as_bytes())?;
    writeln!(out)
}

/// One finding as plain text: `line:column severity[rule] pointer: message`, its hint and
/// its quoted line.
fn detail(r: &FileResult, f: &Finding) -> String {
    let pointer = if f.pointer.is_empty() {
        "(root)"
    } else {
        &f.pointer
    };
    let mut text = format!(
        "{}:{}:{} {}[{}] {pointer}: {}",
        r.path, f.line, f.column, f.severity, f.rule, f.message
    );
    if let Some(help) = &f.help {
        text.push_str(&format!("\n  help: {help}"));
    }
    if let Some(excerpt) = r.excerpt(f) {
        text.push_str(&format!("\n  | {}", excerpt.text));
    }
    text
}
