//! Making an object's rules hold. Members are drawn one by one, each valid for its own
//! shape, but `exactly_one_of`, `at_least_one_of`, `requires` and `range_order` are about
//! several members together: rather than filtering (most draws of an object with rules
//! break one), the drawn object is edited until its rules hold. The mutations reuse the
//! same edits to break exactly one rule.

use serde_json::{Map, Value};

use super::generate::{finite_domain, has_no_error};
use super::rng::SplitMix;
use crate::desc::*;
use crate::semantics::{self, compare, lit_eq};

/// Which members are present and their values, to try a repair and undo it.
type Snapshot = (Vec<bool>, Vec<Value>);

/// An object being built or mutated: each member's presence and value, and other valid
/// values it may take instead.
pub(super) struct Obj {
    pub(super) desc: &'static ObjectDesc,
    pub(super) present: Vec<bool>,
    pub(super) values: Vec<Value>,
    /// Valid values of each member (the first is the generated one).
    pub(super) alts: Vec<Vec<Value>>,
}

impl Obj {
    pub(super) fn into_value(self) -> Value {
        let mut map = Map::new();
        for (i, m) in self.desc.members.iter().enumerate() {
            if self.present[i] {
                map.insert(m.name.to_string(), self.values[i].clone());
            }
        }
        Value::Object(map)
    }

    fn get(&self, i: usize) -> Option<&Value> {
        (i < self.present.len() && self.present[i]).then(|| &self.values[i])
    }

    pub(super) fn counts(&self, i: usize, count: Count) -> bool {
        semantics::counts(self.get(i), count)
    }

    /// Whether one test holds, as the walk decides it.
    fn holds(&self, test: &TestDesc) -> bool {
        semantics::holds(self.desc, |i| self.get(i), test)
    }

    /// Whether every test holds, as the walk decides it.
    pub(super) fn all(&self, tests: &[TestDesc]) -> bool {
        semantics::holds_all(self.desc, |i| self.get(i), tests)
    }

    /// The states member `i` may take: absent (when optional) or one of these values, all
    /// valid for its shape, built from its alternatives, its finite domain, the literals of
    /// `test` and edits of array values.
    fn options(&self, i: usize, test: &TestDesc) -> Vec<Option<Value>> {
        let Some(member) = self.desc.members.get(i) else {
            return Vec::new();
        };
        let shape = &member.shape;
        let mut out: Vec<Option<Value>> = Vec::new();
        if !member.required {
            out.push(None);
        }
        let mut values: Vec<Value> = Vec::new();
        if self.present[i] {
            values.push(self.values[i].clone());
        }
        values.extend(self.alts[i].iter().cloned());
        if let Some(domain) = finite_domain(shape) {
            values.extend(domain);
        }
        let lits: Vec<Lit> = match &test.predicate {
            Predicate::Equals(l) | Predicate::Contains(l) => vec![*l],
            Predicate::In(ls) | Predicate::NotIn(ls) => ls.to_vec(),
            _ => Vec::new(),
        };
        let mut candidates: Vec<Value> = lits.iter().map(|l| Value::from(*l)).collect();
        if let Shape::Array(a) = shape {
            let lo = a.min_items.unwrap_or(0) as usize;
            let hi = a.max_items.map_or(usize::MAX, |m| m as usize);
            let arrays: Vec<Vec<Value>> = values
                .iter()
                .filter_map(|v| v.as_array().cloned())
                .collect();
            candidates.push(Value::Array(Vec::new()));
            for arr in arrays {
                for lit in &lits {
                    let item = Value::from(*lit);
                    // With the literal.
                    if !arr.iter().any(|x| lit_eq(x, *lit)) {
                        if arr.len() < hi {
                            let mut with = arr.clone();
                            with.push(item.clone());
                            candidates.push(Value::Array(with));
                        } else if !arr.is_empty() {
                            let mut with = arr.clone();
                            let last = with.len() - 1;
                            with[last] = item.clone();
                            candidates.push(Value::Array(with));
                        }
                    }
                    // Without it.
                    let without: Vec<Value> =
                        arr.iter().filter(|x| !lit_eq(*x, *lit)).cloned().collect();
                    if without.len() >= lo {
                        candidates.push(Value::Array(without));
                    }
                }
                if arr.len() > 1 && lo <= 1 {
                    candidates.push(Value::Array(arr[..1].to_vec()));
                }
            }
        }
        for c in candidates {
            if valid_for(shape, &c) {
                values.push(c);
            }
        }
        for v in values {
            if !out.iter().any(|o| o.as_ref() == Some(&v)) {
                out.push(Some(v));
            }
        }
        out
    }

    pub(super) fn set_state(&mut self, i: usize, state: Option<Value>) {
        match state {
            None => self.present[i] = false,
            Some(v) => {
                self.present[i] = true;
                self.values[i] = v;
            }
        }
    }

    /// Makes `test` hold (`want`) by changing its member to one of its options, chosen at
    /// random among those that work. False if none does.
    pub(super) fn make(&mut self, test: &TestDesc, want: bool, rng: &mut SplitMix) -> bool {
        if self.holds(test) == want {
            return true;
        }
        let i = test.member;
        if i >= self.present.len() {
            return false;
        }
        let saved = (self.present[i], self.values[i].clone());
        let mut working = Vec::new();
        for option in self.options(i, test) {
            self.set_state(i, option.clone());
            if self.holds(test) == want {
                working.push(option);
            }
        }
        self.present[i] = saved.0;
        self.values[i] = saved.1.clone();
        if working.is_empty() {
            return false;
        }
        // Prefer the options that leave the fewest of the object's rules broken.
        let scores: Vec<usize> = working
            .iter()
            .map(|option| {
                self.set_state(i, option.clone());
                let score = self.violations();
                self.present[i] = saved.0;
                self.values[i] = saved.1.clone();
                score
            })
            .collect();
        let least = scores.iter().copied().min().unwrap_or(0);
        let mut best: Vec<Option<Value>> = working
            .into_iter()
            .zip(scores)
            .filter(|(_, s)| *s == least)
            .map(|(o, _)| o)
            .collect();
        let pick = rng.below(best.len());
        self.set_state(i, best.swap_remove(pick));
        true
    }

    pub(super) fn count_test(i: usize, count: Count, want: bool) -> TestDesc {
        TestDesc {
            member: i,
            predicate: match count {
                Count::Present => Predicate::Present(want),
                Count::NonEmpty => Predicate::NonEmpty(want),
            },
        }
    }

    /// Makes the object satisfy its rules; see the module documentation.
    pub(super) fn repair(&mut self, rng: &mut SplitMix) {
        for _ in 0..4 {
            let mut changed = false;
            for rule in self.desc.rules {
                changed |= self.repair_rule(rule, rng);
            }
            if !changed {
                break;
            }
        }
    }

    fn rule_holds(&self, rule: &RuleDesc) -> bool {
        match rule {
            RuleDesc::ExactlyOneOf { members, count } => {
                members.iter().filter(|&&i| self.counts(i, *count)).count() == 1
            }
            RuleDesc::AtLeastOneOf { members, count } => {
                members.iter().any(|&i| self.counts(i, *count))
            }
            RuleDesc::Requires { when, then, .. } => !self.all(when) || self.all(then),
            RuleDesc::RangeOrder { low, high, order } => match (self.get(*low), self.get(*high)) {
                (Some(a), Some(b)) => compare(*order, a, b) != Some(std::cmp::Ordering::Greater),
                _ => true,
            },
        }
    }

    /// How many of the object's rules do not hold.
    fn violations(&self) -> usize {
        self.desc
            .rules
            .iter()
            .filter(|r| !self.rule_holds(r))
            .count()
    }

    /// Tries `n` alternative repairs (in random order) from the current state and keeps the
    /// one that leaves the fewest rules broken; true if one applied.
    fn best_of(
        &mut self,
        n: usize,
        rng: &mut SplitMix,
        mut apply: impl FnMut(&mut Obj, usize, &mut SplitMix) -> bool,
    ) -> bool {
        let snapshot = (self.present.clone(), self.values.clone());
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        let mut best: Option<(usize, Snapshot)> = None;
        for k in order {
            (self.present, self.values) = snapshot.clone();
            if apply(self, k, rng) {
                let score = self.violations();
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, (self.present.clone(), self.values.clone())));
                    if score == 0 {
                        break;
                    }
                }
            }
        }
        match best {
            Some((_, state)) => {
                (self.present, self.values) = state;
                true
            }
            None => {
                (self.present, self.values) = snapshot;
                false
            }
        }
    }

    /// Repairs one rule; true if anything changed.
    fn repair_rule(&mut self, rule: &RuleDesc, rng: &mut SplitMix) -> bool {
        if self.rule_holds(rule) {
            return false;
        }
        match rule {
            RuleDesc::ExactlyOneOf { members, count } => {
                self.best_of(members.len(), rng, |obj, k, rng| {
                    let chosen = members[k];
                    let mut ok = obj.make(&Self::count_test(chosen, *count, true), true, rng);
                    for &other in members.iter().filter(|&&o| o != chosen) {
                        ok &= obj.make(&Self::count_test(other, *count, false), true, rng);
                    }
                    ok
                })
            }
            RuleDesc::AtLeastOneOf { members, count } => {
                self.best_of(members.len(), rng, |obj, k, rng| {
                    obj.make(&Self::count_test(members[k], *count, true), true, rng)
                })
            }
            RuleDesc::Requires { when, then, .. } => {
                // Alternative 0 makes every `then` test hold; alternative k > 0 makes the
                // `when` test k - 1 fail.
                self.best_of(when.len() + 1, rng, |obj, k, rng| {
                    if k == 0 {
                        then.iter().all(|t| obj.make(t, true, rng)) && obj.all(then)
                    } else {
                        obj.make(&when[k - 1], false, rng)
                    }
                })
            }
            RuleDesc::RangeOrder { low, high, .. } => {
                self.values.swap(*low, *high);
                true
            }
        }
    }
}

/// Whether a value alone is valid for a shape: the walk decides, so edits never trade one
/// fault for another.
pub(super) fn valid_for(shape: &Shape, value: &Value) -> bool {
    has_no_error(value, shape)
}
