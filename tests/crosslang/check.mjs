// Verdicts of Ajv (draft 2020-12, with ajv-formats) on a cross-language corpus (see
// tests/tests/cross_language.rs).
//
// Usage: node check.mjs SCHEMA_DIR CORPUS.jsonl > VERDICTS.jsonl
//
// Each corpus line is {"id", "schema": "<file in SCHEMA_DIR>", "payload": <value>}; each
// output line is {"id", "valid": bool}, in corpus order. Payloads are read by JSON.parse
// (numbers are doubles), as a JavaScript user of the published schemas would read them.
// Ajv runs in strict mode, so a schema that Ajv would only warn about fails the run, and
// ajv-formats is loaded, so a `format` keyword would count if a schema had one. Ajv and
// ajv-formats come from .ci/node_modules (installed by .ci/test).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../.ci/package.json", import.meta.url));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [schemaDir, corpus] = process.argv.slice(2);
if (!schemaDir || !corpus) {
  console.error("usage: node check.mjs SCHEMA_DIR CORPUS.jsonl");
  process.exit(2);
}

// strict: true refuses unknown keywords, ignored keywords and ambiguous types instead of
// logging them; our schemas must compile under it. The verdicts come from an instance with
// strictRequired off, so that a schema refused by it alone still gets checked; each schema
// that the strictest instance refuses is reported on stderr as `strict-refuses FILE: ERROR`,
// so the test can hold that list to the documented one (empty).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: false });
addFormats(ajv);
const strictest = new Ajv2020({ strict: true });
addFormats(strictest);

const validators = new Map();
const out = [];
for (const line of readFileSync(corpus, "utf8").split("\n")) {
  if (line === "") continue;
  const { id, schema, payload } = JSON.parse(line);
  let validate = validators.get(schema);
  if (!validate) {
    const document = JSON.parse(readFileSync(`${schemaDir}/${schema}`, "utf8"));
    validate = ajv.compile(document);
    validators.set(schema, validate);
    try {
      strictest.compile(document);
    } catch (e) {
      console.error(`strict-refuses ${schema}: ${e.message}`);
    }
  }
  out.push(JSON.stringify({ id, valid: validate(payload) === true }));
}
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
