use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(min_length = 10, max_length = 2)]
    name: String,
}

fn main() {}
