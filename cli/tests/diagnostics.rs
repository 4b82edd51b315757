//! Snapshots of the human and JSON diagnostics, per endpoint body, for a set of invalid
//! payloads: the bundled invalid examples and generated ones (`sample --invalid`, fixed
//! seed) that each break one rule. The temporary folder's path is replaced by `[tmp]`.
//!
//! Review changes with `cargo insta review`: a snapshot changes when a message, a location,
//! a code frame or the masking of a secret changes.

mod common;

use common::run;

/// (endpoint, --response?, bundled invalid payloads).
const BODIES: [(&str, bool, &[&str]); 8] = [
    (
        "create_package_execution",
        false,
        &["examples/payloads/create_package_execution/devices-and-zones.json"],
    ),
    ("create_package_execution", true, &[]),
    ("delete_package_execution", true, &[]),
    (
        "lockdown_device",
        false,
        &["examples/payloads/lockdown_device/too-long.json"],
    ),
    (
        "lockdown_device",
        true,
        &["examples/responses/lockdown_device/local-time.json"],
    ),
    (
        "provision_tenant",
        false,
        &["examples/payloads/provision_tenant/ubuntu-without-linux.json"],
    ),
    (
        "create_job",
        false,
        &[
            "examples/payloads/create_job/install-with-typos.json",
            "examples/payloads/create_job/install-credentials.yaml",
        ],
    ),
    (
        "create_deployment_group",
        false,
        &["examples/payloads/create_deployment_group/doc-main-example.json"],
    ),
];

/// How many generated invalid payloads per body.
const GENERATED: usize = 6;

#[test]
fn diagnostics_per_endpoint() {
    for (endpoint, response, bundled) in BODIES {
        let dir = tempfile::tempdir().unwrap();
        let mut sample_args = vec!["sample", endpoint, "--invalid", "--seed", "11", "--count"];
        let count = GENERATED.to_string();
        sample_args.push(&count);
        if response {
            sample_args.push("--response");
        }
        let samples = run(&sample_args);
        assert_eq!(samples.code, 0, "{}", samples.stderr);
        let mut paths: Vec<String> = bundled.iter().map(|p| p.to_string()).collect();
        for (i, line) in samples.stdout.lines().enumerate() {
            // The payload is embedded as written (it may repeat a member): cut it out of
            // `{"payload":...,"expect":...}` textually, then pretty-print nothing.
            let payload = line
                .strip_prefix("{\"payload\":")
                .and_then(|rest| rest.rsplit_once(",\"expect\":"))
                .map(|(payload, _)| payload)
                .expect("a sample line");
            let path = dir.path().join(format!("{i}.json"));
            std::fs::write(&path, payload).unwrap();
            paths.push(path.to_str().unwrap().to_string());
        }
        let tmp = dir.path().to_str().unwrap().to_string();
        let kind = if response { "response" } else { "request" };
        for format in ["human", "json"] {
            let mut args = vec!["validate", "--endpoint", endpoint, "--format", format];
            if response {
                args.push("--response");
            }
            args.extend(paths.iter().map(String::as_str));
            let r = run(&args);
            assert_eq!(
                r.code, 1,
                "{endpoint} {kind}: every payload is invalid\n{}",
                r.stdout
            );
            let shown = r.stdout.replace(&tmp, "[tmp]");
            insta::assert_snapshot!(format!("{endpoint}.{kind}.{format}"), shown);
        }
    }
}
