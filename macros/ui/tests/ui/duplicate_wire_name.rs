use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(rename = "Name")]
    name: String,
    #[contract(rename = "Name")]
    display_name: String,
}

fn main() {}
