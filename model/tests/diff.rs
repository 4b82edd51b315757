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

// ---- nothing changed ------------------------------------------------------------------

#[test]
fn the_base_spec_against_itself_reports_nothing() {
    let report = report(&base(), &base());
    assert!(report.changes.is_empty(), "{}", report.to_string());
    assert_eq!(report.to_string(), "no changes\n");
    assert_eq!(report.max_level(), None);
}

#[test]
fn the_spec_directory_against_itself_reports_nothing() {
    let spec = load_dir("../spec").unwrap_or_else(|e| panic!("{e}"));
    let again = load_dir("../spec").unwrap_or_else(|e| panic!("{e}"));
    let report = diff::diff(&spec, &again);
    assert!(report.changes.is_empty(), "{}", report.to_string());
}

#[test]
fn reordered_members_and_moved_lines_are_not_changes() {
    // JSON objects are unordered, and locations are not meaning.
    let new = base()
        .replace(
            "      fast:\n        type: boolean\n        default: false\n        description: Skip slow probes.\n      deep:\n        type: boolean\n        default: false\n        description: Probe every port.\n",
            "      deep:\n        type: boolean\n        default: false\n        description: Probe every port.\n\n\n      fast:\n        type: boolean\n        default: false\n        description: Skip slow probes.\n",
        );
    assert_changes(new, &[]);
}

// ---- request members ------------------------------------------------------------------

#[test]
fn a_new_optional_request_member_is_compatible() {
    assert_changes(
        base().insert_after(AFTER_PASSWORD, NOTE),
        &["create_scan request /note member_added request=compatible response=-"],
    );
}

#[test]
fn a_new_required_request_member_is_breaking() {
    let required = NOTE.replace("type: string\n", "type: string\n        required: true\n");
    assert_changes(
        base().insert_after(AFTER_PASSWORD, &required),
        &["create_scan request /note member_added request=breaking response=-"],
    );
}

#[test]
fn a_removed_request_member_is_breaking() {
    assert_changes(
        base().remove(
            "      label:\n        type: string\n        pattern: \"^[a-z]+$\"\n        description: A label for reports.\n",
        ),
        &["create_scan request /label member_removed request=breaking response=-"],
    );
}

#[test]
fn a_renamed_member_is_a_removal_and_an_addition() {
    let report = report(
        &base(),
        &base().replace(
            "      label:\n        type: string\n",
            "      title:\n        type: string\n",
        ),
    );
    assert_eq!(
        lines(&report),
        [
            "create_scan request /label member_removed request=breaking response=-",
            "create_scan request /title member_added request=compatible response=-",
        ]
    );
    assert_eq!(report.max_level(), Some(Level::Breaking));
    assert!(report.has_at_least(Level::Breaking));
}

#[test]
fn a_nested_member_is_reported_at_its_docs_path() {
    // `IpRange` is the item type of `Targets.ranges`: array levels are not in the path.
    assert_changes(
        base().insert_after(
            "        description: The last address.\n",
            "      note:\n        type: string\n        description: A note.\n",
        ),
        &["create_scan request /targets/ranges/note member_added request=compatible response=-"],
    );
}

// ---- response members -----------------------------------------------------------------

#[test]
fn a_response_member_added_is_compatible_and_one_removed_is_breaking() {
    assert_changes(
        base().replace(
            "      name:\n        type: string\n        description: The name of the scan.\n",
            "      owner:\n        type: string\n        required: true\n        description: Who created the scan.\n",
        ),
        &[
            "create_scan response 201 /name member_removed request=- response=breaking",
            "create_scan response 201 /owner member_added request=- response=compatible",
        ],
    );
}

// ---- required-ness --------------------------------------------------------------------

#[test]
fn required_ness_tightens_requests_and_loosens_responses() {
    let new = base()
        // Request: optional -> required, required -> optional.
        .replace(
            "        pattern: \"^[a-z]+$\"\n",
            "        pattern: \"^[a-z]+$\"\n        required: true\n",
        )
        .remove("        required: true\n        min_length: 1\n")
        // Response: required -> optional, optional -> required.
        .replace(
            "        format: uuid\n        required: true\n",
            "        format: uuid\n",
        )
        .replace(
            "        type: ScanState\n",
            "        type: ScanState\n        required: true\n",
        );
    // `name` lost `min_length: 1` with its `required: true` line.
    assert_changes(
        new,
        &[
            "create_scan request /label required_changed request=breaking response=-",
            "create_scan request /name min_length_changed request=compatible response=-",
            "create_scan request /name required_changed request=compatible response=-",
            "create_scan response 201 /id required_changed request=- response=breaking",
            "create_scan response 201 /state required_changed request=- response=compatible",
        ],
    );
}

// ---- types ----------------------------------------------------------------------------

#[test]
fn type_changes_break_both_sides_unless_they_widen() {
    let new = base()
        .replace(
            "type: integer\n        minimum: 0\n        maximum: 100",
            "type: number\n        minimum: 0\n        maximum: 100",
        )
        .replace(
            "      mode:\n        type: string\n",
            "      mode:\n        type: boolean\n",
        )
        .replace(
            "      seen:\n        type: integer\n",
            "      seen:\n        type: number\n",
        )
        .replace(
            "      hostname:\n        type: string\n",
            "      hostname:\n        type: integer\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /ratio type_changed request=compatible response=-",
            "lock_device request /mode type_changed request=breaking response=-",
            "lock_device response 200/201 /hostname type_changed request=- response=breaking",
            "lock_device response 200/201 /seen type_changed request=- response=breaking",
        ],
    );
}

#[test]
fn an_object_type_renamed_with_the_same_members_is_info() {
    let new = base()
        .replace("      body: Scan\n", "      body: ScanRequest\n")
        .replace(
            "  Scan:\n    kind: object\n",
            "  ScanRequest:\n    kind: object\n",
        );
    assert_changes(
        new,
        &["create_scan request type_renamed request=info response=-"],
    );
}

// ---- enum values ----------------------------------------------------------------------

#[test]
fn a_new_enum_value_is_compatible_in_requests_and_breaking_in_responses() {
    let new = base()
        .insert_after(
            "        name: Full\n        description: Every port.\n",
            "      - value: 3\n        name: Stealth\n        description: Slowly.\n",
        )
        .insert_after(
            "      - value: running\n        description: Started.\n",
            "      - value: done\n        description: Finished.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /kind enum_value_added request=compatible response=-",
            "create_scan response 201 /state enum_value_added request=- response=breaking",
        ],
    );
}

#[test]
fn a_removed_enum_value_is_breaking_in_requests_and_compatible_in_responses() {
    let new = base()
        .remove("      - value: eu\n        description: The European Union.\n")
        .remove("      - value: running\n        description: Started.\n");
    assert_changes(
        new,
        &[
            "fleet_v1 parameters /variables/region enum_value_removed request=breaking response=-",
            "create_scan response 201 /state enum_value_removed request=- response=compatible",
        ],
    );
}

#[test]
fn a_renamed_enum_value_is_info() {
    assert_changes(
        base().replace("        name: Full\n", "        name: Thorough\n"),
        &["create_scan request /kind enum_value_renamed request=info response=-"],
    );
}

// ---- formats and patterns -------------------------------------------------------------

#[test]
fn a_new_or_replaced_format_is_breaking_for_requests_and_a_removed_one_compatible() {
    let new = base()
        .replace(
            "      mode:\n        type: string\n",
            "      mode:\n        type: string\n        format: uuid\n",
        )
        .replace(
            "        format: date-time\n        description: When the scan starts.\n",
            "        description: When the scan starts.\n",
        )
        .replace(
            "          format: device_id\n        description: Devices locked with this one.\n",
            "          format: uuid\n        description: Devices locked with this one.\n",
        )
        .replace(
            "      hostname:\n        type: string\n",
            "      hostname:\n        type: string\n        format: ipv4\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /start format_changed request=compatible response=-",
            "lock_device request /devices format_changed request=breaking response=-",
            "lock_device request /mode format_changed request=breaking response=-",
            "lock_device response 200/201 /hostname format_changed request=- response=compatible",
        ],
    );
}

/// `base()` with a date-time member `seen_at` on the response type `Device` and a
/// results URL `results` on the request type `Scan`, in the given formats.
fn with_formats(seen_at: &str, results: &str) -> Edit {
    base()
        .insert_after(
            "        description: Minutes since the device was last seen.\n",
            &format!(
                "      seen_at:\n        type: string\n        format: {seen_at}\n        description: When the device was last seen.\n"
            ),
        )
        .insert_after(
            AFTER_PASSWORD,
            &format!(
                "      results:\n        type: string\n        format: {results}\n        description: Where results go.\n"
            ),
        )
}

#[test]
fn a_widened_format_is_compatible_for_requests_and_breaking_for_responses() {
    let old = with_formats("date-time", "result_url");
    let new = with_formats("date_time_offset_optional", "result_destination");
    let report = report(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "create_scan request /results format_changed request=compatible response=-",
            "lock_device response 200/201 /seen_at format_changed request=- response=breaking",
        ],
        "{report}"
    );
    let messages: Vec<&str> = report.changes.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "format widened from `result_url` to `result_destination` (every `result_url` value is still accepted)",
            "format widened from `date-time` to `date_time_offset_optional` (every `date-time` value is still accepted)",
        ]
    );
    let change = &report.changes[1];
    assert_eq!(change.old, Some(Literal::String("date-time".into())));
    assert_eq!(
        change.new,
        Some(Literal::String("date_time_offset_optional".into()))
    );
    assert_eq!(change.line, Some(297), "the new `format:` line");
}

#[test]
fn a_narrowed_format_is_breaking_for_requests_and_compatible_for_responses() {
    let old = with_formats("date_time_offset_optional", "result_destination");
    let new = with_formats("date-time", "result_url");
    let report = report(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "create_scan request /results format_changed request=breaking response=-",
            "lock_device response 200/201 /seen_at format_changed request=- response=compatible",
        ],
        "{report}"
    );
    assert_eq!(
        report.changes[0].message,
        "format narrowed from `result_destination` to `result_url` (some `result_destination` values are no longer accepted)"
    );
}

#[test]
fn an_unrelated_format_replaced_is_breaking_on_both_sides() {
    // Neither format includes the other, though both are date-times or URLs of a kind.
    let old = with_formats("date_time_offset_optional", "result_destination");
    let new = with_formats("result_destination", "date-time");
    let report = report(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "create_scan request /results format_changed request=breaking response=-",
            "lock_device response 200/201 /seen_at format_changed request=- response=breaking",
        ],
        "{report}"
    );
    assert_eq!(
        report.changes[1].message,
        "format changed from `date_time_offset_optional` to `result_destination`"
    );
}

// ---- body presence --------------------------------------------------------------------

/// `base()` with `create_scan`'s request body and `lock_device`'s response body optional.
fn optional_bodies() -> Edit {
    base()
        .replace(
            "    request:\n      body: Scan\n",
            "    request:\n      body: Scan\n      presence: optional\n",
        )
        .replace(
            "        description: The locked device.\n        body: Device\n",
            "        description: The locked device.\n        body: Device\n        presence: optional\n",
        )
}

#[test]
fn a_body_made_optional_is_compatible_for_requests_and_breaking_for_responses() {
    let report = report(&base(), &optional_bodies());
    assert_eq!(
        lines(&report),
        [
            "create_scan request body_presence_changed request=compatible response=-",
            "lock_device response 200/201 body_presence_changed request=- response=breaking",
        ],
        "{report}"
    );
    let c = &report.changes[0];
    assert_eq!(
        c.message,
        "request body is now optional: it may be left out (was required)"
    );
    assert_eq!(c.old, Some(Literal::String("required".into())));
    assert_eq!(c.new, Some(Literal::String("optional".into())));
    assert_eq!((c.line, c.column), (Some(41), Some(7)), "at `presence:`");
    assert_eq!(report.changes[0].change, Kind::BodyPresenceChanged);
    assert_eq!(Kind::BodyPresenceChanged.code(), "body_presence_changed");
}

#[test]
fn a_body_made_required_is_breaking_for_requests_and_compatible_for_responses() {
    let report = report(&optional_bodies(), &base());
    assert_eq!(
        lines(&report),
        [
            "create_scan request body_presence_changed request=breaking response=-",
            "lock_device response 200/201 body_presence_changed request=- response=compatible",
        ],
        "{report}"
    );
    assert_eq!(
        report.changes[1].message,
        "response body is now required (could be left out)"
    );
}

#[test]
fn an_optional_request_body_added_is_compatible_and_a_required_one_breaking() {
    // `lock_device` without a request body (and so without `LockRequest`).
    let without = || {
        base()
            .remove("    request:\n      body: LockRequest\n")
            .remove(&section(&read(BASE), "  LockRequest:\n", "  Device:\n"))
    };
    assert_changes_between(
        without(),
        base(),
        &["lock_device request body_added request=breaking response=-"],
    );
    let optional = base().replace(
        "      body: LockRequest\n",
        "      body: LockRequest\n      presence: optional\n",
    );
    let report = report(&without(), &optional);
    assert_eq!(
        lines(&report),
        ["lock_device request body_added request=compatible response=-"]
    );
    assert_eq!(
        report.changes[0].message,
        "optional request body `LockRequest` added"
    );
}

#[test]
fn an_optional_response_body_removed_is_compatible() {
    let optional = base().replace(
        "        description: The created scan.\n        body: ScanResult\n",
        "        description: The created scan.\n        body: ScanResult\n        presence: optional\n",
    );
    let without = base()
        .replace(
            "        description: The created scan.\n        body: ScanResult\n",
            "        description: The created scan.\n",
        )
        .remove(&section(&read(BASE), "  ScanResult:\n", "  LockRequest:\n"));
    let report = report(&optional, &without);
    assert_eq!(
        lines(&report),
        ["create_scan response 201 body_removed request=- response=compatible"]
    );
    assert_eq!(
        report.changes[0].message,
        "optional response body `ScanResult` removed"
    );
}

// ---- examples: blank bodies, parameters -----------------------------------------------

#[test]
fn example_parameters_and_expectation_parts_are_part_of_an_example() {
    let with_params = |expires: &str, part: &str| {
        base().replace(
            "    request:\n      body: LockRequest\n",
            &format!(
                "    request:\n      body: LockRequest\n      examples:\n        - name: Too short\n          source: vendorspec\n          valid: false\n          text: '{{\"devices\": [\"E378DACB9324453AB8C65A8406952195\"]}}'\n          params:\n            device_id: E378DACB9324453AB8C65A8406952195\n            expires: \"{expires}\"\n          expect:\n            - rule: minimum\n              part: {part}\n              pointer: /expires\n"
            ),
        )
    };
    assert_changes_between(
        with_params("0:00:04", "query"),
        with_params("0%3A00%3A04", "query"),
        &["lock_device request example_changed request=info response=-"],
    );
    assert_changes_between(
        with_params("0:00:04", "query"),
        with_params("0:00:04", "query"),
        &[],
    );
}

#[test]
fn a_changed_pattern_is_breaking_and_a_new_one_tightens() {
    let new = base()
        .replace("pattern: \"^[a-z]+$\"", "pattern: \"^[a-z0-9]+$\"")
        .replace(
            "      mode:\n        type: string\n",
            "      mode:\n        type: string\n        pattern: \"^(soft|hard)$\"\n",
        )
        .replace(
            "      hostname:\n        type: string\n",
            "      hostname:\n        type: string\n        pattern: \"^[a-z]+$\"\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /label pattern_changed request=breaking response=-",
            "lock_device request /mode pattern_changed request=breaking response=-",
            "lock_device response 200/201 /hostname pattern_changed request=- response=compatible",
        ],
    );
}

#[test]
fn a_removed_pattern_is_compatible_for_requests() {
    assert_changes(
        base().remove("        pattern: \"^[a-z]+$\"\n"),
        &["create_scan request /label pattern_changed request=compatible response=-"],
    );
}

// ---- bounds ---------------------------------------------------------------------------

#[test]
fn tightened_length_bounds_are_breaking_for_requests() {
    let new = base()
        .replace(
            "        min_length: 1\n        max_length: 64\n",
            "        min_length: 2\n        max_length: 32\n",
        )
        .replace(
            "      mode:\n        type: string\n",
            "      mode:\n        type: string\n        max_length: 8\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /name max_length_changed request=breaking response=-",
            "create_scan request /name min_length_changed request=breaking response=-",
            "lock_device request /mode max_length_changed request=breaking response=-",
        ],
    );
}

#[test]
fn loosened_length_bounds_are_compatible_for_requests() {
    let new = base()
        .replace(
            "        min_length: 1\n        max_length: 64\n",
            "        max_length: 128\n",
        )
        // The items of `tags`.
        .replace("          max_length: 32\n", "          max_length: 64\n");
    assert_changes(
        new,
        &[
            "create_scan request /name max_length_changed request=compatible response=-",
            "create_scan request /name min_length_changed request=compatible response=-",
            "create_scan request /tags max_length_changed request=compatible response=-",
        ],
    );
}

#[test]
fn numeric_bounds_move_the_level_by_direction_and_side() {
    let new = base()
        // Request: a higher minimum and a lower maximum tighten; no maximum loosens.
        .replace(
            "        minimum: 0\n        maximum: 10\n        default: 3\n",
            "        minimum: 1\n        maximum: 5\n        default: 3\n",
        )
        .replace(
            "        minimum: 0\n        maximum: 100\n",
            "        minimum: 0\n",
        )
        // Response: no minimum loosens, a new maximum tightens.
        .replace(
            "        minimum: 0\n        description: Minutes since the device was last seen.\n",
            "        maximum: 100000\n        description: Minutes since the device was last seen.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /ratio maximum_changed request=compatible response=-",
            "create_scan request /retries maximum_changed request=breaking response=-",
            "create_scan request /retries minimum_changed request=breaking response=-",
            "lock_device response 200/201 /seen maximum_changed request=- response=compatible",
            "lock_device response 200/201 /seen minimum_changed request=- response=breaking",
        ],
    );
}

#[test]
fn item_counts_and_uniqueness_tighten_requests() {
    let new = base().replace(
        "        max_items: 10\n",
        "        min_items: 1\n        max_items: 5\n        unique_items: true\n",
    );
    assert_changes(
        new,
        &[
            "create_scan request /tags max_items_changed request=breaking response=-",
            "create_scan request /tags min_items_changed request=breaking response=-",
            "create_scan request /tags unique_items_changed request=breaking response=-",
        ],
    );
    // And back: each loosens.
    let old = base().replace(
        "        max_items: 10\n",
        "        min_items: 1\n        max_items: 5\n        unique_items: true\n",
    );
    assert_changes_between(
        old,
        base(),
        &[
            "create_scan request /tags max_items_changed request=compatible response=-",
            "create_scan request /tags min_items_changed request=compatible response=-",
            "create_scan request /tags unique_items_changed request=compatible response=-",
        ],
    );
}

#[test]
fn duration_bounds_of_a_query_parameter() {
    let new = base()
        .replace("min_duration: \"0:00:05\"", "min_duration: \"0:00:10\"")
        .replace("max_duration: \"3:00:00\"", "max_duration: \"7:00:00\"");
    assert_changes(
        new,
        &[
            "lock_device parameters /query/expires max_duration_changed request=compatible response=-",
            "lock_device parameters /query/expires min_duration_changed request=breaking response=-",
        ],
    );
}

// ---- rules ----------------------------------------------------------------------------

/// The rules of `Scan` and `ScanResult`, after which new ones are added.
const SCAN_RULES: &str = "        message: a full scan needs options\n        description: Full scans say how to scan.\n";

#[test]
fn new_rules_are_breaking_for_requests_and_compatible_for_responses() {
    let new = base()
        .insert_after(
            SCAN_RULES,
            "      - exactly_one_of: [label, tags]\n        description: A label or tags.\n      - at_least_one_of: [start, password]\n        description: Some.\n      - range_order: [retries, ratio]\n        description: Ordered.\n      - requires:\n          if: { kind: { equals: 1 } }\n          then: { start: { present: true } }\n        message: a quick scan needs a start\n        description: Quick scans are scheduled.\n",
        )
        .insert_after(
            "      name:\n        type: string\n        description: The name of the scan.\n",
            "    rules:\n      - at_least_one_of: [state, name]\n        description: Something to show.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request rule_added request=breaking response=-",
            "create_scan request rule_added request=breaking response=-",
            "create_scan request rule_added request=breaking response=-",
            "create_scan request rule_added request=breaking response=-",
            "create_scan response 201 rule_added request=- response=compatible",
        ],
    );
}

#[test]
fn removed_rules_are_compatible_for_requests() {
    let new = base()
        .remove("    rules:\n      - range_order: [low, high]\n        description: The first address comes first.\n")
        .remove("    rules:\n      - exactly_one_of: [devices, zones]\n        count: non_empty\n        description: Devices or zones, not both.\n");
    assert_changes(
        new,
        &[
            "create_scan request /targets/ranges rule_removed request=compatible response=-",
            "lock_device request rule_removed request=compatible response=-",
        ],
    );
}

#[test]
fn counting_members_differently_changes_a_rule_by_its_kind() {
    // At least one present, not one non-empty: looser. Exactly one non-empty, or exactly
    // one present: each accepts payloads the other rejects.
    let new = base()
        .replace(
            "      - at_least_one_of: [hosts, ranges]\n        count: non_empty\n",
            "      - at_least_one_of: [hosts, ranges]\n",
        )
        .replace(
            "      - exactly_one_of: [devices, zones]\n        count: non_empty\n",
            "      - exactly_one_of: [devices, zones]\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request /targets rule_changed request=compatible response=-",
            "lock_device request rule_changed request=breaking response=-",
        ],
    );
}

#[test]
fn rule_descriptions_and_messages_are_info() {
    let new = base()
        .replace(
            "message: a full scan needs options",
            "message: a full scan needs its options",
        )
        .replace(
            "description: Devices or zones, not both.",
            "description: Devices or zones.",
        );
    assert_changes(
        new,
        &[
            "create_scan request description_changed request=info response=-",
            "lock_device request description_changed request=info response=-",
        ],
    );
}

// ---- defaults, descriptions and other information -------------------------------------

#[test]
fn defaults_are_info() {
    let new = base()
        .replace("        default: 3\n", "        default: 5\n")
        .replace(
            "        default: { fast: true, deep: true }\n",
            "        default: { fast: false, deep: true }\n",
        )
        .remove(
            "        default: false\n        description: Check the scan without starting it.\n",
        )
        .insert_after(
            "      dry_run:\n        type: boolean\n",
            "        description: Check the scan without starting it.\n",
        )
        .replace(
            "        default: false\n        description: Skip slow probes.\n",
            "        default: true\n        description: Skip slow probes.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan parameters /query/dry_run default_changed request=info response=-",
            "create_scan request /options default_changed request=info response=-",
            "create_scan request /options/fast default_changed request=info response=-",
            "create_scan request /retries default_changed request=info response=-",
        ],
    );
}

#[test]
fn descriptions_are_info() {
    let new = base()
        .replace("  title: Fleet API v1\n", "  title: The Fleet API v1\n")
        .replace(
            "    summary: Create a scan\n",
            "    summary: Start a scan\n",
        )
        .replace(
            "        description: How many times a target is retried.\n",
            "        description: How often a target is retried.\n",
        )
        .replace(
            "    description: An address range.\n",
            "    description: A range of addresses.\n",
        )
        .replace(
            "        description: Every port.\n",
            "        description: All ports.\n",
        )
        .replace(
            "        description: The locked device.\n",
            "        description: The device.\n",
        );
    assert_changes(
        new,
        &[
            "fleet_v1 api description_changed request=info response=info",
            "create_scan endpoint description_changed request=info response=info",
            "create_scan request /kind description_changed request=info response=-",
            "create_scan request /retries description_changed request=info response=-",
            "create_scan request /targets/ranges description_changed request=info response=-",
            "lock_device response 200/201 description_changed request=- response=info",
        ],
    );
}

#[test]
fn secrets_advice_and_examples_are_info() {
    let new = base()
        .remove("        secret: true\n")
        .replace(
            "        message: a quick scan ignores options\n",
            "        message: options are ignored by a quick scan\n",
        )
        .replace(
            "        - name: A quick scan\n",
            "        - name: A nightly scan\n",
        );
    assert_changes(
        new,
        &[
            "create_scan request advice_changed request=info response=-",
            "create_scan request example_added request=info response=-",
            "create_scan request example_removed request=info response=-",
            "create_scan request /password secret_changed request=info response=-",
        ],
    );
}

// ---- parameters -----------------------------------------------------------------------

#[test]
fn parameters_are_classified_like_request_members() {
    let new = base()
        .remove("      dry_run:\n        type: boolean\n        default: false\n        description: Check the scan without starting it.\n")
        .insert_after(
            "    query_parameters:\n      expires:\n",
            "        required: true\n",
        )
        .insert_after(
            "        description: How long the lock lasts.\n",
            "      reason:\n        type: string\n        description: Why.\n      ticket:\n        type: string\n        required: true\n        description: The change ticket.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan parameters /query/dry_run parameter_removed request=breaking response=-",
            "lock_device parameters /query/expires required_changed request=breaking response=-",
            "lock_device parameters /query/reason parameter_added request=compatible response=-",
            "lock_device parameters /query/ticket parameter_added request=breaking response=-",
        ],
    );
}

#[test]
fn an_api_variable_with_a_default_becomes_optional() {
    assert_changes(
        base().insert_after("      type: Region\n", "      default: us\n"),
        &[
            "fleet_v1 parameters /variables/region default_changed request=info response=-",
            "fleet_v1 parameters /variables/region required_changed request=compatible response=-",
        ],
    );
}

// ---- endpoints and APIs ---------------------------------------------------------------

#[test]
fn scopes_methods_and_paths() {
    let new = base()
        .replace("    scope: scans:create\n", "    scope: scans:write\n")
        .remove("    scope: devices:lock\n")
        .replace("    method: PUT\n", "    method: POST\n")
        .replace(
            "    path: /devices/{device_id}/lock\n",
            "    path: /devices/{device_id}/locks\n",
        );
    assert_changes(
        new,
        &[
            "create_scan endpoint scope_changed request=breaking response=-",
            "lock_device endpoint method_changed request=breaking response=-",
            "lock_device endpoint path_changed request=breaking response=-",
            "lock_device endpoint scope_changed request=compatible response=-",
        ],
    );
    // A scope where none was needed tightens the call.
    let old = base().remove("    scope: devices:lock\n");
    assert_changes_between(
        old,
        base(),
        &["lock_device endpoint scope_changed request=breaking response=-"],
    );
}

const DELETE_SCAN: &str = "  delete_scan:
    summary: Delete a scan
    description: Deletes a scan.
    source: fleet.txt
    method: DELETE
    path: /scans/{scan_id}
    path_parameters:
      scan_id:
        type: string
        format: uuid
        description: The scan.
    responses:
      - status: [204]
        description: Deleted.

";

#[test]
fn endpoints_added_are_compatible_and_removed_breaking() {
    let with_delete = || base().insert_after("endpoints:\n", DELETE_SCAN);
    assert_changes(
        with_delete(),
        &["delete_scan endpoint endpoint_added request=compatible response=compatible"],
    );
    assert_changes_between(
        with_delete(),
        base(),
        &["delete_scan endpoint endpoint_removed request=breaking response=breaking"],
    );
}

const SECOND_API: &str = "vendorspec: 1
api:
  id: audit_v1
  title: Audit API v1
  description: Audit events.
  base_url: https://audit.example.com
  auth:
    scheme: bearer_jwt
    description: A bearer JWT.
  member_names: exact
  body_syntax: strict
  body_encoding: plain
endpoints:
  list_events:
    summary: List events
    description: Lists events.
    source: audit.txt
    method: GET
    path: /events
    responses:
      - status: [200]
        description: The events.
";

#[test]
fn apis_added_are_compatible_and_removed_breaking() {
    let one = || {
        vec![SpecFile {
            name: "fleet.yaml".into(),
            text: read(BASE),
        }]
    };
    let two = || {
        let mut files = one();
        files.push(SpecFile {
            name: "audit.yaml".into(),
            text: SECOND_API.into(),
        });
        files
    };
    let load = |files: Vec<SpecFile>| load_files(&files).unwrap_or_else(|e| panic!("{e}"));
    let added = diff::diff(&load(one()), &load(two()));
    assert_eq!(
        lines(&added),
        [
            "audit_v1 api api_added request=compatible response=compatible",
            "list_events endpoint endpoint_added request=compatible response=compatible",
        ]
    );
    let removed = diff::diff(&load(two()), &load(one()));
    assert_eq!(
        lines(&removed),
        [
            "audit_v1 api api_removed request=breaking response=breaking",
            "list_events endpoint endpoint_removed request=breaking response=breaking",
        ]
    );
}

#[test]
fn api_settings() {
    let new = base()
        .replace(
            "  member_names: exact\n",
            "  member_names: case_insensitive\n",
        )
        .replace("  body_syntax: strict\n", "  body_syntax: lenient\n")
        .replace("  body_encoding: plain\n", "  body_encoding: enveloped\n")
        .replace(
            "  base_url: https://{region}.fleet.example.com\n",
            "  base_url: https://{region}.fleet.example.org\n",
        )
        .replace(
            "    max_token_lifetime_minutes: 30\n",
            "    max_token_lifetime_minutes: 15\n",
        )
        .replace("    scope_claim: scp\n", "    scope_claim: scope\n");
    assert_changes(
        new,
        &[
            "fleet_v1 api base_url_changed request=breaking response=-",
            "fleet_v1 api body_encoding_changed request=breaking response=-",
            "fleet_v1 api body_syntax_changed request=compatible response=-",
            "fleet_v1 api member_names_changed request=compatible response=breaking",
            "fleet_v1 api scope_claim_changed request=info response=-",
            "fleet_v1 api token_lifetime_changed request=breaking response=-",
        ],
    );
    // And back: stricter syntax and exact names tighten requests.
    let old = base()
        .replace(
            "  member_names: exact\n",
            "  member_names: case_insensitive\n",
        )
        .replace("  body_syntax: strict\n", "  body_syntax: lenient\n");
    assert_changes_between(
        old,
        base(),
        &[
            "fleet_v1 api body_syntax_changed request=breaking response=-",
            "fleet_v1 api member_names_changed request=breaking response=compatible",
        ],
    );
}

#[test]
fn a_change_of_case_on_a_case_insensitive_api_is_a_spelling_not_a_rename() {
    let insensitive = || {
        base().replace(
            "  member_names: exact\n",
            "  member_names: case_insensitive\n",
        )
    };
    assert_changes_between(
        insensitive(),
        insensitive().replace("      label:\n", "      Label:\n"),
        &["create_scan request /Label member_spelling_changed request=info response=-"],
    );
}

// ---- responses ------------------------------------------------------------------------

#[test]
fn response_statuses_and_bodies() {
    let new = base()
        // 200/201 -> 200: consumers see fewer codes.
        .replace("      - status: [200, 201]\n", "      - status: [200]\n")
        // 201 -> 201/202: consumers may see a code they do not handle.
        .replace("      - status: [201]\n", "      - status: [201, 202]\n")
        .insert_after(
            "        description: The created scan.\n        body: ScanResult\n",
            "      - status: [409]\n        description: A scan of that name exists.\n",
        );
    assert_changes(
        new,
        &[
            "create_scan response 201/202 status_changed request=- response=breaking",
            "create_scan response 409 response_added request=- response=breaking",
            "lock_device response 200 status_changed request=- response=compatible",
        ],
    );
}

#[test]
fn a_response_body_removed_is_breaking_and_a_response_removed_compatible() {
    // Without the body, `ScanResult` and `ScanState` are unused: they go too.
    let new = base()
        .replace(
            "        description: The created scan.\n        body: ScanResult\n",
            "        description: The created scan.\n",
        )
        .remove(&section(&read(BASE), "  ScanResult:\n", "  LockRequest:\n"));
    assert_changes(
        new,
        &["create_scan response 201 body_removed request=- response=breaking"],
    );
    let new = base().replace(
            "        description: The created scan.\n        body: ScanResult\n",
            "        description: The created scan.\n        body: ScanResult\n      - status: [404]\n        description: No such scan.\n",
        );
    assert_changes_between(
        new,
        base(),
        &["create_scan response 404 response_removed request=- response=compatible"],
    );
}

/// The text of `text` from `start` up to (not including) `end`.
fn section(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).expect("the section's start");
    let to = from + text[from..].find(end).expect("the section's end");
    text[from..to].to_string()
}

#[test]
fn response_variants_and_their_wrapper() {
    let new = base()
        .replace(
            "                status:\n                  type: string\n                  description: The status of the command.\n",
            "                status:\n                  type: string\n                  description: The status of the command.\n                code:\n                  type: integer\n                  description: The status code.\n",
        );
    assert_changes(
        new,
        &["lock_device response 200/201 /code member_added request=- response=compatible"],
    );
    let without_wrapped = base().remove(&section(
        &read(BASE),
        "          - name: wrapped\n",
        "\ntypes:\n",
    ));
    assert_changes(
        without_wrapped,
        &["lock_device response 200/201 variant_removed request=- response=compatible"],
    );
}

// ---- recursion ------------------------------------------------------------------------

#[test]
fn a_recursive_type_is_walked_once_per_path() {
    let recursive = || {
        base().insert_after(
            "        items: IpRange\n        description: Address ranges.\n",
            "      more:\n        type: Targets\n        description: More targets.\n",
        )
    };
    assert_changes_between(
        recursive(),
        recursive().insert_after(
            "        items: string\n        description: Host names.\n",
            "      note:\n        type: string\n        description: A note.\n",
        ),
        &["create_scan request /targets/note member_added request=compatible response=-"],
    );
}

// ---- the real case --------------------------------------------------------------------

#[test]
fn the_later_deployment_groups_edition_adds_two_compatible_members() {
    let dir = Path::new("tests/fixtures/diff/deployment_group_names");
    let old = diff::load(&dir.join("old.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let new = diff::load(&dir.join("new.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let report = diff::diff(&old, &new);
    assert_eq!(
        lines(&report),
        [
            "create_deployment_group request /JobName member_added request=compatible response=-",
            "create_deployment_group request /TaskName member_added request=compatible response=-",
        ]
    );
    let messages: Vec<&str> = report.changes.iter().map(|c| c.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "optional member `JobName` added (a string)",
            "optional member `TaskName` added (a string)",
        ]
    );
    assert!(report.changes.iter().all(|c| c.api == "ivanti_es_v2"));
    assert_eq!(report.max_level(), Some(Level::Compatible));
    assert_eq!(
        (
            report.summary.changes,
            report.summary.compatible,
            report.summary.breaking
        ),
        (2, 2, 0)
    );
}

// ---- loading --------------------------------------------------------------------------

#[test]
fn a_spec_that_does_not_load_gives_located_errors() {
    let errors = diff::load(Path::new("tests/fixtures/diff/broken.yaml"))
        .expect_err("the broken spec must not load");
    let text = errors.to_string();
    assert!(
        errors
            .0
            .iter()
            .any(|e| e.location() == "tests/fixtures/diff/broken.yaml:36:9"),
        "{text}"
    );
    let missing = diff::load(Path::new("tests/fixtures/diff/no-such.yaml"))
        .expect_err("a missing file must not load");
    assert!(
        missing.to_string().contains("cannot read the spec"),
        "{missing}"
    );
}

#[test]
fn a_directory_loads_every_spec_file_and_a_file_one() {
    // Matching is by API and endpoint id, so the file's API is unchanged and the others
    // are removed.
    let dir = diff::load(Path::new("../spec")).unwrap_or_else(|e| panic!("{e}"));
    let file = diff::load(Path::new("../spec/ivanti_es_v2.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let report = diff::diff(&dir, &file);
    assert!(!report.changes.is_empty());
    assert!(
        report.changes.iter().all(|c| c.api != "ivanti_es_v2"
            && matches!(c.change, Kind::ApiRemoved | Kind::EndpointRemoved)),
        "{report}"
    );
    assert_eq!(
        report
            .changes
            .iter()
            .filter(|c| c.change == Kind::ApiRemoved)
            .count(),
        2
    );
}

// ---- renderings -----------------------------------------------------------------------

fn rich() -> Report {
    let old = diff::load(Path::new(BASE)).unwrap_or_else(|e| panic!("{e}"));
    let new =
        diff::load(Path::new("tests/fixtures/diff/rich.yaml")).unwrap_or_else(|e| panic!("{e}"));
    diff::diff(&old, &new)
}

#[test]
fn the_report_is_deterministic() {
    assert_eq!(rich(), rich());
    let mut sorted = rich().changes;
    sorted.sort_by(|a, b| {
        (
            &a.api,
            &a.endpoint,
            a.body,
            &a.status,
            &a.path,
            a.change.code(),
        )
            .cmp(&(
                &b.api,
                &b.endpoint,
                b.body,
                &b.status,
                &b.path,
                b.change.code(),
            ))
    });
    assert_eq!(sorted, rich().changes);
}

#[test]
fn human_rendering() {
    insta::assert_snapshot!(rich().to_string());
}

#[test]
fn json_rendering() {
    insta::assert_json_snapshot!(rich());
}
