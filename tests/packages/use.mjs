// Run from a throwaway project where the packed npm package is installed (see
// tests/tests/packages.rs): the verdict of `validate()` on each case.
// Usage: node use.mjs CASES.jsonl > VERDICTS.jsonl; each case is {"id", "endpoint",
// "kind", "status", "file"}, each output line {"id", "valid", "errors"}. The first line
// says where `vendorspec` was loaded from.
import { readFileSync } from "node:fs";
import { validate, schema, endpoints } from "vendorspec";

const resolved = import.meta.resolve("vendorspec");
console.log(JSON.stringify({ loaded_from: new URL(resolved).pathname, endpoints }));
for (const e of endpoints) if (!schema(e, "request") && !schema(e, "response")) throw new Error(`${e}: no schema`);
for (const line of readFileSync(process.argv[2], "utf8").split("\n")) {
  if (!line) continue;
  const c = JSON.parse(line);
  const options = { kind: c.kind };
  if (c.status !== null) options.status = c.status;
  const got = validate(c.endpoint, readFileSync(c.file, "utf8"), options);
  console.log(JSON.stringify({ id: c.id, valid: got.valid, errors: got.errors }));
}
