//! A CI user's first hour: the traps a new user fell into, each tried in a throwaway
//! repository with the built binary. Every one of these passed silently (or failed
//! confusingly) before: a green run must mean that something was checked.

mod common;

use std::fs;

use common::{Run, json, run_in};

const JOB: &str = r#"{"Name": "Discover the lab", "JobType": 1, "StartTime": "2022-03-03T11:30:00.000Z", "DiscoveryTargets": {"SingleIpTargets": [{"Ip": "10.0.0.1"}]}}"#;

/// A repository with `jobs/a.json`, `jobs/nested/b.json` and this `vendorspec.toml`.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("jobs/nested")).unwrap();
    fs::write(dir.path().join("jobs/a.json"), JOB).unwrap();
    fs::write(dir.path().join("jobs/nested/b.json"), JOB).unwrap();
    fs::write(dir.path().join("vendorspec.toml"), config).unwrap();
    dir
}

fn mapping(paths: &str) -> String {
    format!("[[validate]]\nendpoint = \"create_job\"\npaths = {paths}\n")
}

fn checked_files(r: &Run) -> Vec<String> {
    json(r)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_leading_dot_slash_and_a_folder_match_as_on_the_command_line() {
    for paths in [r#"["./jobs/*.json"]"#, r#"["jobs/*.json"]"#] {
        let dir = repo(&mapping(paths));
        let r = run_in(dir.path(), &["validate", "--format", "json"]);
        assert_eq!(r.code, 0, "{paths}: {}{}", r.stdout, r.stderr);
        assert_eq!(checked_files(&r), ["jobs/a.json"], "{paths}");
    }
    for paths in [r#"["jobs"]"#, r#"["./jobs/"]"#] {
        let dir = repo(&mapping(paths));
        let r = run_in(dir.path(), &["validate", "--format", "json"]);
        assert_eq!(r.code, 0, "{paths}: {}{}", r.stdout, r.stderr);
        assert_eq!(
            checked_files(&r),
            ["jobs/a.json", "jobs/nested/b.json"],
            "{paths}"
        );
    }
}

#[test]
fn a_mapping_that_matches_nothing_fails_in_every_format() {
    let dir = repo(&mapping(r#"["job/*.json"]"#));
    let human = run_in(dir.path(), &["validate"]);
    assert_eq!(human.code, 2, "{}", human.stdout);
    assert!(
        human.stdout.contains(
            "error[unmatched_mapping]: the paths of the mapping for `create_job` match no file"
        ),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(" --> vendorspec.toml:3:9"),
        "{}",
        human.stdout
    );
    let github = run_in(dir.path(), &["validate", "--format", "github"]);
    assert_eq!(github.code, 2);
    assert!(
        github.stdout.contains(
            "::error file=vendorspec.toml,line=3,col=9,title=vendorspec unmatched_mapping::"
        ),
        "{}",
        github.stdout
    );
    let sarif = run_in(dir.path(), &["validate", "--format", "sarif"]);
    assert_eq!(sarif.code, 2);
    let log = json(&sarif);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "unmatched_mapping");
    let junit = run_in(dir.path(), &["validate", "--format", "junit"]);
    assert_eq!(junit.code, 2);
    assert!(
        junit.stdout.contains("unmatched_mapping"),
        "{}",
        junit.stdout
    );
    // Said to be expected: no error.
    let dir = repo(&format!(
        "{}allow_empty = true\n",
        mapping(r#"["job/*.json"]"#)
    ));
    let r = run_in(dir.path(), &["validate", "--allow-empty"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_run_that_checks_nothing_fails_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let r = run_in(
        dir.path(),
        &["validate", "--endpoint", "create_job", "empty"],
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("error[nothing_checked]: no file was checked"),
        "{}",
        r.stdout
    );
    let r = run_in(
        dir.path(),
        &[
            "validate",
            "--endpoint",
            "create_job",
            "empty",
            "--allow-empty",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_named_path_no_mapping_covers_is_a_warning_or_with_deny_warnings_an_error() {
    let dir = repo(&mapping(r#"["jobs/*.json"]"#));
    fs::write(dir.path().join("package.json"), "{}").unwrap();
    let r = run_in(
        dir.path(),
        &[
            "validate",
            "--format",
            "github",
            "jobs/a.json",
            "package.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("::warning file=package.json,line=1,col=1,title=vendorspec uncovered_path::package.json was not checked: no mapping of vendorspec.toml covers it"),
        "{}",
        r.stdout
    );
    let r = run_in(
        dir.path(),
        &["validate", "--deny-warnings", "jobs/a.json", "package.json"],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error[uncovered_path]"), "{}", r.stdout);
}

#[test]
fn the_config_is_found_from_a_subfolder() {
    let dir = repo(&mapping(r#"["jobs"]"#));
    let r = run_in(
        &dir.path().join("jobs/nested"),
        &["validate", "--format", "json", "b.json"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(checked_files(&r), ["b.json"]);
    // With no paths: the whole repository, named from where the command runs.
    let r = run_in(
        &dir.path().join("jobs/nested"),
        &["validate", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        checked_files(&r),
        ["../../jobs/a.json", "../../jobs/nested/b.json"]
    );
}

#[test]
fn a_file_under_two_mappings_counts_once_as_a_file_and_twice_as_a_check() {
    let config = format!(
        "{}\n[[validate]]\nendpoint = \"create_job\"\npaths = [\"jobs/a.json\"]\ndeny_warnings = true\n",
        mapping(r#"["jobs"]"#)
    );
    let dir = repo(&config);
    let r = run_in(dir.path(), &["validate"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "2 files, 3 checks: 3 valid, 0 invalid; 0 errors, 0 warnings\n"
    );
}

#[test]
fn a_misspelt_required_member_is_one_finding_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let body = JOB.replace("\"StartTime\"", "\"StartTme\"");
    fs::write(dir.path().join("job.json"), body).unwrap();
    let r = run_in(
        dir.path(),
        &[
            "validate",
            "--endpoint",
            "create_job",
            "--format",
            "json",
            "job.json",
        ],
    );
    assert_eq!(r.code, 1);
    let d = &json(&r)["files"][0]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(d[0]["rule"], "unknown_field");
    assert_eq!(d[0]["pointer"], "/StartTme");
    assert_eq!(
        d[0]["message"],
        "`StartTme` is not a member of Job; did you mean `StartTime`, which is required?"
    );
}

#[test]
fn standard_input_is_read_with_its_name() {
    let body = JOB.replace("\"JobType\": 1", "\"JobType\": 9");
    let r: Run = common::vendorspec()
        .args([
            "validate",
            "--endpoint",
            "create_job",
            "-",
            "--stdin-name",
            "jobs/new.json",
        ])
        .write_stdin(body)
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(" --> jobs/new.json:1:"), "{}", r.stdout);
    assert!(r.stdout.contains("error[enum]"), "{}", r.stdout);
}
