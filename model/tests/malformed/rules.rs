//! Rules and advice; paths, parameters and variables.

use super::*;

// ---- rules and advice -----------------------------------------------------------------

#[test]
fn rule_names_a_missing_member() {
    let errors = spec()
        .after(
            "description: A widget.",
            &["rules:", "  - at_least_one_of: [size, colr]"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:43:33",
        "`at_least_one_of` names member `colr`, which this type does not have",
        "did you mean `color`?",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn count_non_empty_on_a_non_array_member() {
    let errors = spec()
        .after(
            "description: A widget.",
            &[
                "rules:",
                "  - exactly_one_of: [size, tags]",
                "    count: non_empty",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:43:26",
        "`count: non_empty` needs array members, and `size` is an integer",
        "use `count: present`, the default",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn range_order_on_members_that_are_not_orderable() {
    let errors = spec()
        .after(
            "description: A widget.",
            &["rules:", "  - range_order: [name, size]"],
        )
        .errors();
    assert_error(
        &errors,
        "bad.yaml:43:9",
        "`range_order` compares `name` and `size`, which are not both numbers, both ipv4 or both date-time",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn contains_on_a_non_array() {
    let errors = spec()
        .after(
            "description: A widget.",
            &[
                "advice:",
                "  - code: size_three",
                "    when:",
                "      size: { contains: 3 }",
                "    message: the size is three",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:45:11",
        "`size` is an integer, so it cannot be tested with `non_empty` or `contains`",
        "those tests apply to arrays",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn advice_code_that_is_a_rule_code() {
    let errors = spec()
        .after(
            "description: A widget.",
            &[
                "advice:",
                "  - code: pattern",
                "    when:",
                "      size: { present: false }",
                "    message: the size is missing",
            ],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:43:15",
        "advice code `pattern` is one of the built-in rule codes",
        "advice is a warning with a code of its own",
    );
    insta::assert_snapshot!(errors.to_string());
}

// ---- paths, parameters, variables -----------------------------------------------------

#[test]
fn path_placeholder_not_declared() {
    let errors = spec()
        .replace(
            "path: /widgets/{widget_id}",
            "path: /widgets/{widget_id}/parts/{part_id}",
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:21:11",
        "the path of `create_widget` uses `{part_id}`, which is neither a path parameter nor an API variable",
        "declare it under `path_parameters`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn path_parameter_not_in_the_path() {
    let errors = spec()
        .replace("path: /widgets/{widget_id}", "path: /widgets")
        .errors();
    assert_help(
        &errors,
        "bad.yaml:23:7",
        "path parameter `widget_id` does not appear in the path `/widgets`",
        "write `{widget_id}` in the path, or make it a query parameter",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn unused_api_variable() {
    let errors = spec()
        .after(
            "base_url: https://api.example.com",
            &[
                "variables:",
                "  region:",
                "    type: string",
                "    description: The region.",
            ],
        )
        .errors();
    // The help says "write `{name}` where it goes" literally; it should say `{region}`.
    assert_error(
        &errors,
        "bad.yaml:9:5",
        "API variable `region` is used neither in `base_url` nor in a path",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn base_url_placeholder_not_declared() {
    let errors = spec()
        .replace(
            "base_url: https://api.example.com",
            "base_url: https://{region}.example.com",
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:7:13",
        "`base_url` uses `{region}`, which is not declared under `variables`",
        "declare it under `api.variables`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn secret_on_a_non_string() {
    let errors = spec()
        .after("description: The size of the widget.", &["secret: true"])
        .errors();
    assert_help(
        &errors,
        "bad.yaml:50:9",
        "member `size` is secret but is not a string",
        "only string members can be secret",
    );
    insta::assert_snapshot!(errors.to_string());
}
