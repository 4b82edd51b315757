//! The derive on hand-written types: descriptors, from_tree, Serialize, Debug, defaults.

mod common;

use common::*;
use vendorspec_runtime::desc::*;
use vendorspec_runtime::reader::{Syntax, parse};
use vendorspec_runtime::{Contract, FromTree, NameMatching};

fn object<T: Contract>() -> &'static ObjectDesc {
    match T::SHAPE {
        Shape::Object(f) => f(),
        other => panic!("not an object: {other:?}"),
    }
}

fn enumeration<T: Contract>() -> &'static EnumDesc {
    match T::SHAPE {
        Shape::Enum(f) => f(),
        other => panic!("not an enum: {other:?}"),
    }
}

fn member(desc: &'static ObjectDesc, name: &str) -> &'static MemberDesc {
    &desc.members[desc
        .member_index(name)
        .unwrap_or_else(|| panic!("no member {name}"))]
}

#[test]
fn object_descriptor() {
    let job = object::<Job>();
    assert_eq!(job.name, "Job");
    assert_eq!(
        job.description,
        "A job to discover assets.\n\nSecond paragraph."
    );
    assert_eq!(job.unknown, Unknown::Reject);
    assert_eq!(object::<DiscoveryOptions>().unknown, Unknown::Warn);
    let names: Vec<&str> = job.members.iter().map(|m| m.name).collect();
    assert_eq!(
        &names[..6],
        ["Name", "Timeout", "small", "delta", "Password", "ApiKey"]
    );

    let name = member(job, "Name");
    assert!(name.required);
    assert_eq!(name.description, "Sets the name of the job.");
    let Shape::String(s) = name.shape else {
        panic!()
    };
    assert_eq!((s.min_length, s.max_length), (Some(1), Some(64)));
    assert_eq!(s.pattern.unwrap().source, "^[A-Za-z]");
    assert!(s.pattern.unwrap().is_match("abc"));

    let timeout = member(job, "Timeout");
    assert!(!timeout.required);
    assert_eq!(timeout.default, Some("3000"));
    assert_eq!(timeout.default_lit, Some(Lit::Int(3000)));
    let Shape::Integer(n) = timeout.shape else {
        panic!()
    };
    assert_eq!(
        (n.minimum, n.maximum),
        (Some(Num::Int(0)), Some(Num::Int(2147483647)))
    );

    // Integer bounds come from the Rust type when not given.
    let Shape::Integer(n) = member(job, "small").shape else {
        panic!()
    };
    assert_eq!(
        (n.minimum, n.maximum),
        (Some(Num::Int(0)), Some(Num::Int(255)))
    );
    let Shape::Integer(n) = member(job, "delta").shape else {
        panic!()
    };
    assert_eq!((n.minimum, n.maximum), (Some(Num::Int(-5)), None));

    assert!(member(job, "Password").secret && member(job, "ApiKey").secret);
    assert!(member(job, "ApiKey").required);

    let Shape::Array(a) = member(job, "devices").shape else {
        panic!()
    };
    assert_eq!(
        (a.min_items, a.max_items, a.unique_items),
        (Some(1), Some(10), true)
    );
    let Shape::String(items) = a.items else {
        panic!()
    };
    assert_eq!(items.format, Some(Format::DeviceId));

    let Shape::Array(a) = member(job, "group_ids").shape else {
        panic!()
    };
    let Shape::Integer(n) = a.items else { panic!() };
    assert_eq!(
        (n.minimum, n.maximum),
        (Some(Num::Int(0)), Some(Num::Int(4294967295)))
    );

    let f = member(job, "FeatureIds");
    assert_eq!(f.default, Some("[12]"));
    assert_eq!(f.default_lit, None);
    let Shape::Array(a) = f.shape else { panic!() };
    let Shape::Integer(n) = a.items else { panic!() };
    assert_eq!(
        (n.minimum, n.maximum),
        (Some(Num::Int(1)), Some(Num::Int(100)))
    );

    let Shape::Number(n) = member(job, "high").shape else {
        panic!()
    };
    assert_eq!((n.minimum, n.maximum), (None, None));
    assert_eq!(member(job, "high").default_lit, Some(Lit::Float(10.0)));

    let Shape::String(d) = member(job, "interval").shape else {
        panic!()
    };
    assert_eq!(d.format, Some(Format::DurationDhm));
    assert_eq!(
        (d.min_duration, d.max_duration),
        (Some(5), Some(7 * 24 * 60))
    );
    assert_eq!(member(job, "interval").default, Some("\"0:01:00\""));

    let Shape::Array(outer) = member(job, "matrix").shape else {
        panic!()
    };
    assert_eq!(outer.max_items, None);
    let Shape::Array(inner) = outer.items else {
        panic!()
    };
    assert_eq!(inner.max_items, Some(3));
    let Shape::String(s) = inner.items else {
        panic!()
    };
    assert_eq!(s.min_length, Some(2));

    let Shape::Object(o) = member(job, "DiscoveryOptions").shape else {
        panic!()
    };
    assert_eq!(o().name, "DiscoveryOptions");
    let Shape::Object(o) = member(job, "boxed").shape else {
        panic!()
    };
    assert_eq!(o().members[0].name, "IcmpDiscovery");
    let Shape::Enum(e) = member(job, "JobType").shape else {
        panic!()
    };
    assert_eq!(e().name, "JobType");
    assert_eq!(member(job, "JobType").default_lit, Some(Lit::Int(1)));
    assert_eq!(member(job, "Mode2").default_lit, Some(Lit::Str("enforce")));

    let Shape::Number(n) = object::<DiscoveryOptions>().members[1].shape else {
        panic!()
    };
    assert_eq!(
        (n.minimum, n.maximum),
        (Some(Num::Float(0.5)), Some(Num::Int(2)))
    );
}

#[test]
fn rules_and_advice() {
    let job = object::<Job>();
    let idx = |n: &str| job.member_index(n).unwrap();
    assert_eq!(job.rules.len(), 6);
    match &job.rules[0] {
        RuleDesc::ExactlyOneOf { members, count } => {
            assert_eq!(*members, [idx("devices"), idx("zones")]);
            assert_eq!(*count, Count::NonEmpty);
        }
        other => panic!("{other:?}"),
    }
    match &job.rules[1] {
        RuleDesc::AtLeastOneOf { members, count } => {
            assert_eq!(*members, [idx("agent_guids"), idx("group_ids")]);
            assert_eq!(*count, Count::Present);
        }
        other => panic!("{other:?}"),
    }
    match &job.rules[2] {
        RuleDesc::Requires {
            when,
            then,
            message,
        } => {
            assert_eq!(when.len(), 1);
            assert_eq!(when[0].member, idx("FeatureIds"));
            assert!(matches!(
                when[0].predicate,
                Predicate::Contains(Lit::Int(48))
            ));
            assert!(matches!(
                then[0].predicate,
                Predicate::Contains(Lit::Int(12))
            ));
            assert_eq!(*message, "Ubuntu (48) needs Linux (12)");
        }
        other => panic!("{other:?}"),
    }
    match &job.rules[3] {
        RuleDesc::Requires { when, then, .. } => {
            assert!(matches!(when[0].predicate, Predicate::Equals(Lit::Int(2))));
            assert!(matches!(when[1].predicate, Predicate::Present(true)));
            assert_eq!(then[0].member, idx("Password"));
        }
        other => panic!("{other:?}"),
    }
    match &job.rules[4] {
        RuleDesc::RangeOrder { low, high, order } => {
            assert_eq!(
                (*low, *high, *order),
                (idx("start_ip"), idx("end_ip"), Order::Ipv4)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        job.rules[5],
        RuleDesc::RangeOrder {
            order: Order::Number,
            ..
        }
    ));
    assert_eq!(job.advice.len(), 2);
    let a = &job.advice[0];
    assert_eq!(
        (a.code, a.at, a.help),
        (
            "modules_ignored",
            Some(idx("modules")),
            Some("drop Modules")
        )
    );
    assert!(matches!(
        a.when[0].predicate,
        Predicate::NotIn([Lit::Int(2)])
    ));
    assert!(matches!(a.when[1].predicate, Predicate::NonEmpty(true)));
    let a = &job.advice[1];
    assert_eq!(a.at, None);
    assert!(matches!(
        a.when[0].predicate,
        Predicate::In([Lit::Str("enforce")])
    ));
}

#[test]
fn enum_descriptors() {
    let e = enumeration::<JobType>();
    assert_eq!(
        (e.name, e.description, e.base),
        ("JobType", "The kind of job.", EnumBase::Integer)
    );
    let values: Vec<(Lit, &str, Option<&str>)> = e
        .values
        .iter()
        .map(|v| (v.value, v.name, v.label))
        .collect();
    assert_eq!(
        values,
        [
            (Lit::Int(1), "Discovery", None),
            (Lit::Int(2), "Install", Some("Install agents")),
            (Lit::Int(-1), "Unknown", None)
        ]
    );
    assert_eq!(e.values[0].description, "Creates a discovery-only job.");
    let m = enumeration::<Mode>();
    assert_eq!((m.name, m.base), ("PolicyMode", EnumBase::String));
    assert_eq!(m.values[0].value, Lit::Str("Evaluation"));
    assert_eq!(m.values[1].value, Lit::Str("enforce"));
}

const FULL: &str = r#"{
    "Name": "Scan", "Timeout": 10, "small": 7, "delta": -5, "Password": "hunter2", "ApiKey": "k-123",
    "devices": ["E378DACB9324453AB8C65A8406952195"], "group_ids": [1, 2],
    "FeatureIds": [12, 48], "start_ip": "10.0.0.1", "end_ip": "10.0.0.9", "low": 1.5, "high": 2,
    "JobType": 2, "mode": "enforce", "modules": ["a"], "interval": "0:00:10",
    "matrix": [["ab", "cd"]], "DiscoveryOptions": {"IcmpDiscovery": false, "Ratio": 1.0},
    "boxed": {"IcmpDiscovery": true}, "enabled": false, "Mode2": "Evaluation"
}"#;

fn read<T: FromTree>(json: &str, names: NameMatching) -> Option<T> {
    let doc = parse(json.as_bytes(), Syntax::Strict).expect("valid JSON");
    T::from_tree(doc.root(), names)
}

#[test]
fn from_tree_reads_every_field() {
    let job: Job = read(FULL, NameMatching::Exact).expect("reads");
    assert_eq!(job.name, "Scan");
    assert_eq!(job.timeout, Some(10));
    assert_eq!(job.small, Some(7));
    assert_eq!(job.delta, Some(-5));
    assert_eq!(job.password.as_deref(), Some("hunter2"));
    assert_eq!(job.api_key, "k-123");
    assert_eq!(job.zones, None);
    assert_eq!(job.group_ids, Some(vec![1, 2]));
    assert_eq!(job.feature_ids, Some(vec![12, 48]));
    assert_eq!(job.high, Some(2.0));
    assert!(job.job_type == Some(JobType::Install));
    assert!(job.mode == Some(Mode::Enforce));
    assert!(job.mode2 == Some(Mode::Evaluation));
    assert_eq!(
        job.matrix,
        Some(vec![vec!["ab".to_owned(), "cd".to_owned()]])
    );
    let opts = job.discovery_options.as_ref().unwrap();
    assert_eq!((opts.icmp, opts.ratio), (false, Some(1.0)));
    assert!(job.boxed.as_ref().unwrap().icmp);
    assert_eq!(job.enabled, Some(false));
}

#[test]
fn from_tree_absent_and_wrong() {
    let job: Job = read(r#"{"Name": "x", "ApiKey": "k"}"#, NameMatching::Exact).unwrap();
    assert_eq!(job.timeout, None);
    assert_eq!(job.devices, None);
    // A required member missing, or of the wrong kind: None, no panic.
    assert!(read::<Job>(r#"{"Name": "x"}"#, NameMatching::Exact).is_none());
    assert!(read::<Job>(r#"{"Name": [1], "ApiKey": "k"}"#, NameMatching::Exact).is_none());
    // What the Ivanti server converts (the walk lets it through there): an integer for a
    // string is its digits.
    let job: Job = read(r#"{"Name": 1, "ApiKey": "k"}"#, NameMatching::Exact).unwrap();
    assert_eq!(job.name, "1");
    assert!(read::<Job>(r#"[]"#, NameMatching::Exact).is_none());
    assert!(
        read::<Job>(
            r#"{"Name": "x", "ApiKey": "k", "small": 300}"#,
            NameMatching::Exact
        )
        .is_none()
    );
    // Names are matched as the walker matches them.
    assert!(read::<Job>(r#"{"name": "x", "apikey": "k"}"#, NameMatching::Exact).is_none());
    let job: Job = read(
        r#"{"name": "x", "apikey": "k", "timeout": 5}"#,
        NameMatching::CaseInsensitive,
    )
    .unwrap();
    assert_eq!(job.timeout, Some(5));
    // Enums.
    assert!(read::<JobType>("1", NameMatching::Exact) == Some(JobType::Discovery));
    assert!(read::<JobType>("1.0", NameMatching::Exact) == Some(JobType::Discovery));
    assert!(read::<JobType>("-1", NameMatching::Exact) == Some(JobType::Unknown));
    assert!(read::<JobType>("3", NameMatching::Exact).is_none());
    // A string of digits is what the Ivanti server converts to an integer.
    assert!(read::<JobType>("\"1\"", NameMatching::Exact) == Some(JobType::Discovery));
    assert!(read::<JobType>("\"one\"", NameMatching::Exact).is_none());
    assert!(read::<Mode>("\"enforce\"", NameMatching::Exact) == Some(Mode::Enforce));
    assert!(read::<Mode>("\"Enforce\"", NameMatching::Exact).is_none());
}

#[test]
fn serialize_canonical_names_in_order() {
    let job: Job = read(FULL, NameMatching::Exact).unwrap();
    let text = serde_json::to_string(&job).unwrap();
    assert_eq!(
        text,
        r#"{"Name":"Scan","Timeout":10,"small":7,"delta":-5,"Password":"hunter2","ApiKey":"k-123","devices":["E378DACB9324453AB8C65A8406952195"],"group_ids":[1,2],"FeatureIds":[12,48],"start_ip":"10.0.0.1","end_ip":"10.0.0.9","low":1.5,"high":2.0,"JobType":2,"mode":"enforce","modules":["a"],"interval":"0:00:10","matrix":[["ab","cd"]],"DiscoveryOptions":{"IcmpDiscovery":false,"Ratio":1.0},"boxed":{"IcmpDiscovery":true},"enabled":false,"Mode2":"Evaluation"}"#
    );
    // Round trip through the tree.
    let again: Job = read(&text, NameMatching::Exact).unwrap();
    assert!(again == job);
    // None members are omitted.
    let small: Job = read(r#"{"ApiKey": "k", "Name": "x"}"#, NameMatching::Exact).unwrap();
    assert_eq!(
        serde_json::to_string(&small).unwrap(),
        r#"{"Name":"x","ApiKey":"k"}"#
    );
    assert_eq!(serde_json::to_string(&JobType::Unknown).unwrap(), "-1");
    assert_eq!(
        serde_json::to_string(&Mode::Enforce).unwrap(),
        r#""enforce""#
    );
}

#[test]
fn debug_redacts_secrets() {
    let job: Job = read(FULL, NameMatching::Exact).unwrap();
    let debug = format!("{job:?}");
    let pretty = format!("{job:#?}");
    for text in [&debug, &pretty] {
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("k-123"), "{text}");
        assert!(text.contains("password: <redacted>"), "{text}");
        assert!(text.contains("api_key: <redacted>"), "{text}");
        assert!(text.contains("name: \"Scan\""), "{text}");
    }
    assert!(
        debug.starts_with("Job { name: \"Scan\", timeout: Some(10)"),
        "{debug}"
    );
    assert_eq!(format!("{:?}", JobType::Install), "Install");
    assert_eq!(format!("{:?}", Mode::Evaluation), "Evaluation");
}

#[test]
fn defaults() {
    let empty: Job = read(r#"{"Name": "x", "ApiKey": "k"}"#, NameMatching::Exact).unwrap();
    assert_eq!(empty.timeout_or_default(), 3000);
    assert_eq!(empty.feature_ids_or_default(), vec![12]);
    assert_eq!(empty.high_or_default(), 10.0);
    assert!(empty.job_type_or_default() == JobType::Discovery);
    assert!(empty.mode2_or_default() == Mode::Enforce);
    assert_eq!(empty.interval_or_default(), "0:01:00");
    assert!(empty.enabled_or_default());
    let opts = empty.discovery_options_or_default();
    assert_eq!((opts.icmp, opts.ratio), (true, None));

    let full: Job = read(FULL, NameMatching::Exact).unwrap();
    assert_eq!(full.timeout_or_default(), 10);
    assert_eq!(full.feature_ids_or_default(), vec![12, 48]);
    assert_eq!(full.high_or_default(), 2.0);
    assert!(full.job_type_or_default() == JobType::Install);
    assert!(full.mode2_or_default() == Mode::Evaluation);
    assert_eq!(full.interval_or_default(), "0:00:10");
    assert!(!full.enabled_or_default());
    assert!(!full.discovery_options_or_default().icmp);
}

/// Every default in the descriptors parses and is read by the member's type.
#[test]
fn every_default_parses() {
    let job = object::<Job>();
    let mut seen = 0;
    for m in job.members {
        if let Some(text) = m.default {
            parse(text.as_bytes(), Syntax::Strict).unwrap_or_else(|e| panic!("{}: {e:?}", m.name));
            seen += 1;
        }
    }
    assert_eq!(seen, 8);
}

/// Retries, with a default written as a float.
#[derive(vendorspec_macros::Contract, Clone, PartialEq)]
struct Retries {
    /// How often to retry.
    #[contract(minimum = 0, maximum = 9, default = 5.0)]
    count: Option<i64>,
}

/// A default is checked by the value semantics the walk uses: `5.0` is an integer by value
/// (a payload `{"count": 5.0}` validates), so it is a valid default of an integer field,
/// and the field's default is that integer.
#[test]
fn integral_float_default_of_an_integer_field() {
    let desc = object::<Retries>();
    assert_eq!(member(desc, "count").default_lit, Some(Lit::Int(5)));
    let report = vendorspec_runtime::walk::validate(
        br#"{"count": 5.0}"#,
        &Retries::SHAPE,
        &Default::default(),
    );
    assert!(!report.has_errors(), "{report:?}");
    let none = Retries { count: None };
    assert_eq!(none.count_or_default(), 5);
}
