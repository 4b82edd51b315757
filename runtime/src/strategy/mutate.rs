//! One violation at a time: every mutation that applies to a valid value is listed, kinds
//! are shuffled before places (so rare kinds, such as rules, come up as often as type
//! changes), and the first one the walk confirms (exactly one error, the expected rule and
//! pointer) is returned. See the table in the module documentation of `strategy`.

use std::collections::BTreeMap;

use proptest::test_runner::TestRunner;
use serde_json::{Map, Value};

use super::generate::{SOFT_DEPTH, array_strategy, draw_valid, integer_bounds};
use super::near_miss::break_string;
use super::repair::{Obj, valid_for};
use super::rng::{SplitMix, draw, runner_for};
use super::sites::{Site, at_mut, at_path, collect_sites, pointer_of};
use super::{Broken, enum_desc, object_desc};
use crate::desc::*;
use crate::finding::{Rule, Severity};
use crate::formats::MAX_DURATION;
use crate::pointer::escape_token;
use crate::semantics::{compare, json_eq, lit_eq};
use crate::walk::{self, Options};

/// A kind of mutation, with the member or rule it is about.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mutation {
    Required(usize),
    Unknown,
    Duplicate(usize),
    Type,
    Pattern,
    Format,
    MinLength,
    MaxLength,
    DurationMin,
    DurationMax,
    Minimum,
    Maximum,
    MinItems,
    MaxItems,
    Unique,
    Enum,
    ExactlyNone(usize),
    ExactlyMany(usize),
    AtLeastNone(usize),
    Requires(usize),
    RangeOrder(usize),
}

impl Mutation {
    /// The rule of the one error the walk reports for this mutation.
    pub(super) fn rule(self) -> Rule {
        match self {
            Mutation::Required(_) => Rule::Required,
            Mutation::Unknown => Rule::UnknownField,
            Mutation::Duplicate(_) => Rule::DuplicateKey,
            Mutation::Type => Rule::Type,
            Mutation::Pattern => Rule::Pattern,
            Mutation::Format => Rule::Format,
            Mutation::MinLength => Rule::MinLength,
            Mutation::MaxLength => Rule::MaxLength,
            Mutation::DurationMin | Mutation::Minimum => Rule::Minimum,
            Mutation::DurationMax | Mutation::Maximum => Rule::Maximum,
            Mutation::MinItems => Rule::MinItems,
            Mutation::MaxItems => Rule::MaxItems,
            Mutation::Unique => Rule::UniqueItems,
            Mutation::Enum => Rule::Enum,
            Mutation::ExactlyNone(_) | Mutation::ExactlyMany(_) => Rule::ExactlyOneOf,
            Mutation::AtLeastNone(_) => Rule::AtLeastOneOf,
            Mutation::Requires(_) => Rule::Requires,
            Mutation::RangeOrder(_) => Rule::RangeOrder,
        }
    }

    /// The kind, for choosing kinds evenly (finer than the rule: a duration bound and a
    /// number bound are different kinds, so are the two ways to break `exactly_one_of`).
    /// Kinds are chosen in the order of these names shuffled by the seed: renaming one
    /// changes what a seed prints.
    fn kind(self) -> &'static str {
        match self {
            Mutation::Required(_) => "required",
            Mutation::Unknown => "unknown_field",
            Mutation::Duplicate(_) => "duplicate_key",
            Mutation::Type => "type",
            Mutation::Pattern => "pattern",
            Mutation::Format => "format",
            Mutation::MinLength => "min_length",
            Mutation::MaxLength => "max_length",
            Mutation::DurationMin => "duration minimum",
            Mutation::DurationMax => "duration maximum",
            Mutation::Minimum => "minimum",
            Mutation::Maximum => "maximum",
            Mutation::MinItems => "min_items",
            Mutation::MaxItems => "max_items",
            Mutation::Unique => "unique_items",
            Mutation::Enum => "enum",
            Mutation::ExactlyNone(_) => "exactly_one_of none",
            Mutation::ExactlyMany(_) => "exactly_one_of two",
            Mutation::AtLeastNone(_) => "at_least_one_of",
            Mutation::Requires(_) => "requires",
            Mutation::RangeOrder(_) => "range_order",
        }
    }
}

/// The mutations that apply at a site.
fn mutations_at(site: &Site, value: &Value, out: &mut Vec<Mutation>) {
    out.push(Mutation::Type);
    match site.shape {
        Shape::String(d) => {
            if d.pattern.is_some() {
                out.push(Mutation::Pattern);
            }
            if d.format.is_some() {
                out.push(Mutation::Format);
            }
            if d.min_length.is_some_and(|m| m > 0) {
                out.push(Mutation::MinLength);
            }
            if d.max_length.is_some() {
                out.push(Mutation::MaxLength);
            }
            if d.format == Some(Format::DurationDhm) {
                if d.min_duration.is_some_and(|m| m > 0) {
                    out.push(Mutation::DurationMin);
                }
                if d.max_duration.is_some_and(|m| m < MAX_DURATION) {
                    out.push(Mutation::DurationMax);
                }
            }
        }
        Shape::Integer(d) | Shape::Number(d) => {
            if d.minimum.is_some() {
                out.push(Mutation::Minimum);
            }
            if d.maximum.is_some() {
                out.push(Mutation::Maximum);
            }
        }
        Shape::Array(d) => {
            if d.min_items.is_some_and(|m| m > 0) {
                out.push(Mutation::MinItems);
            }
            if d.max_items.is_some() {
                out.push(Mutation::MaxItems);
            }
            if d.unique_items {
                out.push(Mutation::Unique);
            }
        }
        Shape::Enum(_) => out.push(Mutation::Enum),
        Shape::Boolean => {}
        Shape::Object(_) => {
            let Some(desc) = object_desc(site.shape) else {
                return;
            };
            let map = value.as_object();
            for (i, m) in desc.members.iter().enumerate() {
                let present = map.is_some_and(|map| map.contains_key(m.name));
                if present && m.required {
                    out.push(Mutation::Required(i));
                }
                if present {
                    out.push(Mutation::Duplicate(i));
                }
            }
            if desc.unknown == Unknown::Reject {
                out.push(Mutation::Unknown);
            }
            for (r, rule) in desc.rules.iter().enumerate() {
                match rule {
                    RuleDesc::ExactlyOneOf { .. } => {
                        out.push(Mutation::ExactlyNone(r));
                        out.push(Mutation::ExactlyMany(r));
                    }
                    RuleDesc::AtLeastOneOf { .. } => out.push(Mutation::AtLeastNone(r)),
                    RuleDesc::Requires { .. } => out.push(Mutation::Requires(r)),
                    RuleDesc::RangeOrder { .. } => out.push(Mutation::RangeOrder(r)),
                }
            }
        }
    }
}

/// A mutated value as JSON text (a duplicate member cannot be a [`Value`]), with the rule
/// and pointer of the one error it should give.
struct Case {
    text: String,
    rule: Rule,
    pointer: String,
}

/// Whether the walk reports exactly one error for the case, and it is the expected one.
fn confirms(shape: &Shape, case: &Case) -> bool {
    let report = walk::validate(case.text.as_bytes(), shape, &Options::default());
    let mut errors = report
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == Severity::Error);
    match (errors.next(), errors.next()) {
        (Some(f), None) => f.rule == case.rule && f.pointer == case.pointer,
        _ => false,
    }
}

/// The first confirmed mutation of `value`, kinds in random order, then places.
pub(super) fn break_one(shape: &'static Shape, value: &Value, seed: u64) -> (String, Broken) {
    let mut rng = SplitMix(seed);
    let mut runner = runner_for(seed ^ 0x5EED);
    let mut sites = Vec::new();
    collect_sites(shape, value, &mut Vec::new(), &mut sites);
    let mut by_kind: BTreeMap<&'static str, Vec<(Mutation, usize)>> = BTreeMap::new();
    for (s, site) in sites.iter().enumerate() {
        let here = at_path(value, &site.path);
        let mut found = Vec::new();
        mutations_at(site, here, &mut found);
        for m in found {
            by_kind.entry(m.kind()).or_default().push((m, s));
        }
    }
    let mut kinds: Vec<Vec<(Mutation, usize)>> = by_kind.into_values().collect();
    rng.shuffle(&mut kinds);
    for mut group in kinds {
        rng.shuffle(&mut group);
        for (mutation, s) in group.into_iter().take(6) {
            if let Some(case) = apply(mutation, &sites[s], value, &mut runner, &mut rng)
                && confirms(shape, &case)
            {
                return (case.text, Broken::new(&case.rule, case.pointer));
            }
        }
    }
    // Never reached in practice: a root of the wrong type is one `type` error.
    let text = match shape {
        Shape::Array(_) => "{}".to_string(),
        _ => "[]".to_string(),
    };
    (text, Broken::new(&Rule::Type, String::new()))
}

/// Applies one mutation at one site; `None` when it does not apply to this value.
fn apply(
    mutation: Mutation,
    site: &Site,
    value: &Value,
    runner: &mut TestRunner,
    rng: &mut SplitMix,
) -> Option<Case> {
    let mut root = value.clone();
    let here = at_mut(&mut root, &site.path)?;
    // The error is at the site, or at this member of it.
    let mut at_member: Option<String> = None;
    match mutation {
        Mutation::Type => {
            // Nothing a server binding as Json.NET does reads as the wanted type: no `null`
            // for a string (`walk::Binding::null_is_absent`), no `"1"` for an integer, no
            // `0` or `"true"` for a boolean, no integer or boolean for a string
            // (`dotnet::convert`).
            let wrong: &[Value] = match site.shape {
                Shape::String(_) => &[Value::Array(Vec::new()), Value::Object(Map::new())],
                Shape::Integer(_) => &[Value::from("x"), Value::from(1.5), Value::Null],
                Shape::Number(_) => &[Value::from("1.5"), Value::Bool(false)],
                Shape::Boolean => &[Value::from("yes"), Value::Array(Vec::new()), Value::Null],
                Shape::Array(_) => &[Value::Object(Map::new()), Value::from("[]")],
                Shape::Object(_) => &[Value::Array(Vec::new()), Value::from(1)],
                Shape::Enum(_) => match enum_desc(site.shape).map(|e| e.base) {
                    Some(EnumBase::Integer) => &[Value::from("x"), Value::Bool(true)],
                    _ => &[Value::from(1), Value::Bool(false)],
                },
            };
            *here = wrong[rng.below(wrong.len())].clone();
        }
        Mutation::Pattern
        | Mutation::Format
        | Mutation::MinLength
        | Mutation::MaxLength
        | Mutation::DurationMin
        | Mutation::DurationMax => {
            let Shape::String(desc) = site.shape else {
                return None;
            };
            let current = here.as_str()?.to_string();
            *here = Value::String(break_string(desc, mutation, &current, runner, rng)?);
        }
        Mutation::Minimum | Mutation::Maximum => {
            let below = matches!(mutation, Mutation::Minimum);
            *here = match site.shape {
                Shape::Integer(d) => {
                    let (lo, hi) = integer_bounds(d);
                    match (below, lo.checked_sub(1), hi.checked_add(1)) {
                        (true, Some(v), _) => Value::from(v),
                        (true, None, _) => Value::from(-1e19),
                        (false, _, Some(v)) => Value::from(v),
                        (false, _, None) => Value::from(i64::MAX as u64 + 1),
                    }
                }
                Shape::Number(d) => {
                    let b = if below { d.minimum? } else { d.maximum? }.as_f64();
                    if !b.is_finite() {
                        return None;
                    }
                    let step = if below { b - 1.0 } else { b + 1.0 };
                    let past = if step != b && rng.coin() {
                        step
                    } else if below {
                        b.next_down()
                    } else {
                        b.next_up()
                    };
                    if !past.is_finite() {
                        return None;
                    }
                    Value::from(past)
                }
                _ => return None,
            };
        }
        Mutation::MinItems | Mutation::MaxItems | Mutation::Unique => {
            let Shape::Array(desc) = site.shape else {
                return None;
            };
            let items = here.as_array_mut()?;
            match mutation {
                Mutation::MinItems => {
                    let min = desc.min_items? as usize;
                    items.truncate(min.checked_sub(1)?);
                }
                Mutation::MaxItems => {
                    let max = desc.max_items? as usize;
                    if max > 64 {
                        return None;
                    }
                    let mut tries = 0;
                    while items.len() <= max && tries < 4 * max + 8 {
                        tries += 1;
                        let next = match (desc.unique_items, items.first()) {
                            (false, Some(first)) => first.clone(),
                            _ => draw_valid(desc.items, runner)?,
                        };
                        if !desc.unique_items || !items.iter().any(|w| json_eq(w, &next)) {
                            items.push(next);
                        }
                    }
                    if items.len() <= max {
                        return None;
                    }
                }
                _ => {
                    if items.is_empty() {
                        return None;
                    }
                    let copy = items[rng.below(items.len())].clone();
                    if desc.max_items.is_none_or(|m| (items.len() as u64) < m) {
                        let at = rng.below(items.len() + 1);
                        items.insert(at, copy);
                    } else if items.len() >= 2 {
                        let i = rng.below(items.len() - 1);
                        items[i + 1] = items[i].clone();
                    } else {
                        return None;
                    }
                }
            }
        }
        Mutation::Enum => {
            let e = enum_desc(site.shape)?;
            let taken = |v: &Value| e.values.iter().any(|x| lit_eq(v, x.value));
            let candidates: Vec<Value> = match e.base {
                EnumBase::String => vec![
                    Value::from("NOT_A_VALUE"),
                    Value::from(""),
                    Value::from("unknown"),
                ],
                EnumBase::Integer => {
                    let ints = e.values.iter().filter_map(|v| match v.value {
                        Lit::Int(i) => Some(i),
                        _ => None,
                    });
                    let max = ints.clone().max().unwrap_or(0);
                    let min = ints.min().unwrap_or(0);
                    let mut c = vec![Value::from(1.5)];
                    c.extend(max.checked_add(1).map(Value::from));
                    c.extend(min.checked_sub(1).map(Value::from));
                    c
                }
            };
            let fresh: Vec<Value> = candidates.into_iter().filter(|v| !taken(v)).collect();
            if fresh.is_empty() {
                return None;
            }
            *here = fresh[rng.below(fresh.len())].clone();
        }
        Mutation::Unknown => {
            let desc = object_desc(site.shape)?;
            let map = here.as_object_mut()?;
            let mut name = "unknownMember".to_string();
            let mut n = 1;
            while desc.members.iter().any(|m| m.name == name) || map.contains_key(&name) {
                n += 1;
                name = format!("unknownMember{n}");
            }
            map.insert(name.clone(), Value::from(1));
            at_member = Some(name);
        }
        Mutation::Required(i) => {
            let desc = object_desc(site.shape)?;
            let name = desc.members.get(i)?.name;
            here.as_object_mut()?.remove(name)?;
            at_member = Some(name.to_string());
        }
        Mutation::Duplicate(i) => {
            const PLACEHOLDER: &str = "\u{1}vendorspec duplicate member\u{1}";
            let desc = object_desc(site.shape)?;
            let name = desc.members.get(i)?.name;
            let map = here.as_object_mut()?;
            let copy = map.get(name)?.clone();
            map.insert(PLACEHOLDER.to_string(), copy);
            let text = serde_json::to_string(&root).ok()?;
            let placeholder = serde_json::to_string(PLACEHOLDER).ok()?;
            if text.matches(&placeholder).count() != 1 {
                return None;
            }
            let text = text.replace(&placeholder, &serde_json::to_string(name).ok()?);
            return Some(Case {
                text,
                rule: mutation.rule(),
                pointer: format!("{}/{}", pointer_of(&site.path), escape_token(name)),
            });
        }
        Mutation::ExactlyNone(r)
        | Mutation::ExactlyMany(r)
        | Mutation::AtLeastNone(r)
        | Mutation::Requires(r)
        | Mutation::RangeOrder(r) => {
            let desc = object_desc(site.shape)?;
            let rule = desc.rules.get(r)?;
            let mut obj = obj_for_mutation(desc, here, runner)?;
            at_member = break_rule(&mut obj, rule, mutation, rng)?.map(str::to_string);
            *here = obj.into_value();
        }
    }
    let pointer = match at_member {
        Some(name) => format!("{}/{}", pointer_of(&site.path), escape_token(&name)),
        None => pointer_of(&site.path),
    };
    let text = serde_json::to_string(&root).ok()?;
    Some(Case {
        text,
        rule: mutation.rule(),
        pointer,
    })
}

/// An object value as an [`Obj`], with two fresh valid values of each member (one of them
/// non-empty for arrays, when it can be) as alternatives.
fn obj_for_mutation(
    desc: &'static ObjectDesc,
    value: &Value,
    runner: &mut TestRunner,
) -> Option<Obj> {
    let map = value.as_object()?;
    let mut obj = Obj {
        desc,
        present: Vec::new(),
        values: Vec::new(),
        alts: Vec::new(),
    };
    for m in desc.members {
        let current = map.get(m.name);
        obj.present.push(current.is_some());
        let mut alts = Vec::new();
        let fresh = match &m.shape {
            Shape::Array(a) => draw(&array_strategy(a, SOFT_DEPTH, true, true), runner),
            shape => draw_valid(shape, runner),
        };
        alts.extend(fresh);
        let shape: &'static Shape = &m.shape;
        alts.extend(draw_valid(shape, runner));
        obj.values.push(
            current
                .cloned()
                .or_else(|| alts.first().cloned())
                .unwrap_or(Value::Null),
        );
        obj.alts.push(alts);
    }
    Some(obj)
}

/// Breaks one rule of an object (the one `mutation` names); for a `requires` about one
/// member, that member's name (the pointer's last token). `None` when it cannot.
fn break_rule(
    obj: &mut Obj,
    rule: &RuleDesc,
    mutation: Mutation,
    rng: &mut SplitMix,
) -> Option<Option<&'static str>> {
    match (rule, mutation) {
        (RuleDesc::ExactlyOneOf { members, count }, Mutation::ExactlyNone(_))
        | (RuleDesc::AtLeastOneOf { members, count }, Mutation::AtLeastNone(_)) => {
            for &i in *members {
                if !obj.make(&Obj::count_test(i, *count, false), true, rng) {
                    return None;
                }
            }
            Some(None)
        }
        (RuleDesc::ExactlyOneOf { members, count }, Mutation::ExactlyMany(_)) => {
            let mut others: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| !obj.counts(i, *count))
                .collect();
            rng.shuffle(&mut others);
            let added = others
                .into_iter()
                .any(|i| obj.make(&Obj::count_test(i, *count, true), true, rng));
            let counting = members.iter().filter(|&&i| obj.counts(i, *count)).count();
            (added && counting >= 2).then_some(None)
        }
        (RuleDesc::Requires { when, then, .. }, Mutation::Requires(_)) => {
            if then.is_empty() {
                return None;
            }
            for t in when.iter() {
                if !obj.make(t, true, rng) {
                    return None;
                }
            }
            let mut order: Vec<usize> = (0..then.len()).collect();
            rng.shuffle(&mut order);
            if !order.into_iter().any(|k| obj.make(&then[k], false, rng)) {
                return None;
            }
            if !obj.all(when) || obj.all(then) {
                return None;
            }
            let first = when.first().map(|t| t.member);
            let single = first.filter(|m| when.iter().chain(then.iter()).all(|t| t.member == *m));
            let name = match single {
                Some(i) => Some(obj.desc.members.get(i)?.name),
                None => None,
            };
            Some(name)
        }
        (RuleDesc::RangeOrder { low, high, order }, Mutation::RangeOrder(_)) => {
            let (low, high) = (*low, *high);
            let mut pool: Vec<Value> = Vec::new();
            for i in [low, high] {
                if obj.present[i] {
                    pool.push(obj.values[i].clone());
                }
                pool.extend(obj.alts[i].iter().cloned());
            }
            let low_shape = &obj.desc.members.get(low)?.shape;
            let high_shape = &obj.desc.members.get(high)?.shape;
            let mut pairs = Vec::new();
            for a in &pool {
                for b in &pool {
                    if compare(*order, a, b) == Some(std::cmp::Ordering::Greater)
                        && valid_for(low_shape, a)
                        && valid_for(high_shape, b)
                    {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
            if pairs.is_empty() {
                return None;
            }
            let (a, b) = pairs.swap_remove(rng.below(pairs.len()));
            obj.set_state(low, Some(a));
            obj.set_state(high, Some(b));
            Some(None)
        }
        _ => None,
    }
}
