//! Literal values against the field they are given to: defaults checked by the same value
//! semantics the walk uses, and turned into what the emitter writes.

use super::*;

/// Whether `value` satisfies `shape`; the reason when it does not. `Other` shapes are
/// checked when the type's own `from_tree` reads the default (see `_or_default`).
pub(super) fn check_value(value: &serde_json::Value, shape: &ShapeC) -> Result<(), String> {
    use serde_json::Value;
    match (shape, value) {
        (
            ShapeC::String {
                format,
                pattern,
                min_length,
                max_length,
                min_duration,
                max_duration,
            },
            Value::String(s),
        ) => {
            let len = s.chars().count() as u64;
            if let Some(min) = min_length.filter(|m| len < *m) {
                return Err(format!("{s:?} is shorter than `min_length = {min}`"));
            }
            if let Some(max) = max_length.filter(|m| len > *m) {
                return Err(format!("{s:?} is longer than `max_length = {max}`"));
            }
            if let Some(f) = format.filter(|f| !f.matches(s)) {
                return Err(format!(
                    "{s:?} is not in format `{f}`: expected {}",
                    f.expectation()
                ));
            }
            if let Some(p) = pattern
                && regex::Regex::new(p).is_ok_and(|r| !r.is_match(s))
            {
                return Err(format!("{s:?} does not match the pattern `{p}`"));
            }
            if let Some(m) = duration_minutes(s) {
                if min_duration.is_some_and(|min| m < min) {
                    return Err(format!("{s:?} is shorter than `min_duration`"));
                }
                if max_duration.is_some_and(|max| m > max) {
                    return Err(format!("{s:?} is longer than `max_duration`"));
                }
            }
            Ok(())
        }
        // An integer by value (`5.0` too), as the walk reads one.
        (ShapeC::Integer { minimum, maximum }, Value::Number(_))
            if semantics::is_integral(value) =>
        {
            bounds(value, *minimum, *maximum, |v, m| {
                semantics::integer_order(v, m)
            })
        }
        (ShapeC::Number { minimum, maximum }, Value::Number(_)) => {
            bounds(value, *minimum, *maximum, |v, m| {
                semantics::number_order(v, m)
            })
        }
        (ShapeC::Boolean, Value::Bool(_)) => Ok(()),
        (
            ShapeC::Array {
                items,
                min_items,
                max_items,
                unique_items,
            },
            Value::Array(a),
        ) => {
            let n = a.len() as u64;
            if let Some(min) = min_items.filter(|m| n < *m) {
                return Err(format!("it has {n} items, fewer than `min_items = {min}`"));
            }
            if let Some(max) = max_items.filter(|m| n > *m) {
                return Err(format!("it has {n} items, more than `max_items = {max}`"));
            }
            if *unique_items
                && a.iter()
                    .enumerate()
                    .any(|(i, x)| a[..i].iter().any(|y| semantics::json_eq(x, y)))
            {
                return Err("its items repeat, but the field has `unique_items`".into());
            }
            for (i, item) in a.iter().enumerate() {
                check_value(item, items).map_err(|e| format!("item {i}: {e}"))?;
            }
            Ok(())
        }
        (ShapeC::Other(_), _) => Ok(()),
        (shape, value) => Err(format!("{value} is not {}", shape_kind(shape))),
    }
}

/// A number's bounds, compared as the walk compares them (`order`: the semantics'
/// integer or number order).
pub(super) fn bounds(
    v: &serde_json::Value,
    min: Option<NumV>,
    max: Option<NumV>,
    order: fn(&serde_json::Value, Num) -> Option<Ordering>,
) -> Result<(), String> {
    if let Some(min) = min.filter(|m| order(v, num(*m)) == Some(Ordering::Less)) {
        return Err(format!("{v} is less than the minimum {}", show(min)));
    }
    if let Some(max) = max.filter(|m| order(v, num(*m)) == Some(Ordering::Greater)) {
        return Err(format!("{v} is greater than the maximum {}", show(max)));
    }
    Ok(())
}

pub(super) fn num(n: NumV) -> Num {
    match n {
        NumV::Int(i) => Num::Int(i),
        NumV::Float(f) => Num::Float(f),
    }
}

pub(super) fn shape_kind(shape: &ShapeC) -> &'static str {
    match shape {
        ShapeC::String { .. } => "a string",
        ShapeC::Integer { .. } => "an integer",
        ShapeC::Number { .. } => "a number",
        ShapeC::Boolean => "a boolean",
        ShapeC::Array { .. } => "an array",
        ShapeC::Other(_) => "a value of the field's type",
    }
}

pub(super) fn lit_json(lit: &LitVal) -> serde_json::Value {
    match lit {
        LitVal::Bool(b) => (*b).into(),
        LitVal::Int(i) => match (i64::try_from(*i), u64::try_from(*i)) {
            (Ok(v), _) => v.into(),
            (_, Ok(v)) => v.into(),
            _ => serde_json::Value::from(*i as f64),
        },
        LitVal::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
        }
        LitVal::Str(s) => s.clone().into(),
    }
}

pub(super) fn check_default(
    f: &Field,
    required: bool,
    shape: &ShapeC,
    errors: &mut Errors,
) -> Option<DefaultC> {
    let (key, span) = match (&f.default, &f.default_json) {
        (None, None) => return None,
        (Some(_), Some(j)) => {
            errors.push(
                j.key,
                "give either `default` (a literal) or `default_json` (JSON text), not both",
            );
            return None;
        }
        (Some(d), None) => ("default", d.key),
        (None, Some(j)) => ("default_json", j.key),
    };
    if required {
        let ty = &f.ty;
        errors.push(
            span,
            format!(
                "`{key}` needs an optional field, but `{}` is required (not an `Option`), so a default would never apply; make the field `Option<{}>` or drop the default",
                f.ident,
                ty_text(ty)
            ),
        );
        return None;
    }
    let (value, json, value_span) = match (&f.default, &f.default_json) {
        (Some(d), _) => (lit_json(&d.value), d.value.to_json(), d.span),
        (_, Some(j)) => match serde_json::from_str::<serde_json::Value>(&j.value) {
            Ok(v) => (v, j.value.trim().to_owned(), j.span),
            Err(e) => {
                errors.push(j.span, format!("`default_json` is not valid JSON: {e}"));
                return None;
            }
        },
        _ => return None,
    };
    if let Err(why) = check_value(&value, shape) {
        errors.push(
            value_span,
            format!("this default breaks the field's own contract: {why}"),
        );
        return None;
    }
    let lit = match &value {
        serde_json::Value::Bool(b) => Some(LitVal::Bool(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Some(LitVal::Int(i as i128)),
            None => n.as_f64().map(LitVal::Float),
        },
        serde_json::Value::String(s) => Some(LitVal::Str(s.clone())),
        _ => None,
    };
    // An integer literal given to an `f64` field is the number it names; an integral
    // float given to an integer field (`5.0`, valid as the walk reads it) is that integer.
    let lit = match (lit, shape) {
        (Some(LitVal::Int(i)), ShapeC::Number { .. }) => Some(LitVal::Float(i as f64)),
        (Some(LitVal::Float(_)), ShapeC::Integer { .. }) => {
            Json::integer_value(&value).map(LitVal::Int)
        }
        (lit, _) => lit,
    };
    Some(DefaultC { json, lit })
}
