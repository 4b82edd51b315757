//! Examples: their syntax, their verdicts validated against the contract, whole calls
//! with parameters.

use vendorspec_runtime::envelope::unwrap_envelope;
use vendorspec_runtime::reader::{self, Syntax};
use vendorspec_runtime::suggest::suggest;

use super::*;
use crate::diag::one_of_list;
use crate::read::{is_rule_code, rule_codes};

impl Checker<'_, '_, '_> {
    /// Parses an example as the API would (syntax, and the envelope for requests of an
    /// enveloped API): a syntax error must be exactly the one the example expects.
    pub(super) fn example_syntax(&mut self, ex: &Example, enveloped: bool) {
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

    pub(super) fn example(&mut self, ex: &Example, site: Site<'_>) {
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
    pub(super) fn blank_example(
        &mut self,
        ex: &Example,
        what: &str,
        endpoint: &Endpoint,
        presence: Presence,
    ) {
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
    pub(super) fn example_call(&mut self, ex: &Example, e: &Endpoint) {
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
    pub(super) fn not_a_call(&mut self, ex: &Example) {
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
