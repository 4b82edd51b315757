use vendorspec_macros::Contract;

#[derive(Contract)]
struct A {
    #[contract(maximum = 100, default = 3000)]
    timeout: Option<i32>,
    #[contract(format = "ipv4", default = "10.0.0.256")]
    ip: Option<String>,
    #[contract(min_items = 1, default_json = "[]")]
    ids: Option<Vec<String>>,
}

fn main() {}
