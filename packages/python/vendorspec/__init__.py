"""vendorspec's published JSON Schemas checked with `jsonschema` (Draft 2020-12, formats
asserted as tests/crosslang/check.py does), after undoing the API's documented lenience as
vendorspec does (its `normalize`): the lenient syntax is parsed, the `{"value": "..."}`
envelope unwrapped, member names folded to the schema's canonical spelling where the API
matches them case-insensitively. `schemas/index.json` says which API does what. The
pydantic models generated from the schemas are in `vendorspec.models`."""

import json
from importlib import resources

from jsonschema import Draft202012Validator

from .lenient import parse_lenient

__all__ = ["endpoints", "schema", "validate"]
__version__ = "0.1.0"

_MANIFEST = json.loads(resources.files(__name__).joinpath("schemas", "index.json").read_text("utf-8"))
_VALIDATORS = {}

endpoints = sorted({s["endpoint"] for s in _MANIFEST["schemas"]})


def _entry(endpoint, kind):
    for s in _MANIFEST["schemas"]:
        if s["endpoint"] == endpoint and s["body"] == kind:
            return s
    if endpoint not in endpoints:
        raise ValueError(f"unknown endpoint {endpoint}")
    return None


def schema(endpoint, kind="request"):
    """The published schema of an endpoint's body, or None when it has none."""
    e = _entry(endpoint, kind)
    if e is None:
        return None
    return json.loads(resources.files(__name__).joinpath("schemas", e["file"]).read_text("utf-8"))


def _parse(text, syntax):
    if syntax == "lenient":
        return parse_lenient(text)
    return json.loads(text[1:] if text.startswith("\ufeff") else text, parse_constant=_no_constant)


def _no_constant(word):
    raise ValueError(f"{word} is not JSON")


def _pointer(root, ref):
    node = root
    for part in ref[2:].split("/"):
        if part == "":
            continue
        if not isinstance(node, dict):
            return None
        node = node.get(part.replace("~1", "/").replace("~0", "~"))
    return node


def _alternatives(root, node, out):
    """Every subschema that applies to the same value: the node, its `$ref`, combinators."""
    if not isinstance(node, dict) or any(n is node for n in out) or len(out) > 256:
        return out
    out.append(node)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        _alternatives(root, _pointer(root, ref), out)
    for key in ("allOf", "anyOf", "oneOf"):
        for s in node.get(key, []):
            _alternatives(root, s, out)
    for key in ("if", "then", "else"):
        _alternatives(root, node.get(key), out)
    return out


def _fold(root, nodes, value):
    """Member names folded to the canonical names the schema knows (ASCII case-insensitively)."""
    alts = []
    for n in nodes:
        _alternatives(root, n, alts)
    if isinstance(value, list):
        items = [n["items"] for n in alts if "items" in n]
        return [_fold(root, items, v) for v in value]
    if not isinstance(value, dict):
        return value
    props = {}
    for n in alts:
        for name, sub in n.get("properties", {}).items():
            props.setdefault(_lower(name), (name, []))[1].append(sub)
    out = {}
    for name, v in value.items():
        known = props.get(_lower(name))
        canonical = known[0] if known else name
        # The first of two spellings of one member is kept, as vendorspec reads them.
        if canonical not in out:
            out[canonical] = _fold(root, known[1], v) if known else v
    return out


def _lower(name):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in name)


def _envelope_text(value, member):
    if isinstance(value, dict) and len(value) == 1:
        ((name, inner),) = value.items()
        if _lower(name) == member and isinstance(inner, str):
            return inner
    return None


def _is_blank(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.strip(" \t\n\r") == ""


def _message(err):
    """What is wrong, from the schema's side only. jsonschema's own messages quote the
    value (`'http://user:secret@host' does not match ...`), and a payload holds passwords
    and URL credentials, so none of it is repeated: the keyword and what the schema asks.
    `required` names members of the contract, not of the payload, and keeps its message."""
    if err.validator == "required":
        return err.message
    if err.validator == "additionalProperties":
        return "a member the contract does not know is not allowed"
    asked = json.dumps(err.validator_value, ensure_ascii=False)
    if len(asked) > 120:
        asked = asked[:119] + "\u2026"
    return f"the value does not satisfy `{err.validator}`: {asked}"


def validate(endpoint, body, kind="request", status=None):
    """Checks a body of an endpoint against its published schema.

    `body` is the text as sent (str or bytes, read in the API's syntax) or an already parsed
    value; None or blank text is "no body". Returns {"valid": bool, "errors": [{"pointer",
    "message", "keyword"}]}.
    """
    e = _entry(endpoint, kind)

    def fail(keyword, message, pointer=""):
        return {"valid": False, "errors": [{"pointer": pointer, "message": message, "keyword": keyword}]}

    presence = e.get("presence") if e else None
    if kind == "response" and e:
        documented = (
            e["responses"][0]
            if status is None
            else next((r for r in e["responses"] if status in r["status"]), None)
        )
        if documented is None:
            return fail("status", f"status {status} is not documented")
        presence = documented["presence"]
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError as err:
            return fail("syntax", str(err))
    if body is None or (isinstance(body, str) and _is_blank(body)):
        if e is None or presence == "optional":
            return {"valid": True, "errors": []}
        return fail("required", "the body is required")
    if e is None:
        return fail("body", f"{endpoint} has no {kind} body")
    value = body
    try:
        if isinstance(body, str):
            value = _parse(body, e["syntax"])
        if e["envelope"]:
            inner = _envelope_text(value, "value")
            if inner is not None:
                value = _parse(inner, e["syntax"])
    except ValueError as err:
        return fail("syntax", str(err))
    v = _VALIDATORS.get(e["file"])
    if v is None:
        root = schema(endpoint, kind)
        Draft202012Validator.check_schema(root)
        v = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
        _VALIDATORS[e["file"]] = v
    if e["member_names"] == "case_insensitive":
        value = _fold(v.schema, [v.schema], value)
    errors = [
        {"pointer": "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in err.absolute_path),
         "message": _message(err), "keyword": str(err.validator)}
        for err in v.iter_errors(value)
    ]
    return {"valid": not errors, "errors": errors}
