use vendorspec_macros::Contract;

#[derive(Contract)]
struct B {
    x: bool,
}

#[derive(Contract)]
struct A {
    #[contract(min_length = 1)]
    b: B,
}

fn main() {}
