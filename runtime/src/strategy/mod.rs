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
//! - [`sample`] / [`sample_invalid`]: the same, deterministic for a seed (`vendorspec sample
//!   --adversarial` and `--invalid`).
//! - [`sample_realistic`]: valid values a person would start from (the spec's examples,
//!   plausible names, dates near a reference [`Day`], small counts), deterministic for a
//!   seed and a day (`vendorspec sample`).
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
//!   the `i64` limits included; always in digits (an integral float such as `5.0` is an
//!   integer to JSON Schema, but the Ivanti server's Json.NET refuses it, see
//!   `walk::Binding`). Numbers: uniform, bounds, integers;
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
//! # Realistic values
//!
//! [`sample_realistic`] draws what a person would write. Each member takes, by preference:
//!
//! 1. a value the spec's own examples ([`Realism::examples`]) give it, two times in three
//!    when there is one, or its default; not a docs placeholder (`"<JobName>"`), not a
//!    secret's value, not an array longer than a drawn one (its items are used instead),
//!    and not a date-time: those are always drawn near the reference day
//!    ([`Realism::today`]);
//! 2. otherwise a plausible value of its format: a random lower-case version 4 UUID, a
//!    private IPv4 address, a date-time within three days of the reference day (working
//!    hours, on the quarter hour), a round duration within the bounds (5 minutes to 7
//!    days), an `ftp`/`sftp`/`smb` URL (`https` and `user:password@` for destinations), a
//!    small count; for a plain string, a word fitting what the member's name says it holds
//!    (a host name, a login, a city, an e-mail address, a UUID for an `id`), cut or padded
//!    to the length bounds as `vendorspec template` does;
//! 3. integers uniform within bounds 100 or less apart, else 1 to 20 moved inside the
//!    bounds; numbers one of nine evenly spaced values within narrow bounds; arrays of 1 to
//!    3 distinct items (within `min_items` and `max_items`); secret members `change-me`,
//!    the template's placeholder; optional members half of the time.
//!
//! Objects then go through the same repair as [`valid`] values, and every value through
//! the walk: one with an error is drawn again, and one without a warning (and without an
//! array a repair grew past 3 items) is preferred. A
//! descriptor the realistic choices cannot satisfy (a pattern no plausible word matches)
//! falls back, string by string and then value by value, to the adversarial generator:
//! always valid, realistic where it can be.
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
//! | a value of another JSON type that no server converts (`null`, `"x"`, `"yes"`, `[]`, `{}`, `true`, `1.5` for integers) | any value | `type`, the value |
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
//!
//! # Layout
//!
//! One concern per module: `generate` builds valid values (one generator per shape),
//! `repair` makes an object's rules hold, `mutate` chooses and applies one violation
//! (`sites` says where, `near_miss` picks the strings), and `rng` holds the seeded randomness that keeps samples reproducible.
//! `realistic` draws the realistic values and reuses the repair and the walk; `day`
//! counts the calendar days they are drawn near. Whether values are equal, in order, or
//! pass a rule's test is [`crate::semantics`]'s answer, the same the walk gets.

mod day;
mod generate;
mod mutate;
mod near_miss;
mod realistic;
mod repair;
mod rng;
mod sites;

use std::fmt::Debug;

use proptest::prelude::*;
use serde_json::Value;

use crate::desc::*;
use crate::finding::Rule;
use crate::reader::{self, Syntax};
use crate::typed::{Contract, FromTree};

use generate::gen_value;
use mutate::break_one;
use rng::draw_many;

pub use day::Day;
pub use realistic::{Realism, sample_realistic};
pub use rng::SplitMix;

/// The one violation of an [`invalid`] case: the rule code and pointer of the one error the
/// walk reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Broken {
    /// The rule's stable code ([`Rule::as_str`]); mutations only break built-in rules.
    pub rule: &'static str,
    pub pointer: String,
}

impl Broken {
    fn new(rule: &Rule, pointer: String) -> Broken {
        Broken {
            rule: rule
                .fixed_code()
                .expect("a mutation breaks a built-in rule"),
            pointer,
        }
    }
}

// ----------------------------------------------------------------------------------------
// The two places that dereference a shape's object or enum (used by every submodule).

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
