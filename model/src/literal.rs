//! Checks a literal written in the spec (a default, a condition operand, a parameter
//! example) against a schema, so a spec cannot contradict itself.

use regex::Regex;

use crate::check::type_label;
use crate::ir::*;

/// `Ok` when `value` satisfies `schema`; otherwise what is wrong, in words.
pub fn check_literal(api: &Api, schema: &Schema, value: &Literal) -> Result<(), String> {
    let c = &schema.constraints;
    match (&schema.ty, value) {
        (Type::String, Literal::String(s)) => {
            let chars = s.chars().count() as u64;
            if let Some(min) = c.min_length.filter(|m| chars < *m) {
                return Err(format!(
                    "{} is shorter than min_length {min}",
                    value.to_json()
                ));
            }
            if let Some(max) = c.max_length.filter(|m| chars > *m) {
                return Err(format!(
                    "{} is longer than max_length {max}",
                    value.to_json()
                ));
            }
            if let Some(format) = c.format {
                if !format.matches(s) {
                    return Err(format!(
                        "{} is not {}",
                        value.to_json(),
                        format.expectation()
                    ));
                }
                if format == Format::DurationDhm {
                    let minutes = vendorspec_runtime::formats::duration_minutes(s).unwrap_or(0);
                    if let Some(min) = c.min_duration.filter(|m| minutes < m.minutes) {
                        return Err(format!(
                            "{} is shorter than min_duration {min}",
                            value.to_json()
                        ));
                    }
                    if let Some(max) = c.max_duration.filter(|m| minutes > m.minutes) {
                        return Err(format!(
                            "{} is longer than max_duration {max}",
                            value.to_json()
                        ));
                    }
                }
            }
            if let Some(pattern) = &c.pattern {
                // An uncompilable pattern is reported by the checker on its own.
                if let Ok(re) = Regex::new(pattern)
                    && !re.is_match(s)
                {
                    return Err(format!(
                        "{} does not match the pattern `{pattern}`",
                        value.to_json()
                    ));
                }
            }
            Ok(())
        }
        (Type::Integer, Literal::Int(i)) => bounds(c, *i as f64, value),
        (Type::Number, Literal::Int(i)) => bounds(c, *i as f64, value),
        (Type::Number, Literal::Float(f)) => bounds(c, *f, value),
        (Type::Boolean, Literal::Bool(_)) => Ok(()),
        (Type::Array(items), Literal::Array(values)) => {
            let n = values.len() as u64;
            if let Some(min) = c.min_items.filter(|m| n < *m) {
                return Err(format!("it has {n} items, fewer than min_items {min}"));
            }
            if let Some(max) = c.max_items.filter(|m| n > *m) {
                return Err(format!("it has {n} items, more than max_items {max}"));
            }
            if c.unique_items {
                for (i, v) in values.iter().enumerate() {
                    if values[..i].contains(v) {
                        return Err(format!(
                            "{} is repeated, but items must be unique",
                            v.to_json()
                        ));
                    }
                }
            }
            values.iter().enumerate().try_for_each(|(i, v)| {
                check_literal(api, items, v).map_err(|e| format!("item {i}: {e}"))
            })
        }
        (Type::Named(name), _) => match api.type_def(name).map(|t| &t.kind) {
            // A dangling reference is reported by the checker on its own.
            None => Ok(()),
            Some(TypeKind::Enum(e)) => {
                if e.values.iter().any(|v| &v.value == value) {
                    Ok(())
                } else {
                    let allowed: Vec<String> = e.values.iter().map(|v| v.value.to_json()).collect();
                    Err(format!(
                        "{} is not a value of `{name}` ({})",
                        value.to_json(),
                        allowed.join(", ")
                    ))
                }
            }
            Some(TypeKind::Object(o)) => {
                let Literal::Object(members) = value else {
                    return Err(format!(
                        "{} is not an object, as `{name}` is",
                        value.to_json()
                    ));
                };
                for (key, v) in members {
                    let Some(m) = find_member(api, o, key) else {
                        return Err(format!("`{name}` has no member `{key}`"));
                    };
                    check_literal(api, &m.schema, v).map_err(|e| format!("member `{key}`: {e}"))?;
                }
                for m in o.members.iter().filter(|m| m.required) {
                    if !members.iter().any(|(k, _)| names_match(api, k, &m.name)) {
                        return Err(format!("the required member `{}` is missing", m.name));
                    }
                }
                Ok(())
            }
        },
        (ty, _) => Err(format!("{} is not {}", value.to_json(), type_label(ty))),
    }
}

fn bounds(c: &Constraints, n: f64, value: &Literal) -> Result<(), String> {
    if let Some(min) = c.minimum.filter(|m| n < m.as_f64()) {
        return Err(format!(
            "{} is less than the minimum {}",
            value.to_json(),
            Literal::from(min).to_json()
        ));
    }
    if let Some(max) = c.maximum.filter(|m| n > m.as_f64()) {
        return Err(format!(
            "{} is greater than the maximum {}",
            value.to_json(),
            Literal::from(max).to_json()
        ));
    }
    Ok(())
}

impl From<Number> for Literal {
    fn from(n: Number) -> Literal {
        match n {
            Number::Int(i) => Literal::Int(i),
            Number::Float(f) => Literal::Float(f),
        }
    }
}

fn names_match(api: &Api, written: &str, canonical: &str) -> bool {
    match api.member_names {
        NameMatching::Exact => written == canonical,
        NameMatching::CaseInsensitive => written.eq_ignore_ascii_case(canonical),
    }
}

fn find_member<'o>(api: &Api, o: &'o ObjectType, written: &str) -> Option<&'o Member> {
    o.members
        .iter()
        .find(|m| names_match(api, written, &m.name))
}
