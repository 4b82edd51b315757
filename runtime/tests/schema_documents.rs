//! Published schemas from hand-written descriptors: each document is valid draft 2020-12,
//! and the `jsonschema` crate accepts the valid instances and rejects the invalid ones,
//! each of which breaks exactly one thing (named in the case). The same cases become the
//! differential tests of the validator ([`vendorspec_runtime::walk`]).
//!
//! Set `VENDORSPEC_SCHEMA_DUMP=<dir>` to write each document and its cases there (for the
//! cross-language runs with Python `jsonschema` and Ajv).

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Value, json};
use vendorspec_runtime::desc::*;
use vendorspec_runtime::schema::{DocumentMeta, document, json_schema, schema_name, unexpressible};
use vendorspec_runtime::{Severity, walk};

// ----------------------------------------------------------------------------------------
// Descriptors

static DEVICE_ID: Shape = Shape::String(StringDesc {
    format: Some(Format::DeviceId),
    ..StringDesc::NONE
});
static UUID: Shape = Shape::String(StringDesc {
    format: Some(Format::Uuid),
    ..StringDesc::NONE
});
static ANY_STRING: Shape = Shape::String(StringDesc::NONE);
static ANY_INTEGER: Shape = Shape::Integer(NumberDesc::NONE);
static TARGET_SHAPE: Shape = Shape::Object(target);
static FEATURE_SHAPE: Shape = Shape::Enum(feature);
static NODE_SHAPE: Shape = Shape::Object(node);

/// Small representative #1: `exactly_one_of` with `count: non_empty`.
static TARGET: ObjectDesc = ObjectDesc {
    name: "Target",
    description: "Devices or zones.",
    members: &[
        MemberDesc::new(
            "devices",
            "Device ids.",
            Shape::Array(ArrayDesc::of(&DEVICE_ID)),
        ),
        MemberDesc::new(
            "zones",
            "Zone ids.",
            Shape::Array(ArrayDesc::of(&DEVICE_ID)),
        ),
    ],
    unknown: Unknown::Reject,
    rules: &[RuleDesc::ExactlyOneOf {
        members: &[0, 1],
        count: Count::NonEmpty,
    }],
    advice: &[],
};
fn target() -> &'static ObjectDesc {
    &TARGET
}

/// Small representative #2: an integer enum with labels.
static JOB_TYPE: EnumDesc = EnumDesc {
    name: "JobType",
    description: "What a job does.",
    base: EnumBase::Integer,
    values: &[
        EnumValueDesc {
            value: Lit::Int(1),
            name: "Discovery",
            label: None,
            description: "Finds machines.",
        },
        EnumValueDesc {
            value: Lit::Int(2),
            name: "Install",
            label: Some("Agent install"),
            description: "Installs the agent.",
        },
        EnumValueDesc {
            value: Lit::Int(3),
            name: "Uninstall",
            label: Some("Agent uninstall"),
            description: "",
        },
    ],
};
fn job_type() -> &'static EnumDesc {
    &JOB_TYPE
}

static MODE: EnumDesc = EnumDesc {
    name: "Mode",
    description: "How fast.",
    base: EnumBase::String,
    values: &[
        EnumValueDesc {
            value: Lit::Str("fast"),
            name: "Fast",
            label: None,
            description: "Now.",
        },
        EnumValueDesc {
            value: Lit::Str("safe"),
            name: "Safe",
            label: None,
            description: "Carefully.",
        },
        EnumValueDesc {
            value: Lit::Str("slow"),
            name: "Slow",
            label: None,
            description: "",
        },
    ],
};
fn mode() -> &'static EnumDesc {
    &MODE
}

static FEATURE: EnumDesc = EnumDesc {
    name: "Feature",
    description: "A tenant feature.",
    base: EnumBase::Integer,
    values: &[
        EnumValueDesc {
            value: Lit::Int(12),
            name: "Linux",
            label: Some("Linux"),
            description: "Linux agents.",
        },
        EnumValueDesc {
            value: Lit::Int(34),
            name: "Optics",
            label: Some("Optics"),
            description: "EDR.",
        },
        EnumValueDesc {
            value: Lit::Int(48),
            name: "Ubuntu",
            label: None,
            description: "Needs Linux.",
        },
        // A duplicate by JSON value: listed once in the schema.
        EnumValueDesc {
            value: Lit::Int(48),
            name: "UbuntuAgain",
            label: None,
            description: "",
        },
    ],
};
fn feature() -> &'static EnumDesc {
    &FEATURE
}

static NAME_PATTERN: Pattern = Pattern::new("^[A-Za-z]");
static COUNT_PATTERN: Pattern = Pattern::new("^[1-9]");

/// Every scalar shape, constraint and format.
static SCALARS: ObjectDesc = ObjectDesc {
    name: "Scalars",
    description: "Every scalar.",
    members: &[
        MemberDesc {
            required: true,
            ..MemberDesc::new(
                "name",
                "A name.",
                Shape::String(StringDesc {
                    pattern: Some(&NAME_PATTERN),
                    min_length: Some(2),
                    max_length: Some(4),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc::new(
            "id",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Uuid),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "when",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DateTime),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "ip",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "device",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DeviceId),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "within",
            "Between 5 minutes and 3 days.",
            Shape::String(StringDesc {
                format: Some(Format::DurationDhm),
                min_duration: Some(5),
                max_duration: Some(3 * 24 * 60),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "url",
            "",
            Shape::String(StringDesc {
                format: Some(Format::ResultUrl),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "count",
            "Digits, no leading zero.",
            Shape::String(StringDesc {
                format: Some(Format::NonNegativeIntegerString),
                pattern: Some(&COUNT_PATTERN),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc {
            default: Some("43470"),
            default_lit: Some(Lit::Int(43470)),
            ..MemberDesc::new(
                "port",
                "A port.",
                Shape::Integer(NumberDesc {
                    minimum: Some(Num::Int(1)),
                    maximum: Some(Num::Int(65535)),
                }),
            )
        },
        MemberDesc::new("big", "Any integer.", Shape::Integer(NumberDesc::NONE)),
        MemberDesc::new(
            "ratio",
            "",
            Shape::Number(NumberDesc {
                minimum: Some(Num::Float(0.5)),
                maximum: Some(Num::Int(10)),
            }),
        ),
        MemberDesc::new("free", "Any number.", Shape::Number(NumberDesc::NONE)),
        MemberDesc {
            default: Some("true"),
            default_lit: Some(Lit::Bool(true)),
            ..MemberDesc::new("enabled", "", Shape::Boolean)
        },
        MemberDesc {
            secret: true,
            ..MemberDesc::new(
                "password",
                "Never shown.",
                Shape::String(StringDesc {
                    min_length: Some(8),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc {
            default: Some("1"),
            default_lit: Some(Lit::Int(1)),
            ..MemberDesc::new("kind", "", Shape::Enum(job_type))
        },
        MemberDesc::new("mode", "", Shape::Enum(mode)),
        MemberDesc::new(
            "tags",
            "One to three distinct tags.",
            Shape::Array(ArrayDesc {
                items: &ANY_STRING,
                min_items: Some(1),
                max_items: Some(3),
                unique_items: true,
            }),
        ),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
fn scalars() -> &'static ObjectDesc {
    &SCALARS
}

static NOTIFY: ObjectDesc = ObjectDesc {
    name: "NotifyOptions",
    description: "Response-like: unknown members are warnings.",
    members: &[MemberDesc {
        default: Some("false"),
        default_lit: Some(Lit::Bool(false)),
        ..MemberDesc::new("Reboot", "", Shape::Boolean)
    }],
    unknown: Unknown::Warn,
    rules: &[],
    advice: &[],
};
fn notify() -> &'static ObjectDesc {
    &NOTIFY
}

/// Every rule kind and test kind.
static DEPLOYMENT: ObjectDesc = ObjectDesc {
    name: "Deployment",
    description: "Rules across members.",
    members: &[
        /* 0 */
        MemberDesc {
            required: true,
            ..MemberDesc::new("Name", "", Shape::String(StringDesc::NONE))
        },
        /* 1 */ MemberDesc::new("AgentGuids", "", Shape::Array(ArrayDesc::of(&UUID))),
        /* 2 */ MemberDesc::new("GroupIds", "", Shape::Array(ArrayDesc::of(&ANY_INTEGER))),
        /* 3 */
        MemberDesc {
            default: Some("\"safe\""),
            default_lit: Some(Lit::Str("safe")),
            ..MemberDesc::new("Mode", "", Shape::Enum(mode))
        },
        /* 4 */
        MemberDesc::new(
            "Level",
            "",
            Shape::Integer(NumberDesc {
                minimum: Some(Num::Int(0)),
                maximum: Some(Num::Int(10)),
            }),
        ),
        /* 5 */
        MemberDesc {
            default: Some("false"),
            default_lit: Some(Lit::Bool(false)),
            ..MemberDesc::new("Reboot", "", Shape::Boolean)
        },
        /* 6 */
        MemberDesc::new(
            "Window",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DurationDhm),
                min_duration: Some(5),
                ..StringDesc::NONE
            }),
        ),
        /* 7 */
        MemberDesc::new(
            "StartIp",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        /* 8 */
        MemberDesc::new(
            "EndIp",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        /* 9 */ MemberDesc::new("Tags", "", Shape::Array(ArrayDesc::of(&ANY_STRING))),
        /* 10 */
        MemberDesc::new("Notify", "Absent: no notification.", Shape::Object(notify)),
        /* 11 */
        MemberDesc {
            secret: true,
            ..MemberDesc::new("Password", "", Shape::String(StringDesc::NONE))
        },
        /* 12 */
        MemberDesc::new("Targets", "", Shape::Array(ArrayDesc::of(&TARGET_SHAPE))),
        /* 13 */
        MemberDesc {
            default: Some("{\"Reboot\": true}"),
            ..MemberDesc::new("Defaults", "An object default.", Shape::Object(notify))
        },
    ],
    unknown: Unknown::Reject,
    rules: &[
        RuleDesc::AtLeastOneOf {
            members: &[1, 2],
            count: Count::NonEmpty,
        },
        // Equals, with a default that differs: absent Mode is not "fast".
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::Equals(Lit::Str("fast")),
            }],
            then: &[TestDesc {
                member: 4,
                predicate: Predicate::Present(true),
            }],
            message: "fast needs a Level",
        },
        // Equals, with the default equal: absent Mode is "safe"; absent Reboot is false.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::Equals(Lit::Str("safe")),
            }],
            then: &[TestDesc {
                member: 5,
                predicate: Predicate::Equals(Lit::Bool(false)),
            }],
            message: "safe mode never reboots",
        },
        // In, no default; numbers by value (9.0 is 9).
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 4,
                predicate: Predicate::In(&[Lit::Int(9), Lit::Int(10)]),
            }],
            then: &[TestDesc {
                member: 11,
                predicate: Predicate::Present(true),
            }],
            message: "high levels need a Password",
        },
        // NotIn, default in the list: absent Mode ("safe") is not "not in [safe]".
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::NotIn(&[Lit::Str("safe")]),
            }],
            then: &[TestDesc {
                member: 9,
                predicate: Predicate::NonEmpty(true),
            }],
            message: "unsafe modes need Tags",
        },
        // NotIn, default not in the list: absent Reboot (false) holds.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 5,
                predicate: Predicate::NotIn(&[Lit::Bool(true)]),
            }],
            then: &[TestDesc {
                member: 6,
                predicate: Predicate::Present(false),
            }],
            message: "a Window only with Reboot",
        },
        // Contains, and In in `then`.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 9,
                predicate: Predicate::Contains(Lit::Str("urgent")),
            }],
            then: &[TestDesc {
                member: 4,
                predicate: Predicate::In(&[
                    Lit::Int(5),
                    Lit::Int(6),
                    Lit::Int(7),
                    Lit::Int(8),
                    Lit::Int(9),
                    Lit::Int(10),
                ]),
            }],
            message: "urgent needs Level 5 or more",
        },
        // Several `when` tests; NonEmpty(false); Present(false) in `then`.
        RuleDesc::Requires {
            when: &[
                TestDesc {
                    member: 9,
                    predicate: Predicate::NonEmpty(false),
                },
                TestDesc {
                    member: 10,
                    predicate: Predicate::Present(true),
                },
            ],
            then: &[
                TestDesc {
                    member: 11,
                    predicate: Predicate::Present(false),
                },
                TestDesc {
                    member: 12,
                    predicate: Predicate::Present(false),
                },
            ],
            message: "untagged notified deployments take no Password and no Targets",
        },
        RuleDesc::RangeOrder {
            low: 7,
            high: 8,
            order: Order::Ipv4,
        },
    ],
    advice: &[AdviceDesc {
        code: "reboot_without_window",
        at: Some(5),
        when: &[TestDesc {
            member: 5,
            predicate: Predicate::Equals(Lit::Bool(true)),
        }],
        message: "a reboot without a window happens at once",
        help: None,
    }],
};
fn deployment() -> &'static ObjectDesc {
    &DEPLOYMENT
}

/// `exactly_one_of` with `count: present`; `requires` without `when`; `equals` on a number
/// compared by value; `contains` on integer enums.
static TENANT: ObjectDesc = ObjectDesc {
    name: "Tenant",
    description: "",
    members: &[
        MemberDesc::new("email", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new("phone", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new(
            "featureIds",
            "",
            Shape::Array(ArrayDesc {
                unique_items: true,
                ..ArrayDesc::of(&FEATURE_SHAPE)
            }),
        ),
        MemberDesc::new("region", "", Shape::String(StringDesc::NONE)),
        MemberDesc {
            default: Some("1.0"),
            default_lit: Some(Lit::Float(1.0)),
            ..MemberDesc::new("version", "", Shape::Number(NumberDesc::NONE))
        },
        MemberDesc::new("note", "", Shape::String(StringDesc::NONE)),
    ],
    unknown: Unknown::Reject,
    rules: &[
        RuleDesc::ExactlyOneOf {
            members: &[0, 1],
            count: Count::Present,
        },
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 2,
                predicate: Predicate::Contains(Lit::Int(48)),
            }],
            then: &[TestDesc {
                member: 2,
                predicate: Predicate::Contains(Lit::Int(12)),
            }],
            message: "Ubuntu (48) needs Linux (12)",
        },
        RuleDesc::Requires {
            when: &[],
            then: &[TestDesc {
                member: 3,
                predicate: Predicate::Present(true),
            }],
            message: "a region, always",
        },
        // version defaults to 1.0, so `equals: 1` holds when it is absent.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 4,
                predicate: Predicate::Equals(Lit::Int(1)),
            }],
            then: &[TestDesc {
                member: 5,
                predicate: Predicate::Present(false),
            }],
            message: "version 1 takes no note",
        },
    ],
    advice: &[],
};
fn tenant() -> &'static ObjectDesc {
    &TENANT
}

/// A type that contains itself.
static NODE: ObjectDesc = ObjectDesc {
    name: "Node",
    description: "A tree.",
    members: &[
        MemberDesc::new("label", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new("children", "", Shape::Array(ArrayDesc::of(&NODE_SHAPE))),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
fn node() -> &'static ObjectDesc {
    &NODE
}

/// Another type named `Target`: a name collision.
static OTHER_TARGET: ObjectDesc = ObjectDesc {
    name: "Target",
    description: "Not the same Target.",
    members: &[MemberDesc::new("x", "", Shape::Boolean)],
    unknown: Unknown::Warn,
    rules: &[],
    advice: &[],
};
fn other_target() -> &'static ObjectDesc {
    &OTHER_TARGET
}
static COLLIDING: ObjectDesc = ObjectDesc {
    name: "Colliding",
    description: "",
    members: &[
        MemberDesc::new("a", "", Shape::Object(target)),
        MemberDesc::new("b", "", Shape::Object(other_target)),
        MemberDesc::new("c", "", Shape::Object(target)),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
fn colliding() -> &'static ObjectDesc {
    &COLLIDING
}

// ----------------------------------------------------------------------------------------
// Harness

struct Case {
    /// `None` for a valid instance; else the one thing it breaks, as `<rule code>: <why>`.
    breaks: Option<&'static str>,
    instance: Value,
    /// Breaks a rule the schema cannot state (`range_order`): valid for the schema only.
    gap: bool,
}

fn ok(instance: Value) -> Case {
    Case {
        breaks: None,
        instance,
        gap: false,
    }
}

fn bad(breaks: &'static str, instance: Value) -> Case {
    Case {
        breaks: Some(breaks),
        instance,
        gap: false,
    }
}

/// Breaks only `range_order`: the schema accepts it, the validator does not.
fn gap(instance: Value) -> Case {
    Case {
        breaks: None,
        instance,
        gap: true,
    }
}

fn meta(name: &str) -> DocumentMeta {
    DocumentMeta {
        id: format!("https://vendorspec.example/schemas/{name}.json"),
        title: String::new(),
        description: String::new(),
        examples: Vec::new(),
    }
}

/// The document is valid draft 2020-12, deterministic, and gives each case its verdict.
fn run(name: &str, shape: &Shape, cases: &[Case]) -> Value {
    let doc = document(shape, &meta(name));
    if let Err(e) = jsonschema::draft202012::meta::validate(&doc) {
        panic!("{name}: not a valid draft 2020-12 document: {e}\n{doc:#}");
    }
    assert_eq!(
        serde_json::to_string(&doc).unwrap(),
        serde_json::to_string(&document(shape, &meta(name))).unwrap(),
        "{name}: deterministic"
    );
    let validator = jsonschema::draft202012::new(&doc).expect("compiles");
    // With formats asserted too: no `format` keyword is emitted, so nothing changes.
    let asserting = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&doc)
        .expect("compiles");
    let mut failures = Vec::new();
    for case in cases {
        let valid = validator.is_valid(&case.instance);
        if valid != case.breaks.is_none() {
            let errors: Vec<String> = validator
                .iter_errors(&case.instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            failures.push(format!(
                "{name}: {} expected {}, got {valid}; errors: {errors:?}",
                case.instance,
                case.breaks.unwrap_or("valid")
            ));
        }
        assert_eq!(asserting.is_valid(&case.instance), valid);
        // The differential check: the validator's verdict, and the rule it names.
        let bytes = serde_json::to_vec(&case.instance).unwrap();
        let report = walk::validate(&bytes, shape, &walk::Options::default());
        let findings = report.into_sorted();
        let errors: Vec<&str> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.as_str())
            .collect();
        let expected: Vec<&str> = match (case.breaks, case.gap) {
            (Some(breaks), _) => vec![breaks.split(':').next().unwrap()],
            (None, true) => vec!["range_order"],
            (None, false) => vec![],
        };
        let mut distinct = errors.clone();
        distinct.dedup();
        if distinct != expected {
            failures.push(format!(
                "{name}: {} expected {expected:?} from the validator, got {:?}",
                case.instance,
                findings.iter().map(ToString::to_string).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}\n{doc:#}", failures.join("\n"));
    if let Some(dir) = std::env::var_os("VENDORSPEC_SCHEMA_DUMP") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join(format!("{name}.schema.json")),
            serde_json::to_string_pretty(&doc).unwrap(),
        )
        .unwrap();
        let cases: Vec<Value> = cases
            .iter()
            .map(|c| {
                json!({
                    "instance": c.instance,
                    "valid": c.breaks.is_none(),
                    "breaks": c.breaks,
                    "validator_only": c.gap.then_some("range_order"),
                })
            })
            .collect();
        std::fs::write(
            dir.join(format!("{name}.cases.json")),
            serde_json::to_string_pretty(&cases).unwrap(),
        )
        .unwrap();
    }
    doc
}

const DEV: &str = "E378DACB9324453AB8C65A8406952195";
const GUID: &str = "61d8944e-d900-4724-87eb-d10078b90a41";

// ----------------------------------------------------------------------------------------
// Expected documents for two small descriptors

#[test]
fn target_document_is_exactly_this() {
    let doc = run("Target", &Shape::Object(target), &target_cases());
    let device = json!({
        "type": "string",
        "pattern": "^[0-9A-F]{32}$",
        "not": { "pattern": "\\n" }
    });
    assert_eq!(
        doc,
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://vendorspec.example/schemas/Target.json",
            "$comment": "every rule of this contract is expressed in this schema",
            "type": "object",
            "title": "Target",
            "description": "Devices or zones.",
            "properties": {
                "devices": { "type": "array", "items": device, "description": "Device ids." },
                "zones": { "type": "array", "items": device, "description": "Zone ids." }
            },
            "additionalProperties": false,
            "allOf": [{
                "$comment": "exactly_one_of: devices, zones (count: non_empty)",
                "oneOf": [
                    { "required": ["devices"], "properties": { "devices": { "type": "array", "minItems": 1 } } },
                    { "required": ["zones"], "properties": { "zones": { "type": "array", "minItems": 1 } } }
                ]
            }]
        })
    );
}

fn target_cases() -> Vec<Case> {
    vec![
        ok(json!({ "devices": [DEV] })),
        ok(json!({ "zones": [DEV, DEV] })),
        ok(json!({ "devices": [DEV], "zones": [] })),
        ok(json!({ "devices": [], "zones": [DEV] })),
        bad("exactly_one_of: none counts", json!({})),
        bad(
            "exactly_one_of: both empty",
            json!({ "devices": [], "zones": [] }),
        ),
        bad(
            "exactly_one_of: both non-empty",
            json!({ "devices": [DEV], "zones": [DEV] }),
        ),
        bad(
            "format: lower-case device id",
            json!({ "devices": ["e378dacb9324453ab8c65a8406952195"] }),
        ),
        bad("unknown_field", json!({ "devices": [DEV], "extra": 1 })),
        bad("type: not an object", json!([DEV])),
        bad(
            "type: devices not an array",
            json!({ "devices": DEV, "zones": [DEV] }),
        ),
        bad("type: null", Value::Null),
    ]
}

#[test]
fn job_type_document_is_exactly_this() {
    let cases = vec![
        ok(json!(1)),
        ok(json!(2)),
        ok(json!(3)),
        ok(json!(3.0)),
        bad("enum: 4", json!(4)),
        bad("enum: 0", json!(0)),
        bad("type: a string", json!("1")),
        bad("enum: 1.5", json!(1.5)),
    ];
    let doc = run("JobType", &Shape::Enum(job_type), &cases);
    assert_eq!(
        doc,
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://vendorspec.example/schemas/JobType.json",
            "$comment": "every rule of this contract is expressed in this schema",
            "title": "JobType",
            "description": "What a job does.",
            "type": "integer",
            "oneOf": [
                { "const": 1, "title": "Discovery", "description": "Finds machines." },
                { "const": 2, "title": "Install", "description": "Agent install: Installs the agent." },
                { "const": 3, "title": "Uninstall", "description": "Agent uninstall" }
            ]
        })
    );
}

// ----------------------------------------------------------------------------------------
// Every shape and constraint

#[test]
fn every_scalar_shape_and_constraint() {
    let base = json!({ "name": "ab" });
    let with = |k: &str, v: Value| {
        let mut o = base.clone();
        o[k] = v;
        o
    };
    let cases = vec![
        ok(base.clone()),
        ok(json!({
            "name": "Ab€d",
            "id": GUID,
            "when": "2024-02-29T23:59:60.5+05:30",
            "ip": "10.0.0.1",
            "device": DEV,
            "within": "3:00:00",
            "url": "",
            "count": "100",
            "port": 65535,
            "big": -9223372036854775808i64,
            "ratio": 0.5,
            "free": -1e300,
            "enabled": false,
            "password": "12345678",
            "kind": 2,
            "mode": "slow",
            "tags": ["a", "b", "c"]
        })),
        ok(with("name", json!("Zz"))),
        ok(with("name", json!("a😀😀😀"))),
        ok(with("within", json!("0:00:05"))),
        ok(with("url", json!("smb://server/share"))),
        ok(with("port", json!(1.0))),
        ok(with("big", json!(9223372036854775807i64))),
        ok(with("big", json!(9223372036854775808u64))),
        ok(with("big", json!(1e300))),
        ok(with("ratio", json!(10))),
        ok(with("ratio", json!(10.0))),
        ok(with("kind", json!(1))),
        ok(with("tags", json!(["a"]))),
        ok(with("tags", json!(["1", "01"]))),
        bad("required: name", json!({})),
        bad(
            "pattern: name starts with a digit",
            with("name", json!("1b")),
        ),
        bad("min_length: one character", with("name", json!("a"))),
        bad("max_length: five characters", with("name", json!("abcde"))),
        bad(
            "max_length: five characters beyond the BMP",
            with("name", json!("a😀😀😀😀")),
        ),
        bad("type: name is a number", with("name", json!(12))),
        bad(
            "format: uuid",
            with("id", json!("61d8944e-d900-4724-87eb-d10078b90a4")),
        ),
        bad(
            "format: uuid with a final line feed",
            with("id", json!(format!("{GUID}\n"))),
        ),
        bad(
            "format: date-time on Feb 29 of 2023",
            with("when", json!("2023-02-29T00:00:00Z")),
        ),
        bad(
            "format: date-time without offset",
            with("when", json!("2022-03-03T11:30:00")),
        ),
        bad("format: ipv4 leading zero", with("ip", json!("10.0.0.01"))),
        bad(
            "format: device_id",
            with("device", json!("E378DACB9324453AB8C65A840695219")),
        ),
        bad(
            "minimum: within 4 minutes",
            with("within", json!("0:00:04")),
        ),
        bad(
            "maximum: within 3 days and a minute",
            with("within", json!("3:00:01")),
        ),
        bad("format: within 0:0:05", with("within", json!("0:0:05"))),
        bad("format: result_url http", with("url", json!("http://host"))),
        bad(
            "format: result_url with a space",
            with("url", json!("ftp://host/a b")),
        ),
        bad("format: count 1a", with("count", json!("1a"))),
        bad(
            "pattern: count with a leading zero",
            with("count", json!("010")),
        ),
        bad("minimum: port 0", with("port", json!(0))),
        bad("maximum: port 65536", with("port", json!(65536))),
        bad("type: port 1.5", with("port", json!(1.5))),
        bad("type: port as a string", with("port", json!("80"))),
        bad("type: big is 1.5", with("big", json!(1.5))),
        bad("minimum: ratio 0.49", with("ratio", json!(0.49))),
        bad("maximum: ratio 10.01", with("ratio", json!(10.01))),
        bad("type: free is a string", with("free", json!("1"))),
        bad("type: enabled is a string", with("enabled", json!("true"))),
        bad("type: enabled is null", with("enabled", Value::Null)),
        bad("min_length: password", with("password", json!("1234567"))),
        bad("enum: kind 4", with("kind", json!(4))),
        bad("enum: mode FAST", with("mode", json!("FAST"))),
        bad("min_items: tags empty", with("tags", json!([]))),
        bad(
            "max_items: four tags",
            with("tags", json!(["a", "b", "c", "d"])),
        ),
        bad("unique_items: tags repeat", with("tags", json!(["a", "a"]))),
        bad("type: tags item", with("tags", json!(["a", null]))),
        bad("unknown_field", with("Name", json!("ab"))),
    ];
    let doc = run("Scalars", &Shape::Object(scalars), &cases);
    let props = &doc["properties"];
    assert_eq!(props["port"]["default"], json!(43470));
    assert_eq!(props["enabled"]["default"], json!(true));
    assert_eq!(
        props["kind"],
        json!({ "$ref": "#/$defs/JobType", "default": 1 })
    );
    assert_eq!(props["password"]["writeOnly"], json!(true));
    assert_eq!(
        props["big"],
        json!({ "type": "integer", "description": "Any integer." })
    );
    assert!(props["free"].get("minimum").is_none());
    assert_eq!(doc["required"], json!(["name"]));
    // A pattern and a format: both, in allOf.
    assert_eq!(
        props["count"]["allOf"],
        json!([{ "pattern": "^[1-9]" }, { "pattern": "^[0-9]+$", "not": { "pattern": "\\n" } }])
    );
    assert_eq!(
        doc["$defs"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["JobType", "Mode"]
    );
}

// ----------------------------------------------------------------------------------------
// Every rule kind, test kind and count

#[test]
fn deployment_rules() {
    let base = json!({ "Name": "n", "AgentGuids": [GUID] });
    let with = |pairs: &[(&str, Value)]| {
        let mut o = base.clone();
        for (k, v) in pairs {
            o[*k] = v.clone();
        }
        o
    };
    let cases = vec![
        ok(base.clone()),
        ok(json!({ "Name": "n", "GroupIds": [7] })),
        ok(json!({ "Name": "n", "AgentGuids": [], "GroupIds": [7] })),
        ok(json!({ "Name": "n", "AgentGuids": [GUID], "GroupIds": [7] })),
        // Equals "fast" then Level present.
        ok(with(&[
            ("Mode", json!("fast")),
            ("Level", json!(3)),
            ("Tags", json!(["t"])),
        ])),
        // Equals "safe" (also by default) then Reboot false (also by default).
        ok(with(&[("Mode", json!("safe")), ("Reboot", json!(false))])),
        // Reboot true is fine outside safe mode; then a Window is allowed.
        ok(with(&[
            ("Mode", json!("slow")),
            ("Tags", json!(["t"])),
            ("Reboot", json!(true)),
            ("Window", json!("0:01:00")),
        ])),
        // In [9, 10] then Password; 9.0 is 9.
        ok(with(&[("Level", json!(9)), ("Password", json!("p"))])),
        ok(with(&[("Level", json!(8))])),
        // Contains "urgent" then Level in 5..=10.
        ok(with(&[
            ("Tags", json!(["urgent"])),
            ("Mode", json!("slow")),
            ("Level", json!(5)),
        ])),
        ok(with(&[
            ("Tags", json!(["urgent"])),
            ("Mode", json!("slow")),
            ("Level", json!(6.0)),
        ])),
        // Tags empty and Notify present: no Password, no Targets.
        ok(with(&[("Tags", json!([])), ("Notify", json!({}))])),
        ok(with(&[(
            "Notify",
            json!({ "Reboot": true, "Vendor": "added" }),
        )])),
        ok(with(&[
            ("Tags", json!(["x"])),
            ("Notify", json!({})),
            ("Password", json!("p")),
        ])),
        ok(with(&[(
            "Targets",
            json!([{ "devices": [DEV] }, { "zones": [DEV] }]),
        )])),
        ok(with(&[("Targets", json!([]))])),
        // range_order is not in the schema: StartIp after EndIp passes (documented gap).
        gap(with(&[
            ("StartIp", json!("10.0.0.9")),
            ("EndIp", json!("10.0.0.1")),
        ])),
        ok(with(&[("Defaults", json!({}))])),
        bad("required: Name", json!({ "AgentGuids": [GUID] })),
        bad("at_least_one_of: neither", json!({ "Name": "n" })),
        bad(
            "at_least_one_of: both empty",
            json!({ "Name": "n", "AgentGuids": [], "GroupIds": [] }),
        ),
        bad(
            "format: AgentGuids item",
            json!({ "Name": "n", "AgentGuids": ["x"] }),
        ),
        bad(
            "type: GroupIds item",
            json!({ "Name": "n", "GroupIds": ["7"] }),
        ),
        bad(
            "requires: fast needs a Level",
            with(&[("Mode", json!("fast")), ("Tags", json!(["t"]))]),
        ),
        bad(
            "requires: safe mode never reboots",
            with(&[
                ("Mode", json!("safe")),
                ("Reboot", json!(true)),
                ("Window", json!("0:01:00")),
            ]),
        ),
        bad(
            "requires: safe mode never reboots (Mode by default)",
            with(&[("Reboot", json!(true))]),
        ),
        bad(
            "requires: high levels need a Password",
            with(&[("Level", json!(10))]),
        ),
        bad(
            "requires: high levels need a Password (9.0 is 9)",
            with(&[("Level", json!(9.0))]),
        ),
        bad(
            "requires: unsafe modes need Tags",
            with(&[("Mode", json!("slow"))]),
        ),
        bad(
            "requires: unsafe modes need non-empty Tags",
            with(&[
                ("Mode", json!("fast")),
                ("Level", json!(1)),
                ("Tags", json!([])),
            ]),
        ),
        bad(
            "requires: a Window only with Reboot (Reboot by default)",
            with(&[("Window", json!("0:01:00"))]),
        ),
        bad(
            "requires: a Window only with Reboot",
            with(&[
                ("Mode", json!("slow")),
                ("Tags", json!(["t"])),
                ("Reboot", json!(false)),
                ("Window", json!("0:01:00")),
            ]),
        ),
        bad(
            "requires: urgent needs Level 5 or more",
            with(&[
                ("Tags", json!(["a", "urgent"])),
                ("Mode", json!("slow")),
                ("Level", json!(4)),
            ]),
        ),
        bad(
            "requires: urgent needs a Level",
            with(&[("Tags", json!(["urgent"])), ("Mode", json!("slow"))]),
        ),
        bad(
            "requires: untagged notified deployments take no Password",
            with(&[("Notify", json!({})), ("Password", json!("p"))]),
        ),
        bad(
            "requires: untagged notified deployments take no Targets",
            with(&[
                ("Tags", json!([])),
                ("Notify", json!({})),
                ("Targets", json!([])),
            ]),
        ),
        bad(
            "minimum: Window 0:00:04",
            with(&[
                ("Mode", json!("slow")),
                ("Tags", json!(["t"])),
                ("Reboot", json!(true)),
                ("Window", json!("0:00:04")),
            ]),
        ),
        bad(
            "enum: Mode",
            with(&[("Mode", json!("quick")), ("Tags", json!(["t"]))]),
        ),
        bad(
            "maximum: Level 11",
            with(&[("Level", json!(11)), ("Password", json!("p"))]),
        ),
        bad(
            "type: Notify.Reboot",
            with(&[("Notify", json!({ "Reboot": "yes" }))]),
        ),
        bad(
            "exactly_one_of: a Target with both",
            with(&[(
                "Targets",
                json!([{ "devices": [DEV] }, { "devices": [DEV], "zones": [DEV] }]),
            )]),
        ),
        bad(
            "unknown_field: in a Target",
            with(&[("Targets", json!([{ "devices": [DEV], "groups": [] }]))]),
        ),
        bad("format: StartIp", with(&[("StartIp", json!("10.0.0.256"))])),
        bad("unknown_field", with(&[("Extra", json!(true))])),
    ];
    let doc = run("Deployment", &Shape::Object(deployment), &cases);
    let comment = doc["$comment"].as_str().unwrap();
    assert_eq!(
        comment,
        "not expressible in JSON Schema, checked by vendorspec only: range_order on Deployment: StartIp <= EndIp; \
         advice on Deployment (warnings, never part of validity): reboot_without_window"
    );
    assert!(doc["properties"]["Password"].get("default").is_none());
    assert_eq!(
        doc["properties"]["Defaults"]["default"],
        json!({ "Reboot": true })
    );
    assert!(
        doc["$defs"]["NotifyOptions"]
            .get("additionalProperties")
            .is_none()
    );
    assert_eq!(doc["$defs"]["Target"]["additionalProperties"], json!(false));
    assert_eq!(
        doc["properties"]["Targets"],
        json!({ "type": "array", "items": { "$ref": "#/$defs/Target" } })
    );
    // The if/then of `equals` with a default that differs, and one that agrees.
    let rules = doc["allOf"].as_array().unwrap();
    assert_eq!(rules.len(), 8);
    assert_eq!(
        rules[1]["if"],
        json!({ "required": ["Mode"], "properties": { "Mode": { "const": "fast" } } })
    );
    assert_eq!(
        rules[2]["if"],
        json!({ "properties": { "Mode": { "const": "safe" } } })
    );
    assert_eq!(
        rules[2]["then"],
        json!({ "properties": { "Reboot": { "const": false } } })
    );
    assert_eq!(
        rules[4]["if"],
        json!({ "required": ["Mode"], "properties": { "Mode": { "not": { "enum": ["safe"] } } } })
    );
    assert_eq!(
        rules[5]["if"],
        json!({ "properties": { "Reboot": { "not": { "enum": [true] } } } })
    );
}

#[test]
fn tenant_rules() {
    let cases = vec![
        ok(json!({ "email": "a@b", "region": "eu" })),
        ok(json!({ "phone": "1", "region": "eu" })),
        ok(json!({ "email": "a@b", "region": "eu", "featureIds": [12, 48] })),
        ok(json!({ "email": "a@b", "region": "eu", "featureIds": [34] })),
        ok(json!({ "email": "a@b", "region": "eu", "featureIds": [] })),
        ok(json!({ "email": "a@b", "region": "eu", "version": 2, "note": "n" })),
        ok(json!({ "email": "a@b", "region": "eu", "version": 1.5, "note": "n" })),
        bad("exactly_one_of: neither", json!({ "region": "eu" })),
        bad(
            "exactly_one_of: both",
            json!({ "email": "a@b", "phone": "1", "region": "eu" }),
        ),
        bad(
            "requires: Ubuntu (48) needs Linux (12)",
            json!({ "email": "a@b", "region": "eu", "featureIds": [48] }),
        ),
        bad(
            "requires: Ubuntu (48.0) needs Linux (12)",
            json!({ "email": "a@b", "region": "eu", "featureIds": [34, 48.0] }),
        ),
        bad("requires: a region, always", json!({ "email": "a@b" })),
        bad(
            "requires: version 1 (by default 1.0) takes no note",
            json!({ "email": "a@b", "region": "eu", "note": "n" }),
        ),
        bad(
            "requires: version 1 takes no note",
            json!({ "email": "a@b", "region": "eu", "version": 1, "note": "n" }),
        ),
        bad(
            "enum: feature 47",
            json!({ "email": "a@b", "region": "eu", "featureIds": [47] }),
        ),
        bad(
            "unique_items: 12 and 12.0",
            json!({ "email": "a@b", "region": "eu", "featureIds": [12, 12.0] }),
        ),
    ];
    let doc = run("Tenant", &Shape::Object(tenant), &cases);
    assert_eq!(
        doc["$comment"],
        json!("every rule of this contract is expressed in this schema")
    );
    // Requires without `when`: the `then` tests apply unconditionally.
    assert_eq!(
        doc["allOf"][2],
        json!({
            "$comment": "requires: a region, always",
            "required": ["region"],
            "properties": { "region": true }
        })
    );
    // 48 listed twice in the descriptor, once in the schema.
    assert_eq!(
        doc["$defs"]["Feature"]["oneOf"].as_array().unwrap().len(),
        3
    );
}

// ----------------------------------------------------------------------------------------
// Roots that are not objects; recursion; collisions; the schemars entry point

#[test]
fn array_and_scalar_roots() {
    let targets = Shape::Array(ArrayDesc {
        min_items: Some(1),
        ..ArrayDesc::of(&TARGET_SHAPE)
    });
    assert_eq!(schema_name(&targets), "Array_of_Target");
    let doc = run(
        "Targets",
        &targets,
        &[
            ok(json!([{ "devices": [DEV] }])),
            bad("min_items", json!([])),
            bad(
                "exactly_one_of: in item 1",
                json!([{ "devices": [DEV] }, {}]),
            ),
            bad("type: an object", json!({ "devices": [DEV] })),
        ],
    );
    assert_eq!(doc["items"], json!({ "$ref": "#/$defs/Target" }));
    assert!(doc["$defs"]["Target"].is_object());

    let duration = Shape::String(StringDesc {
        format: Some(Format::DurationDhm),
        max_duration: Some(90),
        ..StringDesc::NONE
    });
    assert_eq!(schema_name(&duration), "string");
    let doc = run(
        "Short",
        &duration,
        &[
            ok(json!("0:01:30")),
            ok(json!("0:00:00")),
            bad("maximum", json!("0:01:31")),
            bad("format", json!("0:1:30")),
            bad("type", json!(90)),
        ],
    );
    assert!(doc.get("$defs").is_none());
    assert_eq!(schema_name(&Shape::Boolean), "boolean");
    assert_eq!(schema_name(&Shape::Enum(mode)), "Mode");
}

#[test]
fn recursive_types() {
    let cases = [
        ok(json!({ "label": "root", "children": [{ "children": [{ "label": "leaf" }] }] })),
        bad(
            "type: a deep label",
            json!({ "children": [{ "children": [{ "label": 1 }] }] }),
        ),
        bad(
            "unknown_field: deep",
            json!({ "children": [{ "children": [{ "x": 1 }] }] }),
        ),
    ];
    let doc = run("Node", &Shape::Object(node), &cases);
    assert_eq!(
        doc["properties"]["children"]["items"],
        json!({ "$ref": "#/$defs/Node" })
    );
    // Inline mode: the type that contains itself stays a reference.
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let root = generator.root_schema_for::<NodeT>();
    let root = root.to_value();
    jsonschema::draft202012::meta::validate(&root).unwrap();
    let v = jsonschema::draft202012::new(&root).unwrap();
    assert!(v.is_valid(&cases[0].instance));
    assert!(!v.is_valid(&cases[1].instance));
}

#[test]
fn name_collisions_get_a_suffix() {
    let doc = run(
        "Colliding",
        &Shape::Object(colliding),
        &[
            ok(
                json!({ "a": { "devices": [DEV] }, "b": { "x": true, "y": 1 }, "c": { "zones": [DEV] } }),
            ),
            bad("type: b.x", json!({ "b": { "x": 1 } })),
            bad("exactly_one_of: c", json!({ "c": {} })),
        ],
    );
    assert_eq!(doc["properties"]["a"], json!({ "$ref": "#/$defs/Target" }));
    assert_eq!(doc["properties"]["b"], json!({ "$ref": "#/$defs/Target2" }));
    assert_eq!(doc["properties"]["c"], json!({ "$ref": "#/$defs/Target" }));
    assert_eq!(
        doc["$defs"]["Target2"]["description"],
        json!("Not the same Target.")
    );
}

#[test]
fn unexpressible_rules_are_listed_once_per_type() {
    let nested = Shape::Array(ArrayDesc::of(&DEPLOYMENT_SHAPE));
    assert_eq!(
        unexpressible(&nested),
        ["range_order on Deployment: StartIp <= EndIp"]
    );
    assert!(unexpressible(&Shape::Object(tenant)).is_empty());
}
static DEPLOYMENT_SHAPE: Shape = Shape::Object(deployment);

#[test]
fn document_meta_is_used() {
    let meta = DocumentMeta {
        id: "https://vendorspec.example/create_job.request.json".into(),
        title: "create_job request".into(),
        description: "POST /api/v2/Jobs".into(),
        examples: vec![json!({ "devices": [DEV] })],
    };
    let doc = document(&Shape::Object(target), &meta);
    assert_eq!(doc["$id"], json!(meta.id));
    assert_eq!(doc["title"], json!("create_job request"));
    assert_eq!(doc["description"], json!("POST /api/v2/Jobs"));
    assert_eq!(doc["examples"], json!([{ "devices": [DEV] }]));
    jsonschema::draft202012::meta::validate(&doc).unwrap();
    let v = jsonschema::draft202012::new(&doc).unwrap();
    for example in meta.examples {
        assert!(v.is_valid(&example));
    }
}

// The derive's `impl JsonSchema`, by hand.
macro_rules! contract_type {
    ($t:ident, $shape:expr) => {
        struct $t;
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                schema_name(&$shape)
            }
            fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
                json_schema(&$shape, generator)
            }
        }
    };
}
contract_type!(NodeT, Shape::Object(node));
contract_type!(DeploymentT, Shape::Object(deployment));
contract_type!(TargetT, Shape::Object(target));

#[test]
fn schemars_generators_reference_or_inline() {
    // root_schema_for: root inline, nested named types in $defs.
    let root = SchemaGenerator::default()
        .into_root_schema_for::<DeploymentT>()
        .to_value();
    assert_eq!(
        root["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
    assert_eq!(root["title"], json!("Deployment"));
    let defs: Vec<&String> = root["$defs"].as_object().unwrap().keys().collect();
    assert_eq!(defs, ["Mode", "NotifyOptions", "Target"]);
    let doc = document(&Shape::Object(deployment), &DocumentMeta::default());
    assert_eq!(root["properties"], doc["properties"]);
    assert_eq!(root["allOf"], doc["allOf"]);

    // subschema_for: a reference, and the definitions hold the type and what it reaches;
    // the same type asked again reuses the definition.
    let mut generator = SchemaGenerator::default();
    let reference = generator.subschema_for::<DeploymentT>().to_value();
    assert_eq!(reference, json!({ "$ref": "#/$defs/Deployment" }));
    let again = generator.subschema_for::<TargetT>().to_value();
    assert_eq!(again, json!({ "$ref": "#/$defs/Target" }));
    let defs = generator.take_definitions(false);
    let names: Vec<&String> = defs.keys().collect();
    assert_eq!(names, ["Deployment", "Mode", "NotifyOptions", "Target"]);
    assert_eq!(defs["Target"], doc["$defs"]["Target"]);

    // Inline mode: no definitions for types that do not contain themselves.
    let root = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator()
        .into_root_schema_for::<DeploymentT>()
        .to_value();
    assert!(root.get("$defs").is_none());
    assert_eq!(
        root["properties"]["Targets"]["items"]["title"],
        json!("Target")
    );

    // Another definitions path (OpenAPI 3): references follow it.
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| s.definitions_path = "/components/schemas".into())
        .into_generator();
    let body = json_schema(&Shape::Array(ArrayDesc::of(&TARGET_SHAPE)), &mut generator);
    assert_eq!(
        body.to_value()["items"],
        json!({ "$ref": "#/components/schemas/Target" })
    );
}
