use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(exactly_one_of(devices), at_least_one_of(zones))]
struct A {
    devices: Option<Vec<String>>,
    zones: Option<Vec<String>>,
}

fn main() {}
