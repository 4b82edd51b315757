//! Types: objects, members, parameters, schemas and their constraint keywords, enums,
//! cycles and unused types.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use vendorspec_runtime::keywords::{Applies, KEYWORDS, Keyword};
use vendorspec_runtime::semantics;
use vendorspec_runtime::suggest::suggest;

use super::*;
use crate::literal::check_literal;
use crate::read::is_rule_code;

impl Checker<'_, '_, '_> {
    pub(super) fn type_def(&mut self, t: &TypeDef) {
        if !is_pascal_case(&t.name) {
            self.sink.error_help(
                t.loc,
                format!("type name `{}` is not PascalCase", t.name),
                "type names become Rust type names: start with an upper-case letter, letters and digits only",
            );
        }
        match &t.kind {
            TypeKind::Object(o) => self.object(t, o),
            TypeKind::Enum(e) => {
                if e.values.is_empty() {
                    self.sink.error_help(
                        t.loc,
                        format!("enum `{}` has no values", t.name),
                        "list its values under `values:`, each with `value` and `description`",
                    );
                }
                self.enumeration(e)
            }
        }
    }

    pub(super) fn object(&mut self, t: &TypeDef, o: &ObjectType) {
        let mut seen: BTreeMap<String, &Member> = BTreeMap::new();
        for m in &o.members {
            let key = match self.api.member_names {
                NameMatching::Exact => m.name.clone(),
                NameMatching::CaseInsensitive => m.name.to_lowercase(),
            };
            if let Some(first) = seen.insert(key, m) {
                self.sink.error_help(
                    m.loc,
                    format!(
                        "member `{}` collides with `{}`: this API matches member names case-insensitively",
                        m.name, first.name
                    ),
                    "rename one of them",
                );
            }
            self.member(m);
        }
        for rule in &o.rules {
            self.rule(o, rule);
        }
        for advice in &o.advice {
            if !is_snake_case(&advice.code) {
                self.sink.error_help(
                    advice.loc,
                    format!("advice code `{}` is not snake_case", advice.code),
                    "codes are stable identifiers, for example `install_without_credentials`",
                );
            }
            if is_rule_code(&advice.code) {
                self.sink.error_help(
                    advice.loc,
                    format!(
                        "advice code `{}` is one of the built-in rule codes",
                        advice.code
                    ),
                    "advice is a warning with a code of its own",
                );
            }
            if let Some(at) = &advice.at {
                self.member_ref(o, at, advice.loc, "advice");
            }
            self.condition(o, &advice.when);
        }
        for e in &t.examples {
            self.example(e, Site::Type);
        }
    }

    pub(super) fn member(&mut self, m: &Member) {
        self.schema(&m.schema, &format!("member `{}`", m.name));
        if m.secret && !matches!(m.schema.ty, Type::String) {
            self.sink.error_help(
                m.locs.key("secret", m.loc),
                format!("member `{}` is secret but is not a string", m.name),
                "only string members can be secret",
            );
        }
        if let Some(default) = &m.default {
            let at = m.locs.value("default", m.loc);
            if m.required {
                self.sink.error_help(
                    m.locs.key("default", m.loc),
                    format!("member `{}` is required and has a default", m.name),
                    "a default is used when the member is absent, which a required member never is: remove one of the two",
                );
            }
            if let Err(problem) = check_literal(self.api, &m.schema, default) {
                self.sink.error_help(
                    at,
                    format!(
                        "the default of member `{}` breaks its own declaration: {problem}",
                        m.name
                    ),
                    "fix the default or the constraint",
                );
            }
        }
    }

    pub(super) fn parameter(&mut self, p: &Parameter, what: &str) {
        let what = format!("{what} `{}`", p.name);
        self.schema(&p.schema, &what);
        let scalar = match &p.schema.ty {
            Type::String | Type::Integer | Type::Number | Type::Boolean => true,
            Type::Named(n) => matches!(
                self.api.type_def(n).map(|t| &t.kind),
                Some(TypeKind::Enum(_)) | None
            ),
            Type::Array(_) => false,
        };
        if !scalar {
            self.sink.error_help(
                p.loc,
                format!("{what} must be a string, integer, number, boolean or enum"),
                "parameters travel in the URL",
            );
        }
        for (value, role) in p
            .default
            .iter()
            .map(|d| (d, "default"))
            .chain(p.examples.iter().map(|e| (e, "example")))
        {
            if let Err(problem) = check_literal(self.api, &p.schema, value) {
                let key = if role == "default" {
                    "default"
                } else {
                    "examples"
                };
                self.sink.error(
                    p.locs.value(key, p.loc),
                    format!(
                        "the {role} {} of {what} is invalid: {problem}",
                        value.to_json()
                    ),
                );
            }
        }
    }

    pub(super) fn schema(&mut self, s: &Schema, what: &str) {
        let c = &s.constraints;
        let kind = match &s.ty {
            Type::Named(name) => match self.api.type_def(name) {
                Some(_) => "named",
                None => {
                    self.dangling = true;
                    let at = s.locs.value("type", s.loc);
                    let message = format!("{what} refers to type `{name}`, which is not declared");
                    let names = self.api.types.iter().map(|t| t.name.as_str());
                    match suggest(name, names) {
                        Some(near) => {
                            self.sink
                                .error_help(at, message, format!("did you mean `{near}`?"))
                        }
                        None => self
                            .sink
                            .error_help(at, message, "declare it under `types:`"),
                    }
                    "named"
                }
            },
            Type::String => "string",
            Type::Integer | Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Array(items) => {
                self.schema(items, &format!("the items of {what}"));
                "array"
            }
        };
        let applies = |keyword: &Keyword| match keyword.applies {
            Applies::String => kind == "string",
            Applies::Number => kind == "number",
            Applies::Array => kind == "array",
            Applies::Duration => c.format == Some(Format::DurationDhm),
        };
        for keyword in KEYWORDS {
            let key = keyword.name;
            if c.has(key) && !applies(keyword) {
                let help = match keyword.applies {
                    Applies::Duration => "duration bounds need `format: duration_dhm`".to_string(),
                    applies => format!("`{key}` applies to {}", applies.label()),
                };
                self.sink.error_help(
                    s.locs.key(key, s.loc),
                    format!(
                        "`{key}` does not apply to {what}, whose type is {}",
                        s.ty.label()
                    ),
                    help,
                );
            }
        }
        // Whether the lower bound exceeds the upper one, compared exactly (bounds as the
        // value semantics compares numbers).
        let above = |min: Option<u64>, max: Option<u64>| min.zip(max).is_some_and(|(a, b)| a > b);
        let pairs: [(&str, bool); 4] = [
            ("length", above(c.min_length, c.max_length)),
            ("items", above(c.min_items, c.max_items)),
            (
                "",
                c.minimum.zip(c.maximum).is_some_and(|(a, b)| {
                    semantics::num_order(a.into(), b.into()) == Some(std::cmp::Ordering::Greater)
                }),
            ),
            (
                "duration",
                above(
                    c.min_duration.map(|d| d.minutes),
                    c.max_duration.map(|d| d.minutes),
                ),
            ),
        ];
        for (name, backwards) in pairs {
            if backwards {
                let (lo, hi) = if name.is_empty() {
                    ("minimum".to_string(), "maximum".to_string())
                } else {
                    (format!("min_{name}"), format!("max_{name}"))
                };
                self.sink.error_help(
                    s.locs.key(&lo, s.loc),
                    format!("{what} has `{lo}` greater than `{hi}`, so no value can satisfy it"),
                    format!("make `{lo}` at most `{hi}`"),
                );
            }
        }
        if let Some(pattern) = &c.pattern
            && let Err(e) = Regex::new(pattern)
        {
            let detail = e.to_string();
            let last = detail.lines().last().unwrap_or("").trim();
            let last = last.strip_prefix("error: ").unwrap_or(last).to_string();
            self.sink.error_help(
                    s.locs.value("pattern", s.loc),
                    format!("the pattern of {what} does not compile: {last}"),
                    "patterns use the regex crate's syntax, which is also valid ECMA-262 for the constructs documented in spec/README.md",
                );
        }
    }

    pub(super) fn enumeration(&mut self, e: &EnumType) {
        let mut values: Vec<&EnumValue> = Vec::new();
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for v in &e.values {
            let fits = matches!(
                (e.base, &v.value),
                (EnumBase::String, Literal::String(_)) | (EnumBase::Integer, Literal::Int(_))
            );
            if !fits {
                self.sink.error_help(
                    v.loc,
                    format!(
                        "enum value {} does not fit the enum's base",
                        v.value.to_json()
                    ),
                    format!(
                        "this enum's base is `{}`",
                        if e.base == EnumBase::String {
                            "string"
                        } else {
                            "integer"
                        }
                    ),
                );
            }
            if let Some(first) = values.iter().find(|f| f.value == v.value) {
                self.sink.error_help(
                    v.loc,
                    format!("enum value {} is repeated", v.value.to_json()),
                    format!("it is already listed at line {}", first.loc.line),
                );
                // Its derived name repeats too; one error is enough.
                continue;
            }
            values.push(v);
            if !is_pascal_case(&v.name) {
                self.sink.error_help(
                    v.loc,
                    format!("enum value name `{}` is not PascalCase", v.name),
                    "names become Rust variant names: start with an upper-case letter, letters and digits only",
                );
            } else if !names.insert(&v.name) {
                self.sink.error_help(
                    v.loc,
                    format!("enum value name `{}` is repeated", v.name),
                    "give each value its own name",
                );
            }
        }
    }

    /// Types that contain themselves cannot be built; each must end somewhere.
    pub(super) fn type_cycles(&mut self) {
        fn refs(schema: &Schema, out: &mut Vec<String>) {
            match &schema.ty {
                Type::Named(n) => out.push(n.clone()),
                Type::Array(_) => {} // an array can be empty, so it ends the cycle
                _ => {}
            }
        }
        let api = self.api;
        let mut graph: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for t in &api.types {
            let mut out = Vec::new();
            if let TypeKind::Object(o) = &t.kind {
                for m in o.members.iter().filter(|m| m.required) {
                    refs(&m.schema, &mut out);
                }
            }
            graph.insert(&t.name, out);
        }
        for t in &api.types {
            let mut stack = vec![t.name.clone()];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                for next in graph.get(n.as_str()).into_iter().flatten() {
                    if *next == t.name {
                        self.sink.error_help(
                            t.loc,
                            format!("type `{}` requires itself through required members", t.name),
                            "make one member on the cycle optional, or an array",
                        );
                        stack.clear();
                        break;
                    }
                    if seen.insert(next.clone()) {
                        stack.push(next.clone());
                    }
                }
            }
        }
    }

    pub(super) fn unused_types(&mut self) {
        let api = self.api;
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut queue: Vec<String> = Vec::new();
        for e in &api.endpoints {
            queue.extend(e.request.iter().map(|r| r.body.clone()));
            for r in &e.responses {
                queue.extend(r.body.iter().cloned());
                for v in &r.variants {
                    for m in v.wrapper.iter().flat_map(|w| &w.members) {
                        named_in(&m.schema, &mut queue);
                    }
                }
            }
            for p in e.path_parameters.iter().chain(&e.query_parameters) {
                named_in(&p.schema, &mut queue);
            }
        }
        for v in &api.variables {
            named_in(&v.schema, &mut queue);
        }
        while let Some(name) = queue.pop() {
            if !used.insert(name.clone()) {
                continue;
            }
            if let Some(TypeKind::Object(o)) = api.type_def(&name).map(|t| &t.kind) {
                for m in &o.members {
                    named_in(&m.schema, &mut queue);
                }
            }
        }
        for t in &api.types {
            if !used.contains(&t.name) {
                self.sink.error_help(
                    t.loc,
                    format!("type `{}` is not used by any endpoint", t.name),
                    "use it from a request, a response, a parameter or another type, or remove it",
                );
            }
        }
    }
}
