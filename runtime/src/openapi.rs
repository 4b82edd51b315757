//! OpenAPI 3.1 documents from the endpoint registry: one document per API.
//!
//! Everything comes from the descriptors the validator reads, and every schema from the one
//! schema emitter ([`crate::schema`]): OpenAPI 3.1 schemas are JSON Schema 2020-12, so the
//! named objects and enums go under `components/schemas` exactly as they are in the
//! published schemas' `$defs`, and bodies and parameters `$ref` them.
//!
//! # What a document holds
//!
//! - `info`: the API's title, the vendorspec version that wrote it, and a description that
//!   states the wire facts in words.
//! - `servers`: the API's base URL; its `{placeholders}` are server variables with a
//!   `default` (the parameter's default, an enum's first value, else a plausible value of
//!   the parameter's format), an `enum` where the values are fixed, and the full schema as
//!   `x-vendorspec-schema` (server variables cannot carry a pattern or bounds).
//! - `components/securitySchemes/bearer`: HTTP bearer with a JWT. OpenAPI gives scopes only
//!   to OAuth2 and OpenID Connect schemes, and these APIs document neither flow, so each
//!   operation's scope is stated three ways: as the role name of its security requirement
//!   (`security: [{bearer: [SCOPE]}]`, which OpenAPI 3.1 allows for other schemes), as
//!   `x-vendorspec-scope`, and in its description. The scope claim, its separator, the
//!   longest token lifetime the API accepts and the login call are `x-vendorspec-*`
//!   members of the scheme, and sentences of its description.
//! - `paths`: one operation per endpoint, `operationId` the endpoint id; every path and
//!   query parameter with its schema and a valid `example`; the request body with the
//!   spec's valid examples; every documented status with its body (if any) and examples.
//!   Where the API sends request bodies inside the `{"value": "..."}` envelope, the request
//!   body's schema is that envelope, with the document's schema as the string's
//!   `contentSchema` (JSON Schema's annotation for a document inside a string) and the
//!   examples written as they are sent.
//! - The wire facts JSON Schema cannot state, as root members: `x-vendorspec-api` (the API
//!   id), `x-vendorspec-member-names` (`exact` or `case-insensitive`),
//!   `x-vendorspec-body-syntax` (`strict`, or `lenient` for the Json.NET dialect; it applies
//!   to request bodies, responses are strict JSON), `x-vendorspec-envelope` (`false`, or the
//!   envelope's member). Per body: `x-vendorspec-presence` (`required` or `optional`: a body
//!   that may be left out) and `x-vendorspec-unexpressible` (the rules no schema states,
//!   such as `range_order`).
//!
//! - Where the spec has no example of a body (the `delete_package_execution` 200), its
//!   example is the minimal valid body `vendorspec template --format json` writes, named
//!   `template`: a mock server then answers with a valid body instead of drawing one from
//!   the patterns (Prism drew a `createdAt` its own check refused).
//!
//! Three rewrites keep the schemas' meaning and make them read well in OpenAPI tools:
//! a secret member of a type a response reaches is `x-vendorspec-secret: true` instead
//! of `writeOnly: true` (which OpenAPI reads as "never in a response"); a boolean
//! subschema under `if`, `then`, `else` or `not` is written as an object (`{}`,
//! `{"not": {}}`); a schema that is only a one-branch `anyOf` or `oneOf` is its branch.
//!
//! The output is deterministic: `serde_json`'s maps are sorted, and lists follow the
//! registry's and the spec's order.

use schemars::SchemaGenerator;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::desc::{MemberDesc, NameMatching, Shape};
use crate::endpoint::{ApiDesc, EndpointDesc, Presence, ResponseDesc};
use crate::reader::Syntax;
use crate::schema::{member_schema, subschema, unexpressible};

/// The OpenAPI version of every document.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The name of the security scheme in `components/securitySchemes`.
pub const SECURITY_SCHEME: &str = "bearer";

/// The APIs of a registry, in the order their first endpoint appears, each once.
pub fn apis(registry: &[&'static EndpointDesc]) -> Vec<&'static ApiDesc> {
    let mut apis: Vec<&'static ApiDesc> = Vec::new();
    for e in registry {
        if !apis.iter().any(|a| a.id == e.api.id) {
            apis.push(e.api);
        }
    }
    apis
}

/// The OpenAPI 3.1 document of `api`, from the endpoints of `registry` that belong to it.
pub fn document(api: &ApiDesc, registry: &[&'static EndpointDesc]) -> Value {
    let endpoints: Vec<&'static EndpointDesc> = registry
        .iter()
        .copied()
        .filter(|e| e.api.id == api.id)
        .collect();
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    let mut generator = settings.into_generator();

    let mut paths = Map::new();
    for e in &endpoints {
        let path = paths
            .entry(e.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(methods) = path {
            methods.insert(e.method.to_ascii_lowercase(), operation(e, &mut generator));
        }
    }
    let server = server(api, &endpoints, &mut generator);
    let mut schemas = generator.take_definitions(false);
    readable_secrets(&paths, &mut schemas);
    schemas.values_mut().for_each(object_conditions);
    paths.values_mut().for_each(in_schemas);

    let mut components = Map::new();
    if !schemas.is_empty() {
        components.insert("schemas".into(), Value::Object(schemas));
    }
    components.insert(
        "securitySchemes".into(),
        json!({ SECURITY_SCHEME: security_scheme(api) }),
    );
    json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": api.title,
            "version": env!("CARGO_PKG_VERSION"),
            "description": info_description(api),
        },
        "servers": [server],
        "security": [{ SECURITY_SCHEME: [] }],
        "paths": paths,
        "components": components,
        "x-vendorspec-api": api.id,
        "x-vendorspec-member-names": names_word(api.names),
        "x-vendorspec-body-syntax": syntax_word(api.syntax),
        "x-vendorspec-envelope": if api.envelope { json!(ENVELOPE_MEMBER) } else { json!(false) },
    })
}

/// A secret member of a response body (the lockdown response's unlock `password`) is sent
/// by the server, so it cannot be `writeOnly` (which OpenAPI reads as "never in a
/// response"): in every named type a response reaches, `writeOnly: true` becomes
/// `x-vendorspec-secret: true` (vendorspec masks it in every output all the same). Types
/// only requests reach keep `writeOnly`.
fn readable_secrets(paths: &Map<String, Value>, schemas: &mut Map<String, Value>) {
    let mut reached: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for op in paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|m| m.values())
    {
        if let Some(responses) = op.get("responses") {
            refs(responses, &mut pending);
        }
    }
    while let Some(name) = pending.pop() {
        if reached.contains(&name) {
            continue;
        }
        if let Some(schema) = schemas.get(&name) {
            refs(schema, &mut pending);
        }
        reached.push(name);
    }
    for name in &reached {
        if let Some(schema) = schemas.get_mut(name) {
            crate::schema::readable_secrets(schema, Some("x-vendorspec-secret"));
        }
    }
}

/// The component names `value` references.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                out.push(name.to_string());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Applies [`object_conditions`] to every `schema` member under `value` (parameters and
/// media types), leaving examples alone.
fn in_schemas(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "schema" {
                    object_conditions(v);
                } else if key != "examples" && key != "example" {
                    in_schemas(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(in_schemas),
        _ => {}
    }
}

/// A boolean subschema under `if`, `then`, `else` or `not` written as the object schema
/// that means the same (`true` is `{}`, `false` is `{"not": {}}`): JSON Schema allows
/// both, and Redocly's OpenAPI 3.1 structure check accepts only objects there. A schema
/// that is only `anyOf` or `oneOf` of one schema is that schema (Redocly warns of the
/// one-branch composition).
fn object_conditions(schema: &mut Value) {
    if let Value::Object(map) = schema
        && map.len() == 1
        && let Some((_, Value::Array(branches))) = map
            .iter_mut()
            .find(|(k, _)| matches!(k.as_str(), "anyOf" | "oneOf"))
        && branches.len() == 1
    {
        let only = branches.remove(0);
        *schema = only;
    }
    match schema {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if matches!(key.as_str(), "if" | "then" | "else" | "not")
                    && let Value::Bool(b) = v
                {
                    *v = if *b { json!({}) } else { json!({ "not": {} }) };
                }
                if !matches!(key.as_str(), "examples" | "default" | "const" | "enum") {
                    object_conditions(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(object_conditions),
        _ => {}
    }
}

/// The member of the `{"value": "..."}` envelope.
const ENVELOPE_MEMBER: &str = "value";

fn names_word(names: NameMatching) -> &'static str {
    match names {
        NameMatching::Exact => "exact",
        NameMatching::CaseInsensitive => "case-insensitive",
    }
}

fn syntax_word(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::Strict => "strict",
        Syntax::Lenient => "lenient",
    }
}

/// The wire facts in words, for `info.description`.
fn info_description(api: &ApiDesc) -> String {
    let mut text = format!(
        "The {} as vendorspec's contract states it. Generated from the contract by \
         `vendorspec openapi {}`; do not edit.\n\n",
        api.title, api.id
    );
    text.push_str("Wire facts that JSON Schema cannot state (also in the `x-vendorspec-*` members of this document):\n\n");
    text.push_str(match api.names {
        NameMatching::Exact => "- Member names are matched exactly, as the schemas spell them.\n",
        NameMatching::CaseInsensitive => {
            "- Member names are matched case-insensitively: the schemas spell each member \
             canonically, and the server takes any ASCII casing of it (`EndIP` for `EndIp`). \
             A JSON Schema validator compares names exactly, so fold names to the canonical \
             spelling first (`vendorspec validate` does).\n"
        }
    });
    text.push_str(match api.syntax {
        Syntax::Strict => "- Bodies are strict JSON (RFC 8259).\n",
        Syntax::Lenient => {
            "- Request bodies may be written in the lenient Json.NET dialect the server reads \
             (unquoted member names, single-quoted strings, trailing commas, comments); the \
             examples here are strict JSON. Responses are strict JSON.\n"
        }
    });
    if api.envelope {
        text.push_str(
            "- A request body is sent as `{\"value\": \"<the document as a JSON string>\"}`: \
             each request body's schema is that envelope, with the document's schema as the \
             string's `contentSchema`.\n",
        );
    }
    text.push_str(&format!("- {}\n", auth_sentence(api)));
    text
}

/// How a call authenticates, in one paragraph.
fn auth_sentence(api: &ApiDesc) -> String {
    let auth = &api.auth;
    let mut text = String::from("Every call carries `Authorization: Bearer <JWT>`.");
    if let Some(claim) = auth.scope_claim {
        text.push_str(&format!(
            " The token's `{claim}` claim lists the scopes it grants"
        ));
        if let Some(sep) = auth.scope_separator {
            text.push_str(&format!(", separated by `{sep}`"));
        }
        text.push_str(
            "; each operation names the scope it needs (its security requirement and \
             `x-vendorspec-scope`).",
        );
    }
    if let Some(minutes) = auth.max_token_lifetime_minutes {
        text.push_str(&format!(
            " Tokens valid for more than {minutes} minutes are refused."
        ));
    }
    if let Some(login) = &auth.login {
        text.push_str(&format!(
            " The token is the `{}` member of the response to `{} {}`.",
            login.token_member, login.method, login.path
        ));
    }
    text
}

fn security_scheme(api: &ApiDesc) -> Value {
    let auth = &api.auth;
    let mut scheme = json!({
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": auth_sentence(api),
    });
    if let Some(claim) = auth.scope_claim {
        scheme["x-vendorspec-scope-claim"] = claim.into();
    }
    if let Some(sep) = auth.scope_separator {
        scheme["x-vendorspec-scope-separator"] = sep.into();
    }
    if let Some(minutes) = auth.max_token_lifetime_minutes {
        scheme["x-vendorspec-max-token-lifetime-minutes"] = minutes.into();
    }
    if let Some(login) = &auth.login {
        scheme["x-vendorspec-login"] = json!({
            "method": login.method,
            "path": login.path,
            "token_member": login.token_member,
        });
    }
    scheme
}

/// The parameters' members of an endpoint.
fn params(e: &EndpointDesc) -> &'static [MemberDesc] {
    match e.params {
        Shape::Object(o) => o().members,
        _ => &[],
    }
}

/// The one server: the base URL, its placeholders as variables.
fn server(
    api: &ApiDesc,
    endpoints: &[&'static EndpointDesc],
    generator: &mut SchemaGenerator,
) -> Value {
    let mut variables = Map::new();
    for m in endpoints.iter().flat_map(|e| params(e)) {
        if !api.base_url.contains(&format!("{{{}}}", m.name)) || variables.contains_key(m.name) {
            continue;
        }
        let mut variable = Map::new();
        variable.insert("default".into(), text_of(&example_value(m)).into());
        if let Shape::Enum(e) = m.shape {
            let values: Vec<Value> = e()
                .values
                .iter()
                .map(|v| text_of(&Value::from(v.value)).into())
                .collect();
            variable.insert("enum".into(), values.into());
        }
        let mut description = m.description.trim().to_string();
        if m.default.is_none() {
            description.push_str(" The default here is only a placeholder: set your own.");
        }
        variable.insert("description".into(), description.trim().into());
        variable.insert("x-vendorspec-schema".into(), member_schema(m, generator));
        variables.insert(m.name.into(), Value::Object(variable));
    }
    let mut server = json!({
        "url": api.base_url,
        "description": api.title,
    });
    if !variables.is_empty() {
        server["variables"] = Value::Object(variables);
    }
    server
}

/// A value as it appears in a URL: strings as they are, anything else as its JSON text.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A valid value of a parameter: its default, an enum's first value, else a plausible
/// value of its format (as `vendorspec template` fills one in).
pub fn example_value(m: &MemberDesc) -> Value {
    if let Some(default) = crate::template::default_value(m.default) {
        return default;
    }
    crate::template::scalar(&m.shape)
}

fn operation(e: &'static EndpointDesc, generator: &mut SchemaGenerator) -> Value {
    let mut op = Map::new();
    op.insert("operationId".into(), e.id.into());
    op.insert("summary".into(), e.summary.into());
    let mut description = format!(
        "{}: `{} {}` of the {}.",
        e.summary, e.method, e.path, e.api.title
    );
    match e.scope {
        Some(scope) => {
            description.push_str(&format!(" The bearer token must grant the scope `{scope}`"));
            if let Some(claim) = e.api.auth.scope_claim {
                description.push_str(&format!(" (in its `{claim}` claim)"));
            }
            description.push('.');
            op.insert("x-vendorspec-scope".into(), scope.into());
            op.insert("security".into(), json!([{ SECURITY_SCHEME: [scope] }]));
        }
        None => description.push_str(" The contract names no scope for it."),
    }
    op.insert("description".into(), description.into());

    let parameters: Vec<Value> = params(e)
        .iter()
        .filter(|m| !e.api.base_url.contains(&format!("{{{}}}", m.name)))
        .map(|m| parameter(e, m, generator))
        .collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), parameters.into());
    }
    if let Some(body) = request_body(e, generator) {
        op.insert("requestBody".into(), body);
    }
    let mut responses = Map::new();
    for r in e.responses {
        for status in r.status {
            responses.insert(status.to_string(), response(e, r, generator));
        }
    }
    op.insert("responses".into(), Value::Object(responses));
    Value::Object(op)
}

fn parameter(e: &EndpointDesc, m: &MemberDesc, generator: &mut SchemaGenerator) -> Value {
    let in_path = e.path.contains(&format!("{{{}}}", m.name));
    let mut schema = member_schema(m, generator);
    if let Value::Object(map) = &mut schema {
        // The parameter says it; the schema need not repeat it.
        map.remove("description");
    }
    let mut p = json!({
        "name": m.name,
        "in": if in_path { "path" } else { "query" },
        "required": in_path || m.required,
        "schema": schema,
        "example": example_value(m),
    });
    if !m.description.is_empty() {
        p["description"] = m.description.trim().into();
    }
    p
}

fn presence_word(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
    }
}

/// The spec's valid examples of a body, normalized (canonical names, strict JSON, no
/// envelope), as the published schemas carry them; each distinct value once (the Ivanti
/// sample written bare and in its envelope is one example).
fn normalized(texts: &[&str], shape: &Shape, options: &crate::walk::Options) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    for text in texts {
        if let Ok(value) = crate::normalize::normalize(text.as_bytes(), shape, options)
            && !values.contains(&value)
        {
            values.push(value);
        }
    }
    values
}

/// The examples of a body: the spec's valid ones, normalized; where the spec has none, the
/// minimal valid body `vendorspec template --format json` prints (so that mock servers
/// such as Prism answer with a valid body instead of drawing one from the patterns), and
/// `true` to say so.
fn example_values(values: Vec<Value>, shape: &Shape) -> (Vec<Value>, bool) {
    if !values.is_empty() {
        return (values, false);
    }
    let text = crate::template::template(shape, None, crate::template::TemplateFormat::Json);
    match serde_json::from_str(&text) {
        Ok(value) => (vec![value], true),
        Err(_) => (Vec::new(), false),
    }
}

/// `{"example-1": {"value": ...}, ...}`, or `{"template": {"summary", "value"}}` for a
/// template; `None` when there is none.
fn examples((values, templated): (Vec<Value>, bool)) -> Option<Value> {
    if values.is_empty() {
        return None;
    }
    if templated {
        return Some(json!({
            "template": {
                "summary": "A minimal valid body, as `vendorspec template` writes it (the spec has no example of this body)",
                "value": values[0],
            }
        }));
    }
    let map: Map<String, Value> = values
        .into_iter()
        .enumerate()
        .map(|(i, value)| (format!("example-{}", i + 1), json!({ "value": value })))
        .collect();
    Some(Value::Object(map))
}

/// The unexpressible rules of a body, as a `x-vendorspec-unexpressible` member and a
/// sentence.
fn gaps(shape: &Shape, target: &mut Map<String, Value>, description: &mut String) {
    let gaps = unexpressible(shape);
    if !gaps.is_empty() {
        description.push_str(&format!(
            " Not expressible in JSON Schema, checked by vendorspec only: {}.",
            gaps.join("; ")
        ));
        target.insert("x-vendorspec-unexpressible".into(), gaps.into());
    }
}

fn request_body(e: &'static EndpointDesc, generator: &mut SchemaGenerator) -> Option<Value> {
    let shape = e.request.as_ref()?;
    let api = e.api;
    let document = subschema(shape, generator);
    let (values, templated) = example_values(
        normalized(e.request_examples, shape, &api.request_options()),
        shape,
    );
    let mut description = format!("The request body of `{}`.", e.id);
    if e.request_presence == Presence::Optional {
        description.push_str(" It may be left out: the call is valid with no body at all.");
    }
    let (schema, values) = if api.envelope {
        description.push_str(
            " It is sent inside the envelope `{\"value\": \"...\"}`: the document, written \
             as JSON text (the lenient dialect allowed), is the string `value`.",
        );
        let schema = json!({
            "type": "object",
            "properties": {
                ENVELOPE_MEMBER: {
                    "type": "string",
                    "description": "The request document as JSON text.",
                    "contentMediaType": "application/json",
                    "contentSchema": document,
                },
            },
            "required": [ENVELOPE_MEMBER],
            "additionalProperties": false,
        });
        let wire = values
            .into_iter()
            .map(|v| json!({ ENVELOPE_MEMBER: v.to_string() }))
            .collect();
        (schema, (wire, templated))
    } else {
        (document, (values, templated))
    };
    let mut body = Map::new();
    gaps(shape, &mut body, &mut description);
    body.insert("description".into(), description.into());
    body.insert(
        "required".into(),
        (e.request_presence == Presence::Required).into(),
    );
    body.insert(
        "x-vendorspec-presence".into(),
        presence_word(e.request_presence).into(),
    );
    let mut media = json!({ "schema": schema });
    if let Some(examples) = examples(values) {
        media["examples"] = examples;
    }
    body.insert("content".into(), json!({ "application/json": media }));
    Some(Value::Object(body))
}

fn response(
    e: &'static EndpointDesc,
    r: &'static ResponseDesc,
    generator: &mut SchemaGenerator,
) -> Value {
    let mut out = Map::new();
    let mut description = r.description.trim().to_string();
    if let Some(shape) = &r.body {
        let flat = subschema(shape, generator);
        let schema = match &r.wrapped {
            Some(w) => {
                description.push_str(&format!(
                    " The body comes flat or wrapped: an object with a `{}` member is the \
                     wrapped variant, any other the flat one.",
                    w.member
                ));
                // As the validator chooses (and as the published schema says).
                json!({
                    "if": w.condition(),
                    "then": subschema(&w.shape, generator),
                    "else": flat,
                })
            }
            None => flat,
        };
        if r.presence == Presence::Optional {
            description.push_str(" The body may be left out.");
        }
        gaps(shape, &mut out, &mut description);
        out.insert(
            "x-vendorspec-presence".into(),
            presence_word(r.presence).into(),
        );
        let mut media = json!({ "schema": schema });
        let values = normalized(r.examples, shape, &e.api.response_options());
        if let Some(examples) = examples(example_values(values, shape)) {
            media["examples"] = examples;
        }
        out.insert("content".into(), json!({ "application/json": media }));
    }
    out.insert("description".into(), description.into());
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            names_word(NameMatching::CaseInsensitive),
            "case-insensitive"
        );
        assert_eq!(syntax_word(Syntax::Lenient), "lenient");
        assert_eq!(text_of(&json!(43470)), "43470");
        assert_eq!(text_of(&json!("us")), "us");
        assert!(examples((Vec::new(), false)).is_none());
        let two = examples((vec![json!(1), json!({})], false)).unwrap();
        assert_eq!(two["example-1"]["value"], json!(1));
        assert_eq!(two["example-2"]["value"], json!({}));
    }
}
