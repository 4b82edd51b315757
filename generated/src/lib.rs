//! # vendorspec
//!
//! Typed models, validators, JSON Schemas and endpoint descriptors for the REST APIs that
//! security teams automate: the Cylance Protect API v2 ([`cylance_protect_v2`]), the
//! Cylance multi-tenant admin API v2 ([`cylance_admin_v2`]) and the Ivanti Endpoint
//! Security REST API v2 ([`ivanti_es_v2`]). Everything here is generated at build time from
//! the YAML contracts in `spec/`.
//!
//! ```
//! use vendorspec::ivanti_es_v2::CREATE_JOB;
//! use vendorspec::runtime::endpoint::BodyKind;
//!
//! // The docs' own "Stringified JSON" example, lenient syntax and all.
//! let body = br#"{
//! Name: "Test",
//! JobType: 1,
//! StartTime: "2022-03-03T11:30:00.000Z",
//! DiscoveryTargets:{
//! RangeIpTargets:[{StartIp: "192.168.19.100", EndIP: "192.168.19.200"}]
//! },
//! }"#;
//! let report = CREATE_JOB.validate(BodyKind::Request, body).unwrap();
//! assert!(!report.has_errors());
//! ```

#![deny(missing_docs)]

pub use vendorspec_macros::Contract;
pub use vendorspec_runtime as runtime;
pub use vendorspec_runtime::{Contract, FromTree, Report};

include!(concat!(env!("OUT_DIR"), "/vendorspec_generated.rs"));

/// The endpoint with this stable id (`create_job`), if there is one.
pub fn endpoint(id: &str) -> Option<&'static runtime::endpoint::EndpointDesc> {
    ENDPOINTS.iter().copied().find(|e| e.id == id)
}
