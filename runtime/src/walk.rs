//! The validating walk: one pass over a span-carrying tree against a [`Shape`], reporting
//! every violation with its pointer, line and column.
//!
//! The walk does not stop at the first problem: a wrong type is reported and its subtree
//! skipped, everything else goes on. Findings point into the document as written
//! (pointers use the member names as the payload spells them), except a missing member,
//! whose pointer is where the member would be, under its canonical name. Rules across
//! members point at the object that holds them, or at the one member they are about.
//! Values of secret members never appear in a message.
//!
//! ```
//! use vendorspec_runtime::desc::*;
//! use vendorspec_runtime::walk::{Options, validate};
//!
//! static POINT: ObjectDesc = ObjectDesc {
//!     name: "Point",
//!     description: "",
//!     members: &[MemberDesc {
//!         required: true,
//!         ..MemberDesc::new("x", "", Shape::Integer(NumberDesc { minimum: Some(Num::Int(0)), maximum: None }))
//!     }],
//!     unknown: Unknown::Reject,
//!     rules: &[],
//!     advice: &[],
//! };
//! let report = validate(br#"{"x": -1, "y": 2}"#, &Shape::Object(|| &POINT), &Options::default());
//! let found: Vec<_> = report.into_sorted().into_iter().map(|f| (f.rule.as_str().to_string(), f.pointer)).collect();
//! assert_eq!(found, [("minimum".to_string(), "/x".to_string()), ("unknown_field".into(), "/y".into())]);
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::desc::*;
use crate::dotnet;
use crate::envelope::{envelope_findings, unwrap_envelope};
use crate::finding::{Finding, Report, Rule, Severity};
use crate::formats;
use crate::pointer::{LazyPointer, Token};
use crate::reader::{self, Document, Kind, Syntax, ValueRef};
use crate::semantics::{self, json_eq, number_order};
use crate::suggest::{Candidates, DidYouMean, Help, Nearest, member_help};
use crate::typed::{Contract, FromTree};

/// How a payload is read before it is walked: the API's syntax, name matching and body
/// encoding.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub syntax: Syntax,
    pub names: NameMatching,
    /// Unwrap `{"value": "..."}` when the payload is in that form.
    pub envelope: bool,
    /// How a number is read where the contract wants an integer.
    pub binding: Binding,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            syntax: Syntax::Strict,
            names: NameMatching::Exact,
            envelope: false,
            binding: Binding::Json,
        }
    }
}

/// How the server binds the values it read to its own types, where that differs from how
/// JSON Schema reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Binding {
    /// As JSON Schema reads values: `3000`, `3000.0` and `3e3` are the same integer, and
    /// `null` is a value of its own type.
    #[default]
    Json,
    /// As Json.NET binds them to .NET classes (the Ivanti server; proven against the real
    /// library by `tests/tests/jsonnet_oracle.rs`):
    /// - an integer is read by its text, digits with an optional minus sign only: `3000.0`
    ///   and `3e3` are refused however whole they are ([`Binding::refuses_integer`]); JSON
    ///   Schema cannot tell them from `3000`, so [`crate::normalize`] keeps such a number
    ///   as its text, a string the schema's `integer` type refuses;
    /// - `null` for an optional member of a .NET reference type (a string, an object, an
    ///   array) is what absence leaves in it, so it reads as absent
    ///   ([`Binding::null_is_absent`]); `normalize` leaves the member out. Numbers and
    ///   booleans are .NET value types, which refuse `null`;
    /// - a GUID in another spelling `Guid.Parse` takes, and a date-time in another
    ///   spelling (without an offset: the server's local time, with advice), are read as
    ///   [`crate::dotnet`] says; `normalize` writes them in the format's own spelling;
    /// - a value of another type that Json.NET converts (`"3000"` for an `Int32`, `1` or
    ///   `"true"` for a boolean, `123` or `true` for a string: [`crate::dotnet::convert`])
    ///   is read converted, with a `type` warning that says so; `normalize` writes the
    ///   converted value.
    JsonNet,
}

impl Binding {
    /// Whether `v` is a whole number refused here only for being written with a fraction
    /// or an exponent (`3000.0`, `3e3`). A number that is not whole (`1.5`) is no integer
    /// however it is read, and is reported as such.
    #[inline]
    pub fn refuses_integer(self, v: ValueRef) -> bool {
        self == Binding::JsonNet
            && !v.is_integer()
            && v.kind() == Kind::Number
            && semantics::is_integral(v)
    }

    /// Whether `v`, the value of `member`, is a `null` that reads as the member's absence.
    #[inline]
    pub fn null_is_absent(self, member: &MemberDesc, v: ValueRef) -> bool {
        !member.required && self.null_reads_absent(&member.shape, v)
    }

    /// [`Binding::null_is_absent`] for an optional member of `shape`.
    fn null_reads_absent(self, shape: &Shape, v: ValueRef) -> bool {
        self == Binding::JsonNet
            && v.kind() == Kind::Null
            && match shape {
                Shape::String(_) | Shape::Array(_) | Shape::Object(_) => true,
                Shape::Enum(e) => e().base == EnumBase::String,
                Shape::Integer(_) | Shape::Number(_) | Shape::Boolean => false,
            }
    }
}

/// Parses and validates a payload: syntax errors, then every contract violation.
pub fn validate(bytes: &[u8], shape: &Shape, options: &Options) -> Report {
    let mut report = Report::new();
    with_document(bytes, options, &mut report, |doc, report| {
        walk_document(doc, shape, options, report);
    });
    report
}

/// Validates a payload and, when it has no error, builds the typed value from it.
/// Warnings come back with the value; errors come back alone.
pub fn parse_typed<T: Contract + FromTree>(
    bytes: &[u8],
    options: &Options,
) -> Result<(T, Report), Report> {
    let mut report = Report::new();
    let mut value = None;
    with_document(bytes, options, &mut report, |doc, report| {
        walk_document(doc, &T::SHAPE, options, report);
        if !report.has_errors() {
            value = T::from_tree(doc.root(), options.names);
        }
    });
    match value {
        Some(v) if !report.has_errors() => Ok((v, report)),
        _ => Err(report),
    }
}

/// Validates a typed value built in code, through the same walk: it is written as JSON
/// with its canonical names, then read and walked like any payload.
pub fn validate_value<T: Contract>(value: &T) -> Report {
    match serde_json::to_vec(value) {
        Ok(bytes) => validate(&bytes, &T::SHAPE, &Options::default()),
        Err(e) => {
            let mut report = Report::new();
            report.push(Finding {
                severity: Severity::Error,
                rule: Rule::Type,
                pointer: String::new(),
                line: 1,
                column: 1,
                offset: 0,
                message: format!("the value cannot be written as JSON: {e}"),
                help: None,
            });
            report
        }
    }
}

/// Parses `bytes` (and unwraps the envelope when asked), then runs `f` on the document
/// to validate; syntax errors go to `report` instead.
fn with_document(
    bytes: &[u8],
    options: &Options,
    report: &mut Report,
    f: impl FnOnce(&Document, &mut Report),
) {
    let doc = match read_body(bytes, options) {
        Ok(doc) => doc,
        Err(finding) => {
            report.push(finding);
            return;
        }
    };
    if options.envelope {
        match unwrap_envelope(&doc, options.syntax) {
            Some(Ok(inner)) => {
                for finding in envelope_findings(&doc) {
                    report.push_masked(finding);
                }
                return f(&inner, report);
            }
            Some(Err(finding)) => {
                report.push(finding);
                return;
            }
            None => {}
        }
    }
    match doc.trailing_error() {
        None => f(&doc, report),
        Some(finding) => report.push(finding),
    }
}

/// Parses a body as `options` say. Where an envelope may come, content after the first
/// value is kept for [`envelope_findings`] (the server never reads it); the caller calls
/// [`Document::whole`] when the body turns out not to be an envelope.
pub(crate) fn read_body<'a>(bytes: &'a [u8], options: &Options) -> Result<Document<'a>, Finding> {
    if options.envelope {
        reader::parse_first(bytes, options.syntax)
    } else {
        reader::parse(bytes, options.syntax)
    }
}

/// Walks a parsed document against `shape`, adding findings to `report`.
pub fn walk_document(doc: &Document, shape: &Shape, options: &Options, report: &mut Report) {
    let mut walker = Walker {
        doc,
        names: options.names,
        binding: options.binding,
        optional_member: false,
        report,
        pointer: LazyPointer::new(),
    };
    walker.value(doc.root(), shape, false);
}

/// Walks one value of a document (not necessarily its root) against `shape`, with
/// findings' pointers starting at `pointer` (RFC 6901, as the value sits in the document).
pub fn walk_value(
    doc: &Document,
    value: ValueRef,
    shape: &Shape,
    options: &Options,
    pointer: &str,
    report: &mut Report,
) {
    let mut walker = Walker {
        doc,
        names: options.names,
        binding: options.binding,
        optional_member: false,
        report,
        // Masked once here, so only a payload's member names can bring a credential into a
        // finding's pointer (`Walker::unknown_member`).
        pointer: LazyPointer::starting_at(&crate::redact::redact_pointer(pointer)),
    };
    walker.value(value, shape, false);
}

/// The nearest declared name to an unknown member, for its help line: already known, or
/// to be worked out when the report is read.
enum NearName {
    Known(Option<&'static str>),
    Later,
}

struct Walker<'w, 'd> {
    doc: &'w Document<'d>,
    names: NameMatching,
    binding: Binding,
    /// Whether the value walked is an optional member's (set for each member, cleared for
    /// each array item), for [`Binding::null_is_absent`].
    optional_member: bool,
    report: &'w mut Report,
    /// Where the walk is; written out only for a finding.
    pointer: LazyPointer<'w>,
}

/// Objects with at most this many members track presence on the stack.
const INLINE_MEMBERS: usize = 16;

impl<'w> Walker<'w, '_> {
    fn push(
        &mut self,
        severity: Severity,
        rule: Rule,
        pointer: String,
        offset: u32,
        message: String,
        help: impl Into<Help>,
    ) {
        let mut finding = self.doc.finding(severity, rule, pointer, offset, message);
        // Every value and member name in the walk's messages is masked where it is quoted
        // (`push_quoted`, `masked_name`).
        match help.into() {
            Help::Now(help) => {
                finding.help = help;
                self.report.push_masked(finding);
            }
            Help::Later(help) => self.report.push_masked_with_later_help(finding, help),
        }
    }

    fn error(&mut self, rule: Rule, at: ValueRef<'w>, message: String) {
        self.error_with_help(rule, at, message, None);
    }

    /// An error at `at` and the walk's pointer, with a help line.
    fn error_with_help(
        &mut self,
        rule: Rule,
        at: ValueRef<'w>,
        message: String,
        help: impl Into<Help>,
    ) {
        let pointer = self.pointer.render();
        self.push(
            Severity::Error,
            rule,
            pointer,
            at.span().start,
            message,
            help,
        );
    }

    fn value(&mut self, v: ValueRef<'w>, shape: &Shape, secret: bool) {
        match shape {
            Shape::String(desc) => self.string(v, desc, shape, secret),
            Shape::Integer(desc) => self.integer(v, desc, shape, secret),
            Shape::Number(desc) => self.number(v, desc, secret),
            Shape::Boolean => {
                if v.kind() != Kind::Bool {
                    self.mismatch(v, shape, "a boolean", secret);
                }
            }
            Shape::Array(desc) => self.array(v, desc, shape, secret),
            Shape::Enum(desc) => self.enumeration(v, desc(), shape, secret),
            Shape::Object(desc) => self.object(v, desc(), shape),
        }
    }

    /// A value of another type than `shape` wants: read converted where the server
    /// converts it ([`dotnet::convert`]), a `type` error otherwise. Only reached on a
    /// mismatch, so values of the right type pay nothing for it.
    #[cold]
    #[inline(never)]
    fn mismatch(&mut self, v: ValueRef<'w>, shape: &Shape, expected: &str, secret: bool) {
        if self.optional_member && self.binding.null_reads_absent(shape, v) {
            return;
        }
        match self.binding {
            Binding::JsonNet => match dotnet::convert(shape, v) {
                Some(converted) => self.converted(v, shape, &converted, secret),
                None if matches!(shape, Shape::String(_)) && v.kind() == Kind::Number => {
                    // Deliberately refused: the server keeps another text than was written.
                    let mut message = String::with_capacity(160);
                    message.push_str("expected a string, found ");
                    push_description(&mut message, v, secret);
                    message.push_str(": ");
                    message.push_str(dotnet::NUMBER_AS_TEXT);
                    self.error(Rule::Type, v, message);
                }
                None => self.type_error(v, expected, secret),
            },
            Binding::Json => self.type_error(v, expected, secret),
        }
    }

    /// A whole number not written in decimal digits where the server reads an `Int32`: a
    /// hex number (`0xBB8`, lenient syntax) is read as its value ([`dotnet::convert`]),
    /// with a warning that says so; a fraction or an exponent is refused.
    #[cold]
    #[inline(never)]
    fn not_decimal(&mut self, v: ValueRef<'w>, shape: &Shape, secret: bool) {
        match v.is_hex().then(|| dotnet::convert(shape, v)).flatten() {
            Some(converted) => self.converted(v, shape, &converted, secret),
            None => self.int32_error(v, secret),
        }
    }

    /// A value the server converts to the wanted type ([`dotnet::convert`]): a warning
    /// that says what it reads, then the contract's checks on what it reads, located at
    /// the value as written.
    #[cold]
    #[inline(never)]
    fn converted(
        &mut self,
        v: ValueRef<'w>,
        shape: &Shape,
        converted: &serde_json::Value,
        secret: bool,
    ) {
        let text = converted.to_string();
        let (written, read) = if secret {
            ("the value".to_string(), "another type".to_string())
        } else {
            let mut written = String::new();
            push_description(&mut written, v, false);
            (written, text.clone())
        };
        let reads = format!("the server reads {written} as {read}");
        // The contract's checks on what the server reads (a boolean has none). Where they
        // fail, each error says what was read; only where they hold is there a warning.
        let mut found = Report::new();
        if !matches!(shape, Shape::Boolean)
            && let Ok(doc) = reader::parse(text.as_bytes(), Syntax::Strict)
        {
            let mut walker = Walker {
                doc: &doc,
                names: self.names,
                binding: Binding::Json,
                optional_member: false,
                report: &mut found,
                pointer: self.pointer.clone(),
            };
            walker.value(doc.root(), shape, secret);
        }
        if found.has_errors() {
            for f in found.into_sorted() {
                let message = format!("{reads}: {}", f.message);
                let mut finding =
                    self.doc
                        .finding(f.severity, f.rule, f.pointer, v.span().start, message);
                finding.help = f.help;
                self.report.push_masked(finding);
            }
            return;
        }
        let pointer = self.pointer.render();
        let help = (!secret).then(|| format!("write {text}"));
        self.push(
            Severity::Warning,
            Rule::Type,
            pointer,
            v.span().start,
            reads,
            help,
        );
    }

    fn type_error(&mut self, v: ValueRef<'w>, expected: &str, secret: bool) {
        let mut message = String::with_capacity(64);
        message.push_str("expected ");
        message.push_str(expected);
        message.push_str(", found ");
        push_description(&mut message, v, secret);
        self.error(Rule::Type, v, message);
    }

    fn string(&mut self, v: ValueRef<'w>, desc: &StringDesc, shape: &Shape, secret: bool) {
        let Some(s) = v.as_str() else {
            return self.mismatch(v, shape, "a string", secret);
        };
        let shown = || quote(s, secret);
        // A string of n bytes has n/4 to n characters: most are within their bounds
        // without counting.
        let bytes = s.len() as u64;
        let long_enough = desc.min_length.is_none_or(|min| bytes.div_ceil(4) >= min);
        let short_enough = desc.max_length.is_none_or(|max| bytes <= max);
        if !(long_enough && short_enough) {
            let chars = s.chars().count() as u64;
            if let Some(min) = desc.min_length.filter(|m| chars < *m) {
                let message = match chars {
                    0 => format!(
                        "the string is empty; at least {min} character{} needed",
                        plural(min)
                    ),
                    _ => format!(
                        "{} has {chars} character{}, fewer than the minimum {min}",
                        shown(),
                        plural(chars)
                    ),
                };
                self.error(Rule::MinLength, v, message);
            }
            if let Some(max) = desc.max_length.filter(|m| chars > *m) {
                let message = format!(
                    "{} has {chars} characters, more than the maximum {max}",
                    shown()
                );
                self.error(Rule::MaxLength, v, message);
            }
        }
        if let Some(format) = desc.format {
            // A duration is read once, for its format and then its bounds.
            let minutes = match format {
                Format::DurationDhm => formats::duration_minutes(s),
                _ => None,
            };
            // The format is checked once; only a string outside it is read as the server
            // may read it.
            let outside = minutes.is_none() && !format.matches(s);
            let reading = match self.binding {
                Binding::JsonNet if outside => dotnet::reading(format, s),
                _ => None,
            };
            if let Some(reading) = reading {
                if let Some(advice) = reading.advice {
                    let pointer = self.pointer.render();
                    let message = format!("{}: {advice}", shown());
                    self.push(
                        Severity::Warning,
                        Rule::Format,
                        pointer,
                        v.span().start,
                        message,
                        None,
                    );
                }
            } else if outside {
                let message =
                    match formats::dotnet_refusal(s).filter(|_| format == Format::DateTime) {
                        Some(why) => format!("the server refuses {}: {why}", shown()),
                        None => format!("{} is not {}", shown(), format.expectation()),
                    };
                // Where the server may still read it, the help says how (and why not to).
                let help = (self.binding == Binding::JsonNet && format == Format::DateTime)
                    .then(|| dotnet::unread_date_time(s).to_string());
                self.error_with_help(Rule::Format, v, message, help);
            } else if let Some(minutes) = minutes {
                if let Some(min) = desc.min_duration.filter(|m| minutes < *m) {
                    let message = format!(
                        "{} is shorter than the minimum duration {}",
                        shown(),
                        formats::format_duration(min)
                    );
                    self.error(Rule::Minimum, v, message);
                }
                if let Some(max) = desc.max_duration.filter(|m| minutes > *m) {
                    let message = format!(
                        "{} is longer than the maximum duration {}",
                        shown(),
                        formats::format_duration(max)
                    );
                    self.error(Rule::Maximum, v, message);
                }
            }
        }
        if let Some(pattern) = desc.pattern.filter(|p| !p.is_match(s)) {
            let message = format!(
                "{} does not match the pattern `{}`",
                shown(),
                pattern.source
            );
            self.error(Rule::Pattern, v, message);
        }
    }

    fn integer(&mut self, v: ValueRef<'w>, desc: &NumberDesc, shape: &Shape, secret: bool) {
        if v.kind() != Kind::Number {
            return self.mismatch(v, shape, "an integer", secret);
        }
        // Read once for both bounds, with whether it is written in digits only.
        let (exact, digits) = v.integer_reading();
        if !digits
            && self.binding == Binding::JsonNet
            && (exact.is_some() || semantics::is_integral(v))
        {
            return self.not_decimal(v, shape, secret);
        }
        if exact.is_none() && !semantics::is_integral(v) {
            return self.type_error(v, "an integer", secret);
        }
        let order = |bound: Num| semantics::integer_order_of(v, exact, bound);
        let below = desc
            .minimum
            .filter(|m| order(*m) == Some(std::cmp::Ordering::Less));
        let above = desc
            .maximum
            .filter(|m| order(*m) == Some(std::cmp::Ordering::Greater));
        self.bounds(v, below, above, secret);
    }

    /// A whole number written with a fraction or an exponent where the server reads a
    /// 32-bit integer by its text ([`Binding::JsonNet`]).
    #[cold]
    #[inline(never)]
    fn int32_error(&mut self, v: ValueRef<'w>, secret: bool) {
        let written = if secret { "the value" } else { v.raw() };
        // The member the number belongs to (an array's, for an item).
        let tokens = self.pointer.tokens();
        let member = tokens.iter().rev().find_map(|t| match t {
            Token::Key(name) => Some(name.to_string()),
            Token::Index(_) => None,
        });
        let item = matches!(tokens.last(), Some(Token::Index(_)));
        let read_as = match &member {
            Some(name) if item => format!("the items of {name} as 32-bit integers"),
            Some(name) => format!("{name} as a 32-bit integer"),
            None => "this value as a 32-bit integer".to_string(),
        };
        let mut message =
            format!("the server reads {read_as} and refuses {written} (a fraction or an exponent)");
        match v.integer_value() {
            Some(i) if !secret => {
                let _ = write!(message, "; write {i}");
            }
            Some(_) => message.push_str("; write the whole number in digits only"),
            None => {}
        }
        self.error(Rule::Type, v, message);
    }

    fn number(&mut self, v: ValueRef<'w>, desc: &NumberDesc, secret: bool) {
        if v.kind() != Kind::Number {
            return self.type_error(v, "a number", secret);
        }
        let below = desc
            .minimum
            .filter(|m| number_order(v, *m) == Some(std::cmp::Ordering::Less));
        let above = desc
            .maximum
            .filter(|m| number_order(v, *m) == Some(std::cmp::Ordering::Greater));
        self.bounds(v, below, above, secret);
    }

    fn bounds(&mut self, v: ValueRef<'w>, below: Option<Num>, above: Option<Num>, secret: bool) {
        if below.is_none() && above.is_none() {
            return;
        }
        let shown = if secret {
            "the value".to_string()
        } else {
            v.raw().to_string()
        };
        if let Some(min) = below {
            self.error(
                Rule::Minimum,
                v,
                format!("{shown} is less than the minimum {}", num_text(min)),
            );
        }
        if let Some(max) = above {
            self.error(
                Rule::Maximum,
                v,
                format!("{shown} is greater than the maximum {}", num_text(max)),
            );
        }
    }

    fn array(&mut self, v: ValueRef<'w>, desc: &ArrayDesc, shape: &Shape, secret: bool) {
        if v.kind() != Kind::Array {
            return self.mismatch(v, shape, "an array", secret);
        }
        let n = v.len() as u64;
        if let Some(min) = desc.min_items.filter(|m| n < *m) {
            let message = match n {
                0 => format!(
                    "the array is empty; at least {min} item{} needed",
                    plural(min)
                ),
                _ => format!(
                    "the array has {n} item{}, fewer than the minimum {min}",
                    plural(n)
                ),
            };
            self.error(Rule::MinItems, v, message);
        }
        if let Some(max) = desc.max_items.filter(|m| n > *m) {
            self.error(
                Rule::MaxItems,
                v,
                format!("the array has {n} items, more than the maximum {max}"),
            );
        }
        if desc.unique_items {
            let items: Vec<ValueRef> = v.items().collect();
            'outer: for (j, b) in items.iter().enumerate() {
                for (i, a) in items[..j].iter().enumerate() {
                    if json_eq(*a, *b) {
                        self.error(
                            Rule::UniqueItems,
                            v,
                            format!("items {i} and {j} are equal; items must be unique"),
                        );
                        break 'outer;
                    }
                }
            }
        }
        for (i, item) in v.items().enumerate() {
            let mark = self.pointer.push_index(i);
            self.optional_member = false;
            self.value(item, desc.items, secret);
            self.pointer.truncate(mark);
        }
    }

    fn enumeration(
        &mut self,
        v: ValueRef<'w>,
        desc: &'static EnumDesc,
        shape: &Shape,
        secret: bool,
    ) {
        // "\"A\", \"B\" or \"C\"", "1 (One) or 2 (Two)": written in place, one allocation.
        let allowed = || {
            let mut out = String::with_capacity(desc.values.len() * 16);
            let last = desc.values.len().saturating_sub(1);
            for (i, e) in desc.values.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i == last { " or " } else { ", " });
                }
                match (e.value, e.label.or(Some(e.name))) {
                    (Lit::Int(n), Some(label)) => {
                        let _ = write!(out, "{n} ({label})");
                    }
                    (Lit::Str(text), _) => {
                        out.push('"');
                        out.push_str(text);
                        out.push('"');
                    }
                    (value, _) => out.push_str(&lit_text(value)),
                }
            }
            out
        };
        match desc.base {
            EnumBase::String => {
                let Some(s) = v.as_str() else {
                    return self.type_error(v, "a string", secret);
                };
                if !desc
                    .values
                    .iter()
                    .any(|e| matches!(e.value, Lit::Str(w) if w == s))
                {
                    let mut message = quote(s, secret);
                    message.push_str(" is not a valid ");
                    message.push_str(desc.name);
                    message.push_str(": expected ");
                    message.push_str(&allowed());
                    // A secret value gets no suggestion (it would echo the value back).
                    if secret {
                        self.error(Rule::Enum, v, message);
                    } else {
                        let credential = crate::redact::may_hold_credentials(s);
                        let help = DidYouMean::help(s, Candidates::Values(desc), credential);
                        self.error_with_help(Rule::Enum, v, message, help);
                    }
                }
            }
            EnumBase::Integer => {
                if v.kind() != Kind::Number {
                    return self.mismatch(v, shape, "an integer", secret);
                }
                if self.binding.refuses_integer(v) {
                    return self.not_decimal(v, shape, secret);
                }
                let known = v.integer_value().is_some_and(|i| {
                    desc.values
                        .iter()
                        .any(|e| matches!(e.value, Lit::Int(x) if i128::from(x) == i))
                });
                if !known {
                    let shown = if secret {
                        "the value".to_string()
                    } else {
                        v.raw().to_string()
                    };
                    self.error(
                        Rule::Enum,
                        v,
                        format!(
                            "{shown} is not a valid {}: expected {}",
                            desc.name,
                            allowed()
                        ),
                    );
                }
            }
        }
    }

    fn object(&mut self, v: ValueRef<'w>, desc: &'static ObjectDesc, shape: &Shape) {
        if v.kind() != Kind::Object {
            return self.mismatch(v, shape, "an object", false);
        }
        let mut inline = [None; INLINE_MEMBERS];
        let mut heap = Vec::new();
        let seen: &mut [Option<(ValueRef, &str)>] = if desc.members.len() <= INLINE_MEMBERS {
            &mut inline[..desc.members.len()]
        } else {
            heap.resize(desc.members.len(), None);
            &mut heap
        };
        // Unknown members that may be a misspelt required member not seen yet: (pointer,
        // offset, name, that member), reported when every member is seen.
        let mut misspellings: Vec<(String, u32, &str, &'static str)> = Vec::new();
        // Where the last member was found: members mostly come in the spec's order.
        let mut next = 0;
        for m in v.members() {
            // Exact spelling first: the common case even where names are case-insensitive.
            let index = exact_member(desc, m.name, next).or_else(|| {
                desc.members
                    .iter()
                    .position(|d| self.names.matches(m.name, d.name))
            });
            let mark = self.pointer.push_key(m.name);
            if let Some(i) = index {
                next = i + 1;
            }
            match index {
                Some(i) => match seen[i] {
                    Some((first, first_name)) => {
                        let (line, column) = self.doc.line_col(first.span().start);
                        let (name, first_name) = (masked_name(m.name), masked_name(first_name));
                        let message = if first_name == name {
                            format!(
                                "member `{name}` is given twice (first at line {line}, column {column})"
                            )
                        } else {
                            format!(
                                "member `{name}` is the same as `{first_name}` (first at line {line}, column {column}): this API matches member names case-insensitively"
                            )
                        };
                        let pointer = self.pointer.render();
                        self.push(
                            Severity::Error,
                            Rule::DuplicateKey,
                            pointer,
                            m.name_span.start,
                            message,
                            Some("keep one of the two".into()),
                        );
                    }
                    None => {
                        seen[i] = Some((m.value, m.name));
                        let member = &desc.members[i];
                        // A null there is read in `mismatch`, off the hot path.
                        self.optional_member = !member.required;
                        self.value(m.value, &member.shape, member.secret);
                    }
                },
                None => {
                    let pointer = self.pointer.render();
                    // A misspelt required member is one finding, not an unknown one plus a
                    // missing one: whether it is missing is known at the end. Only a
                    // required member not seen yet can be one, so the nearest name is
                    // looked for now only when one of those may be near enough.
                    let unseen_required = desc
                        .members
                        .iter()
                        .zip(seen.iter())
                        .filter(|(d, s)| d.required && s.is_none())
                        .map(|(d, _)| d.name);
                    let nearest = Nearest::new(m.name);
                    if desc.unknown == Unknown::Reject && nearest.may_pick(unseen_required) {
                        let near = nearest.pick(desc.members.iter().map(|d| d.name));
                        let required_unseen = near.and_then(|n| {
                            let i = desc.member_index(n)?;
                            (desc.members[i].required && seen[i].is_none())
                                .then_some(desc.members[i].name)
                        });
                        match required_unseen {
                            Some(n) => misspellings.push((pointer, m.name_span.start, m.name, n)),
                            None => {
                                let (at, near) = (m.name_span.start, NearName::Known(near));
                                self.unknown_member(desc, pointer, at, m.name, near);
                            }
                        }
                    } else {
                        let at = m.name_span.start;
                        self.unknown_member(desc, pointer, at, m.name, NearName::Later);
                    }
                }
            }
            self.pointer.truncate(mark);
        }
        let mut misspelt: Vec<&str> = Vec::new();
        for (pointer, offset, name, n) in misspellings {
            let still_missing = desc
                .members
                .iter()
                .zip(seen.iter())
                .any(|(d, s)| d.name == n && s.is_none());
            if !still_missing {
                self.unknown_member(desc, pointer, offset, name, NearName::Known(Some(n)));
                continue;
            }
            misspelt.push(n);
            let name = masked_name(name);
            let message = format!(
                "`{name}` is not a member of {}; did you mean `{n}`, which is required?",
                desc.name
            );
            let help = format!("rename `{name}` to `{n}`");
            let pointer = masked_pointer(pointer);
            self.push(
                Severity::Error,
                Rule::UnknownField,
                pointer,
                offset,
                message,
                Some(help),
            );
        }
        let at = v.span().start;
        for (i, member) in desc.members.iter().enumerate() {
            if member.required && seen[i].is_none() && !misspelt.contains(&member.name) {
                let pointer = self.pointer.render_child(member.name);
                let message = format!("missing required member `{}` of {}", member.name, desc.name);
                self.push(Severity::Error, Rule::Required, pointer, at, message, None);
            }
        }
        let ctx = Presence {
            desc,
            seen,
            binding: self.binding,
        };
        for rule in desc.rules {
            self.rule(&ctx, rule, v);
        }
        for advice in desc.advice {
            if ctx.all(advice.when) {
                let (pointer, offset) = match advice.at {
                    Some(i) => self.member_location(&ctx, i, at),
                    None => (self.pointer.render(), at),
                };
                self.push(
                    Severity::Warning,
                    Rule::Advice(advice.code.into()),
                    pointer,
                    offset,
                    advice.message.to_string(),
                    advice.help.map(str::to_string),
                );
            }
        }
    }

    /// A member's pointer and position: as written when present, else where it would be.
    fn member_location(&mut self, ctx: &Presence, index: usize, object_at: u32) -> (String, u32) {
        let (name, offset) = match ctx.seen.get(index).copied().flatten() {
            Some((value, written)) => (written, value.span().start),
            None => (
                ctx.desc.members.get(index).map_or("", |m| m.name),
                object_at,
            ),
        };
        (self.pointer.render_child(name), offset)
    }

    /// `unknown member `x` in Type` (an error in requests, a warning in responses), with
    /// the nearest declared name as a hint.
    fn unknown_member(
        &mut self,
        desc: &'static ObjectDesc,
        pointer: String,
        offset: u32,
        written: &str,
        near: NearName,
    ) {
        let severity = match desc.unknown {
            Unknown::Reject => Severity::Error,
            Unknown::Warn => Severity::Warning,
        };
        let name = masked_name(written);
        // The most common finding: its text is put together without `fmt`.
        let message = ["unknown member `", &name, "` in ", desc.name].concat();
        // The name is the pointer's last token, and the only one from the payload rather
        // than the contract: the pointer needs masking only when the name did.
        let masked = matches!(name, Cow::Owned(_));
        let pointer = if masked {
            masked_pointer(pointer)
        } else {
            pointer
        };
        let help = match near {
            NearName::Known(near) => near.map(member_help).into(),
            NearName::Later => DidYouMean::help(written, Candidates::Members(desc), masked),
        };
        self.push(severity, Rule::UnknownField, pointer, offset, message, help);
    }

    fn rule(&mut self, ctx: &Presence, rule: &RuleDesc, object: ValueRef<'w>) {
        let at = object.span().start;
        let name = |i: usize| ctx.desc.members.get(i).map_or("?", |m| m.name);
        let names = |members: &[usize]| {
            let names: Vec<String> = members.iter().map(|&i| format!("`{}`", name(i))).collect();
            list(&names)
        };
        // "`a` and `b`": the members that count when too many do.
        let both = |members: &[usize]| {
            let names: Vec<String> = members.iter().map(|&i| format!("`{}`", name(i))).collect();
            match names.split_last() {
                Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => names.join(""),
            }
        };
        // The object's pointer, rendered only for a finding.
        let here = |walker: &Self| walker.pointer.render();
        match rule {
            RuleDesc::ExactlyOneOf { members, count }
            | RuleDesc::AtLeastOneOf { members, count } => {
                let counting: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| ctx.counts(i, *count))
                    .collect();
                let what = match count {
                    Count::Present => "given",
                    Count::NonEmpty => "given and non-empty",
                };
                let exactly = matches!(rule, RuleDesc::ExactlyOneOf { .. });
                let message = match (exactly, counting.len()) {
                    (_, 0) => Some(format!(
                        "{} one of {} must be {what}, but none is",
                        if exactly { "exactly" } else { "at least" },
                        names(members)
                    )),
                    (true, 1) | (false, _) => None,
                    (true, 2) => Some(format!(
                        "only one of {} may be {what}, but both {} are",
                        names(members),
                        both(&counting)
                    )),
                    (true, _) => Some(format!(
                        "only one of {} may be {what}, but {} all are",
                        names(members),
                        both(&counting)
                    )),
                };
                if let Some(message) = message {
                    let code = if exactly {
                        Rule::ExactlyOneOf
                    } else {
                        Rule::AtLeastOneOf
                    };
                    self.push(Severity::Error, code, here(self), at, message, None);
                }
            }
            RuleDesc::Requires {
                when,
                then,
                message,
            } => {
                if ctx.all(when) && !ctx.all(then) {
                    // About one member: point at it. About several: at the object.
                    let first = when.first().map(|t| t.member);
                    let single =
                        first.filter(|m| when.iter().chain(then.iter()).all(|t| t.member == *m));
                    let (pointer, offset) = match single {
                        Some(i) => self.member_location(ctx, i, at),
                        None => (here(self), at),
                    };
                    self.push(
                        Severity::Error,
                        Rule::Requires,
                        pointer,
                        offset,
                        message.to_string(),
                        None,
                    );
                }
            }
            RuleDesc::RangeOrder { low, high, order } => {
                let seen = |i: usize| ctx.seen.get(i).copied().flatten();
                let (Some((lo, _)), Some((hi, _))) = (seen(*low), seen(*high)) else {
                    return;
                };
                let backwards =
                    semantics::compare(*order, lo, hi) == Some(std::cmp::Ordering::Greater);
                if backwards {
                    let (l, h) = (name(*low), name(*high));
                    let message = format!("`{l}` ({}) comes after `{h}` ({})", lo.raw(), hi.raw());
                    self.push(
                        Severity::Error,
                        Rule::RangeOrder,
                        here(self),
                        at,
                        message,
                        Some(format!("swap `{l}` and `{h}`")),
                    );
                }
            }
        }
    }
}

/// What an object's members are, for rules and advice: the first occurrence of each.
struct Presence<'p, 'd> {
    desc: &'static ObjectDesc,
    seen: &'p [Option<(ValueRef<'d>, &'d str)>],
    binding: Binding,
}

impl<'p, 'd> Presence<'p, 'd> {
    /// Member `i`'s value (its first occurrence), `None` when absent, or when it is a
    /// `null` the server reads as absence ([`Binding::null_is_absent`]).
    fn member(&self, i: usize) -> Option<ValueRef<'d>> {
        let (v, _) = self.seen.get(i).copied().flatten()?;
        let member = self.desc.members.get(i)?;
        (!self.binding.null_is_absent(member, v)).then_some(v)
    }

    fn counts(&self, i: usize, count: Count) -> bool {
        semantics::counts(self.member(i), count)
    }

    fn all(&self, tests: &[TestDesc]) -> bool {
        semantics::holds_all(self.desc, |i| self.member(i), tests)
    }
}

fn num_text(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => f.to_string(),
    }
}

fn lit_text(l: Lit) -> String {
    match l {
        Lit::Null => "null".into(),
        Lit::Bool(b) => b.to_string(),
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => f.to_string(),
        Lit::Str(s) => format!("\"{s}\""),
    }
}

/// A string value for a message: quoted and shortened, or not shown at all when secret.
fn quote(s: &str, secret: bool) -> String {
    if secret {
        return "the value".into();
    }
    let mut out = String::new();
    push_quoted(&mut out, s);
    out
}

/// Appends `s` quoted, escaped as Rust's `escape_debug` does and cut after 60 characters
/// (with `…`). Findings on the invalid path quote values often, so this writes in place.
/// Credentials are masked before the cut, which could otherwise leave a URL's password
/// without the `@` that marks it.
fn push_quoted(out: &mut String, s: &str) {
    const MAX: usize = 60;
    let s = &*crate::redact::redact(s);
    out.reserve(s.len().min(MAX * 4) + 5);
    out.push('"');
    for (count, c) in s.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        match c {
            ' '..='~' if !matches!(c, '"' | '\'' | '\\') => out.push(c),
            _ => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
}

/// The pointer of an unknown member, the only kind that ends in a name from the payload
/// rather than the contract: a member named by a URL puts its credentials there, escaped.
fn masked_pointer(pointer: String) -> String {
    match crate::redact::redact_pointer(&pointer) {
        std::borrow::Cow::Owned(masked) => masked,
        std::borrow::Cow::Borrowed(_) => pointer,
    }
}

/// A member name from the payload, as a message quotes it: credentials masked.
fn masked_name(name: &str) -> std::borrow::Cow<'_, str> {
    crate::redact::redact(name)
}

/// The index of the member of `desc` spelt exactly `name`, looked for from `from` on
/// first (the member after the last one found) and compared by length and first byte
/// before the bytes, as this runs for every member of every object.
#[inline]
fn exact_member(desc: &ObjectDesc, name: &str, from: usize) -> Option<usize> {
    let same = |d: &MemberDesc| {
        let (a, b) = (d.name.as_bytes(), name.as_bytes());
        a.len() == b.len() && a.first() == b.first() && a == b
    };
    let members = desc.members;
    let (earlier, later) = members.split_at(from.min(members.len()));
    later
        .iter()
        .position(same)
        .map(|i| i + earlier.len())
        .or_else(|| earlier.iter().position(same))
}

/// "a string \"x\"", "the number 5", "an object": what was found instead, appended.
fn push_description(out: &mut String, v: ValueRef, secret: bool) {
    match v.kind() {
        Kind::Null => out.push_str("null"),
        Kind::Bool if secret => out.push_str("a boolean"),
        Kind::Bool => out.push_str(v.raw()),
        Kind::Number if secret => out.push_str("a number"),
        Kind::Number => {
            out.push_str("the number ");
            out.push_str(v.raw());
        }
        Kind::String if secret => out.push_str("a string"),
        Kind::String => {
            out.push_str("the string ");
            push_quoted(out, v.as_str().unwrap_or(""));
        }
        Kind::Array => out.push_str("an array"),
        Kind::Object => out.push_str("an object"),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "`a`, `b` or `c`".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    proptest::proptest! {
        /// Quoting in place gives what quoting by definition gives: the first 60 characters,
        /// each escaped with `char::escape_debug`, then `…` when there were more.
        #[test]
        fn quote_is_escape_debug_cut_at_60(s in "(\\PC|[\"'\\\\\t\n\u{0}\u{301}é€]|ftp://u:p@|Bearer ){0,80}") {
            let shown = crate::redact::redact(&s);
            let mut expected: String = shown.chars().take(60).flat_map(char::escape_debug).collect();
            if shown.chars().count() > 60 {
                expected.push('…');
            }
            proptest::prop_assert_eq!(quote(&s, false), format!("\"{expected}\""));
            proptest::prop_assert_eq!(quote(&s, true), "the value");
        }
    }
}
