//! The generated Rust bindings as a user holds them: serde that validates (a value read
//! through `Deserialize` always holds its contract), lossless JSON round trips, builders,
//! the effective values the server acts on, and the narrowest integer types.
//!
//! Properties (`PROPTEST_CASES`, 128 by default), for every request and response type:
//! - `round_trip`: a valid typed value written with `Serialize` and read back with the
//!   generated `Deserialize` is equal to itself, and written again is the same text.
//! - `refused`: a payload with one violation is refused by `Deserialize`, with an error
//!   naming the violation's pointer.

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use vendorspec::runtime::strategy;
use vendorspec::runtime::{Contract, FromTree};
use vendorspec::{
    cylance_admin_v2 as admin, cylance_protect_v2 as protect, ivanti_es_v2 as ivanti,
};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(128),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Contract + FromTree + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    Ok(())
}

macro_rules! typed_properties {
    ($($name:ident: $ty:ty),* $(,)?) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(config())]

                #[test]
                fn round_trip(value in strategy::typed::<$ty>()) {
                    round_trips(&value)?;
                }

                #[test]
                fn refused((text, broken) in strategy::invalid(const { &<$ty as Contract>::SHAPE })) {
                    // A payload that repeats a member is not JSON serde reads as written.
                    prop_assume!(broken.rule != "duplicate_key");
                    let err = serde_json::from_str::<$ty>(&text);
                    prop_assert!(err.is_err(), "accepted {}", text);
                    let message = err.unwrap_err().to_string();
                    let at = if broken.pointer.is_empty() { "/".to_string() } else { broken.pointer.clone() };
                    prop_assert!(message.contains(&at), "{} does not name {}", message, at);
                }
            }
        }
    )*};
}

typed_properties! {
    job: ivanti::Job,
    deployment_group: ivanti::DeploymentGroup,
    tenant_provision: admin::TenantProvision,
    create_package_execution: protect::CreatePackageExecutionRequest,
    package_execution_resource: protect::PackageExecutionResource,
    lockdown_request: protect::LockdownRequest,
    lockdown_device: protect::LockdownDevice,
    lockdown_params: protect::LockdownDeviceParams,
}

fn job(options: Option<ivanti::DiscoveryOptions>) -> ivanti::Job {
    ivanti::Job::builder()
        .name("Sweep")
        .job_type(ivanti::JobType::Discovery)
        .start_time("2026-12-07T09:00:00Z")
        .maybe_discovery_options(options)
        .discovery_targets(
            ivanti::DiscoveryTargets::builder()
                .single_ip_targets(vec![
                    ivanti::SingleIpTarget::builder().ip("10.0.0.1").build(),
                ])
                .build(),
        )
        .build()
}

/// Every discovery option's effective value, in the contract's order.
fn options(o: &ivanti::DiscoveryOptions) -> [Option<bool>; 8] {
    [
        o.port_scan_discovery,
        o.icmp_discovery,
        o.resolve_dns_name,
        o.resolve_mac_address,
        o.resolve_netbios_name,
        o.snmp_discovery,
        o.verify_with_ping,
        o.windows_discovery,
    ]
}

#[test]
fn absent_discovery_options_are_all_on_present_ones_turn_the_unlisted_off() {
    let absent = job(None).effective_discovery_options();
    assert_eq!(options(&absent), [Some(true); 8]);
    let listed = ivanti::DiscoveryOptions::builder()
        .icmp_discovery(true)
        .build();
    let present = job(Some(listed)).effective_discovery_options();
    let mut expected = [Some(false); 8];
    expected[1] = Some(true);
    assert_eq!(options(&present), expected);
    // The whole value, defaults applied at every depth; the given members unchanged.
    let effective = job(None).effective();
    assert_eq!(effective.name, "Sweep");
    let target = &effective
        .discovery_targets
        .single_ip_targets
        .as_ref()
        .unwrap()[0];
    assert_eq!((target.timeout, target.retry), (Some(3000), Some(3)));
    assert_eq!(effective.effective_modules().ac, Some(false));
}

#[test]
fn an_empty_notify_takes_every_notification_default() {
    let deployment = ivanti::DeploymentGroup::builder()
        .custom_patch_list_id(1)
        .group_ids(vec![1009])
        .start_time("2026-12-07T22:00:00Z")
        .notify(ivanti::NotifyOptions::default())
        .build();
    let notify = deployment.effective().notify.unwrap();
    let json = serde_json::to_value(&notify).unwrap();
    let object = json.as_object().unwrap();
    assert!(object.len() >= 5, "{json}");
    assert!(object.values().all(|v| !v.is_null()), "{json}");
}

#[test]
fn integers_are_the_narrowest_type_the_contract_allows() {
    // A port is 1 to 65535: u16, so 70000 cannot even be written.
    let params = ivanti::CreateJobParams::builder()
        .host("ies")
        .port(43470_u16)
        .build();
    assert_eq!(params.effective_port(), 43470_u16);
    let default = ivanti::CreateJobParams::builder().host("ies").build();
    assert_eq!(default.effective_port(), 43470);
    // What serde reads is checked against the contract, not only the Rust type.
    assert!(
        serde_json::from_str::<ivanti::CreateJobParams>(r#"{"host": "ies", "port": 0}"#).is_err()
    );
}
