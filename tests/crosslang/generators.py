"""Code generated from the published schemas, by the generators other teams use, checked
against the corpus: datamodel-code-generator (pydantic v2 models), json-schema-to-typescript
and quicktype (TypeScript types, compiled with `tsc --strict`).

Usage: generators.py SCHEMA_DIR CORPUS.json WORK_DIR NODE_BIN

CORPUS.json is a list of {"schema": file name, "payload": JSON value, "valid": bool,
"rule": the one broken rule or null}. Prints one JSON report on stdout:
{"shapes": [...], "failures": [...], "counts": {...}}; `failures` lists every payload a
generated model judges otherwise than it must and every untyped shape, so an empty list
is a pass.

The rules a generated model cannot hold (named in the README, per language) are not
asked of it: an invalid payload whose broken rule is one of them may pass.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys

# What pydantic models generated from the schemas do not check: cross-member rules (stated
# with `if`/`then`/`not`, which generators leave aside), the formats and patterns of the
# schema's regular expressions that Python's `re` reads otherwise, uniqueness, duplicate
# members (a JSON value cannot hold them) and the integer-valued floats JSON Schema calls
# integers (`5.0`).
# `type`: a model generated with strict strings and booleans (`--strict-types str bool`;
# strict integers would refuse the `5.0` the contract accepts) still takes `null` for an
# optional member (`X | None`) and numeric strings for integers (pydantic's lax `int`).
PYDANTIC_CANNOT = {
    "exactly_one_of", "at_least_one_of", "requires", "range_order", "duplicate_key",
    "unique_items", "type",
}
# What TypeScript types hold: required members and unknown members (in an object
# literal). Bounds, lengths, patterns and formats are not types; `number` takes `1.5` for
# an integer, and an enum's type takes any value of its base type where the generator
# writes the base type.
TYPESCRIPT_CAN = {"required", "unknown_field"}


def pascal(title):
    """The class or type name generators give a schema's title: `create_job request body`
    is `CreateJobRequestBody`."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", title) if w)


def in_empty_object(case, schema):
    """Whether the unknown member of an `unknown_field` case sits in an object whose schema
    has no members: TypeScript's `{}` takes any object, so no type can refuse it there."""
    if case["rule"] != "unknown_field":
        return False

    def find(value, path):
        if isinstance(value, dict):
            if "unknownMember" in value:
                return path
            for k, v in value.items():
                found = find(v, path + [k])
                if found is not None:
                    return found
        elif isinstance(value, list):
            for v in value:
                found = find(v, path + [None])
                if found is not None:
                    return found
        return None

    path = find(case["payload"], [])
    if path is None:
        return False
    node = schema
    for step in path + ["end"]:
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].split("/")[-1]]
        if step == "end":
            break
        node = node.get("items", {}) if step is None else node.get("properties", {}).get(step, {})
    return not node.get("properties")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def pydantic_models(schema_dir, work, failures, shapes):
    models = {}
    for name in sorted(os.listdir(schema_dir)):
        # The any-case variants are for validators (editors, a Python team validating the
        # spellings the server accepts); code is generated from the canonical schemas.
        if not name.endswith(".schema.json") or ".any-case." in name:
            continue
        module = name[: -len(".schema.json")].replace(".", "_")
        out = os.path.join(work, module + ".py")
        r = run([
            os.path.join(os.path.dirname(sys.executable), "datamodel-codegen"),
            "--input", os.path.join(schema_dir, name), "--input-file-type", "jsonschema",
            "--output-model-type", "pydantic_v2.BaseModel", "--snake-case-field",
            "--strict-types", "str", "bool", "--use-schema-description",
            "--disable-timestamp", "--output", out,
        ])
        if r.returncode != 0:
            failures.append(f"datamodel-codegen {name}: {r.stderr.strip()[-400:]}")
            continue
        source = open(out).read()
        classes = re.findall(r"^class (\w+)\(", source, re.M)
        shape = {
            "schema": name,
            "generator": "datamodel-codegen",
            "classes": len(classes),
            "root_any": "RootModel[Any]" in source,
            "numbered_classes": [c for c in classes if re.search(r"\d+$", c)],
            "numbered_fields": re.findall(r"^\s+(\w+_\d+)\s*:", source, re.M),
            "untyped_lists": len(re.findall(r"[Ll]ist\[Any\]", source)),
        }
        shapes.append(shape)
        # The rules the model cannot hold are in its docs (the objects' descriptions).
        stated = open(os.path.join(schema_dir, name)).read().count("Rules across members")
        if stated and "Rules across members" not in source:
            failures.append(f"pydantic model of {name} does not state its cross-member rules")
        if shape["root_any"] or shape["numbered_classes"] or shape["numbered_fields"] or shape["untyped_lists"]:
            failures.append(f"pydantic shapes of {name}: {shape}")
        spec = importlib.util.spec_from_file_location(module, out)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[module] = mod  # pydantic resolves generic models through it
        spec.loader.exec_module(mod)
        # The root model: the class named after the document's title.
        root = pascal(json.load(open(os.path.join(schema_dir, name))).get("title", ""))
        models[name] = getattr(mod, root, None) or getattr(mod, "Model", None)
        if models[name] is None:
            failures.append(f"pydantic: no root class {root} in {out}")
    return models


def check_pydantic(models, corpus, failures, counts):
    for case in corpus:
        model = models.get(case["schema"])
        if model is None:
            continue
        try:
            model.model_validate(case["payload"])
            accepted = True
        except Exception:  # pydantic.ValidationError, or a payload it cannot read at all
            accepted = False
        if case["valid"] and not accepted:
            failures.append(f"pydantic refuses a valid {case['schema']} payload: {json.dumps(case['payload'])[:300]}")
        elif not case["valid"] and accepted and case["rule"] not in PYDANTIC_CANNOT:
            failures.append(f"pydantic accepts a {case['schema']} payload breaking {case['rule']}: {json.dumps(case['payload'])[:300]}")
        counts["pydantic"] = counts.get("pydantic", 0) + 1


def typescript(schema_dir, work, node_bin, corpus, failures, shapes, counts):
    names = sorted(n for n in os.listdir(schema_dir) if n.endswith(".schema.json") and ".any-case." not in n)
    for generator in ("json2ts", "quicktype"):
        lines = []
        for name in names:
            module = name[: -len(".schema.json")].replace(".", "_")
            out = os.path.join(work, f"{module}.{generator}.ts")
            path = os.path.join(schema_dir, name)
            if generator == "json2ts":
                r = run([os.path.join(node_bin, "json2ts"), "-i", path, "-o", out])
            else:
                r = run([os.path.join(node_bin, "quicktype"), "--src-lang", "schema", "--lang", "ts",
                         "--just-types", "--top-level", "Root", "-o", out, path])
            if r.returncode != 0:
                failures.append(f"{generator} {name}: {r.stderr.strip()[-400:]}")
                continue
            source = open(out).read()
            exported = re.findall(r"^export (?:interface|type) (\w+)", source, re.M)
            title = json.load(open(path)).get("title", "")
            root = "Root" if generator == "quicktype" else pascal(title)
            shape = {
                "schema": name,
                "generator": generator,
                "types": len(exported),
                "root_unknown": bool(re.search(rf"^export type {root} = (unknown|any);", source, re.M)),
                "untyped_lists": len(re.findall(r"\b(unknown|any)\[\]", source)),
                "index_signatures": len(re.findall(r"\[k: string\]: unknown", source)),
                "numbered_types": [t for t in exported if re.search(r"\d+$", t)],
            }
            shapes.append(shape)
            closed = json.load(open(path)).get("additionalProperties") is False
            # Numbered names are reported, not failed: json2ts numbers a definition reached
            # twice (`LockdownDevice1`) and the parts of an integer enum's intersection
            # type (`FeatureId1 & FeatureId2`); both are still typed.
            if shape["root_unknown"] or shape["untyped_lists"] or (closed and shape["index_signatures"]):
                failures.append(f"{generator} shapes of {name}: {shape}")
            # Every payload as a typed constant: valid ones must compile, and invalid ones
            # whose broken rule a type can hold must not (`@ts-expect-error` fails the
            # compilation when no error follows it).
            alias = f"T_{module}"
            lines.append(f'import type {{ {root} as {alias} }} from "./{module}.{generator}";')
            for i, case in enumerate(c for c in corpus if c["schema"] == name):
                literal = json.dumps(case["payload"])
                if case["valid"]:
                    lines.append(f"export const v_{module}_{i}: {alias} = {literal};")
                elif case["rule"] in TYPESCRIPT_CAN and not in_empty_object(case, json.load(open(path))):
                    lines.append("// @ts-expect-error")
                    lines.append(f"export const x_{module}_{i}: {alias} = {literal};")
                counts[generator] = counts.get(generator, 0) + 1
        check = os.path.join(work, f"check_{generator}.ts")
        open(check, "w").write("\n".join(lines) + "\n")
        r = run([os.path.join(node_bin, "tsc"), "--strict", "--noEmit", "--target", "es2020",
                 "--moduleResolution", "node", check], cwd=work)
        if r.returncode != 0:
            errors = [l for l in r.stdout.splitlines() if "error TS" in l]
            failures.append(f"tsc --strict on {generator}'s types: {len(errors)} errors, first: {errors[:5]}")


def main():
    schema_dir, corpus_file, work, node_bin = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    corpus = json.load(open(corpus_file))
    failures, shapes, counts = [], [], {}
    models = pydantic_models(schema_dir, work, failures, shapes)
    check_pydantic(models, corpus, failures, counts)
    typescript(schema_dir, work, node_bin, corpus, failures, shapes, counts)
    json.dump({"shapes": shapes, "failures": failures, "counts": counts}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
