//! Body presence, examples, bounds and rules.

use super::*;

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
