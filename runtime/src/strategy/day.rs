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
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (`civil_from_days`), clamped to years 1 to 9999.
    fn from_days(days: i64) -> Day {
        const FIRST: i64 = -719_162; // 0001-01-01
        const LAST: i64 = 2_932_896; // 9999-12-31
        let z = days.clamp(FIRST, LAST) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
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
