//! Every rule code of docs/CLI.md's "Rule codes", triggered on hand-written
//! descriptors, with its exact pointer, line and column; plus the walk's guarantees
//! (every violation in one pass, secrets never shown, envelope positions in the file).

use vendorspec_runtime::desc::*;
use vendorspec_runtime::walk::{Options, validate};
use vendorspec_runtime::{Finding, Severity, Syntax};

static ID: Pattern = Pattern::new("^[A-Z]{2}-[0-9]+$");

const TARGETS: Shape = Shape::Array(ArrayDesc {
    items: &Shape::Object(|| &TARGET),
    min_items: Some(1),
    max_items: Some(3),
    unique_items: true,
});

static TARGET: ObjectDesc = ObjectDesc {
    name: "Target",
    description: "",
    members: &[
        MemberDesc {
            required: true,
            ..MemberDesc::new(
                "StartIp",
                "",
                Shape::String(StringDesc {
                    format: Some(Format::Ipv4),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc {
            required: true,
            ..MemberDesc::new(
                "EndIp",
                "",
                Shape::String(StringDesc {
                    format: Some(Format::Ipv4),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc {
            default: Some("3000"),
            default_lit: Some(Lit::Int(3000)),
            ..MemberDesc::new(
                "Timeout",
                "",
                Shape::Integer(NumberDesc {
                    minimum: Some(Num::Int(0)),
                    maximum: Some(Num::Int(60000)),
                }),
            )
        },
    ],
    unknown: Unknown::Reject,
    rules: &[RuleDesc::RangeOrder {
        low: 0,
        high: 1,
        order: Order::Ipv4,
    }],
    advice: &[],
};

static KIND: EnumDesc = EnumDesc {
    name: "JobType",
    description: "",
    base: EnumBase::Integer,
    values: &[
        EnumValueDesc {
            value: Lit::Int(1),
            name: "Discovery",
            label: None,
            description: "",
        },
        EnumValueDesc {
            value: Lit::Int(2),
            name: "Install",
            label: None,
            description: "",
        },
    ],
};

static TERM: EnumDesc = EnumDesc {
    name: "Term",
    description: "",
    base: EnumBase::String,
    values: &[
        EnumValueDesc {
            value: Lit::Str("Monthly"),
            name: "Monthly",
            label: None,
            description: "",
        },
        EnumValueDesc {
            value: Lit::Str("Annual"),
            name: "Annual",
            label: None,
            description: "",
        },
    ],
};

static JOB: ObjectDesc = ObjectDesc {
    name: "Job",
    description: "",
    members: &[
        MemberDesc {
            required: true,
            ..MemberDesc::new(
                "Name",
                "",
                Shape::String(StringDesc {
                    min_length: Some(1),
                    max_length: Some(8),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc {
            required: true,
            ..MemberDesc::new("JobType", "", Shape::Enum(|| &KIND))
        },
        MemberDesc::new(
            "Code",
            "",
            Shape::String(StringDesc {
                pattern: Some(&ID),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new("Term", "", Shape::Enum(|| &TERM)),
        MemberDesc::new("Targets", "", TARGETS),
        MemberDesc::new(
            "Groups",
            "",
            Shape::Array(ArrayDesc::of(&Shape::Integer(NumberDesc::NONE))),
        ),
        MemberDesc::new(
            "Agents",
            "",
            Shape::Array(ArrayDesc::of(&Shape::String(StringDesc::NONE))),
        ),
        MemberDesc::new(
            "Features",
            "",
            Shape::Array(ArrayDesc::of(&Shape::Integer(NumberDesc::NONE))),
        ),
        MemberDesc {
            secret: true,
            ..MemberDesc::new(
                "Password",
                "",
                Shape::String(StringDesc {
                    min_length: Some(12),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc::new("Modules", "", Shape::Boolean),
        MemberDesc::new(
            "Zones",
            "",
            Shape::Array(ArrayDesc::of(&Shape::String(StringDesc::NONE))),
        ),
        MemberDesc::new(
            "Expires",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DurationDhm),
                min_duration: Some(5),
                max_duration: Some(3 * 24 * 60),
                ..StringDesc::NONE
            }),
        ),
    ],
    unknown: Unknown::Reject,
    rules: &[
        RuleDesc::ExactlyOneOf {
            members: &[6, 10],
            count: Count::NonEmpty,
        },
        RuleDesc::AtLeastOneOf {
            members: &[4, 5],
            count: Count::NonEmpty,
        },
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 7,
                predicate: Predicate::Contains(Lit::Int(48)),
            }],
            then: &[TestDesc {
                member: 7,
                predicate: Predicate::Contains(Lit::Int(12)),
            }],
            message: "48 needs 12",
        },
    ],
    advice: &[AdviceDesc {
        code: "modules_ignored",
        at: Some(9),
        when: &[
            TestDesc {
                member: 1,
                predicate: Predicate::NotIn(&[Lit::Int(2)]),
            },
            TestDesc {
                member: 9,
                predicate: Predicate::Present(true),
            },
        ],
        message: "Modules is ignored unless JobType is 2",
        help: Some("remove Modules"),
    }],
};

const JOB_SHAPE: Shape = Shape::Object(|| &JOB);

/// A valid job; each test breaks one thing in it.
const VALID: &str = r#"{
  "Name": "scan",
  "JobType": 1,
  "Code": "AB-12", "Agents": ["a"],
  "Targets": [{"StartIp": "10.0.0.1", "EndIp": "10.0.0.9"}]
}"#;

fn findings(text: &str) -> Vec<Finding> {
    validate(text.as_bytes(), &JOB_SHAPE, &Options::default()).into_sorted()
}

/// The findings as (rule, pointer, line, column).
fn brief(text: &str) -> Vec<(String, String, u32, u32)> {
    findings(text)
        .into_iter()
        .map(|f| (f.rule.as_str().to_string(), f.pointer, f.line, f.column))
        .collect()
}

fn one(text: &str, rule: &str, pointer: &str, line: u32, column: u32) {
    assert_eq!(
        brief(text),
        [(rule.to_string(), pointer.to_string(), line, column)],
        "{text}"
    );
}

#[test]
fn the_valid_job_has_no_finding() {
    assert_eq!(brief(VALID), []);
}

#[test]
fn syntax() {
    // Strict JSON: the trailing comma itself is pointed at.
    one("{\n  \"Name\": \"scan\",\n}", "syntax", "", 2, 17);
}

#[test]
fn duplicate_key() {
    one(
        &VALID.replace("\"Code\"", "\"Name\": \"again\",\n  \"Code\""),
        "duplicate_key",
        "/Name",
        4,
        3,
    );
}

#[test]
fn duplicate_key_case_insensitive() {
    let text = VALID.replace("\"Code\"", "\"NAME\": \"again\",\n  \"Code\"");
    let options = Options {
        names: NameMatching::CaseInsensitive,
        ..Options::default()
    };
    let f = validate(text.as_bytes(), &JOB_SHAPE, &options).into_sorted();
    assert_eq!(
        (
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        ("duplicate_key", "/NAME", 4, 3)
    );
    assert!(
        f[0].message.contains("case-insensitively"),
        "{}",
        f[0].message
    );
    // With exact matching, `NAME` is simply unknown.
    one(&text, "unknown_field", "/NAME", 4, 3);
}

#[test]
fn type_() {
    one(
        &VALID.replace("\"JobType\": 1", "\"JobType\": \"1\""),
        "type",
        "/JobType",
        3,
        14,
    );
}

#[test]
fn required() {
    // The pointer is where the member would be; the position is the object's.
    one(
        &VALID.replace("\"Name\": \"scan\",\n  ", ""),
        "required",
        "/Name",
        1,
        1,
    );
}

#[test]
fn unknown_field() {
    let f = findings(&VALID.replace("\"Code\"", "\"Nmae\": \"x\",\n  \"Code\""));
    assert_eq!(
        (
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        ("unknown_field", "/Nmae", 4, 3)
    );
    assert_eq!(f[0].help.as_deref(), Some("did you mean `Name`?"));
}

#[test]
fn enum_() {
    one(
        &VALID.replace("\"JobType\": 1", "\"JobType\": 4"),
        "enum",
        "/JobType",
        3,
        14,
    );
    let f = findings(&VALID.replace("\"Code\"", "\"Term\": \"monthly\",\n  \"Code\""));
    assert_eq!(
        (
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        ("enum", "/Term", 4, 11)
    );
    assert_eq!(f[0].help.as_deref(), Some("did you mean \"Monthly\"?"));
}

#[test]
fn pattern() {
    one(&VALID.replace("AB-12", "ab-12"), "pattern", "/Code", 4, 11);
}

#[test]
fn format() {
    one(
        &VALID.replace("10.0.0.9", "10.0.0.256"),
        "format",
        "/Targets/0/EndIp",
        5,
        48,
    );
}

#[test]
fn min_length_and_max_length() {
    one(
        &VALID.replace("\"scan\"", "\"\""),
        "min_length",
        "/Name",
        2,
        11,
    );
    one(
        &VALID.replace("\"scan\"", "\"a long name\""),
        "max_length",
        "/Name",
        2,
        11,
    );
}

#[test]
fn lengths_count_characters_whatever_their_width() {
    // Eight characters within a maximum of 8, in 8, 16 and 32 bytes; nine over it.
    for c in ["a", "é", "𝄞"] {
        assert_eq!(
            brief(&VALID.replace("\"scan\"", &format!("\"{}\"", c.repeat(8)))),
            []
        );
        let nine = VALID.replace("\"scan\"", &format!("\"{}\"", c.repeat(9)));
        one(&nine, "max_length", "/Name", 2, 11);
    }
    // A minimum of 12: eleven four-byte characters (44 bytes) are too few, twelve enough.
    let password = |n: usize| {
        let value = "𝄞".repeat(n);
        VALID.replace("\"Code\"", &format!("\"Password\": \"{value}\", \"Code\""))
    };
    one(&password(11), "min_length", "/Password", 4, 15);
    assert_eq!(brief(&password(12)), []);
}

#[test]
fn minimum_and_maximum() {
    let t = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": -1",
    );
    one(&t, "minimum", "/Targets/0/Timeout", 5, 71);
    let t = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": 1e9",
    );
    one(&t, "maximum", "/Targets/0/Timeout", 5, 71);
    // Duration bounds use the same codes.
    one(
        &VALID.replace("\"Code\"", "\"Expires\": \"0:00:04\",\n  \"Code\""),
        "minimum",
        "/Expires",
        4,
        14,
    );
    one(
        &VALID.replace("\"Code\"", "\"Expires\": \"3:00:01\",\n  \"Code\""),
        "maximum",
        "/Expires",
        4,
        14,
    );
}

#[test]
fn min_items_max_items_unique_items() {
    // An empty Targets list also leaves at_least_one_of unmet: both are reported.
    assert_eq!(
        brief(&VALID.replace(
            "[{\"StartIp\": \"10.0.0.1\", \"EndIp\": \"10.0.0.9\"}]",
            "[]"
        )),
        [
            ("at_least_one_of".to_string(), "".to_string(), 1, 1),
            ("min_items".to_string(), "/Targets".to_string(), 5, 14),
        ]
    );
    let t = r#"{"StartIp": "10.0.0.1", "EndIp": "10.0.0.9"}"#;
    let four = format!(
        "[{t}, {}, {}, {}]",
        t.replace(".1\"", ".2\""),
        t.replace(".1\"", ".3\""),
        t.replace(".1\"", ".4\"")
    );
    one(
        &VALID.replace(&format!("[{t}]"), &four),
        "max_items",
        "/Targets",
        5,
        14,
    );
    one(
        &VALID.replace(&format!("[{t}]"), &format!("[{t}, {t}]")),
        "unique_items",
        "/Targets",
        5,
        14,
    );
}

#[test]
fn exactly_one_of() {
    // Agents and Zones both non-empty: the object is pointed at.
    one(
        &VALID.replace("\"Code\"", "\"Zones\": [\"z\"],\n  \"Code\""),
        "exactly_one_of",
        "",
        1,
        1,
    );
    // An empty Zones list does not count.
    assert_eq!(
        brief(&VALID.replace("\"Code\"", "\"Zones\": [],\n  \"Code\"")),
        []
    );
    // Neither non-empty.
    one(&VALID.replace("[\"a\"]", "[]"), "exactly_one_of", "", 1, 1);
}

#[test]
fn at_least_one_of() {
    let t = VALID.replace(
        "\"Targets\": [{\"StartIp\": \"10.0.0.1\", \"EndIp\": \"10.0.0.9\"}]",
        "\"Groups\": []",
    );
    one(&t, "at_least_one_of", "", 1, 1);
}

#[test]
fn requires() {
    // About one member: the finding points at it.
    one(
        &VALID.replace("\"Code\"", "\"Features\": [48],\n  \"Code\""),
        "requires",
        "/Features",
        4,
        15,
    );
    assert_eq!(
        brief(&VALID.replace("\"Code\"", "\"Features\": [48, 12],\n  \"Code\"")),
        []
    );
}

#[test]
fn range_order() {
    let f = findings(&VALID.replace("10.0.0.9", "9.0.0.0"));
    assert_eq!(
        (
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        ("range_order", "/Targets/0", 5, 15)
    );
    assert_eq!(f[0].help.as_deref(), Some("swap `StartIp` and `EndIp`"));
}

#[test]
fn advice_is_a_warning() {
    let f = findings(&VALID.replace("\"Code\"", "\"Modules\": true,\n  \"Code\""));
    assert_eq!(f.len(), 1);
    assert_eq!(
        (
            f[0].severity,
            f[0].rule.as_str(),
            f[0].pointer.as_str(),
            f[0].line,
            f[0].column
        ),
        (Severity::Warning, "modules_ignored", "/Modules", 4, 14)
    );
    // JobType 2: the advice does not apply.
    assert_eq!(
        brief(
            &VALID
                .replace("\"JobType\": 1", "\"JobType\": 2")
                .replace("\"Code\"", "\"Modules\": true,\n  \"Code\"")
        ),
        []
    );
}

#[test]
fn every_violation_in_one_pass_sorted_by_position() {
    let text = r#"{"Name": "", "JobType": "x", "Code": "zz", "Agents": ["a"], "Targets": [{"StartIp": 1}], "Extra": null}"#;
    let rules: Vec<String> = brief(text)
        .into_iter()
        .map(|(r, p, _, _)| format!("{r} {p}"))
        .collect();
    assert_eq!(
        rules,
        [
            "min_length /Name",
            "type /JobType",
            "pattern /Code",
            "required /Targets/0/EndIp",
            "type /Targets/0/StartIp",
            "unknown_field /Extra",
        ]
    );
}

#[test]
fn secret_values_never_appear() {
    let secret = "hunter2-hunter2";
    for text in [
        VALID.replace(
            "\"Code\"",
            &format!("\"Password\": \"{}\",\n  \"Code\"", &secret[..5]),
        ),
        VALID.replace("\"Code\"", "\"Password\": 12345678,\n  \"Code\""),
    ] {
        let f = findings(&text);
        assert!(!f.is_empty());
        for finding in f {
            let shown = format!("{finding} {:?}", finding.help);
            assert!(
                !shown.contains("hunter") && !shown.contains("12345678"),
                "{shown}"
            );
        }
    }
}

/// Suggestions are worked out when a report is read, from the word the payload wrote; a
/// word that holds a credential gets its help at once, so even a report not read yet
/// (its `Debug`) keeps no credential.
#[test]
fn a_report_not_read_yet_keeps_no_credential() {
    let text = VALID.replace(
        "\"Code\"",
        "\"https://u:CanaryPw@h/Nme\": 1, \"Nmae\": 2, \"Code\"",
    );
    let mut report = validate(text.as_bytes(), &JOB_SHAPE, &Options::default());
    let kept = format!("{report:?}");
    assert!(!kept.contains("CanaryPw"), "{kept}");
    let read: Vec<_> = report
        .sorted()
        .iter()
        .map(|f| (f.pointer.as_str(), f.help.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            ("/https:~1~1***:***@h~1Nme", None),
            ("/Nmae", Some("did you mean `Name`?"))
        ]
    );
}

#[test]
fn enveloped_positions_are_in_the_file() {
    let options = Options {
        syntax: Syntax::Lenient,
        names: NameMatching::CaseInsensitive,
        envelope: true,
        ..Options::default()
    };
    let text = "{\n\"value\" : \"{\nName: \\\"scan\\\",\nJobType: 9,\nCode: 'AB-1'}\"\n}";
    let f = validate(text.as_bytes(), &JOB_SHAPE, &options).into_sorted();
    let brief: Vec<_> = f
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str(), f.line, f.column))
        .collect();
    // Same position: sorted by rule code.
    assert_eq!(
        brief,
        [
            ("at_least_one_of", "", 2, 12),
            ("exactly_one_of", "", 2, 12),
            ("enum", "/JobType", 4, 10)
        ]
    );
}

#[test]
fn integers_by_value_and_beyond_range() {
    // 1.0 is the integer 1, as in JSON Schema.
    assert_eq!(
        brief(&VALID.replace("\"JobType\": 1", "\"JobType\": 1.0")),
        []
    );
    one(
        &VALID.replace("\"JobType\": 1", "\"JobType\": 1.5"),
        "enum",
        "/JobType",
        3,
        14,
    );
    let t = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": 1.5",
    );
    one(&t, "type", "/Targets/0/Timeout", 5, 71);
    let t = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": 123456789012345678901234567890123456789012",
    );
    one(&t, "maximum", "/Targets/0/Timeout", 5, 71);
}

/// Where the server reads integers by their text (Json.NET's Int32 reader, the Ivanti
/// server), a whole number with a fraction or an exponent is a `type` error that says so;
/// the normalized payload keeps it as text, so the schema's `integer` type refuses it too.
#[test]
fn integers_by_digits_refuse_fractions_and_exponents() {
    use vendorspec_runtime::walk::Binding;
    let options = Options {
        binding: Binding::JsonNet,
        ..Options::default()
    };
    let digits = |text: &str| -> Vec<(String, String, String)> {
        validate(text.as_bytes(), &JOB_SHAPE, &options)
            .into_sorted()
            .into_iter()
            .map(|f| (f.rule.as_str().to_string(), f.pointer, f.message))
            .collect()
    };
    assert_eq!(digits(VALID), []);
    assert_eq!(
        digits(&VALID.replace("\"JobType\": 1", "\"JobType\": 1.0")),
        [(
            "type".to_string(),
            "/JobType".to_string(),
            "the server reads JobType as a 32-bit integer and refuses 1.0 (a fraction or an \
             exponent); write 1"
                .to_string()
        )]
    );
    let t = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": 3e3",
    );
    assert_eq!(
        digits(&t),
        [(
            "type".to_string(),
            "/Targets/0/Timeout".to_string(),
            "the server reads Timeout as a 32-bit integer and refuses 3e3 (a fraction or an \
             exponent); write 3000"
                .to_string()
        )]
    );
    // Not a whole number: no integer however it is read.
    assert_eq!(
        digits(&VALID.replace("\"JobType\": 1", "\"JobType\": 1.5"))[0].0,
        "enum"
    );
    let normalized =
        vendorspec_runtime::normalize::normalize(t.as_bytes(), &JOB_SHAPE, &options).unwrap();
    assert_eq!(normalized["Targets"][0]["Timeout"], "3e3");
    let by_value =
        vendorspec_runtime::normalize::normalize(t.as_bytes(), &JOB_SHAPE, &Options::default())
            .unwrap();
    assert_eq!(by_value["Targets"][0]["Timeout"], 3000.0);
}

/// Where the server binds as Json.NET does, `null` in an optional string, object or array
/// is what absence leaves there: valid, and left out by `normalize`. In a required member,
/// or one of a value type (a number, a boolean), it stays a `type` error.
#[test]
fn json_net_reads_null_as_absence_of_a_reference_type() {
    use vendorspec_runtime::walk::Binding;
    let options = Options {
        binding: Binding::JsonNet,
        ..Options::default()
    };
    let rules = |text: &str| -> Vec<(String, String)> {
        validate(text.as_bytes(), &JOB_SHAPE, &options)
            .into_sorted()
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule.as_str().to_string(), f.pointer))
            .collect()
    };
    let nulls = VALID.replace("\"Code\": \"AB-12\"", "\"Code\": null, \"Zones\": null");
    assert_eq!(rules(&nulls), []);
    let normalized =
        vendorspec_runtime::normalize::normalize(nulls.as_bytes(), &JOB_SHAPE, &options).unwrap();
    assert!(normalized.get("Code").is_none() && normalized.get("Zones").is_none());
    // Absent, so the rules see it absent: `Agents` alone is exactly one of the two.
    assert_eq!(
        rules(&VALID.replace("\"Name\": \"scan\"", "\"Name\": null")),
        [("type".to_string(), "/Name".to_string())]
    );
    assert_eq!(
        rules(&VALID.replace("\"Code\": \"AB-12\"", "\"Modules\": null")),
        [("type".to_string(), "/Modules".to_string())]
    );
    // An item of a list is no member: a null there stays an error.
    assert!(
        rules(&VALID.replace("\"Code\": \"AB-12\"", "\"Zones\": [null]"))
            .contains(&("type".to_string(), "/Zones/0".to_string()))
    );
    // Read as JSON Schema reads it, `null` is a value of its own type.
    assert_eq!(brief(&nulls)[0].0, "type");
}

/// Where the server binds as Json.NET does, a hex number (lenient syntax) is read as its
/// value, with a warning that says so, and checked as that value; `normalize` writes the
/// value. A number with a fraction for a string and an unread date-time say what the
/// server would do instead.
#[test]
fn json_net_reads_hex_numbers_as_their_value() {
    use vendorspec_runtime::walk::Binding;
    let options = Options {
        syntax: Syntax::Lenient,
        binding: Binding::JsonNet,
        ..Options::default()
    };
    let said = |text: &str| -> Vec<(Severity, String, String, String)> {
        validate(text.as_bytes(), &JOB_SHAPE, &options)
            .into_sorted()
            .into_iter()
            .map(|f| {
                (
                    f.severity,
                    f.rule.as_str().to_string(),
                    f.pointer,
                    f.message,
                )
            })
            .collect()
    };
    let hex = VALID.replace(
        "\"EndIp\": \"10.0.0.9\"",
        "\"EndIp\": \"10.0.0.9\", \"Timeout\": 0xBB8",
    );
    assert_eq!(
        said(&hex),
        [(
            Severity::Warning,
            "type".to_string(),
            "/Targets/0/Timeout".to_string(),
            "the server reads the number 0xBB8 as 3000".to_string()
        )]
    );
    let normalized =
        vendorspec_runtime::normalize::normalize(hex.as_bytes(), &JOB_SHAPE, &options).unwrap();
    assert_eq!(normalized["Targets"][0]["Timeout"], 3000);
    // Checked as what the server reads: 0xFFFF is 65535, above the maximum 60000.
    let over = hex.replace("0xBB8", "0xFFFF");
    let found = said(&over);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str()),
        (Severity::Error, "maximum")
    );
    assert!(
        found[0].2 == "/Targets/0/Timeout"
            && found[0]
                .3
                .starts_with("the server reads the number 0xFFFF as 65535: "),
        "{found:?}"
    );
    // An integer enum takes its value too.
    assert_eq!(
        said(&VALID.replace("\"JobType\": 1", "\"JobType\": 0x1"))[0].3,
        "the server reads the number 0x1 as 1"
    );
    // A fraction for a string: the server keeps another text.
    let fraction = said(&VALID.replace("\"Name\": \"scan\"", "\"Name\": 12.50"));
    assert_eq!(fraction.len(), 1, "{fraction:?}");
    assert!(
        fraction[0].3.starts_with(
            "expected a string, found the number 12.50: the server keeps .NET's rendering"
        ),
        "{fraction:?}"
    );
}

/// The server's formatter reads the envelope object and never what follows it: a warning,
/// where a body that is no envelope keeps its syntax error.
#[test]
fn what_follows_an_envelope_is_a_warning() {
    let options = Options {
        syntax: Syntax::Lenient,
        envelope: true,
        ..Options::default()
    };
    let inner = VALID.replace('"', "'").replace('\n', " ");
    let body = format!("{{\"value\": \"{inner}\"}} trailing");
    let found: Vec<(Severity, String, String)> = validate(body.as_bytes(), &JOB_SHAPE, &options)
        .into_sorted()
        .into_iter()
        .map(|f| (f.severity, f.rule.as_str().to_string(), f.message))
        .collect();
    assert_eq!(
        found,
        [(
            Severity::Warning,
            "syntax".to_string(),
            "content after the envelope: the server reads the envelope object and never what \
             follows it"
                .to_string()
        )]
    );
    let bare = format!("{VALID} trailing");
    let found = validate(bare.as_bytes(), &JOB_SHAPE, &options).into_sorted();
    assert_eq!(
        (found.len(), found[0].severity, found[0].message.as_str()),
        (1, Severity::Error, "unexpected content after the document")
    );
}

proptest::proptest! {
    /// A string's length is read as JSON Schema reads `minLength` and `maxLength` (in
    /// characters, whatever their width in bytes): the walk and the `jsonschema` crate, on
    /// the published schema of the same string shape, give the same verdict.
    #[test]
    fn lengths_agree_with_the_jsonschema_crate(
        text in "[aé€𝄞]{0,12}",
        min in 0u64..8,
        max in 2u64..10,
    ) {
        let shape = Shape::String(StringDesc {
            min_length: Some(min),
            max_length: Some(max),
            ..StringDesc::NONE
        });
        let schema = vendorspec_runtime::schema::document(
            &shape,
            &vendorspec_runtime::schema::DocumentMeta::default(),
        );
        let theirs = jsonschema::draft202012::new(&schema)
            .expect("compiles")
            .is_valid(&serde_json::Value::String(text.clone()));
        let json = serde_json::to_string(&text).expect("a string serializes");
        let ours = !validate(json.as_bytes(), &shape, &Options::default()).has_errors();
        proptest::prop_assert_eq!(ours, theirs, "{:?} within {}..={}", text, min, max);
    }
}
