use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(min_items = 1, unique_items)]
    name: Option<String>,
}

fn main() {}
