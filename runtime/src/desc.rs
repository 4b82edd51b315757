//! Descriptors: a type's contract as static data.
//!
//! `#[derive(Contract)]` turns a type's `#[contract(..)]` attributes into one `static`
//! descriptor. Everything that must agree reads that one value: the validator
//! ([`crate::walk`]), the JSON Schema generator ([`crate::schema`]) and the proptest
//! strategies (`strategy`, behind the `proptest` feature). Three executions of one semantics, from one source.
//!
//! Descriptors are plain data with `'static` references, so they cost nothing at run time
//! and can be written by hand for tests:
//!
//! ```
//! use vendorspec_runtime::desc::*;
//!
//! static TARGET: ObjectDesc = ObjectDesc {
//!     name: "Target",
//!     description: "Devices or zones.",
//!     members: &[
//!         MemberDesc::new("devices", "Device ids.", Shape::Array(ArrayDesc::of(&Shape::String(StringDesc::NONE)))),
//!         MemberDesc::new("zones", "Zone ids.", Shape::Array(ArrayDesc::of(&Shape::String(StringDesc::NONE)))),
//!     ],
//!     unknown: Unknown::Reject,
//!     rules: &[RuleDesc::ExactlyOneOf { members: &[0, 1], count: Count::NonEmpty }],
//!     advice: &[],
//! };
//! assert_eq!(TARGET.member_index("zones"), Some(1));
//! ```

use std::sync::OnceLock;

use regex::Regex;

pub use crate::formats::Format;

/// The contract of one value: what JSON type it is and what it must satisfy.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    String(StringDesc),
    /// A JSON number with an integral value (`1.0` counts, as in JSON Schema).
    Integer(NumberDesc),
    Number(NumberDesc),
    Boolean,
    Array(ArrayDesc),
    /// A function, not a reference, so types may refer to each other in any order.
    Object(fn() -> &'static ObjectDesc),
    Enum(fn() -> &'static EnumDesc),
}

impl Shape {
    /// The JSON type name, as JSON Schema spells it, for messages.
    pub fn json_type(&self) -> &'static str {
        match self {
            Shape::String(_) => "string",
            Shape::Integer(_) => "integer",
            Shape::Number(_) => "number",
            Shape::Boolean => "boolean",
            Shape::Array(_) => "array",
            Shape::Object(_) => "object",
            Shape::Enum(e) => match e().base {
                EnumBase::String => "string",
                EnumBase::Integer => "integer",
            },
        }
    }
}

/// Constraints of a string.
#[derive(Debug, Clone, Copy)]
pub struct StringDesc {
    pub format: Option<Format>,
    pub pattern: Option<&'static Pattern>,
    /// In characters (Unicode scalar values), as JSON Schema counts.
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// Bounds of a `duration_dhm` string, in minutes, inclusive.
    pub min_duration: Option<u64>,
    pub max_duration: Option<u64>,
}

impl StringDesc {
    /// A string with no constraint.
    pub const NONE: StringDesc = StringDesc {
        format: None,
        pattern: None,
        min_length: None,
        max_length: None,
        min_duration: None,
        max_duration: None,
    };
}

/// Bounds of an integer or a number, inclusive.
#[derive(Debug, Clone, Copy)]
pub struct NumberDesc {
    pub minimum: Option<Num>,
    pub maximum: Option<Num>,
}

impl NumberDesc {
    /// No bounds: any integral value. The derive always sets the field's Rust type's
    /// range, so a generated integer is never unbounded.
    pub const NONE: NumberDesc = NumberDesc {
        minimum: None,
        maximum: None,
    };
}

/// A numeric bound or literal, kept exact for integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    pub fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

/// Constraints of an array.
#[derive(Debug, Clone, Copy)]
pub struct ArrayDesc {
    pub items: &'static Shape,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

impl ArrayDesc {
    /// An array of `items` with no other constraint.
    pub const fn of(items: &'static Shape) -> ArrayDesc {
        ArrayDesc {
            items,
            min_items: None,
            max_items: None,
            unique_items: false,
        }
    }
}

/// A regular expression compiled on first use and then shared.
pub struct Pattern {
    pub source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled expression; `None` if it does not compile (the derive and the spec
    /// checker reject such patterns, so this only guards hand-written descriptors).
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
    }

    /// Whether `text` matches (unanchored, as in JSON Schema).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

/// What to do with a member the contract does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// An `unknown_field` error (request bodies).
    Reject,
    /// An `unknown_field` warning (response bodies: vendors add fields).
    Warn,
}

/// The contract of an object.
#[derive(Debug)]
pub struct ObjectDesc {
    /// The type's name, used for `$defs` in schemas and in messages.
    pub name: &'static str,
    pub description: &'static str,
    pub members: &'static [MemberDesc],
    pub unknown: Unknown,
    pub rules: &'static [RuleDesc],
    pub advice: &'static [AdviceDesc],
}

impl ObjectDesc {
    /// The index of the member with this canonical name.
    pub fn member_index(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|m| m.name == name)
    }
}

/// One member of an object.
#[derive(Debug)]
pub struct MemberDesc {
    /// The canonical spelling on the wire.
    pub name: &'static str,
    pub description: &'static str,
    pub shape: Shape,
    pub required: bool,
    /// Never shown in any output: messages, code frames, Debug.
    pub secret: bool,
    /// The value used when the member is absent from its object, as JSON text.
    pub default: Option<&'static str>,
    /// The default as a scalar, for conditions (`equals`, `in`, `not_in`).
    pub default_lit: Option<Lit>,
}

impl MemberDesc {
    /// An optional, non-secret member without default.
    pub const fn new(name: &'static str, description: &'static str, shape: Shape) -> MemberDesc {
        MemberDesc {
            name,
            description,
            shape,
            required: false,
            secret: false,
            default: None,
            default_lit: None,
        }
    }
}

/// The contract of an enumeration.
#[derive(Debug)]
pub struct EnumDesc {
    pub name: &'static str,
    pub description: &'static str,
    pub base: EnumBase,
    pub values: &'static [EnumValueDesc],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumBase {
    String,
    Integer,
}

#[derive(Debug)]
pub struct EnumValueDesc {
    /// The value on the wire: [`Lit::Str`] or [`Lit::Int`].
    pub value: Lit,
    /// The Rust variant's name.
    pub name: &'static str,
    /// The docs' own name for the value, if any ("Device Control").
    pub label: Option<&'static str>,
    pub description: &'static str,
}

/// A scalar literal: enum values, condition operands, scalar defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lit {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'static str),
}

impl From<Lit> for serde_json::Value {
    /// The literal as the JSON value it stands for (schemas, strategies, templates).
    fn from(lit: Lit) -> serde_json::Value {
        match lit {
            Lit::Null => serde_json::Value::Null,
            Lit::Bool(b) => b.into(),
            Lit::Int(i) => i.into(),
            Lit::Float(f) => f.into(),
            Lit::Str(s) => s.into(),
        }
    }
}

/// What makes a member count for `exactly_one_of` / `at_least_one_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Present in the object.
    Present,
    /// Present and not an empty array.
    NonEmpty,
}

/// How `range_order` compares its two members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Number,
    Ipv4,
    DateTime,
}

impl Order {
    /// The order of values of `shape`: numbers, IPv4 addresses and date-times have one.
    /// A `const fn`, so a derived descriptor reads a typed member's order when it compiles.
    pub const fn of_shape(shape: &Shape) -> Option<Order> {
        match shape {
            Shape::Integer(_) | Shape::Number(_) => Some(Order::Number),
            Shape::String(StringDesc {
                format: Some(crate::formats::Format::Ipv4),
                ..
            }) => Some(Order::Ipv4),
            Shape::String(StringDesc {
                format: Some(crate::formats::Format::DateTime),
                ..
            }) => Some(Order::DateTime),
            _ => None,
        }
    }
}

/// A rule across the members of one object. Members are indices into
/// [`ObjectDesc::members`].
#[derive(Debug)]
pub enum RuleDesc {
    ExactlyOneOf {
        members: &'static [usize],
        count: Count,
    },
    AtLeastOneOf {
        members: &'static [usize],
        count: Count,
    },
    /// When every test of `when` holds, every test of `then` must hold.
    Requires {
        when: &'static [TestDesc],
        then: &'static [TestDesc],
        message: &'static str,
    },
    /// `low` ≤ `high`. JSON Schema cannot state this one; schemas name it in `$comment`.
    RangeOrder {
        low: usize,
        high: usize,
        order: Order,
    },
}

impl RuleDesc {
    /// The stable rule code of this rule's findings.
    pub fn code(&self) -> &'static str {
        match self {
            RuleDesc::ExactlyOneOf { .. } => "exactly_one_of",
            RuleDesc::AtLeastOneOf { .. } => "at_least_one_of",
            RuleDesc::Requires { .. } => "requires",
            RuleDesc::RangeOrder { .. } => "range_order",
        }
    }
}

/// One test of a condition, on one member.
#[derive(Debug)]
pub struct TestDesc {
    pub member: usize,
    pub predicate: Predicate,
}

/// A test on one member. An absent member takes its default (if any) for `Equals`, `In`
/// and `NotIn`; absent with no default, those tests and `Contains` are false.
#[derive(Debug)]
pub enum Predicate {
    Present(bool),
    NonEmpty(bool),
    Equals(Lit),
    In(&'static [Lit]),
    NotIn(&'static [Lit]),
    Contains(Lit),
}

/// A warning: valid, but probably not what the author meant.
#[derive(Debug)]
pub struct AdviceDesc {
    /// The stable rule code of the warning.
    pub code: &'static str,
    /// The member the finding points at; the object when `None`.
    pub at: Option<usize>,
    pub when: &'static [TestDesc],
    pub message: &'static str,
    pub help: Option<&'static str>,
}

/// How member names in a payload are matched to canonical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameMatching {
    #[default]
    Exact,
    /// ASCII case-insensitive (ASP.NET binding).
    CaseInsensitive,
}

impl NameMatching {
    /// Whether a written member name means the canonical one.
    #[inline]
    pub fn matches(self, written: &str, canonical: &str) -> bool {
        match self {
            NameMatching::Exact => written == canonical,
            NameMatching::CaseInsensitive => written.eq_ignore_ascii_case(canonical),
        }
    }
}
