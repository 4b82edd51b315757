//! `serde::Deserialize` for contract types that validates: parse, don't validate. A value of
//! a generated type that came through serde always holds its contract, because the JSON is
//! walked against the type's shape before the value is built; a violation is a serde error
//! whose message is the findings' (masked like every finding).
//!
//! The generated types implement `Deserialize` with [`deserialize`]. The input is the
//! canonical form (`Serialize`'s output: strict JSON, canonical member names, no envelope);
//! the wire forms (an envelope, lenient syntax, names in another case) are the endpoint's
//! business (`EndpointDesc::validate`, `parse_response`).

use serde::de::{Deserialize, Deserializer, Error};

use crate::typed::{Contract, FromTree};
use crate::walk::{self, Options};

/// How many findings a deserialization error names before it says how many more there are.
const NAMED: usize = 3;

/// Deserializes `T` from its canonical JSON, validating it first.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Contract + FromTree,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    let bytes = serde_json::to_vec(&value).map_err(D::Error::custom)?;
    match walk::parse_typed::<T>(&bytes, &Options::default()) {
        Ok((typed, _warnings)) => Ok(typed),
        Err(report) => {
            let errors: Vec<String> = report
                .into_sorted()
                .into_iter()
                .filter(|f| f.severity == crate::finding::Severity::Error)
                .map(|f| {
                    let at = if f.pointer.is_empty() {
                        "/"
                    } else {
                        &f.pointer
                    };
                    format!("{at}: {} ({})", f.message, f.rule)
                })
                .collect();
            let more = errors.len().saturating_sub(NAMED);
            let mut message = errors
                .into_iter()
                .take(NAMED)
                .collect::<Vec<_>>()
                .join("; ");
            if more > 0 {
                message.push_str(&format!("; and {more} more"));
            }
            Err(D::Error::custom(format!(
                "the value breaks its contract: {message}"
            )))
        }
    }
}
