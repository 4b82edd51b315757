"""A real client of `vendorspec mock`: Python `requests`, as integrations use it.

Usage: client.py BASE_URL CASES.json OUT.json

Sends every case of CASES.json (method, path, body, which token), then the flows whose
steps depend on earlier answers (create then delete an execution, lock a device down
twice, log in to Ivanti), and writes every answer to OUT.json for the Rust test
(cli/tests/mock.rs) to judge: {"cases": [...], "flows": {"step": answer}}.
"""

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import requests


# How many lockdowns the concurrent clients send.
CONCURRENT = 128


def answer(response):
    return {
        "status": response.status_code,
        "headers": {k.lower(): v for k, v in response.headers.items()},
        "body": response.text,
    }


def main():
    base, cases_path, out_path = sys.argv[1:4]
    with open(cases_path, encoding="utf-8") as f:
        spec = json.load(f)
    tokens = dict(spec["tokens"])
    session = requests.Session()

    flows = {}
    # Ivanti: log in, as a client must before any Ivanti call.
    login = session.post(
        base + "/api/v2/Authentication/Login",
        json={"UserName": "admin", "Password": spec["ivanti_password"]},
        timeout=10,
    )
    flows["ivanti_login"] = answer(login)
    tokens["ivanti"] = login.json()["Jwt"]

    def send(method, path, token=None, body=None, content_type="application/json"):
        headers = {}
        if token is not None:
            headers["Authorization"] = "Bearer " + tokens.get(token, token)
        if body is not None:
            headers["Content-Type"] = content_type
        return session.request(
            method,
            base + path,
            data=None if body is None else body.encode("utf-8"),
            headers=headers,
            timeout=10,
        )

    cases = []
    for case in spec["cases"]:
        r = send(case["method"], case["path"], case.get("token"), case.get("body"))
        cases.append(dict(answer(r), name=case["name"]))

    # Create an execution, delete it, delete it again.
    create = spec["create_execution"]
    created = send("POST", "/packages/v2/executions", "cylance", create)
    flows["create"] = answer(created)
    execution_id = created.json()["id"]
    flows["delete"] = answer(send("DELETE", "/packages/v2/executions/" + execution_id, "cylance"))
    flows["delete_again"] = answer(
        send("DELETE", "/packages/v2/executions/" + execution_id, "cylance")
    )

    # Lock a device down twice: the history grows, each answer has an unlock password.
    lockdown = "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown"
    flows["lockdown_1"] = answer(send("PUT", lockdown + "?value=true&expires=0%3A01%3A00", "cylance"))
    flows["lockdown_2"] = answer(send("PUT", lockdown + "?value=true", "cylance", "{}"))

    # Credentials.
    flows["no_token"] = answer(send("PUT", lockdown + "?value=true"))
    flows["wrong_scope"] = answer(send("PUT", lockdown + "?value=true", "cylance_wrong_scope"))
    flows["long_token"] = answer(send("PUT", lockdown + "?value=true", "cylance_long"))
    flows["ivanti_without_login"] = answer(
        send("POST", "/api/v2/Jobs", "cylance", spec["ivanti_job"])
    )
    flows["ivanti_job"] = answer(send("POST", "/api/v2/Jobs", "ivanti", spec["ivanti_job"]))

    # The SDK's GET, and a path no API has.
    flows["wrong_method"] = answer(send("GET", lockdown, "cylance"))
    flows["unknown_path"] = answer(send("GET", "/devicecommands/v3/nothing", "cylance"))

    # Concurrent clients, each with its own connection: every lockdown lands in the history.
    def lock(_):
        with requests.Session() as own:
            r = own.put(
                base + lockdown + "?value=true",
                headers={"Authorization": "Bearer " + tokens["cylance"]},
                timeout=10,
            )
            return r.status_code

    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lock, range(CONCURRENT)))
    flows["concurrent_statuses"] = sorted(set(statuses))
    flows["after_concurrent"] = answer(send("PUT", lockdown + "?value=true", "cylance"))

    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"cases": cases, "flows": flows}, f)


if __name__ == "__main__":
    main()
