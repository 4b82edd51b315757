//! Bounds of constraints (lengths, item counts, numbers, durations) as the diff compares
//! them: which end of a range, and which of two values is tighter.

use std::cmp::Ordering;

use vendorspec_runtime::desc::Num;
use vendorspec_runtime::semantics;

use crate::ir::{Literal, Number};

/// Which end of a range a bound is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    Lower,
    Upper,
}

/// A bound's value, comparable across integers, floats and durations.
pub(super) struct Bound {
    pub(super) order: BoundOrder,
    pub(super) literal: Literal,
    pub(super) text: String,
}

#[derive(Clone, Copy)]
pub(super) enum BoundOrder {
    Int(i128),
    Float(f64),
}

impl BoundOrder {
    /// Compared exactly, as the value semantics compares numbers: an integer bound is
    /// never rounded through `f64` against a float one.
    pub(super) fn cmp(self, other: BoundOrder) -> Ordering {
        match (self, other) {
            (BoundOrder::Int(a), BoundOrder::Int(b)) => a.cmp(&b),
            (BoundOrder::Float(a), BoundOrder::Float(b)) => a.total_cmp(&b),
            (BoundOrder::Int(a), BoundOrder::Float(b)) => int_float(a, b),
            (BoundOrder::Float(a), BoundOrder::Int(b)) => int_float(b, a).reverse(),
        }
    }
}

/// An integer against a float, exactly where the integer fits a bound (`i64`).
fn int_float(a: i128, b: f64) -> Ordering {
    i64::try_from(a)
        .ok()
        .and_then(|a| semantics::num_order(Num::Int(a), Num::Float(b)))
        .unwrap_or_else(|| (a as f64).total_cmp(&b))
}

pub(super) fn count_bound(value: Option<u64>) -> Option<Bound> {
    value.map(|v| Bound {
        order: BoundOrder::Int(i128::from(v)),
        literal: i64::try_from(v).map_or(Literal::Float(v as f64), Literal::Int),
        text: v.to_string(),
    })
}

pub(super) fn number_bound(value: Option<Number>) -> Option<Bound> {
    value.map(|v| match v {
        Number::Int(i) => Bound {
            order: BoundOrder::Int(i128::from(i)),
            literal: Literal::Int(i),
            text: i.to_string(),
        },
        Number::Float(f) => Bound {
            order: BoundOrder::Float(f),
            literal: Literal::Float(f),
            text: f.to_string(),
        },
    })
}

pub(super) fn duration_bound(value: Option<crate::ir::Duration>) -> Option<Bound> {
    value.map(|d| Bound {
        order: BoundOrder::Int(i128::from(d.minutes)),
        literal: Literal::String(d.to_string()),
        text: d.to_string(),
    })
}
