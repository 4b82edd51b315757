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

//!
//! # Building requests
//!
//! Every body and parameter struct has a builder (`Type::builder()`): required members
//! must be set before `build()` compiles, optional ones have a setter for the value and a
//! `maybe_` setter for an `Option`, and strings take anything `Into<String>`. Formatted
//! strings are typed ([`runtime::values`]): date-times are `DateTime` (the text kept,
//! `instant()` a `time::OffsetDateTime`), UUIDs `uuid::Uuid`, addresses `Ipv4Addr`,
//! device ids `DeviceId` (checked by `parse`, `FromStr`, `TryFrom`), passwords `Secret`
//! (never printed); integers are the narrowest type their bounds allow (a port is `u16`). Check a
//! value with [`runtime::walk::validate_value`], then turn it into an
//! [`http::Request`] with the endpoint's function, ready for any HTTP
//! client. One example per endpoint:
//!
//! ```
//! use vendorspec::ivanti_es_v2::*;
//! use vendorspec::runtime::values::DateTime;
//! use vendorspec::runtime::walk::validate_value;
//!
//! // create_job: POST /api/v2/Jobs, the body stringified inside {"value": "..."}.
//! let job = Job::builder()
//!     .name("Weekly sweep")
//!     .job_type(JobType::Discovery)
//!     .start_time(DateTime::parse("2026-12-07T09:00:00Z").unwrap())
//!     .discovery_targets(
//!         DiscoveryTargets::builder()
//!             .single_ip_targets(vec![SingleIpTarget::builder().ip([10, 0, 0, 1].into()).build()])
//!             .build(),
//!     )
//!     .build();
//! assert!(!validate_value(&job).has_errors());
//! // What the server will do: no DiscoveryOptions means every option on.
//! assert_eq!(job.effective_discovery_options().icmp_discovery, Some(true));
//! let params = CreateJobParams::builder().host("ies.example.com").port(43470).build();
//! let request = create_job(&params, &job, Some("eyJ...")).unwrap();
//! assert_eq!(request.uri(), "http://ies.example.com:43470/api/v2/Jobs");
//! assert!(request.body().starts_with(br#"{"value":"{"#));
//!
//! // create_deployment_group: POST /api/v2/DeploymentGroups.
//! let deployment = DeploymentGroup::builder()
//!     .custom_patch_list_id(1)
//!     .group_ids(vec![1009])
//!     .start_time("2026-12-07T22:00:00Z".parse().unwrap())
//!     .notify(NotifyOptions::builder().allow_cancel(true).build())
//!     .build();
//! assert!(!validate_value(&deployment).has_errors());
//! let params = CreateDeploymentGroupParams::builder().host("ies.example.com").build();
//! let request = create_deployment_group(&params, &deployment, Some("eyJ...")).unwrap();
//! assert_eq!(request.method(), "POST");
//! ```
//!
//! ```
//! use vendorspec::cylance_protect_v2::*;
//! use vendorspec::runtime::values::DeviceId;
//! use vendorspec::runtime::walk::validate_value;
//!
//! // create_package_execution: POST /packages/v2/executions.
//! let body = CreatePackageExecutionRequest::builder()
//!     .execution(
//!         PackageExecutionRequest::builder()
//!             .name("Collect triage")
//!             .target(
//!                 PackageExecutionTarget::builder()
//!                     .devices(vec![DeviceId::parse("E378DACB9324453AB8C65A8406952195").unwrap()])
//!                     .build(),
//!             )
//!             .package_executions(vec![PackageExecutionItem::builder()
//!                 .package("61d8944e-d900-4724-87eb-d10078b90a41".parse().unwrap())
//!                 .arguments(vec!["-browser".into(), "ALL".into()])
//!                 .build()])
//!             .build(),
//!     )
//!     .build();
//! assert!(!validate_value(&body).has_errors());
//! let params = CreatePackageExecutionParams::default();
//! let request = create_package_execution(&params, &body, Some("eyJ...")).unwrap();
//! assert_eq!(request.uri(), "https://protectapi.cylance.com/packages/v2/executions");
//!
//! // delete_package_execution: DELETE /packages/v2/executions/{unique_execution_id}.
//! let params = DeletePackageExecutionParams::builder()
//!     .unique_execution_id("abebf88c-f283-4edc-834b-aa8ad3bc682c".parse().unwrap())
//!     .build();
//! let request = delete_package_execution(&params, Some("eyJ...")).unwrap();
//! assert_eq!(request.method(), "DELETE");
//!
//! // lockdown_device: PUT with query parameters and, as most clients send it, no body.
//! let params = LockdownDeviceParams::builder()
//!     .device_id(DeviceId::parse("45E07F34E76B4A9EB167D6D0C510D6BA").unwrap())
//!     .expires("0:01:00".parse().unwrap())
//!     .build();
//! assert!(params.effective_value(), "value defaults to true: lock");
//! let request = lockdown_device(&params, None, Some("eyJ...")).unwrap();
//! assert_eq!(request.method(), "PUT");
//! assert!(request.body().is_empty());
//! ```
//!
//! ```
//! use vendorspec::cylance_admin_v2::*;
//! use vendorspec::runtime::walk::validate_value;
//!
//! // provision_tenant: POST /public/v2/{region}/tenants/provision.
//! let tenant = TenantProvision::builder()
//!     .name("Acme")
//!     .address1("1 Road")
//!     .city("Irvine")
//!     .state("CA")
//!     .country("US")
//!     .zip_code("92519")
//!     .term(Term::Annual)
//!     .protect_licenses_allocated("5")
//!     .optics_licenses_allocated("0")
//!     .license_type(LicenseType::Customer)
//!     .build();
//! assert!(!validate_value(&tenant).has_errors());
//! let params = ProvisionTenantParams::builder().region(Region::Us).build();
//! let request = provision_tenant(&params, &tenant, Some("eyJ...")).unwrap();
//! assert_eq!(request.uri(), "https://api-admin.cylance.com/public/v2/us/tenants/provision");
//! ```
//!
//! A required member left out does not compile:
//!
//! ```compile_fail
//! use vendorspec::ivanti_es_v2::*;
//! // No `start_time`: `build()` does not exist on this builder state.
//! let job = Job::builder()
//!     .name("Weekly sweep")
//!     .job_type(JobType::Discovery)
//!     .discovery_targets(DiscoveryTargets::default())
//!     .build();
//! ```
//!
//! And a value read through serde holds its contract (parse, don't validate):
//!
//! ```
//! use vendorspec::ivanti_es_v2::Job;
//! let err = serde_json::from_str::<Job>(r#"{"Name": "", "JobType": 1}"#).unwrap_err();
//! assert!(err.to_string().contains("/Name"), "{err}");
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
