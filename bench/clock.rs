//! The clock the criterion benches measure with: the benchmark thread's CPU time by
//! default, wall time with `VENDORSPEC_BENCH_CLOCK=wall`.
//!
//! Why CPU time: the machines these numbers come from are shared (two cores, other
//! engineers' builds and a fuzzer running beside the benches). Wall time then counts the
//! time the benchmark thread spent waiting for a core, which differs from one benchmark to
//! the next and makes ratios taken minutes apart meaningless. The thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`) counts only the time the code ran, so a ratio measured on a
//! busy machine matches the same ratio on an idle one, up to cache and memory-bandwidth
//! interference, which no clock removes. Every benchmarked routine is single-threaded, so
//! nothing is missed. Outside 64-bit Linux the wall clock is used.
//!
//! Included by `generated/benches/validate.rs` and `codegen/benches/codegen.rs` with
//! `#[path]`, so both measure the same way. Values are nanoseconds, formatted by
//! criterion's own wall-time formatter, so reports and `estimates.json` read as usual.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use criterion::Criterion;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};

/// The configuration both benches run with: this clock, 1 s of warm-up, 3 s of
/// measurement, 20 samples (the largest cases take about a second an iteration).
pub fn criterion() -> Criterion<Clock> {
    Criterion::default()
        .with_measurement(Clock::from_env())
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}

/// Thread CPU time or wall time, in nanoseconds.
pub struct Clock {
    cpu: bool,
    /// Lends criterion's duration formatter (values are nanoseconds, as with `WallTime`).
    wall: WallTime,
}

impl Clock {
    /// CPU time unless `VENDORSPEC_BENCH_CLOCK=wall` or the platform has no thread clock;
    /// says which on stderr.
    pub fn from_env() -> Clock {
        let clock = Clock::quiet();
        eprintln!(
            "measuring {} (set VENDORSPEC_BENCH_CLOCK=wall for wall time)",
            if clock.cpu {
                "the benchmark thread's CPU time"
            } else {
                "wall time"
            }
        );
        clock
    }

    /// [`Clock::from_env`] without the message.
    pub fn quiet() -> Clock {
        let wall_asked = std::env::var("VENDORSPEC_BENCH_CLOCK").is_ok_and(|v| v == "wall");
        Clock {
            cpu: !wall_asked && thread_cpu_ns().is_some(),
            wall: WallTime,
        }
    }

    fn now(&self) -> u64 {
        if self.cpu
            && let Some(ns) = thread_cpu_ns()
        {
            return ns;
        }
        static EPOCH: OnceLock<Instant> = OnceLock::new();
        let elapsed = EPOCH.get_or_init(Instant::now).elapsed();
        u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)
    }
}

impl Measurement for Clock {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        self.now()
    }

    fn end(&self, start: u64) -> u64 {
        self.now().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// The calling thread's CPU time in nanoseconds.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_ns() -> Option<u64> {
    /// `struct timespec` on 64-bit Linux: two `long`s.
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable `struct timespec` for the duration of the call, and
    // the clock id is a constant of the Linux ABI; the call writes nothing else.
    let status = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    let secs = u64::try_from(ts.tv_sec).ok()?;
    let nanos = u64::try_from(ts.tv_nsec).ok()?;
    (status == 0).then(|| secs * 1_000_000_000 + nanos)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_ns() -> Option<u64> {
    None
}
