use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(default = "3000")]
    timeout: Option<i32>,
    #[contract(default = 1.5)]
    count: Option<u8>,
    #[contract(default = 1)]
    ids: Option<Vec<String>>,
}

fn main() {}
