//! The published schemas in `generated/schemas/` are exactly what the code produces now,
//! and each is a valid draft 2020-12 schema.
//!
//! Refresh them with: `VENDORSPEC_BLESS=1 cargo test -p vendorspec --test published_schemas`.

#[path = "common/published.rs"]
mod published;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vendorspec::runtime::desc::NameMatching;
use vendorspec::runtime::endpoint::{BodyKind, Presence};
use vendorspec::runtime::reader::Syntax;
use vendorspec::runtime::walk::Binding;

const REFRESH: &str = "VENDORSPEC_BLESS=1 cargo test -p vendorspec --test published_schemas";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

/// File name → content, as the code produces them now.
fn produced() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut index = Vec::new();
    for e in vendorspec::ENDPOINTS {
        for (kind, suffix) in [
            (BodyKind::Request, "request"),
            (BodyKind::Response(None), "response"),
        ] {
            let Some(schema) = e.schema(kind) else {
                continue;
            };
            let name = format!("{}.{suffix}.schema.json", e.id);
            files.insert(name.clone(), pretty(&schema));
            // Where the server binds names in any case, the variant that validates the
            // payload as sent (see `vendorspec_runtime::schema::any_case`).
            let any_case = (e.api.names == NameMatching::CaseInsensitive).then(|| {
                let file = format!("{}.{suffix}.any-case.schema.json", e.id);
                files.insert(
                    file.clone(),
                    pretty(&vendorspec::runtime::schema::any_case(&schema)),
                );
                file
            });
            let presence = |p: Presence| match p {
                Presence::Required => "required",
                Presence::Optional => "optional",
            };
            let mut entry = serde_json::json!({
                "endpoint": e.id,
                "api": e.api.id,
                "method": e.method,
                "path": e.path,
                "body": suffix,
                "file": name,
                "$id": schema["$id"],
                // What the server reads before the schema applies.
                "member_names": match e.api.names {
                    NameMatching::Exact => "exact",
                    NameMatching::CaseInsensitive => "case_insensitive",
                },
                "syntax": match (kind, e.api.syntax) {
                    (BodyKind::Request, Syntax::Lenient) => "lenient",
                    _ => "strict",
                },
                "envelope": matches!(kind, BodyKind::Request) && e.api.envelope,
                // How the server binds values (`walk::Binding`): "json.net" for the Ivanti
                // server (integers by their digits, null as absence, other GUID and
                // date-time spellings), undone by `normalize`.
                "binding": match kind {
                    BodyKind::Request => match e.api.request_binding() {
                        Binding::Json => "json",
                        Binding::JsonNet => "json.net",
                    },
                    BodyKind::Response(_) => "json",
                },
            });
            if let Some(file) = any_case {
                entry["any_case_file"] = file.into();
            }
            // Wire facts a schema cannot state: whether the body may be left out, and
            // (for responses) the statuses that carry it.
            match kind {
                BodyKind::Request => {
                    entry["presence"] = presence(e.request_presence).into();
                }
                BodyKind::Response(_) => {
                    entry["responses"] = e
                        .responses
                        .iter()
                        .filter(|r| r.body.is_some())
                        .map(|r| serde_json::json!({"status": r.status, "presence": presence(r.presence)}))
                        .collect();
                }
            }
            index.push(entry);
        }
    }
    let index = serde_json::json!({
        "$comment": "The published JSON Schemas (draft 2020-12) of vendorspec, one per endpoint body. Generated; refresh with: ".to_string() + REFRESH,
        "schemas": index,
    });
    files.insert("index.json".into(), pretty(&index));
    files
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[test]
fn published_schemas_are_up_to_date() {
    published::check_published(
        &dir(),
        &produced(),
        "the published schemas",
        "schemas",
        REFRESH,
    );
}

#[test]
fn published_schemas_are_valid_draft_2020_12() {
    let produced = produced();
    assert_eq!(
        produced.len(),
        12,
        "8 schemas (5 request bodies, 3 response bodies), the any-case variants of the 3 bodies of case-insensitive APIs, and the index"
    );
    for (name, text) in produced.iter().filter(|(n, _)| n.ends_with(".schema.json")) {
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} is not a valid draft 2020-12 schema: {e}");
        }
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        for key in ["$id", "title", "description", "$comment"] {
            assert!(schema.get(key).is_some(), "{name} has no {key}");
        }
    }
}

/// Every endpoint body has a schema; the docs' examples are in them, and pass them.
#[test]
fn schemas_carry_the_docs_examples_and_accept_them() {
    let produced = produced();
    let job: serde_json::Value =
        serde_json::from_str(&produced["create_job.request.schema.json"]).unwrap();
    let examples = job["examples"].as_array().unwrap();
    // The stringified-JSON sample (both forms), the full model, our install job.
    assert_eq!(examples.len(), 4, "{examples:#?}");
    // Normalized: canonical names (`EndIP` folded to `EndIp`), no envelope.
    assert_eq!(
        examples[0]["DiscoveryTargets"]["RangeIpTargets"][0]["EndIp"],
        "192.168.19.200"
    );
    assert_eq!(examples[0], examples[1]);
    for (name, text) in &produced {
        if !name.ends_with(".schema.json") {
            continue;
        }
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for example in schema["examples"].as_array().into_iter().flatten() {
            assert!(
                validator.is_valid(example),
                "{name} rejects its own example {example}"
            );
        }
    }
    let range = &job["$comment"];
    assert!(range.as_str().unwrap().contains("range_order"), "{range}");
}
