//! Numbers against bounds, as JSON Schema engines compare them: exactly, never by rounding
//! an integer to `f64` (through `f64`, `2^63` would equal `i64::MAX`).

use std::cmp::Ordering;

use super::json::{Json, Kind};
use crate::desc::Num;

/// Where an `integer`-typed value stands against a bound: by its exact value when it is an
/// integer by value (`5`, `5.0`, `5e0`); an integral value beyond `i128` is past every bound
/// on its side. `None` for a value that is not an integral number.
pub fn integer_order<'a, J: Json<'a>>(v: J, bound: Num) -> Option<Ordering> {
    integer_order_of(v, v.integer_value(), bound)
}

/// [`integer_order`] with the value's [`Json::integer_value`] already read, for a caller
/// that checks both bounds of one value (the walk reads it once).
pub fn integer_order_of<'a, J: Json<'a>>(
    v: J,
    integer_value: Option<i128>,
    bound: Num,
) -> Option<Ordering> {
    match integer_value {
        Some(i) => Some(order_of_integer(i, bound)),
        None if is_integral(v) => Some(if v.is_negative() {
            Ordering::Less
        } else {
            Ordering::Greater
        }),
        None => None,
    }
}

/// Where a `number`-typed value stands against a bound: an integer written as an integer
/// exactly; a number with a fraction or an exponent as the `f64` every engine reads it as,
/// compared exactly with the bound; beyond `f64`, past every bound on its side.
pub fn number_order<'a, J: Json<'a>>(v: J, bound: Num) -> Option<Ordering> {
    if v.kind() != Kind::Number {
        return None;
    }
    if v.is_integer_lexeme()
        && let Some(i) = v.integer_value()
    {
        return Some(order_of_integer(i, bound));
    }
    let x = v.as_f64().unwrap_or(if v.is_negative() {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    });
    match bound {
        Num::Int(b) => cmp_f64_int(x, b),
        Num::Float(b) => x.partial_cmp(&b),
    }
}

/// How two bounds compare, exactly (for "minimum greater than maximum" checks).
pub fn num_order(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (Num::Float(x), Num::Int(y)) => cmp_f64_int(x, y),
        (Num::Int(x), Num::Float(y)) => cmp_f64_int(y, x).map(Ordering::reverse),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
    }
}

fn order_of_integer(i: i128, bound: Num) -> Ordering {
    match bound {
        Num::Int(b) => i.cmp(&i128::from(b)),
        Num::Float(b) => (i as f64).partial_cmp(&b).unwrap_or(Ordering::Less),
    }
}

/// Whether a number's value is an integer, even one beyond `i128` (`1e400`).
pub fn is_integral<'a, J: Json<'a>>(v: J) -> bool {
    v.kind() == Kind::Number
        && (v.is_integer_lexeme()
            || v.integer_value().is_some()
            || v.as_f64().is_none_or(|f| f.fract() == 0.0))
}

/// An `f64` compared exactly with an integer (no rounding of the integer to `f64`).
pub(super) fn cmp_f64_int(x: f64, b: i64) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    const LIMIT: f64 = 1.7e38; // inside i128
    if x >= LIMIT {
        return Some(Ordering::Greater);
    }
    if x <= -LIMIT {
        return Some(Ordering::Less);
    }
    let whole = x.trunc() as i128;
    match whole.cmp(&i128::from(b)) {
        Ordering::Equal => (x - x.trunc()).partial_cmp(&0.0),
        other => Some(other),
    }
}
