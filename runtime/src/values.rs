//! Typed values for the contracts' string formats, so a generated model holds a date-time,
//! a UUID, an address or a device id rather than a `String`, and a secret that never prints.
//!
//! Each is a [`Contract`] whose shape is a string with its format, so the derive treats a
//! field of the type like any contract type (`<T as Contract>::SHAPE`), the validator and
//! the schemas see the same string they saw before, and [`FromTree`] builds the value from
//! a tree that validated. Parsing (`parse`, `FromStr`, `TryFrom<&str>`) checks the format
//! with the validator's own [`Format::matches`], so a value of the type always holds it.
//!
//! - [`DateTime`] and [`OffsetOptionalDateTime`] keep the text as written (the exact bytes
//!   matter: a signature, a diff) and give the instant as a [`time::OffsetDateTime`];
//! - [`DeviceId`]: 32 upper-case hexadecimal digits;
//! - [`DurationDhm`]: a `d:hh:mm` duration with the contract's bounds in its type;
//! - `uuid::Uuid` and `std::net::Ipv4Addr` are used as they are, with the contract traits
//!   implemented here;
//! - [`Secret`]: a string whose `Debug` and `Display` print `***`; only
//!   [`Secret::expose`] and serialization (the wire needs it) give the value.

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::desc::{NameMatching, Shape, StringDesc};
use crate::formats::{Format, date_time_instant};
use crate::reader::ValueRef;
use crate::typed::{Contract, FromTree};

pub use uuid::Uuid;

/// A text that does not hold a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// What was expected, as the validator says it ("a UUID such as ...").
    pub expected: &'static str,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not {}", self.expected)
    }
}

impl std::error::Error for FormatError {}

/// The shape of a string with `format`.
const fn formatted(format: Format) -> Shape {
    Shape::String(StringDesc {
        format: Some(format),
        ..StringDesc::NONE
    })
}

/// `text` if it holds `format`.
fn check(format: Format, text: &str) -> Result<(), FormatError> {
    if format.matches(text) {
        Ok(())
    } else {
        Err(FormatError {
            expected: format.expectation(),
        })
    }
}

/// The text of a string the walk accepted in `format`: as written, or, where the server
/// reads another spelling (a Json.NET date-time, a GUID in braces), the contract's spelling
/// of what it reads ([`crate::dotnet::reading`]), as `normalize` writes it.
fn validated_text(format: Format, value: ValueRef<'_>) -> Option<String> {
    let text = value.as_str()?;
    if format.matches(text) {
        Some(text.to_string())
    } else {
        crate::dotnet::reading(format, text).map(|r| r.canonical)
    }
}

/// A string newtype for one format: parsing that checks it, the text back, serde as a
/// string (deserializing checks it), and the contract traits.
macro_rules! formatted_text {
    ($(#[$doc:meta])* $name:ident, $format:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The value, if `text` holds the format.
            pub fn parse(text: &str) -> Result<$name, FormatError> {
                check($format, text).map(|()| $name(text.to_string()))
            }

            /// The text as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = FormatError;
            fn from_str(text: &str) -> Result<$name, FormatError> {
                $name::parse(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = FormatError;
            fn try_from(text: &str) -> Result<$name, FormatError> {
                $name::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = FormatError;
            fn try_from(text: String) -> Result<$name, FormatError> {
                check($format, &text).map(|()| $name(text))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::try_from(text).map_err(serde::de::Error::custom)
            }
        }

        impl Contract for $name {
            const SHAPE: Shape = formatted($format);
        }

        impl FromTree for $name {
            fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<$name> {
                validated_text($format, value).map($name)
            }
        }
    };
}

formatted_text!(
    /// An RFC 3339 date-time with its offset, as written (`2022-03-03T11:30:00.000Z`).
    DateTime,
    Format::DateTime
);

formatted_text!(
    /// An RFC 3339 date-time whose offset may be left out (read as UTC), as some Cylance
    /// resources write times (`2020-05-29T10:12:45`).
    OffsetOptionalDateTime,
    Format::DateTimeOffsetOptional
);

formatted_text!(
    /// A Cylance Protect device or zone id: 32 upper-case hexadecimal digits, no hyphens
    /// (`DeviceId::parse("45E07F34E76B4A9EB167D6D0C510D6BA")`).
    DeviceId,
    Format::DeviceId
);

/// The instant of a date-time text, in UTC.
fn instant(text: &str) -> Option<time::OffsetDateTime> {
    let (seconds, nanos) = date_time_instant(text)?;
    let nanos = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

impl DateTime {
    /// The instant, in UTC (the written offset applied); `None` only for a text that the
    /// contract takes but `time` cannot hold.
    pub fn instant(&self) -> Option<time::OffsetDateTime> {
        instant(&self.0)
    }
}

impl OffsetOptionalDateTime {
    /// The instant, in UTC; a time written without an offset is read as UTC.
    pub fn instant(&self) -> Option<time::OffsetDateTime> {
        instant(&self.0)
    }
}

impl Contract for Uuid {
    const SHAPE: Shape = formatted(Format::Uuid);
}

impl FromTree for uuid::Uuid {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<uuid::Uuid> {
        uuid::Uuid::parse_str(&validated_text(Format::Uuid, value)?).ok()
    }
}

impl Contract for Ipv4Addr {
    const SHAPE: Shape = formatted(Format::Ipv4);
}

impl FromTree for Ipv4Addr {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Ipv4Addr> {
        value.as_str()?.parse().ok()
    }
}

/// A `d:hh:mm` duration within `MIN` and `MAX` minutes, as the contract bounds it (the
/// lockdown's `expires`: `DurationDhm<5, 4320>`, five minutes to three days). The text is
/// kept as written; [`DurationDhm::minutes`] is its length.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DurationDhm<const MIN: u64, const MAX: u64>(String);

impl<const MIN: u64, const MAX: u64> DurationDhm<MIN, MAX> {
    /// The duration, if `text` is `d:hh:mm` within the bounds.
    pub fn parse(text: &str) -> Result<Self, FormatError> {
        check(Format::DurationDhm, text)?;
        let minutes = crate::formats::duration_minutes(text).unwrap_or(0);
        if (MIN..=MAX).contains(&minutes) {
            Ok(DurationDhm(text.to_string()))
        } else {
            Err(FormatError {
                expected: "a duration within the contract's bounds",
            })
        }
    }

    /// A duration of `minutes`, written `d:hh:mm`, if within the bounds.
    pub fn from_minutes(minutes: u64) -> Result<Self, FormatError> {
        Self::parse(&crate::formats::format_duration(minutes))
    }

    /// The length in minutes.
    pub fn minutes(&self) -> u64 {
        crate::formats::duration_minutes(&self.0).unwrap_or(0)
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MIN: u64, const MAX: u64> FromStr for DurationDhm<MIN, MAX> {
    type Err = FormatError;
    fn from_str(text: &str) -> Result<Self, FormatError> {
        Self::parse(text)
    }
}

impl<const MIN: u64, const MAX: u64> TryFrom<&str> for DurationDhm<MIN, MAX> {
    type Error = FormatError;
    fn try_from(text: &str) -> Result<Self, FormatError> {
        Self::parse(text)
    }
}

impl<const MIN: u64, const MAX: u64> fmt::Display for DurationDhm<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MIN: u64, const MAX: u64> fmt::Debug for DurationDhm<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DurationDhm({:?})", self.0)
    }
}

impl<const MIN: u64, const MAX: u64> Serialize for DurationDhm<MIN, MAX> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for DurationDhm<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl<const MIN: u64, const MAX: u64> Contract for DurationDhm<MIN, MAX> {
    const SHAPE: Shape = Shape::String(StringDesc {
        format: Some(Format::DurationDhm),
        min_duration: Some(MIN),
        max_duration: Some(MAX),
        ..StringDesc::NONE
    });
}

impl<const MIN: u64, const MAX: u64> FromTree for DurationDhm<MIN, MAX> {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Self> {
        Self::parse(value.as_str()?).ok()
    }
}

/// A secret string (a password): `Debug` and `Display` print `***`, so logging a model
/// never leaks it; [`Secret::expose`] gives the value, and serializing writes it (a request
/// must carry it).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_string())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::MASK)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl Contract for Secret {
    const SHAPE: Shape = Shape::String(StringDesc::NONE);
}

impl FromTree for Secret {
    fn from_tree(value: ValueRef<'_>, _: NameMatching) -> Option<Secret> {
        value.as_str().map(Secret::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_checks_the_format_and_keeps_the_text() {
        let id = DeviceId::parse("45E07F34E76B4A9EB167D6D0C510D6BA").unwrap();
        assert_eq!(id.as_str(), "45E07F34E76B4A9EB167D6D0C510D6BA");
        let err = DeviceId::parse("45e07f34-e76b").unwrap_err();
        assert!(err.to_string().starts_with("not "), "{err}");
        assert!(
            "45e07f34e76b4a9eb167d6d0c510d6ba"
                .parse::<DeviceId>()
                .is_err()
        );
        let t = DateTime::parse("2022-03-03T12:30:00.5+01:00").unwrap();
        assert_eq!(t.to_string(), "2022-03-03T12:30:00.5+01:00");
        let utc = t.instant().unwrap();
        assert_eq!(
            (utc.hour(), utc.minute(), utc.nanosecond()),
            (11, 30, 500_000_000)
        );
        assert!(DateTime::try_from("2022-03-03").is_err());
        assert_eq!(
            OffsetOptionalDateTime::parse("2020-05-29T10:12:45")
                .unwrap()
                .instant()
                .unwrap()
                .unix_timestamp(),
            1_590_747_165
        );
    }

    #[test]
    fn durations_carry_their_bounds() {
        type Expires = DurationDhm<5, 4320>;
        assert_eq!(Expires::parse("0:01:00").unwrap().minutes(), 60);
        assert!(Expires::parse("0:00:00").is_err());
        assert!(Expires::parse("3:00:01").is_err());
        assert!(Expires::parse("1:1:00").is_err());
        assert_eq!(Expires::from_minutes(4320).unwrap().as_str(), "3:00:00");
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::from("hunter2");
        assert_eq!(format!("{s} {s:?}"), "*** ***");
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
    }
}
