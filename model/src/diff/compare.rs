//! Compares two specs from the top: APIs (matched by id) and their settings, endpoints
//! (matched by id across APIs, since ids are unique in a spec), parameters, the request
//! body and the responses. Bodies themselves are compared by [`super::body`].

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Loc;
use crate::ir::{
    Api, BodyEncoding, BodySyntax, Endpoint, Literal, Login, NameMatching, Presence, Response, Spec,
};

use super::body::Bodies;
use super::change::{Body, Change, Class, Effect, Kind, Level, Place, Side};
use super::describe::{code, counted};

/// Every change from `old` to `new`, in walk order (the report sorts them).
pub fn compare(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut out = Vec::new();
    let old_apis: BTreeMap<&str, &Api> = old.apis.iter().map(|a| (a.id.as_str(), a)).collect();
    let new_apis: BTreeMap<&str, &Api> = new.apis.iter().map(|a| (a.id.as_str(), a)).collect();
    let ids: BTreeSet<&str> = old_apis.keys().chain(new_apis.keys()).copied().collect();
    for id in ids {
        match (old_apis.get(id), new_apis.get(id)) {
            (Some(o), Some(n)) => api_settings(o, n, &mut out),
            (Some(o), None) => {
                let place = api_place(o, Side::Both, "");
                out.push(
                    place
                        .change(
                            Kind::ApiRemoved,
                            "",
                            Loc::default(),
                            Class::Is(Level::Breaking),
                            format!(
                                "API {} removed ({})",
                                code(&o.id),
                                counted(o.endpoints.len(), "endpoint")
                            ),
                        )
                        .values(Some(Literal::String(o.title.clone())), None),
                );
            }
            (None, Some(n)) => {
                let place = api_place(n, Side::Both, &n.file);
                out.push(
                    place
                        .change(
                            Kind::ApiAdded,
                            "",
                            api_loc(n),
                            Class::Is(Level::Compatible),
                            format!(
                                "API {} added ({})",
                                code(&n.id),
                                counted(n.endpoints.len(), "endpoint")
                            ),
                        )
                        .values(None, Some(Literal::String(n.title.clone()))),
                );
            }
            (None, None) => {}
        }
    }

    let old_endpoints: BTreeMap<&str, (&Api, &Endpoint)> = old
        .endpoints()
        .map(|(a, e)| (e.id.as_str(), (a, e)))
        .collect();
    let new_endpoints: BTreeMap<&str, (&Api, &Endpoint)> = new
        .endpoints()
        .map(|(a, e)| (e.id.as_str(), (a, e)))
        .collect();
    let ids: BTreeSet<&str> = old_endpoints
        .keys()
        .chain(new_endpoints.keys())
        .copied()
        .collect();
    for id in ids {
        match (old_endpoints.get(id), new_endpoints.get(id)) {
            (Some((oa, oe)), Some((na, ne))) => endpoint(oa, oe, na, ne, &mut out),
            (Some((oa, oe)), None) => {
                // Located at the API that still exists, when it does.
                let (file, loc) = new_apis
                    .get(oa.id.as_str())
                    .map_or(("", Loc::default()), |n| (n.file.as_str(), api_loc(n)));
                let place = endpoint_place(&oa.id, &oe.id, Body::Endpoint, Side::Both, file);
                let call = format!("{} {}", oe.method.as_str(), oe.path);
                out.push(
                    place
                        .change(
                            Kind::EndpointRemoved,
                            "",
                            loc,
                            Class::Is(Level::Breaking),
                            format!("endpoint removed ({})", code(&call)),
                        )
                        .values(Some(Literal::String(call)), None),
                );
            }
            (None, Some((na, ne))) => {
                let place = endpoint_place(&na.id, &ne.id, Body::Endpoint, Side::Both, &na.file);
                let call = format!("{} {}", ne.method.as_str(), ne.path);
                out.push(
                    place
                        .change(
                            Kind::EndpointAdded,
                            "",
                            ne.loc,
                            Class::Is(Level::Compatible),
                            format!("endpoint added ({})", code(&call)),
                        )
                        .values(None, Some(Literal::String(call))),
                );
            }
            (None, None) => {}
        }
    }
    out
}

fn api_place<'a>(api: &'a Api, side: Side, file: &'a str) -> Place<'a> {
    Place {
        api: &api.id,
        endpoint: None,
        body: Body::Api,
        status: None,
        side,
        file,
    }
}

fn endpoint_place<'a>(
    api: &'a str,
    endpoint: &'a str,
    body: Body,
    side: Side,
    file: &'a str,
) -> Place<'a> {
    Place {
        api,
        endpoint: Some(endpoint),
        body,
        status: None,
        side,
        file,
    }
}

/// Where the API is declared (its `id`).
fn api_loc(api: &Api) -> Loc {
    api.locs.key("id", Loc::default())
}

fn text(value: &str) -> Option<Literal> {
    Some(Literal::String(value.to_string()))
}

/// API-wide settings and the API's variables.
fn api_settings(o: &Api, n: &Api, out: &mut Vec<Change>) {
    let at = |key: &str| n.locs.key(key, api_loc(n));
    let both = api_place(n, Side::Both, &n.file);
    let requests = api_place(n, Side::Request, &n.file);
    let same = Class::By(Effect::Same);

    for (key, old, new) in [
        ("title", &o.title, &n.title),
        ("description", &o.description, &n.description),
        ("auth", &o.auth.description, &n.auth.description),
    ] {
        if old != new {
            let what = if key == "auth" {
                "auth description"
            } else {
                key
            };
            out.push(
                both.change(
                    Kind::DescriptionChanged,
                    "",
                    at(key),
                    same,
                    format!("{what} changed"),
                )
                .values(text(old), text(new)),
            );
        }
    }
    if o.sources != n.sources {
        let list = |s: &[String]| {
            Some(Literal::Array(
                s.iter().map(|s| Literal::String(s.clone())).collect(),
            ))
        };
        out.push(
            both.change(
                Kind::DescriptionChanged,
                "",
                at("sources"),
                same,
                "sources changed",
            )
            .values(list(&o.sources), list(&n.sources)),
        );
    }
    if o.base_url != n.base_url {
        out.push(
            requests
                .change(
                    Kind::BaseUrlChanged,
                    "",
                    at("base_url"),
                    Class::By(Effect::Different),
                    format!(
                        "base URL changed from {} to {}",
                        code(&o.base_url),
                        code(&n.base_url)
                    ),
                )
                .values(text(&o.base_url), text(&n.base_url)),
        );
    }
    if o.member_names != n.member_names {
        let (effect, message) = match n.member_names {
            NameMatching::CaseInsensitive => (
                Effect::Wider,
                "member names now match in any case (were exact)",
            ),
            NameMatching::Exact => (
                Effect::Narrower,
                "member names now match exactly (were case-insensitive)",
            ),
        };
        let name = |m: NameMatching| match m {
            NameMatching::Exact => "exact",
            NameMatching::CaseInsensitive => "case_insensitive",
        };
        out.push(
            both.change(
                Kind::MemberNamesChanged,
                "",
                at("member_names"),
                Class::By(effect),
                message,
            )
            .values(text(name(o.member_names)), text(name(n.member_names))),
        );
    }
    if o.body_syntax != n.body_syntax {
        let name = |s: BodySyntax| match s {
            BodySyntax::Strict => "strict",
            BodySyntax::Lenient => "lenient",
        };
        let effect = match n.body_syntax {
            BodySyntax::Lenient => Effect::Wider,
            BodySyntax::Strict => Effect::Narrower,
        };
        out.push(
            requests
                .change(
                    Kind::BodySyntaxChanged,
                    "",
                    at("body_syntax"),
                    Class::By(effect),
                    format!(
                        "request body syntax changed from {} to {}",
                        name(o.body_syntax),
                        name(n.body_syntax)
                    ),
                )
                .values(text(name(o.body_syntax)), text(name(n.body_syntax))),
        );
    }
    if o.body_encoding != n.body_encoding {
        let name = |e: BodyEncoding| match e {
            BodyEncoding::Plain => "plain",
            BodyEncoding::Enveloped => "enveloped",
        };
        out.push(
            requests
                .change(
                    Kind::BodyEncodingChanged,
                    "",
                    at("body_encoding"),
                    Class::By(Effect::Different),
                    format!(
                        "request body encoding changed from {} to {} (the HTTP body is sent differently)",
                        name(o.body_encoding),
                        name(n.body_encoding)
                    ),
                )
                .values(text(name(o.body_encoding)), text(name(n.body_encoding))),
        );
    }
    auth(o, n, out);
    let place = Place {
        body: Body::Parameters,
        side: Side::Request,
        ..both
    };
    Bodies::new(o, n, place, out).parameters(
        "variables",
        "API variable",
        at("variables"),
        &o.variables,
        &n.variables,
    );
}

/// The token's claims and lifetime, and the login endpoint.
fn auth(o: &Api, n: &Api, out: &mut Vec<Change>) {
    let at = n.locs.key("auth", api_loc(n));
    let requests = api_place(n, Side::Request, &n.file);
    let (oa, na) = (&o.auth, &n.auth);
    let optional = |v: &Option<String>| v.as_deref().and_then(text);
    for (kind, what, old, new) in [
        (
            Kind::ScopeClaimChanged,
            "scope claim",
            &oa.scope_claim,
            &na.scope_claim,
        ),
        (
            Kind::ScopeSeparatorChanged,
            "scope separator",
            &oa.scope_separator,
            &na.scope_separator,
        ),
    ] {
        if old != new {
            let shown = |v: &Option<String>| v.as_deref().map_or("none".to_string(), code);
            out.push(
                requests
                    .change(
                        kind,
                        "",
                        at,
                        Class::By(Effect::Same),
                        format!("token {what} changed from {} to {}", shown(old), shown(new)),
                    )
                    .values(optional(old), optional(new)),
            );
        }
    }
    let (old, new) = (oa.max_token_lifetime_minutes, na.max_token_lifetime_minutes);
    if old != new {
        let minutes = |v: Option<u32>| v.map_or("no limit".to_string(), |m| format!("{m} minutes"));
        let effect = match (old, new) {
            (_, None) => Effect::Wider,
            (None, Some(_)) => Effect::Narrower,
            (Some(a), Some(b)) if b < a => Effect::Narrower,
            _ => Effect::Wider,
        };
        out.push(
            requests
                .change(
                    Kind::TokenLifetimeChanged,
                    "",
                    at,
                    Class::By(effect),
                    format!(
                        "longest token lifetime changed from {} to {}",
                        minutes(old),
                        minutes(new)
                    ),
                )
                .values(
                    old.map(|m| Literal::Int(m.into())),
                    new.map(|m| Literal::Int(m.into())),
                ),
        );
    }
    let login = |l: &Option<Login>| {
        l.as_ref()
            .map(|l| format!("{} {} -> {}", l.method.as_str(), l.path, l.token_member))
    };
    let (old, new) = (login(&oa.login), login(&na.login));
    if old != new {
        let (effect, message) = match (&old, &new) {
            (None, Some(n)) => (Effect::Wider, format!("login {} added", code(n))),
            (Some(o), None) => (Effect::Narrower, format!("login {} removed", code(o))),
            (Some(o), Some(n)) => (
                Effect::Different,
                format!("login changed from {} to {}", code(o), code(n)),
            ),
            (None, None) => return,
        };
        out.push(
            requests
                .change(Kind::LoginChanged, "", at, Class::By(effect), message)
                .values(old.map(Literal::String), new.map(Literal::String)),
        );
    }
}

/// One endpoint in both versions.
fn endpoint(oa: &Api, oe: &Endpoint, na: &Api, ne: &Endpoint, out: &mut Vec<Change>) {
    let at = |key: &str| ne.locs.key(key, ne.loc);
    let requests = endpoint_place(&na.id, &ne.id, Body::Endpoint, Side::Request, &na.file);
    let both = Place {
        side: Side::Both,
        ..requests
    };
    if oa.id != na.id {
        out.push(
            requests
                .change(
                    Kind::EndpointMoved,
                    "",
                    ne.loc,
                    Class::By(Effect::Different),
                    format!(
                        "moved from API {} to {} (base URL, auth and body settings come from the API)",
                        code(&oa.id),
                        code(&na.id)
                    ),
                )
                .values(text(&oa.id), text(&na.id)),
        );
    }
    for (key, old, new) in [
        ("summary", &oe.summary, &ne.summary),
        ("description", &oe.description, &ne.description),
        ("source", &oe.source, &ne.source),
    ] {
        if old != new {
            out.push(
                both.change(
                    Kind::DescriptionChanged,
                    "",
                    at(key),
                    Class::By(Effect::Same),
                    format!("{key} changed"),
                )
                .values(text(old), text(new)),
            );
        }
    }
    if oe.method != ne.method {
        let (old, new) = (oe.method.as_str(), ne.method.as_str());
        out.push(
            requests
                .change(
                    Kind::MethodChanged,
                    "",
                    at("method"),
                    Class::By(Effect::Different),
                    format!("method changed from {old} to {new}"),
                )
                .values(text(old), text(new)),
        );
    }
    if oe.path != ne.path {
        out.push(
            requests
                .change(
                    Kind::PathChanged,
                    "",
                    at("path"),
                    Class::By(Effect::Different),
                    format!("path changed from {} to {}", code(&oe.path), code(&ne.path)),
                )
                .values(text(&oe.path), text(&ne.path)),
        );
    }
    let scope = match (&oe.scope, &ne.scope) {
        (None, Some(n)) => Some((Effect::Narrower, format!("scope {} now needed", code(n)))),
        (Some(o), None) => Some((Effect::Wider, format!("scope {} no longer needed", code(o)))),
        (Some(o), Some(n)) if o != n => Some((
            Effect::Different,
            format!("scope changed from {} to {}", code(o), code(n)),
        )),
        _ => None,
    };
    if let Some((effect, message)) = scope {
        out.push(
            requests
                .change(
                    Kind::ScopeChanged,
                    "",
                    at("scope"),
                    Class::By(effect),
                    message,
                )
                .values(
                    oe.scope.as_deref().and_then(text),
                    ne.scope.as_deref().and_then(text),
                ),
        );
    }

    let parameters = Place {
        body: Body::Parameters,
        ..requests
    };
    let mut bodies = Bodies::new(oa, na, parameters, out);
    bodies.parameters(
        "path",
        "path parameter",
        at("path_parameters"),
        &oe.path_parameters,
        &ne.path_parameters,
    );
    bodies.parameters(
        "query",
        "query parameter",
        at("query_parameters"),
        &oe.query_parameters,
        &ne.query_parameters,
    );

    request(oa, oe, na, ne, out);
    responses(oa, oe, na, ne, out);
}

fn request(oa: &Api, oe: &Endpoint, na: &Api, ne: &Endpoint, out: &mut Vec<Change>) {
    let place = endpoint_place(&na.id, &ne.id, Body::Request, Side::Request, &na.file);
    match (&oe.request, &ne.request) {
        (Some(o), Some(n)) => {
            presence(
                &place,
                "request",
                n.locs.key("presence", n.loc),
                o.presence,
                n.presence,
                out,
            );
            let mut bodies = Bodies::new(oa, na, place, out);
            bodies.named("", n.loc, "", &o.body, &n.body);
            bodies.examples("", n.loc, &o.examples, &n.examples);
        }
        // Calls with a body and calls without one are different calls.
        (Some(o), None) => out.push(
            place
                .change(
                    Kind::BodyRemoved,
                    "",
                    ne.loc,
                    Class::By(Effect::Different),
                    format!("request body {} removed", code(&o.body)),
                )
                .values(text(&o.body), None),
        ),
        // An optional body added: the calls without one are still valid.
        (None, Some(n)) => {
            let (effect, which) = match n.presence {
                Presence::Required => (Effect::Different, ""),
                Presence::Optional => (Effect::Wider, "optional "),
            };
            out.push(
                place
                    .change(
                        Kind::BodyAdded,
                        "",
                        n.loc,
                        Class::By(effect),
                        format!("{which}request body {} added", code(&n.body)),
                    )
                    .values(None, text(&n.body)),
            );
        }
        (None, None) => {}
    }
}

/// A body that may now be left out (wider: calls and responses without it are valid), or
/// must now be there (narrower).
fn presence(
    place: &Place<'_>,
    what: &str,
    loc: Loc,
    old: Presence,
    new: Presence,
    out: &mut Vec<Change>,
) {
    let (effect, message) = match (old, new) {
        (Presence::Required, Presence::Optional) => (
            Effect::Wider,
            format!("{what} body is now optional: it may be left out (was required)"),
        ),
        (Presence::Optional, Presence::Required) => (
            Effect::Narrower,
            format!("{what} body is now required (could be left out)"),
        ),
        _ => return,
    };
    out.push(
        place
            .change(
                Kind::BodyPresenceChanged,
                "",
                loc,
                Class::By(effect),
                message,
            )
            .values(text(old.as_str()), text(new.as_str())),
    );
}

fn statuses(status: &[u16]) -> Option<Literal> {
    Some(Literal::Array(
        status.iter().map(|s| Literal::Int((*s).into())).collect(),
    ))
}

fn status_list(status: &[u16]) -> String {
    let codes: Vec<String> = status.iter().map(u16::to_string).collect();
    codes.join(", ")
}

/// Responses are paired by a shared status code; the rest were added or removed.
fn responses(oa: &Api, oe: &Endpoint, na: &Api, ne: &Endpoint, out: &mut Vec<Change>) {
    let mut unpaired: Vec<&Response> = oe.responses.iter().collect();
    for n in &ne.responses {
        let found = unpaired
            .iter()
            .position(|o| o.status.iter().any(|s| n.status.contains(s)));
        let place = Place {
            status: Some(&n.status),
            ..endpoint_place(&na.id, &ne.id, Body::Response, Side::Response, &na.file)
        };
        match found {
            Some(i) => {
                let o = unpaired.remove(i);
                response(oa, o, na, n, place, out);
            }
            None => {
                let body = n
                    .body
                    .as_deref()
                    .map_or(String::new(), |b| format!(" with body {}", code(b)));
                out.push(
                    place
                        .change(
                            Kind::ResponseAdded,
                            "",
                            n.loc,
                            Class::By(Effect::Wider),
                            format!("response {} added{body}", status_list(&n.status)),
                        )
                        .values(None, statuses(&n.status)),
                );
            }
        }
    }
    for o in unpaired {
        let place = Place {
            status: Some(&o.status),
            ..endpoint_place(&na.id, &ne.id, Body::Response, Side::Response, &na.file)
        };
        out.push(
            place
                .change(
                    Kind::ResponseRemoved,
                    "",
                    ne.locs.key("responses", ne.loc),
                    Class::By(Effect::Narrower),
                    format!("response {} removed", status_list(&o.status)),
                )
                .values(statuses(&o.status), None),
        );
    }
}

fn response(
    oa: &Api,
    o: &Response,
    na: &Api,
    n: &Response,
    place: Place<'_>,
    out: &mut Vec<Change>,
) {
    let at = |key: &str| n.locs.key(key, n.loc);
    let (mut old_codes, mut new_codes) = (o.status.clone(), n.status.clone());
    old_codes.sort_unstable();
    new_codes.sort_unstable();
    if old_codes != new_codes {
        let added = new_codes.iter().any(|c| !old_codes.contains(c));
        let removed = old_codes.iter().any(|c| !new_codes.contains(c));
        let effect = match (added, removed) {
            (true, false) => Effect::Wider,
            (false, true) => Effect::Narrower,
            _ => Effect::Different,
        };
        out.push(
            place
                .change(
                    Kind::StatusChanged,
                    "",
                    at("status"),
                    Class::By(effect),
                    format!(
                        "status codes changed from {} to {}",
                        status_list(&o.status),
                        status_list(&n.status)
                    ),
                )
                .values(statuses(&o.status), statuses(&n.status)),
        );
    }
    if o.description != n.description {
        out.push(
            place
                .change(
                    Kind::DescriptionChanged,
                    "",
                    at("description"),
                    Class::By(Effect::Same),
                    "description changed",
                )
                .values(text(&o.description), text(&n.description)),
        );
    }
    match (&o.body, &n.body) {
        (Some(ob), Some(nb)) => {
            presence(
                &place,
                "response",
                n.locs.key("presence", at("body")),
                o.presence,
                n.presence,
                out,
            );
            Bodies::new(oa, na, place, out).named("", at("body"), "", ob, nb);
        }
        // A body where none was documented: consumers that ignored it still can.
        (None, Some(nb)) => out.push(
            place
                .change(
                    Kind::BodyAdded,
                    "",
                    at("body"),
                    Class::Is(Level::Compatible),
                    format!("response body {} added", code(nb)),
                )
                .values(None, text(nb)),
        ),
        // Consumers of a body that could be left out already handle its absence.
        (Some(ob), None) => {
            let (level, which) = match o.presence {
                Presence::Required => (Level::Breaking, ""),
                Presence::Optional => (Level::Compatible, "optional "),
            };
            out.push(
                place
                    .change(
                        Kind::BodyRemoved,
                        "",
                        n.loc,
                        Class::Is(level),
                        format!("{which}response body {} removed", code(ob)),
                    )
                    .values(text(ob), None),
            );
        }
        (None, None) => {}
    }
    variants(oa, o, na, n, place, out);
    Bodies::new(oa, na, place, out).examples("", n.loc, &o.examples, &n.examples);
}

/// Documented shapes of a response: a new one is a shape consumers have not seen.
fn variants(
    oa: &Api,
    o: &Response,
    na: &Api,
    n: &Response,
    place: Place<'_>,
    out: &mut Vec<Change>,
) {
    let loc = n.locs.key("variants", n.loc);
    for ov in o
        .variants
        .iter()
        .filter(|ov| !n.variants.iter().any(|nv| nv.name == ov.name))
    {
        out.push(
            place
                .change(
                    Kind::VariantRemoved,
                    "",
                    loc,
                    Class::By(Effect::Narrower),
                    format!("variant {} removed", code(&ov.name)),
                )
                .values(text(&ov.name), None),
        );
    }
    for nv in &n.variants {
        let Some(ov) = o.variants.iter().find(|ov| ov.name == nv.name) else {
            out.push(
                place
                    .change(
                        Kind::VariantAdded,
                        "",
                        loc,
                        Class::By(Effect::Wider),
                        format!("variant {} added", code(&nv.name)),
                    )
                    .values(None, text(&nv.name)),
            );
            continue;
        };
        if ov.description != nv.description {
            out.push(
                place
                    .change(
                        Kind::DescriptionChanged,
                        "",
                        loc,
                        Class::By(Effect::Same),
                        format!("description of variant {} changed", code(&nv.name)),
                    )
                    .values(text(&ov.description), text(&nv.description)),
            );
        }
        match (&ov.wrapper, &nv.wrapper) {
            (Some(ow), Some(nw)) if ow.member == nw.member => {
                let start = out.len();
                Bodies::new(oa, na, place, out).members("", loc, &ow.members, &nw.members);
                for change in &mut out[start..] {
                    change.message.push_str(&format!(
                        " (beside {} in variant {})",
                        code(&nw.member),
                        code(&nv.name)
                    ));
                }
            }
            (None, None) => {}
            (ow, nw) => {
                let member = |w: &Option<crate::ir::Wrapper>| w.as_ref().map(|w| w.member.clone());
                let shown = |m: &Option<String>| {
                    m.as_deref()
                        .map_or("no wrapper".to_string(), |m| format!("wrapper {}", code(m)))
                };
                let (old, new) = (member(ow), member(nw));
                out.push(
                    place
                        .change(
                            Kind::WrapperChanged,
                            "",
                            loc,
                            Class::By(Effect::Different),
                            format!(
                                "variant {} changed from {} to {}",
                                code(&nv.name),
                                shown(&old),
                                shown(&new)
                            ),
                        )
                        .values(old.map(Literal::String), new.map(Literal::String)),
                );
            }
        }
    }
}
