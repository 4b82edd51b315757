//! What the mock remembers between requests, and what makes its answers repeatable: the
//! clock and the seeded randomness. One lock guards it all; a request holds it only while it
//! reads or changes the state, never while it parses or validates.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use vendorspec::runtime::strategy::SplitMix;

/// The time responses are stamped with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The machine's clock.
    Wall,
    /// Starts at these Unix seconds and moves one second per stamp, so the same requests
    /// get the same timestamps (`SOURCE_DATE_EPOCH`, the reproducible-builds convention).
    Fixed(i64),
}

/// A package execution the mock created.
#[derive(Debug, Clone)]
pub struct Execution {
    /// The response body, as create returned it.
    pub resource: Value,
    pub deleted: bool,
}

/// The lockdowns of one device.
#[derive(Debug, Clone, Default)]
pub struct Device {
    /// One entry per lockdown command, oldest first (`LockdownHistoryEntry` values).
    pub history: Vec<Value>,
    /// The unlock password of the current lockdown.
    pub password: Option<String>,
}

/// Everything the mock remembers.
#[derive(Debug)]
pub struct State {
    clock: Clock,
    /// Stamps handed out with a fixed clock.
    ticks: i64,
    rng: SplitMix,
    /// By id (lowercase).
    pub executions: BTreeMap<String, Execution>,
    /// By device id (as written in the path, uppercase).
    pub devices: BTreeMap<String, Device>,
    /// The tokens Ivanti's login issued.
    pub ivanti_tokens: BTreeSet<String>,
    /// Ivanti jobs and deployments accepted, for the log.
    pub jobs: u64,
    pub deployments: u64,
}

impl State {
    pub fn new(seed: u64, clock: Clock) -> State {
        State {
            clock,
            ticks: 0,
            rng: SplitMix(seed),
            executions: BTreeMap::new(),
            devices: BTreeMap::new(),
            ivanti_tokens: BTreeSet::new(),
            jobs: 0,
            deployments: 0,
        }
    }

    /// The next random 64 bits: the same sequence for the same seed.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next()
    }

    /// A number below `n`, from the seed.
    pub fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    /// A version 4 UUID from the seeded randomness.
    pub fn uuid(&mut self) -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// Now, in Unix seconds.
    pub fn now(&mut self) -> i64 {
        match self.clock {
            Clock::Wall => match SystemTime::now().duration_since(UNIX_EPOCH) {
                Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                Err(_) => 0,
            },
            Clock::Fixed(start) => {
                self.ticks += 1;
                start.saturating_add(self.ticks)
            }
        }
    }
}

/// RFC 3339 in UTC with `Z` (`2026-12-06T07:00:00Z`), as the Cylance servers write
/// lockdown times; `millis` adds three fraction digits, as they write `createdAt`.
pub fn rfc3339(unix_seconds: i64, millis: bool) -> String {
    use time::format_description::well_known::Rfc3339;
    let t = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let text = t.format(&Rfc3339).unwrap_or_default();
    if millis {
        text.replacen('Z', ".000Z", 1)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_ids_and_a_fixed_clock_the_same_times() {
        let mut a = State::new(7, Clock::Fixed(1_700_000_000));
        let mut b = State::new(7, Clock::Fixed(1_700_000_000));
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.uuid().get_version_num(), 4);
        assert_eq!(a.now(), b.now());
        assert_eq!(a.now(), 1_700_000_002);
        assert_ne!(
            State::new(8, Clock::Wall).uuid(),
            State::new(7, Clock::Wall).uuid()
        );
        assert_eq!(rfc3339(0, false), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(0, true), "1970-01-01T00:00:00.000Z");
    }
}
