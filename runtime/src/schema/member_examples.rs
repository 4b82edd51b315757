//! Examples per member, taken from a document's own `examples` (the spec's valid examples,
//! normalized): each member's schema gets the values the examples give it, so generated
//! code and editors show a real value beside each field (pydantic's `Field(examples=...)`).
//! Annotations only: no verdict changes.

use std::collections::BTreeMap;

use serde_json::Value;

/// At most this many distinct values per member.
const PER_MEMBER: usize = 3;

/// Adds `examples` to every member schema of `doc` (the root's and those under `$defs`)
/// that the document's `examples` give a value, in the order they first appear. Members
/// whose schema is `writeOnly` (secrets) get none.
pub fn add_member_examples(doc: &mut Value) {
    let Some(examples) = doc.get("examples").and_then(Value::as_array).cloned() else {
        return;
    };
    let mut found: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    for example in &examples {
        collect(doc, "", doc, example, &mut found, 0);
    }
    for ((location, member), values) in found {
        let node = if location.is_empty() {
            Some(&mut *doc)
        } else {
            doc.pointer_mut(&location)
        };
        let Some(schema) = node
            .and_then(|n| n.get_mut("properties"))
            .and_then(|p| p.get_mut(&member))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if schema.get("writeOnly") == Some(&Value::Bool(true)) || schema.contains_key("examples") {
            continue;
        }
        schema.insert("examples".into(), Value::Array(values));
    }
}

/// Walks `value` along `schema` (at `location` in `doc`), recording each member's value.
fn collect(
    doc: &Value,
    location: &str,
    schema: &Value,
    value: &Value,
    found: &mut BTreeMap<(String, String), Vec<Value>>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(pointer) = reference.strip_prefix('#')
            && let Some(target) = doc.pointer(pointer)
        {
            collect(doc, pointer, target, value, found, depth + 1);
        }
        return;
    }
    match value {
        Value::Object(members) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            for (name, v) in members {
                let Some(member_schema) = properties.get(name) else {
                    continue;
                };
                let values = found
                    .entry((location.to_owned(), name.clone()))
                    .or_default();
                if values.len() < PER_MEMBER && !values.contains(v) {
                    values.push(v.clone());
                }
                let member_location = format!("{location}/properties/{}", escape(name));
                collect(doc, &member_location, member_schema, v, found, depth + 1);
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                let item_location = format!("{location}/items");
                for item in items {
                    collect(doc, &item_location, item_schema, item, found, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A JSON Pointer token.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_get_the_values_the_examples_give_them() {
        let mut doc = json!({
            "type": "object",
            "properties": {
                "Name": { "type": "string" },
                "Password": { "type": "string", "writeOnly": true },
                "Target": { "$ref": "#/$defs/Target" }
            },
            "examples": [
                { "Name": "a", "Password": "p", "Target": { "Ip": "10.0.0.1" } },
                { "Name": "b", "Target": { "Ip": "10.0.0.1" } }
            ],
            "$defs": { "Target": { "type": "object", "properties": { "Ip": { "type": "string" } } } }
        });
        add_member_examples(&mut doc);
        assert_eq!(doc["properties"]["Name"]["examples"], json!(["a", "b"]));
        assert!(doc["properties"]["Password"].get("examples").is_none());
        assert_eq!(
            doc["$defs"]["Target"]["properties"]["Ip"]["examples"],
            json!(["10.0.0.1"])
        );
    }
}
