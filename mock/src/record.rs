//! `--record FILE.har`: every exchange written to a HAR 1.2 capture as it completes, so
//! that `vendorspec traffic` can check what the integration sent. The file is written
//! entry by entry (memory stays bounded however long the mock runs) and closed on
//! shutdown.
//!
//! A capture is output, so it holds no secret: a JWT keeps its header and claims (which
//! the traffic check reads) and loses its signature, other credentials in `Authorization`
//! and cookie headers are masked, and the values of the contracts' secret members in the
//! bodies (passwords, destinations with credentials) are masked as `validate` masks a
//! quoted line.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde_json::{Value, json};
use vendorspec::runtime::mask;
use vendorspec::runtime::redact::{self, MASK};

use crate::service::{MockRequest, MockResponse};

/// The HAR file being written.
#[derive(Debug)]
pub struct Recorder {
    out: Mutex<Writer>,
}

#[derive(Debug)]
struct Writer {
    file: BufWriter<File>,
    entries: usize,
}

/// One exchange to record.
#[derive(Debug)]
pub struct Recorded<'a> {
    /// `http://host:port`, as the client addressed the mock.
    pub origin: &'a str,
    pub request: &'a MockRequest,
    pub response: &'a MockResponse,
    /// When the request arrived (RFC 3339) and how long the answer took.
    pub started: String,
    pub millis: f64,
}

impl Recorder {
    /// Creates (or truncates) the capture and writes its head.
    pub fn create(path: &Path) -> io::Result<Recorder> {
        let mut file = BufWriter::new(File::create(path)?);
        let creator = json!({ "name": "vendorspec mock", "version": env!("CARGO_PKG_VERSION") });
        write!(
            file,
            "{{\"log\":{{\"version\":\"1.2\",\"creator\":{creator},\"entries\":["
        )?;
        file.flush()?;
        Ok(Recorder {
            out: Mutex::new(Writer { file, entries: 0 }),
        })
    }

    /// Appends one entry and flushes it, so a capture read while the mock runs holds
    /// every finished exchange but the closing brackets.
    pub fn record(&self, exchange: &Recorded<'_>) -> io::Result<()> {
        let entry = entry(exchange);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let separator = if out.entries == 0 { "\n" } else { ",\n" };
        write!(out.file, "{separator}{entry}")?;
        out.entries += 1;
        out.file.flush()
    }

    /// Closes the capture.
    pub fn finish(&self) -> io::Result<()> {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        write!(out.file, "\n]}}}}\n")?;
        out.file.flush()
    }
}

/// The HAR entry of one exchange.
fn entry(x: &Recorded<'_>) -> Value {
    let request = x.request;
    let url = redact::redact(&format!("{}{}", x.origin, request.target)).into_owned();
    let query: Vec<Value> = request
        .target
        .split_once('?')
        .map(|(_, q)| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, value) = p.split_once('=').unwrap_or((p, ""));
                    json!({ "name": name, "value": redact::redact(value) })
                })
                .collect()
        })
        .unwrap_or_default();
    let headers: Vec<Value> = request
        .headers
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": header_value(name, value) }))
        .collect();
    let mut har_request = json!({
        "method": request.method,
        "url": url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": headers,
        "queryString": query,
        "headersSize": -1,
        "bodySize": request.body.len(),
    });
    if !request.body.is_empty() {
        har_request["postData"] = json!({
            "mimeType": request.header("content-type").unwrap_or(""),
            "text": masked_text(&request.body),
        });
    }
    let response = x.response;
    let content_type = response
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, v)| v.as_str());
    let response_headers: Vec<Value> = response
        .headers
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    let mut content = json!({ "size": response.body.len(), "mimeType": content_type });
    if !response.body.is_empty() {
        content["text"] = Value::from(masked_text(&response.body));
    }
    json!({
        "startedDateTime": x.started,
        "time": x.millis,
        "request": har_request,
        "response": {
            "status": response.status,
            "statusText": reason(response.status),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": response_headers,
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": response.body.len(),
        },
        "cache": {},
        "timings": { "send": 0, "wait": x.millis, "receive": 0 },
    })
}

/// A header's value as recorded: a bearer JWT without its signature, other credentials
/// masked.
fn header_value(name: &str, value: &str) -> String {
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "authorization" | "proxy-authorization" => match vendorspec_traffic::auth::bearer(value) {
            Some(token) => {
                let parts: Vec<&str> = token.split('.').collect();
                if parts.len() == 3 {
                    format!("Bearer {}.{}.{MASK}", parts[0], parts[1])
                } else {
                    format!("Bearer {MASK}")
                }
            }
            None => {
                let scheme = value.split_whitespace().next().unwrap_or("");
                format!("{scheme} {MASK}")
            }
        },
        "cookie" | "set-cookie" | "x-api-key" => MASK.to_string(),
        _ => redact::redact(value).into_owned(),
    }
}

/// A body as text with every secret member's value and every credential in a URL masked
/// (not UTF-8: replaced characters, then masked).
fn masked_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let masked = redact::mask_spans(&text, &mask::json_masks(&text, secret_names()));
    redact::redact(&masked).into_owned()
}

/// The secret member names of every contract.
fn secret_names() -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| mask::secret_names(vendorspec::ENDPOINTS))
}

/// The reason phrase of a status (`Not Found`), or empty.
fn reason(status: u16) -> &'static str {
    hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}
