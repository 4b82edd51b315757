use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(default_json = "{IcmpDiscovery: true}")]
    ids: Option<Vec<String>>,
}

fn main() {}
