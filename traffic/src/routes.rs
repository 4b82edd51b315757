//! Matching a recorded URL to an endpoint: the API's base URL (its `{variables}`, or an
//! override such as `--base-url ivanti_es_v2=https://ies.corp:8443`) followed by the
//! endpoint's path template. Scheme and host compare case-insensitively, a port that is the
//! scheme's default may be written or not, and one trailing `/` is allowed.

use regex::Regex;
use vendorspec_runtime::endpoint::EndpointDesc;

/// The override id that stands for every API: each is served at that origin under its own
/// base URL's path prefix (as `vendorspec mock` serves them).
pub const EVERY_API: &str = "*";

/// A parameter read from the URL: its name, its text as written (percent-encoded), where
/// it starts in the URL text when known, and whether it fills a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub raw: String,
    pub at: Option<usize>,
    /// A placeholder of the base URL or the path (else a query parameter).
    pub placeholder: bool,
}

/// One endpoint's URL pattern.
#[derive(Debug)]
pub struct Route {
    pub endpoint: &'static EndpointDesc,
    regex: Regex,
    /// The placeholders, in capture order; `true` for those of the path (not the base URL).
    names: Vec<(String, bool)>,
}

/// Every endpoint's pattern.
#[derive(Debug)]
pub struct Routes {
    routes: Vec<Route>,
}

/// What a URL and method match.
#[derive(Debug)]
pub enum Matched<'r> {
    /// An endpoint with this method and path.
    Endpoint(&'r Route, Vec<Param>),
    /// A path known with other methods only: the first such endpoint.
    WrongMethod(&'r Route, Vec<Param>),
    None,
}

/// A `--base-url` value that names no API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownApi {
    pub id: String,
    pub known: Vec<&'static str>,
}

impl std::fmt::Display for UnknownApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--base-url names no API `{}` (the APIs: {})",
            self.id,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownApi {}

impl Routes {
    /// The routes of `endpoints`, with base URLs replaced per API id by `overrides`.
    pub fn new(
        endpoints: &[&'static EndpointDesc],
        overrides: &[(String, String)],
    ) -> Result<Routes, UnknownApi> {
        let mut known: Vec<&'static str> = endpoints.iter().map(|e| e.api.id).collect();
        known.sort_unstable();
        known.dedup();
        for (id, _) in overrides {
            if id != EVERY_API && !known.contains(&id.as_str()) {
                return Err(UnknownApi {
                    id: id.clone(),
                    known,
                });
            }
        }
        let routes = endpoints
            .iter()
            .map(|&endpoint| {
                let own = overrides
                    .iter()
                    .rev()
                    .find(|(id, _)| id == endpoint.api.id)
                    .map(|(_, url)| url.clone());
                let every = || {
                    let (_, prefix) = split_origin(endpoint.api.base_url.trim_end_matches('/'));
                    overrides
                        .iter()
                        .rev()
                        .find(|(id, _)| id == EVERY_API)
                        .map(|(_, url)| format!("{}{prefix}", url.trim_end_matches('/')))
                };
                let base = own
                    .or_else(every)
                    .unwrap_or_else(|| endpoint.api.base_url.to_string());
                let base = base.trim_end_matches('/');
                let (origin, prefix) = split_origin(base);
                let mut names = Vec::new();
                let mut pattern = String::from("^");
                pattern.push_str(&template(&origin.to_ascii_lowercase(), false, &mut names));
                pattern.push_str(&template(prefix, true, &mut names));
                pattern.push_str(&template(endpoint.path, true, &mut names));
                pattern.push_str("/?$");
                Route {
                    endpoint,
                    // Escaped literals and fixed groups: always a valid pattern.
                    regex: Regex::new(&pattern).unwrap_or_else(|_| never()),
                    names,
                }
            })
            .collect();
        Ok(Routes { routes })
    }

    /// The endpoint `method url` calls.
    pub fn find(&self, method: &str, url: &str) -> Matched<'_> {
        let Some(parsed) = Url::parse(url) else {
            return Matched::None;
        };
        let mut wrong = None;
        for candidate in parsed.candidates() {
            for route in &self.routes {
                let Some(caps) = route.regex.captures(&candidate) else {
                    continue;
                };
                let mut params = Vec::new();
                for (i, (name, in_path)) in route.names.iter().enumerate() {
                    let Some(m) = caps.get(i + 1) else { continue };
                    let at = (*in_path && m.start() >= parsed.origin_len(&candidate))
                        .then(|| m.start() - parsed.origin_len(&candidate) + parsed.path_start);
                    params.push(Param {
                        name: name.clone(),
                        raw: m.as_str().to_string(),
                        at,
                        placeholder: true,
                    });
                }
                if route.endpoint.method == method {
                    params.extend(parsed.query(url));
                    return Matched::Endpoint(route, params);
                }
                if wrong.is_none() {
                    params.extend(parsed.query(url));
                    wrong = Some((route, params));
                }
            }
        }
        match wrong {
            Some((route, params)) => Matched::WrongMethod(route, params),
            None => Matched::None,
        }
    }
}

impl Routes {
    /// The methods of the endpoints whose path `url` is (for a 405's `Allow`), in the
    /// order the endpoints are listed, each once.
    pub fn allowed(&self, url: &str) -> Vec<&'static str> {
        let Some(parsed) = Url::parse(url) else {
            return Vec::new();
        };
        let candidates = parsed.candidates();
        let mut out: Vec<&'static str> = Vec::new();
        for route in &self.routes {
            let method = route.endpoint.method;
            if !out.contains(&method) && candidates.iter().any(|c| route.regex.is_match(c)) {
                out.push(method);
            }
        }
        out
    }
}

/// An unreachable fallback that still type-checks as a `Regex`.
fn never() -> Regex {
    Regex::new("$^").expect("a valid pattern")
}

/// `https://host:port/prefix` → (`https://host:port`, `/prefix`).
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, ""),
    }
}

/// A template's regex: literals escaped, `{name}` a group (names pushed in order).
fn template(text: &str, in_path: bool, names: &mut Vec<(String, bool)>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&regex::escape(&rest[..open]));
        names.push((rest[open + 1..open + close].to_string(), in_path));
        let next = rest[open + close + 1..].chars().next();
        out.push_str(match (in_path, next) {
            (true, _) => "([^/]*)",
            // A host before `:port`: a bracketed IPv6 address or a name without `:`.
            (false, Some(':')) => r"(\[[^/\]]*\]|[^/:]+)",
            (false, _) => "([^/]+)",
        });
        rest = &rest[open + close + 1..];
    }
    out.push_str(&regex::escape(rest));
    out
}

/// A recorded URL, split.
#[derive(Debug)]
struct Url {
    scheme: String,
    /// Host and port, lowercase, without credentials.
    host: String,
    port: Option<String>,
    /// Where the path starts in the URL text, and the path as written.
    path_start: usize,
    path: String,
    query_start: Option<usize>,
}

impl Url {
    fn parse(url: &str) -> Option<Url> {
        let scheme_end = url.find("://")?;
        let scheme = url[..scheme_end].to_ascii_lowercase();
        let authority_start = scheme_end + 3;
        let authority_end = url[authority_start..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| i + authority_start);
        let authority = &url[authority_start..authority_end];
        // Credentials (`user:password@`) are never part of a match.
        let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let (host, port) = match hostport.rfind(':') {
            Some(i) if !hostport[i..].contains(']') => {
                (&hostport[..i], Some(hostport[i + 1..].to_string()))
            }
            _ => (hostport, None),
        };
        let path_end = url[authority_end..]
            .find(['?', '#'])
            .map_or(url.len(), |i| i + authority_end);
        let query_start = (url.as_bytes().get(path_end) == Some(&b'?')).then_some(path_end + 1);
        Some(Url {
            scheme,
            host: host.to_ascii_lowercase(),
            port: port.filter(|p| !p.is_empty()),
            path_start: authority_end,
            path: url[authority_end..path_end].to_string(),
            query_start,
        })
    }

    /// The URL without credentials and query, with and without the scheme's default port.
    fn candidates(&self) -> Vec<String> {
        let default = match self.scheme.as_str() {
            "http" => Some("80"),
            "https" => Some("443"),
            _ => None,
        };
        let with = |port: Option<&str>| match port {
            Some(p) => format!("{}://{}:{p}{}", self.scheme, self.host, self.path),
            None => format!("{}://{}{}", self.scheme, self.host, self.path),
        };
        let mut out = vec![with(self.port.as_deref())];
        match (self.port.as_deref(), default) {
            (None, Some(d)) => out.push(with(Some(d))),
            (Some(p), Some(d)) if p == d => out.push(with(None)),
            _ => {}
        }
        out
    }

    /// How long the origin of `candidate` is (its path starts there).
    fn origin_len(&self, candidate: &str) -> usize {
        candidate.len() - self.path.len()
    }

    /// The query parameters, as written, with where each value starts.
    fn query(&self, url: &str) -> Vec<Param> {
        let Some(start) = self.query_start else {
            return Vec::new();
        };
        let end = url[start..].find('#').map_or(url.len(), |i| i + start);
        let mut out = Vec::new();
        let mut at = start;
        for pair in url[start..end].split('&') {
            if !pair.is_empty() {
                let (name, raw, value_at) = match pair.split_once('=') {
                    Some((n, v)) => (n, v, at + n.len() + 1),
                    None => (pair, "", at),
                };
                out.push(Param {
                    name: vendorspec_runtime::endpoint::percent_decode(name),
                    raw: raw.to_string(),
                    at: Some(value_at),
                    placeholder: false,
                });
            }
            at += pair.len() + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_urls() {
        let u = Url::parse("HTTPS://user:pw@Host.Example:443/a/b?x=1&y#f").unwrap();
        assert_eq!(u.host, "host.example");
        assert_eq!(u.port.as_deref(), Some("443"));
        assert_eq!(u.path, "/a/b");
        assert_eq!(
            u.candidates(),
            ["https://host.example:443/a/b", "https://host.example/a/b"]
        );
        let q = u.query("HTTPS://user:pw@Host.Example:443/a/b?x=1&y#f");
        assert_eq!(q[0].raw, "1");
        assert_eq!(q[0].at, Some(39));
        assert_eq!(q[1].name, "y");
    }

    #[test]
    fn templates() {
        let mut names = Vec::new();
        let re = template("http://{host}:{port}", false, &mut names);
        let re = Regex::new(&format!("^{re}$")).unwrap();
        let caps = re.captures("http://[::1]:8080").unwrap();
        assert_eq!(&caps[1], "[::1]");
        assert_eq!(&caps[2], "8080");
    }
}
