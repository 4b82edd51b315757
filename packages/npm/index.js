// vendorspec's published JSON Schemas checked with Ajv 2020, after undoing the API's
// documented lenience as vendorspec does (its `normalize`): the lenient syntax is parsed,
// the `{"value": "..."}` envelope unwrapped, member names folded to the schema's canonical
// spelling where the API matches them case-insensitively. schemas/index.json says which API does what.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseLenient } from "./lenient.js";

const here = new URL(".", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("schemas/index.json", here), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map();

/** The schema entry of index.json for an endpoint's body. */
function entry(endpoint, kind) {
  const found = manifest.schemas.find((s) => s.endpoint === endpoint && s.body === kind);
  if (found) return found;
  if (!manifest.schemas.some((s) => s.endpoint === endpoint)) throw new Error(`unknown endpoint ${endpoint}`);
  return null;
}

export const endpoints = [...new Set(manifest.schemas.map((s) => s.endpoint))];

export function schema(endpoint, kind = "request") {
  const e = entry(endpoint, kind);
  return e ? JSON.parse(readFileSync(new URL(`schemas/${e.file}`, here), "utf8")) : null;
}

function isBlank(text) {
  return /^\uFEFF?[ \t\n\r]*$/.test(text);
}

function parse(text, syntax) {
  if (syntax === "lenient") return parseLenient(text);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // V8's message quotes the text ("Unexpected token 't', "ftp://u:pw@h" is not valid
    // JSON"), and a body can hold passwords and URL credentials: say what, not the text.
    throw new SyntaxError("not JSON in the API's strict syntax");
  }
}

function pointer(root, ref) {
  return ref
    .slice(2)
    .split("/")
    .filter((part) => part !== "")
    .reduce((n, part) => (n ? n[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), root);
}

/** Every subschema that applies to the same value: the node, its `$ref`, its combinators. */
function alternatives(root, node, out = []) {
  if (!node || typeof node !== "object" || out.includes(node) || out.length > 256) return out;
  out.push(node);
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) alternatives(root, pointer(root, node.$ref), out);
  for (const key of ["allOf", "anyOf", "oneOf"]) for (const s of node[key] ?? []) alternatives(root, s, out);
  for (const key of ["if", "then", "else"]) alternatives(root, node[key], out);
  return out;
}

/** Member names folded to the canonical names the schema knows (ASCII case-insensitively). */
function fold(root, node, value) {
  if (Array.isArray(value)) {
    const items = alternatives(root, node).flatMap((n) => (n.items ? [n.items] : []));
    return value.map((v) => fold(root, { anyOf: items }, v));
  }
  if (value === null || typeof value !== "object") return value;
  const props = new Map();
  for (const n of alternatives(root, node))
    for (const [name, sub] of Object.entries(n.properties ?? {})) {
      const key = name.toLowerCase();
      if (!props.has(key)) props.set(key, { name, subs: [] });
      props.get(key).subs.push(sub);
    }
  const out = {};
  for (const [name, v] of Object.entries(value)) {
    const known = props.get(name.toLowerCase());
    const canonical = known ? known.name : name;
    // The first of two spellings of one member is kept, as vendorspec reads them.
    if (Object.prototype.hasOwnProperty.call(out, canonical)) continue;
    Object.defineProperty(out, canonical, {
      value: known ? fold(root, { anyOf: known.subs }, v) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The envelope's inner text: an object with one member `value` (any ASCII case), a string. */
function envelopeText(value, member) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const names = Object.keys(value);
  if (names.length !== 1 || names[0].toLowerCase() !== member) return null;
  const inner = value[names[0]];
  return typeof inner === "string" ? inner : null;
}

/**
 * Checks a body of an endpoint against its published schema. `body` is the text as sent
 * (read in the API's syntax) or an already parsed value.
 */
export function validate(endpoint, body, { kind = "request", status } = {}) {
  const e = entry(endpoint, kind);
  const fail = (keyword, message, pointer = "") => ({ valid: false, errors: [{ pointer, message, keyword }] });
  let presence = e?.presence;
  if (kind === "response" && e) {
    const documented = status === undefined ? e.responses[0] : e.responses.find((r) => r.status.includes(status));
    if (!documented) return fail("status", `status ${status} is not documented`);
    presence = documented.presence;
  }
  const absent = body === undefined || body === null || (typeof body === "string" && isBlank(body));
  if (absent) {
    if (!e || presence === "optional") return { valid: true, errors: [] };
    return fail("required", "the body is required");
  }
  if (!e) return fail("body", `${endpoint} has no ${kind} body`);
  let value = body;
  try {
    if (typeof body === "string") value = parse(body, e.syntax);
    if (e.envelope) {
      const inner = envelopeText(value, "value");
      if (inner !== null) value = parse(inner, e.syntax);
    }
  } catch (err) {
    return fail("syntax", err.message);
  }
  let validator = compiled.get(e.file);
  if (!validator) {
    validator = { root: schema(endpoint, kind) };
    validator.check = ajv.compile(validator.root);
    compiled.set(e.file, validator);
  }
  if (e.member_names === "case_insensitive") value = fold(validator.root, validator.root, value);
  const valid = validator.check(value);
  return {
    valid,
    errors: valid
      ? []
      : validator.check.errors.map((err) => ({ pointer: err.instancePath, message: err.message ?? "", keyword: err.keyword })),
  };
}
