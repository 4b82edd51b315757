//! The contracts' secret member names, found once, for the runtime's lexical masker
//! ([`vendorspec::runtime::mask`]), which code frames and SARIF snippets go through.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use vendorspec::runtime::mask;

pub use vendorspec::runtime::mask::MASK;

/// The member names whose values are secret in any body of any endpoint, lowercased.
pub fn secret_names() -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| mask::secret_names(vendorspec::ENDPOINTS))
}

/// The byte ranges of secret values in JSON text (strict, lenient or enveloped).
pub fn json_masks(text: &str) -> Vec<Range<usize>> {
    mask::json_masks(text, secret_names())
}

/// The byte ranges of secret values in YAML text.
pub fn yaml_masks(text: &str) -> Vec<Range<usize>> {
    static KEY: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let key = KEY.get_or_init(|| mask::yaml_key_pattern(secret_names()));
    mask::yaml_masks(text, key.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_have_secrets() {
        assert!(secret_names().contains("password"), "{:?}", secret_names());
        let text = r#"{"Password": "hunter2"}"#;
        let masked = vendorspec::runtime::redact::mask_spans(text, &json_masks(text));
        assert_eq!(masked, r#"{"Password": "***"}"#);
    }
}
