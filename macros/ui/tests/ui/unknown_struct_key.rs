use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(exactly_one(a, b))]
struct A {
    a: Option<String>,
    b: Option<String>,
}

fn main() {}
