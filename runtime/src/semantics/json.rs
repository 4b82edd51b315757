//! [`Json`]: the view of a JSON value that the semantics reads, implemented by the
//! reader's span tree ([`ValueRef`]) and by `serde_json::Value`.

use serde_json::Value;

pub use crate::reader::Kind;
use crate::reader::ValueRef;

/// A JSON value as the semantics reads it: its type, its scalar, its items and members.
/// Numbers are read exactly where it matters (an integer's value, its sign as written),
/// never only through `f64`.
pub trait Json<'a>: Copy + 'a {
    /// The JSON type.
    fn kind(self) -> Kind;
    /// The boolean, if it is one.
    fn as_bool(self) -> Option<bool>;
    /// The string, if it is one.
    fn as_str(self) -> Option<&'a str>;
    /// The number as the nearest finite `f64`; `None` for other values and for numbers
    /// too large for `f64`.
    fn as_f64(self) -> Option<f64>;
    /// The number's exact value when it is an integer by value (`12`, `1.0`, `1e2`) and
    /// fits `i128`.
    fn integer_value(self) -> Option<i128>;
    /// Whether the number is written as an integer (no fraction, no exponent).
    fn is_integer_lexeme(self) -> bool;
    /// Whether the number is written with a minus sign.
    fn is_negative(self) -> bool;
    /// The number of items or members; 0 for scalars.
    fn len(self) -> usize;
    /// Whether [`Json::len`] is 0.
    fn is_empty(self) -> bool {
        self.len() == 0
    }
    /// The items of an array; nothing for other values.
    fn items(self) -> impl Iterator<Item = Self> + 'a;
    /// The members of an object in order; nothing for other values.
    fn members(self) -> impl Iterator<Item = (&'a str, Self)> + 'a;
}

impl<'d> Json<'d> for ValueRef<'d> {
    #[inline]
    fn kind(self) -> Kind {
        ValueRef::kind(&self)
    }
    #[inline]
    fn as_bool(self) -> Option<bool> {
        ValueRef::as_bool(&self)
    }
    #[inline]
    fn as_str(self) -> Option<&'d str> {
        ValueRef::as_str(&self)
    }
    #[inline]
    fn as_f64(self) -> Option<f64> {
        ValueRef::as_f64(&self)
    }
    #[inline]
    fn integer_value(self) -> Option<i128> {
        ValueRef::integer_value(&self)
    }
    #[inline]
    fn is_integer_lexeme(self) -> bool {
        self.is_integer()
    }
    #[inline]
    fn is_negative(self) -> bool {
        ValueRef::kind(&self) == Kind::Number && self.raw().starts_with('-')
    }
    #[inline]
    fn len(self) -> usize {
        ValueRef::len(&self)
    }
    #[inline]
    fn items(self) -> impl Iterator<Item = Self> + 'd {
        ValueRef::items(&self)
    }
    #[inline]
    fn members(self) -> impl Iterator<Item = (&'d str, Self)> + 'd {
        ValueRef::members(&self).map(|m| (m.name, m.value))
    }
}

impl<'v> Json<'v> for &'v Value {
    fn kind(self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn as_bool(self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn as_str(self) -> Option<&'v str> {
        Value::as_str(self)
    }
    fn as_f64(self) -> Option<f64> {
        Value::as_f64(self).filter(|f| f.is_finite())
    }
    fn integer_value(self) -> Option<i128> {
        let Value::Number(n) = self else {
            return None;
        };
        if let Some(i) = n.as_i64() {
            return Some(i128::from(i));
        }
        if let Some(u) = n.as_u64() {
            return Some(i128::from(u));
        }
        // Inside i128, where every integral f64 converts exactly.
        let f = n.as_f64()?;
        (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
    }
    fn is_integer_lexeme(self) -> bool {
        matches!(self, Value::Number(n) if n.is_i64() || n.is_u64())
    }
    fn is_negative(self) -> bool {
        match self {
            Value::Number(n) => {
                n.as_i64().is_some_and(|i| i < 0)
                    || n.as_f64().is_some_and(|f| f.is_sign_negative())
            }
            _ => false,
        }
    }
    fn len(self) -> usize {
        match self {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        }
    }
    fn items(self) -> impl Iterator<Item = Self> + 'v {
        self.as_array().into_iter().flatten()
    }
    fn members(self) -> impl Iterator<Item = (&'v str, Self)> + 'v {
        self.as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v))
    }
}
