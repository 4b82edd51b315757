//! Words for the parts of a spec that change messages quote: types, rules, conditions,
//! values. Messages stay on one line whatever the spec holds.

use crate::ir::{Condition, Count, Literal, Predicate, RuleKind, Type};

/// `text` as a Markdown code span that survives any content: a fence longer than any
/// run of backticks inside, and control characters shown as escapes.
pub fn code(text: &str) -> String {
    let text = one_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Control characters (line breaks above all) written as escapes.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A literal as JSON, in a code span.
pub fn literal(value: &Literal) -> String {
    code(&value.to_json())
}

/// A type's name as the spec writes it: `string`, `array of SingleIpTarget`.
pub fn type_name(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Integer => "integer".into(),
        Type::Number => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Array(items) => format!("array of {}", type_name(&items.ty)),
        Type::Named(name) => name.clone(),
    }
}

/// A type in a sentence: "a string", "an array of `SingleIpTarget`".
pub fn type_phrase(ty: &Type) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Integer => "an integer".into(),
        Type::Number => "a number".into(),
        Type::Boolean => "a boolean".into(),
        Type::Array(items) => format!("an array of {}", plural(&items.ty)),
        Type::Named(name) => code(name),
    }
}

fn plural(ty: &Type) -> String {
    match ty {
        Type::String => "strings".into(),
        Type::Integer => "integers".into(),
        Type::Number => "numbers".into(),
        Type::Boolean => "booleans".into(),
        Type::Array(items) => format!("arrays of {}", plural(&items.ty)),
        Type::Named(name) => code(name),
    }
}

/// A rule as the spec writes it: `exactly_one_of [devices, zones] (non-empty)`.
pub fn rule(kind: &RuleKind) -> String {
    match kind {
        RuleKind::ExactlyOneOf { members, count } | RuleKind::AtLeastOneOf { members, count } => {
            let counted = match count {
                Count::Present => "",
                Count::NonEmpty => " (non-empty)",
            };
            format!("{} [{}]{counted}", kind.code(), members.join(", "))
        }
        RuleKind::Requires { when, then, .. } => {
            format!("requires: if {} then {}", condition(when), condition(then))
        }
        RuleKind::RangeOrder { low, high } => format!("range_order [{low}, {high}]"),
    }
}

/// A condition in words: `featureIds contains 48 and JobType in [2]`.
pub fn condition(condition: &Condition) -> String {
    let tests: Vec<String> = condition
        .0
        .iter()
        .map(|t| {
            let m = &t.member;
            match &t.predicate {
                Predicate::Present(true) => format!("{m} present"),
                Predicate::Present(false) => format!("{m} absent"),
                Predicate::NonEmpty(true) => format!("{m} non-empty"),
                Predicate::NonEmpty(false) => format!("{m} empty"),
                Predicate::Equals(v) => format!("{m} equals {}", v.to_json()),
                Predicate::In(vs) => format!("{m} in {}", Literal::Array(vs.clone()).to_json()),
                Predicate::NotIn(vs) => {
                    format!("{m} not in {}", Literal::Array(vs.clone()).to_json())
                }
                Predicate::Contains(v) => format!("{m} contains {}", v.to_json()),
            }
        })
        .collect();
    one_line(&tests.join(" and "))
}

/// RFC 6901 escaping of one path token.
pub fn path_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// `count` things, with the plural when it is not one.
pub fn counted(count: usize, thing: &str) -> String {
    format!("{count} {thing}{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks_and_line_breaks() {
        assert_eq!(code("^a$"), "`^a$`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a\\nb`");
    }

    #[test]
    fn path_tokens_are_escaped_as_rfc_6901_says() {
        assert_eq!(path_token("a/b~c"), "a~1b~0c");
    }
}
