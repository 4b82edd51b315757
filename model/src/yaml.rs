//! The YAML layer: spec text to a tree of nodes that each know their line and column.
//!
//! serde-saphyr does the YAML; this module keeps every key and value's location and keeps
//! duplicate keys (reported with both places), so the reader can word every error itself.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Location, Options, Spanned};

use crate::diag::{Loc, Sink};

/// A YAML value with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub loc: Loc,
    pub kind: NodeKind,
}

/// A mapping key with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; duplicates are removed by [`parse`] after reporting.
    Map(Vec<(Key, Node)>),
}

impl NodeKind {
    /// What a person would call this kind of value, for "expected X, found Y".
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "nothing (null)",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

fn loc_of(l: &Location) -> Loc {
    Loc {
        line: l.line() as u32,
        column: l.column() as u32,
    }
}

/// serde view of a node; the location comes from the `Spanned` wrapper around it.
struct RawKind(NodeKind);

struct RawNode(Node);

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<RawKind>::deserialize(d)?;
        Ok(RawNode(Node {
            loc: loc_of(&spanned.referenced),
            kind: spanned.value.0,
        }))
    }
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = RawKind;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Null))
    }
    fn visit_none<E>(self) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawKind, D::Error> {
        RawKind::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Int(v.into())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Int(v.into())))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Int(v)))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<RawKind, E> {
        i128::try_from(v)
            .map(|v| RawKind(NodeKind::Int(v)))
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Str(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<RawKind, E> {
        Ok(RawKind(NodeKind::Str(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKind, A::Error> {
        let mut items = Vec::new();
        while let Some(RawNode(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawKind(NodeKind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let RawNode(value) = map.next_value()?;
            entries.push((
                Key {
                    name: key.value,
                    loc: loc_of(&key.referenced),
                },
                value,
            ));
        }
        Ok(RawKind(NodeKind::Map(entries)))
    }
}

/// How deeply a spec may nest. The specs need about 10 levels; each level costs the
/// deserializer a stack frame, so the limit keeps hostile input from overflowing the stack.
pub const MAX_DEPTH: usize = 24;

/// How many YAML values (scalars, lists and mappings) one spec file may hold: about 3,000
/// endpoints' worth, where serde-saphyr's default (250,000) stopped at about 400. The
/// limit bounds the memory a runaway file can take (a node is under 100 bytes).
pub const MAX_NODES: usize = 2_000_000;

/// Parses spec text into a node tree. YAML errors and duplicate keys go to `sink`;
/// returns `None` only when the text is not YAML at all.
pub fn parse(text: &str, sink: &mut Sink) -> Option<Node> {
    parse_within(text, sink, MAX_NODES)
}

/// [`parse`] with a limit on the number of YAML values (so tests can reach it).
fn parse_within(text: &str, sink: &mut Sink, max_nodes: usize) -> Option<Node> {
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = max_nodes;
    // Every value is one or two events (start and end); keys are events too.
    budget.max_events = budget.max_events.max(max_nodes.saturating_mul(3));
    options.budget = Some(budget);
    match serde_saphyr::from_str_with_options::<RawNode>(text, options) {
        Ok(RawNode(mut node)) => {
            remove_duplicates(&mut node, sink);
            Some(node)
        }
        Err(e) => {
            let loc = e
                .location()
                .map(|l| loc_of(&l))
                .unwrap_or(Loc { line: 1, column: 1 });
            let (message, help) = yaml_message(&e);
            sink.error_help(loc, message, help);
            None
        }
    }
}

/// serde-saphyr's message in the spec's words, and a hint.
fn yaml_message(e: &serde_saphyr::Error) -> (String, String) {
    let full = e.to_string();
    let first = full.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    // "line 2 column 2: illegal placement..." -> "illegal placement..."
    let detail = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => first,
    };
    if (detail.contains("budget breached") && detail.contains("Depth"))
        || detail.contains("recursion limit")
    {
        return (
            format!("the spec nests deeper than {MAX_DEPTH} levels"),
            "no spec construct needs that much nesting; look for runaway brackets or indentation"
                .into(),
        );
    }
    if detail.contains("budget breached") && (detail.contains("Nodes") || detail.contains("Events"))
    {
        return (
            "the spec file is too large: it holds more YAML values than the loader reads from one file"
                .into(),
            format!(
                "one file is one API and may hold up to {MAX_NODES} YAML values (about 3,000 endpoints); a file this large is more likely generated by mistake"
            ),
        );
    }
    if detail.contains("null into string") {
        return (
            "a key is empty or null".into(),
            "every key needs a name, such as `description:`".into(),
        );
    }
    (
        format!("this is not valid YAML: {detail}"),
        "check the indentation, the `:` after each key, and the quoting of values with `: `, `#` or brackets".into(),
    )
}

/// Reports every repeated key (YAML forbids them) and keeps the first occurrence.
fn remove_duplicates(node: &mut Node, sink: &mut Sink) {
    match &mut node.kind {
        NodeKind::Seq(items) => items.iter_mut().for_each(|i| remove_duplicates(i, sink)),
        // Almost every mapping has none: find that out without copying a key.
        NodeKind::Map(entries) if !has_repeated_key(entries) => entries
            .iter_mut()
            .for_each(|(_, value)| remove_duplicates(value, sink)),
        NodeKind::Map(entries) => {
            let mut seen: Vec<(String, Loc)> = Vec::with_capacity(entries.len());
            entries.retain(|(key, _)| {
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == key.name) {
                    sink.error_help(
                        key.loc,
                        format!("duplicate key `{}`", key.name),
                        format!(
                            "it is already set at line {}, column {}; keep one of the two",
                            first.line, first.column
                        ),
                    );
                    false
                } else {
                    seen.push((key.name.clone(), key.loc));
                    true
                }
            });
            entries
                .iter_mut()
                .for_each(|(_, value)| remove_duplicates(value, sink));
        }
        _ => {}
    }
}

/// Whether two entries of a mapping have the same key.
fn has_repeated_key(entries: &[(Key, Node)]) -> bool {
    // A hash set pays off only for the long mappings (`types:`, `endpoints:`).
    if entries.len() <= 32 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (key, _))| entries[..i].iter().any(|(k, _)| k.name == key.name));
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    !entries
        .iter()
        .all(|(key, _)| seen.insert(key.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file past the value limit is reported as too large, not as invalid YAML.
    #[test]
    fn too_many_values_is_too_large_not_invalid() {
        let text: String = (0..200).map(|i| format!("k{i}: [1, 2, 3]\n")).collect();
        let mut sink = Sink::new("big.yaml", &text);
        assert!(parse_within(&text, &mut sink, 2_000).is_some());
        assert!(sink.errors.is_empty());
        let mut sink = Sink::new("big.yaml", &text);
        assert!(parse_within(&text, &mut sink, 500).is_none());
        let messages: Vec<&str> = sink.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("the spec file is too large"),
            "{messages:?}"
        );
    }
}
