//! Members, required-ness, types, enum values, formats and patterns.

use super::*;

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
