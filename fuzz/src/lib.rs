//! Invariants the fuzz targets check on every input, beyond "no panic".
//!
//! A fuzzer only notices what crashes, so each check here turns a silent wrong answer
//! (a span outside its text, a position that points elsewhere, a validator and a typed
//! model that disagree) into a panic with a message that says which promise broke. The
//! checks are cheap: linear in the document, apart from a few positions recomputed by a
//! full scan.

use vendorspec::runtime::endpoint::{self, BodyKind, EndpointDesc, Presence};
use vendorspec::runtime::reader::line_col_in;
use vendorspec::runtime::walk::{self, Options};
use vendorspec::runtime::{
    Contract, Document, Finding, FromTree, Kind, MAX_DEPTH, Report, Rule, Shape,
};

/// How many positions per document are recomputed by a full scan ([`line_col_in`]) and
/// compared with the document's line index: enough to catch an off-by-one, cheap on long
/// inputs.
const POSITION_SAMPLES: usize = 16;

/// Checks a parsed document: every span inside the text and on character boundaries,
/// children inside their parent and in order, names before their values, counts that agree
/// with what iteration yields, nesting within [`MAX_DEPTH`], numbers read consistently,
/// and line and column equal to a plain scan of the file.
pub fn check_document(doc: &Document<'_>) {
    let text = doc.text();
    let mut stack = vec![(doc.root(), 1usize)];
    let mut visited = 0usize;
    let mut samples = 0usize;
    while let Some((value, depth)) = stack.pop() {
        visited += 1;
        let span = value.span();
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(
            start < end && end <= text.len(),
            "span {span:?} outside 0..{}",
            text.len()
        );
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(value.raw(), &text[start..end]);
        if samples < POSITION_SAMPLES {
            samples += 1;
            check_position(doc, span.start);
            check_position(doc, span.end);
        }
        match value.kind() {
            Kind::Number => check_number(value),
            Kind::String => assert!(value.as_str().is_some()),
            Kind::Array | Kind::Object => {
                assert!(
                    depth <= MAX_DEPTH,
                    "nesting {depth} deeper than {MAX_DEPTH}"
                );
            }
            Kind::Null | Kind::Bool => {}
        }
        let mut previous_end = start;
        let mut children = 0usize;
        for item in value.items() {
            let s = item.span();
            assert!(s.start as usize > previous_end && (s.end as usize) < end);
            previous_end = s.end as usize;
            children += 1;
            stack.push((item, depth + 1));
        }
        for member in value.members() {
            let (name, s) = (member.name_span, member.value.span());
            assert!(name.start as usize > previous_end && name.end <= s.start);
            assert!((s.end as usize) < end);
            previous_end = s.end as usize;
            children += 1;
            visited += 1; // the member name is a node of its own
            stack.push((member.value, depth + 1));
        }
        assert_eq!(children, value.len(), "len() disagrees with iteration");
        assert_eq!(value.items().len() + value.members().len(), value.len());
    }
    assert_eq!(visited, doc.node_count(), "nodes unreachable from the root");
}

/// The number accessors agree with each other: an `i64` or `u64` reading is the exact
/// integer value, and none of them panics on any lexeme.
fn check_number(value: vendorspec::runtime::ValueRef<'_>) {
    let exact = value.integer_value();
    if let Some(i) = value.as_i64() {
        assert_eq!(
            exact,
            Some(i128::from(i)),
            "as_i64 vs integer_value of {}",
            value.raw()
        );
    }
    if let Some(u) = value.as_u64() {
        assert_eq!(
            exact,
            Some(i128::from(u)),
            "as_u64 vs integer_value of {}",
            value.raw()
        );
    }
    if let Some(f) = value.as_f64() {
        assert!(f.is_finite());
    }
}

/// A position in the document's text maps into the file, and the document's line index
/// gives the same line and column as scanning the file from the start.
pub fn check_position(doc: &Document<'_>, offset: u32) {
    let file = doc.file().as_bytes();
    let in_file = doc.file_offset(offset) as usize;
    assert!(
        in_file <= file.len(),
        "offset {offset} maps to {in_file}, past the file"
    );
    assert_eq!(
        doc.line_col(offset),
        line_col_in(file, in_file),
        "at offset {offset}"
    );
}

/// A syntax error from parsing `input`: a `syntax` error inside the input, located where a
/// plain scan locates its offset, with a well-formed pointer.
pub fn check_syntax_error(input: &[u8], finding: &Finding) {
    assert_eq!(finding.rule, Rule::Syntax);
    check_finding(input, finding);
}

/// Any finding about `input`: inside it, line and column consistent with the offset, an
/// RFC 6901 pointer, a message.
pub fn check_finding(input: &[u8], finding: &Finding) {
    let offset = finding.offset as usize;
    assert!(offset <= input.len(), "finding past the input: {finding}");
    assert_eq!(
        (finding.line, finding.column),
        line_col_in(input, offset),
        "{finding}"
    );
    assert!(
        finding.pointer.is_empty() || finding.pointer.starts_with('/'),
        "{finding}"
    );
    assert!(!finding.message.is_empty());
}

/// The typed models of one endpoint's bodies; see [`TYPED`].
pub struct Typed {
    /// The endpoint's id.
    pub id: &'static str,
    /// Checks the request body against its typed model, when the endpoint has one.
    pub request: Option<fn(&EndpointDesc, &[u8])>,
    /// Checks a documented response body against its typed model, by status.
    pub response: Option<fn(&EndpointDesc, u16, &[u8])>,
}

/// The generated model of each endpoint's bodies. The registry (`vendorspec::ENDPOINTS`)
/// knows shapes, not Rust types, so this one table is written by hand; the `bodies` target
/// panics on its first input when an endpoint is missing here or a type does not match the
/// endpoint's shape, so a new endpoint cannot go unfuzzed.
pub static TYPED: &[Typed] = {
    use vendorspec::cylance_admin_v2 as admin;
    use vendorspec::cylance_protect_v2 as protect;
    use vendorspec::ivanti_es_v2 as ivanti;
    &[
        Typed {
            id: "provision_tenant",
            request: Some(request::<admin::TenantProvision>),
            response: None,
        },
        Typed {
            id: "create_package_execution",
            request: Some(request::<protect::CreatePackageExecutionRequest>),
            response: Some(response::<protect::PackageExecutionResource>),
        },
        Typed {
            id: "delete_package_execution",
            request: None,
            response: Some(response::<protect::PackageExecutionResource>),
        },
        Typed {
            id: "lockdown_device",
            request: Some(request::<protect::LockdownRequest>),
            response: Some(response::<protect::LockdownDevice>),
        },
        Typed {
            id: "create_job",
            request: Some(request::<ivanti::Job>),
            response: None,
        },
        Typed {
            id: "create_deployment_group",
            request: Some(request::<ivanti::DeploymentGroup>),
            response: None,
        },
    ]
};

/// The request body: the validator and the typed model agree (a payload without errors
/// builds the model, and both report the same findings), and the model round-trips.
fn request<T: Contract + FromTree + PartialEq>(endpoint: &EndpointDesc, data: &[u8]) {
    let shape = endpoint
        .request
        .as_ref()
        .expect("the table says there is a request");
    assert_same_type::<T>(shape, endpoint.id);
    let report = endpoint
        .validate(BodyKind::Request, data)
        .expect("a request body");
    check_report(data, &report);
    if no_body(endpoint, BodyKind::Request, data, &report) {
        return;
    }
    let options = endpoint.api.request_options();
    match walk::parse_typed::<T>(data, &options) {
        Ok((value, warnings)) => {
            assert!(!report.has_errors());
            assert_eq!(warnings, report, "typed parse and validate disagree");
            round_trip(&value, endpoint.id, &options);
            let normalized = vendorspec::runtime::normalize::normalize(data, shape, &options);
            assert!(normalized.is_ok(), "a valid payload does not normalize");
        }
        Err(errors) => {
            assert!(
                report.has_errors(),
                "{}: the validator accepts a request the typed model cannot be built from",
                endpoint.id
            );
            assert_eq!(errors, report, "typed parse and validate disagree");
        }
    }
}

/// A response body for `status`: as for [`request`], through `parse_response`, which also
/// reads the wrapped variant.
fn response<T: Contract + FromTree + PartialEq>(endpoint: &EndpointDesc, status: u16, data: &[u8]) {
    let body = endpoint
        .response(Some(status))
        .and_then(|r| r.body.as_ref());
    assert_same_type::<T>(body.expect("the table says there is a body"), endpoint.id);
    let report = endpoint
        .validate(BodyKind::Response(Some(status)), data)
        .expect("a documented response");
    check_report(data, &report);
    match endpoint.parse_response::<T>(Some(status), data) {
        Ok((value, warnings)) => {
            assert!(!report.has_errors());
            assert_eq!(warnings, report, "parse_response and validate disagree");
            match value {
                Some(value) => round_trip(&value, endpoint.id, &endpoint.api.response_options()),
                None => assert!(endpoint::is_blank(data), "no body read from a body"),
            }
        }
        Err(errors) => {
            assert!(
                report.has_errors(),
                "{}: the validator accepts a {status} response the typed model cannot be \
                 built from",
                endpoint.id
            );
            assert_eq!(errors, report, "parse_response and validate disagree");
        }
    }
}

/// A blank payload is "no body", not a document for the typed model: valid where the
/// body may be left out, one `required` finding at the root where it may not. Whether
/// `data` was blank.
fn no_body(endpoint: &EndpointDesc, kind: BodyKind, data: &[u8], report: &Report) -> bool {
    if !endpoint::is_blank(data) {
        return false;
    }
    let findings = report.clone().into_sorted();
    match endpoint.presence(kind) {
        Some(Presence::Optional) => assert!(findings.is_empty(), "{}: {findings:?}", endpoint.id),
        _ => assert!(
            matches!(&findings[..], [f] if f.rule == Rule::Required && f.pointer.is_empty()),
            "{}: {findings:?}",
            endpoint.id
        ),
    }
    true
}

/// Every finding of a report is about `data` (see [`check_finding`]).
pub fn check_report(data: &[u8], report: &Report) {
    for finding in report.clone().into_sorted() {
        check_finding(data, &finding);
    }
}

/// A typed value written as JSON (canonical names, strict syntax) reads back as itself,
/// read as the API reads its bodies (a model built from a date-time without an offset,
/// which the Ivanti server reads, holds it as written).
fn round_trip<T: Contract + FromTree + PartialEq>(value: &T, id: &str, options: &Options) {
    let json = serde_json::to_vec(value).expect("a model serializes");
    match walk::parse_typed::<T>(&json, options) {
        Ok((again, _)) => assert!(
            again == *value,
            "{id}: the model changes through JSON: {}",
            String::from_utf8_lossy(&json)
        ),
        Err(report) => panic!(
            "{id}: the model's own JSON is invalid: {} -> {:?}",
            String::from_utf8_lossy(&json),
            report.into_sorted()
        ),
    }
}

/// Guards [`TYPED`] against a type that is not the endpoint's.
fn assert_same_type<T: Contract>(shape: &Shape, id: &str) {
    let name = |s: &Shape| match s {
        Shape::Object(f) => f().name,
        Shape::Enum(f) => f().name,
        other => other.json_type(),
    };
    assert_eq!(
        name(&T::SHAPE),
        name(shape),
        "TYPED has the wrong type for `{id}`"
    );
}

/// The strict reader accepts exactly what `serde_json` accepts, with the same tree; both
/// refuse lone surrogates. Three known differences are allowed: a leading byte-order mark
/// (the reader skips it, as RFC 8259 permits); numbers too large for `f64` (the reader
/// keeps the lexeme, `serde_json` refuses them without its `arbitrary_precision` feature);
/// and nesting exactly [`MAX_DEPTH`] deep, which the reader accepts while `serde_json`'s
/// limit of 128 already refuses it (it accepts 127 levels).
pub fn check_strict_against_serde_json(input: &[u8], strict: &Result<Document<'_>, Finding>) {
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    match (strict, serde_json::from_slice::<serde_json::Value>(body)) {
        (Ok(doc), Ok(value)) => same_tree(doc.root(), &value),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
        (Ok(doc), Err(e)) if e.to_string().starts_with("recursion limit exceeded") => {
            assert_eq!(
                depth(doc),
                MAX_DEPTH,
                "serde_json's limit is one level short of ours"
            );
        }
        (Ok(_), Err(e)) => panic!("the strict reader accepts what serde_json refuses: {e}"),
        (Err(f), Ok(_)) => panic!("the strict reader refuses what serde_json accepts: {f}"),
    }
}

/// How many arrays and objects deep the document nests.
fn depth(doc: &Document<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0)];
    while let Some((value, depth)) = stack.pop() {
        if matches!(value.kind(), Kind::Array | Kind::Object) {
            deepest = deepest.max(depth + 1);
            stack.extend(value.items().map(|v| (v, depth + 1)));
            stack.extend(value.members().map(|m| (m.value, depth + 1)));
        }
    }
    deepest
}

/// Compares a reader value with `serde_json`'s (which keeps the last of duplicate members).
fn same_tree(ours: vendorspec::runtime::ValueRef<'_>, theirs: &serde_json::Value) {
    use serde_json::Value;
    match (ours.kind(), theirs) {
        (Kind::Null, Value::Null) => {}
        (Kind::Bool, Value::Bool(b)) => assert_eq!(ours.as_bool(), Some(*b)),
        (Kind::Number, Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                assert_eq!(ours.as_i64(), Some(i), "{}", ours.raw());
            }
            if let Some(u) = n.as_u64() {
                assert_eq!(ours.as_u64(), Some(u), "{}", ours.raw());
            }
        }
        (Kind::String, Value::String(s)) => assert_eq!(ours.as_str(), Some(s.as_str())),
        (Kind::Array, Value::Array(items)) => {
            assert_eq!(ours.len(), items.len());
            for (a, b) in ours.items().zip(items) {
                same_tree(a, b);
            }
        }
        (Kind::Object, Value::Object(map)) => {
            let mut last = std::collections::HashMap::new();
            for member in ours.members() {
                last.insert(member.name, member.value);
            }
            assert_eq!(last.len(), map.len(), "distinct member names");
            for (name, value) in map {
                same_tree(last[name.as_str()], value);
            }
        }
        (kind, value) => panic!("the reader reads {kind:?} where serde_json reads {value}"),
    }
}

/// Unwraps `doc` as the envelope code does and checks the outcome: it unwraps exactly the
/// documents that are one `value` member (any case) holding a string; the content is that
/// string, unescaped; every position maps into the file, in order, onto the same byte or
/// onto the backslash of the escape that produced it; an envelope is unwrapped once; a
/// syntax error inside is located inside the string.
pub fn check_envelope(doc: &Document<'_>, syntax: vendorspec::runtime::Syntax) {
    let root = doc.root();
    // The last member named `value` (any case) holding a string: alone, or holding a
    // document (the server's formatter ignores the other members).
    let member = root
        .members()
        .filter(|m| m.name.eq_ignore_ascii_case("value"))
        .last()
        .filter(|m| m.value.kind() == Kind::String)
        .filter(|m| {
            root.len() == 1
                || m.value.as_str().is_some_and(|s| {
                    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                        .starts_with(['{', '['])
                })
        });
    let result = vendorspec::runtime::unwrap_envelope(doc, syntax);
    assert_eq!(
        result.is_some(),
        member.is_some(),
        "which documents are envelopes"
    );
    let (Some(result), Some(member)) = (result, member) else {
        return;
    };
    // Every other member is reported, each as an error.
    let findings = vendorspec::runtime::envelope::envelope_findings(doc);
    assert_eq!(findings.len(), root.len() - 1, "{findings:?}");
    for finding in &findings {
        check_finding(doc.file().as_bytes(), finding);
    }
    let string = member.value.span();
    match result {
        Ok(inner) => {
            assert!(inner.is_enveloped());
            assert_eq!(
                Some(inner.text()),
                member.value.as_str(),
                "the content is the string"
            );
            assert!(vendorspec::runtime::unwrap_envelope(&inner, syntax).is_none());
            check_document(&inner);
            check_offset_map(&inner, string.start, string.end);
        }
        Err(finding) => {
            check_syntax_error(doc.file().as_bytes(), &finding);
            assert!(
                (string.start..string.end).contains(&finding.offset),
                "{finding} is outside the string at {string:?}"
            );
        }
    }
}

/// Every offset of the unescaped content maps into the string `[open, close]` in the
/// file, never backwards, onto the same byte or onto an escape's backslash.
fn check_offset_map(inner: &Document<'_>, open: u32, close: u32) {
    let (text, file) = (inner.text().as_bytes(), inner.file().as_bytes());
    let mut previous = open;
    for offset in 0..=text.len() {
        let mapped = inner.file_offset(offset as u32);
        assert!(
            mapped > open && mapped < close,
            "{offset} maps to {mapped}, outside the string"
        );
        assert!(mapped >= previous, "{offset} maps backwards");
        previous = mapped;
        if let Some(&byte) = text.get(offset) {
            let there = file[mapped as usize];
            assert!(
                there == byte || there == b'\\',
                "{offset} maps onto another byte"
            );
        }
    }
}
