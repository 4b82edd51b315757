//! RFC 9457 problem details: every refusal is `application/problem+json` with `type`,
//! `title`, `status` and `detail`; a refused body adds `errors`, the findings as `vendorspec
//! validate --format json` prints them (`severity`, `rule`, `pointer`, `line`, `column`,
//! `message`, and `help` where there is one). Findings are masked where they are made, and
//! the detail is masked here, so no credential a client sent comes back.

use serde_json::{Value, json};
use vendorspec::runtime::finding::Finding;
use vendorspec::runtime::redact;

/// The media type of a problem document.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// Where the problem types are documented: `type` is this base and the problem's name.
const TYPE_BASE: &str = "https://vendorspec.github.io/vendorspec/problems/";

/// A problem document.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: u16,
    /// The problem's name, the last segment of `type` (`invalid-body`).
    pub kind: &'static str,
    pub title: &'static str,
    pub detail: String,
    pub errors: Vec<Finding>,
}

impl Problem {
    pub fn new(status: u16, kind: &'static str, title: &'static str, detail: String) -> Problem {
        Problem {
            status,
            kind,
            title,
            detail,
            errors: Vec::new(),
        }
    }

    pub fn with_errors(mut self, errors: Vec<Finding>) -> Problem {
        self.errors = errors;
        self
    }

    /// The document.
    pub fn to_json(&self) -> Value {
        let mut doc = json!({
            "type": format!("{TYPE_BASE}{}", self.kind),
            "title": self.title,
            "status": self.status,
            "detail": redact::redact(&self.detail),
        });
        if !self.errors.is_empty() {
            doc["errors"] = self.errors.iter().map(finding_json).collect();
        }
        doc
    }
}

/// One finding as `validate --format json` writes it.
pub fn finding_json(f: &Finding) -> Value {
    let mut out = json!({
        "severity": f.severity.as_str(),
        "rule": f.rule.as_str(),
        "pointer": f.pointer,
        "line": f.line,
        "column": f.column,
        "message": f.message,
    });
    if let Some(help) = &f.help {
        out["help"] = Value::from(help.as_str());
    }
    out
}
