use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(format = "duration_dhm", min_duration = "1:00:00", max_duration = "0:00:05")]
    every: String,
}

fn main() {}
