//! `range_order`: which of two values comes first, by what they denote (numbers by value,
//! IPv4 addresses numerically, date-times as instants).

use std::cmp::Ordering;

use super::json::Json;
use crate::desc::Order;
use crate::formats;

/// How `a` compares with `b` under `order`; `None` when either cannot be read so.
pub fn compare<'a, 'b, A: Json<'a>, B: Json<'b>>(order: Order, a: A, b: B) -> Option<Ordering> {
    match order {
        Order::Number => a.as_f64()?.partial_cmp(&b.as_f64()?),
        Order::Ipv4 => Some(formats::ipv4(a.as_str()?)?.cmp(&formats::ipv4(b.as_str()?)?)),
        Order::DateTime => Some(
            formats::date_time_instant(a.as_str()?)?.cmp(&formats::date_time_instant(b.as_str()?)?),
        ),
    }
}
