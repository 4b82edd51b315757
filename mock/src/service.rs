//! One request in, one response out: what the vendors' servers answer, as the contracts
//! describe them. No I/O here, so every behaviour is tested in-process as well as through
//! a started server.
//!
//! The order of the checks is the servers' (and an HTTP stack's): the path (404), the
//! method (405 with `Allow`), the credentials (401, 403), the parameters (400), the media
//! type of a body (415), the body (400), and then the call itself, which may find that
//! the resource does not exist (404).

use std::sync::Mutex;

use serde_json::{Value, json};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc, LoginDesc, is_blank, percent_decode};
use vendorspec::runtime::finding::{Finding, Severity};
use vendorspec::runtime::normalize::normalize;
use vendorspec_traffic::auth::{self, Refusal};
use vendorspec_traffic::check::{is_json_media_type, missing_query_params};
use vendorspec_traffic::routes::{EVERY_API, Matched, Param, Routes};

use crate::bodies;
use crate::problem::{self, Problem};
use crate::state::{Clock, Execution, State};

/// The origin the routes are built on: requests are matched by path, whatever host they
/// were sent to.
const ORIGIN: &str = "http://mock.invalid";

/// How long the tokens Ivanti's login issues live, in seconds.
const IVANTI_TOKEN_SECONDS: i64 = 3600;

/// The lockdown length when a client sends no `expires`: the shortest the API allows.
const DEFAULT_LOCKDOWN_SECONDS: i64 = 5 * 60;

/// A request as the server received it.
#[derive(Debug, Clone, Default)]
pub struct MockRequest {
    pub method: String,
    /// The request target: the path and the query, as sent (`/a/b?x=1`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl MockRequest {
    /// A header's value (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockResponse {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl MockResponse {
    fn json(status: u16, body: &Value) -> MockResponse {
        MockResponse {
            status,
            headers: vec![("content-type", "application/json; charset=utf-8".into())],
            body: body.to_string().into_bytes(),
        }
    }

    fn empty(status: u16) -> MockResponse {
        MockResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A problem document with its status.
    pub fn problem(problem: &Problem) -> MockResponse {
        MockResponse {
            status: problem.status,
            headers: vec![("content-type", problem::CONTENT_TYPE.into())],
            body: problem.to_json().to_string().into_bytes(),
        }
    }

    fn with_header(mut self, name: &'static str, value: String) -> MockResponse {
        self.headers.push((name, value));
        self
    }
}

/// A handled request: the answer, and what the log line says of it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub response: MockResponse,
    /// The endpoint the request called, or `login` for an API's login.
    pub endpoint: Option<&'static str>,
}

/// The mock: the routes of every endpoint and what it remembers.
#[derive(Debug)]
pub struct Mock {
    /// Each endpoint's success status and the spec's examples of its body, by endpoint id.
    success: std::collections::HashMap<&'static str, (u16, Vec<Value>)>,
    /// Each API's login: its full path, and what it returns.
    logins: Vec<(String, &'static LoginDesc)>,
    routes: Routes,
    state: Mutex<State>,
}

impl Mock {
    /// A mock of `endpoints` (the generated `vendorspec::ENDPOINTS`): ids, passwords and
    /// generated values come from `seed`, timestamps from `clock`.
    pub fn new(endpoints: &'static [&'static EndpointDesc], seed: u64, clock: Clock) -> Mock {
        // Every API under one origin, each keeping its base URL's path prefix.
        let every = [(EVERY_API.to_string(), ORIGIN.to_string())];
        let routes = Routes::new(endpoints, &every)
            .unwrap_or_else(|_| unreachable!("`*` stands for every API"));
        let mut logins: Vec<(String, &'static LoginDesc)> = Vec::new();
        for e in endpoints {
            if let Some(login) = &e.api.auth.login {
                let path = format!("{}{}", prefix(e), login.path);
                if !logins.iter().any(|(p, _)| *p == path) {
                    logins.push((path, login));
                }
            }
        }
        let success = endpoints
            .iter()
            .map(|e| {
                let status = bodies::success_status(e);
                (e.id, (status, bodies::examples(e, status)))
            })
            .collect();
        Mock {
            success,
            logins,
            routes,
            state: Mutex::new(State::new(seed, clock)),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written in a way
        // that matters more than refusing every later request would.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers one request.
    pub fn handle(&self, request: &MockRequest) -> Exchange {
        let path = request.target.split(['?', '#']).next().unwrap_or("");
        if let Some(login) = self.login_for(path) {
            let response = if request.method.eq_ignore_ascii_case(login.method) {
                self.login(request)
            } else {
                method_not_allowed(&request.method, path, &[login.method])
            };
            return Exchange {
                response,
                endpoint: Some("login"),
            };
        }
        let url = format!("{ORIGIN}{}", request.target);
        match self.routes.find(&request.method, &url) {
            Matched::None => Exchange {
                response: MockResponse::problem(&Problem::new(
                    404,
                    "unknown-path",
                    "Not Found",
                    format!("no endpoint of the contracts is at `{path}`"),
                )),
                endpoint: None,
            },
            Matched::WrongMethod(route, _) => Exchange {
                response: method_not_allowed(&request.method, path, &self.routes.allowed(&url)),
                endpoint: Some(route.endpoint.id),
            },
            Matched::Endpoint(route, params) => Exchange {
                response: self.call(route.endpoint, &params, request),
                endpoint: Some(route.endpoint.id),
            },
        }
    }

    /// The login endpoint whose path `path` is.
    fn login_for(&self, path: &str) -> Option<&'static LoginDesc> {
        let path = path.trim_end_matches('/');
        self.logins
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(path))
            .map(|(_, login)| *login)
    }

    /// A call to an endpoint, checked as the server checks it.
    fn call(
        &self,
        endpoint: &'static EndpointDesc,
        params: &[Param],
        request: &MockRequest,
    ) -> MockResponse {
        if let Some(refused) = self.authenticate(endpoint, request) {
            return refused;
        }
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|p| (p.name.as_str(), p.raw.as_str()))
            .collect();
        let mut param_findings = endpoint.check_params(&pairs);
        let sent: Vec<&str> = pairs.iter().map(|(name, _)| *name).collect();
        param_findings.extend(missing_query_params(endpoint, &sent));
        if param_findings.iter().any(|f| f.severity == Severity::Error) {
            return MockResponse::problem(
                &Problem::new(
                    400,
                    "invalid-parameters",
                    "Bad Request",
                    format!("the parameters of `{}` break its contract", endpoint.id),
                )
                .with_errors(param_findings),
            );
        }
        let sent = !is_blank(&request.body);
        if sent && endpoint.request.is_some() {
            let media = request.header("content-type").unwrap_or("");
            if !is_json_media_type(media) {
                return MockResponse::problem(&Problem::new(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    format!(
                        "`{}` reads JSON bodies; send `Content-Type: application/json`",
                        endpoint.id
                    ),
                ));
            }
        }
        match endpoint.validate(BodyKind::Request, &request.body) {
            Ok(report) if report.has_errors() => {
                return MockResponse::problem(
                    &Problem::new(
                        400,
                        "invalid-body",
                        "Bad Request",
                        format!(
                            "the request body breaks the contract of `{}` ({} errors)",
                            endpoint.id,
                            report.errors()
                        ),
                    )
                    .with_errors(report.into_sorted()),
                );
            }
            // A body where the endpoint documents none is not read, as servers do.
            Ok(_) | Err(_) => {}
        }
        let query = |name: &str| {
            params
                .iter()
                .find(|p| p.name == name)
                .map(|p| percent_decode(&p.raw))
        };
        let (status, examples) = self
            .success
            .get(endpoint.id)
            .map_or((200, &[][..]), |(s, e)| (*s, e.as_slice()));
        // The body as bound, read again only where the answer holds what was sent, and
        // before the state is locked.
        let sent = if endpoint.id == "create_package_execution" {
            self.read_body(endpoint, &request.body)
        } else {
            Value::Null
        };
        let mut state = self.state();
        match endpoint.id {
            "create_package_execution" => {
                let id = state.uuid().to_string();
                let now = state.now();
                let Some(base) = bodies::base(endpoint, status, examples, &mut state) else {
                    return MockResponse::empty(status);
                };
                let resource = bodies::package_execution(base, &sent, &id, now);
                state.executions.insert(
                    id,
                    Execution {
                        resource: resource.clone(),
                        deleted: false,
                    },
                );
                MockResponse::json(status, &resource)
            }
            "delete_package_execution" => {
                let id = query("unique_execution_id")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                match state.executions.get_mut(&id) {
                    Some(execution) if !execution.deleted => {
                        execution.deleted = true;
                        MockResponse::json(status, &execution.resource)
                    }
                    _ => MockResponse::problem(&Problem::new(
                        404,
                        "unknown-resource",
                        "Not Found",
                        format!("no package execution `{id}`"),
                    )),
                }
            }
            "lockdown_device" => {
                let device_id = query("device_id").unwrap_or_default();
                let locked = query("value").is_none_or(|v| !v.eq_ignore_ascii_case("false"));
                let seconds = query("expires")
                    .and_then(|e| duration_dhm_seconds(&e))
                    .unwrap_or(DEFAULT_LOCKDOWN_SECONDS);
                let now = state.now();
                let user = token_subject(request).unwrap_or_else(|| state.uuid().to_string());
                let password = locked.then(|| unlock_password(&mut state));
                let device = state.devices.entry(device_id.clone()).or_default();
                device.history.push(json!({
                    "user_id": user,
                    "timestamp": crate::state::rfc3339(now, false),
                    "command": if locked { "Lockdown" } else { "Unlock" },
                }));
                device.password = password;
                let device = device.clone();
                let Some(base) = bodies::base(endpoint, status, examples, &mut state) else {
                    return MockResponse::empty(status);
                };
                let answer = bodies::lockdown(base, &device_id, &device, locked, now, seconds);
                MockResponse::json(status, &answer)
            }
            id => {
                match id {
                    "create_job" => state.jobs += 1,
                    "create_deployment_group" => state.deployments += 1,
                    _ => {}
                }
                match bodies::base(endpoint, status, examples, &mut state) {
                    Some(body) => MockResponse::json(status, &body),
                    None => MockResponse::empty(status),
                }
            }
        }
    }

    /// `None` when the request's credentials are taken, else the 401 or 403 answer.
    fn authenticate(
        &self,
        endpoint: &'static EndpointDesc,
        request: &MockRequest,
    ) -> Option<MockResponse> {
        let header = request.header("authorization");
        let findings = auth::check_authorization(endpoint, header);
        let refusal = findings
            .iter()
            .map(|f| f.refusal)
            .find(|r| *r != Refusal::None);
        let errors: Vec<Finding> = findings.into_iter().map(header_finding).collect();
        match refusal {
            Some(Refusal::Unauthenticated) => {
                return Some(unauthorized(
                    errors,
                    "the request carries no credentials this API takes",
                ));
            }
            Some(Refusal::Forbidden) => {
                return Some(
                    MockResponse::problem(
                        &Problem::new(
                            403,
                            "forbidden",
                            "Forbidden",
                            format!("the token is not accepted for `{}`", endpoint.id),
                        )
                        .with_errors(errors),
                    )
                    .with_header(
                        "www-authenticate",
                        "Bearer error=\"insufficient_scope\"".into(),
                    ),
                );
            }
            Some(Refusal::None) | None => {}
        }
        // An API with its own login takes only the tokens that login issued.
        if endpoint.api.auth.login.is_some() {
            let token = header.and_then(auth::bearer).unwrap_or("");
            if !self.state().ivanti_tokens.contains(token) {
                let finding = header_finding(auth::AuthFinding {
                    refusal: Refusal::Unauthenticated,
                    severity: Severity::Error,
                    rule: vendorspec::runtime::finding::Rule::Header,
                    pointer: "/Authorization".into(),
                    message: format!(
                        "the token was not issued by this server's login; `{}` takes the `Jwt` that login returns",
                        endpoint.id
                    ),
                    help: endpoint.api.auth.login.as_ref().map(|l| {
                        format!(
                            "log in first: `{} {}{}`",
                            l.method,
                            prefix(endpoint),
                            l.path
                        )
                    }),
                });
                return Some(unauthorized(
                    vec![finding],
                    "the token is not one this server issued",
                ));
            }
        }
        None
    }

    /// The request body as the server binds it (canonical names, no envelope); `null`
    /// where none was sent.
    fn read_body(&self, endpoint: &EndpointDesc, body: &[u8]) -> Value {
        match &endpoint.request {
            Some(shape) if !is_blank(body) => {
                normalize(body, shape, &endpoint.api.request_options()).unwrap_or(Value::Null)
            }
            _ => Value::Null,
        }
    }

    /// An API's login: any user name with any password gets a token (the mock holds no
    /// users); a body without both is refused.
    fn login(&self, request: &MockRequest) -> MockResponse {
        let Some((user, has_password)) = login_fields(&request.body) else {
            return MockResponse::problem(&Problem::new(
                400,
                "invalid-login",
                "Bad Request",
                "the login body is a JSON object with `UserName` and `Password` (also inside {\"value\": \"...\"})".into(),
            ));
        };
        if !has_password {
            return MockResponse::problem(&Problem::new(
                400,
                "invalid-login",
                "Bad Request",
                "the login body has no `Password`".into(),
            ));
        }
        let mut state = self.state();
        let now = state.now();
        let jti = state.uuid().to_string();
        let signature: Vec<u8> = (0..4)
            .flat_map(|_| state.next_u64().to_le_bytes())
            .collect();
        let claims = json!({
            "iss": "vendorspec-mock",
            "sub": user,
            "iat": now,
            "exp": now + IVANTI_TOKEN_SECONDS,
            "jti": jti,
        });
        let token = crate::token::jwt(&claims, &signature);
        state.ivanti_tokens.insert(token.clone());
        MockResponse::json(200, &json!({ "Jwt": token }))
    }
}

/// The path prefix of an endpoint's base URL (`/api` of `https://h/api`), or empty.
fn prefix(endpoint: &EndpointDesc) -> &'static str {
    let url = endpoint.api.base_url.trim_end_matches('/');
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or("", |i| &url[after_scheme + i..])
}

fn method_not_allowed(method: &str, path: &str, allowed: &[&str]) -> MockResponse {
    MockResponse::problem(&Problem::new(
        405,
        "method-not-allowed",
        "Method Not Allowed",
        format!(
            "`{method}` is not allowed on `{path}`; it takes {}",
            allowed.join(", ")
        ),
    ))
    .with_header("allow", allowed.join(", "))
}

fn unauthorized(errors: Vec<Finding>, detail: &str) -> MockResponse {
    MockResponse::problem(
        &Problem::new(401, "unauthorized", "Unauthorized", detail.into()).with_errors(errors),
    )
    .with_header("www-authenticate", "Bearer".into())
}

/// A credential finding as a finding of the request (it has no position in a body).
fn header_finding(f: auth::AuthFinding) -> Finding {
    Finding {
        severity: f.severity,
        rule: f.rule,
        pointer: f.pointer,
        line: 1,
        column: 1,
        offset: 0,
        message: f.message,
        help: f.help,
    }
}

/// `d:hh:mm` as seconds.
fn duration_dhm_seconds(text: &str) -> Option<i64> {
    let mut parts = text.split(':');
    let (d, h, m) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let n = |s: &str| s.parse::<i64>().ok();
    Some(n(d)? * 86_400 + n(h)? * 3_600 + n(m)? * 60)
}

/// The `sub` claim of the request's bearer token, when it is a JWT with one.
fn token_subject(request: &MockRequest) -> Option<String> {
    let token = auth::bearer(request.header("authorization")?)?;
    auth::claims(token)?
        .get("sub")?
        .as_str()
        .map(str::to_string)
}

/// A device unlock password: twelve letters and digits from the seed.
fn unlock_password(state: &mut State) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    (0..12)
        .map(|_| char::from(ALPHABET[state.below(ALPHABET.len())]))
        .collect()
}

/// The user name (if any) of a login body and whether it has a password: a JSON object,
/// or one inside `{"value": "..."}`, with names in any case.
fn login_fields(body: &[u8]) -> Option<(String, bool)> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let object = match value.get("value").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str::<Value>(inner).ok()?,
        None => value,
    };
    let object = object.as_object()?;
    let field = |name: &str| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let user = field("username")
        .or_else(|| field("user"))
        .and_then(Value::as_str)
        .unwrap_or("user")
        .to_string();
    let has_password = field("password")
        .and_then(Value::as_str)
        .is_some_and(|p| !p.is_empty());
    Some((user, has_password))
}
