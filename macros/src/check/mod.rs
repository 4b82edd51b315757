//! Check: the parsed model against the field types and itself, into the checked model.
//!
//! Every problem is a spanned error at the offending attribute or field; all of them are
//! reported together.

use std::cmp::Ordering;
use std::collections::HashMap;

use proc_macro2::Span;
use syn::spanned::Spanned;
use vendorspec_runtime::desc::Num;
use vendorspec_runtime::formats::{Format, duration_minutes};
use vendorspec_runtime::keywords::{Applies, KEYWORDS};
use vendorspec_runtime::semantics::{self, Json};

use crate::model::*;
use crate::syntax::{Errors, did_you_mean};

mod values;
use values::*;

/// What a Rust type is, for the contract.
#[derive(Clone, Copy)]
pub enum Ty<'a> {
    Str,
    Bool,
    F64,
    Int {
        name: &'static str,
        min: i128,
        max: i128,
    },
    Vec(&'a syn::Type),
    Option(&'a syn::Type),
    Box(&'a syn::Type),
    Other,
}

const INTS: [(&str, i128, i128); 8] = [
    ("i8", i8::MIN as i128, i8::MAX as i128),
    ("i16", i16::MIN as i128, i16::MAX as i128),
    ("i32", i32::MIN as i128, i32::MAX as i128),
    ("i64", i64::MIN as i128, i64::MAX as i128),
    ("u8", 0, u8::MAX as i128),
    ("u16", 0, u16::MAX as i128),
    ("u32", 0, u32::MAX as i128),
    ("u64", 0, u64::MAX as i128),
];

pub fn classify(ty: &syn::Type) -> Ty<'_> {
    match ty {
        syn::Type::Group(g) => classify(&g.elem),
        syn::Type::Paren(p) => classify(&p.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return Ty::Other;
            };
            let name = last.ident.to_string();
            let arg = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
                    syn::GenericArgument::Type(t) => Some(t),
                    _ => None,
                },
                _ => None,
            };
            match (name.as_str(), arg) {
                ("String", None) => Ty::Str,
                ("bool", None) => Ty::Bool,
                ("f64", None) => Ty::F64,
                ("Vec", Some(t)) => Ty::Vec(t),
                ("Option", Some(t)) => Ty::Option(t),
                ("Box", Some(t)) => Ty::Box(t),
                (n, None) => INTS
                    .iter()
                    .find(|(i, _, _)| *i == n)
                    .map_or(Ty::Other, |&(name, min, max)| Ty::Int { name, min, max }),
                _ => Ty::Other,
            }
        }
        _ => Ty::Other,
    }
}

/// The type without `Box`es.
fn unbox(mut ty: &syn::Type) -> &syn::Type {
    while let Ty::Box(inner) = classify(ty) {
        ty = inner;
    }
    ty
}

fn ty_text(ty: &syn::Type) -> String {
    quote::quote!(#ty).to_string().replace(' ', "")
}

fn describe(ty: &syn::Type) -> String {
    let text = ty_text(ty);
    match classify(unbox(ty)) {
        Ty::Str => "a string (`String`)".into(),
        Ty::Bool => "a boolean (`bool`)".into(),
        Ty::F64 => "a number (`f64`)".into(),
        Ty::Int { name, .. } => format!("an integer (`{name}`)"),
        Ty::Vec(_) => format!("an array (`{text}`)"),
        Ty::Option(_) => format!("`{text}`"),
        Ty::Box(_) => unreachable!(),
        Ty::Other => {
            format!("`{text}`, a Contract type (constrain it with its own #[contract] attributes)")
        }
    }
}

/// What a group of keys applies to in a Rust field: the keyword table's [`Applies`], with
/// duration bounds counted as string keys (a duration is a `String` field), and `items`
/// as an array key.
#[derive(Clone, Copy, PartialEq)]
enum Group {
    String,
    Numeric,
    Array,
}

impl Group {
    fn of(applies: Applies) -> Group {
        match applies {
            Applies::String | Applies::Duration => Group::String,
            Applies::Number => Group::Numeric,
            Applies::Array => Group::Array,
        }
    }

    fn applies_to(self) -> &'static str {
        match self {
            Group::String => "strings (`String`)",
            Group::Numeric => "integers and numbers (`i8`..`u64`, `f64`)",
            Group::Array => "arrays (`Vec<T>`)",
        }
    }
}

/// The keys present in `c`, with their group and span.
fn keys(c: &Constraints) -> Vec<(&'static str, Group, Span)> {
    let mut out: Vec<(&'static str, Group, Span)> = KEYWORDS
        .iter()
        .filter_map(|k| {
            c.key_span(k.name)
                .map(|span| (k.name, Group::of(k.applies), span))
        })
        .collect();
    if let Some(items) = &c.items {
        out.push(("items", Group::Array, items.key));
    }
    out
}

fn reject_groups(c: &Constraints, allowed: &[Group], ty: &syn::Type, errors: &mut Errors) {
    for (key, group, span) in keys(c) {
        if allowed.contains(&group) {
            continue;
        }
        let hint = if matches!(classify(unbox(ty)), Ty::Vec(_)) && group != Group::Array {
            format!("; to constrain the elements, write `items({key} = ..)`")
        } else {
            String::new()
        };
        errors.push(
            span,
            format!(
                "`{key}` applies to {}, but this is {}{hint}",
                group.applies_to(),
                describe(ty)
            ),
        );
    }
}

fn check_min_max<T: PartialOrd + std::fmt::Display>(
    min: Option<(T, Span)>,
    max: Option<(T, Span)>,
    what: &str,
    errors: &mut Errors,
) {
    if let (Some((lo, span)), Some((hi, _))) = (min, max)
        && lo > hi
    {
        errors.push(
            span,
            format!("`min_{what}` ({lo}) is greater than `max_{what}` ({hi}): no value could be valid; make the minimum at most the maximum"),
        );
    }
}

fn lookup_format(name: &Sp<String>, errors: &mut Errors) -> Option<Format> {
    let found = Format::ALL
        .iter()
        .find(|(n, _)| *n == name.value)
        .map(|(_, f)| *f);
    if found.is_none() {
        let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
        errors.push(
            name.span,
            format!(
                "unknown format `{}`{}\nknown formats: {}",
                name.value,
                did_you_mean(&name.value, names.iter().copied()),
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    found
}

fn duration(
    value: &Option<Sp<String>>,
    format: Option<Format>,
    errors: &mut Errors,
) -> Option<(u64, Span)> {
    let d = value.as_ref()?;
    if format != Some(Format::DurationDhm) {
        errors.push(
            d.key,
            "duration bounds apply to `d:hh:mm` strings: add `format = \"duration_dhm\"` to this field",
        );
        return None;
    }
    match duration_minutes(&d.value) {
        Some(m) => Some((m, d.span)),
        None => {
            errors.push(
                d.span,
                format!(
                    "`{}` is not a d:hh:mm duration; write days, two-digit hours and two-digit minutes, such as \"0:00:05\" or \"7:00:00\"",
                    d.value
                ),
            );
            None
        }
    }
}

fn num_bound(
    lit: &Option<Sp<LitVal>>,
    which: &str,
    int: Option<(&str, i128, i128)>,
    errors: &mut Errors,
) -> Option<(NumV, Span)> {
    let lit = lit.as_ref()?;
    match (&lit.value, int) {
        (LitVal::Int(i), Some((name, min, max))) => {
            if *i < min || *i > max {
                errors.push(
                    lit.span,
                    format!(
                        "`{which} = {i}` is outside the range of `{name}` ({min}..={max}): the field could not hold every value the contract accepts; use a bound within that range or a wider integer type"
                    ),
                );
                None
            } else if let Ok(v) = i64::try_from(*i) {
                Some((NumV::Int(v), lit.span))
            } else {
                errors.push(lit.span, format!("`{which} = {i}` is beyond the 64-bit range a contract can state; use at most {}", i64::MAX));
                None
            }
        }
        (LitVal::Float(_), Some((name, ..))) => {
            errors.push(
                lit.span,
                format!("`{which}` of an integer field (`{name}`) takes an integer, not a float"),
            );
            None
        }
        (LitVal::Int(i), None) => match i64::try_from(*i) {
            Ok(v) => Some((NumV::Int(v), lit.span)),
            Err(_) => Some((NumV::Float(*i as f64), lit.span)),
        },
        (LitVal::Float(f), None) => Some((NumV::Float(*f), lit.span)),
        _ => None,
    }
}

fn numeric(
    c: &Constraints,
    int: Option<(&str, i128, i128)>,
    errors: &mut Errors,
) -> (Option<NumV>, Option<NumV>) {
    let min = num_bound(&c.minimum, "minimum", int, errors);
    let max = num_bound(&c.maximum, "maximum", int, errors);
    if let (Some((lo, span)), Some((hi, _))) = (min, max)
        && semantics::num_order(num(lo), num(hi)) == Some(Ordering::Greater)
    {
        errors.push(
            span,
            format!(
                "`minimum` ({}) is greater than `maximum` ({}): no value could be valid; make the minimum at most the maximum",
                show(lo),
                show(hi)
            ),
        );
    }
    let mut min = min.map(|m| m.0);
    let mut max = max.map(|m| m.0);
    // The Rust type's range is part of the contract, so `from_tree` can hold every valid
    // value. `i64` is the validator's own range; `u64` above `i64::MAX` cannot be stated.
    if let Some((name, lo, hi)) = int {
        if name != "i64" && min.is_none() {
            min = Some(NumV::Int(lo as i64));
        }
        if name != "i64" && name != "u64" && max.is_none() {
            max = Some(NumV::Int(hi as i64));
        }
    }
    (min, max)
}

fn show(n: NumV) -> String {
    match n {
        NumV::Int(i) => i.to_string(),
        NumV::Float(f) => f.to_string(),
    }
}

/// The shape of a value of type `ty` (no `Option`) with constraints `c`.
fn shape(ty: &syn::Type, c: &Constraints, errors: &mut Errors) -> ShapeC {
    let ty = unbox(ty);
    match classify(ty) {
        Ty::Str => {
            reject_groups(c, &[Group::String], ty, errors);
            let format = c.format.as_ref().and_then(|f| lookup_format(f, errors));
            if let Some(p) = &c.pattern
                && let Err(e) = regex::Regex::new(&p.value)
            {
                errors.push(p.span, format!("the pattern does not compile: {e}"));
            }
            check_min_max(
                c.min_length.as_ref().map(|v| (v.value, v.span)),
                c.max_length.as_ref().map(|v| (v.value, v.span)),
                "length",
                errors,
            );
            // Only judge duration bounds when the format itself was understood.
            let dur_format = if c.format.is_some() && format.is_none() {
                Some(Format::DurationDhm)
            } else {
                format
            };
            let min_d = duration(&c.min_duration, dur_format, errors);
            let max_d = duration(&c.max_duration, dur_format, errors);
            if let (Some((lo, span)), Some((hi, _))) = (min_d, max_d)
                && lo > hi
            {
                errors.push(
                    span,
                    format!(
                        "`min_duration` ({}) is longer than `max_duration` ({}): no value could be valid; make the minimum at most the maximum",
                        c.min_duration.as_ref().map_or("", |d| &d.value),
                        c.max_duration.as_ref().map_or("", |d| &d.value)
                    ),
                );
            }
            ShapeC::String {
                format,
                pattern: c.pattern.as_ref().map(|p| p.value.clone()),
                min_length: c.min_length.as_ref().map(|v| v.value),
                max_length: c.max_length.as_ref().map(|v| v.value),
                min_duration: min_d.map(|d| d.0),
                max_duration: max_d.map(|d| d.0),
            }
        }
        Ty::Int { name, min, max } => {
            reject_groups(c, &[Group::Numeric], ty, errors);
            let (minimum, maximum) = numeric(c, Some((name, min, max)), errors);
            ShapeC::Integer { minimum, maximum }
        }
        Ty::F64 => {
            reject_groups(c, &[Group::Numeric], ty, errors);
            let (minimum, maximum) = numeric(c, None, errors);
            ShapeC::Number { minimum, maximum }
        }
        Ty::Bool => {
            reject_groups(c, &[], ty, errors);
            ShapeC::Boolean
        }
        Ty::Vec(inner) => {
            reject_groups(c, &[Group::Array], ty, errors);
            check_min_max(
                c.min_items.as_ref().map(|v| (v.value, v.span)),
                c.max_items.as_ref().map(|v| (v.value, v.span)),
                "items",
                errors,
            );
            let empty = Constraints::default();
            let item_c = c.items.as_ref().map_or(&empty, |i| &*i.value);
            if matches!(classify(unbox(inner)), Ty::Option(_)) {
                errors.push(inner.span(), "array elements cannot be `Option`: JSON arrays of this contract hold no nulls; use `Vec<T>`");
            }
            ShapeC::Array {
                items: Box::new(shape(inner, item_c, errors)),
                min_items: c.min_items.as_ref().map(|v| v.value),
                max_items: c.max_items.as_ref().map(|v| v.value),
                unique_items: c.unique_items.is_some(),
            }
        }
        Ty::Option(_) => {
            errors.push(
                ty.span(),
                "nested `Option` is not supported: an optional member is one `Option<T>`",
            );
            ShapeC::Other(ty.clone())
        }
        Ty::Box(_) => unreachable!("unboxed above"),
        Ty::Other => {
            reject_groups(c, &[], ty, errors);
            ShapeC::Other(ty.clone())
        }
    }
}

fn check_field(f: &Field, errors: &mut Errors) -> FieldC {
    let (required, inner) = match classify(&f.ty) {
        Ty::Option(t) => (false, t),
        _ => (true, &f.ty),
    };
    let shape = shape(inner, &f.constraints, errors);
    // A contract type may be a string newtype (`Secret`): its shape is only known when the
    // crate compiles, and the walk masks the member whatever its shape.
    if let Some(s) = &f.secret
        && !matches!(shape, ShapeC::String { .. } | ShapeC::Other(_))
    {
        errors.push(
            s.key,
            format!(
                "`secret` applies to string fields (`String`, `Option<String>`, or a string type such as `Secret`), but this is {}",
                describe(inner)
            ),
        );
    }
    let default = check_default(f, required, &shape, errors);
    let inner_is_copy = matches!(classify(inner), Ty::Bool | Ty::F64 | Ty::Int { .. });
    FieldC {
        ident: f.ident.clone(),
        inner: inner.clone(),
        inner_is_copy,
        name: f
            .rename
            .as_ref()
            .map_or_else(|| unraw(&f.ident), |r| r.value.clone()),
        doc: f.doc.clone(),
        required,
        secret: f.secret.is_some(),
        shape,
        default,
    }
}

pub fn unraw(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

struct Fields<'a> {
    type_name: &'a syn::Ident,
    fields: &'a [FieldC],
    index: HashMap<String, usize>,
}

impl Fields<'_> {
    fn resolve(&self, ident: &syn::Ident, errors: &mut Errors) -> Option<usize> {
        let name = unraw(ident);
        let found = self.index.get(&name).copied();
        if found.is_none() {
            errors.push(
                ident.span(),
                format!(
                    "no field `{name}` in `{}`{}\nrules and advice name fields by their Rust name",
                    self.type_name,
                    did_you_mean(
                        &name,
                        self.fields
                            .iter()
                            .map(|f| f.ident.to_string())
                            .collect::<Vec<_>>()
                            .iter()
                            .map(String::as_str)
                    )
                ),
            );
        }
        found
    }

    fn tests(&self, tests: &[TestM], errors: &mut Errors) -> Vec<TestC> {
        let mut out = Vec::new();
        for t in tests {
            let Some(member) = self.resolve(&t.field, errors) else {
                continue;
            };
            let field = &self.fields[member];
            let is_array = matches!(field.shape, ShapeC::Array { .. });
            let pred = match &t.pred {
                PredM::Present(b) => Some(PredC::Present(*b)),
                PredM::NonEmpty(b) => {
                    if !is_array {
                        errors.push(
                            t.span,
                            format!(
                                "`non_empty` tests an array, but `{}` is {}; use `present`",
                                field.ident,
                                describe(&field.inner)
                            ),
                        );
                    }
                    Some(PredC::NonEmpty(*b))
                }
                PredM::Contains(l) => match &field.shape {
                    ShapeC::Array { items, .. } => self.lit(l, items, errors).map(PredC::Contains),
                    _ => {
                        errors.push(
                            t.span,
                            format!(
                                "`contains` tests an array, but `{}` is {}; use `equals`",
                                field.ident,
                                describe(&field.inner)
                            ),
                        );
                        None
                    }
                },
                PredM::Equals(l) => self.scalar(l, field, errors).map(PredC::Equals),
                PredM::In(ls) => Some(PredC::In(
                    ls.iter()
                        .filter_map(|l| self.scalar(l, field, errors))
                        .collect(),
                )),
                PredM::NotIn(ls) => Some(PredC::NotIn(
                    ls.iter()
                        .filter_map(|l| self.scalar(l, field, errors))
                        .collect(),
                )),
            };
            if let Some(pred) = pred {
                out.push(TestC { member, pred });
            }
        }
        out
    }

    fn scalar(&self, l: &Sp<LitVal>, field: &FieldC, errors: &mut Errors) -> Option<LitVal> {
        if matches!(field.shape, ShapeC::Array { .. }) {
            errors.push(
                l.span,
                format!(
                    "`{}` is an array: test its elements with `contains`",
                    field.ident
                ),
            );
            return None;
        }
        self.lit(l, &field.shape, errors)
    }

    /// A literal compared with values of `shape`.
    fn lit(&self, l: &Sp<LitVal>, shape: &ShapeC, errors: &mut Errors) -> Option<LitVal> {
        let ok = matches!(
            (&l.value, shape),
            (LitVal::Str(_), ShapeC::String { .. })
                | (
                    LitVal::Int(_),
                    ShapeC::Integer { .. } | ShapeC::Number { .. }
                )
                | (LitVal::Float(_), ShapeC::Number { .. })
                | (LitVal::Bool(_), ShapeC::Boolean)
                | (_, ShapeC::Other(_))
        );
        if !ok {
            errors.push(
                l.span,
                format!(
                    "this compares {} with {}; it can never be equal",
                    shape_kind(shape),
                    l.value.kind()
                ),
            );
            return None;
        }
        if let LitVal::Int(i) = l.value
            && i64::try_from(i).is_err()
        {
            errors.push(l.span, "this integer is beyond the 64-bit range");
            return None;
        }
        Some(l.value.clone())
    }

    fn group(
        &self,
        rule: &str,
        fields: &[syn::Ident],
        count: &Sp<CountM>,
        span: Span,
        errors: &mut Errors,
    ) -> Vec<usize> {
        if fields.len() < 2 {
            errors.push(
                span,
                format!("`{rule}` needs at least two fields, as in `{rule}(devices, zones)`; with one, make the field required instead"),
            );
        }
        let mut members = Vec::new();
        for ident in fields {
            let Some(i) = self.resolve(ident, errors) else {
                continue;
            };
            let f = &self.fields[i];
            if f.required {
                errors.push(
                    ident.span(),
                    format!("`{}` is required (not an `Option`), so it is always present; `{rule}` needs optional fields", f.ident),
                );
            }
            if count.value == CountM::NonEmpty && !matches!(f.shape, ShapeC::Array { .. }) {
                errors.push(
                    ident.span(),
                    format!("`count = \"non_empty\"` counts non-empty arrays, but `{}` is {}; use `count = \"present\"`", f.ident, describe(&f.inner)),
                );
            }
            if members.contains(&i) {
                errors.push(ident.span(), format!("`{}` is named twice", f.ident));
            }
            members.push(i);
        }
        members
    }

    fn order(&self, i: usize, ident: &syn::Ident, errors: &mut Errors) -> Option<OrderC> {
        let f = &self.fields[i];
        let order = match &f.shape {
            ShapeC::Integer { .. } | ShapeC::Number { .. } => Some(OrderC::Number),
            ShapeC::String {
                format: Some(Format::Ipv4),
                ..
            } => Some(OrderC::Ipv4),
            ShapeC::String {
                format: Some(Format::DateTime),
                ..
            } => Some(OrderC::DateTime),
            ShapeC::Other(ty) => Some(OrderC::OfType(Box::new(ty.clone()))),
            _ => None,
        };
        if order.is_none() {
            errors.push(
                ident.span(),
                format!(
                    "`range_order` cannot order `{}` ({}): it orders integers, numbers, and strings with `format = \"ipv4\"` or `format = \"date-time\"`",
                    f.ident,
                    describe(&f.inner)
                ),
            );
        }
        order
    }
}

fn check_struct(s: &StructM, errors: &mut Errors) -> StructC {
    let fields: Vec<FieldC> = s.fields.iter().map(|f| check_field(f, errors)).collect();
    let mut wire: HashMap<&str, &FieldC> = HashMap::new();
    for (f, m) in fields.iter().zip(&s.fields) {
        if let Some(prev) = wire.get(f.name.as_str()) {
            let span = m.rename.as_ref().map_or(f.ident.span(), |r| r.span);
            errors.push(
                span,
                format!("wire name `{}` is already used by field `{}`; give one of them another `rename`", f.name, prev.ident),
            );
        } else {
            wire.insert(&f.name, f);
        }
    }
    let ctx = Fields {
        type_name: &s.ident,
        fields: &fields,
        index: fields
            .iter()
            .enumerate()
            .map(|(i, f)| (unraw(&f.ident), i))
            .collect(),
    };
    let mut rules = Vec::new();
    for rule in &s.rules {
        match rule {
            RuleM::ExactlyOneOf {
                fields,
                count,
                span,
            } => {
                let members = ctx.group("exactly_one_of", fields, count, *span, errors);
                rules.push(RuleC::ExactlyOneOf {
                    members,
                    count: count.value,
                });
            }
            RuleM::AtLeastOneOf {
                fields,
                count,
                span,
            } => {
                let members = ctx.group("at_least_one_of", fields, count, *span, errors);
                rules.push(RuleC::AtLeastOneOf {
                    members,
                    count: count.value,
                });
            }
            RuleM::Requires {
                when,
                then,
                message,
                ..
            } => {
                let when = ctx.tests(when, errors);
                let then = ctx.tests(then, errors);
                rules.push(RuleC::Requires {
                    when,
                    then,
                    message: message.clone(),
                });
            }
            RuleM::RangeOrder { low, high, span } => {
                let (Some(l), Some(h)) = (ctx.resolve(low, errors), ctx.resolve(high, errors))
                else {
                    continue;
                };
                let (lo, ho) = (ctx.order(l, low, errors), ctx.order(h, high, errors));
                if let (Some(lo), Some(ho)) = (lo, ho) {
                    if std::mem::discriminant(&lo) != std::mem::discriminant(&ho) {
                        errors.push(*span, format!("`range_order` compares `{low}` and `{high}`, but they are ordered differently ({lo:?} and {ho:?}); give both the same type and format"));
                    } else {
                        rules.push(RuleC::RangeOrder {
                            low: l,
                            high: h,
                            order: lo,
                        });
                    }
                }
            }
        }
    }
    let mut advice = Vec::new();
    for a in &s.advice {
        let at = a.at.as_ref().and_then(|i| ctx.resolve(i, errors));
        let when = ctx.tests(&a.when, errors);
        advice.push(AdviceC {
            code: a.code.clone(),
            at,
            when,
            message: a.message.clone(),
            help: a.help.clone(),
        });
    }
    StructC {
        ident: s.ident.clone(),
        name: s.name.clone(),
        doc: s.doc.clone(),
        unknown: s.unknown,
        krate: s.krate.clone(),
        fields,
        rules,
        advice,
    }
}

fn check_enum(e: &EnumM, errors: &mut Errors) -> EnumC {
    if e.variants.is_empty() {
        errors.push(
            e.ident.span(),
            format!(
                "enum `{}` has no variants: a JSON enum needs at least one value",
                e.ident
            ),
        );
    }
    let mut variants = Vec::new();
    let mut seen: Vec<(LitVal, &syn::Ident)> = Vec::new();
    for v in &e.variants {
        let value = match (&v.value, e.base.value) {
            (None, BaseM::String) => LitVal::Str(unraw(&v.ident)),
            (None, BaseM::Integer) => {
                errors.push(v.ident.span(), format!("variant `{}` of an integer enum needs its wire value: `#[contract(value = 1)]`", v.ident));
                continue;
            }
            (Some(l), BaseM::String) => match &l.value {
                LitVal::Str(_) => l.value.clone(),
                other => {
                    errors.push(l.span, format!("this is a string enum, so `value` takes a string, not {}; or mark the enum `#[contract(integer)]`", other.kind()));
                    continue;
                }
            },
            (Some(l), BaseM::Integer) => match &l.value {
                LitVal::Int(i) if i64::try_from(*i).is_ok() => l.value.clone(),
                LitVal::Int(_) => {
                    errors.push(l.span, "this value is beyond the 64-bit range");
                    continue;
                }
                other => {
                    errors.push(l.span, format!("this is an integer enum (`#[contract(integer)]`), so `value` takes an integer, not {}", other.kind()));
                    continue;
                }
            },
        };
        if let Some((_, prev)) = seen.iter().find(|(l, _)| *l == value) {
            let span = v.value.as_ref().map_or(v.ident.span(), |l| l.span);
            errors.push(span, format!("value {} is already used by variant `{prev}`; each variant needs its own value", value.to_json()));
            continue;
        }
        seen.push((value.clone(), &v.ident));
        variants.push(VariantC {
            ident: v.ident.clone(),
            doc: v.doc.clone(),
            value,
            label: v.label.clone(),
        });
    }
    EnumC {
        ident: e.ident.clone(),
        name: e.name.clone(),
        doc: e.doc.clone(),
        base: e.base.value,
        krate: e.krate.clone(),
        variants,
    }
}

/// Checks a parsed input; problems go to `errors`.
pub fn check(input: &Input, errors: &mut Errors) -> Checked {
    match input {
        Input::Struct(s) => Checked::Struct(check_struct(s, errors)),
        Input::Enum(e) => Checked::Enum(check_enum(e, errors)),
    }
}
