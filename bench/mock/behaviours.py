"""The mock's behaviours, case by case, against any server: `vendorspec mock` or Prism fed
the OpenAPI export. Prints one JSON line per case: {"case", "expected", "got", "ok"}.

Usage: behaviours.py VENDORSPEC_BIN PROTECT_URL IVANTI_URL ADMIN_URL

Each case is a fact of the contracts (docs/CLI.md, "mock"); `ok` says whether the server
behaved as the real server does. Response bodies are judged by `vendorspec validate
--response` (the endpoint's response contract). bench/mock.sh runs it against both servers
and writes the side-by-side table.
"""

import base64
import json
import subprocess
import sys
import time

import requests

BIN, PROTECT, IVANTI, ADMIN = sys.argv[1:5]
DEVICE = "45E07F34E76B4A9EB167D6D0C510D6BA"
LOCKDOWN = f"/devicecommands/v2/{DEVICE}/lockdown"


def jwt(scopes, lifetime=1800):
    now = int(time.time())
    claims = {"iat": now, "exp": now + lifetime, "scp": ",".join(scopes), "sub": "bench"}

    def b64(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64(claims)}.c2ln"


ALL = jwt(["opticspkgdeploy:create", "opticspkgdeploy:delete", "opticscommand:create"])
EXECUTION = {"execution": {
    "name": "triage", "target": {"devices": [DEVICE]}, "destination": "",
    "packageExecutions": [{"arguments": ["-browser", "ALL"], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}],
    "keepResultsLocally": True,
}}


def call(method, url, token=None, body=None):
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        if not isinstance(body, str):
            body = json.dumps(body)
    try:
        return requests.request(method, url, data=body, headers=headers, timeout=10)
    except requests.RequestException as e:
        return e


def status(r):
    return r.status_code if isinstance(r, requests.Response) else type(r).__name__


def contract_valid(endpoint, r):
    """The response passes `vendorspec validate --response --status N`."""
    if not isinstance(r, requests.Response) or r.status_code >= 300:
        return False
    if not r.content:
        return True
    run = subprocess.run(
        [BIN, "validate", "--endpoint", endpoint, "--response", "--status", str(r.status_code), "-"],
        input=r.content, capture_output=True,
    )
    return run.returncode == 0


def problem_holds(r, rule, pointer):
    try:
        errors = r.json().get("errors", [])
    except Exception:
        return False
    return any(e.get("rule") == rule and e.get("pointer") == pointer for e in errors)


def ivanti_token():
    r = call("POST", IVANTI + "/api/v2/Authentication/Login", body={"UserName": "a", "Password": "b"})
    try:
        return r.json()["Jwt"]
    except Exception:
        return None


def cases():
    issued = ivanti_token()
    yield "Ivanti login gives a token", "200 with Jwt", issued is not None, issued and "token" or "no token"
    # Without a login, any bearer token, so the body cases still reach the body check.
    token = issued or jwt([])

    lenient = '{"value": "{Name: \\"Sweep\\", JobType: 1, StartTime: \\"2026-12-07T09:00:00Z\\", DiscoveryTargets: {RangeIpTargets: [{StartIp: \\"10.0.0.1\\", EndIP: \\"10.0.0.9\\"}],},}"}'
    r = call("POST", IVANTI + "/api/v2/Jobs", token, lenient)
    yield "Ivanti job in the docs' lenient syntax, enveloped, EndIP spelling", "200", status(r) == 200, status(r)
    r = call("POST", IVANTI + "/api/v2/Jobs", None, lenient)
    yield "Ivanti job without a token", "401", status(r) == 401, status(r)
    r = call("POST", IVANTI + "/api/v2/Jobs", jwt([]), lenient)
    yield "Ivanti job with a token not from its login", "401", status(r) == 401, status(r)
    bad = '{"value": "{Name: \\"Sweep\\", JobType: 7, StartTime: \\"2026-12-07T09:00:00Z\\"}"}'
    r = call("POST", IVANTI + "/api/v2/Jobs", token, bad)
    yield "Ivanti job with an unknown JobType", "400, finding enum at /JobType", \
        status(r) == 400 and problem_holds(r, "enum", "/JobType"), status(r)

    r = call("POST", PROTECT + "/packages/v2/executions", ALL, EXECUTION)
    yield "create a package execution", "2xx, contract-valid body", \
        contract_valid("create_package_execution", r), status(r)
    created = r.json().get("id") if isinstance(r, requests.Response) and r.ok else None
    if created:
        first = call("DELETE", PROTECT + f"/packages/v2/executions/{created}", ALL)
        again = call("DELETE", PROTECT + f"/packages/v2/executions/{created}", ALL)
        ok = contract_valid("delete_package_execution", first) and status(again) == 404
        got = f"{status(first)}, then {status(again)}"
    else:
        ok, got = False, "nothing created"
    yield "delete the created execution, then again", "200 with it, then 404", ok, got
    r = call("DELETE", PROTECT + "/packages/v2/executions/0b6b4e0e-8d6a-4c52-9b59-1d1b0e6c2f11", ALL)
    yield "delete an execution that was never created", "404", status(r) == 404, status(r)
    invalid = {"execution": {"name": "", "target": {}, "packageExecutions": []}}
    r = call("POST", PROTECT + "/packages/v2/executions", ALL, invalid)
    yield "create with an empty name", "400, finding at /execution/name", \
        status(r) == 400 and problem_holds(r, "min_length", "/execution/name"), status(r)
    r = call("POST", PROTECT + "/packages/v2/executions", None, EXECUTION)
    yield "Cylance call without a token", "401", status(r) == 401, status(r)
    r = call("POST", PROTECT + "/packages/v2/executions", jwt(["opticscommand:create"]), EXECUTION)
    yield "Cylance token without the endpoint's scope", "403", status(r) == 403, status(r)
    r = call("POST", PROTECT + "/packages/v2/executions", jwt(["opticspkgdeploy:create"], 7200), EXECUTION)
    yield "Cylance token valid for 2 hours", "403", status(r) == 403, status(r)

    r = call("PUT", PROTECT + LOCKDOWN + "?value=true&expires=0:01:00", ALL)
    yield "lockdown with no body (most clients)", "2xx, contract-valid body", \
        contract_valid("lockdown_device", r), status(r)
    r2 = call("PUT", PROTECT + LOCKDOWN + "?value=true", ALL, "{}")
    try:
        history = len(r2.json().get("lockdown_history", []))
        password = "password" in r2.json()
    except Exception:
        history, password = 0, False
    yield "second lockdown: history of two, unlock password", "2 entries, password", \
        history == 2 and password, f"{history} entries, password: {password}"
    r = call("PUT", PROTECT + LOCKDOWN + "?value=true&expires=0%3A00%3A00", ALL)
    yield "lockdown with expires 0:00:00 (a date picker's bug)", "400 at /expires", \
        status(r) == 400 and problem_holds(r, "minimum", "/expires"), status(r)
    r = call("GET", PROTECT + LOCKDOWN, ALL)
    allow = r.headers.get("Allow") if isinstance(r, requests.Response) else None
    yield "lockdown sent as GET (the vendor SDK's bug)", "405, Allow: PUT", \
        status(r) == 405 and allow == "PUT", f"{status(r)}, Allow: {allow}"
    r = call("GET", PROTECT + "/devicecommands/v3/nothing", ALL)
    yield "a path no API has", "404", status(r) == 404, status(r)

    # The vendor page's own example, PascalCase (the field list is camelCase).
    tenant = ('{"Name": "Tenant Provision Only Protect", "Email": "user.name@server.com", '
              '"Address1": "123 Main St", "Address2": "Suite 1", "City": "Irvine", "State": "CA", '
              '"Country": "US", "ZipCode": "92519", "Term": "Monthly", "ProtectLicensesAllocated": "100", '
              '"OpticsLicensesAllocated": "0", "LicenseType": "Evaluation", '
              '"FeatureIds": [39, 33, 49, 40, 12, 42, 26, 32]}')
    r = call("POST", ADMIN + "/public/v2/us/tenants/provision", "admin-token", tenant)
    yield "tenant in the vendor's PascalCase example spelling", "200 (names bind in any case)", \
        status(r) == 200, status(r)


def main():
    for case, expected, ok, got in cases():
        print(json.dumps({"case": case, "expected": expected, "ok": bool(ok), "got": str(got)}))


if __name__ == "__main__":
    main()
