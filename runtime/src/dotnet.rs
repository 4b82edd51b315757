//! Formatted strings as a .NET server reads them where that is wider than the contract's
//! format: the other spellings of a GUID that `Guid.Parse` takes, and the other spellings
//! of a date-time that Json.NET reads (without an offset it is the server's local time).
//!
//! Used where the server binds values as Json.NET does ([`crate::walk::Binding::JsonNet`],
//! the Ivanti server): the walk accepts such a value (with advice when the server reads
//! something the writer may not mean), and [`crate::normalize`] writes it in the contract's
//! own spelling, so the published schema, which states the contract's format only, gives
//! the same verdict. `tests/tests/jsonnet_oracle.rs` holds both readings against the real
//! Json.NET.

use crate::desc::{EnumBase, Shape};
use crate::formats::Format;
use crate::reader::{Kind, ValueRef};

/// How the server reads a string the contract's format does not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The value in the format's own spelling, as the server holds it.
    pub canonical: String,
    /// Advice when what the server reads may not be what the writer meant.
    pub advice: Option<&'static str>,
}

/// The server's reading of `value`, a string not in `format`; `None` when it refuses it
/// too.
pub fn reading(format: Format, value: &str) -> Option<Reading> {
    match format {
        Format::Uuid => guid(value).map(|canonical| Reading {
            canonical,
            advice: None,
        }),
        Format::DateTime => {
            let (canonical, local) = match local_date_time(value) {
                Some(canonical) => (canonical, true),
                None => other_date_time(value)?,
            };
            Some(Reading {
                canonical,
                advice: local.then_some(LOCAL_TIME),
            })
        }
        _ => None,
    }
}

/// Why a number with a fraction or an exponent is refused for a string: Json.NET reads it
/// as a `double` and the server keeps .NET's text for that, not what was written.
pub const NUMBER_AS_TEXT: &str = "the server keeps .NET's rendering of the number, not what \
                                  was written (12.50 becomes \"12.5\", 1e3 \"1000\"); quote it";

/// The help for a date-time string that [`reading`] does not read: what the server may
/// do with it instead, and why it is refused.
pub fn unread_date_time(value: &str) -> &'static str {
    if value.trim().starts_with("/Date(") {
        "write /Date(ms)/ or /Date(ms+HHMM)/ with digits only: Json.NET 13 reads no \
         whitespace there (6 does; the stricter reading is taken)"
    } else {
        "write an RFC 3339 date-time: the server reads other spellings, if at all, with \
         .NET's DateTime.Parse, whose reading depends on its culture and clock (a time alone \
         is today, 12/01/2026 December 1 or 12 January)"
    }
}

const LOCAL_TIME: &str = "the server reads a date-time without an offset as its own local \
                          time; add Z for UTC, or the offset meant";

/// A GUID as `Guid.Parse` takes it beyond the hyphenated form: 32 hex digits (`N`), in
/// braces (`B`) or parentheses (`P`), hyphenated or not inside them, the hex-prefixed
/// fields in braces (`X`), with whitespace around; as the lower-case hyphenated form.
fn guid(value: &str) -> Option<String> {
    let v = value.trim_matches(char::is_whitespace);
    let inner = match (v.chars().next(), v.chars().last()) {
        (Some('{'), Some('}')) | (Some('('), Some(')')) => v.get(1..v.len() - 1)?,
        _ => v,
    };
    let hex: String = match inner.len() {
        _ if v.starts_with('{') && (inner.starts_with("0x") || inner.starts_with("0X")) => {
            hex_prefixed_guid(inner)?
        }
        32 => inner.to_string(),
        36 if [8, 13, 18, 23].iter().all(|&i| inner.as_bytes()[i] == b'-') => {
            inner.replace('-', "")
        }
        _ => return None,
    };
    if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// The 32 hex digits of a GUID in `Guid.Parse`'s `X` form without its outer braces:
/// `0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}`, each field in at
/// most its width (`0x7ac` is `07ac`).
fn hex_prefixed_guid(inner: &str) -> Option<String> {
    let (head, tail) = inner.split_once(",{")?;
    let bytes = tail.strip_suffix('}')?;
    let widths = [8, 4, 4].into_iter().chain([2; 8]);
    let fields = head.split(',').chain(bytes.split(','));
    let mut hex = String::with_capacity(32);
    let mut count = 0;
    for (field, width) in fields.zip(widths) {
        let digits = field
            .strip_prefix("0x")
            .or_else(|| field.strip_prefix("0X"))?;
        if digits.is_empty() || digits.len() > width {
            return None;
        }
        hex.extend(std::iter::repeat_n('0', width - digits.len()));
        hex.push_str(digits);
        count += 1;
    }
    (count == 11 && head.split(',').count() == 3 && bytes.split(',').count() == 8).then_some(hex)
}

/// A date-time with no offset that a .NET `DateTime` holds (what Python's `isoformat()`
/// and Json.NET's own serializer write); with `Z` added, for the contract's format.
fn local_date_time(value: &str) -> Option<String> {
    // With `Z` added, a value that had an offset or a `Z` is no date-time; the format
    // includes the limits of a .NET DateTime (`formats::dotnet_refusal`).
    let with_z = format!("{value}Z");
    Format::DateTime.matches(&with_z).then_some(with_z)
}

/// A value of another JSON type that Json.NET converts to the type the contract wants, as
/// the contract's JSON: a hex number where a number is wanted (`0xBB8` is 3000), a
/// string of digits where an `Int32` is wanted (`"3000"`), a
/// number or a `"true"`/`"false"` string where a boolean is (`1`, `"True"`), an integer
/// or a boolean where a string is (`123`, `true` is `"True"`). `None` when `v` already has
/// the wanted type or the server refuses it too. (A number with a fraction for a string,
/// which .NET would reformat, is not converted here: it stays an error.)
#[inline]
pub fn convert(shape: &Shape, v: ValueRef) -> Option<serde_json::Value> {
    // The common case first, and cheaply: the value already has the wanted type.
    match (shape, v.kind()) {
        (Shape::Integer(_) | Shape::Number(_), Kind::Number) if v.is_hex() => {
            hex_value(v).map(serde_json::Value::from)
        }
        (Shape::Enum(e), Kind::Number) if v.is_hex() && e().base == EnumBase::Integer => {
            hex_value(v).map(serde_json::Value::from)
        }
        (Shape::String(_), Kind::String)
        | (Shape::Object(_), _)
        | (Shape::Array(_), _)
        | (Shape::Number(_), _)
        | (Shape::Integer(_) | Shape::Enum(_), Kind::Number)
        | (Shape::Boolean, Kind::Bool) => None,
        (Shape::Integer(_), Kind::String) => {
            int32_from_text(v.as_str()?).map(serde_json::Value::from)
        }
        (Shape::Enum(e), Kind::String) if e().base == EnumBase::Integer => {
            int32_from_text(v.as_str()?).map(serde_json::Value::from)
        }
        (Shape::Boolean, Kind::String | Kind::Number) => bool_of(v).map(serde_json::Value::from),
        (Shape::String(_), Kind::Number | Kind::Bool) => string_of(v).map(serde_json::Value::from),
        _ => None,
    }
}

/// A string as Json.NET's `ReadAsInt32` parses it (`NumberStyles.Integer`): ASCII
/// whitespace around, an optional sign, digits, within `Int32`.
pub fn int32_from_text(s: &str) -> Option<i64> {
    let t = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r'));
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = t.strip_prefix('+').unwrap_or(t).parse().ok()?;
    i32::try_from(n).is_ok().then_some(n)
}

/// A boolean as Json.NET reads one from another type: `"true"`/`"false"` in any case with
/// whitespace around (`Boolean.Parse`), or a number, true unless it is zero
/// (`Convert.ToBoolean`).
pub fn bool_of(v: ValueRef) -> Option<bool> {
    match v.kind() {
        Kind::Bool => v.as_bool(),
        Kind::String => {
            let t = v
                .as_str()?
                .trim_matches(|c: char| c.is_whitespace() || c == '\0');
            if t.eq_ignore_ascii_case("true") {
                Some(true)
            } else if t.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        }
        Kind::Number => v.as_f64().filter(|f| f.is_finite()).map(|f| f != 0.0),
        _ => None,
    }
}

/// A hex number's value (the reader holds at most a signed 64-bit one); `None` for any
/// other value.
pub fn hex_value(v: ValueRef) -> Option<i64> {
    if !v.is_hex() {
        return None;
    }
    v.integer_value().and_then(|i| i64::try_from(i).ok())
}

/// A string as Json.NET reads one from an integer (its digits; `-0` is `0`; a hex number's
/// value) or a boolean
/// (`True`, `False`, as .NET writes them).
pub fn string_of(v: ValueRef) -> Option<String> {
    match v.kind() {
        Kind::String => v.as_str().map(str::to_owned),
        Kind::Bool => v
            .as_bool()
            .map(|b| if b { "True" } else { "False" }.to_string()),
        Kind::Number if v.is_integer() => v.as_i64().map(|i| i.to_string()),
        Kind::Number if v.is_hex() => hex_value(v).map(|i| i.to_string()),
        _ => None,
    }
}

/// The other date-time spellings Json.NET reads (through .NET's `DateTime.TryParse`, which
/// takes offsets within ±14:00 only, and its own `/Date(ms)/`): a space or `t` between
/// date and time, no seconds, an offset without a colon or without minutes, a bare date,
/// whitespace around, `/Date(ms)/`, `/Date(ms+HHMM)/` and `/Date(ms+HH)/`. As RFC 3339 (with `Z` where
/// there is no offset), and whether the server reads it as its local time.
fn other_date_time(value: &str) -> Option<(String, bool)> {
    let v = value.trim_matches(char::is_whitespace);
    if let Some(ms) = v.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        return ms_date(ms).map(|canonical| (canonical, false));
    }
    let b = v.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let d = b.get(from..from + n)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| d.iter().fold(0, |a, x| a * 10 + u32::from(x - b'0')))
    };
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if b.len() == 10 {
        let canonical = format!("{date}T00:00:00Z");
        return Format::DateTime
            .matches(&canonical)
            .then_some((canonical, true));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (digits(11, 2)?, digits(14, 2)?);
    let mut i = 16;
    let mut second = 0;
    let mut fraction = "";
    if b.get(i) == Some(&b':') {
        second = digits(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let n = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            fraction = v.get(i..i + 1 + n).filter(|_| n > 0)?;
            i += 1 + n;
        }
    }
    // What Json.NET's own ISO 8601 reader takes (an upper-case `T`, seconds, at most 7
    // fraction digits, nothing around) reaches .NET's parser and its ±14:00 limit only
    // when that reader fails.
    let iso = v.len() == value.len() && b.get(10) == Some(&b'T') && i > 16 && fraction.len() <= 8;
    let zone = v.get(i..)?;
    let (offset, local) = match zone.as_bytes() {
        [] => ("Z".to_string(), true),
        [b'Z' | b'z'] => ("Z".to_string(), false),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let text = std::str::from_utf8(rest).ok()?;
            // ASCII only, so the splits below fall on character boundaries.
            if !text.bytes().all(|b| b.is_ascii_digit() || b == b':') {
                return None;
            }
            let (h, m) = match text.len() {
                2 => (text, "00"),
                4 => text.split_at(2),
                5 if text.as_bytes()[2] == b':' => (&text[..2], &text[3..]),
                _ => return None,
            };
            let (h, m): (u32, u32) = (parse_digits(h)?, parse_digits(m)?);
            // Json.NET's reader takes `±HHMM` up to 23:59; .NET's, offsets within ±14:00.
            let limit = if iso && text.len() == 4 {
                23 * 60 + 59
            } else {
                14 * 60
            };
            if h > 23 || m > 59 || h * 60 + m > limit {
                return None;
            }
            (format!("{}{h:02}:{m:02}", char::from(*sign)), false)
        }
        _ => return None,
    };
    let canonical = format!("{date}T{hour:02}:{minute:02}:{second:02}{fraction}{offset}");
    Format::DateTime
        .matches(&canonical)
        .then_some((canonical, local))
}

fn parse_digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `/Date(ms)/` (milliseconds since 1970 in UTC, an optional `+HHMM` or `+HH` that only
/// makes the value local) as an RFC 3339 instant, when a .NET DateTime holds it.
fn ms_date(inner: &str) -> Option<String> {
    let digits_end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(inner.len(), |(i, _)| i);
    let (ms, zone) = inner.split_at(digits_end);
    // `+HH` or `+HHMM`: Json.NET reads the hours, then minutes when there are more digits.
    let zone_ok = zone.is_empty()
        || (matches!(zone.len(), 3 | 5)
            && matches!(zone.as_bytes()[0], b'+' | b'-')
            && zone[1..].bytes().all(|b| b.is_ascii_digit()));
    if !zone_ok || ms.is_empty() || ms == "-" {
        return None;
    }
    let ms: i64 = ms.parse().ok()?;
    let (days, in_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = crate::civil::civil_from_days(days);
    if !(1..=9999).contains(&year) {
        return None;
    }
    let canonical = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    );
    Format::DateTime.matches(&canonical).then_some(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int32_texts() {
        for (text, n) in [
            ("3000", 3000),
            (" 3000", 3000),
            ("3000 ", 3000),
            ("+3000", 3000),
            ("-1", -1),
            ("2147483647", 2_147_483_647),
            ("-2147483648", -2_147_483_648),
        ] {
            assert_eq!(int32_from_text(text), Some(n), "{text}");
        }
        for text in [
            "",
            "3000.0",
            "3e3",
            "0x10",
            "2147483648",
            "3,000",
            "abc",
            "+-1",
            "\u{a0}1",
        ] {
            assert_eq!(int32_from_text(text), None, "{text}");
        }
    }

    #[test]
    fn guid_spellings() {
        let d = "9e317d51-07ac-4c17-8a1f-3111d385bc7e";
        for v in [
            "9e317d5107ac4c178a1f3111d385bc7e",
            "{9e317d51-07ac-4c17-8a1f-3111d385bc7e}",
            "(9E317D51-07AC-4C17-8A1F-3111D385BC7E)",
            " 9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "{9e317d5107ac4c178a1f3111d385bc7e}",
            "{0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}}",
            "{0X9E317D51,0x07AC,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}}",
            "{0x9e317d51,0x7ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}}",
        ] {
            assert_eq!(guid(v).as_deref(), Some(d), "{v}");
        }
        for v in [
            "{9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "9e317d5107ac-4c17-8a1f-3111d385bc7e-",
            "9e317d51-07ac-4c17-8a1f-3111d385bc7g",
            "urn:uuid:9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "{0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc}}",
            "(0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e})",
            "{0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e,0x00}}",
            "{0x9e317d511,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}}",
            "{0x,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7e}}",
            "{0x9e317d51,0x07ac,0x4c17,{0x8a,0x1f,0x31,0x11,0xd3,0x85,0xbc,0x7g}}",
            "",
            "{}",
        ] {
            assert_eq!(guid(v), None, "{v}");
        }
    }

    #[test]
    fn other_date_time_spellings() {
        let read = |v: &str| other_date_time(v);
        assert_eq!(
            read("2026-12-01 08:00:00Z"),
            Some(("2026-12-01T08:00:00Z".into(), false))
        );
        assert_eq!(
            read("2026-12-01T08:00:00+0530"),
            Some(("2026-12-01T08:00:00+05:30".into(), false))
        );
        assert_eq!(
            read("2026-12-01T08:00:00.1234567-2231"),
            Some(("2026-12-01T08:00:00.1234567-22:31".into(), false))
        );
        assert_eq!(read("2026-12-01T08:00:00.12345678-2231"), None);
        assert_eq!(read("2026-12-01t08:00:00-2231"), None);
        assert_eq!(
            read("2026-12-01T08:00+05"),
            Some(("2026-12-01T08:00:00+05:00".into(), false))
        );
        assert_eq!(
            read("2026-12-01"),
            Some(("2026-12-01T00:00:00Z".into(), true))
        );
        assert_eq!(
            read(" 2026-12-01 08:00:00.5 "),
            Some(("2026-12-01T08:00:00.5Z".into(), true))
        );
        assert_eq!(
            read("/Date(1764576000000)/"),
            Some(("2025-12-01T08:00:00.000Z".into(), false))
        );
        assert_eq!(
            read("/Date(-1000+0530)/"),
            Some(("1969-12-31T23:59:59.000Z".into(), false))
        );
        assert_eq!(
            read("/Date(1000+05)/"),
            Some(("1970-01-01T00:00:01.000Z".into(), false))
        );
        for v in [
            "2026-12-01 08:00:00+14:01",
            "2026-12-01T08:00:00+15",
            "0000-01-01",
            "2026-02-30",
            "2026-12-01 24:00:00",
            "2026-12-01 08:00:60",
            "2026-12-01 08:00:00.",
            "/Date(x)/",
            "/Date( 1000)/",
            "/Date(1000+5)/",
            "/Date(-)/",
            "/Date(999999999999999)/",
            "2026-12-01T08:00:00+05:60",
            "Dec 1, 2026",
            "2026-1-01T08:00:00Z",
            "2026-12-01T08:00:00+0é1",
            "2026-12-01T08:00:00+é:1",
            "/Date(1é)/",
        ] {
            assert_eq!(read(v), None, "{v}");
        }
    }

    #[test]
    fn date_times_without_offset() {
        assert_eq!(
            local_date_time("2026-12-01T08:00:00").as_deref(),
            Some("2026-12-01T08:00:00Z")
        );
        assert!(local_date_time("2026-12-01T08:00:00.123456").is_some());
        for v in [
            "2026-12-01T08:00:00Z",
            "2026-12-01T08:00:00+01:00",
            "0000-12-01T08:00:00",
            "2026-12-31T23:59:60",
            "2026-12-01 08:00:00",
            "2026-12-01",
            "",
        ] {
            assert_eq!(local_date_time(v), None, "{v}");
        }
    }
}
