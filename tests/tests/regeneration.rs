//! Regenerating bindings when the docs change: editing nothing but a spec file and running
//! cargo is the whole regeneration. In a temporary copy of the workspace, the Ivanti spec
//! gains the optional `JobName` member that a later edition of the DeploymentGroups page
//! documents; after `cargo run`, the field is in the generated model and in the schema.
//!
//! The schema is printed by a small program in its own crate that depends on `vendorspec`,
//! as a user's crate would: running an example of `vendorspec` instead would build all of
//! that crate's dev-dependencies (criterion, jsonschema, insta) first, which tripled the
//! test's time. It builds with its own target directory (`target/regeneration-test`, kept
//! between runs so only the first run compiles everything).

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "snapshots" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

#[test]
fn adding_an_optional_member_to_a_spec_regenerates_model_and_schema() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let work = std::env::temp_dir().join(format!("vendorspec-regeneration-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    // Every crate of the workspace (any top-level folder with a Cargo.toml) and the specs.
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        let is_crate = path.join("Cargo.toml").is_file();
        if path.is_dir() && name != "target" && (is_crate || name == "spec") {
            copy_dir(&path, &work.join(&name));
        }
    }
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(root.join(file), work.join(file)).unwrap();
    }

    // The only edit: a member added to a copy of the spec file.
    let spec_file = work.join("spec/ivanti_es_v2.yaml");
    let spec = std::fs::read_to_string(&spec_file).unwrap();
    let anchor = "      CustomPatchListId:\n        type: integer\n        required: true\n";
    assert!(spec.contains(anchor));
    let edited = spec.replacen(
        anchor,
        &format!("      JobName:\n        type: string\n        description: The name of the deployment job.\n{anchor}"),
        1,
    );
    std::fs::write(&spec_file, edited).unwrap();

    // A user's crate that prints the endpoint's request schema.
    let consumer = work.join("consumer");
    std::fs::create_dir_all(consumer.join("src")).unwrap();
    std::fs::write(
        consumer.join("Cargo.toml"),
        "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nvendorspec = { path = \"../generated\" }\nserde_json = \"1\"\n\n\
         [workspace]\n",
    )
    .unwrap();
    std::fs::write(
        consumer.join("src/main.rs"),
        "fn main() {\n\
         let endpoint = vendorspec::endpoint(\"create_deployment_group\").unwrap();\n\
         let schema = endpoint.schema(vendorspec::runtime::endpoint::BodyKind::Request).unwrap();\n\
         println!(\"{}\", serde_json::to_string_pretty(&schema).unwrap());\n\
         }\n",
    )
    .unwrap();
    // The workspace's versions, so the build needs nothing that is not already fetched.
    std::fs::copy(root.join("Cargo.lock"), consumer.join("Cargo.lock")).unwrap();

    let target = root.join("target/regeneration-test");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(&consumer)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("VENDORSPEC_SPEC_DIR")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a schema");
    let group = &schema["$defs"]["DeploymentGroup"];
    let group = if group.is_null() { &schema } else { group };
    assert_eq!(
        group["properties"]["JobName"]["type"], "string",
        "{schema:#}"
    );
    assert!(
        !group["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "JobName")
    );

    // The generated model has the field, optional.
    let generated = find_generated(&target).expect("the generated source in OUT_DIR");
    let source = std::fs::read_to_string(generated).unwrap();
    assert!(
        source.contains("pub job_name: Option<String>"),
        "no job_name field"
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// The newest `vendorspec_generated.rs` under the target's build directories.
fn find_generated(target: &Path) -> Option<PathBuf> {
    let build = target.join("debug/build");
    std::fs::read_dir(build)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("vendorspec-"))
        .map(|e| e.path().join("out/vendorspec_generated.rs"))
        .filter(|p| p.exists())
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}
