//! Seeded randomness: `vendorspec sample --seed N` must print the same payloads on every
//! machine and every run, so every random choice comes from the seed, either through a
//! proptest runner seeded from it or through [`SplitMix`] for the choices made inside
//! `prop_map` (where proptest hands out no randomness of its own).

use std::fmt::Debug;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// `count` draws of a strategy from a runner seeded with `seed`; draws the strategy
/// rejects are retried, within a budget.
pub(super) fn draw_many<T: Debug>(strategy: &BoxedStrategy<T>, seed: u64, count: usize) -> Vec<T> {
    let mut runner = runner_for(seed);
    let mut out = Vec::with_capacity(count);
    let mut attempts = 0;
    while out.len() < count && attempts < count.saturating_mul(4) + 16 {
        attempts += 1;
        if let Ok(tree) = strategy.new_tree(&mut runner) {
            out.push(tree.current());
        }
    }
    out
}

/// A runner whose random numbers depend on `seed` only.
pub(super) fn runner_for(seed: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    let mut rng = SplitMix(seed);
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next().to_le_bytes());
    }
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

/// A small deterministic generator (SplitMix64) for the choices made inside `prop_map`,
/// and for anything else that must repeat under a seed on every machine (the mock's ids).
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub(super) fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// One draw of a strategy.
pub(super) fn draw<T: Debug>(strategy: &BoxedStrategy<T>, runner: &mut TestRunner) -> Option<T> {
    strategy.new_tree(runner).ok().map(|t| t.current())
}
