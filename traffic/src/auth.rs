//! A request's credentials as the API judges them: the bearer token, and the claims of a
//! JWT read without verifying its signature (vendorspec holds no keys; what matters is what
//! the client sent: its scopes and its lifetime). `traffic` reports these findings, the mock
//! answers 401 or 403 for them: one check for both.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use vendorspec_runtime::endpoint::EndpointDesc;
use vendorspec_runtime::finding::{Rule, Severity};

/// How a server answers a credential finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No usable token: 401.
    Unauthenticated,
    /// A token the endpoint does not take (scope, lifetime): 403.
    Forbidden,
    /// A warning only: the call goes through.
    None,
}

/// One finding about a request's `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthFinding {
    pub refusal: Refusal,
    pub severity: Severity,
    pub rule: Rule,
    /// `/Authorization`, or the claim (`/Authorization/scp`).
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

/// Whether `method path` is the API's own login endpoint (which takes no token).
pub fn is_login(endpoint: &EndpointDesc) -> bool {
    endpoint
        .api
        .auth
        .login
        .as_ref()
        .is_some_and(|l| l.method == endpoint.method && l.path == endpoint.path)
}

/// The findings about a request to `endpoint` whose `Authorization` header is
/// `authorization` (`None` when it sent none): a missing or non-bearer token, a token that is
/// not a JWT where the API reads claims, a missing scope, a lifetime over the API's limit.
pub fn check_authorization(
    endpoint: &EndpointDesc,
    authorization: Option<&str>,
) -> Vec<AuthFinding> {
    let bearer_help = || Some("send the token as `Authorization` with the scheme `Bearer`".into());
    let unauthenticated = |message: String, help: Option<String>| AuthFinding {
        refusal: Refusal::Unauthenticated,
        severity: Severity::Error,
        rule: Rule::Header,
        pointer: "/Authorization".into(),
        message,
        help,
    };
    if is_login(endpoint) {
        return Vec::new();
    }
    let Some(value) = authorization else {
        return vec![unauthenticated(
            format!(
                "no `Authorization` header; `{}` needs the API's token (`Bearer`)",
                endpoint.id
            ),
            bearer_help(),
        )];
    };
    let Some(token) = bearer(value) else {
        return vec![unauthenticated(
            "the `Authorization` header's scheme is not `Bearer`".into(),
            bearer_help(),
        )];
    };
    let auth = &endpoint.api.auth;
    if auth.scope_claim.is_none() && auth.max_token_lifetime_minutes.is_none() {
        return Vec::new();
    }
    let Some(claims) = claims(token) else {
        return vec![unauthenticated(
            "the `Authorization` token is not a JWT (three base64url parts, a JSON payload)".into(),
            None,
        )];
    };
    let mut out = Vec::new();
    if let (Some(claim), Some(scope)) = (auth.scope_claim, endpoint.scope) {
        let granted = claims
            .get(claim)
            .map(|c| scopes(c, auth.scope_separator.unwrap_or(",")));
        let message = match granted {
            None => Some(format!(
                "the token has no `{claim}` claim; `{}` needs scope `{scope}`",
                endpoint.id
            )),
            Some(granted) if !granted.iter().any(|s| s == scope) => Some(format!(
                "the token's `{claim}` claim does not grant `{scope}`, which `{}` needs",
                endpoint.id
            )),
            Some(_) => None,
        };
        if let Some(message) = message {
            out.push(AuthFinding {
                refusal: Refusal::Forbidden,
                severity: Severity::Error,
                rule: Rule::Scope,
                pointer: format!("/Authorization/{claim}"),
                message,
                help: Some(format!("request a token with `{scope}` in `{claim}`")),
            });
        }
    }
    if let Some(max) = auth.max_token_lifetime_minutes {
        match lifetime_seconds(&claims) {
            Some(seconds) if seconds > f64::from(max) * 60.0 => out.push(AuthFinding {
                refusal: Refusal::Forbidden,
                severity: Severity::Error,
                rule: Rule::TokenLifetime,
                pointer: "/Authorization/exp".into(),
                message: format!(
                    "the token's lifetime (`exp` - `iat`) is {} minutes; the API refuses tokens valid for more than {max} minutes",
                    minutes(seconds)
                ),
                help: Some(format!("request tokens that expire within {max} minutes")),
            }),
            Some(_) => {}
            None => out.push(AuthFinding {
                refusal: Refusal::None,
                severity: Severity::Warning,
                rule: Rule::TokenLifetime,
                pointer: "/Authorization/exp".into(),
                message: format!(
                    "the token has no numeric `iat` and `exp` claims; the API refuses tokens valid for more than {max} minutes"
                ),
                help: None,
            }),
        }
    }
    out
}

/// Seconds as whole minutes, or with one decimal when not whole.
fn minutes(seconds: f64) -> String {
    let m = seconds / 60.0;
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

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
