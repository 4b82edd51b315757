use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(at_least_one_of(devices, zones))]
struct A {
    devices: Vec<String>,
    zones: Option<Vec<String>>,
}

fn main() {}
