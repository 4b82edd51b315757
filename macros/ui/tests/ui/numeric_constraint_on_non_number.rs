use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(minimum = 1)]
    name: String,
    #[contract(maximum = 1)]
    flag: bool,
}

fn main() {}
