//! Endpoints: paths and their parameters, bodies, responses and auth.

use std::collections::BTreeSet;

use vendorspec_runtime::suggest::suggest;

use super::*;
use crate::diag::Loc;

impl Checker<'_, '_, '_> {
    pub(super) fn endpoint(&mut self, e: &Endpoint) {
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

    pub(super) fn body_ref(&mut self, name: &str, loc: Loc, what: &str) {
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
}
