//! Files published under `generated/` (schemas, OpenAPI documents) kept equal to what the
//! code produces: one check for every kind, with `VENDORSPEC_BLESS=1` rewriting them.

use std::collections::BTreeMap;
use std::path::Path;

/// Fails unless the `.json` files of `dir` are exactly `produced` (file name → text); with
/// `VENDORSPEC_BLESS` set, writes them instead (and removes the ones no longer produced).
/// `what` names the files in the message ("the published schemas"), `label` their folder
/// (`schemas`), `refresh` the command that rewrites them.
pub fn check_published(
    dir: &Path,
    produced: &BTreeMap<String, String>,
    what: &str,
    label: &str,
    refresh: &str,
) {
    let on_disk: BTreeMap<String, String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    if std::env::var_os("VENDORSPEC_BLESS").is_some() {
        std::fs::create_dir_all(dir).unwrap();
        for stale in on_disk.keys().filter(|k| !produced.contains_key(*k)) {
            std::fs::remove_file(dir.join(stale)).unwrap();
        }
        for (name, text) in produced {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut problems = Vec::new();
    for (name, text) in produced {
        match on_disk.get(name) {
            None => problems.push(format!("missing: {label}/{name}")),
            Some(old) if old != text => problems.push(format!("out of date: {label}/{name}")),
            Some(_) => {}
        }
    }
    for name in on_disk.keys().filter(|k| !produced.contains_key(*k)) {
        problems.push(format!("no longer produced: {label}/{name}"));
    }
    assert!(
        problems.is_empty(),
        "{what} differ from what the code produces:\n  {}\nrefresh them with:\n  {refresh}\nand review the diff",
        problems.join("\n  ")
    );
}
