//! The generated Rust bindings as a user holds them: serde that validates (a value read
//! through `Deserialize` always holds its contract), lossless JSON round trips, builders,
//! the effective values the server acts on, and the narrowest integer types.
//!
//! Properties (`PROPTEST_CASES`, 128 by default), for every request and response type:
//! - `round_trip`: a valid typed value written with `Serialize` and read back with the
//!   generated `Deserialize` is equal to itself, and written again is the same text.
//! - `refused`: a payload with one violation is refused by `Deserialize`, with an error
//!   naming the violation's pointer.
//!
//! The strategies draw date-times in the forms the contract accepts (fractions of any
//! length, `Z` or any offset, lower-case `t` and `z`); `date_times_keep_their_text` adds
//! the edge forms by hand.

mod common;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::net::Ipv4Addr;

use vendorspec::runtime::strategy;
use vendorspec::runtime::values::{DateTime, DeviceId, OffsetOptionalDateTime, Secret, Uuid};
use vendorspec::runtime::{Contract, FromTree};
use vendorspec::{
    cylance_admin_v2 as admin, cylance_protect_v2 as protect, ivanti_es_v2 as ivanti,
};

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..common::proptest_config(128)
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
        .start_time(DateTime::parse("2026-12-07T09:00:00Z").unwrap())
        .maybe_discovery_options(options)
        .discovery_targets(
            ivanti::DiscoveryTargets::builder()
                .single_ip_targets(vec![
                    ivanti::SingleIpTarget::builder()
                        .ip(Ipv4Addr::new(10, 0, 0, 1))
                        .build(),
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
        .start_time(DateTime::parse("2026-12-07T22:00:00Z").unwrap())
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

#[test]
fn date_times_keep_their_text() {
    for text in [
        "2022-03-03T11:30:00Z",
        "2022-03-03T11:30:00.000Z",
        "2022-03-03t11:30:00.123456789z",
        "2022-03-03T11:30:00+05:30",
        "2022-03-03T11:30:00-00:00",
        "2024-02-29T23:59:59.5+14:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
    ] {
        let t = DateTime::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        let back: DateTime = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert!(back.instant().is_some(), "{text}");
    }
    assert!(DateTime::parse("2022-03-03T11:30:00").is_err(), "no offset");
    assert!(OffsetOptionalDateTime::parse("2022-03-03T11:30:00").is_ok());
    assert!(serde_json::from_str::<DateTime>("\"2023-02-29T00:00:00Z\"").is_err());
}

#[test]
fn formats_are_types() {
    // A device id is checked when it is made, with FromStr and TryFrom.
    let id: DeviceId = "45E07F34E76B4A9EB167D6D0C510D6BA".parse().unwrap();
    assert_eq!(
        DeviceId::try_from("45E07F34E76B4A9EB167D6D0C510D6BA"),
        Ok(id.clone())
    );
    assert!(DeviceId::parse("45e07f34e76b4a9eb167d6d0c510d6ba").is_err());
    let params = protect::LockdownDeviceParams::builder()
        .device_id(id)
        .build();
    assert_eq!(
        params.device_id.as_str(),
        "45E07F34E76B4A9EB167D6D0C510D6BA"
    );
    // UUIDs are uuid::Uuid, addresses std's Ipv4Addr.
    let group = ivanti::DeploymentGroup::builder()
        .custom_patch_list_id(1)
        .agent_guids(vec![
            Uuid::parse_str("9e317d51-07ac-4c17-8a1f-3111d385bc7e").unwrap(),
        ])
        .start_time(DateTime::parse("2026-12-07T22:00:00Z").unwrap())
        .build();
    let json = serde_json::to_value(&group).unwrap();
    assert_eq!(
        json["AgentGuids"][0],
        "9e317d51-07ac-4c17-8a1f-3111d385bc7e"
    );
    // A password is a Secret: it never prints, and is written on the wire.
    let credentials = ivanti::Credentials::builder()
        .username("svc")
        .password(Secret::from("hunter2"))
        .build();
    let printed = format!("{credentials:?} {}", credentials.password);
    assert!(!printed.contains("hunter2"), "{printed}");
    assert_eq!(
        serde_json::to_value(&credentials).unwrap()["Password"],
        "hunter2"
    );
}
