//! Formatted strings as a .NET server reads them where that is wider than the contract's
//! format: the other spellings of a GUID that `Guid.Parse` takes, and a date-time without
//! an offset, which Json.NET reads as the server's local time.
//!
//! Used where the server binds values as Json.NET does ([`crate::walk::Binding::JsonNet`],
//! the Ivanti server): the walk accepts such a value (with advice when the server reads
//! something the writer may not mean), and [`crate::normalize`] writes it in the contract's
//! own spelling, so the published schema, which states the contract's format only, gives
//! the same verdict. `tests/tests/jsonnet_oracle.rs` holds both readings against the real
//! Json.NET.

use crate::formats::Format;

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
        Format::DateTime => local_date_time(value).map(|canonical| Reading {
            canonical,
            advice: Some(
                "the server reads a date-time without an offset as its own local time; add Z \
                 for UTC, or the offset meant",
            ),
        }),
        _ => None,
    }
}

/// A GUID as `Guid.Parse` takes it beyond the hyphenated form: 32 hex digits (`N`), in
/// braces (`B`) or parentheses (`P`), hyphenated or not inside them, with whitespace
/// around; as the lower-case hyphenated form.
fn guid(value: &str) -> Option<String> {
    let v = value.trim_matches(char::is_whitespace);
    let inner = match (v.chars().next(), v.chars().last()) {
        (Some('{'), Some('}')) | (Some('('), Some(')')) => v.get(1..v.len() - 1)?,
        _ => v,
    };
    let hex: String = match inner.len() {
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

/// A date-time with no offset that a .NET `DateTime` holds (what Python's `isoformat()`
/// and Json.NET's own serializer write); with `Z` added, for the contract's format.
fn local_date_time(value: &str) -> Option<String> {
    // With `Z` added, a value that had an offset or a `Z` is no date-time; the format
    // includes the limits of a .NET DateTime (`formats::dotnet_refusal`).
    let with_z = format!("{value}Z");
    Format::DateTime.matches(&with_z).then_some(with_z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_spellings() {
        let d = "9e317d51-07ac-4c17-8a1f-3111d385bc7e";
        for v in [
            "9e317d5107ac4c178a1f3111d385bc7e",
            "{9e317d51-07ac-4c17-8a1f-3111d385bc7e}",
            "(9E317D51-07AC-4C17-8A1F-3111D385BC7E)",
            " 9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "{9e317d5107ac4c178a1f3111d385bc7e}",
        ] {
            assert_eq!(guid(v).as_deref(), Some(d), "{v}");
        }
        for v in [
            "{9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "9e317d5107ac-4c17-8a1f-3111d385bc7e-",
            "9e317d51-07ac-4c17-8a1f-3111d385bc7g",
            "urn:uuid:9e317d51-07ac-4c17-8a1f-3111d385bc7e",
            "",
            "{}",
        ] {
            assert_eq!(guid(v), None, "{v}");
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
