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
    // ---- generic shapes -------------------------------------------------------------

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

    // ---- the file -------------------------------------------------------------------

    fn api_file(&mut self, root: &Node) -> Option<Api> {
        let f = self.fields(
            root,
            "the spec file",
            &["vendorspec", "api", "endpoints", "types"],
        )?;
        match self.require(&f, "vendorspec") {
            Some(Node {
                kind: NodeKind::Int(1),
                ..
            }) => {}
            Some(node) => self.sink.error_help(
                node.loc,
                "unsupported spec language version",
                "this vendorspec reads `vendorspec: 1`",
            ),
            None => {}
        }
        let api_node = self.require(&f, "api")?;
        let api_key = f.key("api")?;
        let mut api = self.api(api_key, api_node)?;
        if let Some(node) = f.get("endpoints") {
            for (key, value) in self.entries(node, "`endpoints`") {
                if let Some(e) = self.endpoint(key, value) {
                    api.endpoints.push(e);
                }
            }
        }
        if let Some(node) = f.get("types") {
            for (key, value) in self.entries(node, "`types`") {
                if let Some(t) = self.type_def(key, value) {
                    api.types.push(t);
                }
            }
        }
        Some(api)
    }

    fn api(&mut self, key: &Key, node: &Node) -> Option<Api> {
        let f = self.owned_fields(
            key,
            node,
            "the `api` section",
            &[
                "id",
                "title",
                "description",
                "base_url",
                "variables",
                "auth",
                "member_names",
                "body_syntax",
                "body_encoding",
                "sources",
            ],
        )?;
        let id = self.required_string(&f, "id");
        let title = self.required_string(&f, "title");
        let description = self.required_string(&f, "description");
        let base_url = self.required_string(&f, "base_url");
        // A variable is needed to build a URL unless it has a default.
        let mut variables = f
            .get("variables")
            .map(|n| self.parameters(n, "an API variable", true))
            .unwrap_or_default();
        for v in &mut variables {
            v.required = v.default.is_none();
        }
        let auth = match (f.key("auth"), self.require(&f, "auth")) {
            (Some(k), Some(n)) => self.auth(k, n),
            _ => None,
        };
        let member_names = self.require(&f, "member_names").and_then(|n| {
            self.choice(
                n,
                "member-name matching",
                &[
                    ("exact", NameMatching::Exact),
                    ("case_insensitive", NameMatching::CaseInsensitive),
                ],
            )
        });
        let body_syntax = self.require(&f, "body_syntax").and_then(|n| {
            self.choice(
                n,
                "body syntax",
                &[
                    ("strict", BodySyntax::Strict),
                    ("lenient", BodySyntax::Lenient),
                ],
            )
        });
        let body_encoding = self.require(&f, "body_encoding").and_then(|n| {
            self.choice(
                n,
                "body encoding",
                &[
                    ("plain", BodyEncoding::Plain),
                    ("enveloped", BodyEncoding::Enveloped),
                ],
            )
        });
        let sources = f
            .get("sources")
            .map(|n| self.string_list(n, "`sources`"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        Some(Api {
            id: id.unwrap_or_default(),
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            base_url: base_url.unwrap_or_default(),
            variables,
            auth: auth.unwrap_or(Auth {
                scheme: AuthScheme::BearerJwt,
                description: String::new(),
                scope_claim: None,
                scope_separator: None,
                max_token_lifetime_minutes: None,
                login: None,
            }),
            member_names: member_names.unwrap_or(NameMatching::Exact),
            body_syntax: body_syntax.unwrap_or(BodySyntax::Strict),
            body_encoding: body_encoding.unwrap_or(BodyEncoding::Plain),
            sources,
            endpoints: Vec::new(),
            types: Vec::new(),
            file: self.sink.file().to_string(),
            locs: f.locs(),
        })
    }

    fn auth(&mut self, key: &Key, node: &Node) -> Option<Auth> {
        let f = self.owned_fields(
            key,
            node,
            "`auth`",
            &[
                "scheme",
                "description",
                "scope_claim",
                "scope_separator",
                "max_token_lifetime_minutes",
                "login",
            ],
        )?;
        let scheme = self
            .require(&f, "scheme")
            .and_then(|n| self.choice(n, "auth scheme", &[("bearer_jwt", AuthScheme::BearerJwt)]));
        let description = self.required_string(&f, "description");
        let max_token_lifetime_minutes = f
            .get("max_token_lifetime_minutes")
            .and_then(|n| self.unsigned(n, "`max_token_lifetime_minutes`"))
            .and_then(|v| u32::try_from(v).ok());
        let login = match f.get("login") {
            Some(n) => {
                let lf = self.fields(n, "`login`", &["method", "path", "token_member"])?;
                let method = self
                    .require(&lf, "method")
                    .and_then(|m| self.choice(m, "HTTP method", &Method::ALL));
                let path = self.required_string(&lf, "path");
                let token_member = self.required_string(&lf, "token_member");
                Some(Login {
                    method: method?,
                    path: path?,
                    token_member: token_member?,
                })
            }
            None => None,
        };
        Some(Auth {
            scheme: scheme?,
            description: description.unwrap_or_default(),
            scope_claim: self.optional_string(&f, "scope_claim"),
            scope_separator: self.optional_string(&f, "scope_separator"),
            max_token_lifetime_minutes,
            login,
        })
    }

    // ---- endpoints ------------------------------------------------------------------

    fn endpoint(&mut self, key: &Key, node: &Node) -> Option<Endpoint> {
        let what = format!("endpoint `{}`", key.name);
        let f = self.owned_fields(
            key,
            node,
            &what,
            &[
                "summary",
                "description",
                "source",
                "method",
                "path",
                "scope",
                "path_parameters",
                "query_parameters",
                "request",
                "responses",
            ],
        )?;
        let summary = self.required_string(&f, "summary");
        let description = self.required_string(&f, "description");
        let source = self.required_string(&f, "source");
        let method = self
            .require(&f, "method")
            .and_then(|n| self.choice(n, "HTTP method", &Method::ALL));
        let path = self.required_string(&f, "path");
        let scope = self.optional_string(&f, "scope");
        let path_parameters = f
            .get("path_parameters")
            .map(|n| self.parameters(n, "a path parameter", true))
            .unwrap_or_default();
        let query_parameters = f
            .get("query_parameters")
            .map(|n| self.parameters(n, "a query parameter", false))
            .unwrap_or_default();
        let request = f.get("request").and_then(|n| self.request(n, &what));
        let mut responses = Vec::new();
        if let Some(n) = self.require(&f, "responses") {
            for item in self.items(n, "`responses`") {
                if let Some(r) = self.response(item, &what) {
                    responses.push(r);
                }
            }
        }
        Some(Endpoint {
            id: key.name.clone(),
            summary: summary.unwrap_or_default(),
            description: description.unwrap_or_default(),
            source: source.unwrap_or_default(),
            method: method.unwrap_or(Method::Get),
            path: path.unwrap_or_default(),
            scope,
            path_parameters,
            query_parameters,
            request,
            responses,
            loc: key.loc,
            locs: f.locs(),
        })
    }

    fn parameters(&mut self, node: &Node, what: &str, in_path: bool) -> Vec<Parameter> {
        let mut out = Vec::new();
        for (key, value) in self.entries(node, what) {
            let what = format!("{what} `{}`", key.name);
            let mut allowed: Vec<&str> = schema_keys();
            allowed.extend(["description", "default", "examples"]);
            if !in_path {
                allowed.push("required");
            }
            let Some(f) = self.owned_fields(key, value, &what, &allowed) else {
                continue;
            };
            let schema = self.schema(&f, value.loc);
            let description = self.required_string(&f, "description");
            let default = f
                .get("default")
                .and_then(|n| self.literal(n, "the default"));
            let examples = match f.get("examples") {
                Some(n) => self
                    .items(n, "`examples`")
                    .iter()
                    .filter_map(|i| self.literal(i, "an example"))
                    .collect(),
                None => Vec::new(),
            };
            let required = in_path || self.boolean(&f, "required").unwrap_or(false);
            if let (Some(schema), Some(description)) = (schema, description) {
                out.push(Parameter {
                    name: key.name.clone(),
                    schema,
                    required,
                    default,
                    description,
                    examples,
                    loc: key.loc,
                    locs: f.locs(),
                });
            }
        }
        out
    }

    fn request(&mut self, node: &Node, endpoint: &str) -> Option<Request> {
        let what = format!("the request of {endpoint}");
        let f = self.fields(node, &what, &["body", "presence", "examples"])?;
        let body = self.required_string(&f, "body");
        let presence = self.presence(&f);
        let examples = self.examples(f.get("examples"));
        Some(Request {
            body: body?,
            presence,
            examples,
            loc: f.get("body").map(|n| n.loc).unwrap_or(f.loc),
            locs: f.locs(),
        })
    }

    fn response(&mut self, node: &Node, endpoint: &str) -> Option<Response> {
        let what = format!("a response of {endpoint}");
        let f = self.fields(
            node,
            &what,
            &[
                "status",
                "description",
                "body",
                "presence",
                "variants",
                "examples",
            ],
        )?;
        let mut status = Vec::new();
        if let Some(n) = self.require(&f, "status") {
            for item in self.items(n, "`status`") {
                match item.kind {
                    NodeKind::Int(code @ 100..=599) => status.push(code as u16),
                    _ => self.sink.error_help(
                        item.loc,
                        "a status code must be an integer from 100 to 599",
                        "write the codes as a list, for example `status: [200, 201]`",
                    ),
                }
            }
        }
        let description = self.required_string(&f, "description");
        let body = self.optional_string(&f, "body");
        let presence = self.presence(&f);
        let mut variants = Vec::new();
        if let Some(n) = f.get("variants") {
            for item in self.items(n, "`variants`") {
                if let Some(v) = self.variant(item) {
                    variants.push(v);
                }
            }
        }
        let examples = self.examples(f.get("examples"));
        Some(Response {
            status,
            description: description.unwrap_or_default(),
            body,
            presence,
            variants,
            examples,
            loc: f.loc,
            locs: f.locs(),
        })
    }

    /// `presence: required | optional`, `required` when not written.
    fn presence(&mut self, f: &Fields) -> Presence {
        f.get("presence")
            .and_then(|n| self.choice(n, "body presence", &Presence::ALL))
            .unwrap_or_default()
    }

    fn variant(&mut self, node: &Node) -> Option<Variant> {
        let f = self.fields(
            node,
            "a response variant",
            &["name", "description", "wrapper"],
        )?;
        let name = self.required_string(&f, "name");
        let description = self.required_string(&f, "description");
        let wrapper = match f.get("wrapper") {
            Some(n) => {
                let wf = self.fields(n, "a variant's `wrapper`", &["member", "members"])?;
                let member = self.required_string(&wf, "member");
                let members = wf
                    .get("members")
                    .map(|m| self.members(m))
                    .unwrap_or_default();
                Some(Wrapper {
                    member: member?,
                    members,
                })
            }
            None => None,
        };
        Some(Variant {
            name: name?,
            description: description.unwrap_or_default(),
            wrapper,
        })
    }

    // ---- types ----------------------------------------------------------------------

    fn type_def(&mut self, key: &Key, node: &Node) -> Option<TypeDef> {
        let what = format!("type `{}`", key.name);
        let NodeKind::Map(entries) = &node.kind else {
            self.expected(node, "a mapping", &what);
            return None;
        };
        let kind_node = entries
            .iter()
            .find(|(k, _)| k.name == "kind")
            .map(|(_, v)| v);
        let Some(kind_node) = kind_node else {
            self.sink.error_help(
                node.loc,
                format!("{what} is missing the key `kind`"),
                "write `kind: object` or `kind: enum`",
            );
            return None;
        };
        #[derive(Clone, Copy)]
        enum K {
            Object,
            Enum,
        }
        let kind = self.choice(
            kind_node,
            "type kind",
            &[("object", K::Object), ("enum", K::Enum)],
        )?;
        match kind {
            K::Object => {
                let f = self.fields(
                    node,
                    &what,
                    &[
                        "kind",
                        "description",
                        "members",
                        "rules",
                        "advice",
                        "examples",
                    ],
                )?;
                let description = self.required_string(&f, "description");
                let members = self
                    .require(&f, "members")
                    .map(|n| self.members(n))
                    .unwrap_or_default();
                let rules = match f.get("rules") {
                    Some(n) => self
                        .items(n, "`rules`")
                        .iter()
                        .filter_map(|r| self.rule(r))
                        .collect(),
                    None => Vec::new(),
                };
                let advice = match f.get("advice") {
                    Some(n) => self
                        .items(n, "`advice`")
                        .iter()
                        .filter_map(|a| self.advice(a))
                        .collect(),
                    None => Vec::new(),
                };
                let examples = self.examples(f.get("examples"));
                Some(TypeDef {
                    name: key.name.clone(),
                    description: description.unwrap_or_default(),
                    kind: TypeKind::Object(ObjectType {
                        members,
                        rules,
                        advice,
                    }),
                    examples,
                    loc: key.loc,
                })
            }
            K::Enum => {
                let f = self.owned_fields(
                    key,
                    node,
                    &what,
                    &["kind", "description", "base", "values"],
                )?;
                let description = self.required_string(&f, "description");
                let base = self.require(&f, "base").and_then(|n| {
                    self.choice(
                        n,
                        "enum base",
                        &[("string", EnumBase::String), ("integer", EnumBase::Integer)],
                    )
                });
                let mut values = Vec::new();
                if let Some(n) = self.require(&f, "values") {
                    for item in self.items(n, "`values`") {
                        if let Some(v) = self.enum_value(item) {
                            values.push(v);
                        }
                    }
                }
                Some(TypeDef {
                    name: key.name.clone(),
                    description: description.unwrap_or_default(),
                    kind: TypeKind::Enum(EnumType {
                        base: base?,
                        values,
                    }),
                    examples: Vec::new(),
                    loc: key.loc,
                })
            }
        }
    }

    fn enum_value(&mut self, node: &Node) -> Option<EnumValue> {
        let f = self.fields(
            node,
            "an enum value",
            &["value", "name", "label", "description"],
        )?;
        let value_node = self.require(&f, "value")?;
        let value = match &value_node.kind {
            NodeKind::Str(s) => Literal::String(s.clone()),
            NodeKind::Int(i) => Literal::Int(i64::try_from(*i).ok()?),
            _ => {
                self.expected(value_node, "a string or an integer", "an enum value");
                return None;
            }
        };
        let name = match self.optional_string(&f, "name") {
            Some(n) => n,
            None => match &value {
                Literal::String(s) => pascal_case(s),
                _ => {
                    self.sink.error_help(
                        f.loc,
                        "an integer enum value needs a `name`",
                        "name it in PascalCase, for example `name: Discovery`",
                    );
                    return None;
                }
            },
        };
        let description = self.required_string(&f, "description");
        Some(EnumValue {
            value,
            name,
            label: self.optional_string(&f, "label"),
            description: description.unwrap_or_default(),
            loc: value_node.loc,
        })
    }

    fn members(&mut self, node: &Node) -> Vec<Member> {
        let mut out = Vec::new();
        for (key, value) in self.entries(node, "`members`") {
            if let Some(m) = self.member(key, value) {
                out.push(m);
            }
        }
        out
    }

    fn member(&mut self, key: &Key, node: &Node) -> Option<Member> {
        let what = format!("member `{}`", key.name);
        if let NodeKind::Str(_) = node.kind {
            // Shorthand: `Name: string`.
            self.sink.error_help(
                node.loc,
                format!("{what} needs a `description`"),
                "write the member as a mapping: `{ type: ..., description: ... }`",
            );
            return None;
        }
        let mut allowed: Vec<&str> = schema_keys();
        allowed.extend([
            "required",
            "default",
            "description",
            "secret",
            "absent_means",
        ]);
        let f = self.owned_fields(key, node, &what, &allowed)?;
        let schema = self.schema(&f, node.loc);
        let description = self.required_string(&f, "description");
        let default = f
            .get("default")
            .and_then(|n| self.literal(n, "the default"));
        // A member whose type is broken is kept with a placeholder type (its error is
        // already reported), so rules naming it do not report it missing as well.
        let schema = schema.unwrap_or(Schema {
            ty: Type::String,
            constraints: Constraints::default(),
            loc: node.loc,
            locs: KeyLocs::default(),
        });
        Some(Member {
            name: key.name.clone(),
            schema,
            required: self.boolean(&f, "required").unwrap_or(false),
            default,
            absent_means: self.optional_string(&f, "absent_means"),
            secret: self.boolean(&f, "secret").unwrap_or(false),
            description: description.unwrap_or_default(),
            loc: key.loc,
            locs: f.locs(),
        })
    }

    /// A schema: a type name (`string`, `SingleIpTarget`) or a mapping of schema keys.
    fn item_schema(&mut self, node: &Node) -> Option<Schema> {
        match &node.kind {
            NodeKind::Str(name) => Some(Schema {
                ty: self.type_name(name, node.loc, false)?,
                constraints: Constraints::default(),
                loc: node.loc,
                locs: KeyLocs::default(),
            }),
            _ => {
                let f = self.fields(node, "`items`", &schema_keys())?;
                self.schema(&f, node.loc)
            }
        }
    }

    fn type_name(&mut self, name: &str, loc: Loc, can_be_array: bool) -> Option<Type> {
        Some(match name {
            "string" => Type::String,
            "integer" => Type::Integer,
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "array" if can_be_array => Type::Array(Box::new(Schema {
                ty: Type::String,
                constraints: Constraints::default(),
                loc,
                locs: KeyLocs::default(),
            })),
            _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => Type::Named(name.into()),
            _ => {
                let builtins = ["string", "integer", "number", "boolean", "array"];
                let message = format!("unknown type `{name}`");
                match suggest(name, builtins) {
                    Some(near) => self
                        .sink
                        .error_help(loc, message, format!("did you mean `{near}`?")),
                    None => self.sink.error_help(
                        loc,
                        message,
                        "a type is `string`, `integer`, `number`, `boolean`, `array`, or the PascalCase name of a type under `types:`",
                    ),
                }
                return None;
            }
        })
    }

    fn schema(&mut self, f: &Fields, loc: Loc) -> Option<Schema> {
        let type_node = self.require(f, "type")?;
        let name = self.string(type_node, &format!("the type of {}", f.what))?;
        let mut ty = self.type_name(&name, type_node.loc, true)?;
        if let Type::Array(items) = &mut ty {
            match f.get("items") {
                Some(n) => **items = self.item_schema(n)?,
                None => {
                    self.sink.error_help(
                        type_node.loc,
                        format!("{} is an array but has no `items`", f.what),
                        "say what the array holds, for example `items: string`",
                    );
                    return None;
                }
            }
        } else if let Some(key) = f.key("items") {
            self.sink.error_help(
                key.loc,
                format!("`items` only applies to arrays, and {} is `{name}`", f.what),
                "remove `items`, or make the type `array`",
            );
        }
        let mut c = Constraints::default();
        if let Some(n) = f.get("format") {
            c.format = self.choice(n, "format", &Format::ALL);
        }
        c.pattern = self.optional_string(f, "pattern");
        let count = |r: &mut Self, key: &str| {
            f.get(key)
                .and_then(|n| r.unsigned(n, &format!("`{key}` of {}", f.what)))
        };
        c.min_length = count(self, "min_length");
        c.max_length = count(self, "max_length");
        c.min_items = count(self, "min_items");
        c.max_items = count(self, "max_items");
        c.minimum = f
            .get("minimum")
            .and_then(|n| self.number(n, &format!("`minimum` of {}", f.what)));
        c.maximum = f
            .get("maximum")
            .and_then(|n| self.number(n, &format!("`maximum` of {}", f.what)));
        c.unique_items = self.boolean(f, "unique_items").unwrap_or(false);
        c.min_duration = self.duration(f, "min_duration");
        c.max_duration = self.duration(f, "max_duration");
        Some(Schema {
            ty,
            constraints: c,
            loc,
            locs: f.locs(),
        })
    }

    fn duration(&mut self, f: &Fields, key: &str) -> Option<Duration> {
        let node = f.get(key)?;
        let text = self.string(node, &format!("`{key}` of {}", f.what))?;
        let d = Duration::parse(&text);
        if d.is_none() {
            self.sink.error_help(
                node.loc,
                format!("`{text}` is not a `d:hh:mm` duration"),
                "days without padding, hours and minutes with two digits, for example \"0:00:05\"",
            );
        }
        d
    }

    // ---- rules, advice, conditions --------------------------------------------------

    fn rule(&mut self, node: &Node) -> Option<Rule> {
        const KINDS: &[&str] = &[
            "exactly_one_of",
            "at_least_one_of",
            "requires",
            "range_order",
        ];
        let f = self.fields(
            node,
            "a rule",
            &[
                "exactly_one_of",
                "at_least_one_of",
                "requires",
                "range_order",
                "count",
                "message",
                "description",
            ],
        )?;
        let present: Vec<&Key> = KINDS.iter().filter_map(|k| f.key(k)).collect();
        let key = match present.as_slice() {
            [one] => *one,
            [] => {
                self.sink.error_help(
                    f.loc,
                    "a rule needs one kind",
                    format!("start it with one of {}", one_of_list(KINDS)),
                );
                return None;
            }
            [_, second, ..] => {
                self.sink.error_help(
                    second.loc,
                    "a rule has exactly one kind",
                    "write each rule as its own list item",
                );
                return None;
            }
        };
        let value = f.get(&key.name)?;
        let description = self.optional_string(&f, "description").unwrap_or_default();
        let count = match f.get("count") {
            Some(n) => self.choice(
                n,
                "count",
                &[("present", Count::Present), ("non_empty", Count::NonEmpty)],
            )?,
            None => Count::Present,
        };
        let listed = match key.name.as_str() {
            "requires" => Vec::new(),
            _ => self.string_list(value, &format!("`{}`", key.name)),
        };
        let name_locs = KeyLocs(listed.iter().map(|(n, l)| (n.clone(), *l, *l)).collect());
        let names =
            |_: &mut Self| -> Vec<String> { listed.iter().map(|(n, _)| n.clone()).collect() };
        let kind = match key.name.as_str() {
            "exactly_one_of" => RuleKind::ExactlyOneOf {
                members: names(self),
                count,
            },
            "at_least_one_of" => RuleKind::AtLeastOneOf {
                members: names(self),
                count,
            },
            "range_order" => match names(self).as_slice() {
                [low, high] => RuleKind::RangeOrder {
                    low: low.clone(),
                    high: high.clone(),
                },
                _ => {
                    self.sink.error_help(
                        value.loc,
                        "`range_order` names exactly two members",
                        "write `range_order: [StartIp, EndIp]`: the low end, then the high end",
                    );
                    return None;
                }
            },
            _ => {
                let rf = self.fields(value, "`requires`", &["if", "then"])?;
                let when = self.require(&rf, "if").and_then(|n| self.condition(n));
                let then = self.require(&rf, "then").and_then(|n| self.condition(n));
                let message = self.required_string(&f, "message");
                RuleKind::Requires {
                    when: when?,
                    then: then?,
                    message: message.unwrap_or_default(),
                }
            }
        };
        if f.get("count").is_some()
            && !matches!(
                kind,
                RuleKind::ExactlyOneOf { .. } | RuleKind::AtLeastOneOf { .. }
            )
            && let Some(k) = f.key("count")
        {
            self.sink.error(
                k.loc,
                "`count` only applies to `exactly_one_of` and `at_least_one_of`",
            );
        }
        Some(Rule {
            kind,
            description,
            loc: key.loc,
            names: name_locs,
        })
    }

    fn condition(&mut self, node: &Node) -> Option<Condition> {
        const PREDICATES: &[&str] = &["present", "equals", "in", "not_in", "contains", "non_empty"];
        let mut tests = Vec::new();
        for (key, value) in self.entries(node, "a condition") {
            let what = format!("the test on `{}`", key.name);
            let Some(f) = self.fields(value, &what, PREDICATES) else {
                continue;
            };
            let [(pkey, pnode)] = f.entries else {
                self.sink.error_help(
                    value.loc,
                    format!("{what} needs exactly one test"),
                    format!("one of {}", one_of_list(PREDICATES)),
                );
                continue;
            };
            let literals = |r: &mut Self| -> Option<Vec<Literal>> {
                r.items(pnode, &format!("`{}`", pkey.name))
                    .iter()
                    .map(|i| r.literal(i, "a value"))
                    .collect()
            };
            let predicate = match pkey.name.as_str() {
                "present" | "non_empty" => {
                    let NodeKind::Bool(b) = pnode.kind else {
                        self.expected(pnode, "`true` or `false`", &format!("`{}`", pkey.name));
                        continue;
                    };
                    if pkey.name == "present" {
                        Predicate::Present(b)
                    } else {
                        Predicate::NonEmpty(b)
                    }
                }
                "equals" => Predicate::Equals(self.literal(pnode, "a value")?),
                "contains" => Predicate::Contains(self.literal(pnode, "a value")?),
                "in" => Predicate::In(literals(self)?),
                _ => Predicate::NotIn(literals(self)?),
            };
            tests.push(Test {
                member: key.name.clone(),
                predicate,
                loc: key.loc,
            });
        }
        if tests.is_empty() {
            self.sink
                .error(node.loc, "a condition needs at least one test");
            return None;
        }
        Some(Condition(tests))
    }

    fn advice(&mut self, node: &Node) -> Option<Advice> {
        let f = self.fields(
            node,
            "an advice",
            &["code", "at", "when", "message", "help"],
        )?;
        let code_node = self.require(&f, "code");
        let code = self.required_string(&f, "code");
        let when = self.require(&f, "when").and_then(|n| self.condition(n));
        let message = self.required_string(&f, "message");
        Some(Advice {
            code: code?,
            at: self.optional_string(&f, "at"),
            when: when?,
            message: message.unwrap_or_default(),
            help: self.optional_string(&f, "help"),
            loc: code_node.map(|n| n.loc).unwrap_or(f.loc),
        })
    }

    // ---- examples -------------------------------------------------------------------

    fn examples(&mut self, node: Option<&Node>) -> Vec<Example> {
        let Some(node) = node else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in self.items(node, "`examples`") {
            if let Some(e) = self.example(item) {
                out.push(e);
            }
        }
        out
    }

    fn example(&mut self, node: &Node) -> Option<Example> {
        let f = self.fields(
            node,
            "an example",
            &[
                "name",
                "source",
                "description",
                "valid",
                "form",
                "text",
                "params",
                "expect",
            ],
        )?;
        let name = self.required_string(&f, "name");
        let source = self.required_string(&f, "source");
        let valid = match self.require(&f, "valid") {
            Some(_) => self.boolean(&f, "valid"),
            None => None,
        };
        let form = match f.get("form") {
            Some(n) => self.choice(
                n,
                "example form",
                &[
                    ("document", ExampleForm::Document),
                    ("members", ExampleForm::Members),
                ],
            )?,
            None => ExampleForm::Document,
        };
        let text_node = self.require(&f, "text");
        let text = self.required_string(&f, "text");
        let (params, param_locs) = match f.get("params") {
            Some(n) => self.example_params(n),
            None => (Vec::new(), KeyLocs::default()),
        };
        let mut expect = Vec::new();
        if let Some(n) = f.get("expect") {
            for item in self.items(n, "`expect`") {
                if let Some(e) = self.expectation(item) {
                    expect.push(e);
                }
            }
        }
        Some(Example {
            name: name?,
            source: source.unwrap_or_default(),
            description: self.optional_string(&f, "description"),
            valid: valid?,
            form,
            text: text?,
            params,
            expect,
            loc: text_node.map(|n| n.loc).unwrap_or(f.loc),
            locs: f.locs(),
            param_locs,
        })
    }

    /// An example's `params`: parameter name to the value as it appears in the URL.
    fn example_params(&mut self, node: &Node) -> (Vec<(String, String)>, KeyLocs) {
        let mut params = Vec::new();
        let mut locs = Vec::new();
        for (key, value) in self.entries(node, "`params`") {
            let what = format!("parameter `{}` of an example's `params`", key.name);
            if let Some(text) = self.string(value, &what) {
                params.push((key.name.clone(), text));
                locs.push((key.name.clone(), key.loc, value.loc));
            }
        }
        (params, KeyLocs(locs))
    }

    fn expectation(&mut self, node: &Node) -> Option<Expectation> {
        let f = self.fields(
            node,
            "an expected finding",
            &["rule", "part", "pointer", "severity", "line", "column"],
        )?;
        let rule = self.required_string(&f, "rule")?;
        let pointer = self.required_string(&f, "pointer")?;
        let default = if is_rule_code(&rule) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let severity = match f.get("severity") {
            Some(n) => self.choice(
                n,
                "severity",
                &[("error", Severity::Error), ("warning", Severity::Warning)],
            )?,
            None => default,
        };
        // A misspelt part is reported; the expectation is kept (about the body), so the
        // example is not also reported as expecting nothing.
        let part = f
            .get("part")
            .and_then(|n| self.choice(n, "part of a call", &Part::ALL))
            .unwrap_or_default();
        let position = |r: &mut Self, key: &str| {
            f.get(key)
                .and_then(|n| r.unsigned(n, &format!("`{key}`")))
                .and_then(|v| u32::try_from(v).ok())
        };
        Some(Expectation {
            locs: f.locs(),
            line: position(self, "line"),
            column: position(self, "column"),
            rule,
            part,
            pointer,
            severity,
        })
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
