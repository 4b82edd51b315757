//! Typed values: what `#[derive(Contract)]` implements, and how typed values are built
//! from a tree that validated.
//!
//! The derive implements [`Contract`] (the type's [`Shape`]) and [`FromTree`] for each
//! type, and `serde::Serialize` so typed values can be written back as JSON. Field types
//! are `String`, the integer types (their range is part of the contract: the validator
//! refuses values the field cannot hold), `f64`, `bool`, `Vec<T>`, `Option<T>` (an
//! optional member) and other `Contract` types.

use crate::desc::{NameMatching, Shape};
use crate::reader::{Kind, ValueRef};

/// A type with a contract.
pub trait Contract: Sized + serde::Serialize {
    /// The type's contract: `Shape::Object(..)` for structs, `Shape::Enum(..)` for enums.
    const SHAPE: Shape;
}

/// Builds a typed value from a tree.
///
/// Only called on trees that validated against the type's shape, so it need not report
/// why it fails; it returns `None` instead of panicking if it is ever given something else.
pub trait FromTree: Sized {
    fn from_tree(value: ValueRef<'_>, names: NameMatching) -> Option<Self>;
}

// Strings, booleans and integers also take the values of another type the walk lets
// through where the server converts them (`crate::dotnet::convert`, the Ivanti server):
// elsewhere such a value is an error, and no typed value is built.

impl FromTree for String {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Self> {
        crate::dotnet::string_of(value)
    }
}

impl FromTree for bool {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Self> {
        crate::dotnet::bool_of(value)
    }
}

/// An integer's exact value, or the one the server reads from a string of digits: what
/// integer fields and integer enums are built from.
pub fn integer_of(value: ValueRef<'_>) -> Option<i128> {
    value.integer_value().or_else(|| {
        value
            .as_str()
            .and_then(crate::dotnet::int32_from_text)
            .map(i128::from)
    })
}

impl FromTree for f64 {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Self> {
        value.as_f64()
    }
}

macro_rules! integer_from_tree {
    ($($t:ty),*) => {$(
        impl FromTree for $t {
            fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Self> {
                // Value-based, like the validator: `1.0` is the integer 1.
                integer_of(value).and_then(|i| <$t>::try_from(i).ok())
            }
        }
    )*};
}
integer_from_tree!(i8, i16, i32, i64, u8, u16, u32, u64);

impl<T: FromTree> FromTree for Vec<T> {
    fn from_tree(value: ValueRef<'_>, names: NameMatching) -> Option<Self> {
        if value.kind() != Kind::Array {
            return None;
        }
        value
            .items()
            .map(|item| T::from_tree(item, names))
            .collect()
    }
}

impl<T: FromTree> FromTree for Option<T> {
    /// An `Option` field is filled from a present member; absence is handled by the
    /// caller, which never calls this for an absent member. A `null` is absence too, where
    /// the walk let one through (`walk::Binding::null_is_absent`).
    fn from_tree(value: ValueRef<'_>, names: NameMatching) -> Option<Self> {
        if value.kind() == Kind::Null {
            return Some(None);
        }
        T::from_tree(value, names).map(Some)
    }
}

impl<T: FromTree> FromTree for Box<T> {
    fn from_tree(value: ValueRef<'_>, names: NameMatching) -> Option<Self> {
        T::from_tree(value, names).map(Box::new)
    }
}

/// The first member of an object whose name means `canonical`, as the walker matches
/// names. The derive's `from_tree` uses it for each field.
pub fn member<'d>(
    object: ValueRef<'d>,
    canonical: &str,
    names: NameMatching,
) -> Option<ValueRef<'d>> {
    object
        .members()
        .find(|m| names.matches(m.name, canonical))
        .map(|m| m.value)
}
