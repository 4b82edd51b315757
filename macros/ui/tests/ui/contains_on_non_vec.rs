use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(requires(when(kind(contains = 1)), then(name(non_empty = true)), message = "m"))]
struct A {
    kind: Option<i32>,
    name: Option<String>,
}

fn main() {}
