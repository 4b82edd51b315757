#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (or DIR/<target>/ with `seed.sh DIR`) with seed inputs and
# writes vendorspec.dict beside them.
#
# Seeds: every file under examples/payloads/ and examples/responses/, every example text in spec/*.yaml (valid
# and invalid, as written), the spec's parameter examples as query strings, and the hostile
# documents the quality bar of docs/ARCHITECTURE.md names (deep nesting, huge numbers,
# invalid UTF-8, a byte-order mark, duplicate members, lone surrogates). The dictionary is json.dict plus
# every member name of the published schemas and every parameter name. Generated, never
# committed (corpus/ is ignored); rerunning starts the seeds afresh and deletes what the
# fuzzer added, so copy a grown corpus elsewhere first if you want to keep it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
spec=../spec
corpus=${1:-corpus}
rm -rf "$corpus"/{reader,envelope,bodies,params} "$corpus/vendorspec.dict"
mkdir -p "$corpus"/{reader,envelope,bodies,params}
json=$(mktemp -d)
trap 'rm -rf "$json"' EXIT

shopt -s nullglob
for file in ../examples/{payloads,responses}/*/*; do
  kind=$(basename "$(dirname "$(dirname "$file")")")
  cp "$file" "$json/$kind-$(basename "$(dirname "$file")")-$(basename "$file")"
done

# Example texts: `text: |` and `text: |-` block scalars, and one-line `text: "..."`.
awk -v out="$json/spec" '
  function save(text) { n++; f = sprintf("%s-%03d", out, n); printf "%s", text > f; close(f) }
  function unquote(s) {
    gsub(/\\\\/, "\001", s); gsub(/\\n/, "\n", s); gsub(/\\t/, "\t", s)
    gsub(/\\"/, "\"", s); gsub(/\001/, "\\", s); return s
  }
  block {
    if ($0 ~ /^[ \t]*$/) { blank = blank "\n"; next }
    match($0, /^ */)
    if (RLENGTH > key) {
      if (indent < 0) indent = RLENGTH
      text = text blank substr($0, indent + 1) "\n"; blank = ""; next
    }
    save(strip ? substr(text, 1, length(text) - 1) : text); block = 0
  }
  /^ *text: *\|-? *$/ {
    match($0, /^ */); key = RLENGTH; indent = -1; text = ""; blank = ""
    strip = ($0 ~ /\|- *$/); block = 1; next
  }
  /^ *text: *".*" *$/ {
    s = $0; sub(/^ *text: *"/, "", s); sub(/" *$/, "", s); save(unquote(s))
  }
  END { if (block) save(text) }
' "$spec"/*.yaml

# Hostile documents.
deep() { local i; for ((i = 0; i < $1; i++)); do printf '%s' "$2"; done; printf '1'; for ((i = 0; i < $1; i++)); do printf '%s' "$3"; done; }
deep 128 '[' ']' > "$json/deep-128"
deep 129 '[' ']' > "$json/deep-129"
deep 129 '{"a":' '}' > "$json/deep-object-129"
printf '\xef\xbb\xbf{"a": 1}' > "$json/bom"
printf '{"a": "\xff"}' > "$json/invalid-utf8"
printf '{"a": 1, "a": 2, "A": 3}' > "$json/duplicates"
printf '["\\ud800", "\\udc00x", "\\ud83d\\ude00"]' > "$json/surrogates"
printf '[1e400, -0, 123456789012345678901234567890, 1.5e1, 0.1e-400]' > "$json/numbers"
printf '{"value": "{\\"a\\": [1, \\"\\\\u00e9\\"]}"}' > "$json/envelope"
printf "{Value: '{a: 1, /* c */ b: \\\\'x\\\\',}'}" > "$json/envelope-lenient"
printf '// c\n{a: [1, 2,], b: \x27s\x27, /* c */ c: "raw\nline"}' > "$json/lenient"

for target in reader envelope bodies; do
  cp "$json"/* "$corpus/$target/"
done

# Parameters: each `examples: [..]` line under a parameter, as `name=value`.
awk -v out="$corpus/params/spec" '
  /^ *[A-Za-z_][A-Za-z0-9_]*: *$/ { name = $1; sub(/:$/, "", name) }
  /^ *examples: *\[.*\] *$/ {
    s = $0; sub(/^ *examples: *\[/, "", s); sub(/\] *$/, "", s)
    k = split(s, values, /, */)
    for (i = 1; i <= k; i++) {
      v = values[i]; gsub(/^"|"$/, "", v); n++
      f = sprintf("%s-%03d", out, n); printf "%s=%s", name, v > f; close(f)
    }
  }
' "$spec"/*.yaml
printf 'host=localhost&port=43470' > "$corpus/params/host-port"
printf 'device_id=45E07F34E76B4A9EB167D6D0C510D6BA&value=true&expires=0%%3A00%%3A05' > "$corpus/params/lockdown"
printf 'region=us&unknown=1&port=0x10' > "$corpus/params/wrong"

# Dictionary: the tokens, then the member and parameter names.
{
  cat json.dict
  grep -ho '"[A-Za-z_][A-Za-z0-9_]*": {' ../generated/schemas/*.schema.json | cut -d'"' -f2
  cat "$corpus"/params/* | tr '&' '\n' | cut -d= -f1
} | awk '/^[A-Za-z_]/ { $0 = "\"" $0 "\"" } !seen[$0]++' > "$corpus/vendorspec.dict"

for target in reader envelope bodies params; do
  echo "$target: $(find "$corpus/$target" -type f | wc -l) seeds"
done
