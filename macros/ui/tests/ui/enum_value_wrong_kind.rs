use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(integer)]
enum E {
    #[contract(value = "a")]
    A,
    B,
}

#[derive(Contract)]
enum S {
    #[contract(value = 2)]
    A,
}

fn main() {}
