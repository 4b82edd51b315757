//! Expected documents for two small descriptors, and every shape and constraint.

use super::*;

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
            // The rules in words too, for the docs of code generated from the schema.
            "description": "Devices or zones.\n\nRules across members (checked by a validator of this schema, not by types generated from it): exactly one of `devices`, `zones` must be given and non-empty.",
            "properties": {
                "devices": { "type": "array", "items": device, "description": "Device ids." },
                "zones": { "type": "array", "items": device, "description": "Zone ids." }
            },
            "additionalProperties": false,
            // At least one counts (`if` none does, `then` nothing is valid), and no two
            // count: `if`/`then` and `not`, which code generators leave aside.
            "allOf": [{
                "$comment": "exactly_one_of: devices, zones (count: non_empty)",
                "if": { "properties": {
                    "devices": { "not": { "type": "array", "minItems": 1 } },
                    "zones": { "not": { "type": "array", "minItems": 1 } }
                } },
                "then": false,
                "not": { "anyOf": [{
                    "required": ["devices", "zones"],
                    "properties": {
                        "devices": { "type": "array", "minItems": 1 },
                        "zones": { "type": "array", "minItems": 1 }
                    }
                }] }
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
            "when": "2024-02-29T23:59:59.5+05:30",
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
        ok(with("when", json!("0001-01-01T00:00:00.123456789-14:00"))),
        bad(
            "format: a .NET DateTime has no leap second",
            with("when", json!("2016-12-31T23:59:60Z")),
        ),
        bad(
            "format: a .NET DateTime has no year 0000",
            with("when", json!("0000-01-01T00:00:00Z")),
        ),
        bad(
            "format: more than 7 fraction digits need an offset within 14:00",
            with("when", json!("2022-03-03T11:30:00.123456789+14:01")),
        ),
        ok(with("when", json!("2022-03-03T11:30:00.1234567+23:59"))),
        ok(with("when", json!("2022-03-03t11:30:00-14:00"))),
        bad(
            "format: a lower-case t needs an offset within 14:00",
            with("when", json!("2022-03-03t11:30:00-14:01")),
        ),
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
