use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(default = 1, default_json = "1")]
    n: Option<i32>,
}

fn main() {}
