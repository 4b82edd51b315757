//! Equality as JSON Schema's `const`, `enum` and `uniqueItems` mean it: numbers by value
//! (`1` equals `1.0`, exactly, never rounded through `f64` when both are integers),
//! objects regardless of member order.

use super::json::{Json, Kind};
use super::number::cmp_f64_int;
use crate::desc::Lit;

/// Whether a value equals a literal.
pub fn lit_eq<'a, J: Json<'a>>(v: J, lit: Lit) -> bool {
    match lit {
        Lit::Null => v.kind() == Kind::Null,
        Lit::Bool(b) => v.as_bool() == Some(b),
        Lit::Str(s) => v.as_str() == Some(s),
        Lit::Int(i) => v.integer_value() == Some(i128::from(i)),
        Lit::Float(f) => v.kind() == Kind::Number && v.as_f64() == Some(f),
    }
}

/// Whether two literals are equal; an integer and a float by exact value (`5` equals
/// `5.0`; `i64::MAX` does not equal `2^63`, which `as f64` would make it).
pub fn lits_equal(a: Lit, b: Lit) -> bool {
    match (a, b) {
        (Lit::Int(x), Lit::Float(y)) | (Lit::Float(y), Lit::Int(x)) => {
            cmp_f64_int(y, x) == Some(std::cmp::Ordering::Equal)
        }
        _ => a == b,
    }
}

/// Whether two values are equal as JSON.
pub fn json_eq<'a, 'b, A: Json<'a>, B: Json<'b>>(a: A, b: B) -> bool {
    match (a.kind(), b.kind()) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool, Kind::Bool) => a.as_bool() == b.as_bool(),
        (Kind::String, Kind::String) => a.as_str() == b.as_str(),
        (Kind::Number, Kind::Number) => match (a.integer_value(), b.integer_value()) {
            (Some(x), Some(y)) => x == y,
            _ => a.as_f64().is_some() && a.as_f64() == b.as_f64(),
        },
        (Kind::Array, Kind::Array) => {
            a.len() == b.len() && a.items().zip(b.items()).all(|(x, y)| json_eq(x, y))
        }
        (Kind::Object, Kind::Object) => {
            a.len() == b.len()
                && a.members()
                    .all(|(name, x)| b.members().any(|(n, y)| n == name && json_eq(x, y)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_and_float_literals_compare_exactly() {
        assert!(lits_equal(Lit::Int(5), Lit::Float(5.0)));
        assert!(!lits_equal(Lit::Int(5), Lit::Float(5.5)));
        // `i64::MAX as f64` is 2^63: equal through `as f64`, not in value.
        assert!(!lits_equal(
            Lit::Int(i64::MAX),
            Lit::Float(9_223_372_036_854_775_808.0)
        ));
    }
}
