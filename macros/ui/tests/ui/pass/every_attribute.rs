//! Every attribute the derive knows, in one place; must compile without warnings.
#![deny(warnings)]

use vendorspec_macros::Contract;

/// The kind of job.
#[derive(Contract, Clone, Copy, PartialEq, Eq)]
#[contract(integer)]
pub enum JobType {
    /// Discovery only.
    #[contract(value = 1)]
    Discovery,
    /// Installs agents.
    #[contract(value = 2, label = "Install agents")]
    Install,
}

/// Options.
#[derive(Contract, Clone)]
#[contract(name = "Options", unknown = "warn", crate = "::vendorspec_runtime")]
pub struct DiscoveryOptions {
    /// Ping first.
    #[contract(rename = "IcmpDiscovery")]
    pub icmp: bool,
}

/// A job.
#[derive(Contract)]
#[contract(
    exactly_one_of(devices, zones, count = "non_empty"),
    at_least_one_of(devices, start_ip),
    requires(when(features(contains = 48)), then(features(contains = 12)), message = "48 needs 12"),
    range_order(start_ip, end_ip),
    advice(code = "modules_ignored", at = modules, when(job_type(not_in = [2]), modules(present = true)), message = "m", help = "h"),
)]
pub struct Job {
    /// The name.
    #[contract(rename = "Name", min_length = 1, max_length = 10, pattern = "^[a-z]+$")]
    pub name: String,
    /// The timeout.
    #[contract(minimum = 0, maximum = 100, default = 30)]
    pub timeout: Option<u16>,
    /// A password.
    #[contract(secret)]
    pub password: Option<String>,
    /// Devices.
    #[contract(items(format = "device_id"), min_items = 1, max_items = 5, unique_items)]
    pub devices: Option<Vec<String>>,
    /// Zones.
    pub zones: Option<Vec<String>>,
    /// Features.
    #[contract(items(minimum = 1), default_json = "[12]")]
    pub features: Option<Vec<u8>>,
    /// Start.
    #[contract(format = "ipv4")]
    pub start_ip: Option<String>,
    /// End.
    #[contract(format = "ipv4")]
    pub end_ip: Option<String>,
    /// Interval.
    #[contract(format = "duration_dhm", min_duration = "0:00:05", max_duration = "1:00:00", default = "0:00:10")]
    pub interval: Option<String>,
    /// Ratio.
    #[contract(minimum = -1.5, maximum = 1.5, default = 0.5)]
    pub ratio: Option<f64>,
    /// Type.
    #[contract(default = 1)]
    pub job_type: Option<JobType>,
    /// Modules.
    pub modules: Option<Vec<String>>,
    /// Options.
    #[contract(default_json = r#"{"IcmpDiscovery": true}"#)]
    pub options: Option<Box<DiscoveryOptions>>,
}

fn main() {
    let job = Job {
        name: "x".into(),
        timeout: None,
        password: Some("secret".into()),
        devices: None,
        zones: Some(vec!["z".into()]),
        features: None,
        start_ip: None,
        end_ip: None,
        interval: None,
        ratio: None,
        job_type: None,
        modules: None,
        options: None,
    };
    assert_eq!(job.timeout_or_default(), 30);
    assert_eq!(job.features_or_default(), vec![12]);
    assert_eq!(job.interval_or_default(), "0:00:10");
    assert_eq!(job.ratio_or_default(), 0.5);
    assert!(job.job_type_or_default() == JobType::Discovery);
    assert!(job.options_or_default().icmp);
    assert!(!format!("{job:?}").contains("secret"));
}
