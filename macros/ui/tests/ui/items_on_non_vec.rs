use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(items(min_length = 1))]
    name: String,
}

fn main() {}
