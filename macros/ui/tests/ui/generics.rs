use vendorspec_macros::Contract;

#[derive(Contract)]
struct A<T> {
    a: T,
}

fn main() {}
