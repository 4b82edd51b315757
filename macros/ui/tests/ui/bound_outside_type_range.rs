use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(maximum = 300)]
    small: u8,
    #[contract(minimum = -1)]
    count: Option<u32>,
    #[contract(maximum = 1.5)]
    int: i32,
}

fn main() {}
