use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(format = "duration_dhm", min_duration = "0:5")]
    every: String,
}

fn main() {}
