//! Realistic values, for `vendorspec sample` (without `--adversarial`): payloads a person
//! would start from, where the adversarial generator of [`super::valid`] hunts for the
//! edge cases (control characters, the year 0, integers at the `i64` limits) that make
//! poor examples. What is drawn is documented with the public API, in "Realistic values"
//! of the `strategy` module.

use std::collections::BTreeMap;

use proptest::test_runner::TestRunner;
use serde_json::Value;

use super::day::Day;
use super::generate::{
    HARD_DEPTH, SOFT_DEPTH, exact_bound, finite_domain, integer_bounds, rule_reads, string_faults,
    string_strategy,
};
use super::repair::{Obj, valid_for};
use super::rng::{SplitMix, draw, runner_for};
use super::{enum_desc, object_desc, valid};
use crate::desc::*;
use crate::formats;
use crate::formats::MAX_DURATION;
use crate::semantics::json_eq;
use crate::template::{SECRET_PLACEHOLDER, default_value, fit_length, scalar};
use crate::walk::{self, Options};

/// What realistic values are drawn from besides the descriptor.
#[derive(Debug, Clone, Copy)]
pub struct Realism<'a> {
    /// The spec's valid examples of the body, normalized (canonical member names, no
    /// envelope): their values are preferred wherever they have one.
    pub examples: &'a [Value],
    /// The day date-times are drawn near.
    pub today: Day,
}

/// `count` realistic valid values, the same for the same seed and reference day. See
/// "Realistic values" in the module documentation.
pub fn sample_realistic(
    shape: &'static Shape,
    realism: Realism<'_>,
    seed: u64,
    count: usize,
) -> Vec<Value> {
    let mut drawer = Drawer::new(shape, realism, seed);
    (0..count).filter_map(|_| drawer.one()).collect()
}

/// How many realistic draws of one value are tried before the adversarial generator.
const ATTEMPTS: usize = 12;
/// Arrays get 1 to this many items, within their bounds.
const MAX_ITEMS: u64 = 3;
/// The pool of the root value.
const ROOT: Slot = (0, 0);

/// Where a value sits: an object descriptor's address and a member's index.
type Slot = (usize, usize);

struct Drawer {
    shape: &'static Shape,
    /// The values the examples give each member (scalars and arrays of scalars).
    pools: BTreeMap<Slot, Vec<Value>>,
    today: Day,
    rng: SplitMix,
    /// For the fallbacks on the adversarial generator.
    runner: TestRunner,
}

impl Drawer {
    fn new(shape: &'static Shape, realism: Realism<'_>, seed: u64) -> Drawer {
        let mut pools = BTreeMap::new();
        for example in realism.examples {
            collect(shape, example, ROOT, &mut pools);
        }
        Drawer {
            shape,
            pools,
            today: realism.today,
            rng: SplitMix(seed),
            runner: runner_for(seed ^ 0x7EA1),
        }
    }

    /// One value: the first realistic draw the walk accepts without a warning and with
    /// no array grown past [`MAX_ITEMS`] by a repair, else the first without an error,
    /// else the adversarial generator's.
    fn one(&mut self) -> Option<Value> {
        let pool = self.pools.get(&ROOT).cloned().unwrap_or_default();
        let mut with_warnings = None;
        for _ in 0..ATTEMPTS {
            let value = self.value(self.shape, "", &pool, 0, false);
            let text = serde_json::to_vec(&value).unwrap_or_default();
            let report = walk::validate(&text, self.shape, &Options::default());
            if report.is_empty() && !oversized(self.shape, &value) {
                return Some(value);
            }
            if !report.has_errors() && with_warnings.is_none() {
                with_warnings = Some(value);
            }
        }
        with_warnings.or_else(|| {
            let strategy = valid(self.shape);
            (0..16).find_map(|_| draw(&strategy, &mut self.runner))
        })
    }

    /// A value of `shape`: from `pool` (the examples' values for this place) two times in
    /// three, else a fresh one. `hint` is the member's name; `non_empty` asks for a
    /// non-empty array (a rule counts it).
    fn value(
        &mut self,
        shape: &'static Shape,
        hint: &str,
        pool: &[Value],
        depth: u32,
        non_empty: bool,
    ) -> Value {
        assert!(
            depth <= HARD_DEPTH,
            "the descriptor nests required members without end; no finite value satisfies it"
        );
        // Whole arrays of the examples as long as drawn ones may be; longer ones only lend
        // their items.
        let most = match shape {
            Shape::Array(a) => a.min_items.unwrap_or(0).max(MAX_ITEMS) as usize,
            _ => usize::MAX,
        };
        let usable: Vec<&Value> = pool
            .iter()
            .filter(|v| {
                v.as_array()
                    .is_none_or(|a| a.len() <= most && (!non_empty || !a.is_empty()))
            })
            .collect();
        if !usable.is_empty() && self.rng.below(3) < 2 {
            return usable[self.rng.below(usable.len())].clone();
        }
        match shape {
            Shape::String(desc) => Value::String(self.string(desc, hint)),
            Shape::Integer(desc) => Value::from(self.integer(desc)),
            Shape::Number(desc) => self.number(desc),
            Shape::Boolean => Value::Bool(self.rng.coin()),
            Shape::Enum(_) => {
                let e = enum_desc(shape).expect("an enum shape");
                assert!(
                    !e.values.is_empty(),
                    "the enum {} has no value; no value satisfies it",
                    e.name
                );
                Value::from(e.values[self.rng.below(e.values.len())].value)
            }
            Shape::Array(desc) => self.array(desc, hint, pool, depth, non_empty),
            Shape::Object(_) => self.object(object_desc(shape).expect("an object shape"), depth),
        }
    }

    fn array(
        &mut self,
        desc: &'static ArrayDesc,
        hint: &str,
        pool: &[Value],
        depth: u32,
        non_empty: bool,
    ) -> Value {
        let max = desc.max_items.unwrap_or(u64::MAX);
        let mut lo = desc.min_items.unwrap_or(0);
        if non_empty && max >= 1 {
            lo = lo.max(1);
        }
        let hi = max.min(lo.max(MAX_ITEMS));
        let n: u64 = if depth >= SOFT_DEPTH || lo >= hi {
            lo
        } else {
            let from = lo.max(1);
            from + self.rng.below((hi - from + 1) as usize) as u64
        };
        let n = n as usize;
        // Distinct items where the domain has enough (people do not list a value twice).
        if let Some(mut domain) = finite_domain(desc.items)
            && (desc.unique_items || domain.len() >= n)
        {
            self.rng.shuffle(&mut domain);
            domain.truncate(n);
            return Value::Array(domain);
        }
        // Items of the examples' arrays for this member.
        let items: Vec<Value> = pool
            .iter()
            .filter_map(Value::as_array)
            .flatten()
            .cloned()
            .collect();
        let mut out: Vec<Value> = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < 4 * n + 8 {
            tries += 1;
            let item = self.value(desc.items, hint, &items, depth + 1, false);
            if !out.iter().any(|w| json_eq(w, &item)) {
                out.push(item);
            }
        }
        // A repeat only where distinct items ran out.
        while out.len() < n && !desc.unique_items {
            out.push(
                out.first()
                    .cloned()
                    .unwrap_or_else(|| self.value(desc.items, hint, &items, depth + 1, false)),
            );
        }
        Value::Array(out)
    }

    fn object(&mut self, desc: &'static ObjectDesc, depth: u32) -> Value {
        let (read, non_empty) = rule_reads(desc);
        let mut obj = Obj {
            desc,
            present: Vec::with_capacity(desc.members.len()),
            values: Vec::with_capacity(desc.members.len()),
            alts: Vec::with_capacity(desc.members.len()),
        };
        for (i, m) in desc.members.iter().enumerate() {
            if !m.required && depth >= SOFT_DEPTH && !read[i] {
                obj.present.push(false);
                obj.values.push(Value::Null);
                obj.alts.push(vec![Value::Null]);
                continue;
            }
            let mut pool = self
                .pools
                .get(&(slot_of(desc), i))
                .cloned()
                .unwrap_or_default();
            pool.extend(default_value(m.default).filter(|d| usable(&m.shape, d)));
            let value = if m.secret {
                self.secret(&m.shape)
                    .unwrap_or_else(|| self.value(&m.shape, m.name, &[], depth + 1, non_empty[i]))
            } else {
                self.value(&m.shape, m.name, &pool, depth + 1, non_empty[i])
            };
            obj.present.push(m.required || self.rng.coin());
            // The examples' values are the repair's first alternatives (arrays as long as
            // drawn ones may be).
            let mut alts = vec![value.clone()];
            if !m.secret {
                let most = match &m.shape {
                    Shape::Array(a) => a.min_items.unwrap_or(0).max(MAX_ITEMS) as usize,
                    _ => usize::MAX,
                };
                alts.extend(
                    pool.into_iter()
                        .filter(|v| v.as_array().is_none_or(|a| a.len() <= most)),
                );
            }
            obj.values.push(value);
            obj.alts.push(alts);
        }
        obj.repair(&mut self.rng);
        obj.into_value()
    }

    /// The template's placeholder for a secret member, when its constraints allow it.
    fn secret(&self, shape: &Shape) -> Option<Value> {
        let Shape::String(desc) = shape else {
            return None;
        };
        let text = fit_length(SECRET_PLACEHOLDER.to_string(), desc);
        string_faults(desc, &text)
            .is_empty()
            .then_some(Value::String(text))
    }

    // ---- strings

    /// A plausible string: of its format, or fitting the member's name; else the
    /// template's value; else the adversarial generator's, without control characters
    /// when it can.
    fn string(&mut self, desc: &StringDesc, hint: &str) -> String {
        for _ in 0..8 {
            let text = match desc.format {
                Some(format) => self.formatted(format, desc),
                None => self.plain(hint, desc),
            };
            if string_faults(desc, &text).is_empty() {
                return text;
            }
        }
        if let Value::String(text) = scalar(&Shape::String(*desc))
            && string_faults(desc, &text).is_empty()
        {
            return text;
        }
        let strategy = string_strategy(*desc);
        let mut any = None;
        for _ in 0..32 {
            if let Some(text) = draw(&strategy, &mut self.runner) {
                if !text.chars().any(char::is_control) {
                    return text;
                }
                any.get_or_insert(text);
            }
        }
        any.unwrap_or_default()
    }

    fn pick(&mut self, pool: &[&str]) -> String {
        pool[self.rng.below(pool.len())].to_string()
    }

    /// A word fitting what the member's name says it holds: one of its pool that meets the
    /// constraints as it is, else one of [`WORDS`] that does, else one of its pool cut or
    /// padded to the length bounds.
    fn plain(&mut self, hint: &str, desc: &StringDesc) -> String {
        let name = hint.to_ascii_lowercase();
        if name == "id" || name.ends_with("_id") || hint.ends_with("Id") || name == "package" {
            return fit_length(self.uuid(), desc);
        }
        if matches!(name.trim_end_matches('s'), "device" | "zone") {
            return fit_length(self.formatted(Format::DeviceId, desc), desc);
        }
        let pool = PLAIN
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| name.contains(k)))
            .map_or(WORDS, |(_, pool)| *pool);
        for candidates in [pool, WORDS] {
            let fitting: Vec<&str> = candidates
                .iter()
                .copied()
                .filter(|w| string_faults(desc, w).is_empty())
                .collect();
            if !fitting.is_empty() {
                return self.pick(&fitting);
            }
        }
        let word = self.pick(pool);
        fit_length(word, desc)
    }

    fn formatted(&mut self, format: Format, desc: &StringDesc) -> String {
        match format {
            Format::Uuid => self.uuid(),
            Format::DateTime => self.date_time(true),
            Format::DateTimeOffsetOptional => self.date_time(false),
            Format::Ipv4 => {
                let host = 1 + self.rng.below(254);
                let (b, c) = (self.rng.below(256), self.rng.below(256));
                match self.rng.below(3) {
                    0 => format!("10.{b}.{c}.{host}"),
                    1 => format!("192.168.{c}.{host}"),
                    _ => format!("172.{}.{c}.{host}", 16 + b % 16),
                }
            }
            Format::DeviceId => format!("{:016X}{:016X}", self.rng.next(), self.rng.next()),
            Format::DurationDhm => {
                let lo = desc.min_duration.unwrap_or(0);
                let hi = desc
                    .max_duration
                    .unwrap_or_else(|| lo.saturating_add(30 * 24 * 60))
                    .min(MAX_DURATION);
                let round: Vec<u64> = ROUND_MINUTES
                    .iter()
                    .copied()
                    .filter(|m| (lo..=hi).contains(m))
                    .collect();
                let minutes = if !round.is_empty() {
                    round[self.rng.below(round.len())]
                } else if lo <= hi {
                    lo + (self.rng.next() % (hi - lo + 1))
                } else {
                    lo
                };
                formats::format_duration(minutes)
            }
            Format::ResultUrl => self.pick(RESULT_URLS),
            Format::ResultDestination => {
                if self.rng.coin() {
                    self.pick(RESULT_URLS)
                } else {
                    self.pick(RESULT_DESTINATIONS)
                }
            }
            Format::NonNegativeIntegerString => self.pick(COUNTS),
        }
    }

    /// A random version 4 UUID, lower case.
    fn uuid(&mut self) -> String {
        let (a, b) = (self.rng.next(), self.rng.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFF,
            8 + (b >> 62),
            (b >> 48) & 0xFFF,
            b & 0xFFFF_FFFF_FFFF
        )
    }

    /// Within three days of the reference day, in working hours, on the quarter hour;
    /// without `offset_required`, half of them have no offset.
    fn date_time(&mut self, offset_required: bool) -> String {
        let day = self.today.plus_days(self.rng.below(7) as i64 - 3);
        let hour = 8 + self.rng.below(10);
        let minute = 15 * self.rng.below(4);
        let offset = if offset_required || self.rng.coin() {
            "Z"
        } else {
            ""
        };
        format!("{day}T{hour:02}:{minute:02}:00{offset}")
    }

    // ---- numbers

    /// Uniform within bounds 100 or less apart, else 1 to 20 (moved inside the bounds).
    fn integer(&mut self, desc: &NumberDesc) -> i64 {
        let (lo, hi) = integer_bounds(desc);
        assert!(lo <= hi, "no integer within the bounds");
        let (from, to) = if hi.checked_sub(lo).is_some_and(|w| w <= 100) {
            (lo, hi)
        } else {
            let from = 1i64.clamp(lo, hi);
            (from, from.saturating_add(19).min(hi))
        };
        from + self.rng.below((to - from) as usize + 1) as i64
    }

    /// Within bounds 100 or less apart, one of nine evenly spaced values (two decimals);
    /// else an integer as [`Drawer::integer`] draws it.
    fn number(&mut self, desc: &NumberDesc) -> Value {
        let (min, max) = (
            exact_bound(desc.minimum, true),
            exact_bound(desc.maximum, false),
        );
        if let (Some(lo), Some(hi)) = (min, max)
            && lo <= hi
            && hi - lo <= 100.0
        {
            let k = self.rng.below(9) as f64;
            let v = ((lo + (hi - lo) * k / 8.0) * 100.0).round() / 100.0;
            let v = v.clamp(lo, hi);
            return if v.fract() == 0.0 && v.abs() < 1e15 {
                Value::from(v as i64)
            } else {
                Value::from(v)
            };
        }
        Value::from(self.integer(desc))
    }
}

/// The slot key of an object descriptor.
fn slot_of(desc: &'static ObjectDesc) -> usize {
    std::ptr::from_ref(desc) as usize
}

/// Adds the values `example` gives each member under `shape` to `pools`.
fn collect(
    shape: &'static Shape,
    example: &Value,
    slot: Slot,
    pools: &mut BTreeMap<Slot, Vec<Value>>,
) {
    if slot == ROOT && usable(shape, example) {
        add(pools, ROOT, example);
    }
    match (shape, example) {
        (Shape::Object(_), Value::Object(map)) => {
            let desc = object_desc(shape).expect("an object shape");
            for (i, m) in desc.members.iter().enumerate() {
                if let Some(v) = map.get(m.name) {
                    if !m.secret && usable(&m.shape, v) {
                        add(pools, (slot_of(desc), i), v);
                    }
                    collect(&m.shape, v, (slot_of(desc), i), pools);
                }
            }
        }
        (Shape::Array(a), Value::Array(items)) => {
            for item in items {
                collect(a.items, item, slot, pools);
            }
        }
        _ => {}
    }
}

fn add(pools: &mut BTreeMap<Slot, Vec<Value>>, slot: Slot, value: &Value) {
    let pool = pools.entry(slot).or_default();
    if !pool.contains(value) {
        pool.push(value.clone());
    }
}

/// Whether an example's value can be reused as it is: a scalar or an array of scalars,
/// valid for the member, with no control character, no placeholder of the docs
/// (`"<JobName>"`), and no date-time (those are drawn near the reference day, not at the
/// docs' dates).
fn usable(shape: &Shape, value: &Value) -> bool {
    let flat = match value {
        Value::Object(_) => false,
        Value::Array(items) => items.iter().all(|i| !i.is_object() && !i.is_array()),
        _ => true,
    };
    flat && !holds_date_times(shape)
        && !has_control(value)
        && !has_placeholder(value)
        && valid_for(shape, value)
}

fn has_placeholder(value: &Value) -> bool {
    match value {
        Value::String(s) => s.len() > 2 && s.starts_with('<') && s.ends_with('>'),
        Value::Array(items) => items.iter().any(has_placeholder),
        _ => false,
    }
}

/// Whether an array of `value` has more than [`MAX_ITEMS`] items where its `min_items`
/// does not ask for them (a repair adding an item a rule needs can do that).
fn oversized(shape: &Shape, value: &Value) -> bool {
    match (shape, value) {
        (Shape::Array(a), Value::Array(items)) => {
            items.len() as u64 > a.min_items.unwrap_or(0).max(MAX_ITEMS)
                || items.iter().any(|i| oversized(a.items, i))
        }
        (Shape::Object(_), Value::Object(map)) => {
            let desc = object_desc(shape).expect("an object shape");
            desc.members
                .iter()
                .any(|m| map.get(m.name).is_some_and(|v| oversized(&m.shape, v)))
        }
        _ => false,
    }
}

fn holds_date_times(shape: &Shape) -> bool {
    match shape {
        Shape::String(d) => matches!(
            d.format,
            Some(Format::DateTime | Format::DateTimeOffsetOptional)
        ),
        Shape::Array(a) => holds_date_times(a.items),
        _ => false,
    }
}

fn has_control(value: &Value) -> bool {
    match value {
        Value::String(s) => s.chars().any(char::is_control),
        Value::Array(items) => items.iter().any(has_control),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.chars().any(char::is_control) || has_control(v)),
        _ => false,
    }
}

// ---- pools

/// Durations people pick, in minutes: 5, 10, 15, 30 minutes, 1, 2, 4, 8, 12 hours, 1, 2,
/// 3 and 7 days.
const ROUND_MINUTES: &[u64] = &[
    5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080,
];

const RESULT_URLS: &[&str] = &[
    "",
    "ftp://files.example.com/results",
    "sftp://results.example.com/optics",
    "smb://fileserver.corp.example.com/share/results",
];

/// Destinations also take https and credentials in the URL (masked in the CLI's output).
const RESULT_DESTINATIONS: &[&str] = &[
    "https://storage.example.com/optics-results",
    "sftp://optics:change-me@results.example.com/optics",
    "ftp://collector:change-me@files.example.com/results",
];

const COUNTS: &[&str] = &["0", "1", "5", "10", "25", "50", "100", "250"];

/// Plain strings by what the member's name holds: the first entry with a key contained in
/// the lower-cased name wins (so `hostname` is a host, not a person's name).
const PLAIN: &[(&[&str], &[&str])] = &[
    (
        &["email", "mail"],
        &[
            "alex.morgan@example.com",
            "priya.shah@example.com",
            "it-support@example.com",
        ],
    ),
    (
        &["phone"],
        &["+1 555 0100", "+44 20 7946 0958", "+61 2 5550 1234"],
    ),
    (&["password", "secret"], &[SECRET_PLACEHOLDER]),
    (
        &["hostname", "computer", "host", "machine"],
        &[
            "WS-FIN-0142",
            "lab-web-03",
            "SRV-SQL-01",
            "dc01.corp.example.com",
            "LAPTOP-JSMITH",
        ],
    ),
    (
        &["username", "login", "user", "owner"],
        &["jsmith", "priya.shah", "svc-patching", "a.morgan"],
    ),
    (
        &["address"],
        &["221 Baker Street", "12 Harbour Road", "400 Congress Avenue"],
    ),
    (
        &["city"],
        &["Dublin", "Austin", "Osaka", "Melbourne", "Toronto"],
    ),
    (
        &["state", "province"],
        &["Texas", "Ontario", "Victoria", "Leinster"],
    ),
    (
        &["country"],
        &["United States", "Ireland", "Japan", "Australia", "Canada"],
    ),
    (&["zip", "postal"], &["73301", "94105", "D02 X285", "3000"]),
    (
        &["organizationalunit"],
        &[
            "OU=Workstations,DC=corp,DC=example,DC=com",
            "OU=Servers,DC=corp,DC=example,DC=com",
        ],
    ),
    (
        &["canonical"],
        &[
            "corp.example.com/Workstations/Finance",
            "corp.example.com/Servers",
        ],
    ),
    (&["domain"], &["corp.example.com", "example.local"]),
    (
        &["message", "description", "comment", "note"],
        &[
            "Updates are ready to install. Please save your work.",
            "Your computer will restart in 15 minutes to finish installing updates.",
        ],
    ),
    (&["status"], &["Online", "Offline"]),
    (&["version"], &["3.2.1004", "3.1.1001", "2.5.2100"]),
    (&["argument"], &["-browser ALL", "-verbose", "-days 7"]),
    (
        &["url", "destination", "path"],
        &[
            "sftp://results.example.com/optics",
            "smb://fileserver.corp.example.com/share/results",
        ],
    ),
    (
        &["name"],
        &[
            "Finance workstations",
            "Weekly patch rollout",
            "Collect browser history",
            "Acme Corporation",
            "Northwind Traders",
        ],
    ),
];

/// Any other plain string.
const WORDS: &[&str] = &["default", "finance", "production", "lab", "north-region"];
