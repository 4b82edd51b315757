use vendorspec_macros::Contract;

#[derive(Contract)]
struct A;

fn main() {}
