//! `vendorspec mock`: a local HTTP/1.1 server that behaves like the vendors' servers as the
//! contracts describe them, so that an integration (a SOAR playbook, a script that locks
//! devices down) can be tested without a tenant.
//!
//! - [`service`]: one request in, one response out, with no I/O: routing by method and path
//!   (the traffic check's [`Routes`]), credentials (the traffic check's
//!   [`check_authorization`], plus the tokens Ivanti's login issued), parameters and bodies
//!   through the endpoint's own validator, so a body is read exactly as `vendorspec
//!   validate` reads it;
//! - [`state`]: what was created (package executions, lockdowns, issued tokens), and the
//!   clock and the seeded randomness that make responses repeatable;
//! - [`bodies`]: contract-valid response bodies, the spec's examples first and generated
//!   values after, with what the request and the state say written in;
//! - [`problem`]: RFC 9457 `application/problem+json` answers holding the findings;
//! - [`record`]: the exchanges written as a HAR 1.2 capture (for `vendorspec traffic`), with
//!   secrets masked;
//! - [`token`]: JWTs as the login issues them; [`calls`]: realistic calls for tests and
//!   scripts;
//! - [`server`]: the hyper server: bounded request size, concurrent connections, one log
//!   line per exchange, graceful shutdown.
//!
//! HTTP lives here only: the library crates (runtime, traffic) stay free of it.
//!
//! [`Routes`]: vendorspec_traffic::routes::Routes
//! [`check_authorization`]: vendorspec_traffic::auth::check_authorization

pub mod bodies;
pub mod calls;
pub mod problem;
pub mod record;
pub mod server;
pub mod service;
pub mod state;
pub mod token;

pub use server::{Logger, RunConfig, ServeOptions, run, serve};
pub use service::{Exchange, Mock, MockRequest, MockResponse};
pub use state::Clock;
