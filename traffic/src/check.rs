//! One recorded exchange checked against its endpoint, part by part.

use std::borrow::Cow;
use std::cell::OnceCell;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use vendorspec_runtime::endpoint::{BodyKind, EndpointDesc, is_blank};
use vendorspec_runtime::envelope::unescape_string;
use vendorspec_runtime::finding::{Finding, Rule, Severity};
use vendorspec_runtime::lines::LineIndex;
use vendorspec_runtime::offsets::OffsetMap;
use vendorspec_runtime::reader::{self, Kind, Syntax, ValueRef};
use vendorspec_runtime::redact;

use crate::har::{HarError, RawEntry};
use crate::routes::{Matched, Param, Routes, UnknownApi};
use crate::{Diagnostic, Exchange, Part, auth};

/// What a path segment may hold as written (RFC 3986 `pchar`): everything else must be
/// percent-encoded. `utf8_percent_encode` encodes non-ASCII too.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// Checks exchanges against a set of endpoints.
#[derive(Debug)]
pub struct Checker {
    routes: Routes,
}

impl Checker {
    /// A checker over `endpoints` (the generated `vendorspec::ENDPOINTS`), with base URLs
    /// replaced per API id by `base_urls` (`("ivanti_es_v2", "https://ies.corp:8443")`).
    pub fn new(
        endpoints: &[&'static EndpointDesc],
        base_urls: &[(String, String)],
    ) -> Result<Checker, UnknownApi> {
        Ok(Checker {
            routes: Routes::new(endpoints, base_urls)?,
        })
    }

    /// Checks one entry of `log.entries` (its position `index`). An entry that is not a
    /// HAR entry (no request method or URL, broken JSON) is an error, located in the file.
    pub fn check(&self, index: usize, entry: &RawEntry) -> Result<Exchange, HarError> {
        // Built the first time a position is needed: most exchanges have no finding.
        let lines = OnceCell::new();
        let line_index = || lines.get_or_init(|| LineIndex::new(&entry.bytes));
        let fail = |at: usize, message: String| {
            let p = entry.position(line_index(), at);
            HarError {
                message: format!("log.entries[{index}]: {message}"),
                line: p.line,
                column: p.column,
            }
        };
        // The reader checks UTF-8 (a syntax finding) and keeps the text.
        let doc = reader::parse(&entry.bytes, Syntax::Strict)
            .map_err(|f| fail(f.offset as usize, f.message))?;
        let text = doc.file();
        let root = doc.root();
        let request = root
            .get("request")
            .filter(|r| r.kind() == Kind::Object)
            .ok_or_else(|| fail(0, "no `request` object".into()))?;
        let missing = |what: &str| fail(request.span().start as usize, format!("no `{what}`"));
        let method_value = request
            .get("method")
            .filter(|v| v.kind() == Kind::String)
            .ok_or_else(|| missing("request.method"))?;
        let url_value = request
            .get("url")
            .filter(|v| v.kind() == Kind::String)
            .ok_or_else(|| missing("request.url"))?;
        let method = method_value.as_str().unwrap_or_default().to_string();
        let url = url_value.as_str().unwrap_or_default();
        // Offsets in the URL mapped into the entry, when a finding needs one.
        let url_map = OnceCell::new();

        let mut x = Ctx {
            entry,
            lines: &lines,
            diagnostics: Vec::new(),
        };
        let url_at = url_value.span().start as usize + 1;
        let matched = self.routes.find(&method, url);
        let status = root
            .get("response")
            .and_then(|r| r.get("status"))
            .and_then(|s| s.as_u64())
            .and_then(|s| u16::try_from(s).ok())
            .filter(|&s| s != 0);
        let mut exchange = Exchange {
            index,
            method: method.clone(),
            url: redact::redact(url).into_owned(),
            endpoint: None,
            status,
            diagnostics: Vec::new(),
        };
        let (route, params, right_method) = match matched {
            Matched::Endpoint(route, params) => (route, params, true),
            Matched::WrongMethod(route, params) => (route, params, false),
            Matched::None => {
                let shown = url.split(['?', '#']).next().unwrap_or_default();
                x.push(
                    Part::Path,
                    Severity::Warning,
                    Rule::Unmatched,
                    String::new(),
                    url_at,
                    format!("`{method} {shown}` matches no endpoint of the contracts"),
                    Some(
                        "if the API is served elsewhere, give its base URL: \
                         --base-url API_ID=URL"
                            .into(),
                    ),
                );
                exchange.diagnostics = x.finish();
                return Ok(exchange);
            }
        };
        let endpoint = route.endpoint;
        exchange.endpoint = Some(endpoint.id);
        if !right_method {
            x.push(
                Part::Method,
                Severity::Error,
                Rule::Method,
                String::new(),
                method_value.span().start as usize + 1,
                format!(
                    "`{method}` on `{}`: `{}` is `{}`",
                    endpoint.path, endpoint.id, endpoint.method
                ),
                Some(format!("send it as `{}`", endpoint.method)),
            );
        }
        let url_pos = |at: Option<usize>| {
            let map = url_map.get_or_init(|| {
                unescape_string(text, url_value.span().start as usize, false).map(|(_, m)| m)
            });
            match (at, map) {
                (Some(a), Some(map)) => map.to_file(a as u32) as usize,
                _ => url_at,
            }
        };
        x.params(endpoint, &params, url_pos);
        x.headers(endpoint, request);

        // The request body, as the API reads it.
        let body = Body::read(request.get("postData"), "encoding");
        let sent = body.as_ref().is_some_and(|b| !is_blank(&b.bytes));
        if sent {
            x.content_type(request);
        }
        match &body {
            Some(b) => x.body(endpoint, BodyKind::Request, Part::RequestBody, b, text),
            None => x.body(
                endpoint,
                BodyKind::Request,
                Part::RequestBody,
                &Body::absent(request.span().start as usize),
                text,
            ),
        }

        // The response: only to the call the endpoint describes.
        if right_method && let Some(code) = status {
            let documented = endpoint.response(Some(code)).is_some();
            if !documented {
                let all: Vec<String> = endpoint
                    .responses
                    .iter()
                    .flat_map(|r| r.status.iter().map(u16::to_string))
                    .collect();
                let at = root
                    .get("response")
                    .and_then(|r| r.get("status"))
                    .map_or(0, |s| s.span().start as usize);
                x.push(
                    Part::ResponseStatus,
                    Severity::Error,
                    Rule::Status,
                    String::new(),
                    at,
                    format!("status {code} is not documented for `{}`", endpoint.id),
                    Some(format!("`{}` answers {}", endpoint.id, all.join(", "))),
                );
            } else if endpoint.presence(BodyKind::Response(Some(code))).is_some()
                && let Some(b) = Body::read(
                    root.get("response").and_then(|r| r.get("content")),
                    "encoding",
                )
            {
                x.body(
                    endpoint,
                    BodyKind::Response(Some(code)),
                    Part::ResponseBody,
                    &b,
                    text,
                );
            }
        }
        exchange.diagnostics = x.finish();
        Ok(exchange)
    }
}

/// A recorded body: its bytes and how offsets in them map to the entry's.
struct Body<'d> {
    bytes: Cow<'d, [u8]>,
    /// Where the body's string literal opens in the entry (its content starts one later),
    /// when offsets in `bytes` map through its unescaping; `None` when every offset maps to
    /// `start` (a base64 body, or none).
    literal: Option<usize>,
    start: usize,
    /// The recorded text was marked base64 and does not decode.
    undecodable: bool,
}

impl<'d> Body<'d> {
    fn absent(at: usize) -> Body<'d> {
        Body {
            bytes: Cow::Borrowed(&[]),
            literal: None,
            start: at,
            undecodable: false,
        }
    }

    /// `holder.text` (a `postData` or `content` object), base64-decoded when
    /// `holder.encoding` says so; `None` when no text was recorded. The text is the
    /// reader's (unescaped once, when the entry was parsed).
    fn read(holder: Option<ValueRef<'d>>, encoding: &str) -> Option<Body<'d>> {
        let holder = holder.filter(|h| h.kind() == Kind::Object)?;
        let value = holder.get("text").filter(|t| t.kind() == Kind::String)?;
        let open = value.span().start as usize;
        let text = value.as_str()?;
        let base64 = holder
            .get(encoding)
            .and_then(|e| e.as_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        if base64 {
            let compact: String = text.split_ascii_whitespace().collect();
            return Some(match STANDARD.decode(compact.as_bytes()) {
                Ok(bytes) => Body {
                    bytes: Cow::Owned(bytes),
                    literal: None,
                    start: open + 1,
                    undecodable: false,
                },
                Err(_) => Body {
                    undecodable: true,
                    ..Body::absent(open + 1)
                },
            });
        }
        Some(Body {
            bytes: Cow::Borrowed(text.as_bytes()),
            literal: Some(open),
            start: open + 1,
            undecodable: false,
        })
    }

    /// The map from offsets in the body to offsets in the entry (`entry` is its text):
    /// built only when a finding needs a position, by unescaping the literal again while
    /// recording checkpoints, as the envelope does.
    fn map(&self, entry: &str) -> Option<OffsetMap> {
        unescape_string(entry, self.literal?, false).map(|(_, map)| map)
    }
}

/// The findings of one exchange as they are made.
struct Ctx<'a> {
    entry: &'a RawEntry,
    lines: &'a OnceCell<LineIndex>,
    diagnostics: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn position(&self, at: usize) -> crate::har::Position {
        let lines = self.lines.get_or_init(|| LineIndex::new(&self.entry.bytes));
        self.entry.position(lines, at)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        part: Part,
        severity: Severity,
        rule: Rule,
        pointer: String,
        at: usize,
        mut message: String,
        help: Option<String>,
    ) {
        redact::redact_in_place(&mut message);
        let help = help.map(|mut h| {
            redact::redact_in_place(&mut h);
            h
        });
        let pointer = redact::redact_pointer(&pointer).into_owned();
        let p = self.position(at);
        self.diagnostics.push(Diagnostic {
            part,
            offset: p.offset,
            finding: Finding {
                severity,
                rule,
                pointer,
                line: p.line,
                column: p.column,
                offset: u32::try_from(p.offset).unwrap_or(u32::MAX),
                message,
                help,
            },
        });
    }

    /// A finding of the runtime (already masked), moved to entry offset `at`.
    fn push_finding(&mut self, part: Part, mut finding: Finding, at: usize) {
        let p = self.position(at);
        finding.line = p.line;
        finding.column = p.column;
        finding.offset = u32::try_from(p.offset).unwrap_or(u32::MAX);
        self.diagnostics.push(Diagnostic {
            part,
            offset: p.offset,
            finding,
        });
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.offset, d.part));
        self.diagnostics
    }

    /// Path and query parameters, through the endpoint's own parameter check.
    fn params(
        &mut self,
        endpoint: &EndpointDesc,
        params: &[Param],
        url_pos: impl Fn(Option<usize>) -> usize,
    ) {
        let part = |p: &Param| {
            if p.placeholder {
                Part::Path
            } else {
                Part::Query
            }
        };
        // Characters an id must not carry unencoded.
        for p in params.iter().filter(|p| p.placeholder) {
            let encoded = utf8_percent_encode(&p.raw, SEGMENT).to_string();
            if encoded != p.raw
                && let Some((i, c)) = p.raw.char_indices().find(|(_, c)| {
                    let mut buf = [0u8; 4];
                    let one: &str = c.encode_utf8(&mut buf);
                    utf8_percent_encode(one, SEGMENT).to_string() != one
                })
            {
                let at = url_pos(p.at.map(|a| a + i));
                self.push(
                    Part::Path,
                    Severity::Error,
                    Rule::UrlEncoding,
                    format!("/{}", p.name),
                    at,
                    format!(
                        "parameter `{}`: `{c}` must be percent-encoded in a path",
                        p.name
                    ),
                    Some(format!("write `{encoded}`")),
                );
            }
        }
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|p| (p.name.as_str(), p.raw.as_str()))
            .collect();
        for f in endpoint.check_params(&pairs) {
            let name = f
                .pointer
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or("");
            let param = params.iter().find(|p| p.name == name);
            let at = url_pos(param.and_then(|p| p.at));
            self.push_finding(param.map_or(Part::Query, part), f, at);
        }
        let sent: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
        for f in missing_query_params(endpoint, &sent) {
            let at = url_pos(None);
            self.push_finding(Part::Query, f, at);
        }
    }

    /// The bearer token, its scope and lifetime ([`auth::check_authorization`]).
    fn headers(&mut self, endpoint: &EndpointDesc, request: ValueRef<'_>) {
        let header = header(request, "authorization");
        let at = header.map_or_else(
            || {
                request
                    .get("headers")
                    .map_or(request.span().start, |h| h.span().start) as usize
            },
            |(_, at)| at,
        );
        for f in auth::check_authorization(endpoint, header.map(|(value, _)| value)) {
            self.push(
                Part::Header,
                f.severity,
                f.rule,
                f.pointer,
                at,
                f.message,
                f.help,
            );
        }
    }

    /// `Content-Type` of a request that sends a body.
    fn content_type(&mut self, request: ValueRef<'_>) {
        match header(request, "content-type") {
            None => {
                let at = request
                    .get("headers")
                    .map_or(request.span().start, |h| h.span().start)
                    as usize;
                self.push(
                    Part::Header,
                    Severity::Error,
                    Rule::Header,
                    "/Content-Type".into(),
                    at,
                    "a body is sent without a `Content-Type` header".into(),
                    Some("send `Content-Type: application/json`".into()),
                );
            }
            Some((value, at)) => {
                if !is_json_media_type(value) {
                    let essence = media_essence(value);
                    self.push(
                        Part::Header,
                        Severity::Error,
                        Rule::Header,
                        "/Content-Type".into(),
                        at,
                        format!("`Content-Type: {essence}`: the API reads JSON bodies"),
                        Some("send `Content-Type: application/json`".into()),
                    );
                }
            }
        }
    }

    /// A body through the endpoint's validator, its findings moved into the file.
    fn body(
        &mut self,
        endpoint: &EndpointDesc,
        kind: BodyKind,
        part: Part,
        body: &Body<'_>,
        text: &str,
    ) {
        if body.undecodable {
            self.push(
                part,
                Severity::Error,
                Rule::Syntax,
                String::new(),
                body.start,
                "the recorded body is marked base64 but does not decode".into(),
                None,
            );
            return;
        }
        // A body the endpoint does not document (or none where none is documented) is not
        // this check's business.
        let Ok(report) = endpoint.validate(kind, &body.bytes) else {
            return;
        };
        if report.is_empty() {
            return;
        }
        let map = body.map(text);
        for f in report.into_sorted() {
            let at = match &map {
                Some(map) => map.to_file(f.offset) as usize,
                None => body.start,
            };
            self.push_finding(part, f, at);
        }
    }
}

/// A request header's value and the entry offset of its value's text.
fn header<'d>(request: ValueRef<'d>, name: &str) -> Option<(&'d str, usize)> {
    let headers = request.get("headers").filter(|h| h.kind() == Kind::Array)?;
    headers.items().find_map(|h| {
        let n = h.get("name")?.as_str()?;
        if !n.eq_ignore_ascii_case(name) {
            return None;
        }
        let v = h.get("value")?;
        Some((v.as_str()?, v.span().start as usize + 1))
    })
}

/// A media type's essence (`application/json` of `Application/JSON; charset=utf-8`).
fn media_essence(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a `Content-Type` names JSON, as the APIs read it: `application/json`,
/// `text/json`, or any `+json` type.
pub fn is_json_media_type(value: &str) -> bool {
    let essence = media_essence(value);
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// One `required` finding (at `/<name>`) per required query parameter of `endpoint` that
/// is not among `sent` (a parameter that fills a placeholder of the base URL or the path is
/// never a query parameter): for `traffic` and the mock alike.
pub fn missing_query_params(endpoint: &EndpointDesc, sent: &[&str]) -> Vec<Finding> {
    let vendorspec_runtime::desc::Shape::Object(desc) = endpoint.params else {
        return Vec::new();
    };
    desc()
        .members
        .iter()
        .filter(|m| m.required && !sent.contains(&m.name))
        .filter(|m| {
            let placeholder = format!("{{{}}}", m.name);
            !endpoint.path.contains(&placeholder) && !endpoint.api.base_url.contains(&placeholder)
        })
        .map(|m| Finding {
            severity: Severity::Error,
            rule: Rule::Required,
            pointer: format!("/{}", m.name),
            line: 1,
            column: 1,
            offset: 0,
            message: format!("missing query parameter `{}`", m.name),
            help: Some(format!("`{}` takes `{}=...`", endpoint.id, m.name)),
        })
        .collect()
}
