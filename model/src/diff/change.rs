//! The change model: where a change is, what it is, and what it breaks for the two kinds
//! of users of a contract: those who send request payloads and those who consume
//! responses.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::diag::Loc;
use crate::ir::Literal;

/// How much a change matters to one side of the contract; ordered from `Info` up to
/// `Breaking`, so `--fail-on` can ask for "this level or above".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing a payload or a consumer can notice: documentation, examples, defaults,
    /// the names of generated Rust items.
    Info,
    /// Everything that worked before still works.
    Compatible,
    /// A request payload valid before is now invalid, or a response valid now was
    /// invalid before (so a consumer built on the old contract may reject it).
    Breaking,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Compatible, Level::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Compatible => "compatible",
            Level::Breaking => "breaking",
        }
    }
}

/// What a change does to the set of values the contract accepts. The level on each side
/// follows from it: what a request may no longer contain breaks senders; what a response
/// may now contain breaks consumers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Accepts less (a tightened constraint, a new rule, a removed enum value).
    Narrower,
    /// Accepts more (a loosened constraint, a removed rule, a new enum value).
    Wider,
    /// Accepts other values (a type, pattern or format replaced): neither side is safe.
    Different,
    /// Accepts the same values (descriptions, defaults, examples, Rust names).
    Same,
}

impl Effect {
    pub fn for_requests(self) -> Level {
        match self {
            Effect::Narrower | Effect::Different => Level::Breaking,
            Effect::Wider => Level::Compatible,
            Effect::Same => Level::Info,
        }
    }

    pub fn for_responses(self) -> Level {
        match self {
            Effect::Wider | Effect::Different => Level::Breaking,
            Effect::Narrower => Level::Compatible,
            Effect::Same => Level::Info,
        }
    }
}

/// Which side of the contract a change concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// What the client sends: request bodies, parameters, the call itself.
    Request,
    /// What the client receives: response bodies and status codes.
    Response,
    /// Settings that govern both (member-name matching, an endpoint added or removed).
    Both,
}

/// How a change is classified: by its effect on accepted values, or directly when the
/// effect alone does not say it (a response member added is tolerated as unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    By(Effect),
    Is(Level),
}

impl Class {
    /// The level for requests and for responses, `None` for a side the change does not
    /// concern.
    pub fn levels(self, side: Side) -> (Option<Level>, Option<Level>) {
        let (request, response) = match self {
            Class::By(effect) => (effect.for_requests(), effect.for_responses()),
            Class::Is(level) => (level, level),
        };
        match side {
            Side::Request => (Some(request), None),
            Side::Response => (None, Some(response)),
            Side::Both => (Some(request), Some(response)),
        }
    }
}

/// The part of the contract a change is in. Ordered as reports list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// API-wide settings: base URL, auth, member names, body syntax and encoding.
    Api,
    /// The endpoint itself: added, removed, method, path, scope.
    Endpoint,
    /// Path and query parameters, and (with no endpoint) the API's variables.
    Parameters,
    Request,
    Response,
}

impl Body {
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Api => "api",
            Body::Endpoint => "endpoint",
            Body::Parameters => "parameters",
            Body::Request => "request",
            Body::Response => "response",
        }
    }
}

/// Declares [`Kind`] and its stable codes in one place.
macro_rules! kinds {
    ($($(#[doc = $doc:literal])* $variant:ident => $code:literal,)*) => {
        /// What changed. Each kind has a stable snake_case code (the `change` field of
        /// the JSON report).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Kind {
            /// The stable code.
            pub fn code(self) -> &'static str {
                match self {
                    $(Kind::$variant => $code,)*
                }
            }
        }
    };
}

kinds! {
    /// An API (a spec file's `api.id`) appeared.
    ApiAdded => "api_added",
    ApiRemoved => "api_removed",
    BaseUrlChanged => "base_url_changed",
    /// Exact or case-insensitive member names.
    MemberNamesChanged => "member_names_changed",
    /// Strict or lenient JSON.
    BodySyntaxChanged => "body_syntax_changed",
    /// Plain or `{"value": "..."}` bodies.
    BodyEncodingChanged => "body_encoding_changed",
    /// The JWT claim that lists scopes.
    ScopeClaimChanged => "scope_claim_changed",
    ScopeSeparatorChanged => "scope_separator_changed",
    /// The longest token lifetime the API accepts.
    TokenLifetimeChanged => "token_lifetime_changed",
    /// Where the API issues tokens.
    LoginChanged => "login_changed",
    EndpointAdded => "endpoint_added",
    EndpointRemoved => "endpoint_removed",
    /// The endpoint id now belongs to another API.
    EndpointMoved => "endpoint_moved",
    MethodChanged => "method_changed",
    PathChanged => "path_changed",
    /// The JWT scope the call needs: added, removed or replaced.
    ScopeChanged => "scope_changed",
    ParameterAdded => "parameter_added",
    ParameterRemoved => "parameter_removed",
    /// A request body, or a response's body, appeared.
    BodyAdded => "body_added",
    BodyRemoved => "body_removed",
    /// A documented body became optional (may be left out) or required.
    BodyPresenceChanged => "body_presence_changed",
    /// A response with status codes no old response had.
    ResponseAdded => "response_added",
    ResponseRemoved => "response_removed",
    /// A response's status codes.
    StatusChanged => "status_changed",
    VariantAdded => "variant_added",
    VariantRemoved => "variant_removed",
    /// A variant's wrapper member (`data`) added, removed or renamed.
    WrapperChanged => "wrapper_changed",
    MemberAdded => "member_added",
    MemberRemoved => "member_removed",
    /// The canonical spelling of a member whose names match case-insensitively.
    MemberSpellingChanged => "member_spelling_changed",
    RequiredChanged => "required_changed",
    TypeChanged => "type_changed",
    /// The same shape under another type name (the generated Rust type's name).
    TypeRenamed => "type_renamed",
    EnumValueAdded => "enum_value_added",
    EnumValueRemoved => "enum_value_removed",
    /// An enum value's name (the generated Rust variant's name).
    EnumValueRenamed => "enum_value_renamed",
    FormatChanged => "format_changed",
    PatternChanged => "pattern_changed",
    MinLengthChanged => "min_length_changed",
    MaxLengthChanged => "max_length_changed",
    MinimumChanged => "minimum_changed",
    MaximumChanged => "maximum_changed",
    MinItemsChanged => "min_items_changed",
    MaxItemsChanged => "max_items_changed",
    UniqueItemsChanged => "unique_items_changed",
    MinDurationChanged => "min_duration_changed",
    MaxDurationChanged => "max_duration_changed",
    RuleAdded => "rule_added",
    RuleRemoved => "rule_removed",
    /// A rule over the same members that now counts them differently.
    RuleChanged => "rule_changed",
    DefaultChanged => "default_changed",
    /// What absence means, when it is not a default value.
    AbsentMeaningChanged => "absent_meaning_changed",
    SecretChanged => "secret_changed",
    AdviceAdded => "advice_added",
    AdviceRemoved => "advice_removed",
    AdviceChanged => "advice_changed",
    ExampleAdded => "example_added",
    ExampleRemoved => "example_removed",
    ExampleChanged => "example_changed",
    /// Title, summary, description, label or source text.
    DescriptionChanged => "description_changed",
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One change between two versions of a spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The higher of `request` and `response`: what `--fail-on` and the report's
    /// headings go by.
    pub level: Level,
    /// The API id (the new one's, when the change is in both).
    pub api: String,
    /// The endpoint id; `None` for API-wide changes and API variables.
    pub endpoint: Option<String>,
    pub body: Body,
    /// The response's status codes, for `body: response`.
    pub status: Option<Vec<u16>>,
    /// The member path as the docs write it (`/DiscoveryTargets/RangeIpTargets/StartIp`):
    /// member names with RFC 6901 escaping, array levels left out; `""` is the body
    /// itself. Parameters: `/path/NAME`, `/query/NAME`, `/variables/NAME`.
    pub path: String,
    pub change: Kind,
    /// For request payloads; `None` when the change is not about requests.
    pub request: Option<Level>,
    /// For response consumers; `None` when the change is not about responses.
    pub response: Option<Level>,
    /// One line for a person; code in backticks.
    pub message: String,
    /// The value before, when the change has one (a bound, a pattern, a default).
    pub old: Option<Literal>,
    /// The value after.
    pub new: Option<Literal>,
    /// Where the change is in the new spec (for a removal: the nearest enclosing thing
    /// that still exists), so CI annotations land on the edited line.
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Change {
    /// Sets the values before and after.
    pub fn values(mut self, old: Option<Literal>, new: Option<Literal>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    /// Sets where the change is in the new spec; an unknown location (line 0) is left out.
    pub fn at(mut self, file: &str, loc: Loc) -> Self {
        if loc.line > 0 {
            self.file = Some(file.to_string());
            self.line = Some(loc.line);
            self.column = Some(loc.column);
        }
        self
    }

    /// The endpoint id, or the API id for API-wide changes.
    pub fn subject(&self) -> &str {
        self.endpoint.as_deref().unwrap_or(&self.api)
    }

    /// `request`, `response 200/201`, `parameters`...
    pub fn body_label(&self) -> String {
        match &self.status {
            Some(status) if !status.is_empty() => {
                let codes: Vec<String> = status.iter().map(u16::to_string).collect();
                format!("{} {}", self.body.as_str(), codes.join("/"))
            }
            _ => self.body.as_str().to_string(),
        }
    }

    /// `create_job request /DiscoveryTargets/RangeIpTargets/StartIp`.
    pub fn location(&self) -> String {
        let mut text = format!("{} {}", self.subject(), self.body_label());
        if !self.path.is_empty() {
            text.push(' ');
            text.push_str(&self.path);
        }
        text
    }

    /// "requests: compatible, responses: breaking" when the two sides differ, since the
    /// single `level` then hides one of them.
    pub fn sides_note(&self) -> Option<String> {
        match (self.request, self.response) {
            (Some(request), Some(response)) if request != response => Some(format!(
                "requests: {}, responses: {}",
                request.as_str(),
                response.as_str()
            )),
            _ => None,
        }
    }

    /// The order of reports: API, endpoint (API-wide first), body, status, path, change
    /// code, message.
    fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.api,
            &self.endpoint,
            self.body,
            &self.status,
            &self.path,
            self.change.code(),
            &self.message,
        )
    }
}

/// Counts of changes by level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub changes: usize,
    pub breaking: usize,
    pub compatible: usize,
    pub info: usize,
}

impl Summary {
    /// `3 changes: 1 breaking, 1 compatible, 1 info`, or `no changes`.
    pub fn sentence(&self) -> String {
        if self.changes == 0 {
            return "no changes".into();
        }
        format!(
            "{} change{}: {} breaking, {} compatible, {} info",
            self.changes,
            if self.changes == 1 { "" } else { "s" },
            self.breaking,
            self.compatible,
            self.info
        )
    }
}

/// Every change between two specs, in a deterministic order, with counts. Serializes as
/// the JSON report: `{"changes": [...], "summary": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub summary: Summary,
}

impl Report {
    /// Sorts the changes (see [`Change`]'s order), drops exact repeats and counts them.
    pub fn new(mut changes: Vec<Change>) -> Report {
        changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(order_values(a, b)));
        changes.dedup();
        let mut summary = Summary {
            changes: changes.len(),
            ..Summary::default()
        };
        for change in &changes {
            match change.level {
                Level::Breaking => summary.breaking += 1,
                Level::Compatible => summary.compatible += 1,
                Level::Info => summary.info += 1,
            }
        }
        Report { changes, summary }
    }

    /// The highest level of any change; `None` when nothing changed.
    pub fn max_level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// Whether some change is at `level` or above.
    pub fn has_at_least(&self, level: Level) -> bool {
        self.max_level().is_some_and(|max| max >= level)
    }
}

/// Ties on every key but the values (never expected; kept total so the order cannot
/// depend on the walk).
fn order_values(a: &Change, b: &Change) -> Ordering {
    let text = |v: &Option<Literal>| v.as_ref().map(Literal::to_json);
    (text(&a.old), text(&a.new)).cmp(&(text(&b.old), text(&b.new)))
}

/// The plain-text report, one line per change (`level  where: what`, aligned on the level),
/// then the summary sentence: `vendorspec diff`'s human format, and what tests compare.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            write!(
                f,
                "{:<10}  {}: {}",
                change.level.as_str(),
                change.location(),
                change.message
            )?;
            if let Some(note) = change.sides_note() {
                write!(f, " ({note})")?;
            }
            writeln!(f)?;
        }
        writeln!(f, "{}", self.summary.sentence())
    }
}

/// Where the changes being collected are: the part of the contract, which side it
/// concerns, and the new spec file for locations.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place<'a> {
    pub api: &'a str,
    pub endpoint: Option<&'a str>,
    pub body: Body,
    pub status: Option<&'a [u16]>,
    pub side: Side,
    pub file: &'a str,
}

impl<'a> Place<'a> {
    /// A change here, located at `loc` in the new spec.
    pub fn change(
        &self,
        kind: Kind,
        path: &str,
        loc: Loc,
        class: Class,
        message: impl Into<String>,
    ) -> Change {
        let (request, response) = class.levels(self.side);
        Change {
            level: request.max(response).unwrap_or(Level::Info),
            api: self.api.to_string(),
            endpoint: self.endpoint.map(str::to_string),
            body: self.body,
            status: self.status.map(<[u16]>::to_vec),
            path: path.to_string(),
            change: kind,
            request,
            response,
            message: message.into(),
            old: None,
            new: None,
            file: None,
            line: None,
            column: None,
        }
        .at(self.file, loc)
    }
}
