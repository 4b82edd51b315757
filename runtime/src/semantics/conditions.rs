//! What an object's rules read: whether a member counts for `exactly_one_of` and
//! `at_least_one_of`, and whether a `requires` test holds, defaults of absent members
//! included (an absent member with a default is read as its default).

use super::equality::{lit_eq, lits_equal};
use super::json::{Json, Kind};
use crate::desc::{Count, Lit, ObjectDesc, Predicate, TestDesc};

/// Whether a member's value (`None` when absent) counts: present, or present and a
/// non-empty array.
pub fn counts<'a, J: Json<'a>>(value: Option<J>, count: Count) -> bool {
    match (value, count) {
        (None, _) => false,
        (Some(_), Count::Present) => true,
        (Some(v), Count::NonEmpty) => v.kind() == Kind::Array && !v.is_empty(),
    }
}

/// Whether one test holds; `member(i)` is the value of member `i` of `desc`, `None` when
/// absent. A test on an index outside the members (only possible in a hand-written
/// descriptor) reads an absent member without default.
pub fn holds<'a, J: Json<'a>>(
    desc: &ObjectDesc,
    member: impl Fn(usize) -> Option<J>,
    test: &TestDesc,
) -> bool {
    let present = member(test.member);
    let default = desc.members.get(test.member).and_then(|m| m.default_lit);
    let is = |lit: Lit| match present {
        Some(v) => lit_eq(v, lit),
        None => default.is_some_and(|d| lits_equal(d, lit)),
    };
    match &test.predicate {
        Predicate::Present(b) => present.is_some() == *b,
        Predicate::NonEmpty(b) => counts(present, Count::NonEmpty) == *b,
        Predicate::Equals(lit) => is(*lit),
        Predicate::In(lits) => lits.iter().any(|l| is(*l)),
        Predicate::NotIn(lits) => {
            (present.is_some() || default.is_some()) && !lits.iter().any(|l| is(*l))
        }
        Predicate::Contains(lit) => present
            .is_some_and(|v| v.kind() == Kind::Array && v.items().any(|item| lit_eq(item, *lit))),
    }
}

/// Whether every test holds (a rule's `when` or `then`).
pub fn holds_all<'a, J: Json<'a>>(
    desc: &ObjectDesc,
    member: impl Fn(usize) -> Option<J> + Copy,
    tests: &[TestDesc],
) -> bool {
    tests.iter().all(|t| holds(desc, member, t))
}
