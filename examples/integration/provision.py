"""A small integration, run against `vendorspec mock` instead of production.

It does what a SOAR playbook does in an incident: log in to Ivanti Endpoint Security and
create a discovery job, lock the suspect device down through the Cylance Protect API, and
run a triage package on it, then cancel the package run. Nothing real is provisioned.

    vendorspec mock --port 4747 &
    python3 examples/integration/provision.py

To run it against production, change the three settings below (the Ivanti server, the
Cylance region's API host, and how the Cylance token is obtained: from your application's
id and secret, through the Cylance Auth API); the calls stay the same. Needs `requests`.
"""

import base64
import json
import os
import sys
import time

import requests

# The mock serves every API on one origin; in production these are three hosts.
MOCK = os.environ.get("VENDORSPEC_MOCK", "http://127.0.0.1:4747")
IVANTI = os.environ.get("IVANTI_URL", MOCK)  # production: http://ies.example.com:43470
CYLANCE = os.environ.get("CYLANCE_URL", MOCK)  # production: https://protectapi.cylance.com

DEVICE = "45E07F34E76B4A9EB167D6D0C510D6BA"  # Cylance device ids: 32 hex digits, upper case


def cylance_token(scopes):
    """A Cylance JWT for the mock, which reads its claims without checking the signature.

    Production: sign the claims with your application secret (the Cylance Auth API); the
    API refuses tokens that live longer than 30 minutes or lack the endpoint's scope."""
    now = int(time.time())
    claims = {"iat": now, "exp": now + 1800, "scp": ",".join(scopes), "sub": "soar-playbook"}

    def b64(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64(claims)}.bW9jaw"


def check(response, what):
    if response.status_code >= 400:
        # The mock (like vendorspec validate) says exactly what is wrong: RFC 9457 problem
        # details whose `errors` hold each finding's rule, JSON pointer and message.
        problem = response.json()
        print(f"{what}: {response.status_code} {problem.get('detail')}", file=sys.stderr)
        for error in problem.get("errors", []):
            print(f"  {error['rule']} at {error['pointer'] or '/'}: {error['message']}", file=sys.stderr)
        sys.exit(1)
    print(f"{what}: {response.status_code}")
    return response


def main():
    http = requests.Session()

    # 1. Ivanti: log in, then create a discovery job. The body is the job document,
    #    stringified inside {"value": "..."}, as the Ivanti REST API v2 takes it.
    login = check(
        http.post(f"{IVANTI}/api/v2/Authentication/Login",
                  json={"UserName": "svc-soar", "Password": os.environ.get("IVANTI_PASSWORD", "not-a-real-password")}),
        "ivanti login",
    )
    ivanti = {"Authorization": "Bearer " + login.json()["Jwt"]}
    job = {
        "Name": "Incident 4711 discovery",
        "JobType": 1,
        "StartTime": "2026-12-07T09:00:00Z",
        "DiscoveryTargets": {"SingleIpTargets": [{"Ip": "10.20.30.40"}]},
    }
    check(http.post(f"{IVANTI}/api/v2/Jobs", json={"value": json.dumps(job)}, headers=ivanti),
          "ivanti discovery job")

    # 2. Cylance: lock the device down for an hour. PUT, not GET (the vendor SDK's bug).
    lockdown = check(
        http.put(f"{CYLANCE}/devicecommands/v2/{DEVICE}/lockdown",
                 params={"value": "true", "expires": "0:01:00"},
                 headers={"Authorization": "Bearer " + cylance_token(["opticscommand:create"])}),
        "cylance lockdown",
    )
    device = lockdown.json()
    device = device.get("data", device)  # some servers wrap the device in {"status", "data"}
    print(f"  locked until {device.get('lockdown_expiration')}; unlock password received: {'password' in device}")

    # 3. Cylance: run a triage package on the device, then cancel the run.
    token = cylance_token(["opticspkgdeploy:create", "opticspkgdeploy:delete"])
    cylance = {"Authorization": "Bearer " + token}
    execution = {"execution": {
        "name": "Incident 4711 triage",
        "target": {"devices": [DEVICE]},
        "destination": "",
        "packageExecutions": [{"arguments": ["-browser", "ALL"], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}],
        "keepResultsLocally": True,
    }}
    created = check(http.post(f"{CYLANCE}/packages/v2/executions", json=execution, headers=cylance),
                    "cylance package execution")
    execution_id = created.json()["id"]
    check(http.delete(f"{CYLANCE}/packages/v2/executions/{execution_id}", headers=cylance),
          "cylance cancel execution")


if __name__ == "__main__":
    main()
