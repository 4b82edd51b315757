//! proptest strategies from descriptors: valid payloads, and payloads with exactly one
//! violation.
//!
//! The third execution of the one semantics (see [`crate::desc`]): the same [`Shape`] that
//! the walk ([`crate::walk`]) checks and the schema ([`crate::schema`]) states is read here
//! to *generate* values. Property tests then check that the three agree.
//!
//! - [`valid`]: JSON values the walk accepts with no error (warnings, such as advice or an
//!   unknown member of an [`Unknown::Warn`] object, never occur: unknown members are never
//!   generated).
//! - [`invalid`]: a valid value with exactly one violation, as JSON text, with the rule and
//!   pointer of the one error the walk reports ([`Broken`]).
//! - [`sample`] / [`sample_invalid`]: the same, deterministic for a seed (`vendorspec sample`).
//! - [`typed`]: typed values built from valid payloads, for property tests on models.
//!
//! ```
//! use vendorspec_runtime::desc::*;
//! use vendorspec_runtime::strategy::{sample, sample_invalid};
//! use vendorspec_runtime::walk::{validate, Options};
//!
//! static RANGE: ObjectDesc = ObjectDesc {
//!     name: "Range",
//!     description: "",
//!     members: &[
//!         MemberDesc { required: true, ..MemberDesc::new("StartIp", "", Shape::String(StringDesc { format: Some(Format::Ipv4), ..StringDesc::NONE })) },
//!         MemberDesc { required: true, ..MemberDesc::new("EndIp", "", Shape::String(StringDesc { format: Some(Format::Ipv4), ..StringDesc::NONE })) },
//!     ],
//!     unknown: Unknown::Reject,
//!     rules: &[RuleDesc::RangeOrder { low: 0, high: 1, order: Order::Ipv4 }],
//!     advice: &[],
//! };
//! static SHAPE: Shape = Shape::Object(|| &RANGE);
//! for value in sample(&SHAPE, 7, 20) {
//!     let report = validate(value.to_string().as_bytes(), &SHAPE, &Options::default());
//!     assert!(!report.has_errors());
//! }
//! for (text, broken) in sample_invalid(&SHAPE, 7, 20) {
//!     let errors: Vec<_> = validate(text.as_bytes(), &SHAPE, &Options::default())
//!         .into_sorted().into_iter().filter(|f| f.severity == vendorspec_runtime::Severity::Error).collect();
//!     assert_eq!(errors.len(), 1);
//!     assert_eq!((errors[0].rule.as_str(), errors[0].pointer.as_str()), (broken.rule, broken.pointer.as_str()));
//! }
//! ```
//!
//! # Valid values
//!
//! Built by construction, not by filtering, wherever that is cheap:
//!
//! - strings: each [`Format`] has its own generator (random UUIDs in either case, RFC 3339
//!   date-times on real calendar days with `T`/`t`, `Z`/`z` or `±hh:mm` offsets, fractions
//!   of 1 to 9 digits and the occasional leap second `:60`, dotted quads, 32 upper-case hex
//!   digits, `d:hh:mm` durations within `min_duration..=max_duration` (bounds included
//!   often), `ftp`/`sftp`/`smb` URLs with mixed-case schemes or `""`, digit strings);
//!   without a format, a `pattern` is generated with [`proptest::string::string_regex`]
//!   (a leading `^` and a trailing `$` stripped, since it generates whole matches);
//!   otherwise characters (ASCII, multi-byte, astral, escapes) counted in chars. The other
//!   constraints (length, a pattern beside a format) are then enforced by a filter; a
//!   pattern that `string_regex` cannot generate (look-around, `\b`, anchors inside) falls
//!   back to filtering plain strings, which only works for permissive patterns.
//! - integers: uniform in the bounds, the bounds themselves, and small values; bounds at
//!   the `i64` limits included; one in eight written as an integral float (`5.0`), which
//!   both the walk and JSON Schema read as an integer. Numbers: uniform, bounds, integers;
//!   an integer bound that `f64` cannot hold (`i64::MAX`) is rounded inwards, because the
//!   walk compares numbers as `f64` and JSON Schema engines compare exactly, so `2^63`
//!   would pass `maximum: i64::MAX` in one and not the other.
//! - arrays: `min_items` up to `max(min_items, 4)` (and `max_items`) items; unique items
//!   are subsets of the domain for enums and booleans, else deduplicated by JSON equality
//!   (numbers by value) and filtered to the minimum.
//! - objects: required members always, optional ones half of the time, never an unknown
//!   member; then the object's rules are *repaired*: `exactly_one_of` picks the member
//!   that counts and makes the others absent (or `[]` for [`Count::NonEmpty`]);
//!   `at_least_one_of` makes a random member count when none does; `requires` either
//!   makes its `then` tests hold or one of its `when` tests fail (defaults of absent
//!   members included, as in the walk); `range_order` swaps the two members. Repairs run
//!   until nothing changes (at most four passes). Members that a `non_empty` count or test
//!   reads are generated non-empty, so that a repair can make them count.
//! - recursion: optional members not read by a rule are left out from depth 3 on, and
//!   arrays shrink to `min_items`; a descriptor that nests required members without end
//!   panics with a message.
//!
//! Every generated object is finally checked with the walk itself and rejected if it has
//! an error (a safety net for descriptors the repair cannot satisfy, such as contradictory
//! rules). The test suite runs the generator without that net as well, to show the
//! construction alone is right on its descriptors.
//!
//! # Mutations
//!
//! [`invalid`] takes a valid value and a seed, lists every place where each kind of
//! mutation applies, shuffles the *kinds* first (so rare ones, like rules, are chosen as
//! often as type changes) and then the places, and returns the first mutation that the walk
//! confirms: exactly one error, with the expected rule and pointer (warnings allowed). A
//! mutation with a side effect (removing a member that an `at_least_one_of` counts, a
//! wrong type on a member a `requires` test reads) is thus skipped in favour of another
//! place or kind. Changing the root's type always works, so a case is always produced.
//!
//! | mutation | where | rule, pointer |
//! |---|---|---|
//! | remove a required member | a present required member | `required`, where it was |
//! | add `unknownMember` (or a variant not taken) | an [`Unknown::Reject`] object | `unknown_field`, the new member |
//! | repeat a member with the same value (JSON text) | a present member | `duplicate_key`, the member |
//! | a value of another JSON type (`null`, `0`, `"1"`, `[]`, `{}`, `true`, `1.5` for integers) | any value | `type`, the value |
//! | a string not matching the pattern, otherwise valid | a string with a pattern | `pattern` |
//! | a string not in the format, otherwise valid (near misses: Feb 29 of a common year, `256`, lower case, `00:00:05`, `http://`) | a string with a format | `format` |
//! | fewer / more characters than allowed, otherwise valid | a string with a length bound | `min_length` / `max_length` |
//! | `min_duration - 1 minute` / `max_duration + 1..60 minutes` | a bounded `duration_dhm` | `minimum` / `maximum` |
//! | just past the bound (`i64::MIN - 1` as `-1e19`, `i64::MAX + 1` as `9223372036854775808`, `next_down` for numbers) | a bounded number | `minimum` / `maximum` |
//! | drop items / add items (distinct when unique) | an array with an item bound | `min_items` / `max_items` |
//! | repeat an item | a `unique_items` array | `unique_items`, the array |
//! | a string not listed / an integer not listed, or `1.5` (the walk says `enum` for a non-integral number in an integer enum) | an enum | `enum` |
//! | make no member count / a second member count | `exactly_one_of` | `exactly_one_of`, the object |
//! | make no member count | `at_least_one_of` | `at_least_one_of`, the object |
//! | make every `when` test hold and one `then` test fail | `requires` | `requires`, the member when every test is about one member, else the object |
//! | both members present, `low` > `high` | `range_order` | `range_order`, the object |

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Number, Value};

use crate::desc::*;
use crate::finding::Severity;
use crate::formats;
use crate::pointer::escape_token;
use crate::reader::{self, Syntax};
use crate::schema::MAX_DURATION;
use crate::typed::{Contract, FromTree};
use crate::walk::{self, Options};

/// The one violation of an [`invalid`] case: the rule code and pointer of the one error the
/// walk reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Broken {
    pub rule: &'static str,
    pub pointer: String,
}

// ----------------------------------------------------------------------------------------
// The two places that dereference a shape's object or enum.

fn object_desc(shape: &Shape) -> Option<&'static ObjectDesc> {
    match shape {
        Shape::Object(f) => Some(f()),
        _ => None,
    }
}

fn enum_desc(shape: &Shape) -> Option<&'static EnumDesc> {
    match shape {
        Shape::Enum(f) => Some(f()),
        _ => None,
    }
}

// ----------------------------------------------------------------------------------------
// Public API

/// JSON values that the walk accepts with no error. See the module documentation.
///
/// # Panics
///
/// When the strategy is built, if the descriptor admits no value at all that the generator
/// can see (an empty enum, `min > max`, required members nested without end).
pub fn valid(shape: &'static Shape) -> BoxedStrategy<Value> {
    gen_value(shape, 0, true)
}

/// [`valid`] without the final check of each object by the walk: the construction alone.
/// For the test suite, which shows the repair needs no safety net on its descriptors.
#[doc(hidden)]
pub fn valid_unchecked(shape: &'static Shape) -> BoxedStrategy<Value> {
    gen_value(shape, 0, false)
}

/// A valid value with exactly one violation, as JSON text (a duplicate member cannot be a
/// [`Value`]), and the rule and pointer of the one error the walk reports for it. See the
/// module documentation for the mutations.
pub fn invalid(shape: &'static Shape) -> BoxedStrategy<(String, Broken)> {
    (valid(shape), any::<u64>())
        .prop_map(move |(value, seed)| break_one(shape, &value, seed))
        .boxed()
}

/// `count` valid values, the same for the same seed.
pub fn sample(shape: &'static Shape, seed: u64, count: usize) -> Vec<Value> {
    draw_many(&valid(shape), seed, count)
}

/// `count` [`invalid`] cases, the same for the same seed.
pub fn sample_invalid(shape: &'static Shape, seed: u64, count: usize) -> Vec<(String, Broken)> {
    draw_many(&invalid(shape), seed, count)
}

/// Typed values: a valid payload, written as JSON, read with [`reader::parse`] and built
/// with [`FromTree`], as a typed model is built from a payload that validated.
pub fn typed<T>() -> impl Strategy<Value = T>
where
    T: Contract + FromTree + Debug + 'static,
{
    let shape: &'static Shape = const { &T::SHAPE };
    valid(shape).prop_filter_map("FromTree refused a value the walk accepted", |value| {
        let text = serde_json::to_vec(&value).ok()?;
        let doc = reader::parse(&text, Syntax::Strict).ok()?;
        T::from_tree(doc.root(), NameMatching::Exact)
    })
}

fn draw_many<T: Debug>(strategy: &BoxedStrategy<T>, seed: u64, count: usize) -> Vec<T> {
    let mut runner = runner_for(seed);
    let mut out = Vec::with_capacity(count);
    let mut attempts = 0;
    while out.len() < count && attempts < count.saturating_mul(4) + 16 {
        attempts += 1;
        if let Ok(tree) = strategy.new_tree(&mut runner) {
            out.push(tree.current());
        }
    }
    out
}

/// A runner whose random numbers depend on `seed` only.
fn runner_for(seed: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    let mut rng = SplitMix(seed);
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next().to_le_bytes());
    }
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

/// A small deterministic generator for the choices made inside `prop_map`.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ----------------------------------------------------------------------------------------
// Valid values

/// From this depth on, optional members that no rule reads are left out and arrays hold
/// `min_items` items.
const SOFT_DEPTH: u32 = 3;
/// Past this depth the descriptor nests required members without end.
const HARD_DEPTH: u32 = 24;
/// Arrays get at most this many items unless `min_items` asks for more.
const MAX_ITEMS: u64 = 4;

fn gen_value(shape: &'static Shape, depth: u32, checked: bool) -> BoxedStrategy<Value> {
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
    let is_int = e.base == EnumBase::Integer;
    (proptest::sample::select(values), 0..8u8)
        .prop_map(move |(lit, form)| match lit {
            // An integral float is the same integer, for the walk and for JSON Schema.
            Lit::Int(i) if is_int && form == 0 && i.unsigned_abs() <= 1 << 53 => {
                Value::from(i as f64)
            }
            lit => Value::from(lit),
        })
        .boxed()
}

// ---- strings

/// Which rules the walk would report for the string `s` under `desc` (in the walk's order).
fn string_faults(desc: &StringDesc, s: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let chars = s.chars().count() as u64;
    if desc.min_length.is_some_and(|m| chars < m) {
        out.push("min_length");
    }
    if desc.max_length.is_some_and(|m| chars > m) {
        out.push("max_length");
    }
    if let Some(format) = desc.format {
        if !format.matches(s) {
            out.push("format");
        } else if format == Format::DurationDhm {
            let minutes = formats::duration_minutes(s).unwrap_or(0);
            if desc.min_duration.is_some_and(|m| minutes < m) {
                out.push("minimum");
            }
            if desc.max_duration.is_some_and(|m| minutes > m) {
                out.push("maximum");
            }
        }
    }
    if desc.pattern.is_some_and(|p| !p.is_match(s)) {
        out.push("pattern");
    }
    out
}

fn string_strategy(desc: StringDesc) -> BoxedStrategy<String> {
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
fn pattern_strategy(pattern: &'static Pattern) -> Option<BoxedStrategy<String>> {
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

fn plain_strategy(desc: &StringDesc) -> BoxedStrategy<String> {
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

fn format_strategy(
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

fn days_in_month(year: u32, month: u32) -> u32 {
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
    let year = prop_oneof![4 => 1970..=2100u32, 1 => 0..=9999u32];
    let second = prop_oneof![30 => 0..60u32, 1 => Just(60u32)];
    let fraction = proptest::option::of(regex("[0-9]{1,9}"));
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
        .prop_map(|(year, month, day, (h, m, s), fraction, offset, t)| {
            let day = 1 + day % days_in_month(year, month);
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            format!("{year:04}-{month:02}-{day:02}{t}{h:02}:{m:02}:{s:02}{fraction}{offset}")
        })
        .boxed()
}

// ---- numbers

/// The integers within an integer's bounds, as `i64`.
fn integer_bounds(desc: &NumberDesc) -> (i64, i64) {
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
    (values, 0..8u8)
        .prop_map(|(i, form)| {
            if form == 0 && i.unsigned_abs() <= 1 << 53 {
                Value::from(i as f64)
            } else {
                Value::from(i)
            }
        })
        .boxed()
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
fn exact_bound(bound: Option<Num>, lower: bool) -> Option<f64> {
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

fn array_strategy(
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
                    if !out.iter().any(|w| json_equal(w, &v)) {
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
fn finite_domain(shape: &Shape) -> Option<Vec<Value>> {
    match shape {
        Shape::Boolean => Some(vec![Value::Bool(false), Value::Bool(true)]),
        Shape::Enum(_) => {
            let e = enum_desc(shape)?;
            let mut out: Vec<Value> = Vec::new();
            for v in e.values {
                let v = Value::from(v.value);
                if !out.iter().any(|w| json_equal(w, &v)) {
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

fn has_no_error(value: &Value, shape: &Shape) -> bool {
    let text = serde_json::to_vec(value).unwrap_or_default();
    !walk::validate(&text, shape, &Options::default()).has_errors()
}

/// An object being built or mutated: each member's presence and value, and other valid
/// values it may take instead.
/// Which members are present and their values, to try a repair and undo it.
type Snapshot = (Vec<bool>, Vec<Value>);

struct Obj {
    desc: &'static ObjectDesc,
    present: Vec<bool>,
    values: Vec<Value>,
    /// Valid values of each member (the first is the generated one).
    alts: Vec<Vec<Value>>,
}

impl Obj {
    fn into_value(self) -> Value {
        let mut map = Map::new();
        for (i, m) in self.desc.members.iter().enumerate() {
            if self.present[i] {
                map.insert(m.name.to_string(), self.values[i].clone());
            }
        }
        Value::Object(map)
    }

    fn get(&self, i: usize) -> Option<&Value> {
        (i < self.present.len() && self.present[i]).then(|| &self.values[i])
    }

    fn counts(&self, i: usize, count: Count) -> bool {
        match (self.get(i), count) {
            (None, _) => false,
            (Some(_), Count::Present) => true,
            (Some(v), Count::NonEmpty) => v.as_array().is_some_and(|a| !a.is_empty()),
        }
    }

    /// The walk's `holds`, on values.
    fn holds(&self, test: &TestDesc) -> bool {
        let present = self.get(test.member);
        let default = self
            .desc
            .members
            .get(test.member)
            .and_then(|m| m.default_lit);
        let is = |lit: Lit| match present {
            Some(v) => lit_eq(v, lit),
            None => default == Some(lit) || default.is_some_and(|d| lits_equal(d, lit)),
        };
        match &test.predicate {
            Predicate::Present(b) => present.is_some() == *b,
            Predicate::NonEmpty(b) => {
                present.is_some_and(|v| v.as_array().is_some_and(|a| !a.is_empty())) == *b
            }
            Predicate::Equals(lit) => is(*lit),
            Predicate::In(lits) => lits.iter().any(|l| is(*l)),
            Predicate::NotIn(lits) => {
                (present.is_some() || default.is_some()) && !lits.iter().any(|l| is(*l))
            }
            Predicate::Contains(lit) => present.is_some_and(|v| {
                v.as_array()
                    .is_some_and(|a| a.iter().any(|item| lit_eq(item, *lit)))
            }),
        }
    }

    fn all(&self, tests: &[TestDesc]) -> bool {
        tests.iter().all(|t| self.holds(t))
    }

    /// The states member `i` may take: absent (when optional) or one of these values, all
    /// valid for its shape, built from its alternatives, its finite domain, the literals of
    /// `test` and edits of array values.
    fn options(&self, i: usize, test: &TestDesc) -> Vec<Option<Value>> {
        let Some(member) = self.desc.members.get(i) else {
            return Vec::new();
        };
        let shape = &member.shape;
        let mut out: Vec<Option<Value>> = Vec::new();
        if !member.required {
            out.push(None);
        }
        let mut values: Vec<Value> = Vec::new();
        if self.present[i] {
            values.push(self.values[i].clone());
        }
        values.extend(self.alts[i].iter().cloned());
        if let Some(domain) = finite_domain(shape) {
            values.extend(domain);
        }
        let lits: Vec<Lit> = match &test.predicate {
            Predicate::Equals(l) | Predicate::Contains(l) => vec![*l],
            Predicate::In(ls) | Predicate::NotIn(ls) => ls.to_vec(),
            _ => Vec::new(),
        };
        let mut candidates: Vec<Value> = lits.iter().map(|l| Value::from(*l)).collect();
        if let Shape::Array(a) = shape {
            let lo = a.min_items.unwrap_or(0) as usize;
            let hi = a.max_items.map_or(usize::MAX, |m| m as usize);
            let arrays: Vec<Vec<Value>> = values
                .iter()
                .filter_map(|v| v.as_array().cloned())
                .collect();
            candidates.push(Value::Array(Vec::new()));
            for arr in arrays {
                for lit in &lits {
                    let item = Value::from(*lit);
                    // With the literal.
                    if !arr.iter().any(|x| lit_eq(x, *lit)) {
                        if arr.len() < hi {
                            let mut with = arr.clone();
                            with.push(item.clone());
                            candidates.push(Value::Array(with));
                        } else if !arr.is_empty() {
                            let mut with = arr.clone();
                            let last = with.len() - 1;
                            with[last] = item.clone();
                            candidates.push(Value::Array(with));
                        }
                    }
                    // Without it.
                    let without: Vec<Value> =
                        arr.iter().filter(|x| !lit_eq(x, *lit)).cloned().collect();
                    if without.len() >= lo {
                        candidates.push(Value::Array(without));
                    }
                }
                if arr.len() > 1 && lo <= 1 {
                    candidates.push(Value::Array(arr[..1].to_vec()));
                }
            }
        }
        for c in candidates {
            if valid_for(shape, &c) {
                values.push(c);
            }
        }
        for v in values {
            if !out.iter().any(|o| o.as_ref() == Some(&v)) {
                out.push(Some(v));
            }
        }
        out
    }

    fn set_state(&mut self, i: usize, state: Option<Value>) {
        match state {
            None => self.present[i] = false,
            Some(v) => {
                self.present[i] = true;
                self.values[i] = v;
            }
        }
    }

    /// Makes `test` hold (`want`) by changing its member to one of its options, chosen at
    /// random among those that work. False if none does.
    fn make(&mut self, test: &TestDesc, want: bool, rng: &mut SplitMix) -> bool {
        if self.holds(test) == want {
            return true;
        }
        let i = test.member;
        if i >= self.present.len() {
            return false;
        }
        let saved = (self.present[i], self.values[i].clone());
        let mut working = Vec::new();
        for option in self.options(i, test) {
            self.set_state(i, option.clone());
            if self.holds(test) == want {
                working.push(option);
            }
        }
        self.present[i] = saved.0;
        self.values[i] = saved.1.clone();
        if working.is_empty() {
            return false;
        }
        // Prefer the options that leave the fewest of the object's rules broken.
        let scores: Vec<usize> = working
            .iter()
            .map(|option| {
                self.set_state(i, option.clone());
                let score = self.violations();
                self.present[i] = saved.0;
                self.values[i] = saved.1.clone();
                score
            })
            .collect();
        let least = scores.iter().copied().min().unwrap_or(0);
        let mut best: Vec<Option<Value>> = working
            .into_iter()
            .zip(scores)
            .filter(|(_, s)| *s == least)
            .map(|(o, _)| o)
            .collect();
        let pick = rng.below(best.len());
        self.set_state(i, best.swap_remove(pick));
        true
    }

    fn count_test(i: usize, count: Count, want: bool) -> TestDesc {
        TestDesc {
            member: i,
            predicate: match count {
                Count::Present => Predicate::Present(want),
                Count::NonEmpty => Predicate::NonEmpty(want),
            },
        }
    }

    /// Makes the object satisfy its rules; see the module documentation.
    fn repair(&mut self, rng: &mut SplitMix) {
        for _ in 0..4 {
            let mut changed = false;
            for rule in self.desc.rules {
                changed |= self.repair_rule(rule, rng);
            }
            if !changed {
                break;
            }
        }
    }

    fn rule_holds(&self, rule: &RuleDesc) -> bool {
        match rule {
            RuleDesc::ExactlyOneOf { members, count } => {
                members.iter().filter(|&&i| self.counts(i, *count)).count() == 1
            }
            RuleDesc::AtLeastOneOf { members, count } => {
                members.iter().any(|&i| self.counts(i, *count))
            }
            RuleDesc::Requires { when, then, .. } => !self.all(when) || self.all(then),
            RuleDesc::RangeOrder { low, high, order } => match (self.get(*low), self.get(*high)) {
                (Some(a), Some(b)) => compare(*order, a, b) != Some(std::cmp::Ordering::Greater),
                _ => true,
            },
        }
    }

    /// How many of the object's rules do not hold.
    fn violations(&self) -> usize {
        self.desc
            .rules
            .iter()
            .filter(|r| !self.rule_holds(r))
            .count()
    }

    /// Tries `n` alternative repairs (in random order) from the current state and keeps the
    /// one that leaves the fewest rules broken; true if one applied.
    fn best_of(
        &mut self,
        n: usize,
        rng: &mut SplitMix,
        mut apply: impl FnMut(&mut Obj, usize, &mut SplitMix) -> bool,
    ) -> bool {
        let snapshot = (self.present.clone(), self.values.clone());
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        let mut best: Option<(usize, Snapshot)> = None;
        for k in order {
            (self.present, self.values) = snapshot.clone();
            if apply(self, k, rng) {
                let score = self.violations();
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, (self.present.clone(), self.values.clone())));
                    if score == 0 {
                        break;
                    }
                }
            }
        }
        match best {
            Some((_, state)) => {
                (self.present, self.values) = state;
                true
            }
            None => {
                (self.present, self.values) = snapshot;
                false
            }
        }
    }

    /// Repairs one rule; true if anything changed.
    fn repair_rule(&mut self, rule: &RuleDesc, rng: &mut SplitMix) -> bool {
        if self.rule_holds(rule) {
            return false;
        }
        match rule {
            RuleDesc::ExactlyOneOf { members, count } => {
                self.best_of(members.len(), rng, |obj, k, rng| {
                    let chosen = members[k];
                    let mut ok = obj.make(&Self::count_test(chosen, *count, true), true, rng);
                    for &other in members.iter().filter(|&&o| o != chosen) {
                        ok &= obj.make(&Self::count_test(other, *count, false), true, rng);
                    }
                    ok
                })
            }
            RuleDesc::AtLeastOneOf { members, count } => {
                self.best_of(members.len(), rng, |obj, k, rng| {
                    obj.make(&Self::count_test(members[k], *count, true), true, rng)
                })
            }
            RuleDesc::Requires { when, then, .. } => {
                // Alternative 0 makes every `then` test hold; alternative k > 0 makes the
                // `when` test k - 1 fail.
                self.best_of(when.len() + 1, rng, |obj, k, rng| {
                    if k == 0 {
                        then.iter().all(|t| obj.make(t, true, rng)) && obj.all(then)
                    } else {
                        obj.make(&when[k - 1], false, rng)
                    }
                })
            }
            RuleDesc::RangeOrder { low, high, .. } => {
                self.values.swap(*low, *high);
                true
            }
        }
    }
}

/// How two values of a `range_order` compare, as the walk compares them; `None` when
/// either cannot be read.
fn compare(order: Order, a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match order {
        Order::Number => a.as_f64()?.partial_cmp(&b.as_f64()?),
        Order::Ipv4 => Some(formats::ipv4(a.as_str()?)?.cmp(&formats::ipv4(b.as_str()?)?)),
        Order::DateTime => Some(
            formats::date_time_instant(a.as_str()?)?.cmp(&formats::date_time_instant(b.as_str()?)?),
        ),
    }
}

fn valid_for(shape: &Shape, value: &Value) -> bool {
    has_no_error(value, shape)
}

// ----------------------------------------------------------------------------------------
// JSON equality, as the walk compares

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

fn lit_eq(v: &Value, lit: Lit) -> bool {
    match (lit, v) {
        (Lit::Null, Value::Null) => true,
        (Lit::Bool(b), Value::Bool(c)) => b == *c,
        (Lit::Str(s), Value::String(t)) => s == t,
        (Lit::Int(i), Value::Number(n)) => integer_of(n) == Some(i128::from(i)),
        (Lit::Float(f), Value::Number(n)) => n.as_f64() == Some(f),
        _ => false,
    }
}

fn lits_equal(a: Lit, b: Lit) -> bool {
    match (a, b) {
        (Lit::Int(x), Lit::Float(y)) | (Lit::Float(y), Lit::Int(x)) => x as f64 == y,
        _ => a == b,
    }
}

/// JSON equality: numbers by value (`1` equals `1.0`), objects regardless of order.
fn json_equal(a: &Value, b: &Value) -> bool {
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

// ----------------------------------------------------------------------------------------
// Mutations

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// A node of the value with its shape.
struct Site {
    path: Vec<Seg>,
    shape: &'static Shape,
}

fn pointer_of(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(k) => out.push_str(&escape_token(k)),
            Seg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

fn at_mut<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut here = value;
    for seg in path {
        here = match (seg, here) {
            (Seg::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Seg::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(here)
}

fn collect_sites(shape: &'static Shape, value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Site>) {
    out.push(Site {
        path: path.clone(),
        shape,
    });
    match (shape, value) {
        (Shape::Array(a), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                collect_sites(a.items, item, path, out);
                path.pop();
            }
        }
        (Shape::Object(_), Value::Object(map)) => {
            let Some(desc) = object_desc(shape) else {
                return;
            };
            for (key, item) in map {
                if let Some(m) = desc.members.iter().find(|m| m.name == key) {
                    path.push(Seg::Key(key.clone()));
                    collect_sites(&m.shape, item, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone, Copy)]
enum Mutation {
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
    /// The kind, for choosing kinds evenly.
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

/// Whether the walk reports exactly one error for `text`, and it is `broken`.
fn confirms(shape: &Shape, text: &str, broken: &Broken) -> bool {
    let report = walk::validate(text.as_bytes(), shape, &Options::default());
    let mut errors = report
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == Severity::Error);
    match (errors.next(), errors.next()) {
        (Some(f), None) => f.rule.as_str() == broken.rule && f.pointer == broken.pointer,
        _ => false,
    }
}

/// The first confirmed mutation of `value`, kinds in random order, then places.
fn break_one(shape: &'static Shape, value: &Value, seed: u64) -> (String, Broken) {
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
            if let Some((text, broken)) = apply(mutation, &sites[s], value, &mut runner, &mut rng)
                && confirms(shape, &text, &broken)
            {
                return (text, broken);
            }
        }
    }
    // Never reached in practice: a root of the wrong type is one `type` error.
    let text = match shape {
        Shape::Array(_) => "{}".to_string(),
        _ => "[]".to_string(),
    };
    (
        text,
        Broken {
            rule: "type",
            pointer: String::new(),
        },
    )
}

fn at_path<'v>(value: &'v Value, path: &[Seg]) -> &'v Value {
    let mut here = value;
    for seg in path {
        let next = match (seg, here) {
            (Seg::Key(k), Value::Object(map)) => map.get(k),
            (Seg::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => here = n,
            None => return here,
        }
    }
    here
}

/// One draw of a strategy.
fn draw<T: Debug>(strategy: &BoxedStrategy<T>, runner: &mut TestRunner) -> Option<T> {
    strategy.new_tree(runner).ok().map(|t| t.current())
}

fn draw_valid(shape: &'static Shape, runner: &mut TestRunner) -> Option<Value> {
    draw(&gen_value(shape, SOFT_DEPTH, true), runner)
}

/// Applies one mutation at one site; `None` when it does not apply to this value.
fn apply(
    mutation: Mutation,
    site: &Site,
    value: &Value,
    runner: &mut TestRunner,
    rng: &mut SplitMix,
) -> Option<(String, Broken)> {
    let mut root = value.clone();
    let pointer = pointer_of(&site.path);
    let here = at_mut(&mut root, &site.path)?;
    let rule: &'static str = match mutation {
        Mutation::Type => {
            let wrong: &[Value] = match site.shape {
                Shape::String(_) => &[Value::Null, Value::from(0), Value::Bool(true)],
                Shape::Integer(_) => &[Value::from("1"), Value::from(1.5), Value::Null],
                Shape::Number(_) => &[Value::from("1.5"), Value::Bool(false)],
                Shape::Boolean => &[Value::from(0), Value::from("true"), Value::Null],
                Shape::Array(_) => &[Value::Object(Map::new()), Value::from("[]")],
                Shape::Object(_) => &[Value::Array(Vec::new()), Value::from(1)],
                Shape::Enum(_) => match enum_desc(site.shape).map(|e| e.base) {
                    Some(EnumBase::Integer) => &[Value::from("1"), Value::Bool(true)],
                    _ => &[Value::from(1), Value::Null],
                },
            };
            *here = wrong[rng.below(wrong.len())].clone();
            "type"
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
            let target = match mutation {
                Mutation::Pattern => "pattern",
                Mutation::Format => "format",
                Mutation::MinLength => "min_length",
                Mutation::MaxLength => "max_length",
                Mutation::DurationMin => "minimum",
                _ => "maximum",
            };
            *here = Value::String(break_string(desc, mutation, &current, runner, rng)?);
            target
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
            if below { "minimum" } else { "maximum" }
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
                    "min_items"
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
                        if !desc.unique_items || !items.iter().any(|w| json_equal(w, &next)) {
                            items.push(next);
                        }
                    }
                    if items.len() <= max {
                        return None;
                    }
                    "max_items"
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
                    "unique_items"
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
            "enum"
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
            let text = serde_json::to_string(&root).ok()?;
            return Some((
                text,
                Broken {
                    rule: "unknown_field",
                    pointer: format!("{pointer}/{}", escape_token(&name)),
                },
            ));
        }
        Mutation::Required(i) => {
            let desc = object_desc(site.shape)?;
            let name = desc.members.get(i)?.name;
            here.as_object_mut()?.remove(name)?;
            let text = serde_json::to_string(&root).ok()?;
            return Some((
                text,
                Broken {
                    rule: "required",
                    pointer: format!("{pointer}/{}", escape_token(name)),
                },
            ));
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
            return Some((
                text,
                Broken {
                    rule: "duplicate_key",
                    pointer: format!("{pointer}/{}", escape_token(name)),
                },
            ));
        }
        Mutation::ExactlyNone(r)
        | Mutation::ExactlyMany(r)
        | Mutation::AtLeastNone(r)
        | Mutation::Requires(r)
        | Mutation::RangeOrder(r) => {
            let desc = object_desc(site.shape)?;
            let rule = desc.rules.get(r)?;
            let mut obj = obj_for_mutation(desc, here, runner)?;
            let (code, at_member) = break_rule(&mut obj, rule, mutation, rng)?;
            *here = obj.into_value();
            let pointer = match at_member {
                Some(name) => format!("{pointer}/{}", escape_token(name)),
                None => pointer,
            };
            let text = serde_json::to_string(&root).ok()?;
            return Some((
                text,
                Broken {
                    rule: code,
                    pointer,
                },
            ));
        }
    };
    let text = serde_json::to_string(&root).ok()?;
    Some((text, Broken { rule, pointer }))
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

/// Breaks one rule of an object; the rule code and, for a `requires` about one member,
/// that member's name (the pointer's last token).
fn break_rule(
    obj: &mut Obj,
    rule: &RuleDesc,
    mutation: Mutation,
    rng: &mut SplitMix,
) -> Option<(&'static str, Option<&'static str>)> {
    match (rule, mutation) {
        (RuleDesc::ExactlyOneOf { members, count }, Mutation::ExactlyNone(_))
        | (RuleDesc::AtLeastOneOf { members, count }, Mutation::AtLeastNone(_)) => {
            for &i in *members {
                if !obj.make(&Obj::count_test(i, *count, false), true, rng) {
                    return None;
                }
            }
            Some((rule.code(), None))
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
            (added && counting >= 2).then_some((rule.code(), None))
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
            Some(("requires", name))
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
            Some(("range_order", None))
        }
        _ => None,
    }
}

/// A string breaking exactly `mutation`'s constraint of `desc`, otherwise valid.
fn break_string(
    desc: &StringDesc,
    mutation: Mutation,
    current: &str,
    runner: &mut TestRunner,
    rng: &mut SplitMix,
) -> Option<String> {
    let target = match mutation {
        Mutation::Pattern => "pattern",
        Mutation::Format => "format",
        Mutation::MinLength => "min_length",
        Mutation::MaxLength => "max_length",
        Mutation::DurationMin => "minimum",
        _ => "maximum",
    };
    let wanted = |s: &str| string_faults(desc, s) == [target];
    let mut candidates: Vec<String> = Vec::new();
    let chars: Vec<char> = current.chars().collect();
    // Edits of the current value.
    let min = desc.min_length.unwrap_or(0) as usize;
    let max = desc.max_length.map(|m| m as usize);
    if min > 0 {
        candidates.push(chars[..chars.len().min(min - 1)].iter().collect());
    }
    if let Some(max) = max.filter(|m| *m < 10_000) {
        let filler = chars.last().copied().unwrap_or('a');
        let mut longer = current.to_string();
        while longer.chars().count() <= max {
            longer.push(filler);
        }
        candidates.push(longer.clone());
        let mut longer_a = current.to_string();
        while longer_a.chars().count() <= max {
            longer_a.push('a');
        }
        candidates.push(longer_a);
    }
    candidates.extend([
        format!("{current}!"),
        format!("!{current}"),
        current.to_lowercase(),
        current.to_uppercase(),
        current.replace('-', ""),
        String::new(),
        "!".into(),
        "~~~~".into(),
    ]);
    match desc.format {
        Some(Format::DurationDhm) => {
            if let Some(m) = desc.min_duration.and_then(|m| m.checked_sub(1)) {
                candidates.push(formats::format_duration(m));
                candidates.push(formats::format_duration(m / 2));
            }
            if let Some(m) = desc.max_duration {
                let extra = 1 + rng.below(60) as u64;
                candidates.push(formats::format_duration((m + extra).min(MAX_DURATION)));
                candidates.push(formats::format_duration((m + 1).min(MAX_DURATION)));
            }
            candidates
                .extend(["00:00:05", "0:0:05", "0:24:00", "0:00:60", "1:2:3"].map(String::from));
        }
        Some(Format::DateTime) => candidates.extend(
            [
                "2023-02-29T00:00:00Z",
                "2022-03-03 11:30:00Z",
                "2022-03-03T11:30:00",
                "2022-03-03T24:00:00Z",
                "2022-04-31T00:00:00Z",
                "2022-03-03T11:30:00.Z",
            ]
            .map(String::from),
        ),
        Some(Format::DateTimeOffsetOptional) => candidates.extend(
            [
                "2023-02-29T00:00:00",
                "2022-03-03 11:30:00",
                "2022-03-03T11:30",
                "2022-03-03T24:00:00Z",
                "2022-04-31T00:00:00",
                "2022-03-03T11:30:00.",
                "2022-03-03T11:30:00+0530",
            ]
            .map(String::from),
        ),
        Some(Format::Ipv4) => candidates
            .extend(["192.168.0.256", "192.168.00.1", "10.0.0", "1.2.3.4.5"].map(String::from)),
        Some(Format::Uuid) => candidates.extend(
            [
                "61d8944ed900472487ebd10078b90a41",
                "61d8944e-d900-4724-87eb-d10078b90a4g",
            ]
            .map(String::from),
        ),
        Some(Format::DeviceId) => candidates.extend(
            [
                "e378dacb9324453ab8c65a8406952195",
                "E378DACB9324453AB8C65A840695219",
            ]
            .map(String::from),
        ),
        Some(Format::ResultUrl) => candidates.extend(
            [
                "http://host/path",
                "https://host/path",
                "ftp://",
                "ftp://host/a b",
                "host",
            ]
            .map(String::from),
        ),
        Some(Format::ResultDestination) => candidates
            .extend(["http://host/path", "https://", "ftp://host/a b", "host"].map(String::from)),
        Some(Format::NonNegativeIntegerString) => {
            candidates.extend(["-5", "1.5", "12a", " 7"].map(String::from))
        }
        None => {}
    }
    let mut picks: Vec<String> = candidates.into_iter().filter(|s| wanted(s)).collect();
    if !picks.is_empty() {
        return Some(picks.swap_remove(rng.below(picks.len())));
    }
    // Draws from the constraints without the one to break.
    let mut relaxed = *desc;
    match mutation {
        Mutation::Pattern => relaxed.pattern = None,
        Mutation::Format => {
            relaxed.format = None;
            relaxed.min_duration = None;
            relaxed.max_duration = None;
        }
        Mutation::MinLength => {
            relaxed.min_length = None;
            relaxed.max_length = Some(min.checked_sub(1)? as u64);
        }
        Mutation::MaxLength => {
            relaxed.min_length = Some(max? as u64 + 1);
            relaxed.max_length = None;
        }
        _ => return None,
    }
    let base = match (relaxed.format, relaxed.pattern) {
        (Some(f), _) => format_strategy(f, relaxed.min_duration, relaxed.max_duration),
        (None, Some(p)) => pattern_strategy(p).unwrap_or_else(|| plain_strategy(&relaxed)),
        (None, None) => plain_strategy(&relaxed),
    };
    (0..24)
        .filter_map(|_| draw(&base, runner))
        .find(|s| wanted(s))
}
