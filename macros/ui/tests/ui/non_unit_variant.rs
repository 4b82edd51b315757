use vendorspec_macros::Contract;

#[derive(Contract)]
enum E {
    A(String),
    B { x: i32 },
    C,
}

fn main() {}
