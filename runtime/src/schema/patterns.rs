//! Formats and duration bounds as anchored, engine-neutral patterns (see the parent
//! module's "Engines" section for why patterns and not `format`).

use super::*;

// ----------------------------------------------------------------------------------------
// Formats

/// The anchored pattern of a format, in the subset ECMA-262, Python `re` and Rust `regex`
/// share (no `\d`, `\s`, inline flags or lookaround), accepting exactly what
/// [`Format::matches`] accepts (Python aside: see the module's "Engines" section).
///
/// `date-time` checks the calendar too: 30-day months, February 29 only in leap years
/// (divisible by 4 and not by 100, or by 400; the year 0000 is a leap year).
pub fn format_pattern(format: Format) -> Cow<'static, str> {
    match format {
        Format::Uuid => Cow::Borrowed(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        ),
        Format::DateTime => Cow::Borrowed(DATE_TIME),
        Format::DateTimeOffsetOptional => Cow::Borrowed(DATE_TIME_OFFSET_OPTIONAL),
        Format::Ipv4 => Cow::Borrowed(
            "^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$",
        ),
        Format::DeviceId => Cow::Borrowed("^[0-9A-F]{32}$"),
        Format::DurationDhm => Cow::Owned(duration_pattern(None, None).unwrap_or_default()),
        // Case-insensitive scheme; a host that does not start with `/`, `?` or `#`; no
        // character anywhere that Rust's `char::is_whitespace` or `char::is_control` accepts.
        Format::ResultUrl => Cow::Owned(format!(
            "^(?:(?:[Ff][Tt][Pp]|[Ss][Ff][Tt][Pp]|[Ss][Mm][Bb])://[^/?#{URL_EXCLUDED}][^{URL_EXCLUDED}]*)?$"
        )),
        Format::ResultDestination => Cow::Owned(format!(
            "^(?:(?:[Ff][Tt][Pp]|[Ss][Ff][Tt][Pp]|[Ss][Mm][Bb]|[Hh][Tt][Tt][Pp][Ss])://[^/?#{URL_EXCLUDED}][^{URL_EXCLUDED}]*)?$"
        )),
        Format::NonNegativeIntegerString => Cow::Borrowed("^[0-9]+$"),
    }
}

/// Characters a `result_url` may not contain: `char::is_control` (U+0000-U+001F,
/// U+007F-U+009F) and `char::is_whitespace` (U+0009-U+000D, U+0020, U+0085, U+00A0,
/// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), as a class body.
const URL_EXCLUDED: &str =
    "\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

/// An RFC 3339 date-time: `$year` the pattern of the year, `$leap_century` of a leap year
/// divisible by 100 (its first two digits), `$time` of the rest (the separator, the
/// clock, the fraction, and `Z` or an offset, required or not).
macro_rules! date_time_pattern {
    ($year:literal, $leap_century:literal, $time:literal) => {
        concat!(
            "^(?:",
            // a year, a day that every such month has
            $year,
            "-(?:",
            "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
            "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
            "|02-(?:0[1-9]|1[0-9]|2[0-8])",
            ")",
            // February 29 of a leap year: divisible by 4 but not by 100, or divisible by 400
            "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|",
            $leap_century,
            "00)-02-29",
            ")",
            $time,
            "$",
        )
    };
}

/// RFC 3339 date-time as [`Format::DateTime`] reads it, as a .NET `DateTime` holds it
/// ([`crate::formats::dotnet_refusal`]): years from 0001, no leap second, and an offset
/// beyond ±14:00 only after an upper-case `T` and with at most 7 fraction digits.
const DATE_TIME: &str = date_time_pattern!(
    "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})",
    "(?:0[48]|[2468][048]|[13579][26])",
    "(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:(?:\\.[0-9]{1,7})?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])|\\.[0-9]{8,}(?:[Zz]|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)))|t(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:[Zz]|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)))"
);

/// [`Format::DateTimeOffsetOptional`]: any year, a leap second, any fraction, the `Z` or
/// offset optional.
const DATE_TIME_OFFSET_OPTIONAL: &str = date_time_pattern!(
    "[0-9]{4}",
    "(?:[02468][048]|[13579][26])",
    "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
);

pub use crate::formats::MAX_DURATION;
const MINUTES_PER_DAY: u64 = 24 * 60;

/// The anchored pattern accepting exactly the `d:hh:mm` strings ([`crate::formats::duration_minutes`])
/// whose value in minutes is within `min..=max` (either bound optional). `None` when no
/// duration is within the bounds.
pub fn duration_pattern(min: Option<u64>, max: Option<u64>) -> Option<String> {
    let lo = min.unwrap_or(0);
    let hi = max.unwrap_or(MAX_DURATION).min(MAX_DURATION);
    if lo > hi {
        return None;
    }
    let split = |v: u64| (v / MINUTES_PER_DAY, (v / 60) % 24, v % 60);
    let ((d1, h1, m1), (d2, h2, m2)) = (split(lo), split(hi));
    let mut alts = Vec::new();
    if d1 == d2 {
        alts.push(format!("{d1}:{}", clock_range((h1, m1), (h2, m2))));
    } else {
        let (mut mid_lo, mut mid_hi) = (d1 + 1, d2 - 1);
        if (h1, m1) == (0, 0) {
            mid_lo = d1;
        } else {
            alts.push(format!("{d1}:{}", clock_range((h1, m1), (23, 59))));
        }
        if (h2, m2) == (23, 59) {
            mid_hi = d2;
        }
        if mid_lo <= mid_hi {
            alts.push(format!(
                "{}:{}",
                decimal_range(mid_lo, mid_hi),
                clock_range((0, 0), (23, 59))
            ));
        }
        if (h2, m2) != (23, 59) {
            alts.push(format!("{d2}:{}", clock_range((0, 0), (h2, m2))));
        }
    }
    Some(format!("^{}$", group(alts)))
}

/// `hh:mm` from `a` to `b` inclusive (`a <= b`).
fn clock_range(a: (u64, u64), b: (u64, u64)) -> String {
    let ((h1, m1), (h2, m2)) = (a, b);
    if h1 == h2 {
        return format!("{}:{}", padded_range(h1, h1, 2), padded_range(m1, m2, 2));
    }
    let mut alts = Vec::new();
    let (mut mid_lo, mut mid_hi) = (h1 + 1, h2 - 1);
    if m1 == 0 {
        mid_lo = h1;
    } else {
        alts.push(format!("{h1:02}:{}", padded_range(m1, 59, 2)));
    }
    if m2 == 59 {
        mid_hi = h2;
    }
    if mid_lo <= mid_hi {
        alts.push(format!("{}:[0-5][0-9]", padded_range(mid_lo, mid_hi, 2)));
    }
    if m2 != 59 {
        alts.push(format!("{h2:02}:{}", padded_range(0, m2, 2)));
    }
    group(alts)
}

/// Decimal numbers from `lo` to `hi` inclusive, written without leading zeros.
fn decimal_range(lo: u64, hi: u64) -> String {
    let mut alts = Vec::new();
    if lo == 0 {
        alts.push("0".to_owned());
    }
    let lo = lo.max(1);
    // Lengths whose whole range is covered merge into one `[1-9][0-9]{a,b}`.
    let mut full: Option<(u32, u32)> = None;
    let flush = |full: &mut Option<(u32, u32)>, alts: &mut Vec<String>| {
        if let Some((a, b)) = full.take() {
            alts.push(format!("[1-9]{}", repeat_digit(a - 1, b - 1)));
        }
    };
    for len in digits(lo)..=digits(hi) {
        let first = 10u64.pow(len - 1);
        let last = 10u64.saturating_pow(len).saturating_sub(1);
        let (a, b) = (lo.max(first), hi.min(last));
        if a > b {
            continue;
        }
        if (a, b) == (first, last) {
            full = Some(full.map_or((len, len), |(s, _)| (s, len)));
        } else {
            flush(&mut full, &mut alts);
            alts.push(padded_range(a, b, len));
        }
    }
    flush(&mut full, &mut alts);
    group(alts)
}

/// Numbers from `lo` to `hi` inclusive, zero-padded to `width` digits.
fn padded_range(lo: u64, hi: u64, width: u32) -> String {
    let w = width as usize;
    let (a, b) = (format!("{lo:0w$}"), format!("{hi:0w$}"));
    fixed_range(a.as_bytes(), b.as_bytes())
}

/// Digit strings of one length from `lo` to `hi` inclusive.
fn fixed_range(lo: &[u8], hi: &[u8]) -> String {
    let (Some((&l, lo_rest)), Some((&h, hi_rest))) = (lo.split_first(), hi.split_first()) else {
        return String::new();
    };
    let rest = lo_rest.len() as u32;
    if l == h {
        return format!("{}{}", l as char, fixed_range(lo_rest, hi_rest));
    }
    let lo_floor = lo_rest.iter().all(|&d| d == b'0');
    let hi_ceiling = hi_rest.iter().all(|&d| d == b'9');
    let mut alts = Vec::new();
    let (mut mid_lo, mut mid_hi) = (l + 1, h - 1);
    if lo_floor {
        mid_lo = l;
    } else {
        let nines = vec![b'9'; lo_rest.len()];
        alts.push(format!("{}{}", l as char, fixed_range(lo_rest, &nines)));
    }
    if hi_ceiling {
        mid_hi = h;
    }
    if mid_lo <= mid_hi {
        alts.push(format!(
            "{}{}",
            digit_class(mid_lo, mid_hi),
            repeat_digit(rest, rest)
        ));
    }
    if !hi_ceiling {
        let zeros = vec![b'0'; hi_rest.len()];
        alts.push(format!("{}{}", h as char, fixed_range(&zeros, hi_rest)));
    }
    group(alts)
}

fn digit_class(lo: u8, hi: u8) -> String {
    if lo == hi {
        (lo as char).to_string()
    } else if hi == lo + 1 {
        format!("[{}{}]", lo as char, hi as char)
    } else {
        format!("[{}-{}]", lo as char, hi as char)
    }
}

/// `[0-9]` repeated `a` to `b` times.
fn repeat_digit(a: u32, b: u32) -> String {
    match (a, b) {
        (0, 0) => String::new(),
        (1, 1) => "[0-9]".to_owned(),
        _ if a == b => format!("[0-9]{{{a}}}"),
        _ => format!("[0-9]{{{a},{b}}}"),
    }
}

fn digits(n: u64) -> u32 {
    n.checked_ilog10().unwrap_or(0) + 1
}

/// Alternatives as one atom: `(?:a|b)`, or `a` alone.
fn group(alts: Vec<String>) -> String {
    if alts.len() == 1 {
        alts.into_iter().next().unwrap_or_default()
    } else {
        format!("(?:{})", alts.join("|"))
    }
}

/// The keywords stating a format (with its duration bounds): an anchored `pattern` and the
/// newline guard, or `not: {}` when no string can satisfy the bounds.
pub(super) fn format_keywords(
    format: Format,
    min_duration: Option<u64>,
    max_duration: Option<u64>,
) -> Map<String, Value> {
    let pattern = match format {
        Format::DurationDhm => duration_pattern(min_duration, max_duration),
        other => Some(format_pattern(other).into_owned()),
    };
    let mut map = Map::new();
    match pattern {
        Some(p) => {
            map.insert("pattern".into(), p.into());
            map.insert("not".into(), json!({ "pattern": NEWLINE_GUARD }));
        }
        None => {
            map.insert("not".into(), json!({}));
        }
    }
    map
}
