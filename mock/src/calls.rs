//! Realistic calls, for the tests, the benchmark and scripts that drive the mock: an
//! endpoint's parameters drawn as `vendorspec sample` draws bodies, and the request target
//! (path and query) they make.

use serde_json::Value;
use vendorspec::runtime::endpoint::{EndpointDesc, EndpointError};
use vendorspec::runtime::strategy::{self, Day, Realism};

/// Valid parameters of `endpoint` (path, query and the API's variables) as one object,
/// the same for the same seed and day.
pub fn realistic_params(endpoint: &'static EndpointDesc, seed: u64, today: Day) -> Value {
    let realism = Realism {
        examples: &[],
        today,
    };
    strategy::sample_realistic(&endpoint.params, realism, seed, 1)
        .pop()
        .unwrap_or(Value::Null)
}

/// The path and query of a call to `endpoint` with `params` (an object of parameter
/// values; strings as they are, other values as JSON text).
pub fn target(endpoint: &EndpointDesc, params: &Value) -> Result<String, EndpointError> {
    let texts: Vec<(&str, String)> = params
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    (k.as_str(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let url = endpoint.url(&pairs)?;
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    Ok(url[after_scheme..]
        .find('/')
        .map_or_else(|| "/".to_string(), |i| url[after_scheme + i..].to_string()))
}
