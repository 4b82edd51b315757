//! Prints the generated Rust module of one API: `cargo run -p vendorspec-codegen --example emit_rust -- ivanti_es_v2`.
fn main() {
    let id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ivanti_es_v2".into());
    let spec = match vendorspec_codegen::load_dir("spec") {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    match spec.api(&id) {
        Some(api) => print!("{}", vendorspec_codegen::emit_rust::api_module(api)),
        None => {
            eprintln!("no API `{id}`");
            std::process::exit(2);
        }
    }
}
