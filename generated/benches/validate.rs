//! Parse + validate, against the parse floor and against the JSON Schema route, on the same
//! bytes in one run (docs/ARCHITECTURE.md, "Performance targets").
//!
//! Each case is measured with these functions, so ratios can be read off one run:
//!
//! - `vendorspec`: [`EndpointDesc::validate`] on the canonical strict JSON (parse with spans,
//!   walk, every finding located). For the Ivanti endpoints this still runs the API's
//!   lenient reader and envelope check, as the CLI would on a strict file.
//! - `vendorspec_wire` (Ivanti endpoints only): the same document as the API takes it on the
//!   wire: lenient syntax (unquoted names, trailing commas) stringified inside
//!   `{"value": "..."}`. Neither serde_json nor a JSON Schema validator can read that form,
//!   so the other two functions use the strict bytes; `vendorspec` on those same strict
//!   bytes is the apples-to-apples figure, this one shows what the envelope costs.
//! - `serde_json`: `serde_json::from_slice::<Value>` alone, the floor.
//! - `jsonschema`: serde_json parse + the `jsonschema` crate's `iter_errors(..).count()`
//!   with the published schema (`generated/schemas/*.json`), compiled once, outside the
//!   timing.
//!
//! Every function drops what it built inside the timing (a `Report`, a `Value`), as a
//! program that validates and moves on would.
//!
//! Groups (`target/criterion/<group>/<function>/<case>/`):
//!
//! - `validate_1kb`: one realistic request per endpoint, about 1 KB where the contract
//!   allows it (`lockdown_device` has four scalar members, so its request is ~100 B;
//!   `provision_tenant`'s ~500 B), built from the spec's examples.
//! - `validate_job`: a `create_job` discovery job with 10 to 100,000 targets (the last is
//!   multi-megabyte), generated here; throughput in bytes, for `bench/plot.py`.
//! - `validate_invalid`: each 1 KB request with many violations (wrong types, broken
//!   formats and patterns, bounds, unknown members), and a 10,000-target job where every
//!   tenth target is broken.
//!
//! Before a case is first timed, it is checked: valid ones pass both validators, invalid
//! ones fail both, and the wire form gives the same number of errors as the strict form;
//! its sizes and error counts go to the log.
//!
//! Times are the benchmark thread's CPU time (`bench/clock.rs`: the machines are shared).
//! After a full run, an interleaved pass measures every ratio again with the functions of
//! a case running in turn, round after round ([`interleaved`]), into
//! `<criterion dir>/interleaved.json`. `VENDORSPEC_BENCH_INTERLEAVED=only` runs that pass
//! alone (about half a minute); `=0` leaves it out.
//!
//! `cargo bench -p vendorspec --bench validate`; `bench/ratios.py` prints the ratios,
//! `bench/plot.py` draws `bench/throughput.svg`, `bench/RESULTS.md` has the figures.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
};
use serde_json::{Value, json};
use vendorspec::runtime::Report;
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};

#[path = "../../bench/clock.rs"]
mod clock;
use clock::Clock;

/// Target counts of the `validate_job` series.
const JOB_SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];

/// The request endpoints, in the order of the tables.
const ENDPOINTS: [&str; 5] = [
    "create_package_execution",
    "lockdown_device",
    "provision_tenant",
    "create_job",
    "create_deployment_group",
];

/// splitmix64: a deterministic stream, so every run measures the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn hex(&mut self, digits: usize, upper: bool) -> String {
        let alphabet: &[u8] = if upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        (0..digits)
            .map(|_| alphabet[self.below(16) as usize] as char)
            .collect()
    }

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-a{}-{}",
            self.hex(8, false),
            self.hex(4, false),
            self.hex(3, false),
            self.hex(3, false),
            self.hex(12, false)
        )
    }
}

fn endpoint(id: &str) -> &'static EndpointDesc {
    vendorspec::endpoint(id).unwrap_or_else(|| panic!("no endpoint `{id}`"))
}

/// A realistic request of about 1 KB (where the contract allows), canonical names.
fn request_1kb(id: &str) -> Value {
    let mut rng = Rng(0x5EED_0000 + id.len() as u64);
    match id {
        "create_package_execution" => {
            let devices: Vec<String> = (0..14).map(|_| rng.hex(32, true)).collect();
            let packages: Vec<Value> = [
                vec!["-browser ALL", "-since 2026-11-01"],
                vec!["-collect prefetch", "-output json"],
                vec!["-memory", "-pid 4242"],
            ]
            .into_iter()
            .map(|args| json!({"arguments": args, "package": rng.uuid()}))
            .collect();
            json!({"execution": {
                "name": "Collect browser history and prefetch, finance floor 3",
                "target": {"devices": devices, "zones": []},
                "destination": "sftp://results.example.com/optics/2026-11",
                "packageExecutions": packages,
                "keepResultsLocally": true,
            }})
        }
        // The page's own example: the body has four scalar members, so ~100 B is its size.
        "lockdown_device" => json!({
            "lockdown_config_id": 1,
            "lockdown_type": "Lockdown",
            "expires": "1:12:30",
            "parameters": {"Network": {}},
        }),
        "provision_tenant" => json!({
            "name": "Northwind Traders Security Operations (EMEA)",
            "email": "secops.admin@northwind.example.com",
            "address1": "1200 Harbour Boulevard",
            "address2": "Building C, Floor 4",
            "city": "Irvine",
            "state": "CA",
            "country": "US",
            "zipCode": "92618",
            "phones": ["+1 949 555 0100", "+1 949 555 0101", "+1 949 555 0199", "+44 20 7946 0958"],
            "term": "Annual",
            "expirationDate": "2027-11-30T23:59:59Z",
            "protectLicensesAllocated": "2500",
            "opticsLicensesAllocated": "2500",
            "licenseType": "Customer",
            "featureIds": [12, 26, 32, 33, 34, 39, 40, 42, 48, 49, 51, 53, 56, 57],
        }),
        "create_job" => {
            let mut full = job(8, &mut rng);
            // The docs' full model, every member set.
            let extra = json!({
                "OverwriteExistingAgents": false,
                "Credentials": {"Username": "CORP\\svc-discovery", "Password": "<WindowsPassword>"},
                "Modules": {"AC": false, "AV": true, "DC": false, "PR": true},
            });
            full.as_object_mut()
                .expect("a job is an object")
                .extend(extra.as_object().cloned().unwrap_or_default());
            full["JobType"] = json!(2);
            full["DiscoveryTargets"]["ActiveDirectoryTargets"] = json!([{
                "CanonicalName": "corp.example.com/Workstations/Finance",
                "OrganizationalUnit": "Finance",
                "Domain": "corp.example.com",
                "Username": "CORP\\svc-discovery",
                "Password": "<Password>",
                "Timeout": 3000,
                "Retry": 3,
            }]);
            full["DiscoveryTargets"]["ComputerNameTargets"] =
                json!([{"ComputerName": "FIN-WS-0042", "Timeout": 3000, "Retry": 3}]);
            full
        }
        "create_deployment_group" => {
            let guids: Vec<String> = (0..9).map(|_| rng.uuid()).collect();
            let options = |within: &str, message: &str| {
                let mut options = json!({
                    "Message": message,
                    "AllowCancel": false,
                    "AllowSnooze": true,
                    "NotificationOnTop": true,
                    "UseAgentPolicies": false,
                    "UseAgentPolicy_AllowCancel": false,
                    "UseAgentPolicy_AllowSnooze": true,
                    "UseAgentPolicy_NotificationOnTop": true,
                });
                options[within] = json!(60);
                options
            };
            json!({
                "CustomPatchListId": 1,
                "AgentGuids": guids,
                "GroupIds": [1009, 1010, 1024, 2001],
                "StartTime": "2026-11-28T22:00:00.000Z",
                "Notify": options("DeployWithin", "November patches will be installed tonight"),
                "Reboot": options("RebootWithin", "Your computer will restart to finish updating"),
            })
        }
        other => panic!("no 1 KB request for `{other}`"),
    }
}

/// A discovery job with `targets` targets: half single addresses, 30% ranges, 20%
/// computer names; every fourth with its timeout and retry count.
fn job(targets: usize, rng: &mut Rng) -> Value {
    let mut single = Vec::new();
    let mut range = Vec::new();
    let mut names = Vec::new();
    for i in 0..targets {
        let net = format!("10.{}.{}", rng.below(256), rng.below(256));
        let mut target = match i % 10 {
            0..=4 => json!({"Ip": format!("{net}.{}", rng.below(256))}),
            5..=7 => {
                let low = rng.below(200);
                json!({
                    "StartIp": format!("{net}.{low}"),
                    "EndIp": format!("{net}.{}", low + rng.below(55)),
                })
            }
            _ => json!({"ComputerName": format!("WS-{:05}", rng.below(100_000))}),
        };
        if i.is_multiple_of(4) {
            target["Timeout"] = json!(3000);
            target["Retry"] = json!(3);
        }
        match i % 10 {
            0..=4 => single.push(target),
            5..=7 => range.push(target),
            _ => names.push(target),
        }
    }
    let mut discovery = serde_json::Map::new();
    for (name, list) in [
        ("SingleIpTargets", single),
        ("RangeIpTargets", range),
        ("ComputerNameTargets", names),
    ] {
        if !list.is_empty() {
            discovery.insert(name.into(), Value::Array(list));
        }
    }
    json!({
        "Name": format!("Discovery of {targets} targets"),
        "JobType": 1,
        "StartTime": "2026-11-30T02:00:00.000Z",
        "DiscoveryOptions": {"IcmpDiscovery": true, "ResolveDnsName": true, "VerifyWithPing": true},
        "DiscoveryTargets": Value::Object(discovery),
    })
}

/// Breaks a valid payload in many places: every object gets an unknown member, and in
/// turn one leaf in three gets a value of the wrong type, the next one a value that breaks
/// formats, patterns, enums and bounds (harmless on free text), the third stays.
fn break_many(value: &mut Value, counter: &mut usize) {
    match value {
        Value::Object(map) => {
            for (_, v) in map.iter_mut() {
                break_many(v, counter);
            }
            map.insert("unknownMember".into(), json!(true));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| break_many(v, counter)),
        leaf => {
            *counter += 1;
            match (*counter % 3, &*leaf) {
                // Wrong types no server converts (Json.NET reads `"12"` as 12 and `12345`
                // as "12345", which would measure its conversions, not errors).
                (0, Value::String(_)) => *leaf = json!([12345]),
                (0, _) => *leaf = json!("twelve"),
                (1, Value::String(_)) => *leaf = json!("not valid: 999.1.2"),
                (1, Value::Number(_)) => *leaf = json!(-7),
                _ => {}
            }
        }
    }
}

/// A 10,000-target job whose every tenth target is broken three ways: an address out of
/// range, a negative retry count, an unknown member.
fn job_with_broken_targets(targets: usize) -> Value {
    let mut job = job(targets, &mut Rng(0xBAD));
    let mut n = 0usize;
    for list in ["SingleIpTargets", "RangeIpTargets", "ComputerNameTargets"] {
        let Some(items) = job["DiscoveryTargets"][list].as_array_mut() else {
            continue;
        };
        for item in items {
            n += 1;
            if n.is_multiple_of(10) {
                let key = match list {
                    "SingleIpTargets" => "Ip",
                    "RangeIpTargets" => "EndIp",
                    _ => "ComputerName",
                };
                item[key] = if key == "ComputerName" {
                    json!("")
                } else {
                    json!("10.0.0.300")
                };
                item["Retry"] = json!(-1);
                item["Port"] = json!(135);
            }
        }
    }
    job
}

/// The document in the Ivanti dialect as real clients write it: unquoted member names,
/// a trailing comma after the last member.
fn lenient(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (name, v) in map {
                out.push_str(name);
                out.push_str(": ");
                lenient(v, out);
                out.push_str(", ");
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                lenient(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// One payload in the forms each tool reads.
struct Case {
    name: String,
    endpoint: &'static EndpointDesc,
    /// Canonical strict JSON: what every function reads.
    strict: Vec<u8>,
    /// The wire form (lenient, enveloped) for enveloped APIs.
    wire: Option<Vec<u8>>,
    /// Whether both validators must accept it (else both must reject it).
    valid: bool,
    /// Set once [`check`] has passed: on first use, so a filtered run (`-- validate_1kb`,
    /// a profiler) does not check the cases it does not measure.
    checked: OnceCell<()>,
}

impl Case {
    fn new(name: String, endpoint: &'static EndpointDesc, value: &Value, valid: bool) -> Case {
        let strict = value.to_string().into_bytes();
        let wire = endpoint.api.envelope.then(|| {
            let mut text = String::new();
            lenient(value, &mut text);
            endpoint.api.wire_request_body(text).into_bytes()
        });
        Case {
            name,
            endpoint,
            strict,
            wire,
            valid,
            checked: OnceCell::new(),
        }
    }

    /// Checks the case (once) and logs its sizes and error counts.
    fn ensure_checked(&self, schema: &jsonschema::Validator) {
        self.checked.get_or_init(|| log(self, check(self, schema)));
    }
}

fn vendorspec_validate(endpoint: &EndpointDesc, bytes: &[u8]) -> Report {
    endpoint
        .validate(BodyKind::Request, bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", endpoint.id))
}

fn errors(report: &Report) -> usize {
    report.errors()
}

/// The published schema of an endpoint's request, compiled once.
fn validator(endpoint: &EndpointDesc) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{}.request.schema.json", endpoint.id));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("a published schema is JSON");
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{} does not compile: {e}", path.display()))
}

/// Checks a case before it is timed: the verdicts agree, and the wire form finds what the
/// strict form finds. Returns the error counts (vendorspec, jsonschema) for the log.
fn check(case: &Case, schema: &jsonschema::Validator) -> (usize, usize) {
    let expect_valid = case.valid;
    let ours = errors(&vendorspec_validate(case.endpoint, &case.strict));
    let value: Value = serde_json::from_slice(&case.strict).expect("strict JSON");
    let theirs = schema.iter_errors(&value).count();
    assert_eq!(
        ours == 0,
        expect_valid,
        "{}: vendorspec finds {ours} errors",
        case.name
    );
    assert_eq!(
        theirs == 0,
        expect_valid,
        "{}: jsonschema finds {theirs} errors",
        case.name
    );
    if let Some(wire) = &case.wire {
        let on_wire = errors(&vendorspec_validate(case.endpoint, wire));
        assert_eq!(
            on_wire, ours,
            "{}: the wire form finds other errors",
            case.name
        );
    }
    (ours, theirs)
}

/// The three (or four) functions on one case.
fn bench_case(
    group: &mut BenchmarkGroup<'_, Clock>,
    case: &Case,
    schema: &jsonschema::Validator,
    parameter: &str,
) {
    let endpoint = case.endpoint;
    group.throughput(Throughput::Bytes(case.strict.len() as u64));
    group.bench_with_input(
        BenchmarkId::new("vendorspec", parameter),
        &case.strict,
        |b, bytes| {
            case.ensure_checked(schema);
            b.iter(|| vendorspec_validate(endpoint, black_box(bytes)))
        },
    );
    if let Some(wire) = &case.wire {
        group.throughput(Throughput::Bytes(wire.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("vendorspec_wire", parameter),
            wire,
            |b, bytes| {
                case.ensure_checked(schema);
                b.iter(|| vendorspec_validate(endpoint, black_box(bytes)))
            },
        );
        group.throughput(Throughput::Bytes(case.strict.len() as u64));
    }
    group.bench_with_input(
        BenchmarkId::new("serde_json", parameter),
        &case.strict,
        |b, bytes| {
            case.ensure_checked(schema);
            b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).expect("strict JSON"))
        },
    );
    group.bench_with_input(
        BenchmarkId::new("jsonschema", parameter),
        &case.strict,
        |b, bytes| {
            case.ensure_checked(schema);
            b.iter(|| {
                let value: Value = serde_json::from_slice(black_box(bytes)).expect("strict JSON");
                schema.iter_errors(&value).count()
            })
        },
    );
}

fn log(case: &Case, counts: (usize, usize)) {
    eprintln!(
        "{:<40} {:>9} B strict{}  errors: vendorspec {}, jsonschema {}",
        case.name,
        case.strict.len(),
        case.wire
            .as_ref()
            .map_or(String::new(), |w| format!(", {:>9} B wire", w.len())),
        counts.0,
        counts.1
    );
}

/// The 1 KB requests, one per endpoint.
fn cases_1kb() -> Vec<Case> {
    ENDPOINTS
        .iter()
        .map(|id| Case::new(id.to_string(), endpoint(id), &request_1kb(id), true))
        .collect()
}

/// The discovery jobs of the throughput series, by number of targets.
fn cases_job() -> Vec<Case> {
    JOB_SIZES
        .iter()
        .map(|&targets| {
            Case::new(
                targets.to_string(),
                endpoint("create_job"),
                &job(targets, &mut Rng(targets as u64)),
                true,
            )
        })
        .collect()
}

/// Each 1 KB request broken in many places, and the job with broken targets.
fn cases_invalid() -> Vec<Case> {
    let mut cases: Vec<Case> = ENDPOINTS
        .iter()
        .map(|id| {
            let mut value = request_1kb(id);
            break_many(&mut value, &mut 0);
            Case::new(id.to_string(), endpoint(id), &value, false)
        })
        .collect();
    cases.push(Case::new(
        "create_job_10k_targets".into(),
        endpoint("create_job"),
        &job_with_broken_targets(10_000),
        false,
    ));
    cases
}

/// The groups: name and cases.
fn groups() -> [(&'static str, Vec<Case>); 3] {
    [
        ("validate_1kb", cases_1kb()),
        ("validate_job", cases_job()),
        ("validate_invalid", cases_invalid()),
    ]
}

fn bench_group(c: &mut Criterion<Clock>, name: &str, cases: &[Case]) {
    let mut group = c.benchmark_group(name);
    for case in cases {
        if case.strict.len() >= 100_000 {
            // Milliseconds an iteration: flat sampling, fewer samples.
            group.sampling_mode(SamplingMode::Flat);
            group.sample_size(10);
        }
        bench_case(&mut group, case, &validator(case.endpoint), &case.name);
    }
    group.finish();
}

fn bench_1kb(c: &mut Criterion<Clock>) {
    bench_group(c, "validate_1kb", &cases_1kb());
}

fn bench_job(c: &mut Criterion<Clock>) {
    bench_group(c, "validate_job", &cases_job());
}

fn bench_invalid(c: &mut Criterion<Clock>) {
    bench_group(c, "validate_invalid", &cases_invalid());
}

criterion_group! {
    name = benches;
    config = clock::criterion();
    targets = bench_1kb, bench_job, bench_invalid
}

fn main() {
    // `only`: the interleaved ratios alone, in about half a minute, while iterating.
    if std::env::var("VENDORSPEC_BENCH_INTERLEAVED").is_ok_and(|v| v == "only") {
        interleaved();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    if interleave_wanted() {
        interleaved();
    }
}

/// The interleaved pass runs after a full run only: not with a filter, `--list`, `--test`
/// or `--profile-time` (a profiler wants the one benchmark it asked for), nor with
/// `VENDORSPEC_BENCH_INTERLEAVED=0`.
fn interleave_wanted() -> bool {
    if std::env::var("VENDORSPEC_BENCH_INTERLEAVED").is_ok_and(|v| v == "0") {
        return false;
    }
    const WITH_VALUE: [&str; 14] = [
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--noise-threshold",
        "--significance-level",
        "--confidence-level",
        "--nresamples",
        "--save-baseline",
        "--baseline",
        "--baseline-lenient",
        "--load-baseline",
        "--output-format",
        "--plotting-backend",
        "--color",
    ];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if matches!(arg.as_str(), "--list" | "--test" | "--profile-time")
            || !arg.starts_with('-')
        {
            return false;
        }
    }
    true
}

/// CPU time the interleaved rounds of one case aim at.
const ROUNDS_BUDGET_NS: f64 = 1.5e9;

/// The same ratios measured a second way: the functions of a case run in turn, round
/// after round (a batch of calls each, about a millisecond, the starting function
/// rotating), and each ratio is the median of its per-round ratios.
///
/// Why: criterion measures one benchmark after another, seconds apart. On a shared
/// machine another job's load can change between the two benchmarks of a ratio (a
/// sibling hyperthread busy or idle), and the thread-CPU clock does not remove that. In
/// rounds a millisecond apart, both sides of a ratio see the same conditions, so this
/// ratio moves much less from run to run. Written to `<criterion dir>/interleaved.json`,
/// which `bench/ratios.py` shows beside criterion's ratios.
fn interleaved() {
    let clock = Clock::quiet();
    let mut rows = Vec::new();
    eprintln!("\ninterleaved rounds (median of per-round ratios):");
    for (group, cases) in groups() {
        for case in &cases {
            let schema = validator(case.endpoint);
            case.ensure_checked(&schema);
            let endpoint = case.endpoint;
            let strict = case.strict.as_slice();
            let mut functions: Vec<Routine<'_>> = vec![
                (
                    "vendorspec",
                    Box::new(move || {
                        drop(black_box(vendorspec_validate(endpoint, black_box(strict))))
                    }),
                ),
                (
                    "serde_json",
                    Box::new(move || {
                        drop(black_box(serde_json::from_slice::<Value>(black_box(
                            strict,
                        ))))
                    }),
                ),
                (
                    "jsonschema",
                    Box::new(|| {
                        let value: Value =
                            serde_json::from_slice(black_box(strict)).expect("strict JSON");
                        black_box(schema.iter_errors(&value).count());
                    }),
                ),
            ];
            if let Some(wire) = case.wire.as_deref() {
                functions.push((
                    "vendorspec_wire",
                    Box::new(move || {
                        drop(black_box(vendorspec_validate(endpoint, black_box(wire))))
                    }),
                ));
            }
            let Rounds {
                per_call,
                ratios,
                rounds,
            } = run_rounds(&clock, &functions);
            let ratio = |a: &str, b: &str| ratios.get(&(a.to_string(), b.to_string())).copied();
            let row = json!({
                "group": group,
                "case": case.name,
                "bytes": case.strict.len(),
                "rounds": rounds,
                "ns": per_call,
                "ours_serde_json": ratio("vendorspec", "serde_json"),
                "ours_jsonschema": ratio("vendorspec", "jsonschema"),
                "wire_serde_json": ratio("vendorspec_wire", "serde_json"),
            });
            eprintln!(
                "  {group}/{:<28} {rounds:>4} rounds  ours÷serde_json {:>6.2}  ours÷jsonschema {:>6.2}",
                case.name,
                row["ours_serde_json"].as_f64().unwrap_or(f64::NAN),
                row["ours_jsonschema"].as_f64().unwrap_or(f64::NAN),
            );
            rows.push(row);
        }
    }
    let dir = criterion_dir();
    let path = dir.join("interleaved.json");
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&json!({ "cases": rows })).unwrap_or_default(),
        )
    });
    match written {
        Ok(()) => eprintln!("wrote {}", path.display()),
        Err(e) => eprintln!("cannot write {}: {e}", path.display()),
    }
}

/// A function of a case, named, for the interleaved rounds.
type Routine<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// What the rounds of one case measured.
struct Rounds {
    /// Median time per call of each function, ns.
    per_call: BTreeMap<String, f64>,
    /// Median per-round ratio of every ordered pair of functions.
    ratios: BTreeMap<(String, String), f64>,
    rounds: usize,
}

/// Runs `functions` in rounds.
fn run_rounds(clock: &Clock, functions: &[Routine<'_>]) -> Rounds {
    use criterion::measurement::Measurement;
    let time = |f: &dyn Fn(), n: usize| {
        let start = clock.start();
        for _ in 0..n {
            f();
        }
        clock.end(start) as f64
    };
    // Warm up, and size each batch to about a millisecond.
    let batches: Vec<usize> = functions
        .iter()
        .map(|(_, f)| {
            f();
            let once = time(f.as_ref(), 1).max(1.0);
            ((1e6 / once) as usize).clamp(1, 100_000)
        })
        .collect();
    let round_ns: f64 = functions
        .iter()
        .zip(&batches)
        .map(|((_, f), &n)| time(f.as_ref(), n))
        .sum();
    let rounds = ((ROUNDS_BUDGET_NS / round_ns.max(1.0)) as usize).clamp(5, 300);
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); functions.len()];
    for round in 0..rounds {
        for k in 0..functions.len() {
            let i = (k + round) % functions.len();
            let (_, f) = &functions[i];
            samples[i].push(time(f.as_ref(), batches[i]) / batches[i] as f64);
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut per_call = BTreeMap::new();
    let mut ratios = BTreeMap::new();
    for (i, (a, _)) in functions.iter().enumerate() {
        per_call.insert(a.to_string(), median(samples[i].clone()));
        for (j, (b, _)) in functions.iter().enumerate() {
            if i != j {
                let per_round: Vec<f64> = samples[i]
                    .iter()
                    .zip(&samples[j])
                    .map(|(x, y)| x / y)
                    .collect();
                ratios.insert((a.to_string(), b.to_string()), median(per_round));
            }
        }
    }
    Rounds {
        per_call,
        ratios,
        rounds,
    }
}

/// Where criterion writes its results, found as criterion finds it.
fn criterion_dir() -> std::path::PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Path::new(&target).join("criterion");
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
}
