//! The HTTP/1.1 server around [`Mock::handle`]: hyper on tokio, a task per connection,
//! request bodies read up to a bound (413 beyond it), one log line per exchange, the
//! exchanges recorded when asked, and a graceful shutdown that lets the requests in flight
//! finish.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use vendorspec::runtime::redact;

use crate::problem::Problem;
use crate::record::{Recorded, Recorder};
use crate::service::{Mock, MockRequest, MockResponse};

/// How long the shutdown waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Where the log lines go (the CLI writes them to standard error).
pub trait Logger: Send + Sync {
    fn line(&self, line: &str);
}

/// How the server runs.
#[derive(Debug)]
pub struct ServeOptions {
    /// Request bodies larger than this are refused with 413.
    pub max_body_bytes: usize,
    /// Where the exchanges are recorded, if anywhere.
    pub record: Option<Recorder>,
}

/// What one connection's requests share.
struct Shared {
    mock: Arc<Mock>,
    options: ServeOptions,
    logger: Arc<dyn Logger>,
    local: SocketAddr,
}

/// Serves `mock` on `listener` until `shutdown` completes, then finishes the requests in
/// flight (for up to five seconds) and closes the recording.
pub async fn serve(
    listener: TcpListener,
    mock: Arc<Mock>,
    options: ServeOptions,
    logger: Arc<dyn Logger>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    let shared = Arc::new(Shared {
        mock,
        options,
        logger,
        local,
    });
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                // A failed accept (too many open files, a reset) drops that connection only.
                let Ok((stream, peer)) = accepted else { continue };
                let shared = Arc::clone(&shared);
                let service = service_fn(move |request| {
                    let shared = Arc::clone(&shared);
                    async move { Ok::<_, std::convert::Infallible>(answer(&shared, peer, request).await) }
                });
                let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that goes away mid-request is not the server's error.
                    let _ = connection.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
    }
    if let Some(recorder) = &shared.options.record {
        recorder.finish()?;
    }
    Ok(())
}

/// One exchange: the request read (within the bound), answered, logged and recorded.
async fn answer(
    shared: &Shared,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let started_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let (parts, body) = request.into_parts();
    let target = parts.uri.path_and_query().map_or_else(
        || parts.uri.path().to_string(),
        |pq| pq.as_str().to_string(),
    );
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let max = shared.options.max_body_bytes;
    let body = match Limited::new(body, max).collect().await {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(_) => Err(()),
    };
    let mock_request = MockRequest {
        method: parts.method.as_str().to_string(),
        target,
        headers,
        body: body.clone().unwrap_or_default(),
    };
    let (response, endpoint) = match body {
        Ok(_) => {
            let exchange = shared.mock.handle(&mock_request);
            (exchange.response, exchange.endpoint)
        }
        Err(()) => (
            MockResponse::problem(&Problem::new(
                413,
                "payload-too-large",
                "Payload Too Large",
                format!("the request body is larger than the mock reads ({max} bytes)"),
            )),
            None,
        ),
    };
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    shared.logger.line(&format!(
        "{peer} \"{} {}\" {} {} {} {millis:.1}ms",
        mock_request.method,
        redact::redact(&mock_request.target),
        response.status,
        endpoint.unwrap_or("-"),
        response.body.len(),
    ));
    if let Some(recorder) = &shared.options.record {
        let host = mock_request
            .header("host")
            .map_or_else(|| shared.local.to_string(), str::to_string);
        let recorded = Recorded {
            origin: &format!("http://{host}"),
            request: &mock_request,
            response: &response,
            started: started_at,
            millis,
        };
        if let Err(e) = recorder.record(&recorded) {
            shared
                .logger
                .line(&format!("error: the recording could not be written: {e}"));
        }
    }
    to_hyper(response)
}

fn to_hyper(response: MockResponse) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(response.status);
    for (name, value) in &response.headers {
        builder = builder.header(*name, value.as_str());
    }
    builder
        .body(Full::new(Bytes::from(response.body)))
        .unwrap_or_else(|_| {
            let mut fallback = Response::new(Full::new(Bytes::new()));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}

/// What `vendorspec mock` runs.
#[derive(Debug)]
pub struct RunConfig {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    pub seed: u64,
    pub clock: crate::state::Clock,
    pub options: ServeOptions,
}

/// Binds, calls `listening` with the address (so the caller can print the port it got),
/// and serves until Ctrl-C or SIGTERM. Errors: the address cannot be bound, or the
/// recording cannot be closed.
pub fn run(
    config: RunConfig,
    logger: Arc<dyn Logger>,
    listening: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        // The handlers are installed before the address is announced, so a signal sent as
        // soon as a client sees the address stops the server cleanly.
        let shutdown = shutdown_signal()?;
        let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
        listening(listener.local_addr()?);
        let mock = Arc::new(Mock::new(vendorspec::ENDPOINTS, config.seed, config.clock));
        serve(listener, mock, config.options, logger, shutdown).await
    })
}

/// A future that completes on Ctrl-C (SIGINT) or SIGTERM; the handlers are installed when
/// it is made.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// A future that completes on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
}
