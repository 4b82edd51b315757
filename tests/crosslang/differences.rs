//! Everything the cross-language test tolerates, each by name, so that nothing is hidden:
//! the rules the published schemas cannot state, the payloads a JSON value cannot carry,
//! and the engine differences, each shown by the smallest payload that shows it.

use vendorspec::runtime::endpoint::BodyKind;

/// The rules JSON Schema cannot state (named in each schema's `$comment`): our validator
/// rejects the payload, every schema engine must accept it.
pub const SCHEMA_BLIND: &[&str] = &["range_order"];

/// Our findings that mean the payload is not one JSON value: a `syntax` error, or
/// `duplicate_key` (a JSON value cannot hold two members of one name). Such payloads stay
/// out of the corpus.
pub fn not_representable(errors: &[&str]) -> bool {
    errors
        .iter()
        .any(|rule| matches!(*rule, "duplicate_key" | "syntax"))
}

/// The verdict every schema engine must give, from our error rules: valid unless one of
/// the errors is a rule the schema states.
pub fn schema_verdict(errors: &[&str]) -> bool {
    errors.iter().all(|rule| SCHEMA_BLIND.contains(rule))
}

/// The schemas Ajv refuses to compile with every strict option on (`strict: true`), with
/// the option that refuses each: none. (It once held `lockdown_device.response`, whose
/// wrapped-variant `if` named `data` in `required` without `properties`; fixed in the
/// runtime's schema generator.)
pub const AJV_STRICT_REFUSES: &[(&str, &str)] = &[];

/// The engines the corpus is run through, besides our validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Engine {
    /// The `jsonschema` crate, on the payload as `serde_json` reads it.
    JsonschemaRs,
    /// Python `jsonschema` (Draft202012Validator with a FormatChecker).
    Python,
    /// Ajv2020 with ajv-formats, strict mode.
    Ajv,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::JsonschemaRs, Engine::Python, Engine::Ajv];

    pub fn name(self) -> &'static str {
        match self {
            Engine::JsonschemaRs => "jsonschema (Rust crate)",
            Engine::Python => "jsonschema (Python)",
            Engine::Ajv => "Ajv2020 + ajv-formats",
        }
    }
}

/// One hand-written payload about a documented engine quirk, with the verdict each engine
/// gives. Where an engine differs from ours, the test asserts exactly that difference, so
/// the list cannot go stale: an engine that changes its mind fails the test.
#[derive(Debug)]
pub struct Probe {
    pub name: &'static str,
    /// What it shows, as the README lists it.
    pub shows: &'static str,
    pub endpoint: &'static str,
    pub kind: BodyKind,
    /// Strict JSON, given to the engines as every case is (`corpus.rs`): exactly as
    /// written on an API without lenience, else as `normalize` writes it.
    pub payload: &'static str,
    /// Our validator's verdict (checked too, so the probe tests what it says).
    pub ours: bool,
    /// The `jsonschema` crate's verdict; `None` where `serde_json` refuses the payload.
    pub jsonschema_rs: Option<bool>,
    pub python: bool,
    pub ajv: bool,
}

impl Probe {
    /// What `engine` says on this probe; `None` when it cannot read the payload.
    pub fn expected(&self, engine: Engine) -> Option<bool> {
        match engine {
            Engine::JsonschemaRs => self.jsonschema_rs,
            Engine::Python => Some(self.python),
            Engine::Ajv => Some(self.ajv),
        }
    }

    /// Whether some engine's verdict differs from ours: a known engine difference, rather
    /// than a quirk the schemas avoid.
    pub fn is_difference(&self) -> bool {
        Engine::ALL
            .into_iter()
            .any(|e| self.expected(e) != Some(self.ours))
    }
}

const PACKAGE_RESPONSE: BodyKind = BodyKind::Response(None);

/// The known engine differences and the quirks the schemas are written to avoid.
pub const PROBES: &[Probe] = &[
    // Differences: an engine disagrees with our validator.
    Probe {
        name: "integer_beyond_f64_range",
        shows: "`1e400` where an unbounded integer is expected: we read an integral literal \
                as an integer past every bound (valid); Python reads infinity, which is not \
                an integer, and JavaScript reads Infinity, which Ajv's strictNumbers refuses \
                (both invalid); serde_json refuses the number, so the `jsonschema` crate \
                gives no verdict",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"deviceCount":1e400}"#,
        ours: true,
        jsonschema_rs: None,
        python: false,
        ajv: false,
    },
    // Quirks the published schemas avoid: every engine agrees with us.
    Probe {
        name: "date_time_with_a_space_for_t",
        shows: "ajv-formats' `date-time` accepts a space for `T`; the schemas state formats \
                as patterns, not `format`, so every engine rejects it",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"createdAt":"2026-11-22 18:30:00Z"}"#,
        ours: false,
        jsonschema_rs: Some(false),
        python: false,
        ajv: false,
    },
    Probe {
        name: "leap_second_not_at_midnight",
        shows: "ajv-formats' `date-time` takes a leap second only at 23:59:60 UTC; our \
                format takes `:60` at any minute, and so does its pattern in every engine",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"createdAt":"2026-11-22T18:30:60Z"}"#,
        ours: true,
        jsonschema_rs: Some(true),
        python: true,
        ajv: true,
    },
    Probe {
        name: "line_feed_after_a_format_value",
        shows: "Python's `$` matches before a final line feed; format patterns carry a \
                `not: {pattern: \"\\n\"}` guard, so every engine rejects it",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"createdAt":"2026-11-22T18:30:00Z\n"}"#,
        ours: false,
        jsonschema_rs: Some(false),
        python: false,
        ajv: false,
    },
    Probe {
        name: "fraction_below_f64_precision",
        shows: "`1.0000000000000001` where an integer is expected: the literal is not an \
                integer, but every engine reads the double 1.0, and so do we (valid)",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"deviceCount":1.0000000000000001}"#,
        ours: true,
        jsonschema_rs: Some(true),
        python: true,
        ajv: true,
    },
    Probe {
        name: "integer_beyond_2_53",
        shows: "JavaScript reads 2^53 + 1 as 2^53; no published bound or constant lies beyond \
                2^53, so every engine accepts it where an unbounded integer is expected",
        endpoint: "create_package_execution",
        kind: PACKAGE_RESPONSE,
        payload: r#"{"deviceCount":9007199254740993}"#,
        ours: true,
        jsonschema_rs: Some(true),
        python: true,
        ajv: true,
    },
    Probe {
        name: "integer_beyond_2_53_past_a_bound",
        shows: "the same, past a 32-bit bound: every engine rejects it",
        endpoint: "create_job",
        kind: BodyKind::Request,
        payload: r#"{"Name":"n","JobType":1,"StartTime":"2026-11-22T18:30:00Z","DiscoveryTargets":{"SingleIpTargets":[{"Ip":"10.0.0.1","Retry":9007199254740993}]}}"#,
        ours: false,
        jsonschema_rs: Some(false),
        python: false,
        ajv: false,
    },
];
