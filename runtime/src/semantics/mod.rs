//! The value semantics, written once: what it means for a JSON value to equal a literal,
//! to meet a bound, to count for a rule, to pass a condition's test or to come before
//! another value. Every reader of the descriptors asks here:
//!
//! - the walk ([`crate::walk`]) on the reader's span tree, to validate;
//! - the strategies (`strategy`, behind the `proptest` feature) on `serde_json::Value`, to repair and mutate;
//! - the spec checker (`vendorspec-model`) and the derive (`vendorspec-macros`), on the
//!   literals written in a spec or an attribute (defaults, examples, bounds).
//!
//! The functions are generic over [`Json`], the small trait both JSON representations
//! implement, so they cannot drift apart; `tests/tests/semantics_agree.rs` checks that
//! walk and strategy answer alike on every descriptor of the spec.

mod conditions;
mod equality;
mod json;
mod number;
mod order;

pub use conditions::{counts, holds, holds_all};
pub use equality::{json_eq, lit_eq, lits_equal};
pub use json::{Json, Kind};
pub use number::{integer_order, integer_order_of, is_integral, num_order, number_order};
pub use order::compare;
