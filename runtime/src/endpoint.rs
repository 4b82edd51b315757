//! Endpoints: what a call looks like (API, method, path template, parameters, scope,
//! bodies), checks of parameter values, the response for a status code, and
//! transport-agnostic request construction into `http::Request<Vec<u8>>`, so any HTTP
//! client can send it.
//!
//! The generator emits one [`EndpointDesc`] per spec endpoint and a registry of them; the
//! CLI and the typed request builders read these.

use std::fmt;

use crate::desc::{EnumBase, NameMatching, ObjectDesc, Shape};
use crate::finding::{Finding, Report, Rule, Severity};
use crate::reader::{self, Kind, Syntax};
use crate::typed::{Contract, FromTree};
use crate::walk::{self, Binding, Options};

/// An API: where it lives and how its bodies are written.
#[derive(Debug)]
pub struct ApiDesc {
    pub id: &'static str,
    pub title: &'static str,
    /// With `{variable}` placeholders, filled from each endpoint's parameters.
    pub base_url: &'static str,
    pub names: NameMatching,
    pub syntax: Syntax,
    /// Request bodies are sent as `{"value": "<the document as a string>"}`.
    pub envelope: bool,
    pub auth: AuthDesc,
}

impl ApiDesc {
    /// How this API's request payloads are read.
    pub fn request_options(&self) -> Options {
        Options {
            syntax: self.syntax,
            names: self.names,
            envelope: self.envelope,
            binding: self.request_binding(),
        }
    }

    /// How the server binds a request's values: an API whose bodies are lenient is read by
    /// Json.NET (the Ivanti server), [`Binding::JsonNet`]; any other API's as JSON Schema
    /// reads them (the Cylance admin API is ASP.NET too, but no evidence shows how it
    /// binds integers and nulls, so it keeps the contract's plain reading).
    pub fn request_binding(&self) -> Binding {
        match self.syntax {
            Syntax::Lenient => Binding::JsonNet,
            Syntax::Strict => Binding::Json,
        }
    }

    /// A request body's JSON text as it is sent: stringified inside `{"value": ...}` for
    /// enveloped APIs, unchanged otherwise. Responses are never enveloped.
    pub fn wire_request_body(&self, json: String) -> String {
        if self.envelope {
            serde_json::json!({ "value": json }).to_string()
        } else {
            json
        }
    }

    /// How this API's responses are read: the same names, strict JSON, no envelope.
    pub fn response_options(&self) -> Options {
        Options {
            syntax: Syntax::Strict,
            names: self.names,
            envelope: false,
            binding: Binding::Json,
        }
    }
}

/// Where the published schemas live: each document's `$id` is this base and its file
/// name. A build setting: set `VENDORSPEC_SCHEMA_BASE` (ending in `/`) when building to
/// publish them elsewhere.
pub const SCHEMA_BASE: &str = match option_env!("VENDORSPEC_SCHEMA_BASE") {
    Some(base) => base,
    None => "https://vendorspec.github.io/vendorspec/schemas/v0.1/",
};

/// Bearer-JWT authentication as the API documents it.
#[derive(Debug)]
pub struct AuthDesc {
    /// The JWT claim listing the granted scopes (`scp`).
    pub scope_claim: Option<&'static str>,
    pub scope_separator: Option<&'static str>,
    /// Tokens valid for longer are refused.
    pub max_token_lifetime_minutes: Option<u32>,
    /// Where the API issues tokens itself.
    pub login: Option<LoginDesc>,
}

#[derive(Debug)]
pub struct LoginDesc {
    pub method: &'static str,
    pub path: &'static str,
    /// The response member holding the token.
    pub token_member: &'static str,
}

/// Whether a documented body must be sent (or returned), or may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// A blank payload (no bytes, or only whitespace) is one `required` finding.
    Required,
    /// A blank payload means "no body", which is valid.
    Optional,
}

/// A documented response.
#[derive(Debug)]
pub struct ResponseDesc {
    pub status: &'static [u16],
    pub description: &'static str,
    pub body: Option<Shape>,
    /// Whether a response with this status may come with no body.
    pub presence: Presence,
    /// A documented variant with the body inside a member (`{"status", "data": body}`).
    pub wrapped: Option<WrappedDesc>,
    /// The spec's valid examples of this body, as written.
    pub examples: &'static [&'static str],
}

/// The wrapped variant of a response body.
#[derive(Debug)]
pub struct WrappedDesc {
    /// The member that holds the body; its presence tells the variants apart.
    pub member: &'static str,
    /// The whole wrapper object.
    pub shape: Shape,
}

impl WrappedDesc {
    /// The schema that tells the wrapped variant from the flat one, as the validator does:
    /// an object with the wrapper member. `properties` names the member the `required` is
    /// about, so strict engines (Ajv's strictRequired) accept it; `true` constrains nothing.
    pub fn condition(&self) -> serde_json::Value {
        serde_json::json!({
            "type": "object",
            "properties": { self.member: true },
            "required": [self.member],
        })
    }
}

/// One endpoint.
#[derive(Debug)]
pub struct EndpointDesc {
    /// The stable id (`create_job`).
    pub id: &'static str,
    pub summary: &'static str,
    pub api: &'static ApiDesc,
    pub method: &'static str,
    /// With `{parameter}` placeholders.
    pub path: &'static str,
    /// The JWT scope the token must carry.
    pub scope: Option<&'static str>,
    /// Every parameter as the members of one object: path parameters, query parameters
    /// and the API's variables. Members that fill a `{placeholder}` of the base URL or the
    /// path go there; the others make the query string.
    pub params: Shape,
    pub request: Option<Shape>,
    /// Whether the request body may be left out (meaningful when `request` is `Some`).
    pub request_presence: Presence,
    /// The spec's valid examples of the request body, as written (any syntax, either
    /// encoding).
    pub request_examples: &'static [&'static str],
    pub responses: &'static [ResponseDesc],
}

/// Which body of an endpoint a payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Request,
    /// The response with this status, or the first documented (success) one.
    Response(Option<u16>),
}

/// Whether a payload is "no body": no bytes, or only whitespace (JSON's four, and a
/// byte-order mark, which editors write into otherwise empty files).
pub fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The one finding of a blank payload where a body is required.
fn empty_body_finding(kind: BodyKind) -> Finding {
    let what = match kind {
        BodyKind::Request => "request",
        BodyKind::Response(_) => "response",
    };
    single_finding(
        Rule::Required,
        format!("the {what} body is empty; this endpoint needs one"),
    )
    .with_help(format!("write the {what} body as a JSON object"))
}

/// Why a body cannot be validated or a request cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointError {
    /// The endpoint documents no such body.
    NoBody {
        endpoint: &'static str,
        what: String,
    },
    /// Parameter values are missing or invalid; each finding says which and why.
    Parameters(Vec<Finding>),
    /// The body or the parameters could not be written as JSON.
    Json(String),
    /// The pieces do not make a valid HTTP request.
    Http(String),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::NoBody { endpoint, what } => {
                write!(f, "`{endpoint}` has no {what} body")
            }
            EndpointError::Parameters(findings) => {
                let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
                write!(f, "invalid parameters: {}", messages.join("; "))
            }
            EndpointError::Json(e) => write!(f, "cannot be written as JSON: {e}"),
            EndpointError::Http(e) => write!(f, "the request is not valid HTTP: {e}"),
        }
    }
}

impl std::error::Error for EndpointError {}

impl EndpointDesc {
    /// The documented response for `status`, or the first one (the success response).
    pub fn response(&self, status: Option<u16>) -> Option<&'static ResponseDesc> {
        match status {
            Some(code) => self.responses.iter().find(|r| r.status.contains(&code)),
            None => self.responses.first(),
        }
    }

    /// Whether the body may be left out: `Some(Optional)` or `Some(Required)` when the
    /// endpoint documents this body, `None` when it documents none.
    pub fn presence(&self, kind: BodyKind) -> Option<Presence> {
        match kind {
            BodyKind::Request => self.request.as_ref().map(|_| self.request_presence),
            BodyKind::Response(status) => self
                .response(status)
                .filter(|r| r.body.is_some())
                .map(|r| r.presence),
        }
    }

    /// Validates a payload as this endpoint's request or response body.
    ///
    /// A blank payload ([`is_blank`]: no bytes, or only whitespace) is "no body": valid
    /// where the body is optional, one `required` finding at the root where it is
    /// required, never a `syntax` error.
    pub fn validate(&self, kind: BodyKind, bytes: &[u8]) -> Result<Report, EndpointError> {
        self.validate_as(kind, bytes, None)
    }

    /// [`EndpointDesc::validate`], reading the text in `syntax` instead of the API's own
    /// where given: a payload file in JSON5 is read leniently whatever the API (member
    /// names, the envelope and every rule stay the API's).
    pub fn validate_as(
        &self,
        kind: BodyKind,
        bytes: &[u8],
        syntax: Option<Syntax>,
    ) -> Result<Report, EndpointError> {
        if is_blank(bytes) {
            return match self.presence(kind) {
                Some(Presence::Optional) => Ok(Report::new()),
                Some(Presence::Required) => {
                    let mut report = Report::new();
                    report.push(empty_body_finding(kind));
                    Ok(report)
                }
                None => Err(match kind {
                    BodyKind::Request => self.no_body("request"),
                    BodyKind::Response(status) => self.no_response(status),
                }),
            };
        }
        match kind {
            BodyKind::Request => {
                let shape = self
                    .request
                    .as_ref()
                    .ok_or_else(|| self.no_body("request"))?;
                let mut options = self.api.request_options();
                options.syntax = syntax.unwrap_or(options.syntax);
                Ok(walk::validate(bytes, shape, &options))
            }
            BodyKind::Response(status) => {
                let (report, _) = self.walk_response(status, bytes, syntax, |_, _| ())?;
                Ok(report)
            }
        }
    }

    /// Parses a response body once, picks the variant (wrapped when the object has the
    /// wrapper member), walks it, and hands the document's body value to `read`.
    fn walk_response<R>(
        &self,
        status: Option<u16>,
        bytes: &[u8],
        syntax: Option<Syntax>,
        read: impl FnOnce(reader::ValueRef<'_>, NameMatching) -> R,
    ) -> Result<(Report, Option<R>), EndpointError> {
        let response = self
            .response(status)
            .ok_or_else(|| self.no_response(status))?;
        let body = response
            .body
            .as_ref()
            .ok_or_else(|| self.no_response(status))?;
        let mut options = self.api.response_options();
        options.syntax = syntax.unwrap_or(options.syntax);
        let mut report = Report::new();
        let doc = match reader::parse(bytes, options.syntax) {
            Ok(doc) => doc,
            Err(finding) => {
                report.push(finding);
                return Ok((report, None));
            }
        };
        let root = doc.root();
        let wrapper = response.wrapped.as_ref().and_then(|w| {
            let member = (root.kind() == Kind::Object)
                .then(|| crate::typed::member(root, w.member, options.names))
                .flatten()?;
            Some((w, member))
        });
        let (shape, value) = match wrapper {
            Some((w, member)) => (&w.shape, member),
            None => (body, root),
        };
        walk::walk_document(&doc, shape, &options, &mut report);
        let read = (!report.has_errors()).then(|| read(value, options.names));
        Ok((report, read))
    }

    /// Validates a response and builds its typed body, unwrapping the wrapped variant.
    ///
    /// `None` when no body came ([`is_blank`]) where the response may come without one
    /// (a 204); where a body is required, that is the same `required` error
    /// [`EndpointDesc::validate`] gives.
    pub fn parse_response<T: Contract + FromTree>(
        &self,
        status: Option<u16>,
        bytes: &[u8],
    ) -> Result<(Option<T>, Report), Report> {
        if is_blank(bytes) {
            let report = self
                .validate(BodyKind::Response(status), bytes)
                .map_err(|e| single(Rule::Type, format!("{e}")))?;
            return if report.has_errors() {
                Err(report)
            } else {
                Ok((None, report))
            };
        }
        match self.walk_response(status, bytes, None, T::from_tree) {
            Err(e) => Err(single(Rule::Type, format!("{e}"))),
            Ok((report, _)) if report.has_errors() => Err(report),
            Ok((report, Some(Some(value)))) => Ok((Some(value), report)),
            Ok(_) => Err(single(
                Rule::Type,
                "the body does not have the documented shape".into(),
            )),
        }
    }

    /// The published JSON Schema (draft 2020-12) of a body: the contract's schema with
    /// `$id`, `title`, `description` and the spec's valid examples (normalized). A response
    /// with a wrapped variant is `anyOf` the wrapper (which has the wrapper member) and the
    /// body (which has not), both named in `$defs`, as the validator chooses.
    pub fn schema(&self, kind: BodyKind) -> Option<serde_json::Value> {
        use serde_json::Value;
        let (shape, examples, options, suffix) = match kind {
            BodyKind::Request => (
                self.request.as_ref()?,
                self.request_examples,
                self.api.request_options(),
                "request",
            ),
            BodyKind::Response(status) => {
                let r = self.response(status)?;
                (
                    r.body.as_ref()?,
                    r.examples,
                    self.api.response_options(),
                    "response",
                )
            }
        };
        let examples = examples
            .iter()
            .filter_map(|text| crate::normalize::normalize(text.as_bytes(), shape, &options).ok())
            .collect();
        let meta = crate::schema::DocumentMeta {
            id: format!("{SCHEMA_BASE}{}.{suffix}.schema.json", self.id),
            title: format!("{} {suffix} body", self.id),
            description: format!(
                "The {suffix} body of `{} {}` ({}, {}): {}.",
                self.method, self.path, self.api.title, self.id, self.summary
            ),
            examples,
        };
        let mut flat = crate::schema::document(shape, &meta);
        crate::schema::add_member_examples(&mut flat);
        if let BodyKind::Response(_) = kind {
            // A secret a response returns is read, not written.
            crate::schema::readable_secrets(&mut flat, None);
        }
        let wrapped = match kind {
            BodyKind::Response(status) => self.response(status).and_then(|r| r.wrapped.as_ref()),
            BodyKind::Request => None,
        };
        let Some(w) = wrapped else {
            return Some(flat);
        };
        // Both variants, chosen as the validator chooses.
        let inner = crate::schema::document(
            &w.shape,
            &crate::schema::DocumentMeta {
                id: String::new(),
                title: String::new(),
                description: String::new(),
                examples: Vec::new(),
            },
        );
        let strip = |doc: &Value| -> (
            serde_json::Map<String, Value>,
            serde_json::Map<String, Value>,
        ) {
            let mut root = doc.as_object().cloned().unwrap_or_default();
            let defs = match root.remove("$defs") {
                Some(Value::Object(d)) => d,
                _ => serde_json::Map::new(),
            };
            for key in [
                "$schema",
                "$id",
                "title",
                "description",
                "examples",
                "$comment",
            ] {
                root.remove(key);
            }
            (root, defs)
        };
        let (flat_root, mut defs) = strip(&flat);
        let (wrapped_root, wrapped_defs) = strip(&inner);
        defs.extend(wrapped_defs);
        let mut doc = serde_json::Map::new();
        for key in ["$schema", "$id", "title", "description", "examples"] {
            if let Some(v) = flat.get(key) {
                doc.insert(key.into(), v.clone());
            }
        }
        let comment = flat.get("$comment").and_then(Value::as_str).unwrap_or("");
        doc.insert(
            "$comment".into(),
            Value::String(format!(
                "{comment}; a body with a `{}` member is the wrapped variant",
                w.member
            )),
        );
        // Both variants as named definitions under `anyOf`, which code generators read as
        // a union of two classes (an `if`/`then`/`else` root gave them nothing to type).
        // The wrapper requires its member and the flat body must not have it, so exactly
        // one variant applies, as the validator chooses.
        let name_of = |shape: &Shape| match shape {
            Shape::Object(f) => f().name.to_owned(),
            _ => String::new(),
        };
        let wrapper_name = name_of(&w.shape);
        let flat_name = name_of(shape);
        // The wrapper's own definition requires its member (then a plain `$ref`, which
        // generators name after the definition), or the branch says so beside the `$ref`.
        let requires_member = wrapped_root
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|m| m == w.member));
        let mut wrapper_branch = serde_json::json!({ "$ref": format!("#/$defs/{wrapper_name}") });
        if !requires_member {
            wrapper_branch["required"] = serde_json::json!([w.member]);
        }
        defs.insert(wrapper_name.clone(), Value::Object(wrapped_root));
        defs.entry(flat_name.clone())
            .or_insert(Value::Object(flat_root));
        doc.insert("type".into(), "object".into());
        doc.insert(
            "anyOf".into(),
            serde_json::json!([wrapper_branch, { "$ref": format!("#/$defs/{flat_name}") }]),
        );
        // A body with the member is the wrapper, never the flat body with an unknown
        // member: `if`/`then`, which code generators leave aside (`properties` beside
        // `required` for Ajv's strictRequired).
        doc.insert(
            "if".into(),
            serde_json::json!({ "required": [w.member], "properties": { w.member: true } }),
        );
        doc.insert(
            "then".into(),
            serde_json::json!({ "$ref": format!("#/$defs/{wrapper_name}") }),
        );
        doc.insert("$defs".into(), Value::Object(defs));
        let mut doc = Value::Object(doc);
        crate::schema::readable_secrets(&mut doc, None);
        Some(doc)
    }

    /// The parameters' object descriptor.
    fn params_desc(&self) -> Option<&'static ObjectDesc> {
        match self.params {
            Shape::Object(f) => Some(f()),
            _ => None,
        }
    }

    /// Checks parameter values written as text (`expires=0:00:05`, percent-decoded first).
    /// Only the given parameters are checked (a missing one is not an error here), so a
    /// body can be validated with some or none of its parameters. Findings point at
    /// `/<parameter name>`.
    pub fn check_params(&self, params: &[(&str, &str)]) -> Vec<Finding> {
        self.walk_params(params)
            .into_iter()
            .filter(|f| f.rule != Rule::Required)
            .collect()
    }

    /// Writes text parameters as the JSON object the params shape describes, and walks it.
    fn walk_params(&self, params: &[(&str, &str)]) -> Vec<Finding> {
        let members = self.params_desc().map_or(&[][..], |d| d.members);
        let mut object = String::from("{");
        for (i, (name, raw)) in params.iter().enumerate() {
            if i > 0 {
                object.push(',');
            }
            let shape = members.iter().find(|m| m.name == *name).map(|m| &m.shape);
            object.push_str(&serde_json::Value::String(name.to_string()).to_string());
            object.push(':');
            object.push_str(&param_json(shape, &percent_decode(raw)));
        }
        object.push('}');
        walk::validate(object.as_bytes(), &self.params, &Options::default())
            .into_sorted()
            .into_iter()
            .map(|mut f| {
                // Positions in the synthesized object mean nothing to the user.
                f.line = 1;
                f.column = 1;
                f.offset = 0;
                let name = f
                    .pointer
                    .trim_start_matches('/')
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .to_string();
                if f.rule == Rule::UnknownField {
                    f.message = format!("unknown parameter `{name}` for `{}`", self.id);
                    if f.help.is_none() {
                        let known: Vec<&str> = members.iter().map(|m| m.name).collect();
                        f.help = Some(if known.is_empty() {
                            format!("`{}` takes no parameters", self.id)
                        } else {
                            format!("`{}` takes {}", self.id, known.join(", "))
                        });
                    }
                } else if !name.is_empty() {
                    f.message = format!("parameter `{name}`: {}", f.message);
                }
                f
            })
            .collect()
    }

    /// The URL for these parameter values: placeholders of the base URL and the path
    /// filled (path values percent-encoded, base-URL variables as written; defaults used for absent ones), the other given
    /// parameters appended as the query string in declaration order.
    pub fn url(&self, params: &[(&str, &str)]) -> Result<String, EndpointError> {
        let members = self.params_desc().map_or(&[][..], |d| d.members);
        let mut url = format!("{}{}", self.api.base_url, self.path);
        let mut problems: Vec<Finding> = self
            .walk_params(params)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let mut query = Vec::new();
        for m in members {
            let placeholder = format!("{{{}}}", m.name);
            let given = params
                .iter()
                .find(|(n, _)| *n == m.name)
                .map(|(_, v)| percent_decode(v));
            if url.contains(&placeholder) {
                let value = given.or_else(|| m.default.map(|d| d.trim_matches('"').to_string()));
                // A variable of the base URL sits in the authority, where percent-encoding
                // is not allowed (`[::1]` must stay as written); its contract's pattern has
                // already refused anything that does not belong there.
                let in_authority = self.api.base_url.contains(&placeholder);
                match value {
                    Some(v) if in_authority => url = url.replace(&placeholder, &v),
                    Some(v) => url = url.replace(&placeholder, &percent_encode(&v)),
                    None if problems
                        .iter()
                        .any(|f| f.rule == Rule::Required && f.pointer.ends_with(m.name)) => {}
                    None => problems.push(single_finding(
                        Rule::Required,
                        format!("missing parameter `{}`", m.name),
                    )),
                }
            } else if let Some(v) = given {
                query.push(format!("{}={}", m.name, percent_encode(&v)));
            }
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        if problems.is_empty() {
            Ok(url)
        } else {
            Err(EndpointError::Parameters(problems))
        }
    }

    /// Builds the HTTP request: method, URL, `Accept: application/json`, the bearer token
    /// when given, and the body (stringified inside `{"value": ...}` for enveloped APIs)
    /// with `Content-Type: application/json`.
    pub fn build_request<B: serde::Serialize>(
        &self,
        params: &[(&str, &str)],
        body: Option<&B>,
        token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, EndpointError> {
        let url = self.url(params)?;
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(url)
            .header(http::header::ACCEPT, "application/json");
        if let Some(token) = token {
            builder = builder.header(http::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let bytes = match body {
            None => Vec::new(),
            Some(body) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                let json =
                    serde_json::to_string(body).map_err(|e| EndpointError::Json(e.to_string()))?;
                self.api.wire_request_body(json).into_bytes()
            }
        };
        builder
            .body(bytes)
            .map_err(|e| EndpointError::Http(e.to_string()))
    }

    /// [`EndpointDesc::build_request`] from typed parameters (a `…Params` struct).
    pub fn build_typed<P: serde::Serialize, B: serde::Serialize>(
        &self,
        params: &P,
        body: Option<&B>,
        token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, EndpointError> {
        let value = serde_json::to_value(params).map_err(|e| EndpointError::Json(e.to_string()))?;
        let pairs: Vec<(String, String)> = match value {
            serde_json::Value::Object(map) => map
                .into_iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => (k, s),
                    other => (k, other.to_string()),
                })
                .collect(),
            _ => Vec::new(),
        };
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.build_request(&pairs, body, token)
    }

    fn no_body(&self, what: &str) -> EndpointError {
        EndpointError::NoBody {
            endpoint: self.id,
            what: what.to_string(),
        }
    }

    fn no_response(&self, status: Option<u16>) -> EndpointError {
        let documented: Vec<String> = self
            .responses
            .iter()
            .filter(|r| r.body.is_some())
            .flat_map(|r| r.status.iter().map(u16::to_string))
            .collect();
        let what = match status {
            Some(s) if documented.is_empty() => format!("response (status {s})"),
            Some(s) => format!(
                "response with status {s} (documented: {})",
                documented.join(", ")
            ),
            None => "documented response".into(),
        };
        self.no_body(&what)
    }
}

/// A parameter's text as the JSON value its shape expects: numbers and booleans as
/// themselves when they read as such, everything else as a string (so a wrong value is
/// reported by the walk with the shape's own rule).
fn param_json(shape: Option<&Shape>, text: &str) -> String {
    let as_string = || serde_json::Value::String(text.to_string()).to_string();
    match shape {
        Some(Shape::Boolean) if text == "true" || text == "false" => text.to_string(),
        Some(Shape::Integer(_) | Shape::Number(_)) => {
            match serde_json::from_str::<serde_json::Number>(text) {
                Ok(n) => n.to_string(),
                Err(_) => as_string(),
            }
        }
        Some(Shape::Enum(e)) if e().base == EnumBase::Integer => {
            match serde_json::from_str::<serde_json::Number>(text) {
                Ok(n) => n.to_string(),
                Err(_) => as_string(),
            }
        }
        _ => as_string(),
    }
}

fn single_finding(rule: Rule, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        rule,
        pointer: String::new(),
        line: 1,
        column: 1,
        offset: 0,
        message,
        help: None,
    }
}

fn single(rule: Rule, message: String) -> Report {
    let mut report = Report::new();
    report.push(single_finding(rule, message));
    report
}

/// `%3A` → `:`; invalid escapes are kept as written (the `percent-encoding` crate's
/// reading, as the traffic check's).
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const NOT_UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, NOT_UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_round_trip() {
        assert_eq!(percent_decode("0%3A00%3A05"), "0:00:05");
        assert_eq!(percent_encode("0:00:05"), "0%3A00%3A05");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        for s in ["a b/c?d", "éü", "plain-text_1.0~"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
    }
}
