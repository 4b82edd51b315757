use vendorspec_macros::Contract;

#[derive(Contract)]
union A {
    a: u32,
    b: f32,
}

fn main() {}
