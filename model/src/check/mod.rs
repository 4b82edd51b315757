//! The checker: what the reader cannot see from one key alone.
//!
//! Type references resolve, constraints fit their type and do not contradict each other,
//! patterns compile, defaults satisfy their own member, enum values are distinct, rules and
//! advice name members that exist, paths and parameters agree, examples are well formed,
//! and ids are unique across the whole spec. Every error names file:line:column.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Loc, Sink};
use crate::ir::*;

mod endpoints;
mod examples;
mod rules;
mod types;

/// Checks one API. Cross-API checks are in [`check_spec`].
pub fn check_api(api: &Api, sink: &mut Sink) {
    let mut c = Checker {
        api,
        sink,
        dangling: false,
    };
    c.api();
}

/// Checks what spans files: unique API ids and endpoint ids.
pub fn check_spec(apis: &[Api], sinks: &mut BTreeMap<String, Sink>) {
    let mut api_ids: BTreeMap<&str, &Api> = BTreeMap::new();
    let mut endpoint_ids: BTreeMap<&str, (&Api, &Endpoint)> = BTreeMap::new();
    for api in apis {
        if let Some(first) = api_ids.insert(&api.id, api)
            && let Some(sink) = sinks.get_mut(&api.file)
        {
            sink.error_help(
                Loc { line: 1, column: 1 },
                format!("API id `{}` is already used by {}", api.id, first.file),
                "give each API its own id",
            );
        }
        for e in &api.endpoints {
            if let Some((first_api, first)) = endpoint_ids.get(e.id.as_str()) {
                if let Some(sink) = sinks.get_mut(&api.file) {
                    sink.error_help(
                        e.loc,
                        format!("duplicate endpoint id `{}`", e.id),
                        format!(
                            "it is already used at {}:{}:{}; endpoint ids are unique across all spec files",
                            first_api.file, first.loc.line, first.loc.column
                        ),
                    );
                }
            } else {
                endpoint_ids.insert(&e.id, (api, e));
            }
        }
    }
}

struct Checker<'c, 's, 'a> {
    api: &'c Api,
    sink: &'s mut Sink<'a>,
    /// A reference to an undeclared type was reported; "unused type" would be noise then.
    dangling: bool,
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_pascal_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `{name}` placeholders in a template, with their byte offsets.
fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

impl Checker<'_, '_, '_> {
    fn api(&mut self) {
        let api = self.api;
        if !is_snake_case(&api.id) {
            self.sink.error_help(
                api.locs.value("id", Loc { line: 1, column: 1 }),
                format!("API id `{}` is not snake_case", api.id),
                "use lower-case letters, digits and `_`, for example `ivanti_es_v2`",
            );
        }
        for v in &api.variables {
            self.parameter(v, "API variable");
            let used = api.base_url.contains(&format!("{{{}}}", v.name))
                || api
                    .endpoints
                    .iter()
                    .any(|e| e.path.contains(&format!("{{{}}}", v.name)));
            if !used {
                self.sink.error_help(
                    v.loc,
                    format!(
                        "API variable `{}` is used neither in `base_url` nor in a path",
                        v.name
                    ),
                    "remove it, or write `{name}` where it goes",
                );
            }
        }
        for name in placeholders(&api.base_url) {
            if !api.variables.iter().any(|v| v.name == name) {
                self.sink.error_help(
                    api.locs.value("base_url", Loc { line: 1, column: 1 }),
                    format!(
                        "`base_url` uses `{{{name}}}`, which is not declared under `variables`"
                    ),
                    "declare it under `api.variables`",
                );
            }
        }
        for t in &api.types {
            self.type_def(t);
        }
        self.type_cycles();
        for e in &api.endpoints {
            self.endpoint(e);
        }
        if !self.dangling {
            self.unused_types();
        }
        let mut codes: BTreeMap<&str, Loc> = BTreeMap::new();
        for t in &api.types {
            if let TypeKind::Object(o) = &t.kind {
                for a in &o.advice {
                    if let Some(first) = codes.insert(&a.code, a.loc)
                        && first != a.loc
                    {
                        self.sink.error_help(
                            a.loc,
                            format!("advice code `{}` is used twice", a.code),
                            format!(
                                "it is already used at line {}; give each advice its own code",
                                first.line
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Where an example sits, for the checks that depend on it.
#[derive(Clone, Copy)]
enum Site<'e> {
    /// Under an object type (`form: members`).
    Type,
    /// Under an endpoint's `request`.
    Request {
        endpoint: &'e Endpoint,
        presence: Presence,
        enveloped: bool,
    },
    /// Under one of an endpoint's responses that has a body.
    Response {
        endpoint: &'e Endpoint,
        presence: Presence,
    },
}

impl<'e> Site<'e> {
    /// For an endpoint's example: which body (`request`, `response`), of which endpoint,
    /// and whether it may be left out.
    fn body(self) -> Option<(&'static str, &'e Endpoint, Presence)> {
        match self {
            Site::Type => None,
            Site::Request {
                endpoint, presence, ..
            } => Some(("request", endpoint, presence)),
            Site::Response { endpoint, presence } => Some(("response", endpoint, presence)),
        }
    }
}

/// `` `a`, `b`, `c` ``: every name, in backticks.
fn backticked(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The names that fill the endpoint's URL: its path parameters, and the API variables its
/// base URL or path uses (what a `part: path` expectation is about).
fn path_names<'a>(api: &'a Api, e: &'a Endpoint) -> Vec<&'a str> {
    let used = |v: &&Parameter| {
        let placeholder = format!("{{{}}}", v.name);
        api.base_url.contains(&placeholder) || e.path.contains(&placeholder)
    };
    e.path_parameters
        .iter()
        .chain(api.variables.iter().filter(used))
        .map(|p| p.name.as_str())
        .collect()
}

impl<'c> Checker<'c, '_, '_> {
    /// The advice codes this API declares.
    fn advice_codes(&self) -> BTreeSet<&'c str> {
        let api: &'c Api = self.api;
        api.types
            .iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Object(o) => Some(o.advice.iter().map(|a| a.code.as_str())),
                _ => None,
            })
            .flatten()
            .collect()
    }
}

fn named_in(schema: &Schema, out: &mut Vec<String>) {
    match &schema.ty {
        Type::Named(n) => out.push(n.clone()),
        Type::Array(items) => named_in(items, out),
        _ => {}
    }
}
