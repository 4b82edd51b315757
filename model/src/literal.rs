//! Checks a literal written in the spec (a default, a condition operand, a parameter
//! example) against a schema, so a spec cannot contradict itself.

use std::cmp::Ordering;

use regex::Regex;
use vendorspec_runtime::desc::Num;
use vendorspec_runtime::semantics::{self, Json, Kind};

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
        // An integer by value (`5.0` too), as the walk reads one.
        (Type::Integer, Literal::Int(_) | Literal::Float(_)) if semantics::is_integral(value) => {
            bounds(c, value, |v, m| semantics::integer_order(v, m))
        }
        (Type::Number, Literal::Int(_) | Literal::Float(_)) => {
            bounds(c, value, |v, m| semantics::number_order(v, m))
        }
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
                    if values[..i].iter().any(|w| semantics::json_eq(w, v)) {
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
                if e.values.iter().any(|v| semantics::json_eq(&v.value, value)) {
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
        (ty, _) => Err(format!("{} is not {}", value.to_json(), ty.label())),
    }
}

/// The bounds of `c` on a number, compared as the walk compares them (`order`: the
/// semantics' integer or number order).
fn bounds(
    c: &Constraints,
    value: &Literal,
    order: fn(&Literal, Num) -> Option<Ordering>,
) -> Result<(), String> {
    if let Some(min) = c
        .minimum
        .filter(|m| order(value, (*m).into()) == Some(Ordering::Less))
    {
        return Err(format!(
            "{} is less than the minimum {}",
            value.to_json(),
            Literal::from(min).to_json()
        ));
    }
    if let Some(max) = c
        .maximum
        .filter(|m| order(value, (*m).into()) == Some(Ordering::Greater))
    {
        return Err(format!(
            "{} is greater than the maximum {}",
            value.to_json(),
            Literal::from(max).to_json()
        ));
    }
    Ok(())
}

impl From<Number> for Num {
    fn from(n: Number) -> Num {
        match n {
            Number::Int(i) => Num::Int(i),
            Number::Float(f) => Num::Float(f),
        }
    }
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

/// A spec literal read by the value semantics, so defaults and examples are checked as
/// the walk checks payloads.
impl<'a> Json<'a> for &'a Literal {
    fn kind(self) -> Kind {
        match self {
            Literal::Null => Kind::Null,
            Literal::Bool(_) => Kind::Bool,
            Literal::Int(_) | Literal::Float(_) => Kind::Number,
            Literal::String(_) => Kind::String,
            Literal::Array(_) => Kind::Array,
            Literal::Object(_) => Kind::Object,
        }
    }
    fn as_bool(self) -> Option<bool> {
        match self {
            Literal::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_str(self) -> Option<&'a str> {
        match self {
            Literal::String(s) => Some(s),
            _ => None,
        }
    }
    fn as_f64(self) -> Option<f64> {
        match self {
            Literal::Int(i) => Some(*i as f64),
            Literal::Float(f) => Some(*f).filter(|f| f.is_finite()),
            _ => None,
        }
    }
    fn integer_value(self) -> Option<i128> {
        match self {
            Literal::Int(i) => Some(i128::from(*i)),
            // Inside i128, where every integral f64 converts exactly.
            Literal::Float(f) => (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(*f as i128),
            _ => None,
        }
    }
    fn is_integer_lexeme(self) -> bool {
        matches!(self, Literal::Int(_))
    }
    fn is_negative(self) -> bool {
        match self {
            Literal::Int(i) => *i < 0,
            Literal::Float(f) => f.is_sign_negative(),
            _ => false,
        }
    }
    fn len(self) -> usize {
        match self {
            Literal::Array(items) => items.len(),
            Literal::Object(members) => members.len(),
            _ => 0,
        }
    }
    fn items(self) -> impl Iterator<Item = Self> + 'a {
        match self {
            Literal::Array(items) => items.as_slice(),
            _ => &[],
        }
        .iter()
    }
    fn members(self) -> impl Iterator<Item = (&'a str, Self)> + 'a {
        match self {
            Literal::Object(members) => members.as_slice(),
            _ => &[],
        }
        .iter()
        .map(|(k, v)| (k.as_str(), v))
    }
}
