//! Loads and checks a spec directory (default `spec/`): prints one line per endpoint and
//! a summary, or every problem as `file:line:column` and exits with status 1.
//!
//! `cargo run -p vendorspec-model --example check_spec [SPEC_DIR]`

use vendorspec_model::ir::TypeKind;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "spec".into());
    match vendorspec_model::load_dir(&dir) {
        Ok(spec) => {
            for (api, e) in spec.endpoints() {
                println!(
                    "{:<26} {:<7} {}  ({})",
                    e.id,
                    e.method.as_str(),
                    e.path,
                    api.id
                );
            }
            let types: usize = spec.apis.iter().map(|a| a.types.len()).sum();
            let objects = spec
                .apis
                .iter()
                .flat_map(|a| &a.types)
                .filter(|t| matches!(t.kind, TypeKind::Object(_)))
                .count();
            let examples: usize = spec
                .apis
                .iter()
                .map(|a| {
                    a.types.iter().map(|t| t.examples.len()).sum::<usize>()
                        + a.endpoints
                            .iter()
                            .map(|e| {
                                e.request.as_ref().map_or(0, |r| r.examples.len())
                                    + e.responses.iter().map(|r| r.examples.len()).sum::<usize>()
                            })
                            .sum::<usize>()
                })
                .sum();
            println!(
                "{dir}: {} APIs, {} endpoints, {types} types ({objects} objects), {examples} examples: no problems",
                spec.apis.len(),
                spec.endpoints().count(),
            );
        }
        Err(errors) => {
            eprintln!("{errors}");
            std::process::exit(1);
        }
    }
}
