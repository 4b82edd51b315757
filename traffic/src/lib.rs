//! `vendorspec traffic`: recorded HTTP exchanges (HAR 1.2 captures) checked against the
//! endpoint contracts, exchange by exchange.
//!
//! - [`har`]: the capture read one entry at a time ([`har::Entries`]), so a capture larger
//!   than memory is checked in bounded memory;
//! - [`routes`]: each exchange matched to an endpoint by its API's base URL (with the
//!   base URL's variables, or an override per API) and the path template;
//! - [`check`]: every part of a matched exchange checked: method, path and query
//!   parameters (the endpoint's own parameter check), the headers the contract names
//!   (bearer token, JWT scope and lifetime, `Content-Type`), the request body and the
//!   response (status and body) through [`EndpointDesc::validate`], so a body reads exactly
//!   as `vendorspec validate` reads it;
//! - [`auth`]: the JWT's claims, read without verifying the signature.
//!
//! Every finding's line and column point into the HAR file: positions inside a body (a JSON
//! string in the capture) are mapped back through the unescaping's offset map, as the
//! runtime maps an Ivanti envelope. No HTTP client: this crate only reads files.
//!
//! [`EndpointDesc::validate`]: vendorspec_runtime::endpoint::EndpointDesc::validate

pub mod auth;
pub mod check;
pub mod har;
pub mod routes;

use vendorspec_runtime::finding::{Finding, Severity};

pub use check::Checker;
pub use har::{Entries, HarError, RawEntry};

/// Which part of an exchange a finding is about (`part` in the JSON output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Method,
    Path,
    Query,
    Header,
    RequestBody,
    ResponseStatus,
    ResponseBody,
}

impl Part {
    /// The stable name: `method`, `path`, `query`, `header`, `request_body`,
    /// `response_status`, `response_body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Method => "method",
            Part::Path => "path",
            Part::Query => "query",
            Part::Header => "header",
            Part::RequestBody => "request_body",
            Part::ResponseStatus => "response_status",
            Part::ResponseBody => "response_body",
        }
    }
}

/// One finding about an exchange: its part, and the finding with its line and column in the
/// HAR file (its `offset` is the file offset, saturated at `u32::MAX`; [`Diagnostic::offset`]
/// holds the full one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub part: Part,
    pub finding: Finding,
    pub offset: u64,
}

/// One recorded exchange, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// Its position in `log.entries`, from 0.
    pub index: usize,
    pub method: String,
    /// The request URL with credentials masked.
    pub url: String,
    /// The endpoint it matched, if any.
    pub endpoint: Option<&'static str>,
    /// The response status, when one was recorded (HAR writes 0 for none).
    pub status: Option<u16>,
    /// Sorted by position in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Exchange {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.finding.severity == severity)
            .count()
    }

    /// No error (and, with `deny_warnings`, no warning either).
    pub fn is_valid(&self, deny_warnings: bool) -> bool {
        self.errors() == 0 && !(deny_warnings && self.warnings() > 0)
    }
}
