use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(format = "uuid", pattern = "x", min_length = 1)]
    n: i32,
    #[contract(max_length = 3)]
    ids: Vec<String>,
}

fn main() {}
