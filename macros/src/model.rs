//! The parsed model of a `#[derive(Contract)]` input, before and after checking.
//!
//! [`crate::syntax`] fills the *parsed* types (attributes as written, with their spans);
//! [`crate::check`] turns them into the *checked* types (`Checked*`), where field names
//! are resolved to member indices and every shape is known, so [`crate::emit`] cannot fail.

use proc_macro2::Span;
use vendorspec_runtime::formats::Format;

/// A value with the span of its key (for "this attribute is wrong") and of its value (for
/// "this value is wrong").
#[derive(Debug, Clone)]
pub struct Sp<T> {
    pub value: T,
    pub key: Span,
    pub span: Span,
}

/// A literal as written in an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum LitVal {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
}

impl LitVal {
    pub fn kind(&self) -> &'static str {
        match self {
            LitVal::Bool(_) => "a boolean",
            LitVal::Int(_) => "an integer",
            LitVal::Float(_) => "a float",
            LitVal::Str(_) => "a string",
        }
    }

    /// The literal as JSON text.
    pub fn to_json(&self) -> String {
        match self {
            LitVal::Bool(b) => b.to_string(),
            LitVal::Int(i) => i.to_string(),
            LitVal::Float(f) => serde_json::Number::from_f64(*f)
                .map(|n| n.to_string())
                .unwrap_or_else(|| "null".into()),
            LitVal::Str(s) => serde_json::Value::String(s.clone()).to_string(),
        }
    }
}

/// Constraints written on a field, or inside `items(..)` for the elements of a `Vec`.
#[derive(Debug, Default, Clone)]
pub struct Constraints {
    pub format: Option<Sp<String>>,
    pub pattern: Option<Sp<String>>,
    pub min_length: Option<Sp<u64>>,
    pub max_length: Option<Sp<u64>>,
    pub minimum: Option<Sp<LitVal>>,
    pub maximum: Option<Sp<LitVal>>,
    pub min_items: Option<Sp<u64>>,
    pub max_items: Option<Sp<u64>>,
    pub unique_items: Option<Sp<()>>,
    pub min_duration: Option<Sp<String>>,
    pub max_duration: Option<Sp<String>>,
    pub items: Option<Sp<Box<Constraints>>>,
}

impl Constraints {
    /// Where the constraint keyword `name` (a row of `vendorspec_runtime::keywords`) is
    /// written, if it is.
    pub fn key_span(&self, name: &str) -> Option<Span> {
        match name {
            "format" => self.format.as_ref().map(|v| v.key),
            "pattern" => self.pattern.as_ref().map(|v| v.key),
            "min_length" => self.min_length.as_ref().map(|v| v.key),
            "max_length" => self.max_length.as_ref().map(|v| v.key),
            "minimum" => self.minimum.as_ref().map(|v| v.key),
            "maximum" => self.maximum.as_ref().map(|v| v.key),
            "min_items" => self.min_items.as_ref().map(|v| v.key),
            "max_items" => self.max_items.as_ref().map(|v| v.key),
            "unique_items" => self.unique_items.as_ref().map(|v| v.key),
            "min_duration" => self.min_duration.as_ref().map(|v| v.key),
            "max_duration" => self.max_duration.as_ref().map(|v| v.key),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct Field {
    pub ident: syn::Ident,
    pub ty: syn::Type,
    pub doc: String,
    pub rename: Option<Sp<String>>,
    pub constraints: Constraints,
    pub default: Option<Sp<LitVal>>,
    pub default_json: Option<Sp<String>>,
    pub secret: Option<Sp<()>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountM {
    Present,
    NonEmpty,
}

#[derive(Debug, Clone)]
pub enum PredM {
    Present(bool),
    NonEmpty(bool),
    Equals(Sp<LitVal>),
    In(Vec<Sp<LitVal>>),
    NotIn(Vec<Sp<LitVal>>),
    Contains(Sp<LitVal>),
}

/// One test of a condition: `field(predicate = ..)`.
#[derive(Debug, Clone)]
pub struct TestM {
    pub field: syn::Ident,
    pub pred: PredM,
    /// The predicate's key.
    pub span: Span,
}

#[derive(Debug)]
pub enum RuleM {
    ExactlyOneOf {
        fields: Vec<syn::Ident>,
        count: Sp<CountM>,
        span: Span,
    },
    AtLeastOneOf {
        fields: Vec<syn::Ident>,
        count: Sp<CountM>,
        span: Span,
    },
    Requires {
        when: Vec<TestM>,
        then: Vec<TestM>,
        message: String,
    },
    RangeOrder {
        low: syn::Ident,
        high: syn::Ident,
        span: Span,
    },
}

#[derive(Debug)]
pub struct AdviceM {
    pub code: String,
    pub at: Option<syn::Ident>,
    pub when: Vec<TestM>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownM {
    Reject,
    Warn,
}

#[derive(Debug)]
pub struct StructM {
    pub ident: syn::Ident,
    pub name: String,
    pub doc: String,
    pub unknown: UnknownM,
    pub krate: syn::Path,
    pub rules: Vec<RuleM>,
    pub advice: Vec<AdviceM>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseM {
    String,
    Integer,
}

#[derive(Debug)]
pub struct VariantM {
    pub ident: syn::Ident,
    pub doc: String,
    pub value: Option<Sp<LitVal>>,
    pub label: Option<String>,
}

#[derive(Debug)]
pub struct EnumM {
    pub ident: syn::Ident,
    pub name: String,
    pub doc: String,
    pub base: Sp<BaseM>,
    pub krate: syn::Path,
    pub variants: Vec<VariantM>,
}

#[derive(Debug)]
pub enum Input {
    Struct(StructM),
    Enum(EnumM),
}

// ---------------------------------------------------------------------------------------
// Checked model: what `emit` turns into code.

/// A numeric bound, exact for integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumV {
    Int(i64),
    Float(f64),
}

/// A resolved shape.
#[derive(Debug, Clone)]
pub enum ShapeC {
    String {
        format: Option<Format>,
        pattern: Option<String>,
        min_length: Option<u64>,
        max_length: Option<u64>,
        min_duration: Option<u64>,
        max_duration: Option<u64>,
    },
    Integer {
        minimum: Option<NumV>,
        maximum: Option<NumV>,
    },
    Number {
        minimum: Option<NumV>,
        maximum: Option<NumV>,
    },
    Boolean,
    Array {
        items: Box<ShapeC>,
        min_items: Option<u64>,
        max_items: Option<u64>,
        unique_items: bool,
    },
    /// Another `Contract` type.
    Other(syn::Type),
}

/// A field's default.
#[derive(Debug, Clone)]
pub struct DefaultC {
    /// As JSON text.
    pub json: String,
    /// As a scalar, when it is one.
    pub lit: Option<LitVal>,
}

#[derive(Debug)]
pub struct FieldC {
    pub ident: syn::Ident,
    /// The type inside `Option`, or `ty` for a required field.
    pub inner: syn::Type,
    /// Whether `inner` is `Copy` (bool, integers, f64): how `_or_default` returns it.
    pub inner_is_copy: bool,
    pub name: String,
    pub doc: String,
    pub required: bool,
    pub secret: bool,
    pub shape: ShapeC,
    pub default: Option<DefaultC>,
}

#[derive(Debug)]
pub enum PredC {
    Present(bool),
    NonEmpty(bool),
    Equals(LitVal),
    In(Vec<LitVal>),
    NotIn(Vec<LitVal>),
    Contains(LitVal),
}

#[derive(Debug)]
pub struct TestC {
    pub member: usize,
    pub pred: PredC,
}

#[derive(Debug, Clone)]
pub enum OrderC {
    Number,
    Ipv4,
    DateTime,
    /// A contract type's own order, read from its shape when the crate compiles (a typed
    /// `Ipv4Addr` or `DateTime`); a shape with no order is a compile error there.
    OfType(Box<syn::Type>),
}

#[derive(Debug)]
pub enum RuleC {
    ExactlyOneOf {
        members: Vec<usize>,
        count: CountM,
    },
    AtLeastOneOf {
        members: Vec<usize>,
        count: CountM,
    },
    Requires {
        when: Vec<TestC>,
        then: Vec<TestC>,
        message: String,
    },
    RangeOrder {
        low: usize,
        high: usize,
        order: OrderC,
    },
}

#[derive(Debug)]
pub struct AdviceC {
    pub code: String,
    pub at: Option<usize>,
    pub when: Vec<TestC>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug)]
pub struct StructC {
    pub ident: syn::Ident,
    pub name: String,
    pub doc: String,
    pub unknown: UnknownM,
    pub krate: syn::Path,
    pub fields: Vec<FieldC>,
    pub rules: Vec<RuleC>,
    pub advice: Vec<AdviceC>,
}

#[derive(Debug)]
pub struct VariantC {
    pub ident: syn::Ident,
    pub doc: String,
    pub value: LitVal,
    pub label: Option<String>,
}

#[derive(Debug)]
pub struct EnumC {
    pub ident: syn::Ident,
    pub name: String,
    pub doc: String,
    pub base: BaseM,
    pub krate: syn::Path,
    pub variants: Vec<VariantC>,
}

#[derive(Debug)]
pub enum Checked {
    Struct(StructC),
    Enum(EnumC),
}
