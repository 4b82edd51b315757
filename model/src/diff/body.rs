//! Compares what two versions of a body or a parameter accept: members, types,
//! constraints, enum values, rules, advice, defaults, descriptions and examples.
//!
//! Named types are followed from the place they are used, so a change to a type shared by
//! several bodies is reported at each of them, under the member path a reader of that
//! body knows.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::diag::Loc;
use crate::ir::{
    Api, Count, EnumBase, EnumType, Example, Format, Literal, Member, NameMatching, ObjectType,
    Parameter, Rule, RuleKind, Schema, Type, TypeKind,
};

use super::bound::{Bound, End, count_bound, duration_bound, number_bound};
use super::change::{Change, Class, Effect, Kind, Level, Place, Side};
use super::describe::{code, condition, literal, path_token, rule, type_name, type_phrase};

/// The comparison of the bodies (or parameters) of one place, old API against new.
pub(crate) struct Bodies<'a, 'o> {
    old_api: &'a Api,
    new_api: &'a Api,
    place: Place<'a>,
    out: &'o mut Vec<Change>,
    /// Pairs of type names being compared on the current path: a recursive type ends the
    /// walk when it meets itself.
    stack: Vec<(String, String)>,
}

/// Where a constraint's change is reported: the member path, the constraint's place in
/// the new spec, and which level of an array it is about.
#[derive(Clone, Copy)]
struct Site<'p> {
    path: &'p str,
    loc: Loc,
    prefix: &'p str,
}

fn string(text: &str) -> Option<Literal> {
    Some(Literal::String(text.to_string()))
}

impl<'a, 'o> Bodies<'a, 'o> {
    pub fn new(
        old_api: &'a Api,
        new_api: &'a Api,
        place: Place<'a>,
        out: &'o mut Vec<Change>,
    ) -> Self {
        Bodies {
            old_api,
            new_api,
            place,
            out,
            stack: Vec::new(),
        }
    }

    fn push(&mut self, change: Change) {
        self.out.push(change);
    }

    /// Two named types used at `path`; `loc` is where the new one is referenced.
    pub fn named(&mut self, path: &str, loc: Loc, prefix: &str, old: &str, new: &str) {
        let (Some(o), Some(n)) = (self.old_api.type_def(old), self.new_api.type_def(new)) else {
            // The checker rejects dangling names; nothing to compare without both.
            return;
        };
        let kind_word = |k: &TypeKind| match k {
            TypeKind::Object(_) => "object",
            TypeKind::Enum(_) => "enum",
        };
        if kind_word(&o.kind) != kind_word(&n.kind) {
            let change = self.place.change(
                Kind::TypeChanged,
                path,
                loc,
                Class::By(Effect::Different),
                format!(
                    "{prefix}type changed from {} {} to {} {}",
                    kind_word(&o.kind),
                    code(old),
                    kind_word(&n.kind),
                    code(new)
                ),
            );
            self.push(change.values(string(old), string(new)));
            return;
        }
        if old != new {
            let change = self.place.change(
                Kind::TypeRenamed,
                path,
                loc,
                Class::By(Effect::Same),
                format!(
                    "{prefix}type {} is now named {} (the generated Rust type)",
                    code(old),
                    code(new)
                ),
            );
            self.push(change.values(string(old), string(new)));
        }
        let pair = (old.to_string(), new.to_string());
        if self.stack.contains(&pair) {
            return;
        }
        self.stack.push(pair);
        if o.description != n.description {
            let change = self.place.change(
                Kind::DescriptionChanged,
                path,
                n.loc,
                Class::By(Effect::Same),
                format!("{prefix}description of type {} changed", code(new)),
            );
            self.push(change.values(string(&o.description), string(&n.description)));
        }
        match (&o.kind, &n.kind) {
            (TypeKind::Object(oo), TypeKind::Object(no)) => self.object(path, n.loc, oo, no),
            (TypeKind::Enum(oe), TypeKind::Enum(ne)) => {
                self.enumeration(path, n.loc, prefix, oe, ne);
            }
            _ => {}
        }
        self.examples(path, n.loc, &o.examples, &n.examples);
        self.stack.pop();
    }

    fn object(&mut self, path: &str, loc: Loc, old: &ObjectType, new: &ObjectType) {
        self.members(path, loc, &old.members, &new.members);
        self.rules(path, loc, &old.rules, &new.rules);
        self.advice(path, loc, &old.advice, &new.advice);
    }

    /// The members of one object at `path`; `loc` is the object's place in the new spec,
    /// where removals are reported.
    pub fn members(&mut self, path: &str, loc: Loc, old: &[Member], new: &[Member]) {
        // On an API that folds member names, a change of case is not a rename.
        let fold = self.old_api.member_names == NameMatching::CaseInsensitive
            && self.new_api.member_names == NameMatching::CaseInsensitive;
        let key = |m: &Member| {
            if fold {
                m.name.to_ascii_lowercase()
            } else {
                m.name.clone()
            }
        };
        let mut pairs: BTreeMap<String, (Option<&Member>, Option<&Member>)> = BTreeMap::new();
        for m in old {
            pairs.entry(key(m)).or_default().0 = Some(m);
        }
        for m in new {
            pairs.entry(key(m)).or_default().1 = Some(m);
        }
        for (o, n) in pairs.into_values() {
            match (o, n) {
                (Some(o), None) => {
                    let required = if o.required { " (it was required)" } else { "" };
                    let change = self.place.change(
                        Kind::MemberRemoved,
                        &format!("{path}/{}", path_token(&o.name)),
                        loc,
                        Class::Is(Level::Breaking),
                        format!("member {} removed{required}", code(&o.name)),
                    );
                    self.push(change);
                }
                (None, Some(n)) => {
                    let level = if self.place.side == Side::Response || !n.required {
                        Level::Compatible
                    } else {
                        Level::Breaking
                    };
                    let which = if n.required { "required" } else { "optional" };
                    let change = self.place.change(
                        Kind::MemberAdded,
                        &format!("{path}/{}", path_token(&n.name)),
                        n.loc,
                        Class::Is(level),
                        format!(
                            "{which} member {} added ({})",
                            code(&n.name),
                            type_phrase(&n.schema.ty)
                        ),
                    );
                    self.push(change);
                }
                (Some(o), Some(n)) => self.member(path, o, n),
                (None, None) => {}
            }
        }
    }

    fn member(&mut self, parent: &str, o: &Member, n: &Member) {
        let path = format!("{parent}/{}", path_token(&n.name));
        let at = |key: &str| n.locs.key(key, n.loc);
        if o.name != n.name {
            let change = self.place.change(
                Kind::MemberSpellingChanged,
                &path,
                n.loc,
                Class::By(Effect::Same),
                format!(
                    "canonical spelling changed from {} to {} (names match case-insensitively)",
                    code(&o.name),
                    code(&n.name)
                ),
            );
            self.push(change.values(string(&o.name), string(&n.name)));
        }
        if o.required != n.required {
            let (effect, now) = if n.required {
                (Effect::Narrower, "required")
            } else {
                (Effect::Wider, "optional")
            };
            let change = self.place.change(
                Kind::RequiredChanged,
                &path,
                at("required"),
                Class::By(effect),
                format!("member is now {now}"),
            );
            self.push(change.values(
                Some(Literal::Bool(o.required)),
                Some(Literal::Bool(n.required)),
            ));
        }
        self.schema(&path, n.loc, "", &o.schema, &n.schema);
        self.default(&path, at("default"), &o.default, &n.default);
        if o.absent_means != n.absent_means {
            let change = self.place.change(
                Kind::AbsentMeaningChanged,
                &path,
                at("absent_means"),
                Class::By(Effect::Same),
                "what absence means changed",
            );
            let text = |t: &Option<String>| t.as_deref().and_then(string);
            self.push(change.values(text(&o.absent_means), text(&n.absent_means)));
        }
        if o.secret != n.secret {
            let message = if n.secret {
                "now secret: redacted in every output"
            } else {
                "no longer secret: shown in messages"
            };
            let change = self.place.change(
                Kind::SecretChanged,
                &path,
                at("secret"),
                Class::By(Effect::Same),
                message,
            );
            self.push(change.values(Some(Literal::Bool(o.secret)), Some(Literal::Bool(n.secret))));
        }
        self.description(
            &path,
            at("description"),
            "description changed",
            &o.description,
            &n.description,
        );
    }

    /// A default added, removed or changed. Info: every payload stays valid; what an
    /// omitted member means changes, which the message and values show.
    fn default(&mut self, path: &str, loc: Loc, old: &Option<Literal>, new: &Option<Literal>) {
        let message = match (old, new) {
            (o, n) if o == n => return,
            (None, Some(n)) => format!("default {} added", literal(n)),
            (Some(o), None) => format!("default {} removed", literal(o)),
            (Some(o), Some(n)) => {
                format!("default changed from {} to {}", literal(o), literal(n))
            }
            (None, None) => return,
        };
        let change = self.place.change(
            Kind::DefaultChanged,
            path,
            loc,
            Class::By(Effect::Same),
            message,
        );
        self.push(change.values(old.clone(), new.clone()));
    }

    fn description(&mut self, path: &str, loc: Loc, message: &str, old: &str, new: &str) {
        if old != new {
            let change = self.place.change(
                Kind::DescriptionChanged,
                path,
                loc,
                Class::By(Effect::Same),
                message,
            );
            self.push(change.values(string(old), string(new)));
        }
    }

    /// Two schemas at `path`; `loc` is where the new one is written, `prefix` says which
    /// level of an array the messages are about ("items: ").
    pub fn schema(&mut self, path: &str, loc: Loc, prefix: &str, o: &Schema, n: &Schema) {
        let type_loc = n.locs.value("type", loc);
        match (&o.ty, &n.ty) {
            (Type::Named(a), Type::Named(b)) => {
                self.constraints(path, loc, prefix, o, n);
                self.named(path, type_loc, prefix, a, b);
            }
            (Type::Array(a), Type::Array(b)) => {
                self.constraints(path, loc, prefix, o, n);
                let items_loc = if b.loc.line > 0 { b.loc } else { loc };
                self.schema(path, items_loc, &format!("{prefix}items: "), a, b);
            }
            (a, b) if a == b => self.constraints(path, loc, prefix, o, n),
            (a, b) => {
                let effect = match (a, b) {
                    // Every integer is a number.
                    (Type::Integer, Type::Number) => Some(Effect::Wider),
                    (Type::Number, Type::Integer) => Some(Effect::Narrower),
                    _ => None,
                };
                let change = self.place.change(
                    Kind::TypeChanged,
                    path,
                    type_loc,
                    Class::By(effect.unwrap_or(Effect::Different)),
                    format!(
                        "{prefix}type changed from {} to {}",
                        type_phrase(a),
                        type_phrase(b)
                    ),
                );
                self.push(change.values(string(&type_name(a)), string(&type_name(b))));
                // Bounds still compare between integers and numbers; other constraints
                // of a replaced type would only repeat the type change.
                if effect.is_some() {
                    self.constraints(path, loc, prefix, o, n);
                }
            }
        }
    }

    fn constraints(&mut self, path: &str, loc: Loc, prefix: &str, o: &Schema, n: &Schema) {
        let (oc, nc) = (&o.constraints, &n.constraints);
        let at = |key: &str| n.locs.key(key, loc);
        let site = |key: &str| Site {
            path,
            loc: at(key),
            prefix,
        };
        self.format(site("format"), oc.format, nc.format);
        self.replaceable(
            Kind::PatternChanged,
            "pattern",
            site("pattern"),
            oc.pattern.clone(),
            nc.pattern.clone(),
        );
        let bounds = [
            (
                Kind::MinLengthChanged,
                "min_length",
                End::Lower,
                count_bound(oc.min_length),
                count_bound(nc.min_length),
            ),
            (
                Kind::MaxLengthChanged,
                "max_length",
                End::Upper,
                count_bound(oc.max_length),
                count_bound(nc.max_length),
            ),
            (
                Kind::MinimumChanged,
                "minimum",
                End::Lower,
                number_bound(oc.minimum),
                number_bound(nc.minimum),
            ),
            (
                Kind::MaximumChanged,
                "maximum",
                End::Upper,
                number_bound(oc.maximum),
                number_bound(nc.maximum),
            ),
            (
                Kind::MinItemsChanged,
                "min_items",
                End::Lower,
                count_bound(oc.min_items),
                count_bound(nc.min_items),
            ),
            (
                Kind::MaxItemsChanged,
                "max_items",
                End::Upper,
                count_bound(oc.max_items),
                count_bound(nc.max_items),
            ),
            (
                Kind::MinDurationChanged,
                "min_duration",
                End::Lower,
                duration_bound(oc.min_duration),
                duration_bound(nc.min_duration),
            ),
            (
                Kind::MaxDurationChanged,
                "max_duration",
                End::Upper,
                duration_bound(oc.max_duration),
                duration_bound(nc.max_duration),
            ),
        ];
        for (kind, key, end, old, new) in bounds {
            self.bound(kind, key, end, site(key), old, new);
        }
        if oc.unique_items != nc.unique_items {
            let (effect, message) = if nc.unique_items {
                (Effect::Narrower, "items must now be unique")
            } else {
                (Effect::Wider, "items no longer need to be unique")
            };
            let change = self.place.change(
                Kind::UniqueItemsChanged,
                path,
                at("unique_items"),
                Class::By(effect),
                format!("{prefix}{message}"),
            );
            self.push(change.values(
                Some(Literal::Bool(oc.unique_items)),
                Some(Literal::Bool(nc.unique_items)),
            ));
        }
    }

    /// A format: added narrows, removed widens; replaced, it widens when the new format
    /// accepts every value of the old one ([`Format::includes`]), narrows when the old
    /// one accepts every value of the new one, and is different otherwise.
    fn format(&mut self, site: Site<'_>, old: Option<Format>, new: Option<Format>) {
        let (effect, message) = match (old, new) {
            (o, n) if o == n => return,
            (None, Some(n)) => (Effect::Narrower, format!("format {} added", code(n.name()))),
            (Some(o), None) => (Effect::Wider, format!("format {} removed", code(o.name()))),
            (Some(o), Some(n)) if n.includes(o) => (
                Effect::Wider,
                format!(
                    "format widened from {} to {} (every {} value is still accepted)",
                    code(o.name()),
                    code(n.name()),
                    code(o.name())
                ),
            ),
            (Some(o), Some(n)) if o.includes(n) => (
                Effect::Narrower,
                format!(
                    "format narrowed from {} to {} (some {} values are no longer accepted)",
                    code(o.name()),
                    code(n.name()),
                    code(o.name())
                ),
            ),
            (Some(o), Some(n)) => (
                Effect::Different,
                format!(
                    "format changed from {} to {}",
                    code(o.name()),
                    code(n.name())
                ),
            ),
            (None, None) => return,
        };
        let change = self.place.change(
            Kind::FormatChanged,
            site.path,
            site.loc,
            Class::By(effect),
            format!("{}{message}", site.prefix),
        );
        let name = |f: Option<Format>| f.map(|f| Literal::String(f.name().to_string()));
        self.push(change.values(name(old), name(new)));
    }

    /// A constraint that is either there or not, and cannot be ordered when replaced
    /// (a pattern): added narrows, removed widens, replaced is different.
    fn replaceable(
        &mut self,
        kind: Kind,
        key: &str,
        site: Site<'_>,
        old: Option<String>,
        new: Option<String>,
    ) {
        let (effect, message) = match (&old, &new) {
            (o, n) if o == n => return,
            (None, Some(n)) => (Effect::Narrower, format!("{key} {} added", code(n))),
            (Some(o), None) => (Effect::Wider, format!("{key} {} removed", code(o))),
            (Some(o), Some(n)) => (
                Effect::Different,
                format!("{key} changed from {} to {}", code(o), code(n)),
            ),
            (None, None) => return,
        };
        let change = self.place.change(
            kind,
            site.path,
            site.loc,
            Class::By(effect),
            format!("{}{message}", site.prefix),
        );
        self.push(change.values(old.map(Literal::String), new.map(Literal::String)));
    }

    /// A lower or upper bound: moving it inwards (or adding it) narrows, outwards (or
    /// removing it) widens.
    fn bound(
        &mut self,
        kind: Kind,
        key: &str,
        end: End,
        site: Site<'_>,
        old: Option<Bound>,
        new: Option<Bound>,
    ) {
        let (effect, message) = match (&old, &new) {
            (None, None) => return,
            (None, Some(n)) => (Effect::Narrower, format!("`{key}` {} added", n.text)),
            (Some(o), None) => (Effect::Wider, format!("`{key}` {} removed", o.text)),
            (Some(o), Some(n)) => {
                let direction = n.order.cmp(o.order);
                let (effect, verb) = match (direction, end) {
                    (Ordering::Equal, _) => return,
                    (Ordering::Greater, End::Lower) => (Effect::Narrower, "raised"),
                    (Ordering::Less, End::Lower) => (Effect::Wider, "lowered"),
                    (Ordering::Less, End::Upper) => (Effect::Narrower, "lowered"),
                    (Ordering::Greater, End::Upper) => (Effect::Wider, "raised"),
                };
                (
                    effect,
                    format!("`{key}` {verb} from {} to {}", o.text, n.text),
                )
            }
        };
        let change = self.place.change(
            kind,
            site.path,
            site.loc,
            Class::By(effect),
            format!("{}{message}", site.prefix),
        );
        self.push(change.values(old.map(|b| b.literal), new.map(|b| b.literal)));
    }

    fn enumeration(&mut self, path: &str, loc: Loc, prefix: &str, o: &EnumType, n: &EnumType) {
        let mut pairs: BTreeMap<String, (Option<_>, Option<_>)> = BTreeMap::new();
        for v in &o.values {
            pairs.entry(v.value.to_json()).or_default().0 = Some(v);
        }
        for v in &n.values {
            pairs.entry(v.value.to_json()).or_default().1 = Some(v);
        }
        // Integer values mean little without their names (`2` is `Install`).
        let named = |v: &crate::ir::EnumValue, base: EnumBase| match base {
            EnumBase::Integer => format!("{} ({})", literal(&v.value), code(&v.name)),
            EnumBase::String => literal(&v.value),
        };
        for (ov, nv) in pairs.into_values() {
            match (ov, nv) {
                (Some(ov), None) => {
                    let change = self.place.change(
                        Kind::EnumValueRemoved,
                        path,
                        loc,
                        Class::By(Effect::Narrower),
                        format!("{prefix}enum value {} removed", named(ov, o.base)),
                    );
                    self.push(change.values(Some(ov.value.clone()), None));
                }
                (None, Some(nv)) => {
                    let change = self.place.change(
                        Kind::EnumValueAdded,
                        path,
                        nv.loc,
                        Class::By(Effect::Wider),
                        format!("{prefix}enum value {} added", named(nv, n.base)),
                    );
                    self.push(change.values(None, Some(nv.value.clone())));
                }
                (Some(ov), Some(nv)) => {
                    let value = literal(&nv.value);
                    if ov.name != nv.name {
                        let change = self.place.change(
                            Kind::EnumValueRenamed,
                            path,
                            nv.loc,
                            Class::By(Effect::Same),
                            format!(
                                "{prefix}enum value {value} is now named {} (was {}; the generated Rust variant)",
                                code(&nv.name),
                                code(&ov.name)
                            ),
                        );
                        self.push(change.values(string(&ov.name), string(&nv.name)));
                    }
                    if ov.label != nv.label {
                        let change = self.place.change(
                            Kind::DescriptionChanged,
                            path,
                            nv.loc,
                            Class::By(Effect::Same),
                            format!("{prefix}label of enum value {value} changed"),
                        );
                        let text = |t: &Option<String>| t.as_deref().and_then(string);
                        self.push(change.values(text(&ov.label), text(&nv.label)));
                    }
                    self.description(
                        path,
                        nv.loc,
                        &format!("{prefix}description of enum value {value} changed"),
                        &ov.description,
                        &nv.description,
                    );
                }
                (None, None) => {}
            }
        }
    }

    /// Rules are matched by what they relate (kind and members, or conditions); their
    /// descriptions are documentation.
    fn rules(&mut self, path: &str, loc: Loc, old: &[Rule], new: &[Rule]) {
        let mut unmatched: Vec<&Rule> = old.iter().collect();
        for n in new {
            let found = unmatched
                .iter()
                .position(|o| rule_identity(&o.kind) == rule_identity(&n.kind));
            match found {
                Some(i) => {
                    let o = unmatched.remove(i);
                    self.rule_pair(path, o, n);
                }
                None => {
                    let text = rule(&n.kind);
                    let change = self.place.change(
                        Kind::RuleAdded,
                        path,
                        n.loc,
                        Class::By(Effect::Narrower),
                        format!("rule {} added", code(&text)),
                    );
                    self.push(change.values(None, string(&text)));
                }
            }
        }
        for o in unmatched {
            let text = rule(&o.kind);
            let change = self.place.change(
                Kind::RuleRemoved,
                path,
                loc,
                Class::By(Effect::Wider),
                format!("rule {} removed", code(&text)),
            );
            self.push(change.values(string(&text), None));
        }
    }

    fn rule_pair(&mut self, path: &str, o: &Rule, n: &Rule) {
        let text = rule(&n.kind);
        let counts = |k: &RuleKind| match k {
            RuleKind::ExactlyOneOf { count, .. } | RuleKind::AtLeastOneOf { count, .. } => {
                Some(*count)
            }
            _ => None,
        };
        if let (Some(oc), Some(nc)) = (counts(&o.kind), counts(&n.kind))
            && oc != nc
        {
            let effect = match (&n.kind, nc) {
                // "At least one non-empty" demands more than "at least one present".
                (RuleKind::AtLeastOneOf { .. }, Count::NonEmpty) => Effect::Narrower,
                (RuleKind::AtLeastOneOf { .. }, Count::Present) => Effect::Wider,
                // Exactly one present and exactly one non-empty each accept payloads
                // the other rejects.
                _ => Effect::Different,
            };
            let word = |c: Count| match c {
                Count::Present => "present",
                Count::NonEmpty => "non-empty",
            };
            let change = self.place.change(
                Kind::RuleChanged,
                path,
                n.loc,
                Class::By(effect),
                format!(
                    "rule {} now counts {} members (was {})",
                    code(&rule(&o.kind)),
                    word(nc),
                    word(oc)
                ),
            );
            self.push(change.values(string(&rule(&o.kind)), string(&text)));
        }
        self.description(
            path,
            n.loc,
            &format!("description of rule {} changed", code(&text)),
            &o.description,
            &n.description,
        );
        if let (RuleKind::Requires { message: om, .. }, RuleKind::Requires { message: nm, .. }) =
            (&o.kind, &n.kind)
        {
            self.description(
                path,
                n.loc,
                &format!("message of rule {} changed", code(&text)),
                om,
                nm,
            );
        }
    }

    /// Advice only warns, so any change to it is info.
    fn advice(
        &mut self,
        path: &str,
        loc: Loc,
        old: &[crate::ir::Advice],
        new: &[crate::ir::Advice],
    ) {
        let fingerprint = |a: &crate::ir::Advice| {
            (
                a.at.clone(),
                condition(&a.when),
                a.message.clone(),
                a.help.clone(),
            )
        };
        let changed = |o: &crate::ir::Advice, n: &crate::ir::Advice| {
            (fingerprint(o) != fingerprint(n)).then(|| (string(&o.message), string(&n.message)))
        };
        let kinds = [Kind::AdviceRemoved, Kind::AdviceChanged, Kind::AdviceAdded];
        let keyed = Keyed {
            noun: "advice",
            kinds,
            key: |a: &crate::ir::Advice| &a.code,
            loc: |a| a.loc,
        };
        self.keyed_info(path, loc, old, new, keyed, changed);
    }

    /// Examples are documentation (and tests), matched by name.
    pub fn examples(&mut self, path: &str, loc: Loc, old: &[Example], new: &[Example]) {
        let changed = |o: &Example, n: &Example| {
            (example_fingerprint(o) != example_fingerprint(n))
                .then(|| (string(&o.text), string(&n.text)))
        };
        let kinds = [
            Kind::ExampleRemoved,
            Kind::ExampleChanged,
            Kind::ExampleAdded,
        ];
        let keyed = Keyed {
            noun: "example",
            kinds,
            key: |e: &Example| &e.name,
            loc: |e| e.loc,
        };
        self.keyed_info(path, loc, old, new, keyed, changed);
    }

    /// Entries of a list matched by key whose changes are information only (advice,
    /// examples): each removed, changed or added entry is one change. `changed` gives the
    /// old and new values to report when a kept entry differs.
    fn keyed_info<T>(
        &mut self,
        path: &str,
        loc: Loc,
        old: &[T],
        new: &[T],
        keyed: Keyed<T>,
        changed: impl Fn(&T, &T) -> Option<(Option<Literal>, Option<Literal>)>,
    ) {
        let [removed, edited, added] = keyed.kinds;
        let noun = keyed.noun;
        for pair in pair_by(old, new, keyed.key) {
            let (kind, at, message, old_value, new_value) = match pair {
                Paired::Removed(o) => {
                    let name = (keyed.key)(o);
                    (
                        removed,
                        loc,
                        format!("{noun} {} removed", code(name)),
                        string(name),
                        None,
                    )
                }
                Paired::Kept(o, n) => match changed(o, n) {
                    Some((old_value, new_value)) => {
                        let message = format!("{noun} {} changed", code((keyed.key)(n)));
                        (edited, (keyed.loc)(n), message, old_value, new_value)
                    }
                    None => continue,
                },
                Paired::Added(n) => {
                    let name = (keyed.key)(n);
                    let message = format!("{noun} {} added", code(name));
                    (added, (keyed.loc)(n), message, None, string(name))
                }
            };
            let change = self
                .place
                .change(kind, path, at, Class::By(Effect::Same), message);
            self.push(change.values(old_value, new_value));
        }
    }

    /// Path or query parameters, or API variables: what the client supplies with the
    /// call, so they are classified like request members. `group` is `path`, `query` or
    /// `variables`; `word` names one in messages.
    pub fn parameters(
        &mut self,
        group: &str,
        word: &str,
        loc: Loc,
        old: &[Parameter],
        new: &[Parameter],
    ) {
        let at_path = |name: &str| format!("/{group}/{}", path_token(name));
        for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
            let change = self.place.change(
                Kind::ParameterRemoved,
                &at_path(&o.name),
                loc,
                Class::Is(Level::Breaking),
                format!("{word} {} removed", code(&o.name)),
            );
            self.push(change);
        }
        for n in new {
            let path = at_path(&n.name);
            let Some(o) = old.iter().find(|o| o.name == n.name) else {
                let (level, which) = if n.required {
                    (Level::Breaking, "required")
                } else {
                    (Level::Compatible, "optional")
                };
                let change = self.place.change(
                    Kind::ParameterAdded,
                    &path,
                    n.loc,
                    Class::Is(level),
                    format!(
                        "{which} {word} {} added ({})",
                        code(&n.name),
                        type_phrase(&n.schema.ty)
                    ),
                );
                self.push(change);
                continue;
            };
            let at = |key: &str| n.locs.key(key, n.loc);
            if o.required != n.required {
                let (effect, now) = if n.required {
                    (Effect::Narrower, "required")
                } else {
                    (Effect::Wider, "optional")
                };
                let change = self.place.change(
                    Kind::RequiredChanged,
                    &path,
                    at("required"),
                    Class::By(effect),
                    format!("{word} is now {now}"),
                );
                self.push(change.values(
                    Some(Literal::Bool(o.required)),
                    Some(Literal::Bool(n.required)),
                ));
            }
            self.schema(&path, n.loc, "", &o.schema, &n.schema);
            self.default(&path, at("default"), &o.default, &n.default);
            self.description(
                &path,
                at("description"),
                "description changed",
                &o.description,
                &n.description,
            );
            if o.examples != n.examples {
                let change = self.place.change(
                    Kind::ExampleChanged,
                    &path,
                    at("examples"),
                    Class::By(Effect::Same),
                    "examples changed",
                );
                self.push(change.values(
                    Some(Literal::Array(o.examples.clone())),
                    Some(Literal::Array(n.examples.clone())),
                ));
            }
        }
    }
}

/// How [`Bodies::keyed_info`] names and locates the entries of one kind of list: the noun
/// in messages, the change kinds for removed, changed and added entries, the key that
/// matches entries, and where an entry is written.
struct Keyed<T> {
    noun: &'static str,
    kinds: [Kind; 3],
    key: fn(&T) -> &String,
    loc: fn(&T) -> Loc,
}

/// One entry of a keyed list, matched across the two versions.
enum Paired<'a, T> {
    Removed(&'a T),
    Kept(&'a T, &'a T),
    Added(&'a T),
}

/// Matches two lists by key: the old entries in order (removed, or kept with their new
/// counterpart), then the new entries that have no old one.
fn pair_by<'a, T, K: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<Paired<'a, T>> {
    let mut pairs: Vec<Paired<'a, T>> = old
        .iter()
        .map(|o| match new.iter().find(|n| key(n) == key(o)) {
            Some(n) => Paired::Kept(o, n),
            None => Paired::Removed(o),
        })
        .collect();
    pairs.extend(
        new.iter()
            .filter(|n| !old.iter().any(|o| key(o) == key(n)))
            .map(Paired::Added),
    );
    pairs
}

/// What a rule relates, without its wording or counting: rules with the same identity
/// are one rule edited, not one removed and one added.
fn rule_identity(kind: &RuleKind) -> String {
    match kind {
        RuleKind::ExactlyOneOf { members, .. } | RuleKind::AtLeastOneOf { members, .. } => {
            let mut members = members.clone();
            members.sort();
            format!("{} {}", kind.code(), members.join(","))
        }
        RuleKind::Requires { when, then, .. } => {
            format!("requires {} => {}", condition(when), condition(then))
        }
        RuleKind::RangeOrder { low, high } => format!("range_order {low} {high}"),
    }
}

/// An example's meaning, without where it was written.
fn example_fingerprint(e: &Example) -> String {
    let expect: Vec<String> = e
        .expect
        .iter()
        .map(|x| {
            format!(
                "{}|{:?}|{}|{:?}|{:?}|{:?}",
                x.rule, x.part, x.pointer, x.severity, x.line, x.column
            )
        })
        .collect();
    format!(
        "{}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{}",
        e.source,
        e.description,
        e.valid,
        e.form,
        e.text,
        e.params,
        expect.join("\u{0}")
    )
}
