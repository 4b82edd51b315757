//! Prints the published JSON Schema of an endpoint's body:
//! `cargo run -p vendorspec --example print_schema -- create_job [request|response]`.

use vendorspec::runtime::endpoint::BodyKind;

fn main() {
    let mut args = std::env::args().skip(1);
    let id = args.next().unwrap_or_else(|| "create_job".into());
    let kind = match args.next().as_deref() {
        Some("response") => BodyKind::Response(None),
        _ => BodyKind::Request,
    };
    let Some(endpoint) = vendorspec::endpoint(&id) else {
        eprintln!("no endpoint `{id}`");
        std::process::exit(2);
    };
    match endpoint.schema(kind) {
        Some(schema) => println!(
            "{}",
            serde_json::to_string_pretty(&schema).unwrap_or_default()
        ),
        None => {
            eprintln!("`{id}` has no such body");
            std::process::exit(2);
        }
    }
}
