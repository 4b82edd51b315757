use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(minimum = 5, maximum = -5)]
    n: i32,
    #[contract(minimum = 1.5, maximum = 1.25)]
    x: f64,
}

fn main() {}
