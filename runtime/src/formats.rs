//! The named string formats of the spec language, implemented once.
//!
//! The spec checker (for defaults and examples) and the generated validators both call
//! these, so a format means the same thing everywhere. spec/README.md documents each one;
//! the published JSON Schemas state each as a `pattern` as well, so other languages'
//! validators agree without their own format plugins.

use std::fmt;

/// A named format for string values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `8-4-4-4-12` hexadecimal digits, either case (`61d8944e-d900-4724-87eb-d10078b90a41`).
    Uuid,
    /// An RFC 3339 date-time with a UTC offset (`2022-03-03T11:30:00.000Z`) that a .NET
    /// `DateTime` holds, as the servers read it (see [`dotnet_refusal`]): a year from
    /// 0001, no leap second, and an offset beyond ±14:00 only after an upper-case `T`
    /// and with at most 7 fraction digits.
    DateTime,
    /// A dotted-quad IPv4 address, without leading zeros (`192.168.0.1`).
    Ipv4,
    /// 32 upper-case hexadecimal digits, no hyphens: a Protect device or zone id.
    DeviceId,
    /// `d:hh:mm`: days without padding, hours `00`-`23` and minutes `00`-`59`.
    DurationDhm,
    /// An `ftp://`, `sftp://` or `smb://` URL, or the empty string (results kept locally):
    /// the schemes the Optics pages name.
    ResultUrl,
    /// A [`Format::ResultUrl`] or an `https://` URL: where package results go, as real
    /// servers accept it (an incident-response tool sends S3 bucket URLs).
    ResultDestination,
    /// An RFC 3339 date-time whose offset may be left out, as some Cylance v2 resources
    /// write times (`2020-05-29T10:12:45`); every [`Format::DateTime`] value is one.
    DateTimeOffsetOptional,
    /// A non-negative integer written as a string of ASCII digits (`"100"`).
    NonNegativeIntegerString,
}

impl Format {
    /// Every format with its name in the spec language.
    pub const ALL: [(&'static str, Format); 9] = [
        ("uuid", Format::Uuid),
        ("date-time", Format::DateTime),
        ("date_time_offset_optional", Format::DateTimeOffsetOptional),
        ("ipv4", Format::Ipv4),
        ("device_id", Format::DeviceId),
        ("duration_dhm", Format::DurationDhm),
        ("result_url", Format::ResultUrl),
        ("result_destination", Format::ResultDestination),
        (
            "non_negative_integer_string",
            Format::NonNegativeIntegerString,
        ),
    ];

    /// The format's name in the spec language.
    pub fn name(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
            Format::DateTimeOffsetOptional => "date_time_offset_optional",
            Format::Ipv4 => "ipv4",
            Format::DeviceId => "device_id",
            Format::DurationDhm => "duration_dhm",
            Format::ResultUrl => "result_url",
            Format::ResultDestination => "result_destination",
            Format::NonNegativeIntegerString => "non_negative_integer_string",
        }
    }

    /// Whether every value in `other` is a value in `self` (so changing a member from
    /// `other` to `self` only widens it). Every format includes itself.
    pub fn includes(self, other: Format) -> bool {
        self == other
            || matches!(
                (self, other),
                (Format::DateTimeOffsetOptional, Format::DateTime)
                    | (Format::ResultDestination, Format::ResultUrl)
            )
    }

    /// What a valid value looks like, for messages.
    pub fn expectation(self) -> &'static str {
        match self {
            Format::Uuid => "a UUID such as 61d8944e-d900-4724-87eb-d10078b90a41",
            Format::DateTime => "an RFC 3339 date-time such as 2022-03-03T11:30:00.000Z",
            Format::DateTimeOffsetOptional => {
                "a date-time such as 2022-03-03T11:30:00.000Z or 2020-05-29T10:12:45 (RFC 3339, the offset optional)"
            }
            Format::Ipv4 => "an IPv4 address such as 192.168.0.1",
            Format::DeviceId => {
                "32 upper-case hexadecimal digits without hyphens, such as E378DACB9324453AB8C65A8406952195"
            }
            Format::DurationDhm => {
                "a d:hh:mm duration such as 0:00:05 (days, two-digit hours, two-digit minutes)"
            }
            Format::ResultUrl => "an ftp://, sftp:// or smb:// URL, or the empty string",
            Format::ResultDestination => {
                "an ftp://, sftp://, smb:// or https:// URL, or the empty string"
            }
            Format::NonNegativeIntegerString => {
                "a non-negative integer written as a string, such as \"100\""
            }
        }
    }

    /// Whether `value` is in this format.
    pub fn matches(self, value: &str) -> bool {
        match self {
            Format::Uuid => is_uuid(value),
            Format::DateTime => is_date_time(value, true) && refusal_of_date_time(value).is_none(),
            Format::DateTimeOffsetOptional => is_date_time(value, false),
            Format::Ipv4 => ipv4(value).is_some(),
            Format::DeviceId => value.len() == 32 && value.bytes().all(is_upper_hex),
            Format::DurationDhm => duration_minutes(value).is_some(),
            Format::ResultUrl => is_url_with_scheme(value, PAGE_SCHEMES),
            Format::ResultDestination => is_url_with_scheme(value, DESTINATION_SCHEMES),
            Format::NonNegativeIntegerString => {
                !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
            }
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn is_upper_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'A'..=b'F').contains(&b)
}

fn is_uuid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The address as a number, so ranges can be ordered. Leading zeros are refused (they
/// read as octal in some stacks).
///
/// Read byte by byte (it runs for every address of a discovery job), with the same
/// verdicts as `std`'s `Ipv4Addr` parser (`runtime/tests/schema_formats.rs` compares them).
pub fn ipv4(value: &str) -> Option<u32> {
    let b = value.as_bytes();
    if !(7..=15).contains(&b.len()) {
        return None;
    }
    let (mut address, mut at) = (0u32, 0usize);
    for octet in 0..4 {
        let start = at;
        let mut n = 0u32;
        while let Some(&c) = b.get(at).filter(|c| c.is_ascii_digit()) {
            if at - start == 3 {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
            at += 1;
        }
        let digits = at - start;
        if digits == 0 || n > 255 || (digits > 1 && b[start] == b'0') {
            return None;
        }
        address = address << 8 | n;
        if octet < 3 {
            if b.get(at) != Some(&b'.') {
                return None;
            }
            at += 1;
        }
    }
    (at == b.len()).then_some(address)
}

/// The largest `d:hh:mm` duration in minutes: nine digits of days.
pub const MAX_DURATION: u64 = 999_999_999 * 24 * 60 + 24 * 60 - 1;

/// A `d:hh:mm` duration in minutes.
///
/// Read byte by byte from the end (`:hh:mm` is fixed), as it runs on every lockdown body.
pub fn duration_minutes(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    let n = b.len();
    // At least `d:hh:mm`; at most nine digits of days.
    if !(7..=15).contains(&n) || b[n - 3] != b':' || b[n - 6] != b':' {
        return None;
    }
    let two = |i: usize| -> Option<u64> {
        let (t, u) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
        (t < 10 && u < 10).then_some(u64::from(t) * 10 + u64::from(u))
    };
    let (hours, minutes) = (two(n - 5)?, two(n - 2)?);
    let days = &b[..n - 6];
    if (days.len() > 1 && days[0] == b'0') || hours > 23 || minutes > 59 {
        return None;
    }
    let mut d: u64 = 0;
    for &c in days {
        let digit = c.wrapping_sub(b'0');
        if digit >= 10 {
            return None;
        }
        d = d * 10 + u64::from(digit);
    }
    Some(d * 24 * 60 + hours * 60 + minutes)
}

/// Writes minutes back as `d:hh:mm`.
pub fn format_duration(minutes: u64) -> String {
    format!(
        "{}:{:02}:{:02}",
        minutes / (24 * 60),
        (minutes / 60) % 24,
        minutes % 60
    )
}

/// The result URL schemes the Optics pages name.
const PAGE_SCHEMES: &[&str] = &["ftp://", "sftp://", "smb://"];
/// Those, and `https://`, which real servers accept.
const DESTINATION_SCHEMES: &[&str] = &["ftp://", "sftp://", "smb://", "https://"];

/// The empty string, or a URL with one of `schemes` (any case), a host, and no whitespace
/// or control character.
fn is_url_with_scheme(value: &str, schemes: &[&str]) -> bool {
    if value.is_empty() {
        return true;
    }
    let rest = schemes.iter().find_map(|scheme| {
        value
            .get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &value[scheme.len()..])
    });
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// A valid RFC 3339 date-time as an instant (seconds since 1970 in UTC, and the
/// fraction as nanoseconds, truncated), so `range_order` can compare date-times with
/// different offsets. `None` when the text is not a valid date-time.
///
/// A date-time without an offset ([`Format::DateTimeOffsetOptional`]) is read as UTC.
pub fn date_time_instant(value: &str) -> Option<(i64, u32)> {
    if !is_date_time(value, false) {
        return None;
    }
    let b = value.as_bytes();
    let num = |from: usize, to: usize| -> i64 {
        b[from..to]
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
    };
    let (year, month, day) = (num(0, 4), num(5, 7), num(8, 10));
    let (hour, minute, second) = (num(11, 13), num(14, 16), num(17, 19));
    let days = crate::civil::days_from_civil(year, month, day);
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 100_000_000u32;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            nanos += u32::from(d - b'0') * scale;
            scale /= 10;
            i += 1;
        }
    }
    let offset = match b.get(i) {
        Some(b'+') => num(i + 1, i + 3) * 3600 + num(i + 4, i + 6) * 60,
        Some(b'-') => -(num(i + 1, i + 3) * 3600 + num(i + 4, i + 6) * 60),
        _ => 0,
    };
    Some((
        days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        nanos,
    ))
}

/// Why a .NET `DateTime` cannot hold a valid RFC 3339 date-time, as Json.NET reads one
/// into it (the Ivanti server; the Cylance admin API's `dateTime` is assumed to be the
/// same): `None` when it can, or for text that is no date-time at all.
///
/// Json.NET 6.0.8 tries its own ISO 8601 reader (an upper-case `T`, at most 7 fraction
/// digits) and then .NET's `DateTime.TryParse` (offsets within ±14:00);
/// `tests/tests/jsonnet_oracle.rs` checks these limits against it.
pub fn dotnet_refusal(value: &str) -> Option<&'static str> {
    if !is_date_time(value, false) {
        return None;
    }
    refusal_of_date_time(value)
}

/// [`dotnet_refusal`] of a value already known to be an RFC 3339 date-time (its offset
/// optional), so the format check reads it once.
fn refusal_of_date_time(value: &str) -> Option<&'static str> {
    let b = value.as_bytes();
    if b.get(..4) == Some(b"0000") {
        return Some("a .NET DateTime has no year 0000 (years run from 0001)");
    }
    if b.get(17..19) == Some(b"60") {
        return Some("a .NET DateTime has no leap second (:60)");
    }
    let fraction = match b.get(19) {
        Some(b'.') => b[20..].iter().take_while(|d| d.is_ascii_digit()).count(),
        _ => 0,
    };
    let zone = 19 + if fraction > 0 { fraction + 1 } else { 0 };
    let beyond_14 = match b.get(zone) {
        Some(b'+' | b'-') => b
            .get(zone + 1..zone + 6)
            .is_some_and(|o| o > b"14:00".as_slice()),
        _ => false,
    };
    // Json.NET's own reader takes `T` only and 7 digits at most; .NET's, which it falls
    // back to, no offset beyond ±14:00.
    ((fraction > 7 || b.get(10) == Some(&b't')) && beyond_14).then_some(
        "Json.NET reads an offset beyond ±14:00 only after an upper-case T and with at most \
         7 fraction digits",
    )
}

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `T` and `Z` in either
/// case, real calendar days, leap second only as `:60`. Without `offset_required`, the
/// `Z` or offset may also be left out.
fn is_date_time(value: &str, offset_required: bool) -> bool {
    let b = value.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(range)?;
        if s.iter().all(u8::is_ascii_digit) {
            s.iter()
                .try_fold(0u32, |acc, d| Some(acc * 10 + u32::from(d - b'0')))
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return false;
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't'))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && num(i + 1..i + 3).is_some_and(|h| h <= 23)
                && b.get(i + 3) == Some(&b':')
                && num(i + 4..i + 6).is_some_and(|m| m <= 59)
        }
        None => !offset_required,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::Format::*;
    use super::*;

    #[test]
    fn each_format_accepts_and_rejects() {
        let cases: &[(Format, &str, bool)] = &[
            (Uuid, "61d8944e-d900-4724-87eb-d10078b90a41", true),
            (Uuid, "61D8944E-D900-4724-87EB-D10078B90A41", true),
            (Uuid, "61d8944ed900472487ebd10078b90a41", false),
            (Uuid, "61d8944e-d900-4724-87eb-d10078b90a4g", false),
            (DateTime, "2022-03-03T11:30:00.000Z", true),
            (DateTime, "2023-01-06T11:35:02.007Z", true),
            (DateTime, "2024-02-29t00:00:00+05:30", true),
            (DateTime, "2023-02-29T00:00:00Z", false),
            (DateTime, "2022-03-03 11:30:00Z", false),
            (DateTime, "2022-03-03T11:30:00", false),
            (DateTime, "2022-03-03T24:00:00Z", false),
            (DateTime, "2022-03-03T11:30:00.Z", false),
            (DateTime, "0000-01-01T00:00:00Z", false),
            (DateTime, "0001-01-01T00:00:00Z", true),
            (DateTime, "2016-12-31T23:59:60Z", false),
            (DateTime, "2022-03-03T11:30:00.123456789Z", true),
            (DateTime, "2022-03-03T11:30:00.123456789-14:00", true),
            (DateTime, "2022-03-03T11:30:00.123456789+14:01", false),
            (DateTime, "2022-03-03T11:30:00.1234567+23:59", true),
            (DateTime, "2022-03-03t11:30:00+14:00", true),
            (DateTime, "2022-03-03t11:30:00-14:01", false),
            (Ipv4, "192.168.0.1", true),
            (Ipv4, "192.168.0.256", false),
            (Ipv4, "192.168.00.1", false),
            (Ipv4, "192.168.0", false),
            (DeviceId, "E378DACB9324453AB8C65A8406952195", true),
            (DeviceId, "e378dacb9324453ab8c65a8406952195", false),
            (DeviceId, "E378DACB-9324-453A-B8C6-5A8406952195", false),
            (DurationDhm, "0:00:05", true),
            (DurationDhm, "3:00:00", true),
            (DurationDhm, "12:23:59", true),
            (DurationDhm, "00:00:05", false),
            (DurationDhm, "0:0:05", false),
            (DurationDhm, "0:24:00", false),
            (DurationDhm, "0:00:60", false),
            (ResultUrl, "", true),
            (ResultUrl, "ftp://host/path", true),
            (ResultUrl, "SFTP://host", true),
            (ResultUrl, "smb://server/share", true),
            (ResultUrl, "http://host", false),
            (ResultUrl, "ftp://", false),
            (ResultUrl, "ftp://host/a b", false),
            (ResultUrl, "https://bucket.s3.amazonaws.com/x", false),
            (ResultDestination, "", true),
            (ResultDestination, "ftp://user:pw@host/path", true),
            (
                ResultDestination,
                "https://AK:SK@bucket.s3.amazonaws.com/folder",
                true,
            ),
            (ResultDestination, "HTTPS://bucket.s3.amazonaws.com", true),
            (ResultDestination, "http://bucket.s3.amazonaws.com", false),
            (ResultDestination, "https://", false),
            (ResultDestination, "https:///path", false),
            (DateTimeOffsetOptional, "2020-05-29T10:12:45", true),
            (DateTimeOffsetOptional, "2020-05-29T10:12:45.123", true),
            (DateTimeOffsetOptional, "2022-03-03T11:30:00.000Z", true),
            (DateTimeOffsetOptional, "2022-03-03T11:30:00+05:30", true),
            (DateTimeOffsetOptional, "2022-03-03 11:30:00", false),
            (DateTimeOffsetOptional, "2023-02-29T00:00:00", false),
            (DateTimeOffsetOptional, "2022-03-03T11:30", false),
            (DateTimeOffsetOptional, "2022-03-03T11:30:00.", false),
            (DateTimeOffsetOptional, "2022-03-03T11:30:00+0530", false),
            (NonNegativeIntegerString, "0", true),
            (NonNegativeIntegerString, "100", true),
            (NonNegativeIntegerString, "-5", false),
            (NonNegativeIntegerString, "", false),
            (NonNegativeIntegerString, "1.5", false),
        ];
        for (format, value, ok) in cases {
            assert_eq!(format.matches(value), *ok, "{format} on {value:?}");
        }
    }

    #[test]
    fn durations_round_trip_through_minutes() {
        for text in ["0:00:05", "3:00:00", "1:23:59", "10:00:00"] {
            let minutes = duration_minutes(text).unwrap();
            assert_eq!(format_duration(minutes), text);
        }
        assert_eq!(duration_minutes("0:00:05"), Some(5));
        assert_eq!(duration_minutes("3:00:00"), Some(3 * 24 * 60));
    }

    #[test]
    fn date_times_order_as_instants() {
        let t = |s| date_time_instant(s).unwrap();
        assert_eq!(t("1970-01-01T00:00:00Z"), (0, 0));
        assert_eq!(t("1970-01-02T00:00:00.5Z"), (86_400, 500_000_000));
        assert_eq!(t("2022-03-03T11:30:00+01:00"), t("2022-03-03T10:30:00Z"));
        assert!(t("2024-02-29T00:00:00Z") < t("2024-03-01T00:00:00Z"));
        assert_eq!(date_time_instant("2023-02-29T00:00:00Z"), None);
    }

    #[test]
    fn ipv4_orders_as_numbers() {
        assert!(ipv4("10.0.0.100") < ipv4("10.0.0.200"));
        assert!(ipv4("9.255.255.255") < ipv4("10.0.0.0"));
    }

    #[test]
    fn inclusion_holds_on_every_value_tried() {
        let values = [
            "",
            "ftp://h/x",
            "sftp://h",
            "smb://h/s",
            "https://h/x",
            "http://h",
            "2020-05-29T10:12:45",
            "2022-03-03T11:30:00Z",
            "2022-03-03T11:30:00+01:00",
            "61d8944e-d900-4724-87eb-d10078b90a41",
            "E378DACB9324453AB8C65A8406952195",
            "0:00:05",
            "192.168.0.1",
            "100",
        ];
        for (_, wide) in Format::ALL {
            for (_, narrow) in Format::ALL {
                if wide.includes(narrow) {
                    for v in values {
                        assert!(
                            !narrow.matches(v) || wide.matches(v),
                            "{wide} claims to include {narrow}, but {v:?} is only in {narrow}"
                        );
                    }
                }
            }
        }
        assert!(Format::DateTimeOffsetOptional.includes(Format::DateTime));
        assert!(!Format::DateTime.includes(Format::DateTimeOffsetOptional));
        assert!(Format::ResultDestination.includes(Format::ResultUrl));
        assert!(!Format::ResultUrl.includes(Format::ResultDestination));
    }

    #[test]
    fn a_missing_offset_reads_as_utc() {
        assert_eq!(
            date_time_instant("2020-05-29T10:12:45"),
            date_time_instant("2020-05-29T10:12:45Z")
        );
    }

    #[test]
    fn names_round_trip() {
        for (name, format) in Format::ALL {
            assert_eq!(format.name(), name);
        }
    }
}
