//! The checker: what the reader cannot see from one key alone.
//!
//! Type references resolve, constraints fit their type and do not contradict each other,
//! patterns compile, defaults satisfy their own member, enum values are distinct, rules and
//! advice name members that exist, paths and parameters agree, examples are well formed,
//! and ids are unique across the whole spec. Every error names file:line:column.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use vendorspec_runtime::envelope::unwrap_envelope;
use vendorspec_runtime::reader::{self, Syntax};

use vendorspec_runtime::keywords::{Applies, KEYWORDS, Keyword};
use vendorspec_runtime::semantics;
use vendorspec_runtime::suggest::suggest;

use crate::diag::{Loc, Sink, one_of_list};
use crate::ir::*;
use crate::literal::check_literal;
use crate::read::{is_rule_code, rule_codes};

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

    // ---- types ----------------------------------------------------------------------

    fn type_def(&mut self, t: &TypeDef) {
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

    fn object(&mut self, t: &TypeDef, o: &ObjectType) {
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

    fn member(&mut self, m: &Member) {
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

    fn parameter(&mut self, p: &Parameter, what: &str) {
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

    fn schema(&mut self, s: &Schema, what: &str) {
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

    fn enumeration(&mut self, e: &EnumType) {
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
    fn type_cycles(&mut self) {
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

    fn unused_types(&mut self) {
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

    // ---- rules ----------------------------------------------------------------------

    fn member_ref<'o>(
        &mut self,
        o: &'o ObjectType,
        name: &str,
        loc: Loc,
        what: &str,
    ) -> Option<&'o Member> {
        let found = o.member(name);
        if found.is_none() {
            let message = format!("{what} names member `{name}`, which this type does not have");
            match suggest(name, o.members.iter().map(|m| m.name.as_str())) {
                Some(near) => self
                    .sink
                    .error_help(loc, message, format!("did you mean `{near}`?")),
                None => {
                    let names: Vec<&str> = o.members.iter().map(|m| m.name.as_str()).collect();
                    self.sink.error_help(
                        loc,
                        message,
                        format!("its members are {}", one_of_list(&names)),
                    )
                }
            }
        }
        found
    }

    fn rule(&mut self, o: &ObjectType, rule: &Rule) {
        match &rule.kind {
            RuleKind::ExactlyOneOf { members, count }
            | RuleKind::AtLeastOneOf { members, count } => {
                let code = rule.kind.code();
                if members.len() < 2 {
                    self.sink.error_help(
                        rule.loc,
                        format!("`{code}` needs at least two members"),
                        "with one member, make it `required` instead",
                    );
                }
                for name in members {
                    let at = rule.names.key(name, rule.loc);
                    if let Some(m) = self.member_ref(o, name, at, &format!("`{code}`")) {
                        if *count == Count::NonEmpty && !matches!(m.schema.ty, Type::Array(_)) {
                            self.sink.error_help(
                                at,
                                format!(
                                    "`count: non_empty` needs array members, and `{name}` is {}",
                                    m.schema.ty.label()
                                ),
                                "use `count: present`, the default",
                            );
                        }
                        if m.required {
                            self.sink.error_help(
                                at,
                                format!("`{code}` names `{name}`, which is required and so always present"),
                                "make the member optional",
                            );
                        }
                    }
                }
            }
            RuleKind::RangeOrder { low, high } => {
                let lo = self.member_ref(o, low, rule.names.key(low, rule.loc), "`range_order`");
                let hi = self.member_ref(o, high, rule.names.key(high, rule.loc), "`range_order`");
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    let orderable = |m: &Member| match &m.schema.ty {
                        Type::Integer | Type::Number => Some("number"),
                        Type::String if m.schema.constraints.format == Some(Format::Ipv4) => {
                            Some("ipv4")
                        }
                        Type::String if m.schema.constraints.format == Some(Format::DateTime) => {
                            Some("date-time")
                        }
                        _ => None,
                    };
                    match (orderable(lo), orderable(hi)) {
                        (Some(a), Some(b)) if a == b => {}
                        _ => self.sink.error_help(
                            rule.loc,
                            format!("`range_order` compares `{low}` and `{high}`, which are not both numbers, both ipv4 or both date-time"),
                            "range_order orders integers, numbers, ipv4 addresses and date-times",
                        ),
                    }
                }
            }
            RuleKind::Requires { when, then, .. } => {
                self.condition(o, when);
                self.condition(o, then);
            }
        }
    }

    fn condition(&mut self, o: &ObjectType, cond: &Condition) {
        for test in &cond.0 {
            let Some(m) = self.member_ref(o, &test.member, test.loc, "a condition") else {
                continue;
            };
            let is_array = matches!(m.schema.ty, Type::Array(_));
            match &test.predicate {
                Predicate::Present(_) => {}
                Predicate::NonEmpty(_) | Predicate::Contains(_) if !is_array => {
                    self.sink.error_help(
                        test.loc,
                        format!(
                            "`{}` is {}, so it cannot be tested with `non_empty` or `contains`",
                            m.name,
                            m.schema.ty.label()
                        ),
                        "those tests apply to arrays",
                    );
                }
                Predicate::NonEmpty(_) => {}
                Predicate::Contains(value) => {
                    if let Type::Array(items) = &m.schema.ty
                        && let Err(problem) = check_literal(self.api, items, value)
                    {
                        self.sink.error(
                            test.loc,
                            format!(
                                "`contains: {}` can never hold for `{}`: {problem}",
                                value.to_json(),
                                m.name
                            ),
                        );
                    }
                }
                Predicate::Equals(value) => self.operand(m, value, test.loc),
                Predicate::In(values) | Predicate::NotIn(values) => {
                    for value in values {
                        self.operand(m, value, test.loc);
                    }
                }
            }
        }
    }

    fn operand(&mut self, m: &Member, value: &Literal, loc: Loc) {
        if let Err(problem) = check_literal(self.api, &m.schema, value) {
            self.sink.error(
                loc,
                format!(
                    "the test compares `{}` with {}, a value it can never have: {problem}",
                    m.name,
                    value.to_json()
                ),
            );
        }
    }

    // ---- endpoints ------------------------------------------------------------------

    fn endpoint(&mut self, e: &Endpoint) {
        let api = self.api;
        let path_loc = e.locs.value("path", e.loc);
        if !is_snake_case(&e.id) {
            self.sink.error_help(
                e.loc,
                format!("endpoint id `{}` is not snake_case", e.id),
                "ids are stable identifiers used by the CLI, for example `create_job`",
            );
        }
        if !e.path.starts_with('/') {
            self.sink.error_help(
                path_loc,
                format!("the path of `{}` must start with `/`", e.id),
                "for example `/api/v2/Jobs`",
            );
        }
        if e.path.contains('?') {
            self.sink.error_help(
                path_loc,
                format!("the path of `{}` contains a query string", e.id),
                "declare query parameters under `query_parameters`",
            );
        }
        let used = placeholders(&e.path);
        for name in &used {
            let declared = e.path_parameters.iter().any(|p| &p.name == name)
                || api.variables.iter().any(|v| &v.name == name);
            if !declared {
                self.sink.error_help(
                    path_loc,
                    format!("the path of `{}` uses `{{{name}}}`, which is neither a path parameter nor an API variable", e.id),
                    "declare it under `path_parameters`",
                );
            }
        }
        for p in &e.path_parameters {
            if !used.contains(&p.name) {
                self.sink.error_help(
                    p.loc,
                    format!(
                        "path parameter `{}` does not appear in the path `{}`",
                        p.name, e.path
                    ),
                    format!(
                        "write `{{{}}}` in the path, or make it a query parameter",
                        p.name
                    ),
                );
            }
            self.parameter(p, "path parameter");
        }
        for p in &e.query_parameters {
            self.parameter(p, "query parameter");
        }
        if let Some(request) = &e.request {
            self.body_ref(&request.body, request.loc, "request");
            let site = Site::Request {
                endpoint: e,
                presence: request.presence,
                enveloped: api.body_encoding == BodyEncoding::Enveloped,
            };
            for ex in &request.examples {
                self.example(ex, site);
            }
        }
        if e.responses.is_empty() {
            self.sink.error_help(
                e.loc,
                format!("endpoint `{}` documents no response", e.id),
                "list at least the success status under `responses`",
            );
        }
        let mut statuses: BTreeSet<u16> = BTreeSet::new();
        for r in &e.responses {
            for s in &r.status {
                if !statuses.insert(*s) {
                    self.sink.error(
                        r.locs.value("status", r.loc),
                        format!("status {s} is listed twice in `{}`", e.id),
                    );
                }
            }
            if let Some(body) = &r.body {
                self.body_ref(body, r.locs.value("body", r.loc), "response");
                let members: Vec<String> = match api.type_def(body).map(|t| &t.kind) {
                    Some(TypeKind::Object(o)) => o.members.iter().map(|m| m.name.clone()).collect(),
                    _ => Vec::new(),
                };
                let mut flat = 0;
                for v in &r.variants {
                    match &v.wrapper {
                        None => flat += 1,
                        Some(w) => {
                            if members.iter().any(|m| m.eq_ignore_ascii_case(&w.member)) {
                                self.sink.error_help(
                                    e.loc,
                                    format!("variant `{}` wraps the body in `{}`, which is also a member of `{body}`", v.name, w.member),
                                    "the wrapper member must tell the two shapes apart",
                                );
                            }
                            for m in &w.members {
                                self.member(m);
                            }
                        }
                    }
                }
                if flat > 1 {
                    self.sink.error(
                        e.loc,
                        format!(
                            "a response of `{}` has more than one unwrapped variant",
                            e.id
                        ),
                    );
                }
            } else {
                if !r.variants.is_empty() || !r.examples.is_empty() {
                    self.sink.error(
                        e.loc,
                        format!(
                            "a response of `{}` has variants or examples but no `body`",
                            e.id
                        ),
                    );
                }
                if r.locs.has("presence") {
                    self.sink.error_help(
                        r.locs.key("presence", r.loc),
                        format!(
                            "a response of `{}` has `presence` but no `body`",
                            e.id
                        ),
                        "`presence` says whether the body may be left out: name the `body` it is about, or remove `presence`",
                    );
                }
            }
            let site = Site::Response {
                endpoint: e,
                presence: r.presence,
            };
            for ex in &r.examples {
                self.example(ex, site);
            }
        }
    }

    fn body_ref(&mut self, name: &str, loc: Loc, what: &str) {
        match self.api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Object(_)) => {}
            Some(TypeKind::Enum(_)) => self.sink.error(
                loc,
                format!("the {what} body `{name}` is an enum; a body must be an object type"),
            ),
            None => {
                self.dangling = true;
                let message =
                    format!("the {what} body refers to type `{name}`, which is not declared");
                match suggest(name, self.api.types.iter().map(|t| t.name.as_str())) {
                    Some(near) => {
                        self.sink
                            .error_help(loc, message, format!("did you mean `{near}`?"))
                    }
                    None => self
                        .sink
                        .error_help(loc, message, "declare it under `types:`"),
                }
            }
        }
    }

    // ---- examples -------------------------------------------------------------------

    /// Parses an example as the API would (syntax, and the envelope for requests of an
    /// enveloped API): a syntax error must be exactly the one the example expects.
    fn example_syntax(&mut self, ex: &Example, enveloped: bool) {
        let syntax = match self.api.body_syntax {
            BodySyntax::Strict => Syntax::Strict,
            BodySyntax::Lenient => Syntax::Lenient,
        };
        // Members are written without braces, as the docs write them.
        let (text, shift) = match ex.form {
            ExampleForm::Document => (ex.text.clone(), 0),
            ExampleForm::Members => (format!("{{\n{}\n}}", ex.text), 1),
        };
        let found = match reader::parse(text.as_bytes(), syntax) {
            Err(f) => Some(f),
            Ok(doc) if enveloped => unwrap_envelope(&doc, syntax).and_then(Result::err),
            Ok(_) => None,
        };
        let expected = ex
            .expect
            .iter()
            .find(|x| x.rule == "syntax" && x.part == Part::Body);
        match (found, expected) {
            (None, None) => {}
            (None, Some(_)) => self.sink.error_help(
                ex.loc,
                format!(
                    "example `{}` expects a syntax error, but it parses",
                    ex.name
                ),
                "remove the `syntax` expectation",
            ),
            (Some(f), expected) => {
                let (line, column) = (f.line.saturating_sub(shift).max(1), f.column);
                let pinned = expected.map(|x| (x.line, x.column));
                match pinned {
                    None => self.sink.error_help(
                        ex.loc,
                        format!(
                            "example `{}` does not parse: {} (line {line}, column {column} of the example)",
                            ex.name, f.message
                        ),
                        match syntax {
                            Syntax::Strict => "this API's bodies are strict JSON; if the docs show it this way, mark the example `valid: false` and expect rule `syntax`",
                            Syntax::Lenient => "if the docs show it this way, mark the example `valid: false` and expect rule `syntax`",
                        },
                    ),
                    Some((want_line, want_column))
                        if want_line.is_some_and(|l| l != line)
                            || want_column.is_some_and(|c| c != column) =>
                    {
                        self.sink.error_help(
                            ex.loc,
                            format!(
                                "example `{}` expects its syntax error at line {}, column {}, but it is at line {line}, column {column}: {}",
                                ex.name,
                                want_line.map_or("?".into(), |l| l.to_string()),
                                want_column.map_or("?".into(), |c| c.to_string()),
                                f.message
                            ),
                            "fix the expected `line` and `column`",
                        )
                    }
                    Some(_) => {}
                }
            }
        }
    }

    fn example(&mut self, ex: &Example, site: Site<'_>) {
        let on_type = matches!(site, Site::Type);
        let enveloped = matches!(
            site,
            Site::Request {
                enveloped: true,
                ..
            }
        );
        // An endpoint's example with a blank text is a call or response without a body.
        let blank = site.body().is_some() && ex.is_blank();
        let blank_required = blank && site.body().is_some_and(|(_, _, p)| p.is_required());
        let form_fits = on_type == (ex.form == ExampleForm::Members);
        if form_fits && !blank {
            self.example_syntax(ex, enveloped);
        }
        let form_at = ex.locs.value("form", ex.loc);
        if on_type && ex.form != ExampleForm::Members {
            self.sink.error_help(
                form_at,
                format!("example `{}` on a type must have `form: members`", ex.name),
                "whole bodies belong under the endpoint's request or response",
            );
        }
        if !on_type && ex.form == ExampleForm::Members {
            self.sink.error_help(
                form_at,
                format!(
                    "example `{}` has `form: members`, which only types' examples can have",
                    ex.name
                ),
                "an endpoint's example is a whole body",
            );
        }
        let advice_codes = self.advice_codes();
        // An expectation with a misspelt code is reported on its own; count it as the
        // error it was meant to be, so it is not reported twice.
        let errors = ex
            .expect
            .iter()
            .filter(|x| x.severity == Severity::Error || !advice_codes.contains(x.rule.as_str()))
            .count();
        // A blank example of a required body gets its own, more precise, error below.
        if !ex.valid && errors == 0 && !blank_required {
            self.sink.error_help(
                ex.loc,
                format!("example `{}` is invalid but expects no error", ex.name),
                "list the errors it must produce under `expect`, each with `rule` and `pointer`",
            );
        }
        if ex.valid && errors > 0 {
            self.sink.error_help(
                ex.loc,
                format!("example `{}` is valid but expects errors", ex.name),
                "a valid example may only expect warnings (advice)",
            );
        }
        for x in &ex.expect {
            let rule_at = x.locs.value("rule", ex.loc);
            let known = is_rule_code(&x.rule) || advice_codes.contains(x.rule.as_str());
            if !known {
                let all: Vec<&str> = advice_codes.iter().copied().chain(rule_codes()).collect();
                let message = format!(
                    "example `{}` expects rule `{}`, which does not exist",
                    ex.name, x.rule
                );
                match suggest(&x.rule, all.iter().copied()) {
                    Some(near) => self
                        .sink
                        .error_help(rule_at, message, format!("did you mean `{near}`?")),
                    None => self.sink.error_help(
                        rule_at,
                        message,
                        "rules are the codes in the README's rule table, or this API's advice codes",
                    ),
                }
            }
            let advice = advice_codes.contains(x.rule.as_str());
            if known && advice != (x.severity == Severity::Warning) {
                self.sink.error(
                    x.locs.value("severity", rule_at),
                    format!(
                        "example `{}` expects `{}` as {}, but it is {}",
                        ex.name,
                        x.rule,
                        if x.severity == Severity::Warning {
                            "a warning"
                        } else {
                            "an error"
                        },
                        if advice {
                            "advice (a warning)"
                        } else {
                            "an error"
                        }
                    ),
                );
            }
            if !(x.pointer.is_empty() || x.pointer.starts_with('/')) {
                self.sink.error_help(
                    x.locs.value("pointer", ex.loc),
                    format!("example `{}` expects pointer `{}`, which is not a JSON pointer", ex.name, x.pointer),
                    "a JSON pointer is empty (the root) or starts with `/`, for example `/DiscoveryTargets`",
                );
            }
        }
        if blank && let Some((what, endpoint, presence)) = site.body() {
            self.blank_example(ex, what, endpoint, presence);
        }
        match site {
            Site::Request { endpoint, .. } => self.example_call(ex, endpoint),
            Site::Type | Site::Response { .. } => self.not_a_call(ex),
        }
    }

    /// An example with no body: valid where the body may be left out, and then about no
    /// body finding; where the body is required, exactly the one `required` finding the
    /// validator reports for an empty body.
    fn blank_example(&mut self, ex: &Example, what: &str, endpoint: &Endpoint, presence: Presence) {
        let body: Vec<&Expectation> = ex.expect.iter().filter(|x| x.part == Part::Body).collect();
        match presence {
            Presence::Optional => {
                if let Some(first) = body.first() {
                    self.sink.error_help(
                        first.locs.value("rule", ex.loc),
                        format!(
                            "example `{}` has no body, and the {what} body of `{}` is optional, so no finding can be about the body",
                            ex.name, endpoint.id
                        ),
                        "remove the expectations about the body, or write the body in `text`",
                    );
                }
            }
            Presence::Required if ex.valid => self.sink.error_help(
                ex.loc,
                format!(
                    "example `{}` has no body, but the {what} body of `{}` is required",
                    ex.name, endpoint.id
                ),
                "mark it `valid: false` and expect rule `required` at pointer \"\", or declare the body `presence: optional`",
            ),
            Presence::Required => {
                let exact = matches!(
                    body.as_slice(),
                    [x] if x.rule == "required" && x.pointer.is_empty() && x.severity == Severity::Error
                );
                if !exact {
                    self.sink.error_help(
                        ex.loc,
                        format!(
                            "example `{}` has no body, so its one body finding is rule `required` at pointer \"\"",
                            ex.name
                        ),
                        "expect exactly `- { rule: required, pointer: \"\" }` about the body",
                    );
                }
            }
        }
    }

    /// A request example's call: its parameters are the endpoint's, and each expectation
    /// about a parameter names one of the right kind that the example gives.
    fn example_call(&mut self, ex: &Example, e: &Endpoint) {
        let path_names = path_names(self.api, e);
        let query_names: Vec<&str> = e.query_parameters.iter().map(|p| p.name.as_str()).collect();
        let all: Vec<&str> = path_names.iter().chain(&query_names).copied().collect();
        for (name, _) in &ex.params {
            if all.contains(&name.as_str()) {
                continue;
            }
            let message = format!(
                "example `{}` gives parameter `{name}`, which `{}` does not take",
                ex.name, e.id
            );
            let help = match suggest(name, all.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if all.is_empty() => format!("`{}` takes no parameters", e.id),
                None => format!(
                    "the parameters it takes (path, query, and the API variables its URL uses) are {}",
                    backticked(&all)
                ),
            };
            self.sink
                .error_help(ex.param_locs.key(name, ex.loc), message, help);
        }
        for x in &ex.expect {
            let (names, other, other_part) = match x.part {
                Part::Body => continue,
                Part::Path => (&path_names, &query_names, Part::Query),
                Part::Query => (&query_names, &path_names, Part::Path),
            };
            // A pointer that is not a JSON pointer is reported as such above.
            let Some(token) = x
                .pointer
                .strip_prefix('/')
                .or(x.pointer.is_empty().then_some(""))
            else {
                continue;
            };
            let name = token.replace("~1", "/").replace("~0", "~");
            let at = x.locs.value("pointer", ex.loc);
            let part = x.part.as_str();
            if !names.contains(&name.as_str()) {
                let message = format!(
                    "example `{}` expects a finding at `{}` in the {part}, which is not a {part} parameter of `{}`",
                    ex.name, x.pointer, e.id
                );
                let help = if other.contains(&name.as_str()) {
                    format!(
                        "`{name}` is a {} parameter: write `part: {}`",
                        other_part.as_str(),
                        other_part.as_str()
                    )
                } else if let Some(near) = suggest(&name, names.iter().copied()) {
                    format!("did you mean `/{near}`?")
                } else if names.is_empty() {
                    format!("`{}` has no {part} parameters", e.id)
                } else {
                    let pointers: Vec<String> = names.iter().map(|n| format!("/{n}")).collect();
                    let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
                    format!(
                        "a `part: {part}` expectation's pointer is `/NAME` of a {part} parameter: {}",
                        one_of_list(&pointers)
                    )
                };
                self.sink.error_help(at, message, help);
            } else if !ex.params.iter().any(|(n, _)| *n == name) {
                self.sink.error_help(
                    at,
                    format!(
                        "example `{}` expects a finding about parameter `{name}`, which it does not give",
                        ex.name
                    ),
                    format!(
                        "add `{name}` under the example's `params`; only the parameters an example gives are checked"
                    ),
                );
            }
        }
    }

    /// Type and response examples are bodies alone: no parameters, no findings about them.
    fn not_a_call(&mut self, ex: &Example) {
        if ex.locs.has("params") {
            self.sink.error_help(
                ex.locs.key("params", ex.loc),
                format!(
                    "example `{}` gives `params`, but only request examples describe a call",
                    ex.name
                ),
                "a response or type example is a body alone: remove `params`",
            );
        }
        for x in ex.expect.iter().filter(|x| x.part != Part::Body) {
            self.sink.error_help(
                x.locs.value("part", ex.loc),
                format!(
                    "example `{}` expects a finding in the {}, but only request examples describe a call",
                    ex.name,
                    x.part.as_str()
                ),
                "remove `part`: a response or type example's findings are about its body",
            );
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
