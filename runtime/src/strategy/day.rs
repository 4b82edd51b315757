//! Calendar days, without a date-time dependency: realistic date-times are drawn within a
//! few days of a reference day, which must move across months, years and leap days the way
//! the calendar does (the walk rejects February 29 of a common year).

use std::fmt;

use super::generate::days_in_month;

/// A calendar day (proleptic Gregorian, years 1 to 9999): the reference that realistic
/// date-times are drawn near. The CLI passes today; tests pass a fixed day, so that their
/// samples do not change from one day to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    /// The day, if it exists (`Day::new(2026, 2, 29)` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        let exists = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && u32::from(day) <= days_in_month(year.into(), month.into());
        exists.then_some(Day { year, month, day })
    }

    /// The UTC day of a Unix time in seconds (clamped to years 1 to 9999).
    pub fn from_unix_seconds(seconds: i64) -> Day {
        Day::from_days(seconds.div_euclid(86_400))
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        crate::civil::days_from_civil(self.year.into(), self.month.into(), self.day.into())
    }

    /// The day `days` after 1970-01-01 (`civil_from_days`), clamped to years 1 to 9999.
    fn from_days(days: i64) -> Day {
        const FIRST: i64 = -719_162; // 0001-01-01
        const LAST: i64 = 2_932_896; // 9999-12-31
        let (year, month, day) = crate::civil::civil_from_days(days.clamp(FIRST, LAST));
        Day {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The day `n` days later (earlier when negative).
    pub fn plus_days(self, n: i64) -> Day {
        Day::from_days(self.days().saturating_add(n))
    }
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
