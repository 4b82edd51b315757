use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(default = 3000)]
    timeout: i32,
}

fn main() {}
