//! Types, and hostile input.

use super::*;

// ---- types ----------------------------------------------------------------------------

#[test]
fn members_colliding_case_insensitively() {
    let errors = spec()
        .replace("member_names: exact", "member_names: case_insensitive")
        .after(
            "members:",
            &[
                "  Name:",
                "    type: string",
                "    description: The name, again.",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:46:7",
        "member `name` collides with `Name`: this API matches member names case-insensitively",
        "rename one of them",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn type_that_requires_itself() {
    let errors = spec()
        .after(
            "members:",
            &[
                "  parent:",
                "    type: Widget",
                "    required: true",
                "    description: The parent widget.",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:39:3",
        "type `Widget` requires itself through required members",
        "make one member on the cycle optional, or an array",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn unused_type() {
    let errors = spec()
        .replace(
            "  Color:\n",
            "  Gadget:\n    kind: object\n    description: A gadget nothing uses.\n    members: {}\n\n  Color:\n",
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:58:3",
        "type `Gadget` is not used by any endpoint",
        "use it from a request, a response, a parameter or another type, or remove it",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn array_without_items() {
    let errors = spec().replace("        items: string\n", "").errors();
    assert_help(
        &errors,
        "bad.yaml:51:15",
        "member `tags` is an array but has no `items`",
        "say what the array holds, for example `items: string`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn items_on_a_non_array() {
    let errors = spec()
        .after("description: The size of the widget.", &["items: string"])
        .errors();
    assert_help(
        &errors,
        "bad.yaml:50:9",
        "`items` only applies to arrays, and member `size` is `integer`",
        "remove `items`, or make the type `array`",
    );
    insta::assert_snapshot!(errors.to_string());
}

// ---- hostile input --------------------------------------------------------------------

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let deep = "[".repeat(10_000);
    let big = format!("vendorspec: 1\napi:\n  id: \"{}\"\n", "x".repeat(1 << 20));
    let binary: String = (0u8..=255).map(char::from).collect();
    let inputs: [(&str, &str); 7] = [
        ("empty", ""),
        ("a lone colon", ":"),
        ("deep nesting", &deep),
        ("a 1 MB string value", &big),
        ("binary-looking text", &binary),
        ("only the version", "vendorspec: 1"),
        ("api as a list", "vendorspec: 1\napi: []\n"),
    ];
    for (what, text) in inputs {
        assert!(load_str("bad.yaml", text).is_err(), "{what} loaded");
    }
}

/// Each nesting level costs the YAML deserializer about 32 KiB of stack in a debug build,
/// so about 63 nested mappings used to overflow a test thread's 2 MiB stack and abort the
/// process. `yaml::MAX_DEPTH` (24) now stops the text first, with a message that says so.
#[test]
fn deeply_nested_mappings_do_not_overflow_the_stack() {
    for n in [30, 100, 1000] {
        let text = format!("{}{}", "{a: ".repeat(n), "}".repeat(n));
        let errors = load_str("bad.yaml", &text).unwrap_err();
        assert!(
            errors
                .to_string()
                .contains("the spec nests deeper than 24 levels"),
            "{errors}"
        );
    }
    let block: String = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
    assert!(load_str("bad.yaml", &block).is_err());
}

#[test]
fn a_missing_key_is_reported_at_the_key_that_owns_the_mapping() {
    let errors = spec().replace("  member_names: exact\n", "").errors();
    assert_error(
        &errors,
        "bad.yaml:3:1",
        "the `api` section is missing the key `member_names`",
    );
    let errors = spec()
        .replace("        description: The size of the widget.\n", "")
        .errors();
    assert_error(
        &errors,
        "bad.yaml:47:7",
        "member `size` is missing the key `description`",
    );
}

#[test]
fn an_enum_without_values() {
    let errors = spec()
        .replace(
            "    values:\n      - value: red\n        description: Red.\n      - value: blue\n        description: Blue.\n",
            "    values: []\n",
        )
        .errors();
    assert_help_anywhere(
        &errors,
        "enum `Color` has no values",
        "list its values under `values:`, each with `value` and `description`",
    );
}

#[test]
fn a_null_key() {
    let errors = spec().after("title: Demo API", &["~: x"]).errors();
    assert_help(
        &errors,
        "bad.yaml:6:3",
        "a key is empty or null",
        "every key needs a name, such as `description:`",
    );
}

#[test]
fn code_frames_of_long_lines_are_shortened() {
    let long = "x".repeat(1 << 20);
    let errors = spec()
        .replace(
            "title: Demo API",
            &format!("title: Demo API\n  titel: \"{long}\""),
        )
        .errors();
    let text = errors.to_string();
    assert!(text.len() < 2_000, "{} bytes of errors", text.len());
    assert!(text.contains("unknown key `titel`"), "{text}");
}
