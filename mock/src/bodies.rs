//! Response bodies: contract-valid, the spec's examples first and generated values after.
//!
//! Every endpoint answers with [`base`]: the first valid example of its documented success
//! response (the flat variant, normalized), or, where the spec has none, a realistic value
//! drawn from the seed as `vendorspec sample` draws it. The endpoints that create something
//! write what the request and the state say into that base ([`package_execution`],
//! [`lockdown`]); each written value is one the contract allows, and the tests validate
//! every answer with the endpoint's response validator.

use serde_json::{Value, json};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::normalize::normalize;
use vendorspec::runtime::strategy::{self, Day, Realism};

use crate::state::{Device, State, rfc3339};

/// The documented success status (the first status of the first response).
pub fn success_status(endpoint: &EndpointDesc) -> u16 {
    endpoint
        .responses
        .first()
        .and_then(|r| r.status.first().copied())
        .unwrap_or(200)
}

/// The spec's valid examples of `endpoint`'s response with `status`, normalized, flat
/// variant only (the mock builds them once).
pub fn examples(endpoint: &EndpointDesc, status: u16) -> Vec<Value> {
    let Some(response) = endpoint.response(Some(status)) else {
        return Vec::new();
    };
    let Some(shape) = response.body.as_ref() else {
        return Vec::new();
    };
    let options = endpoint.api.response_options();
    let wrapper = response.wrapped.as_ref().map(|w| w.member);
    response
        .examples
        .iter()
        .filter_map(|text| normalize(text.as_bytes(), shape, &options).ok())
        .filter(|v| wrapper.is_none_or(|w| v.get(w).is_none()))
        .collect()
}

/// The body of `endpoint`'s response with `status` (whose [`examples`] are `examples`):
/// the first example, else a realistic value from the seed; `None` where the response
/// documents no body.
pub fn base(
    endpoint: &EndpointDesc,
    status: u16,
    examples: &[Value],
    state: &mut State,
) -> Option<Value> {
    let shape = endpoint.response(Some(status))?.body.as_ref()?;
    if let Some(first) = examples.first() {
        return Some(first.clone());
    }
    let seed = state.next_u64();
    let today = Day::from_unix_seconds(state.now());
    let realism = Realism { examples, today };
    strategy::sample_realistic(shape, realism, seed, 1)
        .into_iter()
        .next()
}

/// A created package execution: the base resource with the request's name, target,
/// destination, packages and setting, a new id, the creation time, and the device counts
/// of a command just sent (every device acknowledged, none finished).
pub fn package_execution(mut base: Value, request: &Value, id: &str, now: i64) -> Value {
    let execution = request.get("execution").cloned().unwrap_or(Value::Null);
    let devices = execution
        .pointer("/target/devices")
        .cloned()
        .unwrap_or_else(|| json!([]));
    let zones = execution
        .pointer("/target/zones")
        .cloned()
        .unwrap_or_else(|| json!([]));
    let device_count = devices.as_array().map_or(0, Vec::len);
    let packages: Vec<Value> = execution
        .get("packageExecutions")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|p| {
                    let package = p.get("package").and_then(Value::as_str).unwrap_or("");
                    json!({
                        "arguments": p.get("arguments").cloned().unwrap_or_else(|| json!([])),
                        // Servers answer with a download URL, not the id sent.
                        "package": format!(
                            "https://content.cylance.com/{}",
                            package.replace('-', "").to_ascii_uppercase()
                        ),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let fields = json!({
        "id": id,
        "name": execution.get("name").cloned().unwrap_or_else(|| json!("")),
        "createdAt": rfc3339(now, true),
        "destination": execution.get("destination").cloned().unwrap_or_else(|| json!("")),
        "keepResultsLocally": execution
            .get("keepResultsLocally")
            .cloned()
            .unwrap_or(Value::Bool(false)),
        "packageExecutions": packages,
        "target": { "devices": devices, "zones": zones },
        "deviceCount": device_count,
        "deviceStatuses": { "acked": device_count, "failed": 0, "succeeded": 0 },
    });
    overlay(&mut base, fields);
    base
}

/// A lockdown's answer: the base device with this device's id, its lock state, the unlock
/// password, the lockdown's start and end, and its history.
pub fn lockdown(
    mut base: Value,
    device_id: &str,
    device: &Device,
    locked: bool,
    now: i64,
    expires_seconds: i64,
) -> Value {
    let mut fields = json!({
        "id": device_id,
        "connection_status": if locked { "locked" } else { "connected" },
        "lockdown_history": device.history,
    });
    if locked {
        fields["lockdown_initiated"] = json!(rfc3339(now, false));
        fields["lockdown_expiration"] = json!(rfc3339(now + expires_seconds, false));
    }
    match &device.password {
        Some(password) if locked => fields["password"] = json!(password),
        _ => {
            if let Some(map) = base.as_object_mut() {
                map.remove("password");
            }
        }
    }
    if !locked && let Some(map) = base.as_object_mut() {
        map.remove("lockdown_initiated");
        map.remove("lockdown_expiration");
    }
    overlay(&mut base, fields);
    base
}

/// Writes `fields`' members over `base`'s (an object; anything else becomes `fields`).
fn overlay(base: &mut Value, fields: Value) {
    match (base.as_object_mut(), fields) {
        (Some(map), Value::Object(fields)) => map.extend(fields),
        (_, fields) => *base = fields,
    }
}

/// Which body kind a status's response is, for the validator.
pub fn response_kind(status: u16) -> BodyKind {
    BodyKind::Response(Some(status))
}
