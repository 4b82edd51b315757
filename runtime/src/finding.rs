//! Findings and reports: what every check (syntax, schema rules, advice) produces.
//!
//! A [`Finding`] carries everything a person or a tool needs to act on one problem: its
//! [`Severity`], a stable [`Rule`] code, an RFC 6901 pointer into the (unwrapped) document, a
//! 1-based line and column in the file, the byte offset in the file and a message. A
//! [`Report`] collects findings from one walk and hands them back sorted by position, which is
//! the order the design promises to every output format.

use std::borrow::Cow;
use std::fmt;

use crate::suggest::DidYouMean;

/// How bad a finding is.
///
/// Errors make a payload invalid (the API would reject it or misbehave); warnings are advice
/// from the spec that does not change validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The payload violates the contract.
    Error,
    /// The payload is valid but the spec advises against it.
    Warning,
}

impl Severity {
    /// The lowercase name used in every output format (`error` or `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable rule code of a finding.
///
/// The codes are part of the public contract (documented in docs/CLI.md, used by CI filters),
/// so they never change spelling. Advice codes come from the specs, hence
/// [`Rule::Advice`] carries its code as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The document is not JSON in the syntax asked for.
    Syntax,
    /// An object has the same member name twice.
    DuplicateKey,
    /// A value has the wrong JSON type.
    Type,
    /// A required member is missing.
    Required,
    /// A member the spec does not know.
    UnknownField,
    /// A value outside its enumeration.
    Enum,
    /// A string that does not match its pattern.
    Pattern,
    /// A string that is not in its format (date-time, IPv4, ...).
    Format,
    /// A string shorter than allowed.
    MinLength,
    /// A string longer than allowed.
    MaxLength,
    /// A number below its minimum.
    Minimum,
    /// A number above its maximum.
    Maximum,
    /// An array with too few items.
    MinItems,
    /// An array with too many items.
    MaxItems,
    /// An array whose items must be unique but are not.
    UniqueItems,
    /// Not exactly one of a group of members is set.
    ExactlyOneOf,
    /// None of a group of members is set.
    AtLeastOneOf,
    /// A member is set without a member it requires.
    Requires,
    /// Two members that form a range are out of order (for example `StartIp > EndIp`).
    RangeOrder,
    /// A recorded call used another method than the endpoint at its path (`vendorspec traffic`).
    Method,
    /// A response status the endpoint does not document.
    Status,
    /// A header the contract names is missing or wrong (`Authorization`, `Content-Type`).
    Header,
    /// The bearer token does not grant the endpoint's scope.
    Scope,
    /// The bearer token lives longer than the API accepts.
    TokenLifetime,
    /// A character in the URL's path that must be percent-encoded is not.
    UrlEncoding,
    /// A recorded exchange that matches no endpoint of the contracts.
    Unmatched,
    /// An advice (warning) whose code comes from the spec.
    Advice(Cow<'static, str>),
}

impl Rule {
    /// The stable code, as printed in reports (`syntax`, `min_length`, or the advice's code).
    pub fn as_str(&self) -> &str {
        match self {
            Rule::Advice(code) => code,
            fixed => fixed.fixed_code().unwrap_or(""),
        }
    }

    /// The code of a built-in rule, `None` for advice.
    pub fn fixed_code(&self) -> Option<&'static str> {
        Some(match self {
            Rule::Syntax => "syntax",
            Rule::DuplicateKey => "duplicate_key",
            Rule::Type => "type",
            Rule::Required => "required",
            Rule::UnknownField => "unknown_field",
            Rule::Enum => "enum",
            Rule::Pattern => "pattern",
            Rule::Format => "format",
            Rule::MinLength => "min_length",
            Rule::MaxLength => "max_length",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::MinItems => "min_items",
            Rule::MaxItems => "max_items",
            Rule::UniqueItems => "unique_items",
            Rule::ExactlyOneOf => "exactly_one_of",
            Rule::AtLeastOneOf => "at_least_one_of",
            Rule::Requires => "requires",
            Rule::RangeOrder => "range_order",
            Rule::Method => "method",
            Rule::Status => "status",
            Rule::Header => "header",
            Rule::Scope => "scope",
            Rule::TokenLifetime => "token_lifetime",
            Rule::UrlEncoding => "url_encoding",
            Rule::Unmatched => "unmatched",
            Rule::Advice(_) => return None,
        })
    }

    /// Every fixed (non-advice) rule, in the documented order; lets tools and docs list them.
    pub const FIXED: [Rule; 26] = [
        Rule::Syntax,
        Rule::DuplicateKey,
        Rule::Type,
        Rule::Required,
        Rule::UnknownField,
        Rule::Enum,
        Rule::Pattern,
        Rule::Format,
        Rule::MinLength,
        Rule::MaxLength,
        Rule::Minimum,
        Rule::Maximum,
        Rule::MinItems,
        Rule::MaxItems,
        Rule::UniqueItems,
        Rule::ExactlyOneOf,
        Rule::AtLeastOneOf,
        Rule::Requires,
        Rule::RangeOrder,
        Rule::Method,
        Rule::Status,
        Rule::Header,
        Rule::Scope,
        Rule::TokenLifetime,
        Rule::UrlEncoding,
        Rule::Unmatched,
    ];

    /// The rule for a code: a fixed rule when the code is one, an advice otherwise.
    ///
    /// Lets configuration files and CLI filters name rules by their code.
    pub fn from_code(code: &str) -> Rule {
        Rule::FIXED
            .iter()
            .find(|rule| rule.as_str() == code)
            .cloned()
            .unwrap_or_else(|| Rule::Advice(Cow::Owned(code.to_owned())))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a document, with its location.
///
/// `line` and `column` are 1-based; the column counts Unicode scalar values from the start of
/// the line (like rustc). For an enveloped body they are mapped into the file. `offset` is the
/// byte offset in the file and is what reports sort by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The stable rule code.
    pub rule: Rule,
    /// RFC 6901 pointer into the document after envelope unwrapping; empty is the root.
    pub pointer: String,
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column in the file, counted in Unicode scalar values.
    pub column: u32,
    /// Byte offset in the file.
    pub offset: u32,
    /// What is wrong, for a person. Never contains the value of a secret member.
    pub message: String,
    /// What would be right, when the check knows ("did you mean `EndIp`?").
    pub help: Option<String>,
}

impl Finding {
    /// The same finding with a hint saying what would be right.
    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Finding {
    /// `line:column: severity[rule] pointer: message`, the compact form used in test failures
    /// and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}] {:?}: {}",
            self.line, self.column, self.severity, self.rule, self.pointer, self.message
        )
    }
}

/// The findings of one document, returned sorted by position.
///
/// Checks push findings in whatever order their walk meets them; the report sorts once at the
/// end (offset, then rule code, then pointer and message for a total, deterministic order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    /// Help lines still to be worked out, by the index of their finding: filled in when
    /// the findings are first read, so a report that is only counted never looks for them.
    later_help: Vec<(usize, DidYouMean)>,
    errors: usize,
    warnings: usize,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding, with any credential in its message or help masked
    /// ([`crate::redact`]): a report never carries one.
    pub fn push(&mut self, mut finding: Finding) {
        if let std::borrow::Cow::Owned(p) = crate::redact::redact_pointer(&finding.pointer) {
            finding.pointer = p;
        }
        crate::redact::redact_in_place(&mut finding.message);
        if let Some(help) = finding.help.as_mut() {
            crate::redact::redact_in_place(help);
        }
        self.push_masked(finding);
    }

    /// Adds a finding whose text was built from masked parts: the walk masks each value
    /// and member name where it quotes one (so the invalid path does not scan every
    /// finished message again).
    pub(crate) fn push_masked(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.findings.push(finding);
    }

    /// Adds a masked finding whose help line is a suggestion, worked out only when the
    /// findings are read.
    pub(crate) fn push_masked_with_later_help(&mut self, finding: Finding, help: DidYouMean) {
        self.later_help.push((self.findings.len(), help));
        self.push_masked(finding);
    }

    /// Whether any finding is an error (the document is invalid).
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many findings are warnings.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// How many findings in all.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether the report has no finding at all.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The findings sorted by position (offset, then rule code, then pointer, then message).
    pub fn into_sorted(mut self) -> Vec<Finding> {
        self.sort();
        self.findings
    }

    /// Sorts in place and returns the findings, for callers that keep the report.
    pub fn sorted(&mut self) -> &[Finding] {
        self.sort();
        &self.findings
    }

    fn sort(&mut self) {
        for (index, help) in self.later_help.drain(..) {
            self.findings[index].help = help.render();
        }
        self.findings.sort_by(|a, b| {
            a.offset
                .cmp(&b.offset)
                .then_with(|| a.rule.as_str().cmp(b.rule.as_str()))
                .then_with(|| a.pointer.cmp(&b.pointer))
                .then_with(|| a.message.cmp(&b.message))
                .then_with(|| a.severity.cmp(&b.severity))
        });
    }
}

impl Extend<Finding> for Report {
    fn extend<T: IntoIterator<Item = Finding>>(&mut self, iter: T) {
        for finding in iter {
            self.push(finding);
        }
    }
}

impl FromIterator<Finding> for Report {
    fn from_iter<T: IntoIterator<Item = Finding>>(iter: T) -> Self {
        let mut report = Report::new();
        report.extend(iter);
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(offset: u32, rule: Rule, severity: Severity) -> Finding {
        Finding {
            severity,
            rule,
            pointer: String::new(),
            line: 1,
            column: offset + 1,
            offset,
            message: String::from("m"),
            help: None,
        }
    }

    #[test]
    fn codes_are_stable() {
        let codes: Vec<&str> = Rule::FIXED.iter().map(Rule::as_str).collect();
        assert_eq!(
            codes,
            [
                "syntax",
                "duplicate_key",
                "type",
                "required",
                "unknown_field",
                "enum",
                "pattern",
                "format",
                "min_length",
                "max_length",
                "minimum",
                "maximum",
                "min_items",
                "max_items",
                "unique_items",
                "exactly_one_of",
                "at_least_one_of",
                "requires",
                "range_order",
                "method",
                "status",
                "header",
                "scope",
                "token_lifetime",
                "url_encoding",
                "unmatched"
            ]
        );
        assert_eq!(Rule::Advice(Cow::Borrowed("weak_tls")).as_str(), "weak_tls");
        assert_eq!(Rule::from_code("min_items"), Rule::MinItems);
        assert_eq!(
            Rule::from_code("odd"),
            Rule::Advice(Cow::Owned("odd".into()))
        );
        assert_eq!(Severity::Warning.to_string(), "warning");
    }

    #[test]
    fn report_sorts_and_counts() {
        let mut report = Report::new();
        report.push(finding(9, Rule::Type, Severity::Error));
        report.push(finding(2, Rule::Type, Severity::Error));
        report.push(finding(2, Rule::Advice("a_hint".into()), Severity::Warning));
        report.push(finding(2, Rule::Enum, Severity::Error));
        assert!(report.has_errors());
        assert_eq!(
            (report.errors(), report.warnings(), report.len()),
            (3, 1, 4)
        );
        let sorted: Vec<(u32, String)> = report
            .into_sorted()
            .into_iter()
            .map(|f| (f.offset, f.rule.to_string()))
            .collect();
        assert_eq!(
            sorted,
            [
                (2, "a_hint".to_owned()),
                (2, "enum".to_owned()),
                (2, "type".to_owned()),
                (9, "type".to_owned())
            ]
        );
        let empty: Report = std::iter::empty().collect();
        assert!(!empty.has_errors() && empty.is_empty());
    }
}
