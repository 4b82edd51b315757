//! Malformed specs: every mistake is reported at the right `file:line:column`, with a
//! clear message and a helpful hint.
//!
//! Each case starts from [`VALID`], a small spec that loads cleanly, and changes a line or
//! two. The rendered error text of each case is snapshotted under `tests/snapshots/`.

use vendorspec_model::ir::{Part, Presence};
use vendorspec_model::{SpecErrors, SpecFile, load_files, load_str};

/// A minimal spec that uses every construct the cases below break. Line numbers matter:
/// the tests name them, so keep this text stable.
const VALID: &str = r#"vendorspec: 1

api:
  id: demo_v1
  title: Demo API
  description: A small API for tests.
  base_url: https://api.example.com
  auth:
    scheme: bearer_jwt
    description: A bearer token.
  member_names: exact
  body_syntax: strict
  body_encoding: plain

endpoints:
  create_widget:
    summary: Create a widget
    description: Creates one widget.
    source: test
    method: POST
    path: /widgets/{widget_id}
    path_parameters:
      widget_id:
        type: string
        description: The widget to create.
    request:
      body: Widget
      examples:
        - name: A widget
          source: test
          valid: true
          text: '{"name": "w"}'
    responses:
      - status: [201]
        description: The created widget.
        body: Widget

types:
  Widget:
    kind: object
    description: A widget.
    members:
      name:
        type: string
        required: true
        description: The name of the widget.
      size:
        type: integer
        description: The size of the widget.
      tags:
        type: array
        items: string
        description: The tags of the widget.
      color:
        type: Color
        description: The color of the widget.

  Color:
    kind: enum
    description: A color.
    base: string
    values:
      - value: red
        description: Red.
      - value: blue
        description: Blue.
"#;

/// [`VALID`] being edited by one test.
struct Spec(String);

fn spec() -> Spec {
    Spec(VALID.to_string())
}

impl Spec {
    /// Replaces the only occurrence of `from` (which may span lines) with `to`.
    fn replace(mut self, from: &str, to: &str) -> Self {
        let n = self.0.matches(from).count();
        assert_eq!(n, 1, "`{from}` occurs {n} times in the spec, not once");
        self.0 = self.0.replacen(from, to, 1);
        self
    }

    /// Inserts `lines` after the only line containing `anchor`, each indented like that
    /// line (extra leading spaces in `lines` nest deeper).
    fn after(mut self, anchor: &str, lines: &[&str]) -> Self {
        let found: Vec<usize> = self
            .0
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(anchor))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "`{anchor}` is on {} lines, not one",
            found.len()
        );
        let mut out: Vec<String> = self.0.lines().map(str::to_string).collect();
        let line = &out[found[0]];
        let indent = &line[..line.len() - line.trim_start().len()];
        let inserted: Vec<String> = lines.iter().map(|l| format!("{indent}{l}")).collect();
        out.splice(found[0] + 1..found[0] + 1, inserted);
        self.0 = out.join("\n") + "\n";
        self
    }

    /// Loads the spec as `bad.yaml` and returns its errors; fails the test if it loads.
    fn errors(&self) -> SpecErrors {
        match load_str("bad.yaml", &self.0) {
            Ok(_) => panic!("the spec loaded, but it is malformed:\n{}", self.0),
            Err(errors) => errors,
        }
    }
}

/// Asserts that an error with exactly `message` is reported at exactly `location`.
#[track_caller]
fn assert_error(errors: &SpecErrors, location: &str, message: &str) {
    let found: Vec<_> = errors.0.iter().filter(|e| e.message == message).collect();
    assert!(
        !found.is_empty(),
        "no error `{message}`; the errors are:\n{errors}"
    );
    assert!(
        found.iter().any(|e| e.location() == location),
        "`{message}` is reported at {}, not at {location}; the errors are:\n{errors}",
        found
            .iter()
            .map(|e| e.location())
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// Asserts the help of the error at `location` with `message`.
#[track_caller]
fn assert_help(errors: &SpecErrors, location: &str, message: &str, help: &str) {
    assert_error(errors, location, message);
    let e = errors
        .0
        .iter()
        .find(|e| e.message == message && e.location() == location)
        .unwrap();
    assert_eq!(e.help.as_deref(), Some(help), "the errors are:\n{errors}");
}

/// Asserts an error with exactly `message` and `help`, and its line, but not its column:
/// for errors whose column is known to be wrong (see the comment at each use).
#[track_caller]
fn assert_help_on_line(errors: &SpecErrors, line: &str, message: &str, help: &str) {
    let e = errors
        .0
        .iter()
        .find(|e| e.message == message)
        .unwrap_or_else(|| panic!("no error `{message}`; the errors are:\n{errors}"));
    assert!(
        e.location().starts_with(&format!("{line}:")),
        "`{message}` is reported at {}, not on {line}; the errors are:\n{errors}",
        e.location()
    );
    assert_eq!(e.help.as_deref(), Some(help), "the errors are:\n{errors}");
}

/// Asserts an error with exactly `message` and `help`, wherever it is reported: for
/// errors whose location is known to be wrong (see the comment at each use).
#[track_caller]
fn assert_help_anywhere(errors: &SpecErrors, message: &str, help: &str) {
    let e = errors
        .0
        .iter()
        .find(|e| e.message == message)
        .unwrap_or_else(|| panic!("no error `{message}`; the errors are:\n{errors}"));
    assert_eq!(e.help.as_deref(), Some(help), "the errors are:\n{errors}");
}

mod constraints;
mod examples;
mod rules;
mod shapes;
mod types;
