//! `vendorspec template`: every body of every endpoint, in every format, validates as it is.

mod common;

use common::run;

#[test]
fn every_template_validates_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let endpoints = run(&["endpoints"]);
    for line in endpoints.stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        for body in [&[][..], &["--response"][..]] {
            for (format, ext) in [("json", "json"), ("json5", "json5"), ("yaml", "yaml")] {
                let mut args = vec!["template", id, "--format", format];
                args.extend_from_slice(body);
                let t = run(&args);
                if t.code == 2 {
                    // The endpoint documents no such body.
                    assert!(t.stderr.contains("has no"), "{id} {body:?}: {}", t.stderr);
                    continue;
                }
                assert_eq!(t.code, 0, "{id} {body:?} {format}: {}", t.stderr);
                let file = dir.path().join(format!("{id}-{}.{ext}", body.len()));
                std::fs::write(&file, &t.stdout).unwrap();
                let mut args = vec!["validate", "--endpoint", id, "--deny-warnings"];
                args.extend_from_slice(body);
                args.push(file.to_str().unwrap());
                let v = run(&args);
                assert_eq!(
                    v.code, 0,
                    "{id} {body:?} {format}:\n{}\n{}",
                    t.stdout, v.stdout
                );
            }
        }
    }
}
