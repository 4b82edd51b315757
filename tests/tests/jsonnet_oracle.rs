//! vendorspec's verdicts on Ivanti request bodies against the real Json.NET (issue 21).
//!
//! The Ivanti server reads a body in two steps: Web API's formatter reads the `{"value":
//! "..."}` envelope, then Json.NET's `JsonConvert.DeserializeObject` binds the inner
//! document to .NET classes (Int32 members, a DateTime `StartTime`, Guid `AgentGuids`).
//! `tests/jsonnet/Oracle.cs` does the same with Json.NET 6.0.8 under Mono, and prints
//! whether the body binds and what the classes hold. The server accepts a body when it
//! binds and the bound values keep the contract (the server's own checks: required
//! members, enums, bounds, rules); vendorspec's validator is held to that verdict over a
//! hand-written corpus (`tests/jsonnet/corpus.txt`) and generated variants of sample
//! payloads (`tests/jsonnet/variants.rs`).
//!
//! Each case is one of:
//! - **agree**: both accept, or both refuse;
//! - **deliberate**: the server accepts, the validator errs on purpose ([`DELIBERATE`],
//!   the list the README and docs/ARCHITECTURE.md give with reasons);
//! - **refused-but-valid**: the server refuses a body the validator passes (CI green,
//!   deployment broken: the worst kind);
//! - **accepted-but-error**: the server accepts a body the validator fails, for no
//!   deliberate reason.
//!
//! The last two fail the test, each shown with the text, the server's reading and the
//! validator's findings.
//!
//! Without Mono or Json.NET the test says what it skipped and passes, except in CI (`CI`
//! set), where a missing tool is a failure; `.ci/test` installs them.

#[path = "../jsonnet/oracle.rs"]
mod oracle;
#[path = "../jsonnet/variants.rs"]
mod variants;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use oracle::{Input, Verdict};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::strategy::{sample, sample_invalid};
use vendorspec::runtime::{Finding, Severity};

/// Samples drawn per endpoint; each is written in every variant kind.
const SAMPLES: usize = 12;
/// Singly-broken samples per endpoint, in their canonical text.
const BROKEN: usize = 24;

/// Errors the validator keeps where the server accepts, because the server then silently
/// drops or changes what was written and the job does something else, or because Json.NET
/// versions differ and the stricter reading is taken: (name, rule (any when empty), a
/// fragment of the message or its help that tells it apart, the reason).
pub const DELIBERATE: &[(&str, &str, &str, &str)] = &[
    (
        "unknown or misspelled member",
        "unknown_field",
        "",
        "Json.NET ignores a member no class has, so a misspelled option (`Nmae`, \
         `ComputerNameTarget`) silently takes its default",
    ),
    (
        "duplicate member",
        "duplicate_key",
        "",
        "Json.NET keeps the last of two members with one name (in any case); which one the \
         writer meant is a guess",
    ),
    (
        "lone surrogate escape",
        "syntax",
        "lone surrogate",
        "`\\uD800` without its pair is not Unicode text: Json.NET keeps a broken UTF-16 string, \
         which reaches the console as a replacement character (U+FFFD), and no UTF-8 tool \
         (serde_json, the typed models) can hold it",
    ),
    (
        "octal number",
        "syntax",
        "octal",
        "Json.NET 6 reads a number with a leading zero as octal (`010` is 8), which no \
         writer means",
    ),
    (
        "a number with a fraction or an exponent for a string",
        "type",
        ".NET's rendering of the number",
        "Json.NET reads it as a double and the server keeps .NET's text for it, not what was \
         written (`12.50` becomes \"12.5\", `1e3` \"1000\")",
    ),
    (
        "a date-time only .NET's DateTime.Parse reads",
        "format",
        "DateTime.Parse",
        "what is not ISO 8601 (`12/01/2026`, `Dec 1, 2026`, `08:00:00`, `2026-12`, an offset \
         of `+15` or `+05:60`) Json.NET hands to DateTime.Parse, whose reading depends on the \
         server's culture and clock: a time alone is today, a month alone its first day, \
         `12/01` December or January, an offset out of range rolls the time over; the job \
         may run at another time than meant",
    ),
    (
        "JavaScript values",
        "syntax",
        "JavaScript",
        "`NaN`, `Infinity`, `undefined` and `new Date(...)` are not JSON: Json.NET reads them, \
         but none binds to a member of the contract as meant (Json.NET 6 reads `NaN` as true \
         for a boolean, 13 refuses it); in a member no class has they are ignored, and that \
         member is an error anyway",
    ),
    (
        "a hole in an array",
        "syntax",
        "a hole in an array",
        "`[1,,2]`: Json.NET reads the hole as null, which the server binds as a missing \
         target or refuses",
    ),
    (
        "where Json.NET 6 and 13 differ",
        "",
        "the stricter reading is taken",
        "Ivanti's Json.NET version is not known: nesting deeper than 64 levels (13's MaxDepth) \
         and `/Date( 1000)/` with whitespace (13 reads digits only) are refused, as the newer \
         version does",
    ),
];

/// How a case came to be: the corpus, or a variant kind of a sample.
#[derive(Debug, Clone)]
struct Case {
    id: String,
    endpoint: &'static EndpointDesc,
    form: &'static str,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Agree,
    Deliberate,
    RefusedButValid,
    AcceptedButError,
}

impl Outcome {
    fn name(self) -> &'static str {
        match self {
            Outcome::Agree => "agree",
            Outcome::Deliberate => "deliberate",
            Outcome::RefusedButValid => "refused-but-valid",
            Outcome::AcceptedButError => "accepted-but-error",
        }
    }
}

fn endpoint(id: &str) -> &'static EndpointDesc {
    vendorspec::ENDPOINTS
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("the registry has {id}"))
}

fn errors(endpoint: &EndpointDesc, text: &str) -> Vec<Finding> {
    endpoint
        .validate(BodyKind::Request, text.as_bytes())
        .expect("the endpoint has a request body")
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// `{{U+XXXX}}` in a corpus text is that character.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("{{U+") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let end = after.find("}}").expect("`{{U+` is closed by `}}`");
        let code = u32::from_str_radix(&after[..end], 16).expect("hex digits after U+");
        out.push(char::from_u32(code).expect("a Unicode scalar value"));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn corpus(root: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(root.join("tests/jsonnet/corpus.txt"))
        .expect("tests/jsonnet/corpus.txt is readable");
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(4, ' ');
        let (Some(id), Some(ep), Some(form), text) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            panic!("corpus line without id, endpoint and form: {line}");
        };
        let endpoint = match ep {
            "job" => endpoint("create_job"),
            "group" => endpoint("create_deployment_group"),
            _ => panic!("{id}: endpoint is job or group, not {ep}"),
        };
        let form = match form {
            "doc" => "document",
            "body" => "body",
            _ => panic!("{id}: form is doc or body, not {form}"),
        };
        assert!(
            cases.iter().all(|c| c.id != id),
            "two corpus cases named {id}"
        );
        cases.push(Case {
            id: id.to_string(),
            endpoint,
            form,
            text: unescape(text.unwrap_or("")),
        });
    }
    cases
}

fn generated() -> Vec<Case> {
    let mut cases = Vec::new();
    for id in ["create_job", "create_deployment_group"] {
        let endpoint = endpoint(id);
        let shape = endpoint.request.as_ref().expect("a request body");
        for (i, value) in sample(shape, 21, SAMPLES).iter().enumerate() {
            for kind in variants::KINDS {
                let (text, changed) = variants::write(value, shape, kind);
                if !changed && kind.name != "canonical" {
                    continue;
                }
                cases.push(Case {
                    id: format!("sample/{id}/{i}/{}", kind.name),
                    endpoint,
                    form: if kind.enveloped { "body" } else { "document" },
                    text,
                });
            }
        }
        for (i, (text, broken)) in sample_invalid(shape, 21, BROKEN).into_iter().enumerate() {
            cases.push(Case {
                id: format!("broken/{id}/{i}/{}{}", broken.rule, broken.pointer),
                endpoint,
                form: "document",
                text,
            });
        }
    }
    cases
}

/// Rules a JSON Schema cannot see (as `tests/tests/common/mod.rs` names them).
const SCHEMA_BLIND: [&str; 2] = ["range_order", "duplicate_key"];

/// Where the one-semantics rule breaks on a case: the validator has no error, but the
/// published schema refuses the normalized body, or the other way round (rules a schema
/// cannot see aside).
fn schema_disagrees(root: &Path, case: &Case) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static SCHEMAS: OnceLock<Mutex<HashMap<String, &'static jsonschema::Validator>>> =
        OnceLock::new();
    let options = case.endpoint.api.request_options();
    let shape = case.endpoint.request.as_ref()?;
    let normalized =
        vendorspec::runtime::normalize::normalize(case.text.as_bytes(), shape, &options).ok()?;
    let file = format!("{}.request.schema.json", case.endpoint.id);
    let schema = *SCHEMAS
        .get_or_init(Default::default)
        .lock()
        .expect("the schema cache")
        .entry(file.clone())
        .or_insert_with(|| {
            let text = std::fs::read_to_string(root.join("generated/schemas").join(&file))
                .expect("a published schema");
            let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            Box::leak(Box::new(
                jsonschema::draft202012::new(&doc).expect("the schema compiles"),
            ))
        });
    let ours = errors(case.endpoint, &case.text);
    if ours.is_empty() && !text_is_blank(&case.text) {
        return (!schema.is_valid(&normalized)).then(|| {
            format!(
                "{}: valid, but the schema refuses {normalized}: {:?}",
                case.id,
                schema
                    .iter_errors(&normalized)
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
            )
        });
    }
    let blind = ours.iter().all(|f| SCHEMA_BLIND.contains(&f.rule.as_str()));
    (!ours.is_empty() && !blind && schema.is_valid(&normalized)).then(|| {
        format!(
            "{}: the schema accepts {normalized}, but vendorspec says {:?}",
            case.id,
            ours.iter().map(|f| &f.message).collect::<Vec<_>>()
        )
    })
}

fn text_is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Whether every error is one of the deliberate kinds.
fn deliberate(errors: &[Finding]) -> bool {
    !errors.is_empty()
        && errors.iter().all(|f| {
            DELIBERATE.iter().any(|(_, rule, fragment, _)| {
                (rule.is_empty() || f.rule.as_str() == *rule)
                    && (f.message.contains(fragment)
                        || f.help.as_ref().is_some_and(|h| h.contains(fragment)))
            })
        })
}

#[test]
fn the_validator_reads_ivanti_bodies_as_json_net_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the tests crate");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jsonnet_oracle");
    let oracle = match oracle::build(root, &scratch) {
        Ok(oracle) => oracle,
        Err(why) => {
            println!(
                "test the_validator_reads_ivanti_bodies_as_json_net_does: SKIPPED: {why} \
                 (run `bash .ci/test`, or install the packages as it does)"
            );
            return;
        }
    };
    let hand = corpus(root);
    let made = generated();
    let cases: Vec<&Case> = hand.iter().chain(&made).collect();
    let inputs: Vec<Input> = cases
        .iter()
        .map(|c| Input {
            id: &c.id,
            endpoint: c.endpoint.id,
            form: c.form,
            text: &c.text,
        })
        .collect();
    let verdicts = oracle.judge(&inputs);

    let mut outcomes: Vec<(Outcome, &Case, String)> = Vec::new();
    let mut schema_mismatches = Vec::new();
    for (case, verdict) in cases.iter().zip(&verdicts) {
        if let Some(mismatch) = schema_disagrees(root, case) {
            schema_mismatches.push(mismatch);
        }
        let server = match verdict {
            Verdict::Reject(error) => Err(format!("Json.NET: {error}")),
            Verdict::Accept { bound, kinds } => {
                let text = bound.to_string();
                let broken = errors(case.endpoint, &text);
                if broken.is_empty() {
                    Ok(format!("binds {text} {kinds}"))
                } else {
                    let rules: Vec<String> = broken
                        .iter()
                        .map(|f| format!("{} at {:?}", f.rule.as_str(), f.pointer))
                        .collect();
                    Err(format!(
                        "binds {text}, which breaks the contract: {}",
                        rules.join(", ")
                    ))
                }
            }
        };
        let ours = errors(case.endpoint, &case.text);
        let outcome = match (&server, ours.is_empty()) {
            (Ok(_), true) | (Err(_), false) => Outcome::Agree,
            (Err(_), true) => Outcome::RefusedButValid,
            (Ok(_), false) if deliberate(&ours) => Outcome::Deliberate,
            (Ok(_), false) => Outcome::AcceptedButError,
        };
        let ours: Vec<String> = ours
            .iter()
            .map(|f| format!("{} at {:?}: {}", f.rule.as_str(), f.pointer, f.message))
            .collect();
        let detail = format!(
            "{}\n    server: {}\n    vendorspec: {}",
            variants::shown(&case.text, 200),
            match &server {
                Ok(s) | Err(s) => s,
            },
            if ours.is_empty() {
                "valid".to_string()
            } else {
                ours.join("; ")
            }
        );
        outcomes.push((outcome, case, detail));
    }

    // The summary, per origin and outcome.
    let mut counts: BTreeMap<(&str, Outcome), usize> = BTreeMap::new();
    for (outcome, case, _) in &outcomes {
        let origin = if case.id.starts_with("sample/") {
            "generated variants"
        } else if case.id.starts_with("broken/") {
            "broken samples"
        } else {
            "corpus"
        };
        *counts.entry((origin, *outcome)).or_default() += 1;
    }
    let mut summary = format!(
        "jsonnet oracle ({}): {} corpus cases, {} generated ({} variants of {} samples per \
         endpoint, {} broken samples per endpoint)\n",
        oracle.version,
        hand.len(),
        made.len(),
        variants::KINDS.len(),
        SAMPLES,
        BROKEN
    );
    for ((origin, outcome), n) in &counts {
        writeln!(summary, "  {origin}: {n} {}", outcome.name()).expect("writing to a String");
    }
    println!("{summary}");

    let mut report = String::new();
    for (outcome, case, detail) in &outcomes {
        if *outcome != Outcome::Agree && *outcome != Outcome::Deliberate {
            writeln!(report, "{} {}: {detail}", outcome.name(), case.id)
                .expect("writing to a String");
        }
    }
    if std::env::var_os("VENDORSPEC_JSONNET_VERBOSE").is_some() {
        println!("{report}");
    }
    assert!(
        schema_mismatches.is_empty(),
        "validate has no error <=> the published schema accepts the normalized body, broken \
         on {} cases:\n{}",
        schema_mismatches.len(),
        schema_mismatches.join("\n")
    );
    assert!(
        report.is_empty(),
        "vendorspec and Json.NET disagree on {} bodies (refused-but-valid: the server refuses \
         a body validate passes; accepted-but-error: the server accepts a body validate \
         fails, outside the DELIBERATE list):\n{report}",
        report.lines().filter(|l| !l.starts_with(' ')).count()
    );
}
