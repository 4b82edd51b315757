//! Workspace-level tests live in `tests/tests/`; this crate holds only what several of them
//! share about the vendor pages the spec is written from.
//!
//! The pages themselves are not in the repository: CI keeps them in `../shared/seeds/`
//! beside the checkout (`VENDORSPEC_SEEDS` names another folder). What the tests check
//! about them is kept here: the facts, as Rust tables in `tests/tests/seed_coverage.rs` and
//! `tests/tests/real_clients.rs`, and the excerpts the spec's examples quote, as files in
//! `tests/seed_facts/`. So a clone with nothing beside it passes the tests, and the
//! comparison with the pages runs wherever they are (`tests/tests/seed_pages.rs`).

use std::path::PathBuf;

/// The folder of the vendor pages: `$VENDORSPEC_SEEDS` when set, else `../shared/seeds`
/// beside the checkout. It may not exist.
pub fn seed_pages_dir() -> PathBuf {
    match std::env::var_os("VENDORSPEC_SEEDS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds")),
    }
}

/// The folder of the page excerpts kept in the repository: one folder per page, named as
/// the page's file without `.txt`, holding one file per quoted example.
pub fn seed_facts_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seed_facts"))
}

/// The number of the page an example quotes, when its `source` starts with one
/// (`000 "Request with device ID and destination local"` → `000`); `None` for examples of
/// our own (`vendorspec`) or written from the seeds README's facts from real clients.
pub fn quoted_page(source: &str) -> Option<&str> {
    source
        .get(..3)
        .filter(|prefix| prefix.bytes().all(|b| b.is_ascii_digit()))
}

/// The file an example's excerpt is kept in, inside its page's folder: the example's name
/// in lower case, every run of other characters than ASCII letters and digits one `-`.
pub fn excerpt_file_name(example_name: &str) -> String {
    let mut slug = String::new();
    for c in example_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("{}.txt", slug.trim_matches('-'))
}

/// Whether the tests run in CI (`CI` set, as GitHub Actions and most CI systems set it):
/// there, a comparison that cannot run for want of its inputs fails instead of being
/// skipped.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// Says on the test output that a test skipped part of its work, and why. Written straight
/// to the process's standard error, past the test harness's capture, so that it shows in
/// `cargo test`'s output even when the test passes.
pub fn report_skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "test {test}: SKIPPED: {why}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_names() {
        assert_eq!(
            excerpt_file_name("The full model of POST /api/v2/DeploymentGroups"),
            "the-full-model-of-post-api-v2-deploymentgroups.txt"
        );
        assert_eq!(excerpt_file_name("\"Notify: {}\""), "notify.txt");
        assert_eq!(quoted_page("004 \"Modules\" examples"), Some("004"));
        assert_eq!(quoted_page("seeds README"), None);
        assert_eq!(quoted_page("vendorspec"), None);
    }
}
