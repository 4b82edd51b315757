use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(min_lenght = 1)]
    name: String,
}

fn main() {}
