//! The change report between two spec versions: every classification rule on a small
//! spec (`tests/fixtures/diff/base.yaml`, edited in each test), the real DeploymentGroups
//! edition, the spec against itself, and snapshots of every rendering.
//!
//! Each test asserts the exact list of changes, one line each:
//! `<where> <change code> request=<level> response=<level>`, `-` for a side the change is
//! not about.

use std::path::Path;

use vendorspec_model::diff::{self, Kind, Level, Report};
use vendorspec_model::ir::Literal;
use vendorspec_model::{SpecFile, load_dir, load_files, load_str};

const BASE: &str = "tests/fixtures/diff/base.yaml";

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The base spec being edited by one test.
struct Edit(String);

fn base() -> Edit {
    Edit(read(BASE))
}

impl Edit {
    /// Replaces the only occurrence of `from` (which may span lines) with `to`.
    fn replace(mut self, from: &str, to: &str) -> Self {
        let n = self.0.matches(from).count();
        assert_eq!(n, 1, "`{from}` occurs {n} times in the spec, not once");
        self.0 = self.0.replacen(from, to, 1);
        self
    }

    /// Inserts `text` after the only occurrence of `anchor`.
    fn insert_after(self, anchor: &str, text: &str) -> Self {
        let to = format!("{anchor}{text}");
        self.replace(anchor, &to)
    }

    /// Removes the only occurrence of `text`.
    fn remove(self, text: &str) -> Self {
        self.replace(text, "")
    }
}

fn load(name: &str, text: &str) -> vendorspec_model::Spec {
    load_str(name, text).unwrap_or_else(|e| panic!("{name} does not load:\n{e}\n\n{text}"))
}

fn report(old: &Edit, new: &Edit) -> Report {
    diff::diff(&load("old.yaml", &old.0), &load("new.yaml", &new.0))
}

fn side(level: Option<Level>) -> &'static str {
    level.map_or("-", Level::as_str)
}

/// One line per change: where, what, and the level on each side.
fn lines(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} request={} response={}",
                c.location(),
                c.change.code(),
                side(c.request),
                side(c.response)
            )
        })
        .collect()
}

/// Asserts the exact changes from the base spec to `new`.
#[track_caller]
fn assert_changes(new: Edit, expected: &[&str]) {
    assert_changes_between(base(), new, expected);
}

#[track_caller]
fn assert_changes_between(old: Edit, new: Edit, expected: &[&str]) {
    let report = report(&old, &new);
    assert_eq!(lines(&report), expected, "the report is:\n{report}");
}

/// A new optional member of `Scan`, the body of `create_scan`'s request.
const NOTE: &str = "      note:\n        type: string\n        description: A note.\n";
const AFTER_PASSWORD: &str = "        description: The password to log in to targets with.\n";

/// The text of `text` from `start` up to (not including) `end`.
fn section(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).expect("the section's start");
    let to = from + text[from..].find(end).expect("the section's end");
    text[from..to].to_string()
}

mod bodies;
mod information;
mod members;
