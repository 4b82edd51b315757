use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(range_order(start, end), range_order(low, high))]
struct A {
    start: Option<String>,
    #[contract(format = "ipv4")]
    end: Option<String>,
    low: Option<i32>,
    #[contract(format = "date-time")]
    high: Option<String>,
}

fn main() {}
