//! The constraint keywords, listed once: their name (the same in a spec's YAML and in a
//! `#[contract(..)]` attribute), the values they apply to, the rule a violation reports,
//! the JSON Schema keyword they become and an example of their use.
//!
//! The spec reader takes its allowed keys from here, the spec checker and the derive their
//! "applies to" checks and messages, the schema emitter its keyword names, and the walk's
//! findings carry the rule named here. Adding a keyword starts with a row of [`KEYWORDS`];
//! `docs/ARCHITECTURE.md` lists what else a new keyword needs (its IR field, its check in
//! [`crate::semantics`], its emitted attribute).

use crate::finding::Rule;

/// The values a keyword constrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Strings.
    String,
    /// Integers and numbers.
    Number,
    /// Arrays.
    Array,
    /// Strings in the `duration_dhm` format.
    Duration,
}

impl Applies {
    /// What the keyword applies to, for "`min_items` applies to arrays".
    pub fn label(self) -> &'static str {
        match self {
            Applies::String => "strings",
            Applies::Number => "integers and numbers",
            Applies::Array => "arrays",
            Applies::Duration => "durations (`format: duration_dhm`)",
        }
    }
}

/// One constraint keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    /// The key in a spec and in a `#[contract(..)]` attribute: `min_length`.
    pub name: &'static str,
    /// The values it constrains.
    pub applies: Applies,
    /// The rule a value that breaks it is reported under.
    pub rule: Rule,
    /// The JSON Schema keyword it becomes, if it becomes one (duration bounds become a
    /// `pattern` instead).
    pub schema: Option<&'static str>,
    /// An example of its use in an attribute, for messages.
    pub example: &'static str,
}

pub const FORMAT: Keyword = Keyword {
    name: "format",
    applies: Applies::String,
    rule: Rule::Format,
    schema: Some("format"),
    example: "format = \"uuid\"",
};
pub const PATTERN: Keyword = Keyword {
    name: "pattern",
    applies: Applies::String,
    rule: Rule::Pattern,
    schema: Some("pattern"),
    example: "pattern = \"^[a-z]+$\"",
};
pub const MIN_LENGTH: Keyword = Keyword {
    name: "min_length",
    applies: Applies::String,
    rule: Rule::MinLength,
    schema: Some("minLength"),
    example: "min_length = 1",
};
pub const MAX_LENGTH: Keyword = Keyword {
    name: "max_length",
    applies: Applies::String,
    rule: Rule::MaxLength,
    schema: Some("maxLength"),
    example: "max_length = 255",
};
pub const MINIMUM: Keyword = Keyword {
    name: "minimum",
    applies: Applies::Number,
    rule: Rule::Minimum,
    schema: Some("minimum"),
    example: "minimum = 0",
};
pub const MAXIMUM: Keyword = Keyword {
    name: "maximum",
    applies: Applies::Number,
    rule: Rule::Maximum,
    schema: Some("maximum"),
    example: "maximum = 100",
};
pub const MIN_ITEMS: Keyword = Keyword {
    name: "min_items",
    applies: Applies::Array,
    rule: Rule::MinItems,
    schema: Some("minItems"),
    example: "min_items = 1",
};
pub const MAX_ITEMS: Keyword = Keyword {
    name: "max_items",
    applies: Applies::Array,
    rule: Rule::MaxItems,
    schema: Some("maxItems"),
    example: "max_items = 100",
};
pub const UNIQUE_ITEMS: Keyword = Keyword {
    name: "unique_items",
    applies: Applies::Array,
    rule: Rule::UniqueItems,
    schema: Some("uniqueItems"),
    example: "unique_items",
};
pub const MIN_DURATION: Keyword = Keyword {
    name: "min_duration",
    applies: Applies::Duration,
    rule: Rule::Minimum,
    schema: None,
    example: "min_duration = \"0:00:05\"",
};
pub const MAX_DURATION: Keyword = Keyword {
    name: "max_duration",
    applies: Applies::Duration,
    rule: Rule::Maximum,
    schema: None,
    example: "max_duration = \"7:00:00\"",
};

/// Every constraint keyword, in the order specs and messages list them.
pub const KEYWORDS: &[Keyword] = &[
    FORMAT,
    PATTERN,
    MIN_LENGTH,
    MAX_LENGTH,
    MINIMUM,
    MAXIMUM,
    MIN_ITEMS,
    MAX_ITEMS,
    UNIQUE_ITEMS,
    MIN_DURATION,
    MAX_DURATION,
];

/// The keyword named `name`.
pub fn keyword(name: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.name == name)
}

/// The names of every keyword, for lists of allowed keys.
pub fn names() -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_examples_name_their_keyword() {
        for (i, k) in KEYWORDS.iter().enumerate() {
            assert!(
                KEYWORDS[..i].iter().all(|o| o.name != k.name),
                "{} twice",
                k.name
            );
            assert!(k.example.starts_with(k.name), "{}", k.example);
            assert_eq!(keyword(k.name), Some(k));
        }
    }

    /// A keyword's rule is the rule the walk reports when a value breaks it: the rule
    /// codes are the snake_case names, except for the duration bounds, which are
    /// minimum/maximum of a duration.
    #[test]
    fn rules_are_named_after_their_keyword() {
        for k in KEYWORDS {
            let expected = match k.applies {
                Applies::Duration => k.name.replace("_duration", "imum"),
                _ => k.name.to_string(),
            };
            assert_eq!(k.rule.as_str(), expected, "{}", k.name);
        }
    }
}
