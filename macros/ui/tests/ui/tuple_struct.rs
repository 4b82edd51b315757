use vendorspec_macros::Contract;

#[derive(Contract)]
struct A(String);

fn main() {}
