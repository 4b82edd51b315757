//! The proptest strategies ([`vendorspec_runtime::strategy`]) against the walk and the
//! published schema, on hand-written descriptors that cover every shape, constraint,
//! format, rule, count, test kind and `Unknown` kind.
//!
//! The descriptors are in `strategy_fixtures/mod.rs`.
//!
//! Properties (each `proptest!` block runs `CASES` = 256 cases per fixture, 9 fixtures):
//!
//! - (a) `valid_*`: every [`valid`] value has no error from the walk and is accepted by the
//!   `jsonschema` crate with [`schema::document`]; `unchecked_*` shows the same for
//!   [`valid_unchecked`], the construction without the walk as a safety net
//!   (9 × 2 × 256 = 4,608 cases).
//! - (b) `invalid_*`: every [`invalid`] case gets exactly one error from the walk, with the
//!   expected rule and pointer, and the `jsonschema` crate rejects it too, with two named
//!   exceptions the schema accepts: `range_order` (JSON Schema cannot state it) and
//!   `duplicate_key` (serde_json, under every Rust engine, keeps one of the two members,
//!   and the mutation repeats the same value) (9 × 256 = 2,304 cases).
//!
//! - `typed_values_validate`: [`typed`] values validate through the walk (256 cases).
//!
//! - `realistic_values_validate_and_look_real`: [`sample_realistic`] values (any seed, a
//!   reference day within about two years of 2026-03-15) have no error from the walk, are
//!   accepted by the schema, and look real: no control character, date-times within a year
//!   of the reference day, numbers within ±10,000, arrays of at most 3 items unless
//!   `min_items` asks for more, secrets `change-me` (9 fixtures × 4 values × 48 cases).
//!
//! Plain tests: every mutation kind occurs for the fixtures that allow it (so property (b)
//! is not vacuous), samples are deterministic per seed and differ between seeds, and
//! [`typed`] builds typed values; realistic samples prefer the examples' values (never a
//! secret's, never a date), are deterministic per seed and day, and differ from the
//! adversarial ones, which fail the same "looks real" checks; [`Day`] counts as the
//! calendar does. `number_bound_at_i64_max_agrees` keeps the walk/schema
//! disagreement these properties found (integer bounds of a `Number` compared through
//! `f64`; fixed in the walk). The whole file runs in about 20 s
//! in a debug build.
//!
//! Failures are kept by proptest in `proptest-regressions/strategy_properties.txt` and
//! replayed first on the next run; keep that file under version control.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

mod strategy_fixtures;

use proptest::prelude::*;
use serde_json::{Value, json};
use strategy_fixtures::*;
use vendorspec_runtime::desc::*;
use vendorspec_runtime::schema::{self, DocumentMeta};
use vendorspec_runtime::strategy::{
    Broken, Day, Realism, invalid, sample, sample_invalid, sample_realistic, typed, valid,
    valid_unchecked,
};
use vendorspec_runtime::walk::{self, Options};
use vendorspec_runtime::{Contract, FromTree, Severity, ValueRef};

const CASES: u32 = 256;

// ----------------------------------------------------------------------------------------
// Checks

fn validator(shape: &'static Shape) -> &'static jsonschema::Validator {
    static CACHE: OnceLock<Mutex<Vec<(usize, &'static jsonschema::Validator)>>> = OnceLock::new();
    let key = shape as *const Shape as usize;
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, v)) = cache.iter().find(|(k, _)| *k == key) {
        return v;
    }
    let doc = schema::document(shape, &DocumentMeta::default());
    jsonschema::draft202012::meta::validate(&doc).expect("a valid draft 2020-12 document");
    let v: &'static jsonschema::Validator = Box::leak(Box::new(
        jsonschema::draft202012::new(&doc).expect("compiles"),
    ));
    cache.push((key, v));
    v
}

fn errors(shape: &Shape, text: &str) -> Vec<(String, String)> {
    walk::validate(text.as_bytes(), shape, &Options::default())
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.as_str().to_string(), f.pointer))
        .collect()
}

fn check_valid(shape: &'static Shape, value: &Value) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let found = errors(shape, &text);
    prop_assert!(found.is_empty(), "walk errors {found:?} on {text}");
    prop_assert!(
        validator(shape).is_valid(value),
        "the schema refuses {text}"
    );
    Ok(())
}

/// The rules JSON Schema does not reject (see the module documentation).
const SCHEMA_ACCEPTS: [&str; 2] = ["range_order", "duplicate_key"];

fn check_invalid(shape: &'static Shape, text: &str, broken: &Broken) -> Result<(), TestCaseError> {
    let found = errors(shape, text);
    prop_assert_eq!(
        &found,
        &vec![(broken.rule.to_string(), broken.pointer.clone())],
        "on {}",
        text
    );
    let value: Value = serde_json::from_str(text).unwrap();
    let accepted = validator(shape).is_valid(&value);
    if SCHEMA_ACCEPTS.contains(&broken.rule) {
        prop_assert!(accepted, "the schema refuses {} ({:?})", text, broken);
    } else {
        prop_assert!(!accepted, "the schema accepts {} ({:?})", text, broken);
    }
    Ok(())
}

macro_rules! properties {
    ($($valid:ident, $unchecked:ident, $invalid:ident: $shape:expr;)*) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(CASES))]
            $(
                #[test]
                fn $valid(v in valid(&$shape)) {
                    check_valid(&$shape, &v)?;
                }

                #[test]
                fn $unchecked(v in valid_unchecked(&$shape)) {
                    check_valid(&$shape, &v)?;
                }

                #[test]
                fn $invalid((text, broken) in invalid(&$shape)) {
                    check_invalid(&$shape, &text, &broken)?;
                }
            )*
        }
    };
}

properties! {
    valid_strings, unchecked_strings, invalid_strings: STRINGS_SHAPE;
    valid_numbers, unchecked_numbers, invalid_numbers: NUMBERS_SHAPE;
    valid_arrays, unchecked_arrays, invalid_arrays: ARRAYS_SHAPE;
    valid_target, unchecked_target, invalid_target: TARGET_SHAPE;
    valid_job, unchecked_job, invalid_job: JOB_SHAPE;
    valid_range, unchecked_range, invalid_range: RANGE_SHAPE;
    valid_node, unchecked_node, invalid_node: NODE_SHAPE;
    valid_all, unchecked_all, invalid_all: ALL_SHAPE;
    valid_root_string, unchecked_root_string, invalid_root_string: ROOT_STRING;
}

// ----------------------------------------------------------------------------------------
// Coverage: property (b) is not vacuous.

fn rules_of(shape: &'static Shape, count: usize) -> BTreeSet<&'static str> {
    sample_invalid(shape, 1, count)
        .into_iter()
        .map(|(_, b)| b.rule)
        .collect()
}

#[test]
fn every_mutation_occurs() {
    let expect: &[(&'static Shape, &[&str])] = &[
        (
            &STRINGS_SHAPE,
            &[
                "required",
                "unknown_field",
                "duplicate_key",
                "type",
                "pattern",
                "format",
                "min_length",
                "max_length",
                "minimum",
                "maximum",
            ],
        ),
        (
            &NUMBERS_SHAPE,
            &[
                "required",
                "unknown_field",
                "duplicate_key",
                "type",
                "minimum",
                "maximum",
                "enum",
            ],
        ),
        (
            &ARRAYS_SHAPE,
            &[
                "required",
                "type",
                "min_items",
                "max_items",
                "unique_items",
                "enum",
            ],
        ),
        (
            &TARGET_SHAPE,
            &[
                "exactly_one_of",
                "at_least_one_of",
                "duplicate_key",
                "format",
            ],
        ),
        (
            &JOB_SHAPE,
            &["requires", "unknown_field", "required", "enum"],
        ),
        (
            &RANGE_SHAPE,
            &["range_order", "format", "minimum", "maximum"],
        ),
        (&ROOT_STRING, &["type", "format", "minimum", "maximum"]),
    ];
    for (shape, rules) in expect {
        let found = rules_of(shape, 300);
        for rule in *rules {
            assert!(found.contains(rule), "no {rule} case among {found:?}");
        }
    }
}

/// Each `exactly_one_of` is broken both ways, and every `requires` of the job and every
/// `range_order` kind is broken, with its pointer.
#[test]
fn every_rule_is_broken_at_its_place() {
    let cases = sample_invalid(&TARGET_SHAPE, 3, 400);
    let mut none = false;
    let mut many = false;
    for (text, broken) in &cases {
        if broken.rule == "exactly_one_of" {
            let v: Value = serde_json::from_str(text).unwrap();
            let counts = |k: &str| {
                v.get(k)
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
            };
            let p = |k: &str| v.get(k).is_some();
            let first = usize::from(counts("devices")) + usize::from(counts("zones"));
            let second = usize::from(p("policy")) + usize::from(p("policies"));
            none |= first == 0 || second == 0;
            many |= first > 1 || second > 1;
            assert_eq!(broken.pointer, "");
        }
    }
    assert!(
        none && many,
        "exactly_one_of broken both ways: none {none}, many {many}"
    );

    let pointers: BTreeSet<String> = sample_invalid(&JOB_SHAPE, 4, 600)
        .into_iter()
        .filter(|(_, b)| b.rule == "requires")
        .map(|(_, b)| b.pointer)
        .collect();
    assert!(
        pointers.contains("") && pointers.contains("/features"),
        "{pointers:?}"
    );

    let ranges = sample_invalid(&RANGE_SHAPE, 5, 400);
    for member in ["StartIp", "low", "from"] {
        assert!(
            ranges.iter().any(|(text, b)| {
                b.rule == "range_order" && {
                    let v: Value = serde_json::from_str(text).unwrap();
                    let order = |a: &str, b: &str| (v.get(a).cloned(), v.get(b).cloned());
                    match member {
                        "StartIp" => {
                            let (a, b) = order("StartIp", "EndIp");
                            let ip = |x: Option<Value>| {
                                x.and_then(|x| {
                                    x.as_str().and_then(vendorspec_runtime::formats::ipv4)
                                })
                            };
                            ip(a) > ip(b)
                        }
                        "low" => {
                            let (a, b) = order("low", "high");
                            a.and_then(|a| a.as_f64())
                                .zip(b.and_then(|b| b.as_f64()))
                                .is_some_and(|(a, b)| a > b)
                        }
                        _ => {
                            let (a, b) = order("from", "to");
                            let t = |x: Option<Value>| {
                                x.and_then(|x| {
                                    x.as_str()
                                        .and_then(vendorspec_runtime::formats::date_time_instant)
                                })
                            };
                            t(a).zip(t(b)).is_some_and(|(a, b)| a > b)
                        }
                    }
                }
            }),
            "no range_order case on {member}"
        );
    }
}

/// Duplicate members are text, with the member twice.
#[test]
fn duplicate_members_are_text() {
    let cases = sample_invalid(&NUMBERS_SHAPE, 6, 300);
    let (text, broken) = cases
        .iter()
        .find(|(_, b)| b.rule == "duplicate_key")
        .expect("a duplicate_key case");
    let name = broken.pointer.rsplit('/').next().unwrap();
    assert_eq!(text.matches(&format!("\"{name}\":")).count(), 2, "{text}");
}

// ----------------------------------------------------------------------------------------
// Valid values cover what they should.

#[test]
fn valid_values_cover_the_contract() {
    let values = sample(&STRINGS_SHAPE, 8, 400);
    let strings = |k: &str| -> Vec<String> {
        values
            .iter()
            .filter_map(|v| v.get(k).and_then(Value::as_str).map(str::to_string))
            .collect()
    };
    // Optional members both present and absent.
    let ips = strings("ip");
    assert!(ips.len() > 100 && ips.len() < 300, "{}", ips.len());
    let when = strings("when");
    assert!(when.iter().any(|s| s.ends_with('Z')));
    assert!(
        when.iter()
            .any(|s| s.contains('+') || s[10..].contains('-'))
    );
    assert!(when.iter().any(|s| s.contains('.')));
    assert!(strings("destination").iter().any(String::is_empty));
    let expires = strings("expires");
    assert!(expires.iter().any(|s| s == "0:00:05") && expires.iter().any(|s| s == "3:00:00"));
    // Characters beyond ASCII.
    assert!(strings("plain").iter().any(|s| !s.is_ascii()));

    let numbers = sample(&NUMBERS_SHAPE, 9, 400);
    let wide: Vec<&Value> = numbers.iter().filter_map(|v| v.get("wide")).collect();
    assert!(wide.iter().any(|v| v.as_i64() == Some(i64::MIN)));
    assert!(wide.iter().any(|v| v.as_i64() == Some(i64::MAX)));
    // Integers are written in digits only: `5.0` is an integer to JSON Schema, but
    // Json.NET's Int32 reader (the Ivanti server) refuses it.
    assert!(
        numbers
            .iter()
            .all(|v| v.get("small").is_none_or(|n| !n.is_f64()))
    );

    // Both sides of a `requires` with defaults: disabled jobs that do not retry.
    let jobs = sample(&JOB_SHAPE, 10, 400);
    assert!(
        jobs.iter()
            .any(|j| j.get("enabled") == Some(&Value::Bool(false)))
    );
    assert!(jobs.iter().any(|j| {
        j.get("features")
            .and_then(Value::as_array)
            .is_some_and(|f| f.contains(&Value::from(48)))
    }));
    assert!(
        jobs.iter()
            .any(|j| j.get("kind") == Some(&Value::from("install")))
    );

    // The recursive type nests.
    let nodes = sample(&NODE_SHAPE, 11, 200);
    assert!(nodes.iter().any(|n| n.pointer("/parent/parent").is_some()));
}

// ----------------------------------------------------------------------------------------
// Determinism (the CLI's `sample --seed`).

#[test]
fn samples_are_deterministic_per_seed() {
    assert_eq!(sample(&ALL_SHAPE, 42, 20), sample(&ALL_SHAPE, 42, 20));
    assert_ne!(sample(&ALL_SHAPE, 42, 20), sample(&ALL_SHAPE, 43, 20));
    assert_eq!(
        sample_invalid(&ALL_SHAPE, 42, 20),
        sample_invalid(&ALL_SHAPE, 42, 20)
    );
    assert_ne!(
        sample_invalid(&ALL_SHAPE, 42, 20),
        sample_invalid(&ALL_SHAPE, 43, 20)
    );
    assert_eq!(sample(&ROOT_STRING, 0, 5).len(), 5);
    assert_eq!(sample_invalid(&JOB_SHAPE, 0, 7).len(), 7);
}

// ----------------------------------------------------------------------------------------
// Typed values

#[derive(Debug, serde::Serialize)]
struct Point {
    x: i64,
    y: i64,
}

impl Contract for Point {
    const SHAPE: Shape = Shape::Object(|| &POINT);
}

impl FromTree for Point {
    fn from_tree(value: ValueRef<'_>, names: NameMatching) -> Option<Self> {
        let field = |name| vendorspec_runtime::typed::member(value, name, names);
        Some(Point {
            x: i64::from_tree(field("x")?, names)?,
            y: i64::from_tree(field("y")?, names)?,
        })
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Typed values validate through the same walk.
    #[test]
    fn typed_values_validate(p in typed::<Point>()) {
        prop_assert!((0..=3).contains(&p.x) && (0..=3).contains(&p.y));
        prop_assert!(!walk::validate_value(&p).has_errors());
    }
}

// ----------------------------------------------------------------------------------------
// Disagreements found by these properties

static NUMBER_TO_I64_MAX: Shape = Shape::Number(NumberDesc {
    minimum: None,
    maximum: Some(Num::Int(i64::MAX)),
});

/// Found by `valid_numbers` (its first version generated `9.223372036854776e18`): the walk
/// compared a `Number` with the integer bound `i64::MAX` as `f64`, where the bound rounds
/// up to 2^63, so it accepted `9223372036854775808` (2^63) while the `jsonschema` crate
/// compares exactly and rejects it. The walk now compares as the engines do: integer
/// lexemes exactly, other lexemes as their f64 value compared exactly with the bound
/// (`-9.223372036854776e18` is the f64 -2^63, equal to `i64::MIN`, so it is accepted).
#[test]
fn number_bound_at_i64_max_agrees() {
    let schema = validator(&NUMBER_TO_I64_MAX);
    for text in [
        "9223372036854775808",
        "9.223372036854776e18",
        "9223372036854775807",
        "9.223372036854775e18",
    ] {
        let walk_ok = errors(&NUMBER_TO_I64_MAX, text).is_empty();
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(walk_ok, schema.is_valid(&value), "{text}");
    }
}

// ----------------------------------------------------------------------------------------
// Realistic samples (the CLI's `sample` without `--adversarial`)

/// The reference day of the realistic tests.
fn reference() -> Day {
    Day::new(2026, 3, 15).unwrap()
}

/// Every fixture.
const FIXTURES: [&Shape; 9] = [
    &STRINGS_SHAPE,
    &NUMBERS_SHAPE,
    &ARRAYS_SHAPE,
    &TARGET_SHAPE,
    &JOB_SHAPE,
    &RANGE_SHAPE,
    &NODE_SHAPE,
    &ALL_SHAPE,
    &ROOT_STRING,
];

fn realistic(shape: &'static Shape, today: Day, seed: u64, count: usize) -> Vec<Value> {
    sample_realistic(
        shape,
        Realism {
            examples: &[],
            today,
        },
        seed,
        count,
    )
}

/// Calls `f` on every node of `value` with the shape (and member, if any) it was drawn for.
fn visit(
    shape: &Shape,
    member: Option<&MemberDesc>,
    value: &Value,
    f: &mut impl FnMut(&Shape, Option<&MemberDesc>, &Value),
) {
    f(shape, member, value);
    match (shape, value) {
        (Shape::Array(a), Value::Array(items)) => {
            for item in items {
                visit(a.items, None, item, f);
            }
        }
        (Shape::Object(o), Value::Object(map)) => {
            for (name, v) in map {
                if let Some(m) = o().members.iter().find(|m| m.name == name) {
                    visit(&m.shape, Some(m), v, f);
                }
            }
        }
        _ => {}
    }
}

/// Why `value` does not look like what a person would write (empty when it does).
fn unreal(shape: &Shape, value: &Value, today: Day) -> Vec<String> {
    let mut out = Vec::new();
    visit(
        shape,
        None,
        value,
        &mut |shape, member, v| match (shape, v) {
            (Shape::String(d), Value::String(s)) => {
                if s.chars().any(char::is_control) {
                    out.push(format!("a control character in {s:?}"));
                }
                if matches!(
                    d.format,
                    Some(Format::DateTime | Format::DateTimeOffsetOptional)
                ) {
                    let year: i32 = s[..4].parse().unwrap();
                    if (year - i32::from(today.year())).abs() > 1 {
                        out.push(format!("{s} is not within a year of {today}"));
                    }
                }
                if member.is_some_and(|m| m.secret) && s != "change-me" {
                    out.push(format!("the secret {s:?}"));
                }
            }
            (Shape::Integer(_) | Shape::Number(_), Value::Number(n))
                if n.as_f64().is_none_or(|f| f.abs() > 10_000.0) =>
            {
                out.push(format!("the number {n}"));
            }
            (Shape::Array(a), Value::Array(items))
                if items.len() as u64 > a.min_items.unwrap_or(0).max(3) =>
            {
                out.push(format!("{} items", items.len()));
            }
            (_, Value::Object(map)) => {
                for name in map.keys().filter(|k| k.chars().any(char::is_control)) {
                    out.push(format!("a control character in the member name {name:?}"));
                }
            }
            _ => {}
        },
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Realistic values validate (walk and schema) and look real, for any seed and day.
    #[test]
    fn realistic_values_validate_and_look_real(seed in any::<u64>(), shift in -700i64..700) {
        let today = reference().plus_days(shift);
        for shape in FIXTURES {
            let values = realistic(shape, today, seed, 4);
            prop_assert_eq!(values.len(), 4);
            for v in &values {
                check_valid(shape, v)?;
                let faults = unreal(shape, v, today);
                prop_assert!(faults.is_empty(), "{:?} in {}", faults, v);
            }
        }
    }
}

/// The examples' values are preferred, except secrets (never echoed) and date-times
/// (drawn near the reference day); defaults are used too.
#[test]
fn realistic_values_prefer_the_examples() {
    let examples = [json!({
        "plain": "Quarterly audit",
        "uuid": "61d8944e-d900-4724-87eb-d10078b90a41",
        "when": "2019-06-01T10:00:00Z",
        "ip": "10.20.30.40",
        "password": "hunter2hunter2",
    })];
    let realism = Realism {
        examples: &examples,
        today: reference(),
    };
    let values = sample_realistic(&STRINGS_SHAPE, realism, 3, 90);
    let count = |member: &str, text: &str| values.iter().filter(|v| v[member] == text).count();
    // Two times in three from the example, else a fresh value.
    let plain = count("plain", "Quarterly audit");
    assert!((40..85).contains(&plain), "{plain} of 90");
    assert!(count("uuid", "61d8944e-d900-4724-87eb-d10078b90a41") > 40);
    assert!(count("ip", "10.20.30.40") > 10);
    assert_eq!(count("password", "hunter2hunter2"), 0);
    assert!(count("password", "change-me") > 10);
    for v in &values {
        let when = v["when"].as_str().unwrap();
        assert!(when.starts_with("2026-03-1"), "{when}");
    }
    // Items of the examples' arrays, and defaults (`retries` is 3 when absent).
    let examples = [json!({"tags": ["alpha", "beta"], "name": "Nightly scan"})];
    let jobs = sample_realistic(
        &JOB_SHAPE,
        Realism {
            examples: &examples,
            today: reference(),
        },
        4,
        60,
    );
    assert!(jobs.iter().any(|j| j["retries"] == json!(3)));
    assert!(jobs.iter().any(|j| j["name"] == json!("Nightly scan")));
    assert!(jobs.iter().any(|j| {
        j["tags"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("beta")))
    }));
}

#[test]
fn realistic_samples_are_deterministic_per_seed_and_day() {
    let today = reference();
    assert_eq!(
        realistic(&ALL_SHAPE, today, 42, 10),
        realistic(&ALL_SHAPE, today, 42, 10)
    );
    assert_ne!(
        realistic(&ALL_SHAPE, today, 42, 10),
        realistic(&ALL_SHAPE, today, 43, 10)
    );
    // The date-times follow the day.
    assert_ne!(
        realistic(&ALL_SHAPE, today, 42, 10),
        realistic(&ALL_SHAPE, today.plus_days(30), 42, 10)
    );
    assert_eq!(realistic(&ROOT_STRING, today, 0, 5).len(), 5);
}

/// The realistic generator is not the adversarial one: on the same seed they differ, and
/// the adversarial values fail the checks the realistic ones pass.
#[test]
fn realistic_samples_differ_from_adversarial_ones() {
    let today = reference();
    let faults = |values: &[Value]| {
        values
            .iter()
            .flat_map(|v| unreal(&ALL_SHAPE, v, today))
            .collect::<Vec<_>>()
    };
    let realistic = realistic(&ALL_SHAPE, today, 7, 20);
    let adversarial = sample(&ALL_SHAPE, 7, 20);
    assert_ne!(realistic, adversarial);
    assert_eq!(faults(&realistic), Vec::<String>::new());
    let found = faults(&adversarial);
    for kind in ["control character", "not within a year", "the number"] {
        assert!(
            found.iter().any(|f| f.contains(kind)),
            "no adversarial value with {kind}: {found:?}"
        );
    }
}

#[test]
fn days_count_as_the_calendar_does() {
    assert_eq!(Day::from_unix_seconds(0).to_string(), "1970-01-01");
    assert_eq!(Day::from_unix_seconds(-1).to_string(), "1969-12-31");
    assert_eq!(Day::from_unix_seconds(1_773_619_199), reference());
    assert_eq!(
        Day::from_unix_seconds(951_782_400).to_string(),
        "2000-02-29"
    );
    assert_eq!(Day::from_unix_seconds(i64::MAX).to_string(), "9999-12-31");
    assert_eq!(Day::from_unix_seconds(i64::MIN).to_string(), "0001-01-01");
    let leap = Day::new(2024, 2, 29).unwrap();
    assert_eq!(leap.plus_days(365).to_string(), "2025-02-28");
    assert_eq!(leap.plus_days(-366).to_string(), "2023-02-28");
    assert!(Day::new(2026, 2, 29).is_none());
    assert!(Day::new(2026, 13, 1).is_none());
    assert!(Day::new(0, 1, 1).is_none());
    // Every day from 1599 to 2401 follows the one before it.
    let mut day = Day::new(1599, 1, 1).unwrap();
    while day.year() < 2401 {
        let next = day.plus_days(1);
        assert!(next > day);
        assert_eq!(
            Some(next),
            Day::new(next.year(), next.month(), next.day()),
            "{next}"
        );
        let expected = if Day::new(day.year(), day.month(), day.day() + 1).is_some() {
            (day.year(), day.month(), day.day() + 1)
        } else if day.month() < 12 {
            (day.year(), day.month() + 1, 1)
        } else {
            (day.year() + 1, 1, 1)
        };
        assert_eq!((next.year(), next.month(), next.day()), expected, "{day}");
        assert_eq!(next.plus_days(-1), day);
        day = next;
    }
}
