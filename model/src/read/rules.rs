//! Object rules, conditions, advice, and examples with their expectations.

use super::{Reader, is_rule_code};
use crate::diag::one_of_list;
use crate::ir::*;
use crate::yaml::{Key, Node, NodeKind};

impl Reader<'_, '_> {
    pub(super) fn rule(&mut self, node: &Node) -> Option<Rule> {
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

    pub(super) fn condition(&mut self, node: &Node) -> Option<Condition> {
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

    pub(super) fn advice(&mut self, node: &Node) -> Option<Advice> {
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

    pub(super) fn examples(&mut self, node: Option<&Node>) -> Vec<Example> {
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

    pub(super) fn example(&mut self, node: &Node) -> Option<Example> {
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
    pub(super) fn example_params(&mut self, node: &Node) -> (Vec<(String, String)>, KeyLocs) {
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

    pub(super) fn expectation(&mut self, node: &Node) -> Option<Expectation> {
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
