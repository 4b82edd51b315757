use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(pattern = "[a-z")]
    name: String,
}

fn main() {}
