//! The change report between two versions of a spec (`vendorspec diff OLD NEW`): what a
//! vendor-page edit breaks, for those who send request payloads and for those who consume
//! responses.
//!
//! Both versions go through the loader and checker ([`load`]), so a broken spec gives the
//! usual located errors; [`diff`] compares the checked IRs and returns a [`Report`] that
//! serializes as the JSON report, displays as the plain-text report, and that the CLI
//! renders as Markdown and GitHub annotations too.
//!
//! Each change says where it is (API, endpoint, body, member path), what changed (a
//! stable [`Kind`] code) and its [`Level`] for each side. Most levels follow from the
//! change's [`change::Effect`] on the values the contract accepts: a request that may no
//! longer contain something breaks senders, a response that may now contain something
//! breaks consumers.
//!
//! There are two sides, requests (request bodies, parameters, the call itself) and
//! responses (response bodies and statuses); a change is classified for each side it
//! concerns, and `None` for the other:
//!
//! | change | requests | responses |
//! |---|---|---|
//! | member added | breaking if required, else compatible | compatible (unknown members are tolerated) |
//! | member removed (a rename is a removal and an addition) | breaking | breaking |
//! | parameter added / removed | breaking if required, else compatible / breaking | |
//! | narrower: optional → required, body optional → required, format or pattern added, format narrowed (the old format includes the new one), bound tightened or added, unique items, rule added, enum value removed, scope now needed, shorter token lifetime, exact names, strict syntax, status / response / variant removed | breaking | compatible |
//! | wider: the reverse of each, enum value added, integer → number, format widened (`date-time` → `date_time_offset_optional`, `result_url` → `result_destination`), status / response / variant added | compatible | breaking |
//! | replaced: type, format (neither includes the other), pattern, method, path, base URL, body encoding, wrapper, `exactly_one_of` counting | breaking | breaking |
//! | endpoint or API added / removed | compatible / breaking | compatible / breaking |
//! | body added / removed | breaking (compatible when the new body is optional) / breaking | compatible / breaking (compatible when the old body was optional) |
//! | default, descriptions, examples, advice, secret, type and enum value names, member spelling on a case-insensitive API, scope claim | info | info |
//!
//! A changed default is info: every payload stays valid and every response parses; what
//! an omitted member means changes, and the change's `old`/`new` values show it.

mod body;
mod bound;
pub mod change;
mod compare;
pub mod describe;

use std::path::Path;

pub use change::{Body, Change, Kind, Level, Report, Summary};

use crate::diag::{Loc, SpecError, SpecErrors};
use crate::ir::Spec;
use crate::{SpecFile, load_dir, load_files};

/// Every change from `old` to `new`, classified and in report order.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    Report::new(compare::compare(old, new))
}

/// Loads a spec directory (its `*.yaml` files) or a single spec file, checked; anything
/// that is not a directory is read as one file, so `<(git show HEAD:spec/x.yaml)` works.
pub fn load(path: &Path) -> Result<Spec, SpecErrors> {
    if path.is_dir() {
        return load_dir(path);
    }
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => load_files(&[SpecFile { name, text }]),
        Err(e) => Err(SpecErrors(vec![SpecError {
            file: name,
            loc: Loc::default(),
            message: format!("cannot read the spec: {e}"),
            help: Some("give a spec directory or a .yaml spec file".into()),
            source_line: None,
            caret: 0,
        }])),
    }
}
