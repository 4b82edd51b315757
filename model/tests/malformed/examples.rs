//! Examples: their verdicts, body presence, call parameters.

use super::*;

// ---- examples -------------------------------------------------------------------------

#[test]
fn invalid_example_without_expected_errors() {
    let errors = spec().replace("valid: true", "valid: false").errors();
    assert_help(
        &errors,
        "bad.yaml:32:17",
        "example `A widget` is invalid but expects no error",
        "list the errors it must produce under `expect`, each with `rule` and `pointer`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn valid_example_expecting_errors() {
    let errors = spec()
        .after(
            "text: '{\"name\": \"w\"}'",
            &["expect:", "  - rule: required", "    pointer: /name"],
        )
        .errors();
    assert_help(
        &errors,
        "bad.yaml:32:17",
        "example `A widget` is valid but expects errors",
        "a valid example may only expect warnings (advice)",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn example_expecting_an_unknown_rule() {
    let errors = spec()
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &["expect:", "  - rule: requierd", "    pointer: /name"],
        )
        .errors();
    // Reported at the example's `text` (32:17), not at the misspelt rule (34:15).
    assert_help_anywhere(
        &errors,
        "example `A widget` expects rule `requierd`, which does not exist",
        "did you mean `required`?",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn example_pointer_without_a_leading_slash() {
    let errors = spec()
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &["expect:", "  - rule: required", "    pointer: name"],
        )
        .errors();
    // Reported at the example's `text` (32:17), not at the pointer (35:18).
    assert_help_anywhere(
        &errors,
        "example `A widget` expects pointer `name`, which is not a JSON pointer",
        "a JSON pointer is empty (the root) or starts with `/`, for example `/DiscoveryTargets`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn members_form_on_an_endpoint_example() {
    let errors = spec().after("valid: true", &["form: members"]).errors();
    // Reported at the example's `text` (33:17), not at `form: members` (32:17).
    assert_help_anywhere(
        &errors,
        "example `A widget` has `form: members`, which only types' examples can have",
        "an endpoint's example is a whole body",
    );
    insta::assert_snapshot!(errors.to_string());
}

// ---- body presence ----------------------------------------------------------------------

/// A response example of `create_widget`'s 201 response, inserted after its description.
const RESPONSE_EXAMPLE: &[&str] = &[
    "examples:",
    "  - name: Created",
    "    source: test",
    "    valid: true",
    "    text: '{\"name\": \"w\"}'",
];

#[test]
fn bodies_may_be_optional_and_examples_may_then_send_none() {
    let edited = spec()
        .replace(
            "      body: Widget\n      examples:",
            "      body: Widget\n      presence: optional\n      examples:",
        )
        .replace(
            "          text: '{\"name\": \"w\"}'\n",
            concat!(
                "          text: '{\"name\": \"w\"}'\n",
                "        - name: No body at all\n",
                "          source: test\n",
                "          valid: true\n",
                "          text: ''\n",
                "        - name: Only whitespace\n",
                "          source: test\n",
                "          valid: true\n",
                "          text: \" \\n\\t \"\n",
            ),
        )
        .after("description: The created widget.", &["presence: optional"]);
    let spec = load_str("good.yaml", &edited.0)
        .unwrap_or_else(|e| panic!("the spec must load:\n{e}\n{}", edited.0));
    let e = &spec.apis[0].endpoints[0];
    let request = e.request.as_ref().unwrap();
    assert_eq!(request.presence, Presence::Optional);
    assert_eq!(e.responses[0].presence, Presence::Optional);
    let ir = serde_saphyr::to_string(request).unwrap();
    assert!(ir.starts_with("body: Widget\npresence: optional\n"), "{ir}");
    let ir = serde_saphyr::to_string(&e.responses[0]).unwrap();
    assert!(ir.ends_with("body: Widget\npresence: optional\n"), "{ir}");
    let blank: Vec<bool> = request.examples.iter().map(|x| x.is_blank()).collect();
    assert_eq!(blank, [false, true, true]);
    // The default is `required`, and it is not written into the IR.
    let spec = load_str("good.yaml", VALID).unwrap();
    let e = &spec.apis[0].endpoints[0];
    assert_eq!(e.request.as_ref().unwrap().presence, Presence::Required);
    assert_eq!(e.responses[0].presence, Presence::Required);
    let ir = serde_saphyr::to_string(e).unwrap();
    assert!(!ir.contains("presence"), "{ir}");
}

#[test]
fn invalid_body_presence() {
    let errors = spec()
        .replace(
            "      body: Widget\n      examples:",
            "      body: Widget\n      presence: optinal\n      examples:",
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:28:17",
        "`optinal` is not a valid body presence",
        "did you mean `optional`?",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn presence_on_a_response_without_a_body() {
    let errors = spec()
        .replace(
            "        description: The created widget.\n        body: Widget\n",
            "        description: The created widget.\n        presence: optional\n",
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:36:9",
        "a response of `create_widget` has `presence` but no `body`",
        "`presence` says whether the body may be left out: name the `body` it is about, or remove `presence`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn blank_example_of_a_required_body_marked_valid() {
    let errors = spec()
        .replace("text: '{\"name\": \"w\"}'", "text: ''")
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:32:17",
        "example `A widget` has no body, but the request body of `create_widget` is required",
        "mark it `valid: false` and expect rule `required` at pointer \"\", or declare the body `presence: optional`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn blank_example_of_a_required_body_expects_exactly_one_required_finding() {
    let bad = spec()
        .replace("valid: true", "valid: false")
        .replace("text: '{\"name\": \"w\"}'", "text: \"  \"");
    // Without expectations: this error, not the generic "expects no error" one.
    let errors = bad.errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:32:17",
        "example `A widget` has no body, so its one body finding is rule `required` at pointer \"\"",
        "expect exactly `- { rule: required, pointer: \"\" }` about the body",
    );
    // With the wrong expectation.
    let errors = spec()
        .replace("valid: true", "valid: false")
        .replace("text: '{\"name\": \"w\"}'", "text: \"  \"")
        .after(
            "text: \"  \"",
            &["expect:", "  - rule: required", "    pointer: /name"],
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_error(
        &errors,
        "bad.yaml:32:17",
        "example `A widget` has no body, so its one body finding is rule `required` at pointer \"\"",
    );
    insta::assert_snapshot!(errors.to_string());
    // With the right one, the spec loads; the same holds for a response example.
    let good = spec()
        .replace("valid: true", "valid: false")
        .replace("text: '{\"name\": \"w\"}'", "text: \"  \"")
        .after(
            "text: \"  \"",
            &["expect:", "  - rule: required", "    pointer: \"\""],
        );
    if let Err(errors) = load_str("good.yaml", &good.0) {
        panic!("the spec must load:\n{errors}");
    }
}

#[test]
fn blank_example_of_a_required_response_body() {
    let mut example = RESPONSE_EXAMPLE.to_vec();
    example[4] = "    text: ''";
    let errors = spec()
        .after("description: The created widget.", &example)
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:40:19",
        "example `Created` has no body, but the response body of `create_widget` is required",
        "mark it `valid: false` and expect rule `required` at pointer \"\", or declare the body `presence: optional`",
    );
}

#[test]
fn blank_example_of_an_optional_body_expecting_body_findings() {
    let errors = spec()
        .replace(
            "      body: Widget\n      examples:",
            "      body: Widget\n      presence: optional\n      examples:",
        )
        .replace("valid: true", "valid: false")
        .replace("text: '{\"name\": \"w\"}'", "text: ''")
        .after(
            "text: ''",
            &["expect:", "  - rule: required", "    pointer: \"\""],
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:35:21",
        "example `A widget` has no body, and the request body of `create_widget` is optional, so no finding can be about the body",
        "remove the expectations about the body, or write the body in `text`",
    );
    insta::assert_snapshot!(errors.to_string());
}

// ---- call parameters in examples --------------------------------------------------------

/// A query parameter `limit` (integer, 1 to 100) for `create_widget`.
const LIMIT: &[&str] = &[
    "query_parameters:",
    "  limit:",
    "    type: integer",
    "    minimum: 1",
    "    maximum: 100",
    "    description: How many.",
];

#[test]
fn a_request_example_describes_the_whole_call() {
    let edited = spec()
        .after("path: /widgets/{widget_id}", LIMIT)
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &[
                "params:",
                "  widget_id: W%201",
                "  limit: \"0\"",
                "expect:",
                "  - rule: minimum",
                "    part: query",
                "    pointer: /limit",
            ],
        );
    let spec = load_str("good.yaml", &edited.0)
        .unwrap_or_else(|e| panic!("the spec must load:\n{e}\n{}", edited.0));
    let ex = &spec.apis[0].endpoints[0].request.as_ref().unwrap().examples[0];
    assert_eq!(
        ex.params,
        [
            ("widget_id".to_string(), "W%201".to_string()),
            ("limit".to_string(), "0".to_string())
        ]
    );
    assert_eq!(ex.expect[0].part, Part::Query);
    assert_eq!(ex.expect[0].pointer, "/limit");
    // In the IR: `params` as a mapping in spec order, `part` beside the rule.
    let ir = serde_saphyr::to_string(ex).unwrap();
    assert!(
        ir.contains(
            "params:\n  widget_id: W%201\n  limit: \"0\"\nexpect:\n- rule: minimum\n  part: query\n  pointer: /limit\n"
        ),
        "{ir}"
    );
    // Neither is written when not given, so the IR of existing specs does not change.
    let spec = load_str("good.yaml", VALID).unwrap();
    let request = spec.apis[0].endpoints[0].request.as_ref().unwrap();
    let ir = serde_saphyr::to_string(&request.examples[0]).unwrap();
    assert!(!ir.contains("params") && !ir.contains("part"), "{ir}");
}

#[test]
fn example_gives_an_unknown_parameter() {
    let errors = spec()
        .after("text: '{\"name\": \"w\"}'", &["params:", "  widgt_id: W1"])
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:34:13",
        "example `A widget` gives parameter `widgt_id`, which `create_widget` does not take",
        "did you mean `widget_id`?",
    );
    insta::assert_snapshot!(errors.to_string());
    let errors = spec()
        .after("path: /widgets/{widget_id}", LIMIT)
        .after("text: '{\"name\": \"w\"}'", &["params:", "  colour: red"])
        .errors();
    assert_help(
        &errors,
        "bad.yaml:40:13",
        "example `A widget` gives parameter `colour`, which `create_widget` does not take",
        "the parameters it takes (path, query, and the API variables its URL uses) are `widget_id`, `limit`",
    );
}

#[test]
fn example_parameter_that_is_not_a_string() {
    let errors = spec()
        .after("text: '{\"name\": \"w\"}'", &["params:", "  widget_id: 12"])
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:34:24",
        "expected a string for parameter `widget_id` of an example's `params`, found an integer",
        "quote the value if YAML reads it as something else (`\"1.0\"`, `\"true\"`)",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn params_on_a_response_example() {
    let mut example = RESPONSE_EXAMPLE.to_vec();
    example.extend(["    params:", "      widget_id: W1"]);
    let errors = spec()
        .after("description: The created widget.", &example)
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:41:13",
        "example `Created` gives `params`, but only request examples describe a call",
        "a response or type example is a body alone: remove `params`",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn parameter_expectation_on_a_response_example() {
    let mut example = RESPONSE_EXAMPLE.to_vec();
    example[3] = "    valid: false";
    example.extend([
        "    expect:",
        "      - rule: format",
        "        part: path",
        "        pointer: /widget_id",
    ]);
    let errors = spec()
        .after("description: The created widget.", &example)
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:43:23",
        "example `Created` expects a finding in the path, but only request examples describe a call",
        "remove `part`: a response or type example's findings are about its body",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn invalid_part_of_a_call() {
    let errors = spec()
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &[
                "expect:",
                "  - rule: required",
                "    part: header",
                "    pointer: /name",
            ],
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:35:21",
        "`header` is not a valid part of a call",
        "expected one of `body`, `path` or `query`",
    );
    insta::assert_snapshot!(errors.to_string());
}

/// [`VALID`] with `limit`, the request example invalid, giving `widget_id` and `limit`,
/// and expecting one finding with `part` and `pointer` as given.
fn expecting(part: &str, pointer: &str) -> SpecErrors {
    spec()
        .after("path: /widgets/{widget_id}", LIMIT)
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &[
                "params:",
                "  widget_id: W1",
                "  limit: \"0\"",
                "expect:",
                "  - rule: minimum",
                &format!("    part: {part}"),
                &format!("    pointer: {pointer}"),
            ],
        )
        .errors()
}

#[test]
fn parameter_expectation_of_the_wrong_part() {
    let errors = expecting("path", "/limit");
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:45:24",
        "example `A widget` expects a finding at `/limit` in the path, which is not a path parameter of `create_widget`",
        "`limit` is a query parameter: write `part: query`",
    );
    insta::assert_snapshot!(errors.to_string());
    let errors = expecting("query", "/widget_id");
    assert_help(
        &errors,
        "bad.yaml:45:24",
        "example `A widget` expects a finding at `/widget_id` in the query, which is not a query parameter of `create_widget`",
        "`widget_id` is a path parameter: write `part: path`",
    );
}

#[test]
fn parameter_expectation_naming_no_parameter() {
    let errors = expecting("query", "/limt");
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:45:24",
        "example `A widget` expects a finding at `/limt` in the query, which is not a query parameter of `create_widget`",
        "did you mean `/limit`?",
    );
    insta::assert_snapshot!(errors.to_string());
    let errors = expecting("path", "/size");
    assert_help(
        &errors,
        "bad.yaml:45:24",
        "example `A widget` expects a finding at `/size` in the path, which is not a path parameter of `create_widget`",
        "a `part: path` expectation's pointer is `/NAME` of a path parameter: `/widget_id`",
    );
    let errors = expecting("query", "\"\"");
    assert_help(
        &errors,
        "bad.yaml:45:24",
        "example `A widget` expects a finding at `` in the query, which is not a query parameter of `create_widget`",
        "a `part: query` expectation's pointer is `/NAME` of a query parameter: `/limit`",
    );
}

#[test]
fn parameter_expectation_about_a_parameter_the_example_does_not_give() {
    let errors = spec()
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &[
                "expect:",
                "  - rule: format",
                "    part: path",
                "    pointer: /widget_id",
            ],
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:36:24",
        "example `A widget` expects a finding about parameter `widget_id`, which it does not give",
        "add `widget_id` under the example's `params`; only the parameters an example gives are checked",
    );
    insta::assert_snapshot!(errors.to_string());
}

#[test]
fn a_part_expectation_in_a_spec_without_query_parameters() {
    let errors = spec()
        .replace("valid: true", "valid: false")
        .after(
            "text: '{\"name\": \"w\"}'",
            &[
                "expect:",
                "  - rule: minimum",
                "    part: query",
                "    pointer: /limit",
            ],
        )
        .errors();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_help(
        &errors,
        "bad.yaml:36:24",
        "example `A widget` expects a finding at `/limit` in the query, which is not a query parameter of `create_widget`",
        "`create_widget` has no query parameters",
    );
}
