#!/usr/bin/env bash
# The CLI against the tools a team would pick instead (docs/ARCHITECTURE.md, "Performance targets":
# at least 50x the files per second of check-jsonschema and 10x ajv-cli, each run once
# over the same folder).
#
#   bash bench/compare.sh            # FILES=10000 RUNS=3 by default
#
# 1. Builds `vendorspec` (release) and installs, pinned, check-jsonschema (pip, in a venv)
#    and ajv-cli with ajv and ajv-formats (npm), all under $COMPARE_DIR (default
#    /tmp/vendorspec-compare); hyperfine comes from Debian (`apt-get install hyperfine`) and
#    is installed when missing and possible, else /usr/bin/time is used (one run each).
# 2. Writes FILES payload files, one folder per request endpoint (FILES/5 each), from
#    `vendorspec sample ID --seed 1 --count N`: canonical strict JSON, canonical names, no
#    envelope, so the lenient, enveloped Ivanti endpoints get the same bytes in every tool.
# 3. Runs every tool once over each folder (the verdicts are printed: they should all say
#    valid), then times each tool's whole pass with hyperfine --runs RUNS: one invocation
#    per folder with that folder's published schema (`generated/schemas/*.request.schema.json`),
#    so each tool validates all FILES files once per run. vendorspec is also timed as one
#    process over all folders (a vendorspec.toml beside them mapping each folder to its
#    endpoint) and with
#    one thread (RAYON_NUM_THREADS=1), since the other two tools use one core.
# 4. Prints files per second and the ratios, and writes them to $COMPARE_DIR/compare.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPARE_DIR="${COMPARE_DIR:-/tmp/vendorspec-compare}"
FILES="${FILES:-10000}"
RUNS="${RUNS:-3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

# Pinned: the latest releases when this was written.
CHECK_JSONSCHEMA_VERSION=0.39.0
AJV_CLI_VERSION=5.0.0
AJV_VERSION=8.20.0 # as in .ci/package.json
AJV_FORMATS_VERSION=3.0.1

ENDPOINTS=(create_package_execution lockdown_device provision_tenant create_job create_deployment_group)
PER=$((FILES / ${#ENDPOINTS[@]}))
TOTAL=$((PER * ${#ENDPOINTS[@]}))

say() { printf '\n== %s\n' "$*" >&2; }

mkdir -p "$COMPARE_DIR"

say "tools"
if ! command -v hyperfine > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine > /dev/null || true
fi
if ! command -v hyperfine > /dev/null; then
  echo "hyperfine is not installed: falling back to /usr/bin/time, one run per tool" >&2
fi

(cd "$ROOT" && cargo build --release --quiet -p vendorspec-cli)
VENDORSPEC="$TARGET/release/vendorspec"

VENV="$COMPARE_DIR/venv"
if [ "$("$VENV/bin/check-jsonschema" --version 2> /dev/null | awk '{print $NF}')" != "$CHECK_JSONSCHEMA_VERSION" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input \
    "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
fi
CHECK_JSONSCHEMA="$VENV/bin/check-jsonschema"

NODE="$COMPARE_DIR/node"
AJV="$NODE/node_modules/.bin/ajv"
if [ ! -x "$AJV" ] || ! grep -q "\"version\": \"$AJV_CLI_VERSION\"" "$NODE/node_modules/ajv-cli/package.json"; then
  mkdir -p "$NODE"
  [ -f "$NODE/package.json" ] || echo '{"name": "vendorspec-compare", "private": true}' > "$NODE/package.json"
  npm install --prefix "$NODE" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI_VERSION" "ajv@$AJV_VERSION" "ajv-formats@$AJV_FORMATS_VERSION"
fi

echo "vendorspec:         $("$VENDORSPEC" --version 2> /dev/null || echo "$VENDORSPEC")" >&2
echo "check-jsonschema: $("$CHECK_JSONSCHEMA" --version)" >&2
echo "ajv-cli:          $AJV_CLI_VERSION (ajv $AJV_VERSION, ajv-formats $AJV_FORMATS_VERSION), node $(node --version)" >&2

say "$TOTAL payload files ($PER per endpoint)"
rm -rf "$COMPARE_DIR/payloads" "$COMPARE_DIR/schemas"
mkdir -p "$COMPARE_DIR/schemas"
: > "$COMPARE_DIR/payloads.toml"
for e in "${ENDPOINTS[@]}"; do
  dir="$COMPARE_DIR/payloads/$e"
  mkdir -p "$dir"
  "$VENDORSPEC" sample "$e" --seed 1 --count "$PER" |
    awk -v dir="$dir" '{ f = sprintf("%s/%05d.json", dir, NR); print > f; close(f) }'
  cp "$ROOT/generated/schemas/$e.request.schema.json" "$COMPARE_DIR/schemas/"
  printf '[[validate]]\nendpoint = "%s"\npaths = ["%s/*.json"]\n\n' "$e" "$e" >> "$COMPARE_DIR/payloads.toml"
done
# Beside the folders it maps: without paths, vendorspec walks the configuration's folder.
mv "$COMPARE_DIR/payloads.toml" "$COMPARE_DIR/payloads/vendorspec.toml"
count=$(find "$COMPARE_DIR/payloads" -name '*.json' | wc -l)
bytes=$(find "$COMPARE_DIR/payloads" -name '*.json' -print0 | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
echo "$count files, $bytes bytes" >&2

# One script per tool: one invocation per folder, with that folder's schema.
cat > "$COMPARE_DIR/run-vendorspec.sh" << EOF
for e in ${ENDPOINTS[*]}; do
  "$VENDORSPEC" validate --endpoint "\$e" --format json "$COMPARE_DIR/payloads/\$e" > /dev/null
done
EOF
cat > "$COMPARE_DIR/run-vendorspec-toml.sh" << EOF
"$VENDORSPEC" validate --config "$COMPARE_DIR/payloads/vendorspec.toml" --format json > /dev/null
EOF
cat > "$COMPARE_DIR/run-vendorspec-1-thread.sh" << EOF
export RAYON_NUM_THREADS=1
. "$COMPARE_DIR/run-vendorspec.sh"
EOF
cat > "$COMPARE_DIR/run-check-jsonschema.sh" << EOF
for e in ${ENDPOINTS[*]}; do
  "$CHECK_JSONSCHEMA" --schemafile "$COMPARE_DIR/schemas/\$e.request.schema.json" "$COMPARE_DIR/payloads/\$e"/*.json > /dev/null
done
EOF
cat > "$COMPARE_DIR/run-ajv.sh" << EOF
for e in ${ENDPOINTS[*]}; do
  "$AJV" validate --spec=draft2020 -c ajv-formats --strict=false --errors=text \\
    -s "$COMPARE_DIR/schemas/\$e.request.schema.json" -d "$COMPARE_DIR/payloads/\$e/*.json" > /dev/null 2>&1
done
EOF

say "verdicts (each tool once per folder)"
for e in "${ENDPOINTS[@]}"; do
  ours=$("$VENDORSPEC" validate --endpoint "$e" --format json "$COMPARE_DIR/payloads/$e" |
    python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print("%d valid, %d invalid" % (s["valid"], s["invalid"]))' || true)
  cj="valid"
  "$CHECK_JSONSCHEMA" --schemafile "$COMPARE_DIR/schemas/$e.request.schema.json" "$COMPARE_DIR/payloads/$e"/*.json > "$COMPARE_DIR/check-jsonschema-$e.log" 2>&1 ||
    cj="some invalid (see $COMPARE_DIR/check-jsonschema-$e.log)"
  # ajv-cli prints one line per file, to stderr for invalid ones: count those.
  (cd "$NODE" && "$AJV" validate --spec=draft2020 -c ajv-formats --strict=false --errors=text \
    -s "$COMPARE_DIR/schemas/$e.request.schema.json" -d "$COMPARE_DIR/payloads/$e/*.json" > "$COMPARE_DIR/ajv-$e.log" 2>&1) || true
  ajv_invalid=$(grep -c ' invalid$' "$COMPARE_DIR/ajv-$e.log" || true)
  printf '%-26s vendorspec: %s; check-jsonschema: %s; ajv: %s invalid\n' "$e" "$ours" "$cj" "$ajv_invalid" >&2
done

say "timing ($RUNS runs each)"
names=(vendorspec vendorspec-toml vendorspec-1-thread check-jsonschema ajv)
if command -v hyperfine > /dev/null; then
  # ajv-formats is resolved from the working directory's node_modules.
  (cd "$NODE" && hyperfine --runs "$RUNS" --ignore-failure --style basic \
    --export-json "$COMPARE_DIR/hyperfine.json" \
    -n "vendorspec" "bash $COMPARE_DIR/run-vendorspec.sh" \
    -n "vendorspec-toml" "bash $COMPARE_DIR/run-vendorspec-toml.sh" \
    -n "vendorspec-1-thread" "bash $COMPARE_DIR/run-vendorspec-1-thread.sh" \
    -n "check-jsonschema" "bash $COMPARE_DIR/run-check-jsonschema.sh" \
    -n "ajv" "bash $COMPARE_DIR/run-ajv.sh")
else
  python3 - "$COMPARE_DIR" "${names[@]}" << 'EOF'
import json, subprocess, sys, time
work, names = sys.argv[1], sys.argv[2:]
results = []
for name in names:
    start = time.perf_counter()
    subprocess.run(["bash", f"{work}/run-{name}.sh"], cwd=f"{work}/node")
    results.append({"command": name, "mean": time.perf_counter() - start, "stddev": None})
json.dump({"results": results}, open(f"{work}/hyperfine.json", "w"))
EOF
fi

say "results"
python3 - "$COMPARE_DIR/hyperfine.json" "$TOTAL" "$bytes" "$RUNS" << 'EOF' | tee "$COMPARE_DIR/compare.md"
import json, sys
path, files, size, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
results = {r["command"]: r for r in json.load(open(path))["results"]}
rate = {name: files / r["mean"] for name, r in results.items()}
labels = {
    "vendorspec": "vendorspec validate (release), one process per folder",
    "vendorspec-toml": "vendorspec validate, one process (vendorspec.toml)",
    "vendorspec-1-thread": "vendorspec validate, one thread, one process per folder",
    "check-jsonschema": "check-jsonschema, one process per folder",
    "ajv": "ajv-cli --spec=draft2020 -c ajv-formats, one process per folder",
}
print(f"{files} files ({size / 1e6:.1f} MB), 5 folders; mean of {runs} runs\n")
print("| tool | time | files/s | vendorspec ÷ this |")
print("|---|---:|---:|---:|")
for name in ["vendorspec", "vendorspec-toml", "vendorspec-1-thread", "check-jsonschema", "ajv"]:
    r = results.get(name)
    if not r:
        continue
    sd = f" ± {r['stddev']:.2f}" if r.get("stddev") else ""
    ratio = rate["vendorspec"] / rate[name]
    print(f"| {labels[name]} | {r['mean']:.2f} s{sd} | {rate[name]:,.0f} | {ratio:.1f}× |")
cj = rate["vendorspec"] / rate["check-jsonschema"]
aj = rate["vendorspec"] / rate["ajv"]
print()
print(f"vendorspec ÷ check-jsonschema: {cj:.1f}× (target ≥ 50×: {'met' if cj >= 50 else 'missed'})")
print(f"vendorspec ÷ ajv-cli:          {aj:.1f}× (target ≥ 10×: {'met' if aj >= 10 else 'missed'})")
EOF
