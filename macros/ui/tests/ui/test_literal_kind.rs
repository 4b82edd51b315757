use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(requires(when(kind(equals = "one")), then(ids(contains = 2)), message = "m"))]
struct A {
    kind: Option<i32>,
    ids: Option<Vec<String>>,
}

fn main() {}
