//! Every example in `spec/` (the docs' own and ours) through the generated validators:
//! the verdict, and exactly the expected findings (part, rule, pointer, severity; line and
//! column where the example pins them). A request example is a whole call: its `params`
//! go through `check_params` and their findings are compared with the `part: path` and
//! `part: query` expectations, its body with the `part: body` ones, and its verdict covers
//! both. A blank text is a call (or response) without a body. Then the published schema's
//! verdict on the normalized payload, which must agree except for the rules JSON Schema
//! cannot state (and for blank texts, which have no body to judge).

use vendorspec::runtime::desc::Shape;
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::reader::{self, Syntax};
use vendorspec::runtime::walk::{self, Options};
use vendorspec::runtime::{Finding, Report, Severity, normalize, schema};
use vendorspec_model::ir::{
    Example, ExampleForm, Expectation, Part, Severity as ExpectedSeverity, Spec,
};

fn spec() -> Spec {
    vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (part, rule, pointer, severity) of a finding, for comparison with expectations.
type Seen = (&'static str, String, String, &'static str);

/// The body's findings and the parameters' findings (each with its part), sorted.
fn got(body: &[Finding], params: &[(Part, Finding)]) -> Vec<Seen> {
    let mut v: Vec<Seen> = body
        .iter()
        .map(|f| (Part::Body, f))
        .chain(params.iter().map(|(part, f)| (*part, f)))
        .map(|(part, f)| {
            (
                part.as_str(),
                f.rule.as_str().to_string(),
                f.pointer.clone(),
                f.severity.as_str(),
            )
        })
        .collect();
    v.sort();
    v
}

fn expected(expect: &[Expectation]) -> Vec<Seen> {
    let mut v: Vec<Seen> = expect
        .iter()
        .map(|x| {
            let severity = match x.severity {
                ExpectedSeverity::Error => "error",
                ExpectedSeverity::Warning => "warning",
            };
            (x.part.as_str(), x.rule.clone(), x.pointer.clone(), severity)
        })
        .collect();
    v.sort();
    v
}

/// A request example's parameters through `check_params`, each finding with its part:
/// `path` when the parameter fills a `{placeholder}` of the path or the base URL,
/// `query` otherwise.
fn param_findings(endpoint: &EndpointDesc, ex: &Example) -> Vec<(Part, Finding)> {
    let pairs: Vec<(&str, &str)> = ex
        .params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    endpoint
        .check_params(&pairs)
        .into_iter()
        .map(|f| {
            let name = f.pointer.trim_start_matches('/');
            let placeholder = format!("{{{name}}}");
            let part = if endpoint.path.contains(&placeholder)
                || endpoint.api.base_url.contains(&placeholder)
            {
                Part::Path
            } else {
                Part::Query
            };
            (part, f)
        })
        .collect()
}

fn type_shape(api: &str, name: &str) -> Shape {
    let types = match api {
        "cylance_protect_v2" => vendorspec::cylance_protect_v2::TYPES,
        "cylance_admin_v2" => vendorspec::cylance_admin_v2::TYPES,
        "ivanti_es_v2" => vendorspec::ivanti_es_v2::TYPES,
        other => panic!("unknown API {other}"),
    };
    types
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or_else(|| panic!("no type {name}"))
}

/// Validates a `form: members` example: each member against its declaration in `ty`.
fn members_findings(text: &str, ty: &Shape, options: &Options) -> Report {
    let wrapped = format!("{{\n{text}\n}}");
    let mut report = Report::new();
    let doc = match reader::parse(wrapped.as_bytes(), options.syntax) {
        Ok(doc) => doc,
        Err(f) => {
            report.push(f);
            return report;
        }
    };
    let Shape::Object(desc) = ty else {
        panic!("not an object")
    };
    for m in doc.root().members() {
        let member = desc()
            .members
            .iter()
            .find(|d| options.names.matches(m.name, d.name))
            .expect("a declared member");
        let pointer = format!("/{}", m.name);
        walk::walk_value(&doc, m.value, &member.shape, options, &pointer, &mut report);
    }
    report
}

struct Case<'s> {
    what: String,
    example: &'s Example,
    /// The body's findings.
    report: Report,
    /// The findings of a request example's parameters.
    params: Vec<(Part, Finding)>,
    /// The body's shape and how it is read, for the schema comparison.
    shape: Shape,
    options: Options,
    /// Lines the example's text is shifted by (members examples get a `{` line).
    shift: u32,
}

fn cases(spec: &Spec) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for api in &spec.apis {
        for e in &api.endpoints {
            let endpoint = vendorspec::endpoint(&e.id).expect("in the registry");
            for ex in e.request.iter().flat_map(|r| &r.examples) {
                out.push(Case {
                    what: format!("{} request: {}", e.id, ex.name),
                    example: ex,
                    report: endpoint
                        .validate(BodyKind::Request, ex.text.as_bytes())
                        .unwrap(),
                    params: param_findings(endpoint, ex),
                    shape: endpoint.request.unwrap(),
                    options: endpoint.api.request_options(),
                    shift: 0,
                });
            }
            for r in &e.responses {
                for ex in &r.examples {
                    let kind = BodyKind::Response(Some(r.status[0]));
                    let report = endpoint.validate(kind, ex.text.as_bytes()).unwrap();
                    out.push(Case {
                        what: format!("{} response {}: {}", e.id, r.status[0], ex.name),
                        example: ex,
                        report,
                        params: Vec::new(),
                        shape: endpoint.response(Some(r.status[0])).unwrap().body.unwrap(),
                        options: endpoint.api.response_options(),
                        shift: 0,
                    });
                }
            }
        }
        for t in &api.types {
            let shape = type_shape(&api.id, &t.name);
            let endpoint = vendorspec::ENDPOINTS
                .iter()
                .find(|e| e.api.id == api.id)
                .unwrap();
            let options = Options {
                envelope: false,
                ..endpoint.api.request_options()
            };
            for ex in &t.examples {
                assert_eq!(ex.form, ExampleForm::Members);
                out.push(Case {
                    what: format!("{}.{}: {}", api.id, t.name, ex.name),
                    example: ex,
                    report: members_findings(&ex.text, &shape, &options),
                    params: Vec::new(),
                    shape,
                    options,
                    shift: 1,
                });
            }
        }
    }
    out
}

#[test]
fn every_example_gets_its_expected_findings() {
    let spec = spec();
    let cases = cases(&spec);
    assert!(cases.len() >= 41, "{} examples", cases.len());
    for case in &cases {
        let findings = case.report.clone().into_sorted();
        let params = &case.params;
        // The verdict covers the whole call: the body and the parameters.
        let errors = findings
            .iter()
            .chain(params.iter().map(|(_, f)| f))
            .any(|f| f.severity == Severity::Error);
        assert_eq!(
            !errors, case.example.valid,
            "{}: verdict; findings: {findings:#?}, parameters: {params:#?}",
            case.what
        );
        assert_eq!(
            got(&findings, params),
            expected(&case.example.expect),
            "{}: findings {findings:#?}, parameters: {params:#?}",
            case.what
        );
        // Lines and columns are positions in the example's text: body findings only.
        for x in case.example.expect.iter().filter(|x| x.part == Part::Body) {
            let Some(f) = findings
                .iter()
                .find(|f| f.rule.as_str() == x.rule && f.pointer == x.pointer)
            else {
                continue;
            };
            if let Some(line) = x.line {
                assert_eq!(
                    f.line - case.shift,
                    line,
                    "{}: line of {}",
                    case.what,
                    x.rule
                );
            }
            if let Some(column) = x.column {
                assert_eq!(f.column, column, "{}: column of {}", case.what, x.rule);
            }
        }
    }
}

/// The rules the published schemas cannot state, and what JSON values cannot carry.
const SCHEMA_BLIND: &[&str] = &["range_order", "duplicate_key", "syntax"];

#[test]
fn the_published_schema_agrees_on_every_example() {
    let spec = spec();
    let mut compared = 0;
    for case in cases(&spec) {
        // No body, so no schema verdict (the body's presence is not a schema matter).
        if case.shift == 0 && case.example.is_blank() {
            continue;
        }
        let findings = case.report.clone().into_sorted();
        if findings
            .iter()
            .any(|f| SCHEMA_BLIND.contains(&f.rule.as_str()))
        {
            continue;
        }
        let schema_doc = schema::document(
            &case.shape,
            &schema::DocumentMeta {
                id: String::new(),
                title: String::new(),
                description: String::new(),
                examples: Vec::new(),
            },
        );
        let validator = jsonschema::draft202012::new(&schema_doc).unwrap();
        let instances: Vec<serde_json::Value> = if case.shift == 0 {
            vec![
                normalize::normalize(case.example.text.as_bytes(), &case.shape, &case.options)
                    .unwrap(),
            ]
        } else {
            // Members examples: each member value against its member's schema.
            let text = format!("{{\n{}\n}}", case.example.text);
            let doc = reader::parse(text.as_bytes(), case.options.syntax).unwrap();
            let Shape::Object(desc) = case.shape else {
                panic!()
            };
            let ok = doc.root().members().all(|m| {
                let member = desc()
                    .members
                    .iter()
                    .find(|d| case.options.names.matches(m.name, d.name))
                    .unwrap();
                let sub = schema::document(
                    &member.shape,
                    &schema::DocumentMeta {
                        id: String::new(),
                        title: String::new(),
                        description: String::new(),
                        examples: Vec::new(),
                    },
                );
                let v = normalize::value(m.value, Some(&member.shape), case.options.names);
                jsonschema::draft202012::new(&sub).unwrap().is_valid(&v)
            });
            let errors = findings.iter().any(|f| f.severity == Severity::Error);
            assert_eq!(ok, !errors, "{}: the schema says {ok}", case.what);
            compared += 1;
            continue;
        };
        for instance in instances {
            let errors = findings.iter().any(|f| f.severity == Severity::Error);
            assert_eq!(
                validator.is_valid(&instance),
                !errors,
                "{}: schema verdict on {instance}",
                case.what
            );
            compared += 1;
        }
    }
    assert!(compared >= 35, "compared {compared}");
}

#[test]
fn lenient_envelope_example_is_read_as_the_server_reads_it() {
    // The doc's actual body: raw line breaks inside the envelope string, unquoted names.
    let text = "{\n\"value\" : \"{\nName: \\\"Test\\\",\nJobType: 4,\nStartTime: \\\"2022-03-03T11:30:00.000Z\\\",\nDiscoveryTargets:{\nRangeIpTargets:[{StartIp: \\\"192.168.19.100\\\", EndIP: \\\"192.168.19.200\\\"}]\n},\n}\"\n}";
    let report = vendorspec::ivanti_es_v2::CREATE_JOB
        .validate(BodyKind::Request, text.as_bytes())
        .unwrap();
    let f = report.into_sorted();
    assert_eq!(f.len(), 1, "{f:#?}");
    // Line 4, column 10 of the file: inside the envelope string.
    assert_eq!(
        (
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        ("enum", "/JobType", 4, 10)
    );
    let _ = Syntax::Lenient;
}
