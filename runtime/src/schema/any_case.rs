//! The any-case variant of a schema document, for the APIs whose servers bind member names
//! in any ASCII case (the Cylance admin API and Ivanti's): a payload written with the
//! spellings the real server accepts (`name`, `NAME`, `computerNameTargets`, the vendor
//! pages' own) validates as it is, with no normalising step before a plain JSON Schema
//! engine, which is what an editor or a Python team has.
//!
//! Every schema object that names members is rewritten, wherever it is (objects, `$defs`,
//! rule branches, conditions):
//!
//! - `properties: {Name: S}` becomes `patternProperties: {"^[Nn][Aa][Mm][Ee]$": S}`, so `S`
//!   applies to the member in any case (and `additionalProperties` still refuses the rest);
//! - `required: [Name]` becomes "some member's name matches": `not: {propertyNames: {not:
//!   {pattern: "^[Nn][Aa][Mm][Ee]$"}}}`, one per required member, under `allOf`.
//!
//! Character classes rather than a case-insensitive flag: JSON Schema's ECMA-262 patterns
//! have no inline `(?i)`, and `[Nn]` reads alike in every engine. The verdicts are the
//! validator's on the payload as sent, but for one difference the variant cannot remove:
//! two spellings of one member (`{"Name": "a", "name": "b"}`), which the server binds to
//! one member and the validator reports as `duplicate_key`, are two members here, both
//! checked.

use serde_json::{Map, Value, json};

/// The keywords whose value is a schema, or an array or map of schemas: the places a
/// member-naming schema can sit. `examples`, `const`, `enum` and `default` hold values,
/// not schemas, and are left as they are.
const SUBSCHEMA: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
];
const SUBSCHEMA_ARRAYS: &[&str] = &["allOf", "anyOf", "oneOf"];
const SUBSCHEMA_MAPS: &[&str] = &["$defs", "properties", "patternProperties"];

/// The any-case variant of `doc` (see the module documentation); its `$id`, when there is
/// one, names the variant's file (`x.schema.json` becomes `x.any-case.schema.json`).
pub fn any_case(doc: &Value) -> Value {
    let mut doc = rewrite(doc);
    if let Some(Value::String(id)) = doc.get_mut("$id") {
        *id = match id.strip_suffix(".schema.json") {
            Some(stem) => format!("{stem}.any-case.schema.json"),
            None => format!("{id}.any-case"),
        };
    }
    doc
}

/// `^[Nn][Aa][Mm][Ee]$`: the member name in any ASCII case, every other character escaped
/// as a pattern needs it.
pub fn any_case_pattern(name: &str) -> String {
    let mut out = String::from("^");
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            out.push('[');
            out.push(c.to_ascii_uppercase());
            out.push(c.to_ascii_lowercase());
            out.push(']');
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '-' || !c.is_ascii() {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out.push('$');
    out
}

fn rewrite(value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let mut out = Map::new();
    let mut required_any_case = Vec::new();
    for (key, v) in map {
        match key.as_str() {
            "properties" => {
                let Value::Object(props) = v else {
                    out.insert(key.clone(), v.clone());
                    continue;
                };
                let patterns: Map<String, Value> = props
                    .iter()
                    .map(|(name, schema)| (any_case_pattern(name), rewrite(schema)))
                    .collect();
                match out.get_mut("patternProperties") {
                    Some(Value::Object(existing)) => existing.extend(patterns),
                    _ => {
                        out.insert("patternProperties".into(), Value::Object(patterns));
                    }
                }
            }
            "required" => {
                for name in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    let pattern = any_case_pattern(name);
                    required_any_case.push(json!({
                        "not": { "propertyNames": { "not": { "pattern": pattern } } }
                    }));
                }
            }
            k if SUBSCHEMA.contains(&k) => {
                out.insert(key.clone(), rewrite(v));
            }
            k if SUBSCHEMA_ARRAYS.contains(&k) => {
                let items = v.as_array().into_iter().flatten().map(rewrite).collect();
                out.insert(key.clone(), Value::Array(items));
            }
            k if SUBSCHEMA_MAPS.contains(&k) => {
                let entries = v
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, schema)| (name.clone(), rewrite(schema)))
                    .collect();
                match (k, out.get_mut(k)) {
                    ("patternProperties", Some(Value::Object(existing))) => {
                        existing.extend(entries)
                    }
                    _ => {
                        out.insert(key.clone(), Value::Object(entries));
                    }
                }
            }
            _ => {
                out.insert(key.clone(), v.clone());
            }
        }
    }
    if !required_any_case.is_empty() {
        match out.get_mut("allOf") {
            Some(Value::Array(all)) => all.extend(required_any_case),
            _ => {
                out.insert("allOf".into(), Value::Array(required_any_case));
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_case_classes() {
        assert_eq!(
            any_case_pattern("JobType"),
            "^[Jj][Oo][Bb][Tt][Yy][Pp][Ee]$"
        );
        assert_eq!(any_case_pattern("Use_X.1"), "^[Uu][Ss][Ee]_[Xx]\\.1$");
    }

    #[test]
    fn properties_and_required_are_rewritten_everywhere_but_in_values() {
        let doc = json!({
            "type": "object",
            "properties": { "Name": { "type": "string" } },
            "required": ["Name"],
            "additionalProperties": false,
            "examples": [{ "Name": "x" }],
            "allOf": [{ "if": { "properties": { "Name": { "const": "a" } } }, "then": false }]
        });
        let out = any_case(&doc);
        assert_eq!(
            out["patternProperties"],
            json!({ "^[Nn][Aa][Mm][Ee]$": { "type": "string" } })
        );
        assert!(out.get("properties").is_none() && out.get("required").is_none());
        assert_eq!(out["examples"], doc["examples"]);
        assert_eq!(
            out["allOf"][0]["if"],
            json!({ "patternProperties": { "^[Nn][Aa][Mm][Ee]$": { "const": "a" } } })
        );
        assert_eq!(
            out["allOf"][1],
            json!({ "not": { "propertyNames": { "not": { "pattern": "^[Nn][Aa][Mm][Ee]$" } } } })
        );
    }
}
