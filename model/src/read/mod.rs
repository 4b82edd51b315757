//! The reader: a YAML node tree to the IR, checking the shape of every key.
//!
//! Each spec construct lists the keys it allows; anything else is an error with a
//! "did you mean". Wrong value kinds are errors that say what was expected. The reader
//! keeps going after an error, so one run reports every problem in a file. Meaning across
//! constructs (type references, rule members, bounds) is [`crate::check`]'s job.

use vendorspec_runtime::suggest::suggest;

use crate::diag::{Loc, Sink, one_of_list};
use crate::ir::*;
use crate::yaml::{Key, Node, NodeKind};

mod api;
mod rules;
mod types;

/// Whether `code` is one of the stable rule codes (docs/CLI.md, "Rule codes"); any
/// other code in an example's expectation is advice. The list is the runtime's, so the
/// spec checker and the validator can never disagree on it.
pub fn is_rule_code(code: &str) -> bool {
    rule_codes().any(|c| c == code)
}

/// The stable rule codes, in the runtime's order (at any lifetime the caller needs, so
/// they can be listed beside codes borrowed from a spec).
pub fn rule_codes<'a>() -> impl Iterator<Item = &'a str> {
    let fixed = vendorspec_runtime::Rule::FIXED;
    fixed
        .into_iter()
        .filter_map(|r| -> Option<&'a str> { r.fixed_code() })
}

/// The keys of a schema: its type, its items, and every constraint keyword.
fn schema_keys() -> Vec<&'static str> {
    ["type", "items"]
        .into_iter()
        .chain(vendorspec_runtime::keywords::names())
        .collect()
}

/// Reads one spec file's node tree into an [`Api`]. Returns `None` when the file is too
/// broken to describe an API; the reasons are in `sink`.
pub fn read_api(root: &Node, sink: &mut Sink) -> Option<Api> {
    let mut r = Reader { sink };
    r.api_file(root)
}

/// The keys of one mapping, with the unknown ones already reported.
struct Fields<'n> {
    /// Where "missing key" errors point: the key that owns this mapping when known.
    loc: Loc,
    entries: &'n [(Key, Node)],
    what: String,
    /// Keys that were reported unknown, so a typo of a required key is not reported
    /// missing as well.
    unknown: Vec<String>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// Every key's and value's location, kept in the IR for the checker's messages.
    fn locs(&self) -> KeyLocs {
        KeyLocs(
            self.entries
                .iter()
                .map(|(k, v)| (k.name.clone(), k.loc, v.loc))
                .collect(),
        )
    }

    fn key(&self, key: &str) -> Option<&'n Key> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, _)| k)
    }
}

struct Reader<'s, 'a> {
    sink: &'s mut Sink<'a>,
}

impl Reader<'_, '_> {
    fn expected(&mut self, node: &Node, expected: &str, what: &str) {
        let help = if expected.starts_with("a mapping") {
            "write it as indented `key: value` lines under its key, or as `{ key: value }`"
        } else if expected.starts_with("a list") {
            "write it as `- item` lines under its key, or as `[a, b]`"
        } else if expected.starts_with("a string") {
            "quote the value if YAML reads it as something else (`\"1.0\"`, `\"true\"`)"
        } else {
            "see spec/README.md for the form this key takes"
        };
        self.sink.error_help(
            node.loc,
            format!(
                "expected {expected} for {what}, found {}",
                node.kind.describe()
            ),
            help,
        );
    }

    /// The node as a mapping whose keys are all in `allowed`.
    fn fields<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.expected(node, "a mapping", what);
            return None;
        };
        let mut unknown = Vec::new();
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                self.unknown_key(key, what, allowed);
                unknown.push(key.name.clone());
            }
        }
        Some(Fields {
            loc: node.loc,
            entries,
            what: what.to_string(),
            unknown,
        })
    }

    /// [`Reader::fields`] for a mapping that is the value of `owner`: errors about the
    /// mapping as a whole point at that key.
    fn owned_fields<'n>(
        &mut self,
        owner: &Key,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'n>> {
        let mut f = self.fields(node, what, allowed)?;
        f.loc = owner.loc;
        Some(f)
    }

    fn unknown_key(&mut self, key: &Key, what: &str, allowed: &[&str]) {
        let message = format!("unknown key `{}` in {what}", key.name);
        match suggest(&key.name, allowed.iter().copied()) {
            Some(near) => self
                .sink
                .error_help(key.loc, message, format!("did you mean `{near}`?")),
            None => self.sink.error_help(
                key.loc,
                message,
                format!("the keys allowed here are {}", one_of_list(allowed)),
            ),
        }
    }

    fn require<'n>(&mut self, f: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let node = f.get(key);
        let misspelt = f.unknown.iter().any(|u| suggest(u, [key]).is_some());
        if node.is_none() && !misspelt {
            self.sink
                .error(f.loc, format!("{} is missing the key `{key}`", f.what));
        }
        node
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => {
                self.expected(node, "a string", what);
                None
            }
        }
    }

    fn required_string(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = self.require(f, key)?;
        self.key_string(f, key, node)
    }

    fn optional_string(&mut self, f: &Fields, key: &str) -> Option<String> {
        let node = f.get(key)?;
        self.key_string(f, key, node)
    }

    /// [`Reader::string`] for the value of `key`, naming it only when there is an error
    /// to word (most values are strings, and the name costs an allocation).
    fn key_string(&mut self, f: &Fields, key: &str, node: &Node) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => self.string(node, &format!("`{key}` of {}", f.what)),
        }
    }

    fn boolean(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let node = f.get(key)?;
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.expected(node, "`true` or `false`", &format!("`{key}` of {}", f.what));
                None
            }
        }
    }

    fn unsigned(&mut self, node: &Node, what: &str) -> Option<u64> {
        match node.kind {
            NodeKind::Int(i) if i >= 0 => u64::try_from(i).ok(),
            NodeKind::Int(_) => {
                self.sink
                    .error(node.loc, format!("{what} must not be negative"));
                None
            }
            _ => {
                self.expected(node, "a non-negative integer", what);
                None
            }
        }
    }

    fn number(&mut self, node: &Node, what: &str) -> Option<Number> {
        match node.kind {
            NodeKind::Int(i) => match i64::try_from(i) {
                Ok(i) => Some(Number::Int(i)),
                Err(_) => {
                    self.sink
                        .error(node.loc, format!("{what} is outside the 64-bit range"));
                    None
                }
            },
            NodeKind::Float(f) if f.is_finite() => Some(Number::Float(f)),
            _ => {
                self.expected(node, "a number", what);
                None
            }
        }
    }

    /// One of a fixed set of words, with a "did you mean" for typos.
    fn choice<T: Copy>(&mut self, node: &Node, what: &str, options: &[(&str, T)]) -> Option<T> {
        let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        let text = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Bool(b) => b.to_string(),
            _ => {
                self.expected(node, &format!("one of {}", one_of_list(&words)), what);
                return None;
            }
        };
        if let Some((_, value)) = options.iter().find(|(w, _)| *w == text) {
            return Some(*value);
        }
        let message = format!("`{text}` is not a valid {what}");
        match suggest(&text, words.iter().copied()) {
            Some(near) => {
                self.sink
                    .error_help(node.loc, message, format!("did you mean `{near}`?"))
            }
            None => self.sink.error_help(
                node.loc,
                message,
                format!("expected one of {}", one_of_list(&words)),
            ),
        }
        None
    }

    fn string_list(&mut self, node: &Node, what: &str) -> Vec<(String, Loc)> {
        let NodeKind::Seq(items) = &node.kind else {
            self.expected(node, "a list of strings", what);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, what).map(|s| (s, item.loc)))
            .collect()
    }

    fn literal(&mut self, node: &Node, what: &str) -> Option<Literal> {
        Some(match &node.kind {
            NodeKind::Null => Literal::Null,
            NodeKind::Bool(b) => Literal::Bool(*b),
            NodeKind::Int(i) => match i64::try_from(*i) {
                Ok(i) => Literal::Int(i),
                Err(_) => {
                    self.sink
                        .error(node.loc, format!("{what} is outside the 64-bit range"));
                    return None;
                }
            },
            NodeKind::Float(f) if f.is_finite() => Literal::Float(*f),
            NodeKind::Float(_) => {
                self.sink
                    .error(node.loc, format!("{what} must be a finite number"));
                return None;
            }
            NodeKind::Str(s) => Literal::String(s.clone()),
            NodeKind::Seq(items) => Literal::Array(
                items
                    .iter()
                    .map(|i| self.literal(i, what))
                    .collect::<Option<_>>()?,
            ),
            NodeKind::Map(entries) => Literal::Object(
                entries
                    .iter()
                    .map(|(k, v)| self.literal(v, what).map(|v| (k.name.clone(), v)))
                    .collect::<Option<_>>()?,
            ),
        })
    }

    /// A mapping's entries as (key, value) pairs, or an error.
    fn entries<'n>(&mut self, node: &'n Node, what: &str) -> &'n [(Key, Node)] {
        match &node.kind {
            NodeKind::Map(entries) => entries,
            NodeKind::Null => &[],
            _ => {
                self.expected(node, "a mapping", what);
                &[]
            }
        }
    }

    fn items<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.kind {
            NodeKind::Seq(items) => items,
            _ => {
                self.expected(node, "a list", what);
                &[]
            }
        }
    }
}

/// `us` -> `Us`, `opticsV2` -> `OpticsV2`, `read-only` -> `ReadOnly`.
pub fn pascal_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut upper = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}
