//! Every fact of the vendor pages must be in the spec's IR.
//!
//! The checklist below was written from the seed pages and the seeds' README, not from
//! the spec: members are addressed the way the docs address them (endpoint, then member
//! path with `[]` for array items), never by the spec's own type names. A fact missing
//! from the spec, or stated differently (a default, a bound, an enum value), fails here.
//! The facts are data here, so no pages are needed; `seed_pages.rs` checks the quotes.

use vendorspec_model::ir::*;

fn spec() -> Spec {
    vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("the spec does not load:\n{e}"))
}

#[derive(Clone, Copy, Debug)]
enum Body {
    Request,
    Response,
}

/// What the docs say about one member.
#[derive(Debug)]
enum Fact {
    Required,
    Optional,
    Str,
    Int,
    Bool,
    Array,
    HasFormat(&'static str),
    Minimum(i64),
    Maximum(i64),
    MinItems(u64),
    /// JSON text of the default.
    Default(&'static str),
    /// The enum's wire values, in any order, as JSON text.
    Enum(&'static [&'static str]),
    MinDuration(&'static str),
    MaxDuration(&'static str),
    Secret,
    /// Absence has a documented meaning that is not a value (for example "no notification").
    AbsentMeans(&'static str),
}
use Fact::*;

fn names_match(api: &Api, doc: &str, spec: &str) -> bool {
    match api.member_names {
        NameMatching::Exact => doc == spec,
        NameMatching::CaseInsensitive => doc.eq_ignore_ascii_case(spec),
    }
}

/// Follows a doc path (`DiscoveryTargets/SingleIpTargets[]/Timeout`) from an endpoint's
/// body to the member it names.
fn resolve<'s>(spec: &'s Spec, endpoint: &str, body: Body, path: &str) -> (&'s Api, &'s Member) {
    let (api, e) = spec
        .endpoints()
        .find(|(_, e)| e.id == endpoint)
        .unwrap_or_else(|| panic!("no endpoint `{endpoint}`"));
    let mut type_name = match body {
        Body::Request => e.request.as_ref().map(|r| r.body.clone()),
        Body::Response => e.responses.iter().find_map(|r| r.body.clone()),
    }
    .unwrap_or_else(|| panic!("`{endpoint}` has no {body:?} body"));
    let mut found: Option<&Member> = None;
    for segment in path.split('/') {
        let (name, item) = match segment.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (segment, false),
        };
        if let Some(m) = found {
            type_name = named(&m.schema)
                .unwrap_or_else(|| panic!("`{}` in {endpoint} {path} is not an object", m.name));
        }
        let TypeKind::Object(o) = &api.type_def(&type_name).expect("declared").kind else {
            panic!("`{type_name}` is not an object ({endpoint} {path})");
        };
        let m = o
            .members
            .iter()
            .find(|m| names_match(api, name, &m.name))
            .unwrap_or_else(|| panic!("{endpoint} {body:?}: no member `{name}` (path {path})"));
        if item {
            assert!(
                matches!(m.schema.ty, Type::Array(_)),
                "{endpoint} {path}: `{name}` should be an array"
            );
        }
        found = Some(m);
    }
    (api, found.expect("a non-empty path"))
}

/// The object type a member holds (directly or as array items).
fn named(schema: &Schema) -> Option<String> {
    match &schema.ty {
        Type::Named(n) => Some(n.clone()),
        Type::Array(items) => named(items),
        _ => None,
    }
}

/// The schema of the values: the items for an array member.
fn value_schema(schema: &Schema) -> &Schema {
    match &schema.ty {
        Type::Array(items) => items,
        _ => schema,
    }
}

fn enum_values(api: &Api, schema: &Schema) -> Vec<String> {
    let schema = value_schema(schema);
    let Type::Named(n) = &schema.ty else {
        panic!("not an enum: {schema:?}")
    };
    match &api.type_def(n).expect("declared").kind {
        TypeKind::Enum(e) => e.values.iter().map(|v| v.value.to_json()).collect(),
        TypeKind::Object(_) => panic!("`{n}` is an object, not an enum"),
    }
}

fn check(spec: &Spec, endpoint: &str, body: Body, path: &str, facts: &[Fact]) {
    let (api, m) = resolve(spec, endpoint, body, path);
    let at = format!("{endpoint} {body:?} {path}");
    let values = value_schema(&m.schema);
    let c = &values.constraints;
    for fact in facts {
        let ok = match fact {
            Required => m.required,
            Optional => !m.required,
            Str => matches!(values.ty, Type::String),
            Int => matches!(values.ty, Type::Integer),
            Bool => matches!(values.ty, Type::Boolean),
            Array => matches!(m.schema.ty, Type::Array(_)),
            HasFormat(f) => c.format.map(|x| x.name()) == Some(*f),
            Minimum(n) => c.minimum == Some(Number::Int(*n)),
            Maximum(n) => c.maximum == Some(Number::Int(*n)),
            MinItems(n) => m.schema.constraints.min_items == Some(*n),
            Default(json) => m.default.as_ref().map(Literal::to_json).as_deref() == Some(*json),
            Enum(expected) => {
                let mut got = enum_values(api, &m.schema);
                let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
                got.sort();
                want.sort();
                got == want
            }
            MinDuration(d) => c.min_duration.map(|d| d.to_string()).as_deref() == Some(*d),
            MaxDuration(d) => c.max_duration.map(|d| d.to_string()).as_deref() == Some(*d),
            Secret => m.secret,
            AbsentMeans(words) => m.absent_means.as_deref().is_some_and(|a| a.contains(words)),
        };
        assert!(ok, "{at}: expected {fact:?}, the spec has {m:#?}");
    }
}

const DEVICE_ID: Fact = HasFormat("device_id");

#[test]
fn create_package_execution_request_000() {
    let s = spec();
    let e = "create_package_execution";
    check(&s, e, Body::Request, "execution", &[Required]);
    check(&s, e, Body::Request, "execution/name", &[Str]);
    check(&s, e, Body::Request, "execution/target", &[Required]);
    check(
        &s,
        e,
        Body::Request,
        "execution/target/devices",
        &[Array, Str, DEVICE_ID, Optional],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/target/zones",
        &[Array, Str, DEVICE_ID, Optional],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/destination",
        // The pages' ftp, sftp and smb, and https (seeds README, "More facts from real
        // clients": real servers accept S3 bucket URLs).
        &[Str, HasFormat("result_destination"), Default("\"\"")],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/keepResultsLocally",
        &[Bool],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/packageExecutions",
        &[Array, Required, MinItems(1)],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/packageExecutions[]/arguments",
        &[Array, Str],
    );
    check(
        &s,
        e,
        Body::Request,
        "execution/packageExecutions[]/package",
        &[Str, HasFormat("uuid"), Required],
    );
}

/// Responses of create (000) and delete (001): the same resource.
#[test]
fn package_execution_responses_000_001() {
    let s = spec();
    for e in ["create_package_execution", "delete_package_execution"] {
        check(
            &s,
            e,
            Body::Response,
            "createdAt",
            // With or without an offset, as real servers write times (seeds README).
            &[Str, HasFormat("date_time_offset_optional"), Optional],
        );
        check(&s, e, Body::Response, "createdBy/id", &[Str]);
        check(&s, e, Body::Response, "createdBy/login", &[Str]);
        check(&s, e, Body::Response, "destination", &[Str]);
        // A count of devices: non-negative even though the page does not say so.
        check(&s, e, Body::Response, "deviceCount", &[Int, Minimum(0)]);
        for status in ["acked", "failed", "succeeded"] {
            check(
                &s,
                e,
                Body::Response,
                &format!("deviceStatuses/{status}"),
                &[Int, Minimum(0)],
            );
        }
        check(&s, e, Body::Response, "id", &[Str]);
        check(&s, e, Body::Response, "keepResultsLocally", &[Bool]);
        check(&s, e, Body::Response, "name", &[Str]);
        check(
            &s,
            e,
            Body::Response,
            "packageExecutions[]/arguments",
            &[Array, Str],
        );
        // In responses `package` is a download URL (001, real clients), not the UUID.
        check(&s, e, Body::Response, "packageExecutions[]/package", &[Str]);
        let (_, m) = resolve(&s, e, Body::Response, "packageExecutions[]/package");
        assert_eq!(
            m.schema.constraints.format, None,
            "responses carry URLs in `package`"
        );
        check(&s, e, Body::Response, "target/devices", &[Array, Str]);
        check(&s, e, Body::Response, "target/zones", &[Array, Str]);
    }
}

#[test]
fn lockdown_002() {
    let s = spec();
    let e = "lockdown_device";
    check(&s, e, Body::Request, "lockdown_config_id", &[Int]);
    check(&s, e, Body::Request, "lockdown_type", &[Str]);
    check(
        &s,
        e,
        Body::Request,
        "expires",
        &[
            Str,
            HasFormat("duration_dhm"),
            MinDuration("0:00:05"),
            MaxDuration("3:00:00"),
        ],
    );
    check(&s, e, Body::Request, "parameters/Network", &[Optional]);
    for (path, facts) in [
        ("id", &[Str][..]),
        ("hostname", &[Str]),
        ("tenant_id", &[Str]),
        ("connection_status", &[Str]),
        ("optics_device_version", &[Str]),
        ("password", &[Str, Secret]),
        // Response times with or without an offset (seeds README).
        (
            "lockdown_expiration",
            &[Str, HasFormat("date_time_offset_optional")],
        ),
        (
            "lockdown_initiated",
            &[Str, HasFormat("date_time_offset_optional")],
        ),
        ("lockdown_history[]/user_id", &[Str]),
        (
            "lockdown_history[]/timestamp",
            &[Str, HasFormat("date_time_offset_optional")],
        ),
        ("lockdown_history[]/command", &[Str]),
    ] {
        check(&s, e, Body::Response, path, facts);
    }
}

#[test]
fn provision_tenant_003() {
    let s = spec();
    let e = "provision_tenant";
    let required = [
        "name",
        "address1",
        "city",
        "state",
        "country",
        "zipCode",
        "term",
        "protectLicensesAllocated",
        "opticsLicensesAllocated",
        "licenseType",
    ];
    for r in required {
        check(&s, e, Body::Request, r, &[Required]);
    }
    for o in [
        "address2",
        "phones",
        "email",
        "expirationDate",
        "featureIds",
    ] {
        check(&s, e, Body::Request, o, &[Optional]);
    }
    for counts in ["protectLicensesAllocated", "opticsLicensesAllocated"] {
        check(
            &s,
            e,
            Body::Request,
            counts,
            &[Str, HasFormat("non_negative_integer_string")],
        );
    }
    check(&s, e, Body::Request, "phones", &[Array, Str]);
    check(
        &s,
        e,
        Body::Request,
        "licenseType",
        &[Enum(&["\"Evaluation\"", "\"Customer\""])],
    );
    check(
        &s,
        e,
        Body::Request,
        "term",
        &[Enum(&["\"Monthly\"", "\"Annual\""])],
    );
    check(
        &s,
        e,
        Body::Request,
        "expirationDate",
        &[Str, HasFormat("date-time")],
    );
    check(
        &s,
        e,
        Body::Request,
        "featureIds",
        &[
            Array,
            Enum(&[
                "12", "26", "32", "33", "34", "39", "40", "42", "48", "49", "51", "53", "56", "57",
            ]),
        ],
    );
    // The examples' PascalCase spelling resolves too (case-insensitive binding).
    check(&s, e, Body::Request, "ZipCode", &[Required]);
}

#[test]
fn feature_labels_003() {
    let s = spec();
    let (api, m) = resolve(&s, "provision_tenant", Body::Request, "featureIds");
    let Type::Named(n) = &value_schema(&m.schema).ty else {
        panic!()
    };
    let TypeKind::Enum(e) = &api.type_def(n).unwrap().kind else {
        panic!()
    };
    for (id, label) in [
        (12, "Linux"),
        (26, "Device Control"),
        (32, "Auto-Delete for Quarantined Files"),
        (33, "Data Privacy"),
        (34, "Optics V2"),
        (39, "API V2"),
        (40, "Read Only User Role"),
        (42, "Script Control Global Safelist by Hash"),
        (48, "Ubuntu"),
        (49, "Notification for Quarantine Events"),
        (51, "Optics ML"),
        (53, "Optics Refract Package"),
        (56, "Optics Refract Playbook"),
        (57, "Amazon Linux"),
    ] {
        let v = e
            .values
            .iter()
            .find(|v| v.value == Literal::Int(id))
            .expect("value");
        assert_eq!(v.label.as_deref(), Some(label), "feature {id}");
    }
}

#[test]
fn create_job_004() {
    let s = spec();
    let e = "create_job";
    check(&s, e, Body::Request, "Name", &[Str, Required]);
    check(
        &s,
        e,
        Body::Request,
        "JobType",
        &[Required, Enum(&["1", "2", "3"])],
    );
    check(
        &s,
        e,
        Body::Request,
        "StartTime",
        &[Str, Required, HasFormat("date-time")],
    );
    check(
        &s,
        e,
        Body::Request,
        "OverwriteExistingAgents",
        &[Bool, Optional],
    );
    check(
        &s,
        e,
        Body::Request,
        "Credentials",
        &[Optional, AbsentMeans("Access Denied")],
    );
    check(&s, e, Body::Request, "Credentials/Username", &[Str]);
    check(&s, e, Body::Request, "Credentials/Password", &[Str, Secret]);
    // "If not set, all modules will be set to false by default."
    check(
        &s,
        e,
        Body::Request,
        "Modules",
        &[
            Optional,
            Default(r#"{"AC": false, "AV": false, "DC": false, "PR": false}"#),
        ],
    );
    for module in ["AC", "AV", "DC", "PR"] {
        check(
            &s,
            e,
            Body::Request,
            &format!("Modules/{module}"),
            &[Bool, Default("false")],
        );
    }
    // Absent: all eight true. Present: unlisted options false.
    let options = [
        "PortScanDiscovery",
        "IcmpDiscovery",
        "ResolveDnsName",
        "ResolveMacAddress",
        "ResolveNetbiosName",
        "SnmpDiscovery",
        "VerifyWithPing",
        "WindowsDiscovery",
    ];
    let all_true = format!(
        "{{{}}}",
        options
            .iter()
            .map(|o| format!("\"{o}\": true"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (_, m) = resolve(&s, e, Body::Request, "DiscoveryOptions");
    assert_eq!(m.default.as_ref().map(Literal::to_json), Some(all_true));
    for option in options {
        check(
            &s,
            e,
            Body::Request,
            &format!("DiscoveryOptions/{option}"),
            &[Bool, Default("false")],
        );
    }
    check(&s, e, Body::Request, "DiscoveryTargets", &[Required]);
    for (list, members) in [
        ("SingleIpTargets", &["Ip"][..]),
        ("RangeIpTargets", &["StartIp", "EndIP"]),
        ("ComputerNameTargets", &["ComputerName"]),
        (
            "ActiveDirectoryTargets",
            &["CanonicalName", "OrganizationalUnit", "Domain"],
        ),
    ] {
        check(
            &s,
            e,
            Body::Request,
            &format!("DiscoveryTargets/{list}"),
            &[Array, Optional],
        );
        for member in members {
            check(
                &s,
                e,
                Body::Request,
                &format!("DiscoveryTargets/{list}[]/{member}"),
                &[Str],
            );
        }
        // "Timeout (in milliseconds; default value = 3000)", "Retry (default value = 3)".
        check(
            &s,
            e,
            Body::Request,
            &format!("DiscoveryTargets/{list}[]/Timeout"),
            &[
                Int,
                Minimum(0),
                Maximum(i32::MAX as i64),
                Default("3000"),
                Optional,
            ],
        );
        check(
            &s,
            e,
            Body::Request,
            &format!("DiscoveryTargets/{list}[]/Retry"),
            &[Int, Minimum(0), Default("3"), Optional],
        );
    }
    for ip in [
        "SingleIpTargets[]/Ip",
        "RangeIpTargets[]/StartIp",
        "RangeIpTargets[]/EndIp",
    ] {
        check(
            &s,
            e,
            Body::Request,
            &format!("DiscoveryTargets/{ip}"),
            &[HasFormat("ipv4"), Required],
        );
    }
    check(
        &s,
        e,
        Body::Request,
        "DiscoveryTargets/ActiveDirectoryTargets[]/Username",
        &[Str],
    );
    check(
        &s,
        e,
        Body::Request,
        "DiscoveryTargets/ActiveDirectoryTargets[]/Password",
        &[Str, Secret],
    );
}

#[test]
fn create_deployment_group_004() {
    let s = spec();
    let e = "create_deployment_group";
    check(&s, e, Body::Request, "CustomPatchListId", &[Int, Required]);
    check(
        &s,
        e,
        Body::Request,
        "AgentGuids",
        &[Array, Str, HasFormat("uuid"), Optional],
    );
    check(&s, e, Body::Request, "GroupIds", &[Array, Int, Optional]);
    check(
        &s,
        e,
        Body::Request,
        "StartTime",
        &[Str, HasFormat("date-time"), Required],
    );
    check(
        &s,
        e,
        Body::Request,
        "Notify",
        &[Optional, AbsentMeans("not be notified")],
    );
    check(&s, e, Body::Request, "Reboot", &[Optional]);
    check(
        &s,
        e,
        Body::Request,
        "Notify/Message",
        &[
            Str,
            Default(
                "\"The download and installation of the patch: {Package Name} is ready to begin. If you require any additional information, please contact your Ivanti Endpoint Security administrator.\"",
            ),
        ],
    );
    for block in ["Notify", "Reboot"] {
        for (option, default) in [
            ("AllowCancel", "false"),
            ("AllowSnooze", "true"),
            ("NotificationOnTop", "true"),
            ("UseAgentPolicies", "false"),
            ("UseAgentPolicy_AllowCancel", "false"),
            ("UseAgentPolicy_AllowSnooze", "true"),
            ("UseAgentPolicy_NotificationOnTop", "true"),
        ] {
            check(
                &s,
                e,
                Body::Request,
                &format!("{block}/{option}"),
                &[Bool, Optional, Default(default)],
            );
        }
    }
    // Times in minutes: non-negative.
    check(
        &s,
        e,
        Body::Request,
        "Notify/DeployWithin",
        &[Int, Minimum(0)],
    );
    check(
        &s,
        e,
        Body::Request,
        "Reboot/RebootWithin",
        &[Int, Minimum(0)],
    );
}

/// The rules across members that the pages state.
#[test]
fn rules_across_members() {
    let s = spec();
    let object_rules = |endpoint: &str, path: Option<&str>| -> Vec<RuleKind> {
        let (api, e) = s.endpoints().find(|(_, e)| e.id == endpoint).unwrap();
        let name = match path {
            None => e.request.as_ref().unwrap().body.clone(),
            Some(p) => named(&resolve(&s, endpoint, Body::Request, p).1.schema).unwrap(),
        };
        match &api.type_def(&name).unwrap().kind {
            TypeKind::Object(o) => o.rules.iter().map(|r| r.kind.clone()).collect(),
            TypeKind::Enum(_) => panic!(),
        }
    };
    let has_members = |rules: &[RuleKind], code: &str, want: &[&str], count: Count| {
        rules.iter().any(|r| match r {
            RuleKind::ExactlyOneOf { members, count: c }
            | RuleKind::AtLeastOneOf { members, count: c } => {
                r.code() == code && *c == count && {
                    let mut a: Vec<&str> = members.iter().map(String::as_str).collect();
                    let mut b = want.to_vec();
                    a.sort();
                    b.sort();
                    a == b
                }
            }
            _ => false,
        })
    };
    // 000 + real clients: "devices only or zones only", one list may be sent empty.
    let r = object_rules("create_package_execution", Some("execution/target"));
    assert!(
        has_members(&r, "exactly_one_of", &["devices", "zones"], Count::NonEmpty),
        "{r:?}"
    );
    // 004: "At least one target type must be set" and `ComputerNameTargets: []` is invalid.
    let r = object_rules("create_job", Some("DiscoveryTargets"));
    assert!(has_members(
        &r,
        "at_least_one_of",
        &[
            "SingleIpTargets",
            "RangeIpTargets",
            "ComputerNameTargets",
            "ActiveDirectoryTargets"
        ],
        Count::NonEmpty
    ));
    // 004: AgentGuids optional if GroupIds is specified and the other way round.
    let r = object_rules("create_deployment_group", None);
    assert!(has_members(
        &r,
        "at_least_one_of",
        &["AgentGuids", "GroupIds"],
        Count::NonEmpty
    ));
    // StartIp ≤ EndIp.
    let r = object_rules("create_job", Some("DiscoveryTargets/RangeIpTargets[]"));
    assert!(r.iter().any(
        |k| matches!(k, RuleKind::RangeOrder { low, high } if low == "StartIp" && high == "EndIp")
    ));
    // 003: feature dependencies.
    let r = object_rules("provision_tenant", None);
    for (feature, needs) in [(48, 12), (51, 34), (53, 34), (56, 34), (57, 12)] {
        let found = r.iter().any(|k| match k {
            RuleKind::Requires { when, then, .. } => {
                matches!(when.0.as_slice(), [t] if t.member.eq_ignore_ascii_case("featureIds") && matches!(&t.predicate, Predicate::Contains(Literal::Int(v)) if *v == feature))
                    && matches!(then.0.as_slice(), [t] if t.member.eq_ignore_ascii_case("featureIds") && matches!(&t.predicate, Predicate::Contains(Literal::Int(v)) if *v == needs))
            }
            _ => false,
        });
        assert!(found, "feature {feature} requires {needs}");
    }
}

/// The advice codes (docs/CLI.md, "Rule codes"): warnings, each with its condition.
#[test]
fn advice() {
    let s = spec();
    let all: Vec<(&str, &Advice)> = s
        .apis
        .iter()
        .flat_map(|a| a.types.iter().map(move |t| (a.id.as_str(), t)))
        .filter_map(|(api, t)| match &t.kind {
            TypeKind::Object(o) => Some(o.advice.iter().map(move |a| (api, a))),
            _ => None,
        })
        .flatten()
        .collect();
    let get = |code: &str| {
        all.iter()
            .find(|(_, a)| a.code == code)
            .map(|(_, a)| *a)
            .unwrap_or_else(|| panic!("no advice `{code}`"))
    };
    let tests = |a: &Advice| -> Vec<String> {
        a.when
            .0
            .iter()
            .map(|t| format!("{} {:?}", t.member, t.predicate))
            .collect()
    };
    // "agent installs and uninstalls will fail with Access Denied"
    let a = get("install_without_credentials");
    assert_eq!(
        tests(a),
        ["JobType In([Int(2), Int(3)])", "Credentials Present(false)"]
    );
    // "For other job types, this property is ignored."
    let a = get("modules_ignored");
    assert_eq!(
        tests(a),
        ["JobType NotIn([Int(2)])", "Modules Present(true)"]
    );
    // Results neither kept locally nor sent anywhere.
    let a = get("results_kept_nowhere");
    assert_eq!(
        tests(a),
        [
            "keepResultsLocally Equals(Bool(false))",
            "destination Equals(String(\"\"))"
        ]
    );
}

/// Endpoints: method, path, scope, parameters (000, 001, 002, 003, 004 and the README).
#[test]
fn endpoints_and_parameters() {
    let s = spec();
    let table = [
        (
            "create_package_execution",
            "POST",
            "/packages/v2/executions",
            Some("opticspkgdeploy:create"),
        ),
        (
            "delete_package_execution",
            "DELETE",
            "/packages/v2/executions/{unique_execution_id}",
            Some("opticspkgdeploy:delete"),
        ),
        (
            "lockdown_device",
            "PUT",
            "/devicecommands/v2/{device_id}/lockdown",
            Some("opticscommand:create"),
        ),
        (
            "provision_tenant",
            "POST",
            "/public/v2/{region}/tenants/provision",
            None,
        ),
        ("create_job", "POST", "/api/v2/Jobs", None),
        (
            "create_deployment_group",
            "POST",
            "/api/v2/DeploymentGroups",
            None,
        ),
    ];
    assert_eq!(s.endpoints().count(), table.len());
    for (id, method, path, scope) in table {
        let (_, e) = s.endpoints().find(|(_, e)| e.id == id).unwrap();
        assert_eq!(
            (e.method.as_str(), e.path.as_str(), e.scope.as_deref()),
            (method, path, scope),
            "{id}"
        );
    }
    let (_, lockdown) = s
        .endpoints()
        .find(|(_, e)| e.id == "lockdown_device")
        .unwrap();
    let device = &lockdown.path_parameters[0];
    assert_eq!(
        (device.name.as_str(), device.schema.constraints.format),
        ("device_id", Some(Format::DeviceId))
    );
    let value = lockdown
        .query_parameters
        .iter()
        .find(|p| p.name == "value")
        .unwrap();
    assert_eq!(
        (&value.schema.ty, value.default.as_ref()),
        (&Type::Boolean, Some(&Literal::Bool(true)))
    );
    let expires = lockdown
        .query_parameters
        .iter()
        .find(|p| p.name == "expires")
        .unwrap();
    assert!(!expires.required, "some clients omit expires");
    assert_eq!(
        expires.schema.constraints.min_duration.map(|d| d.minutes),
        Some(5)
    );
    assert_eq!(
        expires.schema.constraints.max_duration.map(|d| d.minutes),
        Some(3 * 24 * 60)
    );
    // Lockdown success is 200 or 201, flat or wrapped in `data`.
    let r = &lockdown.responses[0];
    assert_eq!(r.status, [200, 201]);
    assert!(r.variants.iter().any(|v| v.wrapper.is_none()));
    assert!(r.variants.iter().any(|v| {
        v.wrapper
            .as_ref()
            .is_some_and(|w| w.member == "data" && w.members.iter().any(|m| m.name == "status"))
    }));
    let (_, delete) = s
        .endpoints()
        .find(|(_, e)| e.id == "delete_package_execution")
        .unwrap();
    assert_eq!(
        delete.path_parameters[0].schema.constraints.format,
        Some(Format::Uuid)
    );
}

/// API-level facts: base URLs, variables, auth, name matching, syntax and encoding.
#[test]
fn apis() {
    let s = spec();
    let protect = s.api("cylance_protect_v2").unwrap();
    assert_eq!(protect.base_url, "https://protectapi.cylance.com");
    assert_eq!(
        (
            protect.member_names,
            protect.body_syntax,
            protect.body_encoding
        ),
        (NameMatching::Exact, BodySyntax::Strict, BodyEncoding::Plain)
    );
    assert_eq!(protect.auth.scope_claim.as_deref(), Some("scp"));
    assert_eq!(protect.auth.scope_separator.as_deref(), Some(","));
    assert_eq!(protect.auth.max_token_lifetime_minutes, Some(30));

    let admin = s.api("cylance_admin_v2").unwrap();
    assert_eq!(admin.base_url, "https://api-admin.cylance.com");
    assert_eq!(admin.member_names, NameMatching::CaseInsensitive);
    let region = admin.variables.iter().find(|v| v.name == "region").unwrap();
    let mut regions = enum_values(admin, &region.schema);
    regions.sort();
    assert_eq!(regions, ["\"au\"", "\"eu\"", "\"jp\"", "\"sp\"", "\"us\""]);

    let ivanti = s.api("ivanti_es_v2").unwrap();
    assert_eq!(
        (
            ivanti.member_names,
            ivanti.body_syntax,
            ivanti.body_encoding
        ),
        (
            NameMatching::CaseInsensitive,
            BodySyntax::Lenient,
            BodyEncoding::Enveloped
        )
    );
    let port = ivanti.variables.iter().find(|v| v.name == "port").unwrap();
    assert_eq!(port.default, Some(Literal::Int(43470)));
    let login = ivanti.auth.login.as_ref().unwrap();
    assert_eq!(
        (
            login.method.as_str(),
            login.path.as_str(),
            login.token_member.as_str()
        ),
        ("POST", "/api/v2/Authentication/Login", "Jwt")
    );
}

/// Whether an example quotes a seed page (its source starts with the page's number, as
/// `000 "Request with device ID and destination local"`), rather than being our own
/// (`vendorspec`) or written from the seeds README's facts from real clients.
fn from_a_page(example: &Example) -> bool {
    vendorspec_tests::quoted_page(&example.source).is_some()
}

/// Every example the pages give is in the spec, with its verdict.
#[test]
fn doc_examples_are_all_there() {
    let s = spec();
    let mut examples: Vec<(&str, &Example)> = Vec::new();
    for api in &s.apis {
        for e in &api.endpoints {
            for ex in e
                .request
                .iter()
                .flat_map(|r| &r.examples)
                .chain(e.responses.iter().flat_map(|r| &r.examples))
            {
                examples.push((e.id.as_str(), ex));
            }
        }
        for t in &api.types {
            for ex in &t.examples {
                examples.push((api.id.as_str(), ex));
            }
        }
    }
    let from_docs: Vec<&(&str, &Example)> =
        examples.iter().filter(|(_, e)| from_a_page(e)).collect();
    let count = |prefix: &str| {
        from_docs
            .iter()
            .filter(|(_, e)| e.source.starts_with(prefix))
            .count()
    };
    // 000: two request examples; 002: one request; 003: two tenants; 004: the stringified
    // sample and its envelope, the Jobs model, 3 Modules, 3 DiscoveryOptions, 4 valid and
    // 2 invalid DiscoveryTargets, the DeploymentGroups model, 3 DeploymentGroups examples,
    // and the inline `Notify: {}`: 20.
    assert_eq!(
        (count("000"), count("002"), count("003"), count("004")),
        (2, 1, 2, 20)
    );
    let invalid: Vec<&str> = from_docs
        .iter()
        .filter(|(_, e)| !e.valid)
        .map(|(_, e)| e.name.as_str())
        .collect();
    assert_eq!(
        invalid,
        [
            "The full model of POST /api/v2/DeploymentGroups",
            "No target type specified",
            "Target types specified, but no actual targets specified",
        ]
    );
    let deployment = from_docs
        .iter()
        .find(|(_, e)| e.name == "The full model of POST /api/v2/DeploymentGroups")
        .unwrap();
    assert_eq!(deployment.1.expect[0].rule, "syntax");
}
