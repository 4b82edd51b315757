//! Shared by `endpoint_properties.rs` and `differential.rs`: the endpoint bodies, their
//! published schemas (compiled once), deep valid values, mutations spliced at any depth,
//! and a writer of the lenient wire forms.
#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use serde_json::Value;
use vendorspec::runtime::desc::{ObjectDesc, RuleDesc, Shape, Unknown};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::reader::{Kind, ValueRef};
use vendorspec::runtime::strategy::{Broken, sample, sample_invalid, valid};
use vendorspec::runtime::walk::Options;
use vendorspec::runtime::{Finding, Severity};

/// proptest's configuration with `default` cases per property, or `PROPTEST_CASES`.
pub fn proptest_config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Rules a JSON Schema cannot see: `range_order` cannot be stated (the schemas name it in
/// `$comment`), and a duplicate member cannot survive in the JSON value a schema engine
/// validates (serde_json keeps one; the mutation repeats the same value).
pub const SCHEMA_BLIND: [&str; 2] = ["range_order", "duplicate_key"];

// ----------------------------------------------------------------------------------------
// Bodies

/// Which body of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Request,
    /// The first documented response, flat.
    Response,
    /// The documented wrapped variant of the first response (`{"status", "data": body}`).
    Wrapped,
}

/// One body of one endpoint, as the registry describes it.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub endpoint: &'static EndpointDesc,
    pub which: Which,
}

impl Body {
    pub const fn new(endpoint: &'static EndpointDesc, which: Which) -> Body {
        Body { endpoint, which }
    }

    pub fn kind(&self) -> BodyKind {
        match self.which {
            Which::Request => BodyKind::Request,
            Which::Response | Which::Wrapped => BodyKind::Response(None),
        }
    }

    /// The body's shape in the registry (the wrapper's for the wrapped variant).
    pub fn shape(&self) -> &'static Shape {
        let e = self.endpoint;
        let response = || e.response(None).expect("a documented response");
        match self.which {
            Which::Request => e.request.as_ref().expect("a request body"),
            Which::Response => response().body.as_ref().expect("a response body"),
            Which::Wrapped => {
                &response()
                    .wrapped
                    .as_ref()
                    .expect("a wrapped variant")
                    .shape
            }
        }
    }

    /// How the endpoint reads this body.
    pub fn options(&self) -> Options {
        match self.which {
            Which::Request => self.endpoint.api.request_options(),
            Which::Response | Which::Wrapped => self.endpoint.api.response_options(),
        }
    }

    /// `create_job.request.schema.json`.
    pub fn schema_file(&self) -> String {
        let suffix = match self.which {
            Which::Request => "request",
            Which::Response | Which::Wrapped => "response",
        };
        format!("{}.{suffix}.schema.json", self.endpoint.id)
    }

    pub fn schema(&self) -> &'static jsonschema::Validator {
        published_schema(&self.schema_file())
    }

    /// The endpoint's own validator: (rule, pointer) of each error, sorted by position.
    pub fn errors(&self, bytes: &[u8]) -> Vec<(String, String)> {
        errors_of(&self.findings(bytes))
    }

    pub fn findings(&self, bytes: &[u8]) -> Vec<Finding> {
        self.endpoint
            .validate(self.kind(), bytes)
            .expect("the endpoint documents this body")
            .into_sorted()
    }

    /// What a JSON Schema validator is given: the payload with the API's lenience undone.
    pub fn normalize(&self, bytes: &[u8]) -> Value {
        vendorspec::runtime::normalize::normalize(bytes, self.shape(), &self.options())
            .unwrap_or_else(|f| panic!("no syntax error expected: {}", f.message))
    }

    pub fn name(&self) -> String {
        format!("{} {:?}", self.endpoint.id, self.which)
    }
}

pub fn errors_of(findings: &[Finding]) -> Vec<(String, String)> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.as_str().to_string(), f.pointer.clone()))
        .collect()
}

/// Every body the registry documents: requests, responses with a body, wrapped variants.
pub fn registry_bodies() -> Vec<(&'static str, Which)> {
    let mut out = Vec::new();
    for e in vendorspec::ENDPOINTS {
        if e.request.is_some() {
            out.push((e.id, Which::Request));
        }
        if let Some(r) = e.response(None).filter(|r| r.body.is_some()) {
            out.push((e.id, Which::Response));
            if r.wrapped.is_some() {
                out.push((e.id, Which::Wrapped));
            }
        }
    }
    out
}

/// The object descriptor behind a shape.
pub fn object_desc(shape: &Shape) -> Option<&'static ObjectDesc> {
    match shape {
        Shape::Object(f) => Some(f()),
        _ => None,
    }
}

// ----------------------------------------------------------------------------------------
// Published schemas

/// Where the published schemas are read from: `generated/schemas/`, or a copy named by
/// `VENDORSPEC_SCHEMA_DIR` (to review an edited schema set, or to break one on purpose and
/// see these properties fail).
pub fn schema_dir() -> std::path::PathBuf {
    match std::env::var_os("VENDORSPEC_SCHEMA_DIR") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/schemas"),
    }
}

/// A published schema file, checked against the draft 2020-12 meta-schema and compiled
/// once per test binary.
pub fn published_schema(file: &str) -> &'static jsonschema::Validator {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static jsonschema::Validator>>> =
        OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some(v) = cache.get(file) {
        return v;
    }
    let path = schema_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("a JSON document");
    jsonschema::draft202012::meta::validate(&doc)
        .unwrap_or_else(|e| panic!("{file} is not a valid draft 2020-12 schema: {e}"));
    let validator: &'static jsonschema::Validator = Box::leak(Box::new(
        jsonschema::draft202012::new(&doc).unwrap_or_else(|e| panic!("{file}: {e}")),
    ));
    cache.insert(file.to_string(), validator);
    validator
}

/// Why the schema refuses an instance, for failure messages.
pub fn schema_errors(schema: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    schema
        .iter_errors(instance)
        .map(|e| format!("{} at {:?}", e, e.instance_path().as_str()))
        .collect()
}

// ----------------------------------------------------------------------------------------
// Randomness inside `prop_map` (deterministic for a seed, so proptest can replay a case)

pub struct SeedRng(pub u64);

impl SeedRng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

// ----------------------------------------------------------------------------------------
// Sites: where each object of a value sits, and its shape

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// An object of a value, with its descriptor.
#[derive(Debug, Clone)]
pub struct Site {
    pub path: Vec<Seg>,
    pub shape: &'static Shape,
    pub desc: &'static ObjectDesc,
}

pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

pub fn pointer_of(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!("/{}", escape_token(k)),
            Seg::Index(i) => format!("/{i}"),
        })
        .collect()
}

pub fn at_mut<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |here, seg| match (seg, here) {
        (Seg::Key(k), Value::Object(map)) => map.get_mut(k),
        (Seg::Index(i), Value::Array(items)) => items.get_mut(*i),
        _ => None,
    })
}

/// Every object of `value` (the root first), with canonical member names only.
pub fn object_sites(shape: &'static Shape, value: &Value) -> Vec<Site> {
    fn go(shape: &'static Shape, value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Site>) {
        match (shape, value) {
            (Shape::Object(f), Value::Object(map)) => {
                let desc = f();
                out.push(Site {
                    path: path.clone(),
                    shape,
                    desc,
                });
                for m in desc.members {
                    if let Some(v) = map.get(m.name) {
                        path.push(Seg::Key(m.name.to_string()));
                        go(&m.shape, v, path, out);
                        path.pop();
                    }
                }
            }
            (Shape::Array(a), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    go(a.items, item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    go(shape, value, &mut Vec::new(), &mut out);
    out
}

// ----------------------------------------------------------------------------------------
// Deep values

/// Objects at this nesting depth or deeper are redrawn from their own type half of the
/// time: the strategies leave optional members out from depth 3 on (`SOFT_DEPTH`), so
/// without this, members such as `RangeIpTargets[i].Timeout` or
/// `packageExecutions[i].arguments` would never be generated.
const REDRAW_DEPTH: usize = 2;

/// Valid values of a body with optional members at every depth: [`valid`], then objects
/// from depth 2 on redrawn from their own type's strategy. Replacing an object by another
/// valid value of its type keeps the whole valid, since rules only read their own
/// object's members and never compare an object member with a literal.
pub fn deep_valid(shape: &'static Shape) -> BoxedStrategy<Value> {
    (valid(shape), any::<u64>())
        .prop_map(move |(value, seed)| deepen(shape, value, &mut SeedRng(seed), 0))
        .boxed()
}

fn deepen(shape: &'static Shape, mut value: Value, rng: &mut SeedRng, depth: usize) -> Value {
    if depth >= REDRAW_DEPTH
        && matches!(shape, Shape::Object(_))
        && rng.one_in(2)
        && let Some(fresh) = sample(shape, rng.next(), 1).pop()
    {
        value = fresh;
    }
    match (shape, &mut value) {
        (Shape::Object(f), Value::Object(map)) => {
            for m in f().members {
                if let Some(v) = map.get_mut(m.name) {
                    *v = deepen(&m.shape, v.take(), rng, depth + 1);
                }
            }
        }
        (Shape::Array(a), Value::Array(items)) => {
            for item in items.iter_mut() {
                *item = deepen(a.items, item.take(), rng, depth + 1);
            }
        }
        _ => {}
    }
    value
}

/// A deep valid value with exactly one violation, in any of its objects: the type of the
/// object is chosen first (so a type that occurs once is mutated as often as one that
/// occurs in every item of a list), then one of its places; [`sample_invalid`] breaks a
/// fresh value of that type, which replaces the object. The pointer is the object's
/// pointer followed by the strategy's.
pub fn deep_invalid(shape: &'static Shape) -> BoxedStrategy<(String, Broken)> {
    (deep_valid(shape), any::<u64>())
        .prop_map(move |(value, seed)| splice_invalid(shape, &value, seed))
        .boxed()
}

pub fn splice_invalid(shape: &'static Shape, value: &Value, seed: u64) -> (String, Broken) {
    let mut rng = SeedRng(seed);
    let sites = object_sites(shape, value);
    let mut types: Vec<*const ObjectDesc> = Vec::new();
    for s in &sites {
        if !types.contains(&(s.desc as *const _)) {
            types.push(s.desc);
        }
    }
    let chosen = types[rng.below(types.len())];
    let of_type: Vec<&Site> = sites
        .iter()
        .filter(|s| std::ptr::eq(s.desc, chosen))
        .collect();
    let site = of_type[rng.below(of_type.len())];
    let (text, broken) = sample_invalid(site.shape, rng.next(), 1)
        .pop()
        .expect("the strategy always produces a case");
    if site.path.is_empty() {
        return (text, broken);
    }
    let spliced = splice_text(value, &site.path, &text);
    let pointer = format!("{}{}", pointer_of(&site.path), broken.pointer);
    (
        spliced,
        Broken {
            rule: broken.rule,
            pointer,
        },
    )
}

/// `value` as JSON text with the node at `path` replaced by `text` (which may hold
/// duplicate members, so it cannot go through a [`Value`]).
pub fn splice_text(value: &Value, path: &[Seg], text: &str) -> String {
    const PLACEHOLDER: &str = "\u{1}vendorspec splice\u{1}";
    let mut root = value.clone();
    *at_mut(&mut root, path).expect("the site exists") = Value::from(PLACEHOLDER);
    let whole = serde_json::to_string(&root).unwrap();
    let quoted = serde_json::to_string(PLACEHOLDER).unwrap();
    assert_eq!(whole.matches(&quoted).count(), 1);
    whole.replace(&quoted, text)
}

// ----------------------------------------------------------------------------------------
// What mutations a descriptor allows, for coverage checks

/// The owner of the root's own `type` mutation.
pub const ROOT: &str = "(root)";

/// Rules reported at the object that has them (`unknown_field` keyed by that object too).
const OBJECT_RULES: [&str; 5] = [
    "unknown_field",
    "exactly_one_of",
    "at_least_one_of",
    "range_order",
    "requires",
];

/// A kind of mutation in one object type: `(rule, type, which)`, where `which` tells the
/// `requires` rules of a type apart (their messages) and is empty otherwise.
pub type MutationKey = (&'static str, &'static str, String);

/// Every [`MutationKey`] the strategies know for `shape` (mirroring the table in
/// `strategy.rs`): the type is the object type that owns the place, the object for its
/// rules and unknown members, the object holding the member otherwise.
pub fn possible_mutations(shape: &'static Shape) -> BTreeSet<MutationKey> {
    fn go(
        shape: &'static Shape,
        owner: &'static str,
        seen: &mut Vec<*const ObjectDesc>,
        out: &mut BTreeSet<MutationKey>,
    ) {
        use vendorspec::runtime::desc::Format;
        let mut add = |rule: &'static str| {
            out.insert((rule, owner, String::new()));
        };
        add("type");
        match shape {
            Shape::String(d) => {
                if d.pattern.is_some() {
                    add("pattern");
                }
                if d.format.is_some() {
                    add("format");
                }
                if d.min_length.is_some_and(|m| m > 0) {
                    add("min_length");
                }
                if d.max_length.is_some() {
                    add("max_length");
                }
                if d.format == Some(Format::DurationDhm) {
                    if d.min_duration.is_some_and(|m| m > 0) {
                        add("minimum");
                    }
                    if d.max_duration.is_some() {
                        add("maximum");
                    }
                }
            }
            Shape::Integer(d) | Shape::Number(d) => {
                if d.minimum.is_some() {
                    add("minimum");
                }
                if d.maximum.is_some() {
                    add("maximum");
                }
            }
            Shape::Boolean => {}
            Shape::Enum(_) => add("enum"),
            Shape::Array(a) => {
                if a.min_items.is_some_and(|m| m > 0) {
                    add("min_items");
                }
                if a.max_items.is_some() {
                    add("max_items");
                }
                if a.unique_items {
                    add("unique_items");
                }
                go(a.items, owner, seen, out);
            }
            Shape::Object(f) => {
                let desc = f();
                if seen.contains(&(desc as *const _)) {
                    return;
                }
                seen.push(desc);
                let mut add = |rule: &'static str, which: &str| {
                    out.insert((rule, desc.name, which.to_string()));
                };
                if desc.unknown == Unknown::Reject {
                    add("unknown_field", "");
                }
                for m in desc.members {
                    add("duplicate_key", "");
                    if m.required {
                        add("required", "");
                    }
                }
                for rule in desc.rules {
                    match rule {
                        RuleDesc::ExactlyOneOf { .. } => add("exactly_one_of", ""),
                        RuleDesc::AtLeastOneOf { .. } => add("at_least_one_of", ""),
                        RuleDesc::RangeOrder { .. } => add("range_order", ""),
                        RuleDesc::Requires { message, .. } => add("requires", message),
                    }
                }
                for m in desc.members {
                    go(&m.shape, desc.name, seen, out);
                }
                seen.pop();
            }
        }
    }
    let mut out = BTreeSet::new();
    go(shape, ROOT, &mut Vec::new(), &mut out);
    out
}

/// The [`MutationKey`] of a concrete mutation of a `shape` payload, given the message of
/// the one error it gets.
pub fn mutation_key(shape: &'static Shape, broken: &Broken, message: &str) -> MutationKey {
    let mut tokens: Vec<&str> = broken.pointer.split('/').skip(1).collect();
    if broken.rule == "unknown_field" {
        tokens.pop();
    }
    let mut here = shape;
    let mut owner = ROOT;
    for token in tokens {
        let token = token.replace("~1", "/").replace("~0", "~");
        here = match here {
            Shape::Object(f) => {
                let desc = f();
                owner = desc.name;
                match desc.members.iter().find(|m| m.name == token) {
                    Some(m) => &m.shape,
                    None => panic!("{broken:?}: no member {token} in {}", desc.name),
                }
            }
            Shape::Array(a) => a.items,
            _ => panic!("{broken:?}: {token} under a scalar"),
        };
    }
    let which = match broken.rule {
        "requires" => message.to_string(),
        _ => String::new(),
    };
    match here {
        Shape::Object(f) if OBJECT_RULES.contains(&broken.rule) => (broken.rule, f().name, which),
        _ => (broken.rule, owner, which),
    }
}

// ----------------------------------------------------------------------------------------
// Lenient wire forms

/// Which of an API's lenience to use when writing a payload.
#[derive(Debug, Clone, Copy)]
pub struct Lenience {
    /// Re-case member names (ASCII), each with probability 1/2.
    pub recase: bool,
    /// Unquoted names, single quotes, trailing commas, comments, raw control characters.
    pub syntax: bool,
}

/// A different ASCII spelling of `name` (all upper, all lower, or flipped letters), or
/// `None` when it has no ASCII letter.
pub fn recased(name: &str, rng: &mut SeedRng) -> Option<String> {
    if !name.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let flip = |c: char| {
        if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        }
    };
    let options = [
        name.to_ascii_uppercase(),
        name.to_ascii_lowercase(),
        name.chars().map(flip).collect(),
        name.chars()
            .enumerate()
            .map(|(i, c)| if i % 2 == 0 { flip(c) } else { c })
            .collect(),
    ];
    let fresh: Vec<&String> = options.iter().filter(|o| *o != name).collect();
    Some(fresh[rng.below(fresh.len())].clone())
}

/// Writes a parsed value in the wire form `l` allows, keeping duplicate members, member
/// order and number lexemes as they are.
pub fn write_lenient(v: ValueRef, l: Lenience, rng: &mut SeedRng, out: &mut String) {
    match v.kind() {
        Kind::Null | Kind::Bool | Kind::Number => out.push_str(v.raw()),
        Kind::String => write_string(v.as_str().unwrap_or(""), l, rng, out),
        Kind::Array => {
            out.push('[');
            let n = v.len();
            for (i, item) in v.items().enumerate() {
                gap(l, rng, out);
                write_lenient(item, l, rng, out);
                gap(l, rng, out);
                if i + 1 < n || (l.syntax && rng.one_in(3)) {
                    out.push(',');
                }
            }
            gap(l, rng, out);
            out.push(']');
        }
        Kind::Object => {
            out.push('{');
            let n = v.len();
            for (i, m) in v.members().enumerate() {
                gap(l, rng, out);
                let name = match l.recase && rng.one_in(2) {
                    true => recased(m.name, rng).unwrap_or_else(|| m.name.to_string()),
                    false => m.name.to_string(),
                };
                write_name(&name, l, rng, out);
                blank(rng, out);
                out.push(':');
                gap(l, rng, out);
                write_lenient(m.value, l, rng, out);
                gap(l, rng, out);
                if i + 1 < n || (l.syntax && rng.one_in(3)) {
                    out.push(',');
                }
            }
            gap(l, rng, out);
            out.push('}');
        }
    }
}

/// Wraps a document in the `{"value": "..."}` envelope, in the same wire form.
pub fn envelope(inner: &str, l: Lenience, rng: &mut SeedRng) -> String {
    let mut out = String::from("{");
    gap(l, rng, &mut out);
    let name = match l.recase && rng.one_in(2) {
        true => recased("value", rng).unwrap_or_default(),
        false => "value".to_string(),
    };
    write_name(&name, l, rng, &mut out);
    blank(rng, &mut out);
    out.push(':');
    gap(l, rng, &mut out);
    write_string(inner, l, rng, &mut out);
    gap(l, rng, &mut out);
    if l.syntax && rng.one_in(3) {
        out.push(',');
    }
    out.push('}');
    out
}

/// Whitespace, and in lenient syntax comments.
fn gap(l: Lenience, rng: &mut SeedRng, out: &mut String) {
    let choices: &[&str] = if l.syntax {
        &["", "", " ", "\n", "\t", "/* c */", "// c\n", " /**/ "]
    } else {
        &["", "", " ", "\n", "\r\n", "\t"]
    };
    out.push_str(choices[rng.below(choices.len())]);
}

/// Whitespace only: between a member name and its colon, where Json.NET reads no comment.
fn blank(rng: &mut SeedRng, out: &mut String) {
    let choices: &[&str] = &["", "", " ", "\n", "\t"];
    out.push_str(choices[rng.below(choices.len())]);
}

fn write_name(name: &str, l: Lenience, rng: &mut SeedRng, out: &mut String) {
    let ident = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if l.syntax && ident && rng.one_in(2) {
        out.push_str(name);
    } else {
        write_string(name, l, rng, out);
    }
}

fn write_string(s: &str, l: Lenience, rng: &mut SeedRng, out: &mut String) {
    let quote = if l.syntax && rng.one_in(2) { '\'' } else { '"' };
    let raw_controls = l.syntax && rng.one_in(2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 && raw_controls => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            '/' if rng.one_in(4) => out.push_str("\\/"),
            // Any character may be a `\u` escape (two for a surrogate pair).
            c if rng.one_in(16) => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}
