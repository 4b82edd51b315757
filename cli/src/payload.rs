//! Reading one payload file and validating it: JSON as is, YAML through a JSON rendering
//! whose findings are mapped back to the YAML's lines and columns.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use vendorspec::runtime::effective::{self, Explained};
use vendorspec::runtime::endpoint::{self, BodyKind, EndpointDesc};
use vendorspec::runtime::finding::{Finding, Rule, Severity};
use vendorspec::runtime::normalize::normalize;
use vendorspec::runtime::reader::Syntax;
use vendorspec_model::diag::{Loc, Sink};
use vendorspec_model::yaml::{self, Node, NodeKind};

use crate::source::Source;

/// Files larger than this are refused unread: the reader keeps the whole document and its
/// tree in memory, so the limit bounds memory (about 4× the file at most).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a path is a YAML payload (by extension); everything else is read as JSON.
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

/// Whether a path is a JSON5 payload (by extension): read leniently (comments, unquoted
/// names, trailing commas) whatever the API's own syntax, as YAML files are.
pub fn is_json5(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json5"))
}

/// The findings of one file, and its text when there is something to quote.
pub struct Checked {
    pub findings: Vec<Finding>,
    pub source: Option<Source>,
    /// The file is blank (no bytes, or only whitespace): the call sends no body.
    pub no_body: bool,
    /// With `--explain`, for a body without errors: every effective value, given or
    /// default.
    pub effective: Option<Vec<Explained>>,
}

/// Reads and validates one file; `Err` is why it could not be read.
///
/// A blank file stands for a call without a body, in JSON and YAML alike: valid where the
/// endpoint's body is optional, one `required` finding where it is required.
///
/// The file is read into a buffer kept by the thread for its next file: a valid file costs
/// no allocation here, and its text is copied out only when a finding needs quoting.
pub fn check(
    endpoint: &EndpointDesc,
    kind: BodyKind,
    path: &Path,
    explain: bool,
) -> Result<Checked, String> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        let stdin = crate::files::is_stdin(path);
        let named = if stdin {
            read_stdin(&mut buffer)?;
            Path::new(crate::files::stdin_name())
        } else {
            read_limited(path, &mut buffer)?;
            path
        };
        let checked = check_bytes(endpoint, kind, named, &buffer, explain);
        // A large file's buffer is not kept for the small ones after it.
        if buffer.capacity() > KEPT_BUFFER {
            *buffer = Vec::new();
        }
        checked
    })
}

/// The most a thread's read buffer keeps between files.
const KEPT_BUFFER: usize = 1024 * 1024;

/// [`check`] on the bytes of the file (or standard input) shown as `named`.
fn check_bytes(
    endpoint: &EndpointDesc,
    kind: BodyKind,
    named: &Path,
    bytes: &[u8],
    explain: bool,
) -> Result<Checked, String> {
    let yaml = is_yaml(named);
    let syntax = is_json5(named).then_some(Syntax::Lenient);
    let no_body = endpoint::is_blank(bytes);
    let findings = if no_body {
        endpoint
            .validate(kind, b"")
            .map_err(|e| e.to_string())?
            .into_sorted()
    } else if yaml {
        check_yaml(endpoint, kind, bytes)?
    } else {
        endpoint
            .validate_as(kind, bytes, syntax)
            .map_err(|e| e.to_string())?
            .into_sorted()
    };
    let mut findings = findings;
    let source = (!findings.is_empty()).then(|| Source::new(owned_text(bytes), yaml));
    if let (true, Some(source)) = (yaml, &source) {
        // YAML findings are placed by line and column; quoting needs their byte offsets.
        for finding in &mut findings {
            finding.offset = source.offset_of(finding.line, finding.column) as u32;
        }
    }
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let effective = (explain && !errors && !no_body)
        .then(|| {
            let json = if yaml {
                std::borrow::Cow::Owned(yaml_as_json(bytes)?.into_bytes())
            } else {
                std::borrow::Cow::Borrowed(bytes)
            };
            explain_body(endpoint, kind, &json, syntax)
        })
        .flatten();
    Ok(Checked {
        findings,
        source,
        no_body,
        effective,
    })
}

/// The text of a file, invalid UTF-8 replaced (as `String::from_utf8_lossy` does), checked
/// by the fast UTF-8 check first: payload text is almost always valid.
fn owned_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A YAML payload as the JSON text it stands for (`None` when it does not parse).
fn yaml_as_json(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sink = Sink::new("payload", text);
    yaml::parse(text, &mut sink).map(|tree| to_json(&tree).to_string())
}

/// What the server will do with a valid body: its effective values
/// ([`vendorspec::runtime::effective::explain`]), on the body's canonical form. A wrapped
/// response is explained as its wrapper.
fn explain_body(
    endpoint: &EndpointDesc,
    kind: BodyKind,
    json: &[u8],
    syntax: Option<Syntax>,
) -> Option<Vec<Explained>> {
    let (shape, mut options, wrapped) = match kind {
        BodyKind::Request => (
            endpoint.request.as_ref()?,
            endpoint.api.request_options(),
            None,
        ),
        BodyKind::Response(status) => {
            let response = endpoint.response(status)?;
            (
                response.body.as_ref()?,
                endpoint.api.response_options(),
                response.wrapped.as_ref(),
            )
        }
    };
    options.syntax = syntax.unwrap_or(options.syntax);
    let shape = match wrapped {
        Some(w) if normalize(json, shape, &options).is_err() => &w.shape,
        _ => shape,
    };
    let value = normalize(json, shape, &options).ok()?;
    Some(effective::explain(shape, &value))
}

/// Reads standard input into `bytes`, at most [`MAX_FILE_BYTES`].
fn read_stdin(bytes: &mut Vec<u8>) -> Result<(), String> {
    bytes.clear();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(())
}

/// Why a file over [`MAX_FILE_BYTES`] is refused, with both sizes exact.
fn too_large(size: u64) -> String {
    format!(
        "refused: the file is {} ({size} bytes), more than the {} a payload may be (nothing was read)",
        mebibytes(size),
        mebibytes(MAX_FILE_BYTES)
    )
}

/// A size in MiB with one decimal, never rounded up past the truth (`69.1 MiB`).
fn mebibytes(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MiB", tenths / 10)
    } else {
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

/// What a file's first read asks for: a payload this size or smaller is read without
/// asking its size (two `read` calls: the text, then the end of the file).
const FIRST_READ: usize = 64 * 1024;

/// Reads a file of at most [`MAX_FILE_BYTES`] into `bytes`; a larger one is refused
/// without reading on.
///
/// The size is asked (`fstat`) only of a file that fills the first read, so a directory
/// walk's payloads cost an `open`, two `read`s and a `close` each.
pub fn read_limited(path: &Path, bytes: &mut Vec<u8>) -> Result<(), String> {
    bytes.clear();
    let mut file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.capacity() < FIRST_READ {
        bytes.reserve(FIRST_READ);
    }
    (&mut file)
        .take(FIRST_READ as u64)
        .read_to_end(bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() < FIRST_READ {
        return Ok(());
    }
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    bytes.reserve((size as usize).saturating_sub(bytes.len()));
    file.take(MAX_FILE_BYTES + 1 - FIRST_READ as u64)
        .read_to_end(bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(())
}

/// Validates a YAML payload: YAML problems become `syntax` (or `duplicate_key`) findings;
/// the document is rendered as JSON and validated, and each finding moves to the YAML node
/// its pointer names (or the nearest existing ancestor, for a missing member).
fn check_yaml(
    endpoint: &EndpointDesc,
    kind: BodyKind,
    bytes: &[u8],
) -> Result<Vec<Finding>, String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let column = String::from_utf8_lossy(&bytes[..offset])
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            return Ok(vec![yaml_finding(
                Rule::Syntax,
                Loc {
                    line: line as u32,
                    column: column as u32,
                },
                "the file is not UTF-8 text".into(),
                None,
            )]);
        }
    };
    let mut sink = Sink::new("payload", text);
    let tree = yaml::parse(text, &mut sink);
    let mut findings: Vec<Finding> = sink
        .errors
        .into_iter()
        .map(|e| {
            let rule = if e.message.starts_with("duplicate key") {
                Rule::DuplicateKey
            } else {
                Rule::Syntax
            };
            yaml_finding(rule, e.loc, e.message, e.help)
        })
        .collect();
    if let Some(tree) = tree
        && findings.iter().all(|f| f.rule != Rule::Syntax)
    {
        let json = to_json(&tree).to_string();
        let report = endpoint
            .validate(kind, json.as_bytes())
            .map_err(|e| e.to_string())?;
        for mut finding in report.into_sorted() {
            let (key, value) = locate(&tree, &finding.pointer);
            // As in JSON files: an unknown member is shown at its name, anything else at
            // its value.
            let loc = if finding.rule == Rule::UnknownField {
                key
            } else {
                value
            };
            finding.line = loc.line;
            finding.column = loc.column;
            finding.offset = 0;
            findings.push(finding);
        }
    }
    findings.sort_by(|a, b| {
        (a.line, a.column, a.rule.as_str(), &a.pointer).cmp(&(
            b.line,
            b.column,
            b.rule.as_str(),
            &b.pointer,
        ))
    });
    Ok(findings)
}

fn yaml_finding(rule: Rule, loc: Loc, message: String, help: Option<String>) -> Finding {
    Finding {
        severity: Severity::Error,
        rule,
        pointer: String::new(),
        line: loc.line,
        column: loc.column,
        offset: 0,
        message,
        help,
    }
}

/// The JSON value a YAML node stands for. A float JSON cannot write (`.inf`, `.nan`)
/// becomes its YAML spelling as a string, so the walk reports a type error on it.
fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Int(i) => match (i64::try_from(*i), u64::try_from(*i)) {
            (Ok(n), _) => Value::from(n),
            (_, Ok(n)) => Value::from(n),
            _ => serde_json::from_str(&i.to_string()).unwrap_or(Value::Null),
        },
        NodeKind::Float(f) => serde_json::Number::from_f64(*f)
            .map_or_else(|| Value::String(f.to_string()), Value::Number),
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, value)| (key.name.clone(), to_json(value)))
                .collect(),
        ),
    }
}

/// The locations (of the name, and of the value) of the node an RFC 6901 pointer names, or
/// of its nearest existing ancestor (a missing member is reported in its object).
fn locate(tree: &Node, pointer: &str) -> (Loc, Loc) {
    let mut node = tree;
    let mut key_loc = tree.loc;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let next = match &node.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(key, _)| key.name == token)
                .map(|(key, value)| (key.loc, value)),
            NodeKind::Seq(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|value| (value.loc, value)),
            _ => None,
        };
        match next {
            Some((key, value)) => {
                key_loc = key;
                node = value;
            }
            None => return (node.loc, node.loc),
        }
    }
    (key_loc, node.loc)
}
