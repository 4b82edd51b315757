use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(format = "uuid4")]
    id: String,
}

fn main() {}
