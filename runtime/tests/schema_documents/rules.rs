//! Every rule kind, test kind and count; roots that are not objects; recursion;
//! collisions; the schemars entry point.

use super::*;

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
    // An object's default depends on its presence: said in words, not as `default`
    // (which code generators write into every payload).
    assert!(doc["properties"]["Defaults"].get("default").is_none());
    assert!(
        doc["properties"]["Defaults"]["description"]
            .as_str()
            .unwrap()
            .ends_with(r#"When absent, the server applies `{"Reboot":true}`."#),
        "{}",
        doc["properties"]["Defaults"]
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
