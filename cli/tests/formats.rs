//! The machine-readable output formats of `vendorspec validate`: SARIF against the SARIF
//! 2.1.0 schema, JUnit as XML, GitHub as workflow commands; and colour only when asked.

// The crate's clippy.toml routes the tool's own printing through its masking layer; a
// test's note to the harness is not the tool's output.
#![allow(clippy::disallowed_macros)]

mod common;

use common::{json, run, sarif_validator, vendorspec};
use serde_json::Value;

/// The invalid bundled payloads of every endpoint, with findings of several rules, a YAML
/// file and an unreadable path.
fn mixed_args<'a>(format: &'a str, endpoint: &'a str, paths: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["validate", "--endpoint", endpoint, "--format", format];
    args.extend_from_slice(paths);
    args
}

const CREATE_JOB: [&str; 2] = [
    "examples/payloads/create_job/",
    "examples/payloads/no-such-file.json",
];

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema_and_carries_every_finding() {
    let r = run(&mixed_args("sarif", "create_job", &CREATE_JOB));
    assert_eq!(r.code, 2, "an unreadable path: {}", r.stderr);
    let log = json(&r);
    if let Some(validator) = sarif_validator() {
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "not SARIF 2.1.0: {errors:#?}\n{log:#}");
        // The check can fail: a log without `version` is rejected.
        let mut broken = log.clone();
        broken.as_object_mut().unwrap().remove("version");
        assert!(!validator.is_valid(&broken));
    }
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "vendorspec");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let results = run0["results"].as_array().unwrap();
    let expected = json(&run(&mixed_args("json", "create_job", &CREATE_JOB)));
    let diagnostics: Vec<(String, Value, Value, Value)> = expected["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["diagnostics"].as_array().unwrap().iter().map(|d| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    d["rule"].clone(),
                    d["line"].clone(),
                    d["column"].clone(),
                )
            })
        })
        .collect();
    let found: Vec<(String, Value, Value, Value)> = results
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                r["ruleId"].clone(),
                loc["region"]["startLine"].clone(),
                loc["region"]["startColumn"].clone(),
            )
        })
        .collect();
    assert_eq!(
        found, diagnostics,
        "one SARIF result per diagnostic, in order"
    );
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    let range = results
        .iter()
        .find(|r| r["ruleId"] == "range_order")
        .unwrap();
    assert_eq!(
        range["locations"][0]["physicalLocation"]["region"]["snippet"]["text"],
        "    RangeIpTargets: [{StartIp: '10.0.0.200', EndIp: '10.0.0.100', Timeo…"
    );
    assert_eq!(
        range["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/DiscoveryTargets/RangeIpTargets/0"
    );
    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("no-such-file.json")
    );
}

#[test]
fn junit_is_xml_with_one_case_per_file_and_a_failure_per_invalid_file() {
    use quick_xml::Reader;
    use quick_xml::events::Event;

    let r = run(&mixed_args("junit", "create_job", &CREATE_JOB));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let mut reader = Reader::from_str(&r.stdout);
    let mut cases = Vec::new();
    let mut failures = Vec::new();
    let mut errors = 0;
    let mut current = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let attr = |name: &[u8]| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                match e.name().as_ref() {
                    b"testcase" => {
                        current = attr(b"name").unwrap();
                        cases.push(current.clone());
                    }
                    b"failure" => failures.push((current.clone(), attr(b"type").unwrap())),
                    b"error" => errors += 1,
                    _ => {}
                }
            }
            Ok(_) => {}
            Err(e) => panic!("not XML at {}: {e}\n{}", reader.buffer_position(), r.stdout),
        }
    }
    assert_eq!(
        cases,
        [
            "examples/payloads/create_job/full-model.json",
            "examples/payloads/create_job/install-credentials.yaml",
            "examples/payloads/create_job/install-with-typos.json",
            "examples/payloads/create_job/stringified.json",
            "examples/payloads/no-such-file.json",
        ]
    );
    assert_eq!(
        failures,
        [
            (
                "examples/payloads/create_job/install-credentials.yaml".to_string(),
                "min_length".to_string()
            ),
            (
                "examples/payloads/create_job/install-with-typos.json".to_string(),
                "range_order".to_string()
            ),
        ]
    );
    assert_eq!(errors, 1, "the unreadable file is an error");
}

#[test]
fn github_lines_are_workflow_commands() {
    let property = r"[^,:\r\n]*";
    let command = regex::Regex::new(&format!(
        r"^::(error|warning) file={property},line=\d+,col=\d+,title={property}::[^\r\n]*$"
    ))
    .unwrap();
    let unreadable = regex::Regex::new(&format!(
        r"^::error file={property},title={property}::[^\r\n]*$"
    ))
    .unwrap();
    let r = run(&mixed_args("github", "create_job", &CREATE_JOB));
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let (summary, annotations) = lines.split_last().unwrap();
    assert_eq!(
        *summary,
        "vendorspec: 4 files: 2 valid, 2 invalid, 1 unreadable; 4 errors, 2 warnings"
    );
    for line in annotations {
        assert!(
            command.is_match(line) || unreadable.is_match(line),
            "not a workflow command: {line}"
        );
    }
    // The hint rides in the message, its line break escaped.
    assert!(r.stdout.contains(
        "::error file=examples/payloads/create_job/install-with-typos.json,line=9,col=5,title=vendorspec unknown_field (create_job)::/DiscoveryTargets/ComputerNameTarget: unknown member `ComputerNameTarget` in DiscoveryTargets%0Ahelp: did you mean `ComputerNameTargets`?\n"
    ), "{}", r.stdout);
    assert_eq!(
        annotations
            .iter()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        2
    );
}

#[test]
fn colour_only_when_forced_or_on_a_terminal() {
    let args = mixed_args("human", "create_job", &CREATE_JOB[..1]);
    let piped = run(&args);
    assert!(!piped.stdout.contains('\x1b'), "{}", piped.stdout);
    let forced: common::Run = vendorspec()
        .env("CLICOLOR_FORCE", "1")
        .args(&args)
        .output()
        .unwrap()
        .into();
    let red_error = format!(
        "{}error[range_order]",
        anstyle::AnsiColor::Red.on_default().bold().render()
    );
    assert!(forced.stdout.contains(&red_error), "{}", forced.stdout);
    let no_color: common::Run = vendorspec()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(&args)
        .output()
        .unwrap()
        .into();
    assert!(!no_color.stdout.contains('\x1b'), "{}", no_color.stdout);
    // Machine formats never carry colour.
    for format in ["json", "github", "sarif", "junit"] {
        let r: common::Run = vendorspec()
            .env("CLICOLOR_FORCE", "1")
            .args(mixed_args(format, "create_job", &CREATE_JOB[..1]))
            .output()
            .unwrap()
            .into();
        assert!(!r.stdout.contains('\x1b'), "{format}: {}", r.stdout);
    }
}
