//! The checked model of the spec: what every emitter (Rust models, JSON Schemas, the
//! change report) reads. Built by [`crate::read`], checked by [`crate::check`].
//!
//! Locations are kept for error messages but are not serialized, so IR snapshots change
//! only when the meaning of the spec changes, not when lines move.

use serde::Serialize;

pub use vendorspec_runtime::formats::Format;

use crate::diag::Loc;

/// Where each key of a spec mapping and its value were written, so errors can point at
/// the exact key (`minimum:`) or value (`default: -1`). Not part of the meaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyLocs(pub Vec<(String, Loc, Loc)>);

impl KeyLocs {
    /// The key's location, or `fallback` when the key was not written.
    pub fn key(&self, key: &str, fallback: Loc) -> Loc {
        self.0
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, l, _)| *l)
            .unwrap_or(fallback)
    }

    /// Whether the key was written.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _, _)| k == key)
    }

    /// The value's location, or `fallback` when the key was not written.
    pub fn value(&self, key: &str, fallback: Loc) -> Loc {
        self.0
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, l)| *l)
            .unwrap_or(fallback)
    }
}

/// Every API of a spec directory.
#[derive(Clone, Debug, Serialize)]
pub struct Spec {
    pub apis: Vec<Api>,
}

impl Spec {
    /// All endpoints of all APIs, with their API, in spec order.
    pub fn endpoints(&self) -> impl Iterator<Item = (&Api, &Endpoint)> {
        self.apis
            .iter()
            .flat_map(|api| api.endpoints.iter().map(move |e| (api, e)))
    }

    pub fn api(&self, id: &str) -> Option<&Api> {
        self.apis.iter().find(|a| a.id == id)
    }
}

/// One API: one spec file.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    pub id: String,
    pub title: String,
    pub description: String,
    /// With `{variable}` placeholders, each declared in `variables`.
    pub base_url: String,
    /// Values substituted into the base URL and into path templates (the admin `region`).
    pub variables: Vec<Parameter>,
    pub auth: Auth,
    pub member_names: NameMatching,
    pub body_syntax: BodySyntax,
    pub body_encoding: BodyEncoding,
    /// The vendor pages this API was written from.
    pub sources: Vec<String>,
    pub endpoints: Vec<Endpoint>,
    pub types: Vec<TypeDef>,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub locs: KeyLocs,
}

impl Api {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Auth {
    pub scheme: AuthScheme,
    pub description: String,
    /// The JWT claim that lists the granted scopes (`scp`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope_claim: Option<String>,
    /// How the scopes are separated inside that claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope_separator: Option<String>,
    /// Tokens valid for longer than this are refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_token_lifetime_minutes: Option<u32>,
    /// Where a token is obtained, when the API itself issues it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<Login>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthScheme {
    BearerJwt,
}

#[derive(Clone, Debug, Serialize)]
pub struct Login {
    pub method: Method,
    pub path: String,
    /// The response member holding the token (`Jwt`).
    pub token_member: String,
}

/// How member names in payloads are matched to the spec's canonical names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMatching {
    Exact,
    /// ASP.NET binding: `Name`, `name` and `NAME` all mean the member `name`.
    CaseInsensitive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodySyntax {
    /// RFC 8259 JSON.
    Strict,
    /// Also unquoted member names, single-quoted strings, trailing commas and comments.
    Lenient,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// The document is the body.
    Plain,
    /// The body is `{"value": "<the document, stringified>"}`.
    Enveloped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub const ALL: [(&'static str, Method); 5] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
    ];

    pub fn as_str(self) -> &'static str {
        Method::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map(|(s, _)| *s)
            .unwrap_or("GET")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Endpoint {
    /// Stable id used by the CLI and the registry (`create_job`).
    pub id: String,
    pub summary: String,
    pub description: String,
    pub source: String,
    pub method: Method,
    /// With `{parameter}` placeholders: path parameters or API variables.
    pub path: String,
    /// The JWT scope the token must carry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub path_parameters: Vec<Parameter>,
    pub query_parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    pub responses: Vec<Response>,
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

/// A path or query parameter, or an API variable.
#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    pub schema: Schema,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Literal>,
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

#[derive(Clone, Debug, Serialize)]
pub struct Request {
    /// A named object type of this API.
    pub body: String,
    /// Whether a call may leave the body out (`presence: optional`).
    #[serde(skip_serializing_if = "Presence::is_required")]
    pub presence: Presence,
    pub examples: Vec<Example>,
    /// Where `body` was written.
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

/// Whether a documented body must be there, or may be left out (no bytes at all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// A call (or response) without the body is invalid: one `required` finding.
    #[default]
    Required,
    /// No body at all is valid; a body that is sent is checked as usual.
    Optional,
}

impl Presence {
    pub const ALL: [(&'static str, Presence); 2] = [
        ("required", Presence::Required),
        ("optional", Presence::Optional),
    ];

    pub fn is_required(&self) -> bool {
        *self == Presence::Required
    }

    /// The word in the spec language.
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Required => "required",
            Presence::Optional => "optional",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Response {
    /// The status codes this response is returned with.
    pub status: Vec<u16>,
    pub description: String,
    /// A named object type; `None` when the docs document no body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Whether a response with these status codes may come without the body.
    #[serde(skip_serializing_if = "Presence::is_required")]
    pub presence: Presence,
    /// Documented shapes of the same body (flat, or wrapped in `data`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Where the response was written.
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

#[derive(Clone, Debug, Serialize)]
pub struct Variant {
    pub name: String,
    pub description: String,
    /// `None`: the body as declared. `Some`: the body sits in `wrapper.member`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrapper: Option<Wrapper>,
}

/// `{"<member>": <body>, ...members}`.
#[derive(Clone, Debug, Serialize)]
pub struct Wrapper {
    pub member: String,
    pub members: Vec<Member>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    /// PascalCase; the Rust type's name.
    pub name: String,
    pub description: String,
    pub kind: TypeKind,
    /// Examples of this type's members, written as the docs write them (`form: members`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(skip)]
    pub loc: Loc,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Object(ObjectType),
    Enum(EnumType),
}

#[derive(Clone, Debug, Serialize)]
pub struct ObjectType {
    pub members: Vec<Member>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<Advice>,
}

impl ObjectType {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    /// The canonical spelling.
    pub name: String,
    pub schema: Schema,
    pub required: bool,
    /// The value used when the member is absent from its (present) object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
    /// What absence means when it is not a default value ("no notification").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent_means: Option<String>,
    /// Redacted in Debug output, logs and every message.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
    pub description: String,
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

/// A type and its constraints.
#[derive(Clone, Debug, Serialize)]
pub struct Schema {
    #[serde(rename = "type")]
    pub ty: Type,
    #[serde(flatten)]
    pub constraints: Constraints,
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    Array(Box<Schema>),
    /// A type declared under `types:` (an object or an enum).
    Named(String),
}

impl Type {
    /// "a string", "an integer", "`Job`": the type as messages name it.
    pub fn label(&self) -> String {
        match self {
            Type::String => "a string".into(),
            Type::Integer => "an integer".into(),
            Type::Number => "a number".into(),
            Type::Boolean => "a boolean".into(),
            Type::Array(_) => "an array".into(),
            Type::Named(n) => format!("`{n}`"),
        }
    }
}

impl PartialEq for Schema {
    fn eq(&self, other: &Self) -> bool {
        self.ty == other.ty && self.constraints == other.constraints
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Constraints {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_format"
    )]
    pub format: Option<Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
    /// Bounds of a `duration_dhm` string, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_duration: Option<Duration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<Duration>,
}

/// The value of one constraint keyword, by the kind of value it takes.
#[derive(Clone, Debug, PartialEq)]
pub enum KeywordValue<'c> {
    Format(Format),
    Pattern(&'c str),
    Count(u64),
    Number(Number),
    Flag,
    Duration(Duration),
}

impl Constraints {
    /// The value of the constraint keyword `name` (a row of `vendorspec_runtime::keywords`)
    /// when it is set: the one place that maps keyword names to the IR's fields, so every
    /// reader (checker, emitter) can go by the keyword table.
    pub fn value(&self, name: &str) -> Option<KeywordValue<'_>> {
        use KeywordValue as V;
        match name {
            "format" => self.format.map(V::Format),
            "pattern" => self.pattern.as_deref().map(V::Pattern),
            "min_length" => self.min_length.map(V::Count),
            "max_length" => self.max_length.map(V::Count),
            "minimum" => self.minimum.map(V::Number),
            "maximum" => self.maximum.map(V::Number),
            "min_items" => self.min_items.map(V::Count),
            "max_items" => self.max_items.map(V::Count),
            "unique_items" => self.unique_items.then_some(V::Flag),
            "min_duration" => self.min_duration.map(V::Duration),
            "max_duration" => self.max_duration.map(V::Duration),
            _ => None,
        }
    }

    /// Whether the constraint keyword `name` is set.
    pub fn has(&self, name: &str) -> bool {
        self.value(name).is_some()
    }
}

/// A number bound, kept as written (integer bounds stay exact).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

/// A `d:hh:mm` duration: days, hours, minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Duration {
    pub minutes: u64,
}

impl Duration {
    /// Parses `d:hh:mm` (days not padded, hours 00-23 and minutes 00-59 two digits).
    pub fn parse(text: &str) -> Option<Duration> {
        vendorspec_runtime::formats::duration_minutes(text).map(|minutes| Duration { minutes })
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&vendorspec_runtime::formats::format_duration(self.minutes))
    }
}

impl From<Duration> for String {
    fn from(d: Duration) -> String {
        d.to_string()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumType {
    pub base: EnumBase,
    pub values: Vec<EnumValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumBase {
    String,
    Integer,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Literal,
    /// PascalCase; the Rust variant's name.
    pub name: String,
    /// The docs' own name for the value ("Device Control"), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub description: String,
    #[serde(skip)]
    pub loc: Loc,
}

/// A rule across the members of one object. Errors point at the object.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    pub kind: RuleKind,
    pub description: String,
    #[serde(skip)]
    pub loc: Loc,
    /// Where each member name of the rule was written.
    #[serde(skip)]
    pub names: KeyLocs,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    ExactlyOneOf {
        members: Vec<String>,
        count: Count,
    },
    AtLeastOneOf {
        members: Vec<String>,
        count: Count,
    },
    /// When `if` holds, `then` must hold.
    Requires {
        #[serde(rename = "if")]
        when: Condition,
        then: Condition,
        message: String,
    },
    /// `low` ≤ `high` (IPv4 addresses compared as numbers).
    RangeOrder {
        low: String,
        high: String,
    },
}

impl RuleKind {
    /// The stable rule code findings carry.
    pub fn code(&self) -> &'static str {
        match self {
            RuleKind::ExactlyOneOf { .. } => "exactly_one_of",
            RuleKind::AtLeastOneOf { .. } => "at_least_one_of",
            RuleKind::Requires { .. } => "requires",
            RuleKind::RangeOrder { .. } => "range_order",
        }
    }
}

/// What makes a member count towards `exactly_one_of` / `at_least_one_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    /// The member is present.
    Present,
    /// The member is present and is not an empty list.
    NonEmpty,
}

/// A conjunction of tests on members of the same object.
#[derive(Clone, Debug, Serialize)]
pub struct Condition(pub Vec<Test>);

#[derive(Clone, Debug, Serialize)]
pub struct Test {
    pub member: String,
    pub predicate: Predicate,
    #[serde(skip)]
    pub loc: Loc,
}

/// A test on one member. A member that is absent takes its default, if it has one, for
/// `equals`, `in` and `not_in`; absent with no default, those tests are false.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Predicate {
    Present(bool),
    Equals(Literal),
    In(Vec<Literal>),
    NotIn(Vec<Literal>),
    /// An array member contains this value.
    Contains(Literal),
    NonEmpty(bool),
}

/// A warning: a payload that is valid but probably not what its author meant.
#[derive(Clone, Debug, Serialize)]
pub struct Advice {
    /// The stable rule code of the warning.
    pub code: String,
    /// The member the warning points at; the object when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    pub when: Condition,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip)]
    pub loc: Loc,
}

/// An example payload, with the verdict it must get.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub name: String,
    /// Where it comes from: a seed page and section, or `vendorspec` for our own.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub valid: bool,
    pub form: ExampleForm,
    /// The payload text, verbatim. Blank (empty or whitespace only) means "no body".
    pub text: String,
    /// Request examples: the call's parameter values (path, query, API variables) as
    /// they appear in the URL (percent-encoding allowed), in spec order.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "serialize_pairs"
    )]
    pub params: Vec<(String, String)>,
    /// Findings it must produce: the errors of an invalid example, any warnings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<Expectation>,
    /// Where the text starts.
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub locs: KeyLocs,
    /// Where each name of `params` was written.
    #[serde(skip)]
    pub param_locs: KeyLocs,
}

impl Example {
    /// Whether the text is "no body" (empty, or whitespace only), as the validator reads
    /// a payload.
    pub fn is_blank(&self) -> bool {
        vendorspec_runtime::endpoint::is_blank(self.text.as_bytes())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleForm {
    /// A whole body.
    Document,
    /// Members of the type written as the docs write them (`Modules: {AV: true}`),
    /// without braces; only the given members are checked.
    Members,
}

#[derive(Clone, Debug, Serialize)]
pub struct Expectation {
    pub rule: String,
    /// Which part of the call the finding is about: the body, or a path or query
    /// parameter (`pointer` is then `/NAME`).
    #[serde(skip_serializing_if = "Part::is_body")]
    pub part: Part,
    pub pointer: String,
    pub severity: Severity,
    /// Line and column in the example text, when the example pins them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip)]
    pub locs: KeyLocs,
}

/// The part of a call an expected finding is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The body (the pointer is a JSON pointer into it).
    #[default]
    Body,
    /// A path parameter, or an API variable of the URL (the pointer is `/NAME`).
    Path,
    /// A query parameter (the pointer is `/NAME`).
    Query,
}

impl Part {
    pub const ALL: [(&'static str, Part); 3] = [
        ("body", Part::Body),
        ("path", Part::Path),
        ("query", Part::Query),
    ];

    pub fn is_body(&self) -> bool {
        *self == Part::Body
    }

    /// The word in the spec language.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Path => "path",
            Part::Query => "query",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A literal value in the spec: defaults, enum values, condition operands.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Literal>),
    Object(Vec<(String, Literal)>),
}

impl Literal {
    /// The literal as JSON text, for messages and generated code.
    pub fn to_json(&self) -> String {
        match self {
            Literal::Null => "null".into(),
            Literal::Bool(b) => b.to_string(),
            Literal::Int(i) => i.to_string(),
            Literal::Float(f) => f.to_string(),
            Literal::String(s) => json_string(s),
            Literal::Array(items) => {
                let items: Vec<String> = items.iter().map(Literal::to_json).collect();
                format!("[{}]", items.join(", "))
            }
            Literal::Object(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("{}: {}", json_string(k), v.to_json()))
                    .collect();
                format!("{{{}}}", members.join(", "))
            }
        }
    }
}

impl Serialize for Literal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Literal::Null => s.serialize_unit(),
            Literal::Bool(b) => s.serialize_bool(*b),
            Literal::Int(i) => s.serialize_i64(*i),
            Literal::Float(f) => s.serialize_f64(*f),
            Literal::String(v) => s.serialize_str(v),
            Literal::Array(items) => s.collect_seq(items),
            Literal::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Name-value pairs as a mapping, in their order.
fn serialize_pairs<S: serde::Serializer>(
    pairs: &[(String, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

fn serialize_format<S: serde::Serializer>(f: &Option<Format>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => s.serialize_str(f.name()),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Constraints::has` knows every keyword of the table, and nothing else.
    #[test]
    fn has_reads_every_keyword_of_the_table() {
        let duration = Duration { minutes: 1 };
        let all = Constraints {
            format: Some(Format::Uuid),
            pattern: Some("^a$".into()),
            min_length: Some(1),
            max_length: Some(2),
            minimum: Some(Number::Int(1)),
            maximum: Some(Number::Int(2)),
            min_items: Some(1),
            max_items: Some(2),
            unique_items: true,
            min_duration: Some(duration),
            max_duration: Some(duration),
        };
        for keyword in vendorspec_runtime::keywords::KEYWORDS {
            assert!(all.has(keyword.name), "{}", keyword.name);
            assert!(
                !Constraints::default().has(keyword.name),
                "{}",
                keyword.name
            );
        }
        assert!(!all.has("type"));
    }
}
