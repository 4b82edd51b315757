//! The file, its APIs, their auth and endpoints: parameters, request and response bodies.

use super::{Fields, Reader, schema_keys};
use crate::ir::*;
use crate::yaml::{Key, Node, NodeKind};

impl Reader<'_, '_> {
    pub(super) fn api_file(&mut self, root: &Node) -> Option<Api> {
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

    pub(super) fn api(&mut self, key: &Key, node: &Node) -> Option<Api> {
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

    pub(super) fn auth(&mut self, key: &Key, node: &Node) -> Option<Auth> {
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

    pub(super) fn endpoint(&mut self, key: &Key, node: &Node) -> Option<Endpoint> {
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

    pub(super) fn parameters(&mut self, node: &Node, what: &str, in_path: bool) -> Vec<Parameter> {
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

    pub(super) fn request(&mut self, node: &Node, endpoint: &str) -> Option<Request> {
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

    pub(super) fn response(&mut self, node: &Node, endpoint: &str) -> Option<Response> {
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
    pub(super) fn presence(&mut self, f: &Fields) -> Presence {
        f.get("presence")
            .and_then(|n| self.choice(n, "body presence", &Presence::ALL))
            .unwrap_or_default()
    }

    pub(super) fn variant(&mut self, node: &Node) -> Option<Variant> {
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
}
