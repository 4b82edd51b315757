//! Valid values by construction: one proptest strategy per shape, each drawing only values
//! its constraints allow (see the module documentation of `strategy` for what each draws),
//! so that filtering, which proptest gives up on after too many rejections, is rare.
//! Objects are handed to [`super::repair`] for their rules and, when `checked`, to the walk.

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::Value;

use super::repair::Obj;
use super::rng::{SplitMix, draw};
use super::{enum_desc, object_desc};
use crate::desc::*;
use crate::finding::Rule;
use crate::formats;
use crate::formats::MAX_DURATION;
use crate::semantics::json_eq;
use crate::walk::{self, Options};

/// From this depth on, optional members that no rule reads are left out and arrays hold
/// `min_items` items.
pub(super) const SOFT_DEPTH: u32 = 3;
/// Past this depth the descriptor nests required members without end.
pub(super) const HARD_DEPTH: u32 = 24;
/// Arrays get at most this many items unless `min_items` asks for more.
pub(super) const MAX_ITEMS: u64 = 4;

pub(super) fn gen_value(shape: &'static Shape, depth: u32, checked: bool) -> BoxedStrategy<Value> {
    assert!(
        depth <= HARD_DEPTH,
        "the descriptor nests required members without end; no finite value satisfies it"
    );
    match shape {
        Shape::String(desc) => string_strategy(*desc).prop_map(Value::String).boxed(),
        Shape::Integer(desc) => integer_strategy(desc),
        Shape::Number(desc) => number_strategy(desc),
        Shape::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Shape::Array(desc) => array_strategy(desc, depth, false, checked),
        Shape::Enum(_) => {
            let e = enum_desc(shape).expect("an enum shape");
            enum_strategy(e)
        }
        Shape::Object(_) => {
            let o = object_desc(shape).expect("an object shape");
            object_strategy(shape, o, depth, checked)
        }
    }
}

fn enum_strategy(e: &'static EnumDesc) -> BoxedStrategy<Value> {
    let values: Vec<Lit> = e.values.iter().map(|v| v.value).collect();
    assert!(
        !values.is_empty(),
        "the enum {} has no value; no value satisfies it",
        e.name
    );
    // Integers in digits only, as `integer_strategy` writes them.
    proptest::sample::select(values)
        .prop_map(Value::from)
        .boxed()
}

// ---- strings

/// Which rules the walk would report for the string `s` under `desc` (in the walk's order).
pub(super) fn string_faults(desc: &StringDesc, s: &str) -> Vec<Rule> {
    let mut out = Vec::new();
    let chars = s.chars().count() as u64;
    if desc.min_length.is_some_and(|m| chars < m) {
        out.push(Rule::MinLength);
    }
    if desc.max_length.is_some_and(|m| chars > m) {
        out.push(Rule::MaxLength);
    }
    if let Some(format) = desc.format {
        if !format.matches(s) {
            out.push(Rule::Format);
        } else if format == Format::DurationDhm {
            let minutes = formats::duration_minutes(s).unwrap_or(0);
            if desc.min_duration.is_some_and(|m| minutes < m) {
                out.push(Rule::Minimum);
            }
            if desc.max_duration.is_some_and(|m| minutes > m) {
                out.push(Rule::Maximum);
            }
        }
    }
    if desc.pattern.is_some_and(|p| !p.is_match(s)) {
        out.push(Rule::Pattern);
    }
    out
}

pub(super) fn string_strategy(desc: StringDesc) -> BoxedStrategy<String> {
    let base = match (desc.format, desc.pattern) {
        (Some(format), _) => format_strategy(format, desc.min_duration, desc.max_duration),
        (None, Some(pattern)) => pattern_strategy(pattern).unwrap_or_else(|| plain_strategy(&desc)),
        (None, None) => plain_strategy(&desc),
    };
    base.prop_filter("string constraints", move |s| {
        string_faults(&desc, s).is_empty()
    })
    .boxed()
}

/// Whole matches of a pattern; `None` when `string_regex` cannot generate it.
pub(super) fn pattern_strategy(pattern: &'static Pattern) -> Option<BoxedStrategy<String>> {
    let mut source = pattern.source;
    source = source.strip_prefix('^').unwrap_or(source);
    if source.ends_with('$') && !source.ends_with("\\$") {
        source = &source[..source.len() - 1];
    }
    proptest::string::string_regex(source)
        .ok()
        .map(|s| s.boxed())
}

fn char_strategy() -> BoxedStrategy<char> {
    prop_oneof![
        8 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
        1 => Just(' '),
        1 => proptest::sample::select(vec!['é', 'ß', '日', '😀', '"', '\\', '/', '\t', '\n', '\u{2028}', '\u{0}']),
        1 => any::<char>(),
    ]
    .boxed()
}

pub(super) fn plain_strategy(desc: &StringDesc) -> BoxedStrategy<String> {
    let lo = desc.min_length.unwrap_or(0);
    let hi = desc
        .max_length
        .unwrap_or(u64::MAX)
        .min(lo.saturating_add(12));
    assert!(lo <= hi, "min_length > max_length: no string satisfies it");
    proptest::collection::vec(char_strategy(), lo as usize..=hi as usize)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

fn regex(source: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(source)
        .expect("a built-in generator pattern")
        .boxed()
}

pub(super) fn format_strategy(
    format: Format,
    min_duration: Option<u64>,
    max_duration: Option<u64>,
) -> BoxedStrategy<String> {
    match format {
        Format::Uuid => prop_oneof![
            regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            regex("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"),
            regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
        ]
        .boxed(),
        Format::DateTime => date_time_strategy(true),
        Format::DateTimeOffsetOptional => date_time_strategy(false),
        Format::Ipv4 => any::<[u8; 4]>()
            .prop_map(|[a, b, c, d]| format!("{a}.{b}.{c}.{d}"))
            .boxed(),
        Format::DeviceId => regex("[0-9A-F]{32}"),
        Format::DurationDhm => {
            let lo = min_duration.unwrap_or(0);
            let hi = max_duration
                .unwrap_or_else(|| lo.saturating_add(30 * 24 * 60))
                .min(MAX_DURATION);
            assert!(
                lo <= hi,
                "min_duration > max_duration: no duration satisfies it"
            );
            prop_oneof![
                4 => lo..=hi,
                1 => Just(lo),
                1 => Just(hi),
            ]
            .prop_map(formats::format_duration)
            .boxed()
        }
        Format::ResultUrl => prop_oneof![
            1 => Just(String::new()),
            4 => regex("(ftp|sftp|smb|FTP|Sftp|SMB)://[a-z0-9][a-z0-9.-]{0,15}(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]{0,10}){0,3}"),
        ]
        .boxed(),
        Format::ResultDestination => prop_oneof![
            1 => Just(String::new()),
            4 => regex("(ftp|sftp|smb|https|FTP|Sftp|SMB|HTTPS)://([A-Za-z0-9]{1,8}:[A-Za-z0-9]{1,12}@)?[a-z0-9][a-z0-9.-]{0,15}(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]{0,10}){0,3}"),
        ]
        .boxed(),
        Format::NonNegativeIntegerString => prop_oneof![
            regex("[0-9]{1,12}"),
            any::<u64>().prop_map(|n| n.to_string()),
        ]
        .boxed(),
    }
}

pub(super) fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap => 29,
        _ => 28,
    }
}

/// RFC 3339 date-times; without `offset_required`, a third of them have no offset.
fn date_time_strategy(offset_required: bool) -> BoxedStrategy<String> {
    // `date-time` is what a .NET DateTime holds (`formats::dotnet_refusal`): no year 0000,
    // no leap second, at most 7 fraction digits here (more need a small offset).
    let (first_year, leap_second, digits) = if offset_required {
        (1, 0, "[0-9]{1,7}")
    } else {
        (0, 1, "[0-9]{1,9}")
    };
    let year = prop_oneof![4 => 1970..=2100u32, 1 => first_year..=9999u32];
    let second = prop_oneof![30 => 0..60u32, leap_second => Just(60u32)];
    let fraction = proptest::option::of(regex(digits));
    let with_offset = prop_oneof![
        3 => Just("Z".to_string()),
        1 => Just("z".to_string()),
        3 => (any::<bool>(), 0..24u32, 0..60u32)
            .prop_map(|(plus, h, m)| format!("{}{h:02}:{m:02}", if plus { '+' } else { '-' })),
    ];
    let offset = if offset_required {
        with_offset.boxed()
    } else {
        prop_oneof![2 => with_offset, 1 => Just(String::new())].boxed()
    };
    let t = prop_oneof![9 => Just('T'), 1 => Just('t')];
    (
        year,
        1..=12u32,
        0..31u32,
        (0..24u32, 0..60u32, second),
        fraction,
        offset,
        t,
    )
        .prop_map(move |(year, month, day, (h, m, s), fraction, offset, t)| {
            let day = 1 + day % days_in_month(year, month);
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            let text =
                format!("{year:04}-{month:02}-{day:02}{t}{h:02}:{m:02}:{s:02}{fraction}{offset}");
            // A lower-case `t` with an offset beyond ±14:00 is all that is left to refuse.
            if offset_required && formats::dotnet_refusal(&text).is_some() {
                text.replacen('t', "T", 1)
            } else {
                text
            }
        })
        .boxed()
}

// ---- numbers

/// The integers within an integer's bounds, as `i64`.
pub(super) fn integer_bounds(desc: &NumberDesc) -> (i64, i64) {
    let lo = match desc.minimum {
        None => i64::MIN,
        Some(Num::Int(i)) => i,
        Some(Num::Float(f)) if f.is_nan() || f == f64::NEG_INFINITY => i64::MIN,
        Some(Num::Float(f)) => clamp_i64(f.ceil()),
    };
    let hi = match desc.maximum {
        None => i64::MAX,
        Some(Num::Int(i)) => i,
        Some(Num::Float(f)) if f.is_nan() || f == f64::INFINITY => i64::MAX,
        Some(Num::Float(f)) => clamp_i64(f.floor()),
    };
    (lo, hi)
}

fn clamp_i64(f: f64) -> i64 {
    if f <= i64::MIN as f64 {
        i64::MIN
    } else if f >= i64::MAX as f64 {
        // `i64::MAX as f64` is 2^63, one past i64::MAX.
        i64::MAX
    } else {
        f as i64
    }
}

fn integer_strategy(desc: &NumberDesc) -> BoxedStrategy<Value> {
    let (lo, hi) = integer_bounds(desc);
    assert!(lo <= hi, "no integer within the bounds");
    let small = (lo.max(-100), hi.min(100));
    let values = if small.0 <= small.1 {
        prop_oneof![
            3 => lo..=hi,
            1 => Just(lo),
            1 => Just(hi),
            3 => small.0..=small.1,
        ]
        .boxed()
    } else {
        prop_oneof![3 => lo..=hi, 1 => Just(lo), 1 => Just(hi)].boxed()
    };
    // Always in digits: `5.0` is an integer to JSON Schema but not to every server
    // (Json.NET's Int32 reader refuses it, see `walk::Integers`), so a valid sample never
    // writes one.
    values.prop_map(Value::from).boxed()
}

fn number_strategy(desc: &NumberDesc) -> BoxedStrategy<Value> {
    // The `f64` values within an integer bound exactly (`i64::MAX as f64` is 2^63, past
    // `i64::MAX`; see `exact_bound`).
    let (min, max) = (
        exact_bound(desc.minimum, true),
        exact_bound(desc.maximum, false),
    );
    let lo = min.unwrap_or(-1e12);
    let hi = max.unwrap_or(1e12).max(lo);
    assert!(
        min.zip(max).is_none_or(|(a, b)| a <= b),
        "no number within the bounds"
    );
    let mut options: Vec<(u32, BoxedStrategy<Value>)> = vec![
        (4, (lo..=hi).prop_map(Value::from).boxed()),
        (
            2,
            (0..=64u32)
                .prop_map(move |k| Value::from(lo + (hi - lo) * f64::from(k) / 64.0))
                .boxed(),
        ),
    ];
    if let Some(m) = min {
        options.push((
            1,
            Just(num_value(desc.minimum.unwrap_or(Num::Float(m)))).boxed(),
        ));
    }
    if let Some(m) = max {
        options.push((
            1,
            Just(num_value(desc.maximum.unwrap_or(Num::Float(m)))).boxed(),
        ));
    }
    let (ilo, ihi) = (lo.ceil().max(-9e15), hi.floor().min(9e15));
    if ilo <= ihi {
        options.push((2, (ilo as i64..=ihi as i64).prop_map(Value::from).boxed()));
    }
    // Rounding (`lo + (hi - lo)` may exceed `hi`) is clamped back into the bounds.
    proptest::strategy::Union::new_weighted(options)
        .prop_map(move |v| match v.as_f64() {
            Some(f) if v.is_f64() && (f < lo || f > hi) => Value::from(f.clamp(lo, hi)),
            _ => v,
        })
        .prop_filter("finite", |v| !v.is_null())
        .boxed()
}

/// A bound as the nearest `f64` on its inner side: an integer bound that `f64` cannot hold
/// exactly is rounded inwards, so a generated float is within the bound whether it is
/// compared exactly (JSON Schema engines) or as `f64` (the walk).
pub(super) fn exact_bound(bound: Option<Num>, lower: bool) -> Option<f64> {
    match bound? {
        Num::Float(f) => Some(f).filter(|f| f.is_finite()),
        Num::Int(i) => {
            let f = i as f64;
            let exact = f as i128; // saturates at 2^63 - 1 only for f = 2^63
            let outside = if f >= 9_223_372_036_854_775_808.0 {
                !lower
            } else if lower {
                exact < i128::from(i)
            } else {
                exact > i128::from(i)
            };
            Some(match (outside, lower) {
                (false, _) => f,
                (true, true) => f.next_up(),
                (true, false) => f.next_down(),
            })
        }
    }
}

fn num_value(n: Num) -> Value {
    match n {
        Num::Int(i) => Value::from(i),
        Num::Float(f) => Value::from(f),
    }
}

// ---- arrays

pub(super) fn array_strategy(
    desc: &'static ArrayDesc,
    depth: u32,
    non_empty: bool,
    checked: bool,
) -> BoxedStrategy<Value> {
    let max = desc.max_items.unwrap_or(u64::MAX);
    let mut lo = desc.min_items.unwrap_or(0);
    if non_empty && max >= 1 {
        lo = lo.max(1);
    }
    let mut hi = max.min(lo.max(MAX_ITEMS));
    if depth >= SOFT_DEPTH {
        hi = lo;
    }
    assert!(lo <= hi, "min_items > max_items: no array satisfies it");
    if hi == 0 {
        return Just(Value::Array(Vec::new())).boxed();
    }
    let items = desc.items;
    if desc.unique_items
        && let Some(domain) = finite_domain(items)
    {
        let hi = hi.min(domain.len() as u64);
        assert!(
            lo <= hi,
            "unique_items with more items than the item type has values"
        );
        return proptest::sample::subsequence(domain, lo as usize..=hi as usize)
            .prop_shuffle()
            .prop_map(Value::Array)
            .boxed();
    }
    let item = gen_value(items, depth + 1, checked);
    if desc.unique_items {
        // Extra items make up for the duplicates removed.
        proptest::collection::vec(item, lo as usize..=(hi as usize + 2))
            .prop_map(move |values| {
                let mut out: Vec<Value> = Vec::new();
                for v in values {
                    if !out.iter().any(|w| json_eq(w, &v)) {
                        out.push(v);
                    }
                }
                out.truncate(hi as usize);
                out
            })
            .prop_filter("unique items", move |v| v.len() as u64 >= lo)
            .prop_map(Value::Array)
            .boxed()
    } else {
        proptest::collection::vec(item, lo as usize..=hi as usize)
            .prop_map(Value::Array)
            .boxed()
    }
}

/// Every value of a shape with few values (enums, booleans), distinct by JSON equality.
pub(super) fn finite_domain(shape: &Shape) -> Option<Vec<Value>> {
    match shape {
        Shape::Boolean => Some(vec![Value::Bool(false), Value::Bool(true)]),
        Shape::Enum(_) => {
            let e = enum_desc(shape)?;
            let mut out: Vec<Value> = Vec::new();
            for v in e.values {
                let v = Value::from(v.value);
                if !out.iter().any(|w| json_eq(w, &v)) {
                    out.push(v);
                }
            }
            Some(out)
        }
        _ => None,
    }
}

// ---- objects

fn object_strategy(
    shape: &'static Shape,
    desc: &'static ObjectDesc,
    depth: u32,
    checked: bool,
) -> BoxedStrategy<Value> {
    let (read, non_empty) = rule_reads(desc);
    let parts: Vec<BoxedStrategy<(bool, Value)>> = desc
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if !m.required && depth >= SOFT_DEPTH && !read[i] {
                return Just((false, Value::Null)).boxed();
            }
            let value = match &m.shape {
                Shape::Array(a) if non_empty[i] => array_strategy(a, depth + 1, true, checked),
                other => gen_value(other, depth + 1, checked),
            };
            let presence = if m.required {
                Just(true).boxed()
            } else {
                any::<bool>().boxed()
            };
            (presence, value).boxed()
        })
        .collect();
    let built = (parts, any::<u64>()).prop_map(move |(parts, seed)| {
        let (present, values): (Vec<bool>, Vec<Value>) = parts.into_iter().unzip();
        let mut obj = Obj {
            desc,
            present,
            alts: values.iter().map(|v| vec![v.clone()]).collect(),
            values,
        };
        obj.repair(&mut SplitMix(seed));
        obj.into_value()
    });
    if checked {
        built
            .prop_filter("the walk found an error the repair left", move |v| {
                has_no_error(v, shape)
            })
            .boxed()
    } else {
        built.boxed()
    }
}

/// Which members the object's rules read, and which of those they need non-empty (a
/// `non_empty` count or test): such members are generated even deep down, and non-empty,
/// so that a repair can make them count.
pub(super) fn rule_reads(desc: &ObjectDesc) -> (Vec<bool>, Vec<bool>) {
    let mut read = vec![false; desc.members.len()];
    let mut non_empty = vec![false; desc.members.len()];
    let mut mark = |i: usize, ne: bool| {
        if i < read.len() {
            read[i] = true;
            non_empty[i] |= ne;
        }
    };
    for rule in desc.rules {
        match rule {
            RuleDesc::ExactlyOneOf { members, count }
            | RuleDesc::AtLeastOneOf { members, count } => {
                for &i in *members {
                    mark(i, *count == Count::NonEmpty);
                }
            }
            RuleDesc::Requires { when, then, .. } => {
                for t in when.iter().chain(then.iter()) {
                    mark(t.member, matches!(t.predicate, Predicate::NonEmpty(_)));
                }
            }
            RuleDesc::RangeOrder { low, high, .. } => {
                mark(*low, false);
                mark(*high, false);
            }
        }
    }
    (read, non_empty)
}

pub(super) fn has_no_error(value: &Value, shape: &Shape) -> bool {
    let text = serde_json::to_vec(value).unwrap_or_default();
    !walk::validate(&text, shape, &Options::default()).has_errors()
}

pub(super) fn draw_valid(shape: &'static Shape, runner: &mut TestRunner) -> Option<Value> {
    draw(&gen_value(shape, SOFT_DEPTH, true), runner)
}
