//! Building a request for each endpoint: method, URL (path and query parameters filled,
//! percent-encoded), headers and body (stringified inside `{"value": ...}` for Ivanti),
//! from typed parameters and typed bodies. Snapshots show each request whole.

use vendorspec::runtime::endpoint::{BodyKind, EndpointError};
use vendorspec::runtime::walk::{Options, parse_typed};
use vendorspec::{
    cylance_admin_v2 as admin, cylance_protect_v2 as protect, ivanti_es_v2 as ivanti,
};

/// The request as text: `METHOD URI`, the headers, a blank line, the body.
fn show(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        out.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
    }
    out.push('\n');
    out.push_str(std::str::from_utf8(request.body()).unwrap());
    out
}

/// A typed body from a JSON text, through validation.
fn body<T: vendorspec::Contract + vendorspec::FromTree>(json: &str, options: Options) -> T {
    match parse_typed::<T>(json.as_bytes(), &options) {
        Ok((value, _)) => value,
        Err(report) => panic!("invalid body: {:#?}", report.into_sorted()),
    }
}

#[test]
fn create_package_execution() {
    let execution: protect::CreatePackageExecutionRequest = body(
        r#"{"execution": {"name": "Collect", "target": {"devices": ["E378DACB9324453AB8C65A8406952195"]}, "destination": "", "packageExecutions": [{"arguments": ["-browser ALL"], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}], "keepResultsLocally": true}}"#,
        Options::default(),
    );
    let request = protect::create_package_execution(
        &protect::CreatePackageExecutionParams {},
        &execution,
        Some("token"),
    )
    .unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri(),
        "https://protectapi.cylance.com/packages/v2/executions"
    );
    assert_eq!(request.headers()["accept"], "application/json");
    insta::assert_snapshot!(show(&request));
}

#[test]
fn delete_package_execution() {
    let params = protect::DeletePackageExecutionParams {
        unique_execution_id: "abebf88c-f283-4edc-834b-aa8ad3bc682c".parse().unwrap(),
    };
    let request = protect::delete_package_execution(&params, Some("token")).unwrap();
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
    insta::assert_snapshot!(show(&request));
}

#[test]
fn lockdown_device() {
    let params = protect::LockdownDeviceParams {
        device_id: "45E07F34E76B4A9EB167D6D0C510D6BA".parse().unwrap(),
        value: Some(true),
        expires: Some("0:00:05".parse().unwrap()),
    };
    let lockdown: protect::LockdownRequest = body(
        r#"{"lockdown_config_id": 1, "lockdown_type": "Lockdown", "expires": "0:00:05", "parameters": {"Network": {}}}"#,
        Options::default(),
    );
    let request = protect::lockdown_device(&params, Some(&lockdown), Some("token")).unwrap();
    // The doc's own example URL, with the colons percent-encoded.
    assert_eq!(
        request.uri(),
        "https://protectapi.cylance.com/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0%3A00%3A05"
    );
    insta::assert_snapshot!(show(&request));
}

/// Most clients send the lockdown with no body at all (the body is optional): the request
/// has the parameters and an empty body without a content type.
#[test]
fn lockdown_device_without_a_body() {
    let params = protect::LockdownDeviceParams {
        device_id: "45E07F34E76B4A9EB167D6D0C510D6BA".parse().unwrap(),
        value: Some(true),
        expires: Some("0:00:05".parse().unwrap()),
    };
    let request = protect::lockdown_device(&params, None, Some("token")).unwrap();
    assert_eq!(request.method(), "PUT");
    assert_eq!(
        request.uri(),
        "https://protectapi.cylance.com/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0%3A00%3A05"
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
    // And a blank payload validates as "no body" here, where a required body is a finding.
    let endpoint = &protect::LOCKDOWN_DEVICE;
    assert!(
        endpoint
            .validate(BodyKind::Request, b" \n")
            .unwrap()
            .is_empty()
    );
    let findings = protect::CREATE_PACKAGE_EXECUTION
        .validate(BodyKind::Request, b"")
        .unwrap()
        .into_sorted();
    let got: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [(
            "required",
            "",
            "the request body is empty; this endpoint needs one"
        )]
    );
}

#[test]
fn lockdown_parameters_are_checked() {
    // Typed parameters are checked when they are made: a malformed device id, and an
    // `expires` beyond the three days the type's bounds allow.
    let err = "45e07f34-e76b"
        .parse::<vendorspec::runtime::values::DeviceId>()
        .unwrap_err();
    assert!(err.to_string().contains("upper-case"), "{err}");
    type Expires = vendorspec::runtime::values::DurationDhm<5, 4320>;
    assert!("3:00:01".parse::<Expires>().is_err());
    assert!("0:00:04".parse::<Expires>().is_err());
    // The same bounds where parameters arrive as text: `check_params`.
    let endpoint = &protect::LOCKDOWN_DEVICE;
    let rules: Vec<(String, String)> = endpoint
        .check_params(&[("device_id", "45e07f34-e76b"), ("expires", "3:00:01")])
        .into_iter()
        .map(|f| (f.rule.as_str().to_string(), f.pointer))
        .collect();
    assert_eq!(
        rules,
        [
            ("format".to_string(), "/device_id".to_string()),
            ("maximum".into(), "/expires".into())
        ]
    );
    // Text parameters, percent-encoded colons included, as a CLI passes them.
    assert!(
        endpoint
            .check_params(&[("expires", "0%3A00%3A05")])
            .is_empty()
    );
    let unknown = endpoint.check_params(&[("expire", "0:00:05")]);
    assert_eq!(unknown[0].help.as_deref(), Some("did you mean `expires`?"));
}

#[test]
fn provision_tenant() {
    let tenant: admin::TenantProvision = body(
        r#"{"Name": "Acme", "Address1": "1 Road", "City": "Irvine", "State": "CA", "Country": "US", "ZipCode": "92519", "Term": "Monthly", "ProtectLicensesAllocated": "100", "OpticsLicensesAllocated": "0", "LicenseType": "Evaluation", "FeatureIds": [39, 12]}"#,
        admin::API.request_options(),
    );
    let params = admin::ProvisionTenantParams {
        region: admin::Region::Eu,
    };
    let request = admin::provision_tenant(&params, &tenant, Some("token")).unwrap();
    assert_eq!(
        request.uri(),
        "https://api-admin.cylance.com/public/v2/eu/tenants/provision"
    );
    // PascalCase in, canonical camelCase out.
    insta::assert_snapshot!(show(&request));
}

#[test]
fn create_job_is_stringified_in_the_envelope() {
    let job: ivanti::Job = body(
        "{Name: 'Scan', JobType: 1, StartTime: '2022-03-03T11:30:00.000Z', DiscoveryTargets: {SingleIpTargets: [{Ip: '192.168.0.1'}]}}",
        ivanti::API.request_options(),
    );
    let params = ivanti::CreateJobParams {
        host: "ies.example.com".into(),
        port: None,
    };
    let request = ivanti::create_job(&params, &job, Some("token")).unwrap();
    // The default port fills the base URL.
    assert_eq!(request.uri(), "http://ies.example.com:43470/api/v2/Jobs");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    let inner: serde_json::Value = serde_json::from_str(sent["value"].as_str().unwrap()).unwrap();
    assert_eq!(
        inner["DiscoveryTargets"]["SingleIpTargets"][0]["Ip"],
        "192.168.0.1"
    );
    // What was sent validates as what the server receives.
    let report = ivanti::CREATE_JOB
        .validate(BodyKind::Request, request.body())
        .unwrap();
    assert!(!report.has_errors(), "{:#?}", report.into_sorted());
    insta::assert_snapshot!(show(&request));
}

#[test]
fn ivanti_hosts_go_into_the_authority_as_written() {
    // Found by fuzzing: `[::1]` passed the checks and then made an invalid authority,
    // because it was percent-encoded; hosts that do not belong in an authority passed too.
    let job: ivanti::Job = body(
        "{Name: 'Scan', JobType: 1, StartTime: '2022-03-03T11:30:00.000Z', DiscoveryTargets: {SingleIpTargets: [{Ip: '192.168.0.1'}]}}",
        ivanti::API.request_options(),
    );
    for (host, uri) in [
        ("[::1]", "http://[::1]:43470/api/v2/Jobs"),
        ("10.0.0.7", "http://10.0.0.7:43470/api/v2/Jobs"),
        (
            "ies-01.corp.example",
            "http://ies-01.corp.example:43470/api/v2/Jobs",
        ),
    ] {
        let params = ivanti::CreateJobParams {
            host: host.into(),
            port: None,
        };
        let request = ivanti::create_job(&params, &job, None).unwrap();
        assert_eq!(request.uri(), uri);
    }
    for host in ["::1", "a b", "http://ies", "ies:43470", "-ies"] {
        let params = ivanti::CreateJobParams {
            host: host.into(),
            port: None,
        };
        match ivanti::create_job(&params, &job, None) {
            Err(EndpointError::Parameters(findings)) => {
                assert_eq!(findings.len(), 1, "{host}: {findings:#?}");
                assert_eq!(findings[0].rule.as_str(), "pattern", "{host}");
            }
            other => panic!("{host}: {other:?}"),
        }
    }
}

#[test]
fn create_deployment_group() {
    let group: ivanti::DeploymentGroup = body(
        "{CustomPatchListId: 1, GroupIds: [1009], StartTime: '2023-01-06T11:35:02.007Z', Notify: {AllowCancel: true, DeployWithin: 222}}",
        ivanti::API.request_options(),
    );
    let params = ivanti::CreateDeploymentGroupParams {
        host: "10.0.0.5".into(),
        port: Some(8443),
    };
    let request = ivanti::create_deployment_group(&params, &group, None).unwrap();
    assert_eq!(
        request.uri(),
        "http://10.0.0.5:8443/api/v2/DeploymentGroups"
    );
    assert!(request.headers().get("authorization").is_none());
    insta::assert_snapshot!(show(&request));
}

/// A 204 may come with no body (the older guide's delete): the typed read says so with
/// `None`; where a body is required, no body is the `required` error validation gives.
#[test]
fn a_response_without_a_body_reads_as_none_where_allowed() {
    let delete = &protect::DELETE_PACKAGE_EXECUTION;
    let (body, report) = delete
        .parse_response::<protect::PackageExecutionResource>(Some(204), b"")
        .unwrap();
    assert!(body.is_none() && report.is_empty());
    let errors = delete
        .parse_response::<protect::PackageExecutionResource>(Some(200), b"\n")
        .unwrap_err()
        .into_sorted();
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|f| (f.rule.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [(
            "required",
            "the response body is empty; this endpoint needs one"
        )]
    );
}

#[test]
fn the_lockdown_response_is_read_flat_or_wrapped() {
    let flat =
        br#"{"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "hostname": "WS-1", "password": "s3cret"}"#;
    let wrapped = br#"{"status": "OK", "data": {"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "hostname": "WS-1", "password": "s3cret"}}"#;
    for bytes in [&flat[..], &wrapped[..]] {
        let (device, report) = protect::LOCKDOWN_DEVICE
            .parse_response::<protect::LockdownDevice>(Some(201), bytes)
            .unwrap();
        let device = device.expect("a body was sent");
        assert!(report.is_empty(), "{:#?}", report.into_sorted());
        assert_eq!(device.hostname.as_deref(), Some("WS-1"));
        // The password is redacted in Debug output.
        assert!(!format!("{device:?}").contains("s3cret"));
    }
    // A status that is not documented.
    assert!(
        protect::LOCKDOWN_DEVICE
            .validate(BodyKind::Response(Some(404)), flat)
            .is_err()
    );
}
