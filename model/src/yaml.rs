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
    if let Some(mut node) = parse_plain(text, max_nodes) {
        remove_duplicates(&mut node, sink);
        return Some(node);
    }
    parse_saphyr(text, sink, max_nodes)
}

/// The fast path of [`parse`]: the parser's events straight into nodes, for a document of
/// plain data, which is what a spec is. `None` for anything else: a parse error, a limit
/// reached, anchors, aliases, tags, a merge key or a key that is not a string, several
/// documents, and every plain scalar whose type takes more than a glance (numbers other
/// than short decimal integers and fractions, `inf`, `nan`...); serde-saphyr then reads
/// the text, so every node and message is as it reads them. Locations are the events'
/// as serde-saphyr gives them (line, column from 1). The tests check both agree.
fn parse_plain(text: &str, max_nodes: usize) -> Option<Node> {
    use granit_parser::{Event, Options, Parser};

    enum Frame {
        Seq(Loc, Vec<Node>),
        /// A mapping and the key of the value it waits for, if any.
        Map(Loc, Vec<(Key, Node)>, Option<Key>),
    }

    // Well under serde-saphyr's limits on input and scalar bytes.
    if text.len() > 32 << 20 {
        return None;
    }
    let mut options = Options::default();
    options.emit_comments = false;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    // Every value is one event or more, so this stops at `max_nodes` values or before.
    let mut events = 0usize;
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        events += 1;
        if events > max_nodes {
            return None;
        }
        let loc = Loc {
            line: u32::try_from(span.start.line()).ok()?,
            column: u32::try_from(span.start.col() + 1).ok()?,
        };
        let awaits_key = matches!(stack.last(), Some(Frame::Map(_, _, None)));
        let node = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if version.is_some() || documents > 1 {
                    return None;
                }
                continue;
            }
            Event::StreamEnd => break,
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let plain = style == granit_parser::ScalarStyle::Plain;
                if awaits_key {
                    if plain && (plain_kind(&value)? != PlainKind::Str || value == "<<") {
                        return None;
                    }
                    if let Some(Frame::Map(_, _, key)) = stack.last_mut() {
                        *key = Some(Key {
                            name: value.into_owned(),
                            loc,
                        });
                    }
                    continue;
                }
                let kind = if plain {
                    match plain_kind(&value)? {
                        PlainKind::Null => NodeKind::Null,
                        PlainKind::Bool(b) => NodeKind::Bool(b),
                        PlainKind::Int(i) => NodeKind::Int(i),
                        PlainKind::Float(f) => NodeKind::Float(f),
                        PlainKind::Str => NodeKind::Str(value.into_owned()),
                    }
                } else {
                    NodeKind::Str(value.into_owned())
                };
                Node { loc, kind }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || awaits_key || stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(loc, Vec::new())
                } else {
                    Frame::Map(loc, Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Frame::Seq(loc, items) => Node {
                    loc,
                    kind: NodeKind::Seq(items),
                },
                Frame::Map(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Frame::Map(loc, entries, None) => Node {
                    loc,
                    kind: NodeKind::Map(entries),
                },
                _ => return None,
            },
            _ => return None,
        };
        match stack.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, key)) => entries.push((key.take()?, node)),
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

#[derive(Debug, PartialEq)]
enum PlainKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str,
}

/// What serde-saphyr reads a plain scalar as (YAML 1.2 core schema, strict booleans), for
/// the spellings that need no more than a glance; `None` for the others.
fn plain_kind(value: &str) -> Option<PlainKind> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(PlainKind::Null),
        "true" | "True" | "TRUE" => return Some(PlainKind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(PlainKind::Bool(false)),
        _ => {}
    }
    let bytes = value.as_bytes();
    let signed_word = matches!(bytes[0], b'-' | b'+')
        && bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() && !b"iInN".contains(b));
    if signed_word || !matches!(bytes[0], b'0'..=b'9' | b'-' | b'+' | b'.') {
        // Rust's float parser reads `inf`, `infinity` and `nan` in any case; leave them,
        // and any text around them, to serde-saphyr.
        let head = &bytes[..bytes.len().min(3)];
        if head.eq_ignore_ascii_case(b"inf") || head.eq_ignore_ascii_case(b"nan") {
            return saphyr_kind(value);
        }
        return Some(PlainKind::Str);
    }
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let decimal = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    // No leading zero (octal in some readings), short enough for any integer type.
    if !decimal(whole) || whole.len() > 18 || (whole.len() > 1 && whole.starts_with('0')) {
        return saphyr_kind(value);
    }
    match fraction {
        None => value.parse().ok().map(PlainKind::Int),
        Some(f) if decimal(f) && f.len() <= 17 => value.parse().ok().map(PlainKind::Float),
        Some(_) => saphyr_kind(value),
    }
}

/// [`plain_kind`] of the other spellings that start like a number (`0x1F`, `1e3`, a file
/// name `000_d68c.txt`, a UUID `45e07f34-...`): what serde-saphyr reads the text alone as,
/// a document of that one plain scalar. `None` where the text could read as more than a
/// scalar on its own.
fn saphyr_kind(value: &str) -> Option<PlainKind> {
    // The text of a plain scalar that starts with a digit, a sign or a dot reads as that
    // one scalar again, unless it starts or ends like more YAML or has a comment or a
    // mapping's separator in it (which a plain scalar cannot have, but keep off them).
    if value.starts_with("---")
        || value.starts_with("...")
        || value.starts_with("- ")
        || value == "-"
        || value.ends_with(':')
        || value.contains(": ")
        || value.contains(" #")
        || value.contains(|c: char| c.is_whitespace() && c != ' ')
    {
        return None;
    }
    let mut options = Options::default();
    options.strict_booleans = true;
    let RawNode(node) = serde_saphyr::from_str_with_options::<RawNode>(value, options).ok()?;
    match node.kind {
        NodeKind::Str(s) if s == value => Some(PlainKind::Str),
        NodeKind::Int(i) => Some(PlainKind::Int(i)),
        NodeKind::Float(f) => Some(PlainKind::Float(f)),
        NodeKind::Bool(b) => Some(PlainKind::Bool(b)),
        NodeKind::Null => Some(PlainKind::Null),
        _ => None,
    }
}

/// [`parse_within`] through serde-saphyr: any YAML, and its error messages.
fn parse_saphyr(text: &str, sink: &mut Sink, max_nodes: usize) -> Option<Node> {
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

    /// The fast path reads every node and location as serde-saphyr does, or leaves the text
    /// to it: every spec and fixture of the repository, and one-line documents of every
    /// kind of scalar.
    #[test]
    fn the_fast_path_reads_what_serde_saphyr_reads() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut texts: Vec<(String, String)> = Vec::new();
        let mut dirs = vec![
            std::path::PathBuf::from(root).join("spec"),
            std::path::PathBuf::from(root).join("model/tests"),
        ];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    texts.push((path.display().to_string(), text));
                }
            }
        }
        let scalars = [
            "1",
            "-2",
            "0",
            "-0",
            "007",
            "+1",
            "1.5",
            "-0.25",
            "1.",
            ".5",
            "1e3",
            "1.5e3",
            "0x1F",
            "0o17",
            "123456789012345678",
            "1234567890123456789",
            "99999999999999999999999",
            "1_000",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "false",
            "FALSE",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "",
            ".inf",
            "-.inf",
            ".nan",
            ".NaN",
            "inf",
            "-inf",
            "+inf",
            "Infinity",
            "nan",
            "NaN",
            "info",
            "nano",
            "-word",
            "+word",
            "-",
            "--",
            "-.",
            "a b",
            "/path",
            "^[A-Z]+$",
            "$ref",
            "(x)",
            "2001-12-14",
            "12:30:45",
            "3:23:59",
            "1:2",
            "x: y",
            "'q'",
            "\"d\"",
            "[1, a, {k: v}]",
            "{a: 1, b: [2]}",
            "|\n  block\n",
            ">\n  folded\n  text\n",
            "&a 1",
            "!!str 1",
            "!!int \"1\"",
            "*a",
            "000 \"x\" y",
            "45e07f34-e76b-4a9e",
            "1e",
            "1.5.6",
            "0.1e-3",
            "12_34",
            "1 2",
            "1,2",
            "1]",
            "0b101",
            "-1.5e-3",
            "1:",
            ".",
            "-5x",
            "+.5",
            "9.99999999999999999999",
            "1.0000000000000000001",
        ];
        for scalar in scalars {
            texts.push((format!("value {scalar:?}"), format!("k: {scalar}\n")));
            texts.push((format!("key {scalar:?}"), format!("{scalar}: v\n")));
            texts.push((format!("item {scalar:?}"), format!("- {scalar}\n- x\n")));
        }
        for (name, text) in [
            (
                "nested",
                "a:\n  b:\n    - c: 1\n      d:\n    - [x, y]\nz: |\n  t\n",
            ),
            ("documents", "a: 1\n---\nb: 2\n"),
            ("explicit", "---\na: 1\n...\n"),
            ("empty", ""),
            ("empty document", "---\n"),
            ("only a comment", "# c\n"),
            ("scalar root", "hello\n"),
            ("null root", "~\n"),
            ("flow root", "[1, {a: b}]\n"),
            ("unclosed", "a: [1, 2\n"),
            ("tab", "a:\tb\n"),
            ("comment", "# c\na: 1 # d\n"),
            ("merge", "a: &x {b: 1}\nc:\n  <<: *x\n"),
            ("duplicate", "a: 1\na: 2\n"),
        ] {
            texts.push((name.into(), text.into()));
        }
        let mut fast = 0;
        for (name, text) in &texts {
            let Some(mut node) = parse_plain(text, MAX_NODES) else {
                continue;
            };
            fast += 1;
            let mut fast_sink = Sink::new(name, text);
            remove_duplicates(&mut node, &mut fast_sink);
            let mut sink = Sink::new(name, text);
            assert_eq!(
                Some(node),
                parse_saphyr(text, &mut sink, MAX_NODES),
                "{name}"
            );
            let messages = |s: &Sink| {
                s.errors
                    .iter()
                    .map(|e| format!("{:?} {}", e.loc, e.message))
                    .collect::<Vec<_>>()
            };
            assert_eq!(messages(&fast_sink), messages(&sink), "{name}");
        }
        assert!(fast > texts.len() / 3, "{fast} of {}", texts.len());
        for spec in ["cylance_protect_v2.yaml", "cylance_admin_v2.yaml"] {
            let (_, text) = texts.iter().find(|(n, _)| n.ends_with(spec)).unwrap();
            assert!(
                parse_plain(text, MAX_NODES).is_some(),
                "{spec} takes the fast path"
            );
        }
    }

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
