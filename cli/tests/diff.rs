//! End-to-end tests of `vendorspec diff`: exit statuses (`--fail-on`, load errors, usage
//! errors) and the shape of every output format. What each change is classified as is
//! tested in `model/tests/diff/`; the fixtures are shared with it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use regex::Regex;
use serde_json::Value;

/// The workspace root: the binary runs from there, so paths print as `spec/...`.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

const FIXTURES: &str = "model/tests/fixtures/diff";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_vendorspec"))
        .current_dir(root())
        .arg("diff")
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout))
}

/// The base spec and its edit with a change of each level (at least one breaking).
fn rich_pair() -> [String; 2] {
    [fixture("base.yaml"), fixture("rich.yaml")]
}

/// The Ivanti spec and the later DeploymentGroups edition (two compatible additions).
fn deployment_group_pair() -> [String; 2] {
    [
        fixture("deployment_group_names/old.yaml"),
        fixture("deployment_group_names/new.yaml"),
    ]
}

fn with<'a>(pair: &'a [String; 2], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![pair[0].as_str(), pair[1].as_str()];
    args.extend_from_slice(extra);
    args
}

#[test]
fn the_spec_against_itself_reports_nothing_and_exits_0() {
    let r = run(&["spec", "spec"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "no changes\n"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "spec",
        "spec",
        "--fail-on",
        "compatible",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(doc["changes"], Value::Array(vec![]));
    assert_eq!(doc["summary"]["changes"], 0);
}

#[test]
fn the_later_deployment_groups_edition_fails_only_on_compatible() {
    let pair = deployment_group_pair();
    let r = run(&with(&pair, &[]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "compatible  create_deployment_group request /JobName: optional member `JobName` added (a string)\n\
         compatible  create_deployment_group request /TaskName: optional member `TaskName` added (a string)\n\
         2 changes: 0 breaking, 2 compatible, 0 info\n"
    );
    assert_eq!(run(&with(&pair, &["--fail-on", "compatible"])).code, 1);
    assert_eq!(run(&with(&pair, &["--fail-on", "breaking"])).code, 0);
}

#[test]
fn a_breaking_change_fails_on_breaking() {
    let pair = rich_pair();
    assert_eq!(run(&with(&pair, &[])).code, 0);
    let r = run(&with(&pair, &["--fail-on", "breaking"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The report is still printed in full.
    assert!(
        r.stdout
            .ends_with("11 changes: 7 breaking, 2 compatible, 2 info\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_spec_that_does_not_load_exits_2_with_located_errors() {
    let broken = fixture("broken.yaml");
    let r = run(&[&fixture("base.yaml"), &broken]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains(&format!("--> {broken}:36:9")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `required`?"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("error: the new spec `{broken}` does not load")),
        "{}",
        r.stderr
    );
    // Both sides are loaded first, so both sides' errors are shown.
    let r = run(&[&broken, &broken, "--fail-on", "breaking"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the old spec"), "{}", r.stderr);
    assert!(r.stderr.contains("the new spec"), "{}", r.stderr);
    // A path that cannot be read.
    let r = run(&["spec", "no/such/spec.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read the spec"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["spec"]).code, 2);
    assert_eq!(run(&["spec", "spec", "--fail-on", "info"]).code, 2);
    assert_eq!(run(&["spec", "spec", "--format", "sarif"]).code, 2);
}

#[test]
fn json_is_one_document_with_every_field_and_a_summary() {
    let r = run(&with(&rich_pair(), &["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r);
    let changes = doc["changes"].as_array().expect("a changes array");
    assert_eq!(changes.len(), 11);
    let levels = ["breaking", "compatible", "info"];
    for change in changes {
        let object = change.as_object().expect("each change is an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = [
            "level", "api", "endpoint", "body", "status", "path", "change", "request", "response",
            "message", "old", "new", "file", "line", "column",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected, "{change}");
        assert!(
            levels.contains(&change["level"].as_str().unwrap()),
            "{change}"
        );
        for side in ["request", "response"] {
            assert!(
                change[side].is_null() || levels.contains(&change[side].as_str().unwrap()),
                "{change}"
            );
        }
        assert!(change["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let count = |level: &str| changes.iter().filter(|c| c["level"] == level).count();
    let summary = &doc["summary"];
    assert_eq!(summary["changes"], 11);
    assert_eq!(summary["breaking"], count("breaking"));
    assert_eq!(summary["compatible"], count("compatible"));
    assert_eq!(summary["info"], count("info"));
    // The change that is compatible for requests and breaking for responses.
    assert!(changes.iter().any(|c| c["change"] == "member_names_changed"
        && c["request"] == "compatible"
        && c["response"] == "breaking"
        && c["level"] == "breaking"));
}

#[test]
fn github_lines_are_workflow_commands() {
    let r = run(&with(&rich_pair(), &["--format", "github"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // `::command key=value,...::message`: property values hold no raw `:` or `,`, and
    // no line breaks anywhere.
    let command = Regex::new(
        r"^::(error|warning|notice) file=[^:,]+,line=[1-9][0-9]*,col=[1-9][0-9]*,title=[^:,]+::[^\r\n]+$",
    )
    .unwrap();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 11, "{}", r.stdout);
    for line in &lines {
        assert!(command.is_match(line), "not a workflow command: {line}");
    }
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(
        (count("::error "), count("::warning "), count("::notice ")),
        (7, 2, 2)
    );
    // `%` in a message is escaped; `:` in a title is escaped.
    assert!(r.stdout.contains("%25?$"), "{}", r.stdout);
    assert!(
        r.stdout.contains("title=breaking change%3A "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("file={FIXTURES}/rich.yaml,line=114,col=9,"))
    );
}

#[test]
fn markdown_is_headed_by_classification_with_a_bullet_per_change() {
    let r = run(&with(&rich_pair(), &["--format", "markdown"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("## Contract changes\n\n7 breaking, 2 compatible, 2 info.\n")
    );
    let headings: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(headings, ["### Breaking", "### Compatible", "### Info"]);
    assert_eq!(r.stdout.lines().filter(|l| l.starts_with("- ")).count(), 11);
    assert!(
        r.stdout.contains("\n#### `lock_device` (`fleet_v1`)\n"),
        "{}",
        r.stdout
    );
    let r = run(&["spec", "spec", "--format", "markdown"]);
    assert_eq!(r.stdout, "## Contract changes\n\nNo changes.\n");
}

#[test]
fn human_lines_start_with_the_level_and_end_with_a_summary() {
    let r = run(&with(&rich_pair(), &[]));
    let lines: Vec<&str> = r.stdout.lines().collect();
    let (summary, changes) = lines.split_last().expect("a summary line");
    assert_eq!(*summary, "11 changes: 7 breaking, 2 compatible, 2 info");
    let line = Regex::new(r"^(breaking  |compatible|info      )  \S+ \S+").unwrap();
    for change in changes {
        assert!(line.is_match(change), "{change}");
    }
}
