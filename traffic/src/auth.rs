//! The claims of a bearer JWT, read without verifying its signature (vendorspec holds no
//! keys; what matters here is what the client sent: its scopes and its lifetime).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

/// The token of an `Authorization` header value: what follows `Bearer ` (any case).
pub fn bearer(value: &str) -> Option<&str> {
    let value = value.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The payload claims of a JWT (`header.payload.signature`, base64url), or `None` when the
/// token is not one.
pub fn claims(token: &str) -> Option<Map<String, Value>> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The scopes a claim grants: a string split at `separator` (blanks trimmed), or an array
/// of strings.
pub fn scopes(claim: &Value, separator: &str) -> Vec<String> {
    match claim {
        Value::String(s) => s
            .split(separator)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `exp - iat` in seconds, when both are numbers.
pub fn lifetime_seconds(claims: &Map<String, Value>) -> Option<f64> {
    let iat = claims.get("iat")?.as_f64()?;
    let exp = claims.get("exp")?.as_f64()?;
    Some(exp - iat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_claims_without_a_signature_check() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"scp":"a:read, b:write","iat":100,"exp":1900}"#);
        let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.c2ln");
        assert_eq!(bearer(&format!("bearer {token}")), Some(token.as_str()));
        assert_eq!(bearer("Basic dXNlcjpwdw=="), None);
        let claims = claims(&token).unwrap();
        assert_eq!(scopes(&claims["scp"], ","), ["a:read", "b:write"]);
        assert_eq!(lifetime_seconds(&claims), Some(1800.0));
        assert!(super::claims("not-a-jwt").is_none());
        assert!(super::claims("a.b.c.d").is_none());
    }
}
