// Shared hand-written contract types (included by several test files).
#![allow(dead_code)]

use vendorspec_macros::Contract;

/// The kind of job.
#[derive(Contract, Clone, Copy, PartialEq, Eq)]
#[contract(integer)]
pub enum JobType {
    /// Creates a discovery-only job.
    #[contract(value = 1)]
    Discovery,
    /// Installs agents.
    #[contract(value = 2, label = "Install agents")]
    Install,
    #[contract(value = -1)]
    Unknown,
}

/// How a policy applies.
#[derive(Contract, Clone, PartialEq, Eq)]
#[contract(name = "PolicyMode")]
pub enum Mode {
    Evaluation,
    #[contract(value = "enforce", label = "Enforce")]
    Enforce,
}

/// Discovery options.
#[derive(Contract, Clone, PartialEq)]
#[contract(unknown = "warn")]
pub struct DiscoveryOptions {
    /// Whether to ping.
    #[contract(rename = "IcmpDiscovery")]
    pub icmp: bool,
    #[contract(rename = "Ratio", minimum = 0.5, maximum = 2)]
    pub ratio: Option<f64>,
}

/// A job to discover assets.
///
/// Second paragraph.
#[derive(Contract, Clone, PartialEq)]
#[contract(
    name = "Job",
    exactly_one_of(devices, zones, count = "non_empty"),
    at_least_one_of(agent_guids, group_ids),
    requires(when(feature_ids(contains = 48)), then(feature_ids(contains = 12)), message = "Ubuntu (48) needs Linux (12)"),
    requires(when(job_type(equals = 2), name(present = true)), then(password(present = true)), message = "installs need a password"),
    range_order(start_ip, end_ip),
    range_order(low, high),
    advice(code = "modules_ignored", at = modules, when(job_type(not_in = [2]), modules(non_empty = true)), message = "modules only apply to installs", help = "drop Modules"),
    advice(code = "odd_mode", when(mode(in = ["enforce"])), message = "enforce mode"),
)]
pub struct Job {
    /// Sets the name of the job.
    #[contract(
        rename = "Name",
        min_length = 1,
        max_length = 64,
        pattern = "^[A-Za-z]"
    )]
    pub name: String,
    #[contract(rename = "Timeout", minimum = 0, maximum = 2147483647, default = 3000)]
    pub timeout: Option<i32>,
    pub small: Option<u8>,
    #[contract(minimum = -5)]
    pub delta: Option<i64>,
    #[contract(rename = "Password", secret)]
    pub password: Option<String>,
    #[contract(rename = "ApiKey", secret)]
    pub api_key: String,
    #[contract(
        items(format = "device_id"),
        min_items = 1,
        max_items = 10,
        unique_items
    )]
    pub devices: Option<Vec<String>>,
    pub zones: Option<Vec<String>>,
    #[contract(items(format = "uuid"))]
    pub agent_guids: Option<Vec<String>>,
    pub group_ids: Option<Vec<u32>>,
    #[contract(
        rename = "FeatureIds",
        items(minimum = 1, maximum = 100),
        default_json = "[12]"
    )]
    pub feature_ids: Option<Vec<u16>>,
    #[contract(format = "ipv4")]
    pub start_ip: Option<String>,
    #[contract(format = "ipv4")]
    pub end_ip: Option<String>,
    pub low: Option<f64>,
    #[contract(default = 10)]
    pub high: Option<f64>,
    #[contract(rename = "JobType", default = 1)]
    pub job_type: Option<JobType>,
    pub mode: Option<Mode>,
    pub modules: Option<Vec<String>>,
    #[contract(
        format = "duration_dhm",
        min_duration = "0:00:05",
        max_duration = "7:00:00",
        default = "0:01:00"
    )]
    pub interval: Option<String>,
    #[contract(items(items(min_length = 2), max_items = 3))]
    pub matrix: Option<Vec<Vec<String>>>,
    #[contract(
        rename = "DiscoveryOptions",
        default_json = r#"{"IcmpDiscovery": true}"#
    )]
    pub discovery_options: Option<DiscoveryOptions>,
    pub boxed: Option<Box<DiscoveryOptions>>,
    #[contract(default = true)]
    pub enabled: Option<bool>,
    #[contract(rename = "Mode2", default = "enforce")]
    pub mode2: Option<Mode>,
}
