use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(requires(when(a(equal = 1)), then(b(present = true)), message = "m"))]
struct A {
    a: Option<i32>,
    b: Option<String>,
}

fn main() {}
