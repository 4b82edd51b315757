//! Many files in one run: 10,000 payloads validate in one process without running out of
//! file handles (checked under a limit of 64 open files), quietly and in path order.

mod common;

use common::{json, run};

#[test]
fn ten_thousand_files_under_a_64_file_handle_limit() {
    let dir = tempfile::tempdir().unwrap();
    let valid =
        r#"{"lockdown_config_id": 1, "lockdown_type": "Lockdown", "parameters": {"Network": {}}}"#;
    let invalid =
        r#"{"lockdown_config_id": -1, "lockdown_type": "Lockdown", "parameters": {"Network": {}}}"#;
    // 100 folders of 100 files; every 100th file is invalid.
    for folder in 0..100 {
        let sub = dir.path().join(format!("batch-{folder:03}"));
        std::fs::create_dir(&sub).unwrap();
        for file in 0..100 {
            let text = if file == 99 { invalid } else { valid };
            std::fs::write(sub.join(format!("{file:03}.json")), text).unwrap();
        }
    }
    let script = format!(
        "ulimit -n 64 && exec '{}' validate --endpoint lockdown_device --format json '{}'",
        env!("CARGO_BIN_EXE_vendorspec"),
        dir.path().display()
    );
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("sh runs");
    let r = common::Run::from(output);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr, "",
        "nothing on stderr: no progress bar off a terminal, no error"
    );
    let doc = json(&r);
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 10_000, "{summary}");
    assert_eq!(summary["invalid"], 100, "{summary}");
    assert_eq!(summary["errors"], 100, "{summary}");
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted by path");
    assert!(paths[99].ends_with("batch-000/099.json"));
    assert_eq!(doc["files"][99]["valid"], false);

    // Human output stays quiet: one frame per finding and the summary, nothing per valid file.
    let human = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(human.code, 1);
    assert_eq!(human.stdout.matches("error[minimum]").count(), 100);
    assert!(
        human
            .stdout
            .ends_with("10000 files: 9900 valid, 100 invalid; 100 errors, 0 warnings\n"),
        "{}",
        &human.stdout[human.stdout.len().saturating_sub(200)..]
    );
}
