//! The format patterns of the published schemas accept exactly what `Format::matches`
//! accepts: checked with the Rust `regex` crate (the pattern alone) and with the
//! `jsonschema` crate (the whole string schema, ECMA-262 regex semantics), on hand-picked,
//! exhaustive and random strings.

use proptest::prelude::*;
use regex::Regex;
use serde_json::{Value, json};
use vendorspec_runtime::desc::{Shape, StringDesc};
use vendorspec_runtime::formats::{self, Format, duration_minutes, format_duration};
use vendorspec_runtime::schema::{
    DocumentMeta, MAX_DURATION, NEWLINE_GUARD, document, duration_pattern, format_pattern,
};

/// The schema of a string in `format` (with duration bounds), compiled by `jsonschema`.
fn validator(format: Format, min: Option<u64>, max: Option<u64>) -> jsonschema::Validator {
    let shape = Shape::String(StringDesc {
        format: Some(format),
        min_duration: min,
        max_duration: max,
        ..StringDesc::NONE
    });
    let doc = document(&shape, &DocumentMeta::default());
    jsonschema::draft202012::meta::validate(&doc).expect("valid draft 2020-12 document");
    jsonschema::draft202012::new(&doc).expect("compiles")
}

struct Checker {
    format: Format,
    regex: Regex,
    schema: jsonschema::Validator,
}

impl Checker {
    fn new(format: Format) -> Checker {
        let pattern = format_pattern(format);
        Checker {
            format,
            regex: Regex::new(&pattern).expect("pattern compiles in Rust regex"),
            schema: validator(format, None, None),
        }
    }

    /// Both the pattern (Rust semantics) and the schema (jsonschema) agree with `matches`.
    fn check(&self, value: &str) {
        let expected = self.format.matches(value);
        assert_eq!(
            self.regex.is_match(value),
            expected,
            "{} pattern on {value:?}",
            self.format
        );
        assert_eq!(
            self.schema.is_valid(&Value::String(value.to_owned())),
            expected,
            "{} schema on {value:?}",
            self.format
        );
    }
}

#[test]
fn patterns_use_the_portable_subset() {
    for (_, format) in Format::ALL {
        let p = format_pattern(format);
        assert!(p.starts_with('^') && p.ends_with('$'), "{format}: anchored");
        for banned in [
            "\\d", "\\s", "\\w", "\\b", "(?i", "(?=", "(?!", "(?<", "\\Z", "\\z",
        ] {
            assert!(!p.contains(banned), "{format}: {banned} in {p}");
        }
    }
    assert_eq!(NEWLINE_GUARD, "\\n");
}

#[test]
fn the_simple_patterns_read_as_documented() {
    assert_eq!(format_pattern(Format::DeviceId), "^[0-9A-F]{32}$");
    assert_eq!(format_pattern(Format::NonNegativeIntegerString), "^[0-9]+$");
    assert_eq!(
        format_pattern(Format::DurationDhm),
        "^(?:0|[1-9][0-9]{0,8}):(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
    );
}

fn hand_picked() -> &'static [(Format, &'static [&'static str])] {
    &[
        (
            Format::Uuid,
            &[
                "61d8944e-d900-4724-87eb-d10078b90a41",
                "61D8944E-D900-4724-87EB-D10078B90A41",
                "61d8944ed900472487ebd10078b90a41",
                "61d8944e-d900-4724-87eb-d10078b90a4g",
                "61d8944e-d900-4724-87eb-d10078b90a41\n",
                "\n61d8944e-d900-4724-87eb-d10078b90a41",
                " 61d8944e-d900-4724-87eb-d10078b90a41",
                "61d8944e-d900-4724-87eb-d10078b90a411",
                "{61d8944e-d900-4724-87eb-d10078b90a41}",
                "urn:uuid:61d8944e-d900-4724-87eb-d10078b90a41",
                "61d8944e_d900_4724_87eb_d10078b90a41",
                "",
            ],
        ),
        (
            Format::Ipv4,
            &[
                "192.168.0.1",
                "0.0.0.0",
                "255.255.255.255",
                "256.1.1.1",
                "192.168.0.256",
                "192.168.00.1",
                "01.1.1.1",
                "192.168.0",
                "192.168.0.1.",
                "192.168.0.1\n",
                "1.2.3.4.5",
                "1..3.4",
                "+1.2.3.4",
                "1.2.3.4 ",
                "١.٢.٣.٤",
                "",
            ],
        ),
        (
            Format::DeviceId,
            &[
                "E378DACB9324453AB8C65A8406952195",
                "e378dacb9324453ab8c65a8406952195",
                "E378DACB-9324-453A-B8C6-5A8406952195",
                "E378DACB9324453AB8C65A840695219",
                "E378DACB9324453AB8C65A84069521950",
                "E378DACB9324453AB8C65A8406952195\n",
                "G378DACB9324453AB8C65A8406952195",
            ],
        ),
        (
            Format::DurationDhm,
            &[
                "0:00:05",
                "3:00:00",
                "12:23:59",
                "00:00:05",
                "0:0:05",
                "0:24:00",
                "0:00:60",
                "999999999:23:59",
                "1000000000:00:00",
                "0:00:05\n",
                "0:00",
                "0:00:00:00",
                ":00:00",
                "-1:00:00",
                "+1:00:00",
                "1:00:00 ",
                "１:00:00",
                "1:٠٠:00",
                "",
            ],
        ),
        (
            Format::ResultUrl,
            &[
                "",
                "ftp://host/path",
                "SFTP://host",
                "sMb://server/share",
                "http://host",
                "ftp://",
                "ftp:///path",
                "ftp://?q",
                "ftp://#f",
                "ftp://host/a b",
                "ftp://host/a\u{a0}b",
                "ftp://host/a\u{3000}",
                "ftp://host/\u{7f}",
                "ftp://host/\u{85}",
                "ftp://host\n",
                "ftp://h\u{200b}",
                "ftp://ünï/çødé",
                "ftp://😀",
                "ftps://host",
                " ftp://host",
                "ftp:/host",
                "ftp:host",
                "\n",
            ],
        ),
        (
            Format::ResultDestination,
            &[
                "",
                "ftp://host/path",
                "https://AK:SK@bucket.s3.amazonaws.com/folder",
                "HTTPS://bucket",
                "hTtPs://h/x?y#z",
                "http://host",
                "https://",
                "https:///path",
                "https://?q",
                "https://host/a b",
                "https://host\n",
                "httpss://host",
                "ftps://host",
                " https://host",
                "https:/host",
            ],
        ),
        (
            Format::NonNegativeIntegerString,
            &[
                "0", "100", "007", "-5", "", "1.5", "1e3", " 1", "1\n", "١٢", "１",
            ],
        ),
    ]
}

#[test]
fn every_format_on_hand_picked_strings() {
    for (format, values) in hand_picked() {
        let checker = Checker::new(*format);
        for value in *values {
            checker.check(value);
        }
    }
}

// ----------------------------------------------------------------------------------------
// date-time

#[test]
fn date_time_calendar_days() {
    let checker = Checker::new(Format::DateTime);
    let mut years: Vec<u32> = (1890..=2110).collect();
    years.extend([
        0, 1, 2, 3, 4, 8, 96, 100, 104, 200, 300, 400, 800, 1200, 1600, 1700, 1800, 1900, 2400,
        2500, 9600, 9900, 9996, 9999,
    ]);
    for year in years {
        for month in 0..=13 {
            for day in [0, 1, 9, 10, 19, 20, 27, 28, 29, 30, 31, 32, 39, 40, 99] {
                checker.check(&format!("{year:04}-{month:02}-{day:02}T12:00:00Z"));
            }
        }
        // Every day of February and of a 30-day month, through the jsonschema crate too.
        for day in 28..=31 {
            checker.check(&format!("{year:04}-02-{day:02}t00:00:00z"));
            checker.check(&format!("{year:04}-04-{day:02}T23:59:60+05:30"));
        }
    }
}

/// Both date-time formats: the offset-optional one accepts what `date-time` accepts, and
/// the same texts without their offset.
#[test]
fn date_time_clock_fraction_and_offset() {
    for format in [Format::DateTime, Format::DateTimeOffsetOptional] {
        date_time_clock_fraction_and_offset_of(format);
    }
}

#[test]
fn date_time_offset_optional_calendar_days() {
    let checker = Checker::new(Format::DateTimeOffsetOptional);
    for year in [0, 4, 100, 400, 1900, 2000, 2023, 2024, 9999] {
        for month in 0..=13 {
            for day in [0, 1, 28, 29, 30, 31, 32] {
                checker.check(&format!("{year:04}-{month:02}-{day:02}T12:00:00"));
                checker.check(&format!("{year:04}-{month:02}-{day:02}t12:00:00.5"));
            }
        }
    }
}

fn date_time_clock_fraction_and_offset_of(format: Format) {
    let checker = Checker::new(format);
    for h in 0..=25 {
        for m in [0, 9, 10, 59, 60, 61] {
            for s in [0, 9, 59, 60, 61, 99] {
                checker.check(&format!("2024-02-29T{h:02}:{m:02}:{s:02}Z"));
                checker.check(&format!("2024-02-29T{h:02}:{m:02}:{s:02}"));
            }
        }
    }
    for oh in 0..=25 {
        for om in [0, 30, 59, 60, 99] {
            for sign in ['+', '-', '\u{2212}', ' '] {
                checker.check(&format!("2022-03-03T11:30:00{sign}{oh:02}:{om:02}"));
            }
        }
    }
    for value in [
        "2022-03-03T11:30:00.000Z",
        "2023-01-06T11:35:02.007Z",
        "2022-03-03T11:30:00.123456789012Z",
        "2022-03-03T11:30:00.Z",
        "2022-03-03T11:30:00,5Z",
        "2022-03-03T11:30:00.5.5Z",
        "2022-03-03T11:30:00",
        "2020-05-29T10:12:45",
        "2020-05-29T10:12:45.123",
        "2020-05-29T10:12:45.",
        "2022-03-03T11:30",
        "2022-03-03T11:30Z",
        "2022-03-03 11:30:00Z",
        "2022-03-03_11:30:00Z",
        "2022-03-03T11:30:00Zz",
        "2022-03-03T11:30:00+0530",
        "2022-03-03T11:30:00+05",
        "2022-03-03T11:30:00+05:30:00",
        "2022-03-03T11:30:00z",
        "2022-03-03t11:30:00Z",
        "2022-03-03T11:30:00Z\n",
        "2022-03-03T11:30:00Z ",
        " 2022-03-03T11:30:00Z",
        "22-03-03T11:30:00Z",
        "+2022-03-03T11:30:00Z",
        "12022-03-03T11:30:00Z",
        "2022-3-03T11:30:00Z",
        "2022-03-3T11:30:00Z",
        "2022-03-03T1:30:00Z",
        "2022/03/03T11:30:00Z",
        "２０２２-03-03T11:30:00Z",
        "2022-03-03T11:30:60Z",
        "2022-12-31T23:59:60Z",
        "2022-12-31T23:59:60.999-08:00",
        "",
    ] {
        checker.check(value);
    }
}

// ----------------------------------------------------------------------------------------
// result_url: every character, in three positions

#[test]
fn result_url_every_character() {
    let checker = Checker::new(Format::ResultUrl);
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        for value in [
            format!("ftp://{c}"),
            format!("sftp://h/{c}x"),
            format!("{c}mb://h"),
        ] {
            let expected = Format::ResultUrl.matches(&value);
            assert_eq!(
                checker.regex.is_match(&value),
                expected,
                "pattern on {value:?}"
            );
        }
        // The jsonschema crate on the characters where anything could differ.
        if (c as u32) < 0x3100 || (0xFE00..0xFF00).contains(&(c as u32)) {
            checker.check(&format!("ftp://h{c}"));
            checker.check(&format!("smb://{c}/x"));
        }
    }
}

// ----------------------------------------------------------------------------------------
// duration_dhm with bounds

/// Every value from 0 to 5 days and beyond, plus malformed strings, for many bounds.
#[test]
fn bounded_durations_exhaustive() {
    const DAY: u64 = 24 * 60;
    let bounds: Vec<(Option<u64>, Option<u64>)> = vec![
        (None, None),
        (Some(0), None),
        (None, Some(0)),
        (Some(0), Some(0)),
        (Some(5), None),
        (None, Some(5)),
        (Some(1), Some(59)),
        (Some(60), Some(60)),
        (Some(59), Some(61)),
        (Some(5), Some(3 * DAY)),
        (Some(30), Some(DAY)),
        (Some(DAY), Some(DAY)),
        (Some(DAY - 1), Some(DAY + 1)),
        (Some(61), Some(119)),
        (Some(61), Some(180)),
        (Some(125), Some(1370)),
        (Some(2 * DAY + 605), Some(4 * DAY + 1377)),
        (Some(DAY + 600), None),
        (None, Some(4 * DAY + 659)),
        (Some(10), Some(9)),
        (Some(9 * DAY), Some(12 * DAY)),
        (Some(9 * DAY + 1), Some(10 * DAY + 1)),
        (Some(99 * DAY + 1439), Some(100 * DAY)),
        (Some(0), Some(1_000 * DAY + 7)),
        (Some(123_456 * DAY + 17), Some(987_654 * DAY + 1000)),
        (Some(MAX_DURATION), None),
        (Some(MAX_DURATION + 1), None),
        (None, Some(MAX_DURATION)),
        (Some(MAX_DURATION - 1), Some(u64::MAX)),
    ];
    let mut probes: Vec<u64> = (0..=5 * DAY + 61).collect();
    for &(lo, hi) in &bounds {
        for b in [lo, hi].into_iter().flatten() {
            for v in b.saturating_sub(1500)..=b.saturating_add(1500).min(MAX_DURATION) {
                probes.push(v);
            }
        }
    }
    probes.extend([
        9 * DAY,
        10 * DAY,
        99 * DAY,
        100 * DAY,
        999 * DAY,
        1000 * DAY,
        123_456_789 * DAY,
        MAX_DURATION,
    ]);
    probes.sort_unstable();
    probes.dedup();
    let malformed = [
        "",
        "0",
        "0:00",
        "00:00:00",
        "01:00:00",
        "0:0:00",
        "0:00:0",
        "0:24:00",
        "0:00:60",
        "0:99:99",
        "1:00:00:00",
        "1:00:00\n",
        " 1:00:00",
        "1 :00:00",
        "-1:00:00",
        "+1:00:00",
        "1000000000:00:00",
        "9999999999:23:59",
        "a:00:00",
        "1:0a:00",
        "1:00:0a",
        "١:00:00",
        "1:００:00",
    ];
    for (lo, hi) in bounds {
        let in_range = |v: u64| lo.is_none_or(|lo| v >= lo) && hi.is_none_or(|hi| v <= hi);
        let Some(pattern) = duration_pattern(lo, hi) else {
            assert!(
                probes.iter().all(|&v| !in_range(v)),
                "{lo:?}..={hi:?}: no pattern, yet a value is in range"
            );
            let schema = validator(Format::DurationDhm, lo, hi);
            assert!(!schema.is_valid(&json!("0:00:00")));
            continue;
        };
        let regex = Regex::new(&pattern).expect("compiles");
        for &v in &probes {
            let text = format_duration(v);
            assert_eq!(duration_minutes(&text), Some(v));
            assert_eq!(
                regex.is_match(&text),
                in_range(v),
                "{pattern} on {text} ({v} minutes), bounds {lo:?}..={hi:?}"
            );
        }
        for text in malformed {
            let expected = duration_minutes(text).is_some_and(in_range);
            assert_eq!(regex.is_match(text), expected, "{pattern} on {text:?}");
        }
        // The schema, through the jsonschema crate, on the bounds' neighbourhood.
        let schema = validator(Format::DurationDhm, lo, hi);
        let mut edges: Vec<u64> = [lo, hi]
            .into_iter()
            .flatten()
            .flat_map(|b| b.saturating_sub(2)..=b.saturating_add(2))
            .filter(|&v| v <= MAX_DURATION)
            .collect();
        edges.extend([0, 1, 59, 60, DAY - 1, DAY, 3 * DAY, MAX_DURATION]);
        for v in edges {
            let text = format_duration(v);
            assert_eq!(
                schema.is_valid(&json!(text)),
                in_range(v),
                "schema on {text}"
            );
        }
        for text in malformed {
            let expected = duration_minutes(text).is_some_and(in_range);
            assert_eq!(
                schema.is_valid(&json!(text)),
                expected,
                "schema on {text:?}"
            );
        }
    }
}

#[test]
fn bounded_duration_patterns_stay_readable() {
    assert_eq!(
        duration_pattern(Some(5), Some(3 * 24 * 60)).as_deref(),
        Some(
            "^(?:0:(?:00:(?:0[5-9]|[1-5][0-9])|(?:0[1-9]|1[0-9]|2[0-3]):[0-5][0-9])|[12]:(?:[01][0-9]|2[0-3]):[0-5][0-9]|3:00:00)$"
        )
    );
    assert_eq!(duration_pattern(Some(10), Some(9)), None);
    assert_eq!(duration_pattern(Some(MAX_DURATION + 1), None), None);
}

// ----------------------------------------------------------------------------------------
// Random strings near each format

/// Seeds for each format: valid values, to be mutated.
fn seeds(format: Format) -> &'static [&'static str] {
    match format {
        Format::Uuid => &[
            "61d8944e-d900-4724-87eb-d10078b90a41",
            "00000000-0000-0000-0000-00000000000F",
        ],
        Format::DateTime => &[
            "2022-03-03T11:30:00.000Z",
            "2024-02-29t23:59:60+05:30",
            "2000-02-29T00:00:00-12:59",
            "1900-02-28T10:00:00z",
        ],
        Format::Ipv4 => &["192.168.0.1", "10.0.0.255", "0.0.0.0", "249.250.199.99"],
        Format::DeviceId => &["E378DACB9324453AB8C65A8406952195"],
        Format::DurationDhm => &["0:00:05", "12:23:59", "999999999:23:59", "1:19:40"],
        Format::DateTimeOffsetOptional => &[
            "2020-05-29T10:12:45",
            "2022-03-03T11:30:00.000Z",
            "2024-02-29t23:59:60.5",
            "1900-02-28T10:00:00+01:00",
        ],
        Format::ResultUrl => &["", "ftp://host/path", "SFTP://h?q#f", "smb://server/share"],
        Format::ResultDestination => &[
            "",
            "https://AK:SK@bucket.s3.amazonaws.com/x",
            "HTTPS://h?q#f",
            "ftp://u:p@host/path",
        ],
        Format::NonNegativeIntegerString => &["0", "100", "18446744073709551616"],
    }
}

/// Characters that make near misses likely.
const ALPHABET: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '9', 'a', 'f', 'g', 'A', 'F', 'G', 'T', 't', 'Z', 'z', '-',
    '+', ':', '.', '/', '?', '#', ' ', '\n', '\t', '\u{a0}', '\u{85}', '\u{7f}', '\u{2028}',
    '\u{200b}', '٣', '３', 'é', '😀', 's', 'm', 'b', 'p',
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = proptest::sample::select(ALPHABET);
    prop_oneof![
        (any::<usize>(), c.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), c).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) if !chars.is_empty() => {
                chars.remove(i % chars.len());
            }
            Edit::Replace(i, c) if !chars.is_empty() => {
                let n = chars.len();
                chars[i % n] = c;
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn near(format: Format) -> impl Strategy<Value = String> {
    (
        proptest::sample::select(seeds(format)),
        proptest::collection::vec(edit(), 0..4),
    )
        .prop_map(|(seed, edits)| mutate(seed, &edits))
}

fn checker(format: Format) -> &'static Checker {
    use std::sync::OnceLock;
    static CHECKERS: [OnceLock<Checker>; Format::ALL.len()] =
        [const { OnceLock::new() }; Format::ALL.len()];
    let i = Format::ALL.iter().position(|(_, f)| *f == format).unwrap();
    CHECKERS[i].get_or_init(|| Checker::new(format))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn uuid_near_misses(s in near(Format::Uuid)) { checker(Format::Uuid).check(&s) }

    #[test]
    fn date_time_near_misses(s in near(Format::DateTime)) { checker(Format::DateTime).check(&s) }

    #[test]
    fn date_time_shapes(s in "[0-9]{4}-[0-3][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{0,3})?([Zz]|[+-][0-2][0-9]:?[0-6][0-9])?") {
        checker(Format::DateTime).check(&s)
    }

    #[test]
    fn ipv4_near_misses(s in near(Format::Ipv4)) { checker(Format::Ipv4).check(&s) }

    #[test]
    fn ipv4_shapes(s in "[0-9]{1,4}(\\.[0-9]{1,4}){2,4}") { checker(Format::Ipv4).check(&s) }

    /// The byte-by-byte reader gives `std`'s verdicts and values.
    #[test]
    fn ipv4_as_std_reads_it(s in "[0-9.]{0,17}|[0-9]{1,4}(\\.[0-9]{1,4}){2,4}|[ 0-9a.+]{7,15}") {
        prop_assert_eq!(
            formats::ipv4(&s),
            s.parse::<std::net::Ipv4Addr>().ok().map(u32::from)
        );
    }

    #[test]
    fn device_id_near_misses(s in near(Format::DeviceId)) { checker(Format::DeviceId).check(&s) }

    #[test]
    fn duration_near_misses(s in near(Format::DurationDhm)) { checker(Format::DurationDhm).check(&s) }

    #[test]
    fn date_time_offset_optional_near_misses(s in near(Format::DateTimeOffsetOptional)) {
        checker(Format::DateTimeOffsetOptional).check(&s)
    }

    #[test]
    fn date_time_offset_optional_shapes(s in "[0-9]{4}-[0-3][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{0,3})?([Zz]|[+-][0-2][0-9]:?[0-6][0-9])?") {
        checker(Format::DateTimeOffsetOptional).check(&s)
    }

    #[test]
    fn result_url_near_misses(s in near(Format::ResultUrl)) { checker(Format::ResultUrl).check(&s) }

    #[test]
    fn result_destination_near_misses(s in near(Format::ResultDestination)) {
        checker(Format::ResultDestination).check(&s)
    }

    #[test]
    fn result_destination_any_text(s in "(?i:(s?ftp|smb|https?)://)?\\PC{0,8}") {
        checker(Format::ResultDestination).check(&s)
    }

    #[test]
    fn result_url_any_text(s in "(?i:(s?ftp|smb)://)?\\PC{0,8}") { checker(Format::ResultUrl).check(&s) }

    #[test]
    fn non_negative_integer_string_near_misses(s in near(Format::NonNegativeIntegerString)) {
        checker(Format::NonNegativeIntegerString).check(&s)
    }

    #[test]
    fn bounded_duration_random(lo in 0u64..20_000, span in 0u64..20_000, v in 0u64..45_000) {
        let hi = lo + span;
        let pattern = duration_pattern(Some(lo), Some(hi)).unwrap();
        let regex = Regex::new(&pattern).unwrap();
        prop_assert_eq!(regex.is_match(&format_duration(v)), (lo..=hi).contains(&v), "{}", pattern);
    }

    #[test]
    fn bounded_duration_large(lo in 0u64..MAX_DURATION, hi in 0u64..MAX_DURATION, v in 0u64..MAX_DURATION) {
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        let pattern = duration_pattern(Some(lo), Some(hi)).unwrap();
        let regex = Regex::new(&pattern).unwrap();
        for probe in [v, lo, hi, lo.saturating_sub(1), hi + 1, (lo + hi) / 2] {
            prop_assert_eq!(
                regex.is_match(&format_duration(probe)),
                (lo..=hi).contains(&probe),
                "{} on {}", pattern, probe
            );
        }
    }
}

#[test]
fn format_names_are_all_covered() {
    // A new format must get a pattern and seeds here.
    for (_, format) in Format::ALL {
        assert!(!seeds(format).is_empty());
        assert!(Regex::new(&format_pattern(format)).is_ok());
        let _ = formats::Format::expectation(format);
    }
}

/// With `VENDORSPEC_SCHEMA_DUMP=<dir>`, writes `formats.corpus.json`: for each format (and a
/// few duration bounds) the pattern, the string schema and strings with the validator's
/// verdict, for the cross-language runs (Python `re` and `jsonschema`, JavaScript `RegExp`
/// with the `u` flag and Ajv).
#[test]
fn dump_corpus_for_other_engines() {
    let Some(dir) = std::env::var_os("VENDORSPEC_SCHEMA_DUMP") else {
        return;
    };
    let mut strings: Vec<String> = Vec::new();
    for (_, values) in hand_picked() {
        strings.extend(values.iter().map(|s| s.to_string()));
    }
    for year in [1900, 1996, 2000, 2023, 2024, 2100, 2400] {
        for month in 0..=13 {
            for day in [0, 1, 28, 29, 30, 31, 32] {
                strings.push(format!("{year:04}-{month:02}-{day:02}T12:00:60Z"));
            }
        }
    }
    for c in (0..0x3100u32)
        .chain(0xFE00..0xFF10)
        .filter_map(char::from_u32)
    {
        strings.push(format!("ftp://h{c}"));
        strings.push(format!("ftp://{c}"));
    }
    // Deterministic near misses: a small linear congruential generator.
    let mut state: u64 = 0x5EED;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    for (_, format) in Format::ALL {
        for _ in 0..3000 {
            let seed = seeds(format)[next(seeds(format).len())];
            let edits: Vec<Edit> = (0..next(4))
                .map(|_| {
                    let (i, c) = (next(64), ALPHABET[next(ALPHABET.len())]);
                    match next(3) {
                        0 => Edit::Insert(i, c),
                        1 => Edit::Delete(i),
                        _ => Edit::Replace(i, c),
                    }
                })
                .collect();
            strings.push(mutate(seed, &edits));
        }
    }
    for v in (0..=3 * 24 * 60 + 30).step_by(7) {
        strings.push(format_duration(v));
    }
    strings.sort();
    strings.dedup();

    let mut entries = Vec::new();
    let mut add = |name: String, format: Format, min: Option<u64>, max: Option<u64>| {
        let shape = Shape::String(StringDesc {
            format: Some(format),
            min_duration: min,
            max_duration: max,
            ..StringDesc::NONE
        });
        let pattern = match format {
            Format::DurationDhm => duration_pattern(min, max).unwrap(),
            other => format_pattern(other).into_owned(),
        };
        let cases: Vec<Value> = strings
            .iter()
            .map(|s| {
                let valid = format.matches(s)
                    && (format != Format::DurationDhm
                        || duration_minutes(s).is_some_and(|v| {
                            min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
                        }));
                json!([s, valid])
            })
            .collect();
        entries.push(json!({
            "name": name,
            "pattern": pattern,
            "schema": document(&shape, &DocumentMeta::default()),
            "cases": cases,
        }));
    };
    for (name, format) in Format::ALL {
        add(name.to_owned(), format, None, None);
    }
    add(
        "duration 5..=4320".into(),
        Format::DurationDhm,
        Some(5),
        Some(4320),
    );
    add(
        "duration 61..=1370".into(),
        Format::DurationDhm,
        Some(61),
        Some(1370),
    );
    add(
        "duration >= 1500".into(),
        Format::DurationDhm,
        Some(1500),
        None,
    );
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("formats.corpus.json"),
        serde_json::to_string(&entries).unwrap(),
    )
    .unwrap();
}
