//! JSON Web Tokens as the mock issues them (Ivanti's login) and as tests and scripts write
//! them for the Cylance APIs: `header.claims.signature`, each part base64url without
//! padding. Nothing here verifies a signature: neither the mock nor `traffic` holds keys,
//! and what the APIs judge is in the claims (scope, lifetime).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

/// An HS256-labelled JWT with `claims` and `signature` as its parts.
pub fn jwt(claims: &Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}
