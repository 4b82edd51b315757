use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(exactly_one_of(devices, zonez), advice(code = "c", at = devise, when(devices(present = true)), message = "m"))]
struct A {
    devices: Option<Vec<String>>,
    zones: Option<Vec<String>>,
}

fn main() {}
