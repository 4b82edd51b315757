"""Verdicts of Python `jsonschema` on a cross-language corpus (see tests/tests/cross_language.rs).

Usage: check.py SCHEMA_DIR CORPUS.jsonl > VERDICTS.jsonl

Each corpus line is {"id", "schema": "<file in SCHEMA_DIR>", "payload": <value>}; each output
line is {"id", "valid": bool}, in corpus order. The payload is read by Python's own `json`
(integers exact, `1e400` infinite), as a Python user of the published schemas would read
it. Formats are asserted (a FormatChecker), so a `format` keyword would count if a schema
had one. A schema that is not valid draft 2020-12 fails the run.
"""

import json
import sys

from jsonschema import Draft202012Validator


def main(schema_dir: str, corpus: str) -> None:
    validators = {}
    out = sys.stdout
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            name = case["schema"]
            if name not in validators:
                with open(f"{schema_dir}/{name}", encoding="utf-8") as f:
                    schema = json.load(f)
                Draft202012Validator.check_schema(schema)
                validators[name] = Draft202012Validator(
                    schema, format_checker=Draft202012Validator.FORMAT_CHECKER
                )
            valid = validators[name].is_valid(case["payload"])
            out.write(json.dumps({"id": case["id"], "valid": valid}) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: check.py SCHEMA_DIR CORPUS.jsonl")
    main(sys.argv[1], sys.argv[2])
