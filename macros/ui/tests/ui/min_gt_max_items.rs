use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(min_items = 3, max_items = 1)]
    ids: Vec<String>,
}

fn main() {}
