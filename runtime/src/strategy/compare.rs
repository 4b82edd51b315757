//! Values compared as the walk compares them: numbers by value (`1` equals `1.0`), IPv4
//! addresses and date-times by what they denote. Repairs and mutations must agree with the
//! walk on "equal" and "in order", or a repaired value could still be an error.

use serde_json::{Number, Value};

use crate::desc::{Lit, Order};
use crate::formats;

/// How two values of a `range_order` compare, as the walk compares them; `None` when
/// either cannot be read.
pub(super) fn compare(order: Order, a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match order {
        Order::Number => a.as_f64()?.partial_cmp(&b.as_f64()?),
        Order::Ipv4 => Some(formats::ipv4(a.as_str()?)?.cmp(&formats::ipv4(b.as_str()?)?)),
        Order::DateTime => Some(
            formats::date_time_instant(a.as_str()?)?.cmp(&formats::date_time_instant(b.as_str()?)?),
        ),
    }
}

fn integer_of(n: &Number) -> Option<i128> {
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 1e38).then_some(f as i128)
}

pub(super) fn lit_eq(v: &Value, lit: Lit) -> bool {
    match (lit, v) {
        (Lit::Null, Value::Null) => true,
        (Lit::Bool(b), Value::Bool(c)) => b == *c,
        (Lit::Str(s), Value::String(t)) => s == t,
        (Lit::Int(i), Value::Number(n)) => integer_of(n) == Some(i128::from(i)),
        (Lit::Float(f), Value::Number(n)) => n.as_f64() == Some(f),
        _ => false,
    }
}

pub(super) fn lits_equal(a: Lit, b: Lit) -> bool {
    match (a, b) {
        (Lit::Int(x), Lit::Float(y)) | (Lit::Float(y), Lit::Int(x)) => x as f64 == y,
        _ => a == b,
    }
}

/// JSON equality: numbers by value (`1` equals `1.0`), objects regardless of order.
pub(super) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (integer_of(x), integer_of(y)) {
            (Some(p), Some(q)) => p == q,
            _ => x.as_f64().is_some() && x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}
