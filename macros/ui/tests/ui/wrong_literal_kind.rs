use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(min_length = "1", rename = 5, minimum = true)]
    name: String,
}

fn main() {}
