//! Defaults and descriptions, parameters, endpoints and APIs, responses, recursion, the real case, loading and renderings.

use super::*;

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
