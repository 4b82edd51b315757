fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "spec".into());
    match specgate_codegen::load_dir(&dir) {
        Ok(spec) => {
            for (api, e) in spec.endpoints() {
                println!("{} {} {} {}", api.id, e.id, e.method.as_str(), e.path);
            }
        }
        Err(errors) => {
            eprintln!("{errors}");
            std::process::exit(1);
        }
    }
}
