use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(integer)]
enum E {
    #[contract(value = 1)]
    A,
    #[contract(value = 1)]
    B,
}

fn main() {}
