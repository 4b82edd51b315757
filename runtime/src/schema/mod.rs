//! JSON Schema (draft 2020-12) from descriptors.
//!
//! The validator ([`crate::walk`]) and this module read the same [`Shape`], and the schema
//! accepts exactly what the validator accepts, on payloads that are already normalized
//! (canonical member names, no duplicate members, no envelope). The one exception is
//! `range_order`, which JSON Schema cannot state: each one is named in a `$comment` on its
//! object and in the document's root `$comment`.
//!
//! # Mapping
//!
//! | descriptor | schema |
//! |---|---|
//! | `String` | `type: string`, `minLength`, `maxLength` (both count code points, as the validator counts Unicode scalar values), `pattern` copied as is |
//! | `format` | an anchored `pattern` (see [`format_pattern`]) plus `not: {pattern: "\n"}` (see below); with a `pattern` too, `allOf: [{pattern}, {format}]` |
//! | `duration_dhm` + `min_duration`/`max_duration` | one anchored `pattern` accepting exactly the `d:hh:mm` strings within the bounds ([`duration_pattern`]) |
//! | `Integer` | `type: integer` (value-based: `1.0` is an integer), `minimum`, `maximum`; no bound when the descriptor has none (the walk limits nothing else) |
//! | `Number` | `type: number`, `minimum`, `maximum` |
//! | `Boolean` | `type: boolean` |
//! | `Array` | `type: array`, `items`, `minItems`, `maxItems`, `uniqueItems: true` |
//! | `Enum` | `title`, `description`, `type`, and `oneOf` of one `{const, title, description}` per value |
//! | `Object` | `type: object`, `title`, `description`, `properties`, `required`, `additionalProperties: false` for [`Unknown::Reject`], rules in `allOf`, `$comment` for `range_order` and advice |
//! | member | its shape's schema plus `description`, `default` (the member's JSON text, parsed) and `writeOnly: true` for secrets (a secret's default is never published) |
//! | named objects and enums | `$defs/<name>`, referenced with `$ref` |
//!
//! Rules, each one entry of the object's `allOf` with a `$comment` naming it:
//!
//! - a member *counts* ([`Count`]): `Present` is `{required: [m], properties: {m: true}}`
//!   (the `properties` entry is for Ajv's `strictRequired`, see "Engines"); `NonEmpty` is
//!   `{required: [m], properties: {m: {type: array, minItems: 1}}}`;
//! - `exactly_one_of`: `oneOf` of each member's *counts* schema;
//! - `at_least_one_of`: `anyOf` of the same;
//! - `requires`: `if` (every `when` test) / `then` (every `then` test); with no `when` test
//!   the `then` tests apply unconditionally;
//! - `range_order`: nothing but the `$comment` (the only gap).
//!
//! Tests ([`Predicate`]) on member `m` (`d` is the member's `default_lit`):
//!
//! | test | schema |
//! |---|---|
//! | `present: true` / `false` | `{required: [m], properties: {m: true}}` / its `not` |
//! | `non_empty: true` / `false` | `{required: [m], properties: {m: {type: array, minItems: 1}}}` / its `not` |
//! | `equals: v` | `{properties: {m: {const: v}}}`, plus `required: [m]` unless `d` equals `v` |
//! | `in: vs` | `{properties: {m: {enum: vs}}}`, plus `required: [m]` unless `d` is in `vs` |
//! | `not_in: vs` | `{properties: {m: {not: {enum: vs}}}}`, plus `required: [m]` unless `d` exists and is not in `vs` |
//! | `contains: v` | `{required: [m], properties: {m: {type: array, contains: {const: v}}}}` |
//!
//! Equality is JSON equality, as `const` and `enum` compare: numbers by value (`1` equals
//! `1.0`). An empty `in` list is `false`; an empty `not_in` list is "present, or has a default".
//!
//! # References
//!
//! [`json_schema`] returns the schema *body* of the shape it is given (never a `$ref` to
//! itself: schemars does that for the type whose `json_schema` it is). Named objects and
//! enums reached from it are registered in the generator's definitions under their name and
//! referenced with `$ref` (`#` + the generator's `definitions_path` + `/<name>`), unless the
//! generator's settings say `inline_subschemas`: then they are inlined, except where a
//! type contains itself, which stays a `$ref`. A definition already present under the
//! same name is reused when it is the same schema; a different descriptor with a taken name
//! gets a numeric suffix (`Target2`), as schemars does.
//!
//! # Engines
//!
//! The formats are stated as patterns, so no format plugin is needed, and the `format`
//! keyword is deliberately not emitted: an engine that asserts formats would add its own
//! meaning (Ajv's `ajv-formats` accepts a leap second only at 23:59:60 UTC, while the
//! validator accepts `:60` at any minute; Ajv in strict mode refuses to compile a schema
//! with a format it does not know). Known differences between engines:
//!
//! - Python's `re.search` lets `$` match before one final `"\n"`, so Python `jsonschema`
//!   accepts `"<valid>\n"` for any pattern ending in `$`. Format patterns are guarded with
//!   `not: {pattern: "\n"}` (no format allows a line feed anywhere), so formats agree; a
//!   spec's own `pattern` is copied as is and keeps this difference.
//! - A spec's own `pattern` uses the Rust `regex` syntax; the spec language asks authors to
//!   keep to the subset ECMA-262 and Python share, but this module does not rewrite it
//!   (`\d`, `\w`, `\s` and `\b` are Unicode-aware in Rust and Python, ASCII in JavaScript).
//! - JavaScript compares numbers as `f64`: integers beyond 2^53 are compared approximately
//!   by Ajv (`9223372036854775808` passes `maximum: 9223372036854775807` there, not in Python,
//!   the `jsonschema` crate or the validator).
//! - Numbers beyond the `f64` range (`1e400`): the validator reads an integral one as an
//!   integer past every bound; JSON parsers read it as infinity (Python, JavaScript, where
//!   `type: integer` then fails) or refuse it (`serde_json`).
//! - Ajv with `strict: true` turns on `strictRequired`, which refuses a `required` name that
//!   no `properties` beside it defines; rule branches therefore say `properties: {m: true}`
//!   next to `required: [m]` (it changes no verdict). Under Ajv's default options and
//!   `strict: true` alike the documents compile without warnings.
//!
//! These were checked on the test suite's documents and on a corpus of about 40,000 strings
//! per format (the `VENDORSPEC_SCHEMA_DUMP` hook of `runtime/tests/schema_*.rs`): Python 3
//! `jsonschema` 4.26 with and without its format checker, Ajv 8 (`Ajv2020`, `ajv-formats`,
//! `strict: true` and default) and the `jsonschema` crate all give the validator's verdicts,
//! except the 2^63 case above; the patterns alone agree under JavaScript `RegExp` (`u` flag)
//! and differ under Python `re` exactly on a valid value followed by `"\n"`.
//!
//! [`Count`]: crate::desc::Count
//! [`Predicate`]: crate::desc::Predicate

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::desc::{
    ArrayDesc, Count, EnumBase, EnumDesc, Lit, MemberDesc, Num, NumberDesc, ObjectDesc, Order,
    Predicate, RuleDesc, Shape, StringDesc, TestDesc, Unknown,
};
use crate::formats::Format;
use crate::keywords::{
    Keyword, MAX_ITEMS, MAX_LENGTH, MAXIMUM, MIN_ITEMS, MIN_LENGTH, MINIMUM, PATTERN, UNIQUE_ITEMS,
};
use crate::semantics::lits_equal;

mod any_case;
mod member_examples;
mod patterns;
pub use any_case::{any_case, any_case_pattern};
pub use member_examples::add_member_examples;
use patterns::format_keywords;
pub use patterns::{MAX_DURATION, duration_pattern, format_pattern};

/// The `$schema` of every document.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The pattern that guards every format against a final line feed (see the module's
/// "Engines" section): formats are `{pattern: ..., not: {pattern: NEWLINE_GUARD}}`.
pub const NEWLINE_GUARD: &str = "\\n";

/// What a standalone document says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMeta {
    /// `$id`; omitted when empty.
    pub id: String,
    /// `title`; the root type's own title when empty.
    pub title: String,
    /// `description`; the root type's own description when empty.
    pub description: String,
    /// `examples`; omitted when empty.
    pub examples: Vec<Value>,
}

/// The schema's name: the object's or enum's name, else a descriptive one (`string`,
/// `integer`, `number`, `boolean`, `Array_of_<items>`, as schemars names `Vec<T>`).
pub fn schema_name(shape: &Shape) -> Cow<'static, str> {
    match shape {
        Shape::Object(o) => Cow::Borrowed(o().name),
        Shape::Enum(e) => Cow::Borrowed(e().name),
        Shape::String(_) => Cow::Borrowed("string"),
        Shape::Integer(_) => Cow::Borrowed("integer"),
        Shape::Number(_) => Cow::Borrowed("number"),
        Shape::Boolean => Cow::Borrowed("boolean"),
        Shape::Array(a) => Cow::Owned(format!("Array_of_{}", schema_name(a.items))),
    }
}

/// The schema of `shape`, for `impl JsonSchema`: the body of an object or enum (not a
/// `$ref` to it), with the named types it reaches registered in `generator`'s definitions
/// (or inlined, when the generator's settings say `inline_subschemas`). See the module
/// documentation for the mapping.
pub fn json_schema(shape: &Shape, generator: &mut SchemaGenerator) -> Schema {
    let mut ctx = Ctx::new(generator);
    Schema::from(ctx.root(shape))
}

/// The schema of `shape` where it is used (a body, a parameter, an array's items): a
/// `$ref` to the generator's definitions for a named object or enum, registered there
/// under its name, and the inline schema of any other shape. The OpenAPI documents
/// ([`crate::openapi`]) put every named type under `components/schemas` this way.
pub fn subschema(shape: &Shape, generator: &mut SchemaGenerator) -> Value {
    Value::Object(Ctx::new(generator).shape(shape))
}

/// The schema of an object's member where it is used: [`subschema`] of its shape with the
/// member's `description`, `default` and, for a secret, `writeOnly` (as in `properties`).
pub fn member_schema(member: &MemberDesc, generator: &mut SchemaGenerator) -> Value {
    Value::Object(Ctx::new(generator).member(member))
}

/// A complete draft 2020-12 document for `shape`: `$schema`, `$id`, `title`,
/// `description`, `examples`, the root schema inline, `$defs` of every named type it
/// reaches, and a root `$comment` naming every rule the schema cannot express (or saying
/// there is none) followed by the root object's advice codes.
pub fn document(shape: &Shape, meta: &DocumentMeta) -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut root = Ctx::new(&mut generator).root(shape);
    let defs = generator.take_definitions(false);

    let mut doc = Map::new();
    doc.insert("$schema".into(), DRAFT_2020_12.into());
    if !meta.id.is_empty() {
        doc.insert("$id".into(), meta.id.clone().into());
    }
    if !meta.title.is_empty() {
        root.insert("title".into(), meta.title.clone().into());
    }
    if !meta.description.is_empty() {
        root.insert("description".into(), meta.description.clone().into());
    }
    if !meta.examples.is_empty() {
        root.insert("examples".into(), Value::Array(meta.examples.clone()));
    }
    let gaps = unexpressible(shape);
    let mut comment = if gaps.is_empty() {
        "every rule of this contract is expressed in this schema".to_owned()
    } else {
        format!(
            "not expressible in JSON Schema, checked by vendorspec only: {}",
            gaps.join("; ")
        )
    };
    if let Shape::Object(o) = shape
        && let Some(advice) = advice_note(o())
    {
        comment.push_str("; ");
        comment.push_str(&advice);
    }
    root.insert("$comment".into(), comment.into());
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    // `$schema` and `$id` first when the map keeps insertion order.
    doc.extend(root);
    Value::Object(doc)
}

/// Every rule reachable from `shape` that JSON Schema cannot state, as
/// `range_order on <Type>: <low> <= <high>`, in a deterministic (depth-first) order.
pub fn unexpressible(shape: &Shape) -> Vec<String> {
    fn visit(shape: &Shape, seen: &mut HashSet<usize>, out: &mut Vec<String>) {
        match shape {
            Shape::Array(a) => visit(a.items, seen, out),
            Shape::Object(o) => {
                let o = o();
                if !seen.insert(addr(o)) {
                    return;
                }
                for rule in o.rules {
                    if let RuleDesc::RangeOrder { low, high, .. } = rule {
                        out.push(format!(
                            "range_order on {}: {} <= {}",
                            o.name,
                            member_name(o, *low),
                            member_name(o, *high)
                        ));
                    }
                }
                for m in o.members {
                    visit(&m.shape, seen, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    visit(shape, &mut HashSet::new(), &mut out);
    out
}

// ----------------------------------------------------------------------------------------
// Schemas

/// The address of a static descriptor: its identity.
fn addr<T>(t: &'static T) -> usize {
    t as *const T as usize
}

fn member_name(o: &ObjectDesc, i: usize) -> &'static str {
    o.members.get(i).map_or("?", |m| m.name)
}

struct Ctx<'g> {
    generator: &'g mut SchemaGenerator,
    inline: bool,
    /// `#/$defs/` or whatever the generator's settings say.
    ref_prefix: String,
    /// Named types referenced in this call, by descriptor address.
    names: HashMap<usize, String>,
    /// Named types being generated (inline mode: a type met again inside itself is a `$ref`).
    stack: Vec<usize>,
}

impl<'g> Ctx<'g> {
    fn new(generator: &'g mut SchemaGenerator) -> Self {
        let settings = generator.settings();
        let path = settings.definitions_path.as_ref();
        let path = path.strip_prefix('#').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        Ctx {
            inline: settings.inline_subschemas,
            ref_prefix: format!("#{path}/"),
            generator,
            names: HashMap::new(),
            stack: Vec::new(),
        }
    }

    /// The body of a root shape: named types are not referenced at the root.
    fn root(&mut self, shape: &Shape) -> Map<String, Value> {
        match shape {
            Shape::Object(o) => {
                let o = o();
                self.stack.push(addr(o));
                let body = self.object(o);
                self.stack.pop();
                body
            }
            Shape::Enum(e) => self.enumeration(e()),
            other => self.shape(other),
        }
    }

    fn shape(&mut self, shape: &Shape) -> Map<String, Value> {
        match shape {
            Shape::String(s) => self.string(s),
            Shape::Integer(n) => number("integer", n),
            Shape::Number(n) => number("number", n),
            Shape::Boolean => obj([("type", json!("boolean"))]),
            Shape::Array(a) => self.array(a),
            Shape::Object(o) => {
                let o = o();
                self.named(addr(o), o.name, |ctx| ctx.object(o))
            }
            Shape::Enum(e) => {
                let e = e();
                self.named(addr(e), e.name, |ctx| ctx.enumeration(e))
            }
        }
    }

    /// A named type: inlined, or registered in the definitions and referenced.
    fn named(
        &mut self,
        id: usize,
        name: &str,
        body: impl Fn(&mut Self) -> Map<String, Value>,
    ) -> Map<String, Value> {
        let generate = |ctx: &mut Self| {
            ctx.stack.push(id);
            let b = body(ctx);
            ctx.stack.pop();
            b
        };
        if self.inline && !self.stack.contains(&id) {
            return generate(self);
        }
        if let Some(known) = self.names.get(&id) {
            return self.reference(&known.clone());
        }
        let mut suffix = 1;
        let mut candidate = name.to_owned();
        loop {
            match self.generator.definitions().get(&candidate) {
                None => {
                    self.names.insert(id, candidate.clone());
                    // A placeholder first, so a type that contains itself terminates.
                    self.generator
                        .definitions_mut()
                        .insert(candidate.clone(), Value::Bool(false));
                    let b = generate(self);
                    self.generator
                        .definitions_mut()
                        .insert(candidate.clone(), Value::Object(b));
                    return self.reference(&candidate);
                }
                // Being generated by an outer call (schemars' own placeholder): this type.
                Some(Value::Bool(false)) => {
                    self.names.insert(id, candidate.clone());
                    return self.reference(&candidate);
                }
                Some(existing) => {
                    let existing = existing.clone();
                    self.names.insert(id, candidate.clone());
                    if Value::Object(generate(self)) == existing {
                        return self.reference(&candidate);
                    }
                    self.names.remove(&id);
                    suffix += 1;
                    candidate = format!("{name}{suffix}");
                }
            }
        }
    }

    fn reference(&self, name: &str) -> Map<String, Value> {
        obj([(
            "$ref",
            format!("{}{}", self.ref_prefix, encode_ref_name(name)).into(),
        )])
    }

    fn string(&mut self, s: &StringDesc) -> Map<String, Value> {
        let mut map = obj([("type", json!("string"))]);
        if let Some(n) = s.min_length {
            map.insert(key(&MIN_LENGTH), n.into());
        }
        if let Some(n) = s.max_length {
            map.insert(key(&MAX_LENGTH), n.into());
        }
        let format = s
            .format
            .map(|f| format_keywords(f, s.min_duration, s.max_duration));
        match (s.pattern, format) {
            (Some(p), None) => {
                map.insert(key(&PATTERN), p.source.into());
            }
            (None, Some(f)) => map.extend(f),
            (Some(p), Some(f)) => {
                map.insert(
                    "allOf".into(),
                    json!([{ "pattern": p.source }, Value::Object(f)]),
                );
            }
            (None, None) => {}
        }
        map
    }

    fn array(&mut self, a: &ArrayDesc) -> Map<String, Value> {
        let mut map = obj([
            ("type", json!("array")),
            ("items", Value::Object(self.shape(a.items))),
        ]);
        if let Some(n) = a.min_items {
            map.insert(key(&MIN_ITEMS), n.into());
        }
        if let Some(n) = a.max_items {
            map.insert(key(&MAX_ITEMS), n.into());
        }
        if a.unique_items {
            map.insert(key(&UNIQUE_ITEMS), true.into());
        }
        map
    }

    /// An enum as `oneOf` of one `const` per value, so each value keeps its name (`title`)
    /// and description with standard keywords only (Ajv's strict mode refuses unknown
    /// keywords such as `x-enum-varnames`). Distinct `const`s match disjoint sets, so
    /// "exactly one" is "any": the verdicts are those of `enum`. Values equal as JSON are
    /// listed once, so that stays true for any descriptor.
    fn enumeration(&mut self, e: &EnumDesc) -> Map<String, Value> {
        let mut map = obj([("title", e.name.into())]);
        if !e.description.is_empty() {
            map.insert("description".into(), e.description.into());
        }
        let ty = match e.base {
            EnumBase::String => "string",
            EnumBase::Integer => "integer",
        };
        map.insert("type".into(), ty.into());
        let mut seen: Vec<Lit> = Vec::new();
        let mut variants = Vec::new();
        for v in e.values {
            if seen.iter().any(|s| lits_equal(*s, v.value)) {
                continue;
            }
            seen.push(v.value);
            let mut variant = obj([("const", Value::from(v.value)), ("title", v.name.into())]);
            let description = match (v.label, v.description.is_empty()) {
                (Some(label), false) => format!("{label}: {}", v.description),
                (Some(label), true) => label.to_owned(),
                (None, _) => v.description.to_owned(),
            };
            if !description.is_empty() {
                variant.insert("description".into(), description.into());
            }
            variants.push(Value::Object(variant));
        }
        if variants.is_empty() {
            map.insert("not".into(), json!({}));
        } else {
            map.insert("oneOf".into(), Value::Array(variants));
        }
        map
    }

    fn object(&mut self, o: &ObjectDesc) -> Map<String, Value> {
        let mut map = obj([("type", json!("object")), ("title", o.name.into())]);
        let description = match (o.description, rules_in_words(o)) {
            (d, None) => d.to_owned(),
            ("", Some(rules)) => rules,
            (d, Some(rules)) => format!("{d}\n\n{rules}"),
        };
        if !description.is_empty() {
            map.insert("description".into(), description.into());
        }
        let mut properties = Map::new();
        for m in o.members {
            properties.insert(m.name.into(), Value::Object(self.member(m)));
        }
        map.insert("properties".into(), Value::Object(properties));
        let required: Vec<Value> = o
            .members
            .iter()
            .filter(|m| m.required)
            .map(|m| m.name.into())
            .collect();
        if !required.is_empty() {
            map.insert("required".into(), Value::Array(required));
        }
        if o.unknown == Unknown::Reject {
            map.insert("additionalProperties".into(), false.into());
        }
        let rules: Vec<Value> = o
            .rules
            .iter()
            .filter_map(|r| rule(o, r))
            .map(Value::Object)
            .collect();
        if !rules.is_empty() {
            map.insert("allOf".into(), Value::Array(rules));
        }
        let mut notes: Vec<String> = o
            .rules
            .iter()
            .filter_map(|r| match r {
                RuleDesc::RangeOrder { low, high, order } => Some(format!(
                    "range_order: {} <= {}, compared as {} (checked by vendorspec, not expressible in JSON Schema)",
                    member_name(o, *low),
                    member_name(o, *high),
                    match order {
                        Order::Number => "numbers",
                        Order::Ipv4 => "IPv4 addresses",
                        Order::DateTime => "instants",
                    }
                )),
                _ => None,
            })
            .collect();
        notes.extend(advice_note(o));
        if !notes.is_empty() {
            map.insert("$comment".into(), notes.join("; ").into());
        }
        map
    }

    fn member(&mut self, m: &MemberDesc) -> Map<String, Value> {
        let mut map = self.shape(&m.shape);
        if !m.description.is_empty() {
            map.insert("description".into(), m.description.into());
        }
        if m.secret {
            map.insert("writeOnly".into(), true.into());
        } else if let Some(default) = m
            .default
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
        {
            if matches!(m.shape, Shape::Object(_)) {
                // What an absent object means depends on its absence (an absent options
                // object is not the same as one with every member at its default), and
                // code generators write a `default` into every payload they build: say
                // it in words instead.
                let said = format!("When absent, the server applies `{default}`.");
                let description = match map.get("description").and_then(Value::as_str) {
                    Some(text) if !text.is_empty() => format!("{text} {said}"),
                    _ => said,
                };
                map.insert("description".into(), description.into());
            } else {
                map.insert("default".into(), default);
            }
        }
        map
    }
}

/// The object's cross-member rules in words, for its `description`: code generated from the
/// schema carries descriptions into its docs but not the rules (stated with `if`/`then`
/// and `not`, which generators leave aside), so a reader of a generated class learns them
/// there.
fn rules_in_words(o: &ObjectDesc) -> Option<String> {
    let names = |members: &[usize]| -> String {
        let quoted: Vec<String> = members
            .iter()
            .map(|&i| format!("`{}`", member_name(o, i)))
            .collect();
        quoted.join(", ")
    };
    let sentences: Vec<String> = o
        .rules
        .iter()
        .filter_map(|r| match r {
            RuleDesc::ExactlyOneOf { members, count }
            | RuleDesc::AtLeastOneOf { members, count } => {
                let how = if matches!(r, RuleDesc::ExactlyOneOf { .. }) {
                    "exactly one"
                } else {
                    "at least one"
                };
                let what = match count {
                    Count::Present => "given",
                    Count::NonEmpty => "given and non-empty",
                };
                Some(format!("{how} of {} must be {what}", names(members)))
            }
            RuleDesc::Requires { message, .. } => {
                (!message.is_empty()).then(|| message.to_string())
            }
            RuleDesc::RangeOrder { low, high, .. } => Some(format!(
                "`{}` must not come after `{}`",
                member_name(o, *low),
                member_name(o, *high)
            )),
        })
        .collect();
    (!sentences.is_empty()).then(|| {
        format!(
            "Rules across members (checked by a validator of this schema, not by types generated from it): {}.",
            sentences.join("; ")
        )
    })
}

fn advice_note(o: &ObjectDesc) -> Option<String> {
    (!o.advice.is_empty()).then(|| {
        let codes: Vec<&str> = o.advice.iter().map(|a| a.code).collect();
        format!(
            "advice on {} (warnings, never part of validity): {}",
            o.name,
            codes.join(", ")
        )
    })
}

fn number(ty: &str, n: &NumberDesc) -> Map<String, Value> {
    let mut map = obj([("type", ty.into())]);
    // A non-finite bound bounds nothing (and JSON cannot write it).
    let bound = |b: Option<Num>| match b? {
        Num::Int(i) => Some(Value::from(i)),
        Num::Float(f) if f.is_finite() => Some(Value::from(f)),
        Num::Float(_) => None,
    };
    if let Some(v) = bound(n.minimum) {
        map.insert(key(&MINIMUM), v);
    }
    if let Some(v) = bound(n.maximum) {
        map.insert(key(&MAXIMUM), v);
    }
    map
}

/// One rule as an `allOf` entry; `None` for `range_order` (a `$comment` only) and for a rule
/// that always holds.
fn rule(o: &ObjectDesc, r: &RuleDesc) -> Option<Map<String, Value>> {
    let names =
        |members: &[usize]| -> Vec<&str> { members.iter().map(|&i| member_name(o, i)).collect() };
    let count_name = |c: Count| match c {
        Count::Present => "present",
        Count::NonEmpty => "non_empty",
    };
    match r {
        RuleDesc::ExactlyOneOf { members, count } | RuleDesc::AtLeastOneOf { members, count } => {
            let code = match r {
                RuleDesc::ExactlyOneOf { .. } => "exactly_one_of",
                _ => "at_least_one_of",
            };
            let mut map = obj([(
                "$comment",
                format!(
                    "{code}: {} (count: {})",
                    names(members).join(", "),
                    count_name(*count)
                )
                .into(),
            )]);
            let counting: Vec<&str> = members
                .iter()
                .filter_map(|&i| o.members.get(i))
                .map(|m| m.name)
                .collect();
            if counting.is_empty() {
                // No member can count: the rule never holds.
                map.insert("not".into(), json!({}));
                return Some(map);
            }
            // Stated with `if`/`then` and `not`, which code generators leave aside, rather
            // than `oneOf`/`anyOf` branches, which they turn into numbered classes and
            // untyped lists: at least one counts (`if` none counts `then` nothing is
            // valid), and for `exactly_one_of` no two count (`not` any pair).
            map.insert("if".into(), Value::Object(none_counts(&counting, *count)));
            map.insert("then".into(), false.into());
            if matches!(r, RuleDesc::ExactlyOneOf { .. }) && counting.len() > 1 {
                let pairs: Vec<Value> = counting
                    .iter()
                    .enumerate()
                    .flat_map(|(i, a)| counting[i + 1..].iter().map(move |b| (*a, *b)))
                    .map(|(a, b)| Value::Object(both_count(a, b, *count)))
                    .collect();
                map.insert("not".into(), json!({ "anyOf": pairs }));
            }
            Some(map)
        }
        RuleDesc::Requires {
            when,
            then,
            message,
        } => {
            let then = all(o, then)?;
            let comment = if message.is_empty() {
                "requires".to_owned()
            } else {
                format!("requires: {message}")
            };
            let mut map = obj([("$comment", comment.into())]);
            match all(o, when) {
                Some(condition) => {
                    map.insert("if".into(), Value::Object(condition));
                    map.insert("then".into(), Value::Object(then));
                }
                None => map.extend(then),
            }
            Some(map)
        }
        RuleDesc::RangeOrder { .. } => None,
    }
}

/// Every test holds: one test's schema, or `allOf` of several; `None` when there is no test.
fn all(o: &ObjectDesc, tests: &[TestDesc]) -> Option<Map<String, Value>> {
    let mut schemas: Vec<Map<String, Value>> = tests.iter().filter_map(|t| test(o, t)).collect();
    match schemas.len() {
        0 => None,
        1 => schemas.pop(),
        _ => Some(obj([(
            "allOf",
            Value::Array(schemas.into_iter().map(Value::Object).collect()),
        )])),
    }
}

/// No member of `names` counts: each is absent, or (for [`Count::NonEmpty`]) an empty
/// array. `properties: {m: false}` says `m` is absent.
fn none_counts(names: &[&str], count: Count) -> Map<String, Value> {
    let absent = match count {
        Count::Present => json!(false),
        Count::NonEmpty => json!({ "not": { "type": "array", "minItems": 1 } }),
    };
    let properties: Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), absent.clone()))
        .collect();
    obj([("properties", Value::Object(properties))])
}

/// Members `a` and `b` both count.
fn both_count(a: &str, b: &str, count: Count) -> Map<String, Value> {
    let value = match count {
        Count::Present => json!(true),
        Count::NonEmpty => json!({ "type": "array", "minItems": 1 }),
    };
    obj([
        ("required", json!([a, b])),
        ("properties", json!({ a: value.clone(), b: value })),
    ])
}

/// `{required: [m], properties: {m: true}}`: the `properties` entry changes nothing but
/// keeps Ajv's `strictRequired` (part of `strict: true`) from refusing the schema.
fn present(name: &str) -> Map<String, Value> {
    obj([
        ("required", json!([name])),
        ("properties", json!({ name: true })),
    ])
}

fn non_empty(name: &str) -> Map<String, Value> {
    obj([
        ("required", json!([name])),
        (
            "properties",
            json!({ name: { "type": "array", "minItems": 1 } }),
        ),
    ])
}

/// One test (see the module documentation); `None` if it names no member of `o`.
fn test(o: &ObjectDesc, t: &TestDesc) -> Option<Map<String, Value>> {
    let m = o.members.get(t.member)?;
    let name = m.name;
    let default = m.default_lit;
    let on_value = |schema: Value, absent_holds: bool| {
        let mut map = Map::new();
        if !absent_holds {
            map.insert("required".into(), json!([name]));
        }
        map.insert("properties".into(), json!({ name: schema }));
        map
    };
    Some(match &t.predicate {
        Predicate::Present(true) => present(name),
        Predicate::Present(false) => obj([("not", Value::Object(present(name)))]),
        Predicate::NonEmpty(true) => non_empty(name),
        Predicate::NonEmpty(false) => obj([("not", Value::Object(non_empty(name)))]),
        Predicate::Equals(v) => on_value(
            json!({ "const": Value::from(*v) }),
            default.is_some_and(|d| lits_equal(d, *v)),
        ),
        Predicate::In([]) => obj([("not", json!({}))]),
        Predicate::In(vs) => on_value(
            json!({ "enum": lits(vs) }),
            default.is_some_and(|d| vs.iter().any(|v| lits_equal(d, *v))),
        ),
        Predicate::NotIn([]) => {
            if default.is_some() {
                return None;
            }
            present(name)
        }
        Predicate::NotIn(vs) => on_value(
            json!({ "not": { "enum": lits(vs) } }),
            default.is_some_and(|d| !vs.iter().any(|v| lits_equal(d, *v))),
        ),
        Predicate::Contains(v) => on_value(
            json!({ "type": "array", "contains": { "const": Value::from(*v) } }),
            false,
        ),
    })
}

fn lits(ls: &[Lit]) -> Vec<Value> {
    ls.iter().map(|l| Value::from(*l)).collect()
}

/// Takes `writeOnly: true` off every schema under `value`, for what a response carries (a
/// secret the server returns is read, not written), putting `marker: true` in its place
/// when given (OpenAPI's `x-vendorspec-secret`; a published JSON Schema takes no unknown
/// keyword, so it gets none).
pub fn readable_secrets(value: &mut Value, marker: Option<&str>) {
    match value {
        Value::Object(map) => {
            if map.remove("writeOnly") == Some(Value::Bool(true))
                && let Some(marker) = marker
            {
                map.insert(marker.into(), true.into());
            }
            map.values_mut().for_each(|v| readable_secrets(v, marker));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| readable_secrets(v, marker)),
        _ => {}
    }
}

/// The JSON Schema keyword of a constraint keyword (from the one keyword table).
fn key(keyword: &Keyword) -> String {
    keyword.schema.unwrap_or(keyword.name).to_string()
}

fn obj<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// A name as a JSON Pointer token in a URI fragment (what schemars does for its names).
fn encode_ref_name(name: &str) -> Cow<'_, str> {
    fn plain(b: u8) -> bool {
        matches!(b, b'!' | b'$' | b'&'..=b'.' | b'0'..=b';' | b'=' | b'?'..=b'Z' | b'_' | b'a'..=b'z')
    }
    if name.bytes().all(plain) {
        return Cow::Borrowed(name);
    }
    let mut out = String::new();
    for b in name.bytes() {
        match b {
            b'~' => out.push_str("~0"),
            b'/' => out.push_str("~1"),
            _ if plain(b) => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Cow::Owned(out)
}
