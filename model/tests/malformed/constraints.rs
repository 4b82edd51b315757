//! Constraint keywords, defaults and enums.

use super::*;

// ---- constraints ----------------------------------------------------------------------

#[test]
fn min_length_greater_than_max_length() {
    let errors = spec()
        .after(
            "description: The name of the widget.",
            &["min_length: 5", "max_length: 2"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:47:9",
        "member `name` has `min_length` greater than `max_length`, so no value can satisfy it",
        "make `min_length` at most `max_length`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn minimum_greater_than_maximum() {
    let errors = spec()
        .after(
            "description: The size of the widget.",
            &["minimum: 10", "maximum: 1"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:50:9",
        "member `size` has `minimum` greater than `maximum`, so no value can satisfy it",
        "make `minimum` at most `maximum`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn min_items_greater_than_max_items() {
    let errors = spec()
        .after(
            "description: The tags of the widget.",
            &["min_items: 3", "max_items: 2"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:54:9",
        "member `tags` has `min_items` greater than `max_items`, so no value can satisfy it",
        "make `min_items` at most `max_items`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn min_duration_greater_than_max_duration() {
    let errors = spec()
        .after(
            "description: The name of the widget.",
            &[
                "format: duration_dhm",
                "min_duration: \"3:00:00\"",
                "max_duration: \"0:00:05\"",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:48:9",
        "member `name` has `min_duration` greater than `max_duration`, so no value can satisfy it",
        "make `min_duration` at most `max_duration`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn pattern_on_an_integer() {
    let errors = spec()
        .after(
            "description: The size of the widget.",
            &["pattern: '^[0-9]+$'"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:50:9",
        "`pattern` does not apply to member `size`, whose type is an integer",
        "`pattern` applies to strings",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn min_items_on_a_string() {
    let errors = spec()
        .after("description: The name of the widget.", &["min_items: 1"])
        .errors();
    assert_help(
        &errors,
        "bad.yaml:47:9",
        "`min_items` does not apply to member `name`, whose type is a string",
        "`min_items` applies to arrays",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn duration_bounds_without_duration_format() {
    let errors = spec()
        .after(
            "description: The name of the widget.",
            &["min_duration: \"0:00:05\""],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:47:9",
        "`min_duration` does not apply to member `name`, whose type is a string",
        "duration bounds need `format: duration_dhm`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn pattern_that_does_not_compile() {
    let errors = spec()
        .after("description: The name of the widget.", &["pattern: '[a-'"])
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    let e = &errors.0[0];
    assert_eq!(e.location(), "bad.yaml:47:18");
    assert!(
        e.message
            .starts_with("the pattern of member `name` does not compile: "),
        "{errors}"
    );
    insta::assert_snapshot!(errors.to_string());
}

// ---- defaults -------------------------------------------------------------------------

#[test]
fn default_breaks_its_own_constraint() {
    let errors = spec()
        .after(
            "description: The size of the widget.",
            &["minimum: 1", "default: 0"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:51:18",
        "the default of member `size` breaks its own declaration: 0 is less than the minimum 1",
        "fix the default or the constraint",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn required_member_with_a_default() {
    let errors = spec()
        .after("description: The name of the widget.", &["default: widget"])
        .errors();
    assert_error(
        &errors,
        "bad.yaml:47:9",
        "member `name` is required and has a default",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn default_of_the_wrong_type() {
    let errors = spec()
        .after("description: The size of the widget.", &["default: big"])
        .errors();
    assert_error(
        &errors,
        "bad.yaml:50:18",
        "the default of member `size` breaks its own declaration: \"big\" is not an integer",
    );
    insta::assert_snapshot!(errors.to_string());
}

/// Defaults are checked by the value semantics the walk uses: `5.0` is an integer by
/// value there, so it is a valid integer default here too.
#[test]
fn integral_float_default_of_an_integer_member_is_valid() {
    let text = spec()
        .after(
            "description: The size of the widget.",
            &["maximum: 9", "default: 5.0"],
        )
        .0;
    if let Err(errors) = load_str("bad.yaml", &text) {
        panic!("`default: 5.0` on an integer loads, as a payload `5.0` validates:\n{errors}");
    }
}

/// Bounds compare exactly, as the walk compares them: through `f64`, `i64::MAX` would
/// equal `i64::MAX - 1` and this default would pass.
#[test]
fn default_one_past_a_large_maximum_is_reported() {
    let errors = spec()
        .after(
            "description: The size of the widget.",
            &[
                "maximum: 9223372036854775806",
                "default: 9223372036854775807",
            ],
        )
        .errors();
    assert_error(
        &errors,
        "bad.yaml:51:18",
        "the default of member `size` breaks its own declaration: 9223372036854775807 is greater than the maximum 9223372036854775806",
    );
}

/// A minimum above the maximum, seen exactly (both round to the same `f64`).
#[test]
fn minimum_one_above_a_large_maximum_is_reported() {
    let errors = spec()
        .after(
            "description: The size of the widget.",
            &[
                "minimum: 9223372036854775807",
                "maximum: 9223372036854775806",
            ],
        )
        .errors();
    assert!(
        errors
            .0
            .iter()
            .any(|e| e.message.contains("has `minimum` greater than `maximum`")),
        "{errors}"
    );
}

// ---- enums ----------------------------------------------------------------------------

#[test]
fn repeated_enum_value() {
    let errors = spec()
        .replace(
            "        description: Blue.\n",
            "        description: Blue.\n      - value: red\n        description: Red again.\n",
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:67:16",
        "enum value \"red\" is repeated",
        "it is already listed at line 63",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn repeated_enum_name() {
    let errors = spec()
        .replace(
            "        description: Blue.\n",
            "        description: Blue.\n      - value: crimson\n        name: Red\n        description: Crimson.\n",
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:67:16",
        "enum value name `Red` is repeated",
        "give each value its own name",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn integer_enum_value_without_a_name() {
    let errors = spec()
        .replace("base: string", "base: integer")
        .replace("- value: red\n", "- value: 1\n        name: Red\n")
        .replace("- value: blue\n", "- value: 2\n")
        .errors();
    assert_help(
        &errors,
        "bad.yaml:66:9",
        "an integer enum value needs a `name`",
        "name it in PascalCase, for example `name: Discovery`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn enum_value_that_does_not_fit_the_base() {
    let errors = spec()
        .replace("base: string", "base: integer")
        .replace("- value: red\n", "- value: 1\n        name: Red\n")
        .errors();
    assert_help(
        &errors,
        "bad.yaml:66:16",
        "enum value \"blue\" does not fit the enum's base",
        "this enum's base is `integer`",
    );
    insta::assert_snapshot!(errors.to_string());
}
