use vendorspec_macros::Contract;

#[derive(Contract)]
#[contract(exactly_one_of(device, zones, count = "non_empty"))]
struct A {
    device: Option<String>,
    zones: Option<Vec<String>>,
}

fn main() {}
