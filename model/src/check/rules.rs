//! Object rules and conditions: the members they name and the literals they compare.

use vendorspec_runtime::suggest::suggest;

use super::*;
use crate::diag::{Loc, one_of_list};
use crate::literal::check_literal;

impl Checker<'_, '_, '_> {
    pub(super) fn member_ref<'o>(
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

    pub(super) fn rule(&mut self, o: &ObjectType, rule: &Rule) {
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

    pub(super) fn condition(&mut self, o: &ObjectType, cond: &Condition) {
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

    pub(super) fn operand(&mut self, m: &Member, value: &Literal, loc: Loc) {
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
}
