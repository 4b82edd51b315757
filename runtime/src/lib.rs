//! specgate-runtime: what generated validators call.
//!
//! - [`reader`]: a single-pass JSON reader (strict RFC 8259 or the lenient Json.NET dialect)
//!   that builds a span-carrying tree, keeps duplicate members and computes line and column
//!   only when asked.
//! - [`envelope`]: unwraps the Ivanti `{"value": "..."}` envelope and maps inner positions back
//!   into the file.
//! - [`finding`]: findings, stable rule codes and the sorted report.
//! - [`pointer`](mod@pointer): RFC 6901 pointers built cheaply during a walk.
//!
//! ```
//! use specgate_runtime::reader::{parse, Kind, Syntax};
//!
//! let doc = parse(br#"{"a": [1, 2.5], "a": "x"}"#, Syntax::Strict).unwrap();
//! let names: Vec<&str> = doc.root().members().map(|m| m.name).collect();
//! assert_eq!(names, ["a", "a"]); // duplicates are kept
//! let first = doc.root().get("a").unwrap();
//! assert_eq!(first.kind(), Kind::Array);
//! assert_eq!(first.items().next().unwrap().as_i64(), Some(1));
//!
//! let err = parse(b"{\n  \"a\": 1,\n}", Syntax::Strict).unwrap_err();
//! assert_eq!((err.line, err.column), (2, 9));
//! assert_eq!(err.message, "trailing comma is not allowed in strict JSON");
//! ```

pub mod desc;
pub mod endpoint;
pub mod envelope;
pub mod finding;
pub mod formats;
pub mod normalize;
pub mod pointer;
pub mod reader;
pub mod schema;
#[cfg(feature = "proptest")]
pub mod strategy;
pub mod typed;
pub mod walk;

pub use desc::{NameMatching, Shape};
pub use envelope::unwrap_envelope;
pub use finding::{Finding, Report, Rule, Severity};
pub use reader::{Document, Kind, MAX_DEPTH, Member, Span, Syntax, ValueRef, parse};
pub use typed::{Contract, FromTree};
