//! Strings that break exactly one constraint of their descriptor and keep the others: near
//! misses a person would write (Feb 29 of a common year, `256` in a dotted quad, a missing
//! offset), tried first, then draws from the descriptor with that one constraint dropped.

use proptest::test_runner::TestRunner;

use super::generate::{format_strategy, pattern_strategy, plain_strategy, string_faults};
use super::mutate::Mutation;
use super::rng::{SplitMix, draw};
use crate::desc::*;
use crate::formats;
use crate::formats::MAX_DURATION;

/// A string breaking exactly `mutation`'s constraint of `desc`, otherwise valid.
pub(super) fn break_string(
    desc: &StringDesc,
    mutation: Mutation,
    current: &str,
    runner: &mut TestRunner,
    rng: &mut SplitMix,
) -> Option<String> {
    let target = mutation.rule();
    // Not a spelling some server reads beyond the format (a GUID without hyphens, a
    // date-time without an offset: `dotnet::reading`), which would break nothing there.
    let read_anyway = |s: &str| {
        desc.format
            .is_some_and(|f| !f.matches(s) && crate::dotnet::reading(f, s).is_some())
    };
    let wanted = |s: &str| string_faults(desc, s) == [target.clone()] && !read_anyway(s);
    let mut candidates: Vec<String> = Vec::new();
    let chars: Vec<char> = current.chars().collect();
    // Edits of the current value.
    let min = desc.min_length.unwrap_or(0) as usize;
    let max = desc.max_length.map(|m| m as usize);
    if min > 0 {
        candidates.push(chars[..chars.len().min(min - 1)].iter().collect());
    }
    if let Some(max) = max.filter(|m| *m < 10_000) {
        let filler = chars.last().copied().unwrap_or('a');
        let mut longer = current.to_string();
        while longer.chars().count() <= max {
            longer.push(filler);
        }
        candidates.push(longer.clone());
        let mut longer_a = current.to_string();
        while longer_a.chars().count() <= max {
            longer_a.push('a');
        }
        candidates.push(longer_a);
    }
    candidates.extend([
        format!("{current}!"),
        format!("!{current}"),
        current.to_lowercase(),
        current.to_uppercase(),
        current.replace('-', ""),
        String::new(),
        "!".into(),
        "~~~~".into(),
    ]);
    match desc.format {
        Some(Format::DurationDhm) => {
            if let Some(m) = desc.min_duration.and_then(|m| m.checked_sub(1)) {
                candidates.push(formats::format_duration(m));
                candidates.push(formats::format_duration(m / 2));
            }
            if let Some(m) = desc.max_duration {
                let extra = 1 + rng.below(60) as u64;
                candidates.push(formats::format_duration((m + extra).min(MAX_DURATION)));
                candidates.push(formats::format_duration((m + 1).min(MAX_DURATION)));
            }
            candidates
                .extend(["00:00:05", "0:0:05", "0:24:00", "0:00:60", "1:2:3"].map(String::from));
        }
        // Not a date-time without an offset, nor a GUID without hyphens: the Ivanti server
        // reads those (`dotnet::reading`), so they break nothing there.
        Some(Format::DateTime) => candidates.extend(
            [
                "2023-02-29T00:00:00Z",
                "2022-03-03 11:30:00Z",
                "2022-12-31T23:59:60Z",
                "2022-03-03T24:00:00Z",
                "2022-04-31T00:00:00Z",
                "2022-03-03T11:30:00.Z",
            ]
            .map(String::from),
        ),
        Some(Format::DateTimeOffsetOptional) => candidates.extend(
            [
                "2023-02-29T00:00:00",
                "2022-03-03 11:30:00",
                "2022-03-03T11:30",
                "2022-03-03T24:00:00Z",
                "2022-04-31T00:00:00",
                "2022-03-03T11:30:00.",
                "2022-03-03T11:30:00+0530",
            ]
            .map(String::from),
        ),
        Some(Format::Ipv4) => candidates
            .extend(["192.168.0.256", "192.168.00.1", "10.0.0", "1.2.3.4.5"].map(String::from)),
        Some(Format::Uuid) => candidates.extend(
            [
                "61d8944e-d900-4724-87eb-d10078b90a4",
                "61d8944e-d900-4724-87eb-d10078b90a4g",
            ]
            .map(String::from),
        ),
        Some(Format::DeviceId) => candidates.extend(
            [
                "e378dacb9324453ab8c65a8406952195",
                "E378DACB9324453AB8C65A840695219",
            ]
            .map(String::from),
        ),
        Some(Format::ResultUrl) => candidates.extend(
            [
                "http://host/path",
                "https://host/path",
                "ftp://",
                "ftp://host/a b",
                "host",
            ]
            .map(String::from),
        ),
        Some(Format::ResultDestination) => candidates
            .extend(["http://host/path", "https://", "ftp://host/a b", "host"].map(String::from)),
        Some(Format::NonNegativeIntegerString) => {
            candidates.extend(["-5", "1.5", "12a", " 7"].map(String::from))
        }
        None => {}
    }
    let mut picks: Vec<String> = candidates.into_iter().filter(|s| wanted(s)).collect();
    if !picks.is_empty() {
        return Some(picks.swap_remove(rng.below(picks.len())));
    }
    // Draws from the constraints without the one to break.
    let mut relaxed = *desc;
    match mutation {
        Mutation::Pattern => relaxed.pattern = None,
        Mutation::Format => {
            relaxed.format = None;
            relaxed.min_duration = None;
            relaxed.max_duration = None;
        }
        Mutation::MinLength => {
            relaxed.min_length = None;
            relaxed.max_length = Some(min.checked_sub(1)? as u64);
        }
        Mutation::MaxLength => {
            relaxed.min_length = Some(max? as u64 + 1);
            relaxed.max_length = None;
        }
        _ => return None,
    }
    let base = match (relaxed.format, relaxed.pattern) {
        (Some(f), _) => format_strategy(f, relaxed.min_duration, relaxed.max_duration),
        (None, Some(p)) => pattern_strategy(p).unwrap_or_else(|| plain_strategy(&relaxed)),
        (None, None) => plain_strategy(&relaxed),
    };
    (0..24)
        .filter_map(|_| draw(&base, runner))
        .find(|s| wanted(s))
}
