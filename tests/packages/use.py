"""Run with the python of a throwaway venv where the wheel is installed (see
tests/tests/packages.rs): the verdict of `validate()` on each case.

Usage: python use.py CASES.jsonl > VERDICTS.jsonl; each case is {"id", "endpoint", "kind",
"status", "file"}, each output line {"id", "valid", "errors"}. The first line says where
`vendorspec` was loaded from; every generated pydantic model module is imported and one
parses its schema's example."""

import importlib
import json
import pkgutil
import sys

import vendorspec
import vendorspec.models

models = sorted(m.name for m in pkgutil.iter_modules(vendorspec.models.__path__))
for name in models:
    importlib.import_module(f"vendorspec.models.{name}")
# A generated model parses the schema's own example (snake_case fields, aliases as sent).
from vendorspec.models.create_job_request import CreateJobRequestBody  # noqa: E402

job = CreateJobRequestBody.model_validate(vendorspec.schema("create_job")["examples"][0])
assert job.name and job.discovery_targets is not None, job
print(json.dumps({"loaded_from": vendorspec.__file__, "endpoints": vendorspec.endpoints, "models": models}))
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        c = json.loads(line)
        with open(c["file"], "rb") as f:
            body = f.read()
        got = vendorspec.validate(c["endpoint"], body, kind=c["kind"], status=c["status"])
        print(json.dumps({"id": c["id"], "valid": got["valid"], "errors": got["errors"]}))
