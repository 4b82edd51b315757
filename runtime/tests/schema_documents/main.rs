//! Published schemas from hand-written descriptors: each document is valid draft 2020-12,
//! and the `jsonschema` crate accepts the valid instances and rejects the invalid ones,
//! each of which breaks exactly one thing (named in the case). The same cases become the
//! differential tests of the validator ([`vendorspec_runtime::walk`]).
//!
//! Set `VENDORSPEC_SCHEMA_DUMP=<dir>` to write each document and its cases there (for the
//! cross-language runs with Python `jsonschema` and Ajv).

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Value, json};
use vendorspec_runtime::desc::*;
use vendorspec_runtime::schema::{DocumentMeta, document, json_schema, schema_name, unexpressible};
use vendorspec_runtime::{Severity, walk};

mod descriptors;
mod documents;
mod harness;
mod rules;
#[allow(unused_imports)]
use descriptors::*;
#[allow(unused_imports)]
use harness::*;
