use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(secret)]
    pin: u32,
}

fn main() {}
