use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(max_duration = "1:00:00")]
    every: String,
}

fn main() {}
