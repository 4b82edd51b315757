//! Starting payloads a person edits: every member of a body in contract order, with its
//! description, default and allowed values as comments, the required members filled with
//! realistic values (from the spec's own examples where they have one), and the optional
//! ones present but commented out.
//!
//! Three formats: JSON (no comments, so only the members the payload needs), JSON5 and
//! YAML (commented). Every template validates as it is: the CLI's tests check each body of
//! every endpoint in every format.
//!
//! ```
//! use vendorspec_runtime::desc::*;
//! use vendorspec_runtime::template::{template, TemplateFormat};
//!
//! static JOB: ObjectDesc = ObjectDesc {
//!     name: "Job",
//!     description: "A job.",
//!     members: &[
//!         MemberDesc { required: true, ..MemberDesc::new("Name", "The job's name.", Shape::String(StringDesc::NONE)) },
//!         MemberDesc::new("Retry", "How often to retry.", Shape::Integer(NumberDesc::NONE)),
//!     ],
//!     unknown: Unknown::Reject,
//!     rules: &[],
//!     advice: &[],
//! };
//! let text = template(&Shape::Object(|| &JOB), None, TemplateFormat::Json5);
//! assert!(text.contains("  // The job's name. Required.\n  Name: \"example\",\n"));
//! assert!(text.contains("  // Retry: 1,\n"));
//! ```

use serde_json::{Map, Value, json};

use crate::desc::{
    Count, EnumBase, EnumDesc, Num, NumberDesc, ObjectDesc, RuleDesc, Shape, StringDesc,
};
use crate::formats::{self, Format};

/// How a template is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    /// Plain JSON: the members the payload needs, no comments.
    Json,
    /// JSON5: comments, unquoted member names, trailing commas.
    Json5,
    /// YAML with `#` comments.
    Yaml,
}

/// The template of a body. `example` is one of the spec's valid examples of it, normalized
/// (canonical names, no envelope): its values are used where it has them.
pub fn template(shape: &Shape, example: Option<&Value>, format: TemplateFormat) -> String {
    let node = build(shape, example, true);
    let mut out = String::new();
    match format {
        TemplateFormat::Json => {
            let value = node.active_value();
            out.push_str(&serde_json::to_string_pretty(&value).unwrap_or_default());
            out.push('\n');
        }
        TemplateFormat::Json5 => {
            write_json5(&node, 0, &mut out);
            out.push('\n');
        }
        TemplateFormat::Yaml => {
            if let Node::Object(members) = &node {
                if members.iter().all(|e| !e.active) {
                    // Every member optional: an empty mapping, the members commented below.
                    out.push_str("{}\n");
                }
                write_yaml_members(members, 0, &mut out);
            } else {
                out.push_str(&yaml_scalar(&node.active_value()));
                out.push('\n');
            }
        }
    }
    out
}

/// A value with the commentary of its members.
enum Node {
    Scalar(Value),
    Array(Vec<Node>),
    Object(Vec<Entry>),
}

/// One member: its name, what to say about it, whether it is written active (or
/// commented out), and its value.
struct Entry {
    name: &'static str,
    comment: String,
    active: bool,
    node: Node,
}

impl Node {
    /// The value with only the active members: what the payload holds.
    fn active_value(&self) -> Value {
        match self {
            Node::Scalar(v) => v.clone(),
            Node::Array(items) => Value::Array(items.iter().map(Node::active_value).collect()),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .filter(|e| e.active)
                    .map(|e| (e.name.to_string(), e.node.active_value()))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

/// The node of `shape`. `needed` says the value must satisfy its own constraints fully
/// (arrays get their minimum items, at least one where `non_empty` counts).
fn build(shape: &Shape, example: Option<&Value>, needed: bool) -> Node {
    match shape {
        Shape::Object(desc) => Node::Object(object(desc(), example.and_then(Value::as_object))),
        Shape::Array(desc) => {
            let examples = example.and_then(Value::as_array);
            let count = match examples {
                Some(items) if !items.is_empty() => items.len().min(3),
                _ => desc.min_items.unwrap_or(0).max(u64::from(needed)) as usize,
            };
            let items = (0..count)
                .map(|i| build(desc.items, examples.and_then(|e| e.get(i)), true))
                .collect();
            Node::Array(items)
        }
        other => Node::Scalar(match example {
            Some(v) if !v.is_object() && !v.is_array() => v.clone(),
            _ => scalar(other),
        }),
    }
}

/// The entries of an object: required members active, the ones a rule needs active, the
/// rest commented out. `requires` conditions are not evaluated: they hold on the values
/// chosen here for every body of the contracts (the CLI's tests validate every template).
fn object(desc: &'static ObjectDesc, example: Option<&Map<String, Value>>) -> Vec<Entry> {
    let mut active: Vec<bool> = desc.members.iter().map(|m| m.required).collect();
    let mut non_empty = vec![false; desc.members.len()];
    for rule in desc.rules {
        if let RuleDesc::ExactlyOneOf { members, count }
        | RuleDesc::AtLeastOneOf { members, count } = rule
        {
            // The group needs one member: the one the example gives, or the first.
            let pick = members
                .iter()
                .copied()
                .find(|&i| {
                    example
                        .and_then(|e| e.get(desc.members[i].name))
                        .is_some_and(|v| !v.as_array().is_some_and(Vec::is_empty))
                })
                .unwrap_or(members[0]);
            if !members.iter().any(|&i| active[i]) {
                active[pick] = true;
            }
            if *count == Count::NonEmpty {
                non_empty[pick] = true;
            }
        }
    }
    desc.members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let from_example = example.and_then(|e| e.get(m.name));
            let default = default_value(m.default);
            let node = build(&m.shape, from_example.or(default.as_ref()), non_empty[i]);
            let node = if m.secret {
                Node::Scalar(Value::String(SECRET_PLACEHOLDER.into()))
            } else {
                node
            };
            Entry {
                name: m.name,
                comment: comment(m.description, m.required, m.default, &m.shape),
                active: active[i],
                node,
            }
        })
        .collect()
}

/// What a secret member holds in a template (and in a realistic sample): a value nobody
/// mistakes for a real password.
pub(crate) const SECRET_PLACEHOLDER: &str = "change-me";

/// A member's default as a value to fill in: scalars and arrays (an object default stands
/// for its members' own defaults, which the members give).
pub(crate) fn default_value(default: Option<&str>) -> Option<Value> {
    serde_json::from_str::<Value>(default?)
        .ok()
        .filter(|v| !v.is_object())
}

/// The commentary of a member: its description, whether it is required, its default and
/// what values it takes.
fn comment(description: &str, required: bool, default: Option<&str>, shape: &Shape) -> String {
    let mut text = description.trim().to_string();
    if required {
        text.push_str(" Required.");
    }
    if let Some(default) = default {
        text.push_str(&format!(" Default: {default}."));
    }
    if let Some(allowed) = allowed(shape) {
        text.push_str(&format!(" {allowed}."));
    }
    text
}

/// What values a scalar takes, for a comment.
fn allowed(shape: &Shape) -> Option<String> {
    match shape {
        Shape::Enum(e) => {
            let e = e();
            let values: Vec<String> = e
                .values
                .iter()
                .map(|v| {
                    let wire = Value::from(v.value).to_string();
                    match v.label {
                        Some(label) => format!("{wire} ({label})"),
                        None if e.base == EnumBase::Integer => format!("{wire} ({})", v.name),
                        None => wire,
                    }
                })
                .collect();
            Some(format!("One of {}", values.join(", ")))
        }
        Shape::String(s) => {
            let mut parts = Vec::new();
            if let Some(format) = s.format {
                parts.push(format!("Format: {}", format.expectation()));
            }
            if let (Some(lo), Some(hi)) = (s.min_duration, s.max_duration) {
                parts.push(format!(
                    "From {} to {}",
                    formats::format_duration(lo),
                    formats::format_duration(hi)
                ));
            }
            if let Some(min) = s.min_length.filter(|m| *m > 0) {
                parts.push(format!(
                    "At least {min} character{}",
                    if min == 1 { "" } else { "s" }
                ));
            }
            if let Some(max) = s.max_length {
                parts.push(format!("At most {max} characters"));
            }
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Shape::Integer(n) | Shape::Number(n) => match (n.minimum, n.maximum) {
            (Some(lo), Some(hi)) => Some(format!("From {} to {}", num(lo), num(hi))),
            (Some(lo), None) => Some(format!("At least {}", num(lo))),
            (None, Some(hi)) => Some(format!("At most {}", num(hi))),
            (None, None) => None,
        },
        Shape::Array(a) => allowed(a.items).map(|items| format!("Each item: {items}")),
        _ => None,
    }
}

fn num(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => f.to_string(),
    }
}

/// A realistic value of a scalar shape with no example and no default.
pub(crate) fn scalar(shape: &Shape) -> Value {
    match shape {
        Shape::String(s) => Value::String(string(s)),
        Shape::Integer(n) => json!(integer(n)),
        Shape::Number(n) => json!(integer(n)),
        Shape::Boolean => Value::Bool(true),
        Shape::Enum(e) => first_value(e()),
        Shape::Array(_) | Shape::Object(_) => Value::Null,
    }
}

fn first_value(e: &EnumDesc) -> Value {
    e.values
        .first()
        .map_or(Value::Null, |v| Value::from(v.value))
}

/// A small count within the bounds: 1, else the nearest bound.
fn integer(n: &NumberDesc) -> i64 {
    let lo = n.minimum.map(|m| m.as_f64().ceil() as i64);
    let hi = n.maximum.map(|m| m.as_f64().floor() as i64);
    let mut v = 1;
    if let Some(lo) = lo {
        v = v.max(lo);
    }
    if let Some(hi) = hi {
        v = v.min(hi);
    }
    v
}

/// A plausible string of the format, or a word of the allowed length.
fn string(s: &StringDesc) -> String {
    let text = match s.format {
        Some(Format::Uuid) => "61d8944e-d900-4724-87eb-d10078b90a41".to_string(),
        Some(Format::DateTime) | Some(Format::DateTimeOffsetOptional) => {
            "2026-12-07T09:00:00.000Z".to_string()
        }
        Some(Format::Ipv4) => "192.168.1.10".to_string(),
        Some(Format::DeviceId) => "E378DACB9324453AB8C65A8406952195".to_string(),
        Some(Format::DurationDhm) => formats::format_duration(
            s.min_duration
                .unwrap_or(60)
                .max(60)
                .min(s.max_duration.unwrap_or(u64::MAX)),
        ),
        Some(Format::ResultUrl) | Some(Format::ResultDestination) => String::new(),
        Some(Format::NonNegativeIntegerString) => "1".to_string(),
        None => "example".to_string(),
    };
    fit_length(text, s)
}

/// `text` made to fit the string's length bounds: padded with `x` or cut.
pub(crate) fn fit_length(text: String, s: &StringDesc) -> String {
    let min = s.min_length.unwrap_or(0) as usize;
    let count = text.chars().count();
    if count < min {
        format!("{text}{}", "x".repeat(min - count))
    } else {
        match s.max_length {
            Some(max) if count > max as usize => text.chars().take(max as usize).collect(),
            _ => text,
        }
    }
}

// ---- JSON5

/// Whether a member name can be written unquoted in JSON5 (and in the lenient reader).
fn bare_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn json5_name(name: &str) -> String {
    if bare_name(name) {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap_or_default()
    }
}

fn write_json5(node: &Node, indent: usize, out: &mut String) {
    match node {
        Node::Scalar(v) => out.push_str(&v.to_string()),
        Node::Array(items) if items.iter().all(|i| matches!(i, Node::Scalar(_))) => {
            let items: Vec<String> = items.iter().map(|i| i.active_value().to_string()).collect();
            out.push('[');
            out.push_str(&items.join(", "));
            out.push(']');
        }
        Node::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&"  ".repeat(indent + 1));
                write_json5(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        Node::Object(entries) => {
            out.push_str("{\n");
            let pad = "  ".repeat(indent + 1);
            for e in entries {
                for line in wrap(&e.comment, 88usize.saturating_sub(pad.len() + 3)) {
                    out.push_str(&format!("{pad}// {line}\n"));
                }
                let mut member = format!("{pad}{}: ", json5_name(e.name));
                write_json5(&e.node, indent + 1, &mut member);
                member.push(',');
                for line in member.lines() {
                    if e.active {
                        out.push_str(line);
                    } else {
                        // Commented out at the member's own indentation, nesting kept.
                        let rest = line.get(pad.len()..).unwrap_or("");
                        out.push_str(&format!("{pad}// {rest}"));
                    }
                    out.push('\n');
                }
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

// ---- YAML

fn yaml_key(name: &str) -> String {
    if bare_name(name) {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap_or_default()
    }
}

/// A scalar in YAML: JSON's spelling of it, which YAML reads as the same value.
fn yaml_scalar(v: &Value) -> String {
    v.to_string()
}

/// The members of an object at `indent`, each with its comment.
fn write_yaml_members(entries: &[Entry], indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    for e in entries {
        for line in wrap(&e.comment, 88usize.saturating_sub(pad.len() + 2)) {
            out.push_str(&format!("{pad}# {line}\n"));
        }
        let mut text = String::new();
        write_yaml_member(e.name, &e.node, indent, &mut text);
        for line in text.lines() {
            if e.active {
                out.push_str(line);
            } else {
                out.push_str(&format!("{pad}# {}", &line[pad.len().min(line.len())..]));
            }
            out.push('\n');
        }
    }
}

fn write_yaml_member(name: &str, node: &Node, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match node {
        Node::Scalar(v) => out.push_str(&format!("{pad}{}: {}\n", yaml_key(name), yaml_scalar(v))),
        Node::Array(items) if items.iter().all(|i| matches!(i, Node::Scalar(_))) => {
            out.push_str(&format!(
                "{pad}{}: {}\n",
                yaml_key(name),
                Value::Array(items.iter().map(Node::active_value).collect())
            ));
        }
        Node::Array(items) => {
            out.push_str(&format!("{pad}{}:\n", yaml_key(name)));
            for item in items {
                write_yaml_item(item, indent + 1, out);
            }
        }
        Node::Object(entries) if entries.iter().all(|e| !e.active) => {
            // An object with no active member: `{}` keeps it present (and valid).
            out.push_str(&format!("{pad}{}: {{}}\n", yaml_key(name)));
            let mut inner = String::new();
            write_yaml_members(entries, indent + 1, &mut inner);
            out.push_str(&inner);
        }
        Node::Object(entries) => {
            out.push_str(&format!("{pad}{}:\n", yaml_key(name)));
            write_yaml_members(entries, indent + 1, out);
        }
    }
}

/// An array item: `- value`, or `-` followed by an object's members.
fn write_yaml_item(node: &Node, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match node {
        Node::Object(entries) => {
            let mut inner = String::new();
            write_yaml_members(entries, indent + 1, &mut inner);
            // The first line after the comments takes the dash.
            let mut dashed = false;
            for line in inner.lines() {
                let inner_pad = "  ".repeat(indent + 1);
                let body = line.strip_prefix(&inner_pad).unwrap_or(line);
                if !dashed && !body.starts_with('#') {
                    out.push_str(&format!("{pad}- {body}\n"));
                    dashed = true;
                } else {
                    out.push_str(&format!("{line}\n"));
                }
            }
            if !dashed {
                out.push_str(&format!("{pad}- {{}}\n"));
            }
        }
        other => out.push_str(&format!("{pad}- {}\n", other.active_value())),
    }
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width.max(20) {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
