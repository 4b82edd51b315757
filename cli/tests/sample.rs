//! `vendorspec sample`: realistic payloads by default, the property tests' adversarial ones
//! behind `--adversarial`. For every body of every endpoint, realistic samples validate
//! and look like what a person writes (no control character, date-times near the day of
//! the run, small numbers, at most a few items); they are reproducible for a seed and a
//! day (`SOURCE_DATE_EPOCH`); and they are not the adversarial ones, which fail those
//! checks.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{Run, run, vendorspec};
use serde_json::Value;

/// 2026-03-15T23:59:59Z: the day the reproducible runs pretend it is.
const EPOCH: &str = "1773619199";
const YEAR: i64 = 2026;

/// `vendorspec sample ARGS...` with `SOURCE_DATE_EPOCH` set to `epoch`, or unset.
fn sample(epoch: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = vendorspec();
    cmd.arg("sample").args(args);
    match epoch {
        Some(epoch) => cmd.env("SOURCE_DATE_EPOCH", epoch),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    cmd.output().expect("the binary runs").into()
}

/// Every body: (endpoint id, `--response` or not), for the bodies the endpoint has.
fn bodies() -> Vec<(String, bool)> {
    let endpoints = run(&["endpoints"]);
    assert_eq!(endpoints.code, 0);
    let mut out = Vec::new();
    for line in endpoints.stdout.lines() {
        let id = line.split_whitespace().next().unwrap().to_string();
        for response in [false, true] {
            let mut args = vec![id.as_str(), "--count", "1"];
            if response {
                args.push("--response");
            }
            let r = sample(Some(EPOCH), &args);
            if r.code == 2 && r.stderr.contains("has no") {
                continue;
            }
            assert_eq!(r.code, 0, "{id} {response}: {}", r.stderr);
            out.push((id.clone(), response));
        }
    }
    assert!(out.len() >= 8, "{out:?}");
    out
}

fn args<'a>(id: &'a str, response: bool, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![id];
    if response {
        args.push("--response");
    }
    args.extend_from_slice(extra);
    args
}

fn lines(r: &Run) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Why a payload does not look like what a person writes (empty when it does): a control
/// character, a date-time more than a year from `year`, a number beyond ±10,000, an array
/// of more than 3 items.
fn unreal(value: &Value, year: i64) -> Vec<String> {
    let date_time = regex::Regex::new(r"^(\d{4})-\d{2}-\d{2}[Tt]\d{2}:\d{2}").unwrap();
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                if s.chars().any(char::is_control) {
                    out.push(format!("a control character in {s:?}"));
                }
                if let Some(c) = date_time.captures(s) {
                    let y: i64 = c[1].parse().unwrap();
                    if (y - year).abs() > 1 {
                        out.push(format!("the date-time {s} (year {year})"));
                    }
                }
            }
            Value::Number(n) => {
                if n.as_f64().is_none_or(|f| f.abs() > 10_000.0) {
                    out.push(format!("the number {n}"));
                }
            }
            Value::Array(items) => {
                if items.len() > 3 {
                    out.push(format!("{} items", items.len()));
                }
                stack.extend(items);
            }
            Value::Object(map) => {
                for (k, v) in map {
                    if k.chars().any(char::is_control) {
                        out.push(format!("a control character in the name {k:?}"));
                    }
                    stack.push(v);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }
    out
}

#[test]
fn realistic_samples_of_every_body_validate() {
    for (id, response) in bodies() {
        let r = sample(
            Some(EPOCH),
            &args(&id, response, &["--count", "40", "--seed", "5"]),
        );
        assert_eq!(r.code, 0, "{id}: {}", r.stderr);
        let dir = tempfile::tempdir().unwrap();
        for (i, line) in r.stdout.lines().enumerate() {
            std::fs::write(dir.path().join(format!("{i:02}.json")), line).unwrap();
        }
        let mut validate = vec!["validate", "--endpoint", &id, "--format", "json"];
        if response {
            validate.push("--response");
        }
        let path = dir.path().to_str().unwrap();
        validate.push(path);
        let v = run(&validate);
        assert_eq!(v.code, 0, "{id} {response}:\n{}\n{}", r.stdout, v.stdout);
        let doc: Value = serde_json::from_str(&v.stdout).unwrap();
        assert_eq!(doc["summary"]["files"], 40, "{id} {response}");
        assert_eq!(doc["summary"]["errors"], 0, "{id} {response}");
        // Warnings are avoided: a draw with one is taken only when a dozen all warn.
        assert_eq!(
            doc["summary"]["warnings"], 0,
            "{id} {response}: {}",
            v.stdout
        );
    }
}

#[test]
fn realistic_samples_look_real_and_adversarial_ones_do_not() {
    let mut adversarial_faults = Vec::new();
    for (id, response) in bodies() {
        let realistic = sample(Some(EPOCH), &args(&id, response, &["--count", "30"]));
        let adversarial = sample(
            Some(EPOCH),
            &args(&id, response, &["--count", "30", "--adversarial"]),
        );
        assert_eq!((realistic.code, adversarial.code), (0, 0), "{id}");
        assert_ne!(realistic.stdout, adversarial.stdout, "{id} {response}");
        for value in lines(&realistic) {
            let faults = unreal(&value, YEAR);
            assert!(faults.is_empty(), "{id} {response}: {faults:?} in {value}");
        }
        for value in lines(&adversarial) {
            adversarial_faults.extend(unreal(&value, YEAR));
        }
    }
    // The checks can fail: the adversarial generator trips each of them.
    for kind in ["control character", "date-time", "number"] {
        assert!(
            adversarial_faults.iter().any(|f| f.contains(kind)),
            "no adversarial {kind}: {adversarial_faults:?}"
        );
    }
}

#[test]
fn realistic_samples_are_reproducible_for_a_seed_and_a_day() {
    let a = sample(Some(EPOCH), &["create_job", "--count", "5", "--seed", "11"]);
    let b = sample(Some(EPOCH), &["create_job", "--count", "5", "--seed", "11"]);
    let c = sample(Some(EPOCH), &["create_job", "--count", "5", "--seed", "12"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    assert_eq!(a.stdout.lines().count(), 5);
    // Another day moves the date-times (`StartTime` is required), nothing else.
    let later = sample(
        Some("1776211199"), // 2026-04-14T23:59:59Z
        &["create_job", "--count", "5", "--seed", "11"],
    );
    assert_ne!(a.stdout, later.stdout);
    let without_times = |r: &Run| -> Vec<Value> {
        lines(r)
            .into_iter()
            .map(|mut v| {
                v.as_object_mut().unwrap().remove("StartTime");
                v
            })
            .collect()
    };
    assert_eq!(without_times(&a), without_times(&later));
}

#[test]
fn realistic_date_times_are_near_today() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let year = 1970 + (now as f64 / 31_556_952.0) as i64;
    for (epoch, year) in [(None, year), (Some("1931097599"), 2031)] {
        let r = sample(epoch, &["create_job", "--count", "20"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for job in lines(&r) {
            let start = job["StartTime"].as_str().unwrap();
            let y: i64 = start[..4].parse().unwrap();
            assert!((y - year).abs() <= 1, "{start} in {year}");
        }
    }
}

#[test]
fn invalid_samples_are_the_adversarial_mutations() {
    let invalid = sample(None, &["lockdown_device", "--invalid", "--seed", "4"]);
    let both = sample(
        None,
        &[
            "lockdown_device",
            "--invalid",
            "--adversarial",
            "--seed",
            "4",
        ],
    );
    assert_eq!(invalid.code, 0, "{}", invalid.stderr);
    assert_eq!(invalid.stdout, both.stdout);
    assert!(invalid.stdout.lines().all(|l| l.contains("\"expect\":")));
}

#[test]
fn sample_help_says_what_each_generator_does() {
    let r = run(&["sample", "--help"]);
    assert_eq!(r.code, 0);
    for words in [
        "--adversarial",
        "realistic",
        "spec's examples",
        "SOURCE_DATE_EPOCH",
        "exactly one violation",
    ] {
        assert!(r.stdout.contains(words), "{words}: {}", r.stdout);
    }
}
