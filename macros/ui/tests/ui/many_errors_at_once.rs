use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(unknown = "ignore", range_order(a))]
struct A {
    #[contract(format = "ipv6", min_length = 5, max_length = 1)]
    a: Option<String>,
    #[contract(secret, default = 1)]
    b: i32,
}

fn main() {}
