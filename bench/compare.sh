#!/usr/bin/env bash
# The CLI against the tools a team would pick instead (docs/ARCHITECTURE.md, "Performance targets":
# at least 50x the files per second of check-jsonschema and 10x ajv-cli, each run once
# over the same folder), and against jsonschema-cli, the Rust one (at least 3x its wall
# time with two threads and 1.5x with one).
#
#   bash bench/compare.sh                 # FILES=10000 RUNS=3 by default
#   JOB_FILES=20000 bash bench/compare.sh # only vendorspec against jsonschema-cli on
#                                         # 20,000 create_job files, valid and invalid
#
# 1. Builds `vendorspec` (release) and installs, pinned, check-jsonschema (pip, in a venv),
#    ajv-cli with ajv and ajv-formats (npm) and jsonschema-cli (`cargo install --locked`,
#    a few minutes to compile the first time), all under $COMPARE_DIR (default
#    /tmp/vendorspec-compare); hyperfine comes from Debian (`apt-get install hyperfine`) and
#    is installed when missing and possible, else /usr/bin/time is used (one run each).
#
#    jsonschema-cli takes no folder: it gets every file of a folder as arguments of one
#    `-i`, through `xargs -0 -x -s 1000000 -a LIST` from a NUL-separated list written
#    beforehand (one process per folder: a command line of 1 MB fits Linux's 2 MB limit,
#    and -x stops rather than split it; hyperfine cannot take 20,000 paths in its own
#    command line, and a shell glob would sort 20,000 names in the timing). What xargs
#    costs itself is timed too (`xargs ... true`, the launcher row): it is counted in
#    jsonschema-cli's time, a few milliseconds.
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
JSONSCHEMA_CLI_VERSION=0.60.2 # the latest 0.60 release
JOB_FILES="${JOB_FILES:-}"
ROUNDS="${ROUNDS:-3}"

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

(cd "$ROOT" && cargo build --release --quiet -p vendorspec-cli --bin vendorspec --example read_floor)
VENDORSPEC="$TARGET/release/vendorspec"
FLOOR="$TARGET/release/examples/read_floor"

JSONSCHEMA_CLI="$COMPARE_DIR/cargo/bin/jsonschema-cli"
if [ "$("$JSONSCHEMA_CLI" --version 2> /dev/null | awk '{print $NF}')" != "$JSONSCHEMA_CLI_VERSION" ]; then
  cargo install --quiet --locked jsonschema-cli --version "$JSONSCHEMA_CLI_VERSION" --root "$COMPARE_DIR/cargo"
fi

if [ -n "$JOB_FILES" ]; then
  # The comparison with jsonschema-cli alone: JOB_FILES discovery jobs from
  # `vendorspec sample create_job --seed 1`, one file each, and as many invalid ones from
  # `--invalid` (each with one violation, drawn adversarially: any characters, edge
  # values), in two folders; each tool checks a whole folder per run, vendorspec with two
  # threads and with one, jsonschema-cli (one thread) with the published schema. Two
  # floor rows time `read_floor` (cli/examples/read_floor.rs) over the same folder: it
  # opens, reads and closes each file as the validator does, with one thread and two,
  # and does nothing else: what any validator pays before it parses a byte.
  command -v hyperfine > /dev/null || { echo "JOB_FILES needs hyperfine" >&2; exit 2; }
  echo "vendorspec:       $("$VENDORSPEC" --version)" >&2
  echo "jsonschema-cli:   $("$JSONSCHEMA_CLI" --version)" >&2
  JOBS="$COMPARE_DIR/jobs"
  SCHEMA="$ROOT/generated/schemas/create_job.request.schema.json"
  FORMAT="${VENDORSPEC_FORMAT:-human}"
  JOB_RUNS="${JOB_RUNS:-10}"
  LAUNCH=(xargs -0 -x -s 1000000 -a)
  say "$JOB_FILES create_job files, valid and invalid"
  rm -rf "$JOBS"
  mkdir -p "$JOBS/valid" "$JOBS/invalid"
  "$VENDORSPEC" sample create_job --seed 1 --count "$JOB_FILES" |
    awk -v dir="$JOBS/valid" '{ f = sprintf("%s/%05d.json", dir, NR); print > f; close(f) }'
  # Each line is {"payload": ..., "expect": ...}: the payload's bytes, as printed.
  "$VENDORSPEC" sample create_job --invalid --seed 1 --count "$JOB_FILES" | python3 -c '
import sys
head, tail = b"{\"payload\":", b",\"expect\":"
for n, line in enumerate(sys.stdin.buffer, 1):
    line = line.rstrip(b"\n")
    with open("%s/%05d.json" % (sys.argv[1], n), "wb") as f:
        f.write(line[len(head):line.rindex(tail)] + b"\n")
' "$JOBS/invalid"
  for set in valid invalid; do
    (cd "$JOBS" && find "$set" -name '*.json' -print0 | sort -z > "$set.list0")
    echo "$set: $(find "$JOBS/$set" -name '*.json' | wc -l) files, $(du -sb --apparent-size "$JOBS/$set" | cut -f1) bytes" >&2
  done

  say "verdicts"
  for set in valid invalid; do
    ours=$(cd "$JOBS" && "$VENDORSPEC" validate --endpoint create_job --format json "$set" |
      python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print("%d valid, %d invalid" % (s["valid"], s["invalid"]))' || true)
    theirs=$(cd "$JOBS" && "${LAUNCH[@]}" "$set.list0" "$JSONSCHEMA_CLI" validate "$SCHEMA" --offline -i |
      awk '/ - VALID$/ { v++ } / - INVALID/ { i++ } END { printf "%d valid, %d invalid", v, i }' || true)
    printf '%-8s vendorspec: %s; jsonschema-cli: %s\n' "$set" "$ours" "$theirs" >&2
  done

  say "timing ($ROUNDS rounds of hyperfine, $JOB_RUNS runs each)"
  for round in $(seq "$ROUNDS"); do
    for set in valid invalid; do
      (cd "$JOBS" && hyperfine -N --warmup 2 --runs "$JOB_RUNS" --ignore-failure --style none \
        --export-json "$JOBS/hyperfine-$set-$round.json" \
        -n "vendorspec" "env RAYON_NUM_THREADS=2 $VENDORSPEC validate --endpoint create_job --format $FORMAT $set" \
        -n "vendorspec-1-thread" "env RAYON_NUM_THREADS=1 $VENDORSPEC validate --endpoint create_job --format $FORMAT $set" \
        -n "vendorspec-list" "${LAUNCH[*]} $set.list0 env RAYON_NUM_THREADS=2 $VENDORSPEC validate --endpoint create_job --format $FORMAT" \
        -n "jsonschema-cli" "${LAUNCH[*]} $set.list0 $JSONSCHEMA_CLI validate $SCHEMA --offline -i" \
        -n "launcher" "${LAUNCH[*]} $set.list0 true" \
        -n "floor" "$FLOOR $set 1" \
        -n "floor-2" "$FLOOR $set 2") > /dev/null
    done
  done

  say "results"
  python3 - "$JOBS" "$JOB_FILES" "$ROUNDS" "$JOB_RUNS" "$FORMAT" << 'EOF' | tee "$COMPARE_DIR/compare-jobs.md"
import json, statistics, sys
jobs, files, rounds, runs, fmt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
labels = {
    "vendorspec": f"vendorspec validate --format {fmt} FOLDER, 2 threads",
    "vendorspec-1-thread": f"vendorspec validate --format {fmt} FOLDER, 1 thread",
    "vendorspec-list": f"vendorspec validate --format {fmt} FILE..., 2 threads, through the same xargs",
    "jsonschema-cli": "jsonschema-cli validate SCHEMA --offline -i FILE... (one thread)",
    "launcher": "xargs ... true: the launcher alone",
    "floor": "read_floor FOLDER 1: open, read and close every file, nothing else, 1 thread",
    "floor-2": "read_floor FOLDER 2: the same, 2 threads",
}
print(f"{files:,} create_job files per set; median of {rounds} rounds of hyperfine ({runs} runs each, mean wall time)\n")
print("| set | tool | time | files/s | jsonschema-cli ÷ this |")
print("|---|---|---:|---:|---:|")
summary = []
for s in ["valid", "invalid"]:
    per_round = [
        {r["command"]: r for r in json.load(open(f"{jobs}/hyperfine-{s}-{n}.json"))["results"]}
        for n in range(1, rounds + 1)
    ]
    for name in labels:
        mean = statistics.median(r[name]["mean"] for r in per_round)
        ratio = statistics.median(r["jsonschema-cli"]["mean"] / r[name]["mean"] for r in per_round)
        rate = "–" if name == "launcher" else f"{files / mean:,.0f}"
        shown = "–" if name in ("launcher", "jsonschema-cli") else f"{ratio:.2f}×"
        print(f"| {s} | {labels[name]} | {mean * 1000:.0f} ms | {rate} | {shown} |")
        if name in ("vendorspec", "vendorspec-1-thread"):
            summary.append((s, name, ratio))
print()
for s, name, ratio in summary:
    target, threads = (3.0, "2 threads") if name == "vendorspec" else (1.5, "1 thread")
    verdict = "met" if ratio >= target else "missed"
    print(f"- {s}, {threads}: jsonschema-cli ÷ vendorspec = {ratio:.2f}× (target ≥ {target}×: {verdict})")
print("\nThe floor rows bound any validator that opens and reads each file: jsonschema-cli ÷ floor")
print("is the most a ratio could be with parsing and validation free.")
EOF
  exit 0
fi

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
echo "jsonschema-cli:   $("$JSONSCHEMA_CLI" --version)" >&2
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
# jsonschema-cli takes files, not folders: each folder's files as one `-i` (see the top).
for e in "${ENDPOINTS[@]}"; do
  find "$COMPARE_DIR/payloads/$e" -name '*.json' -print0 | sort -z > "$COMPARE_DIR/payloads-$e.list0"
done
cat > "$COMPARE_DIR/run-jsonschema-cli.sh" << EOF
for e in ${ENDPOINTS[*]}; do
  xargs -0 -x -s 1000000 -a "$COMPARE_DIR/payloads-\$e.list0" \\
    "$JSONSCHEMA_CLI" validate "$COMPARE_DIR/schemas/\$e.request.schema.json" --offline -i > /dev/null
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
  jc=$(xargs -0 -x -s 1000000 -a "$COMPARE_DIR/payloads-$e.list0" \
    "$JSONSCHEMA_CLI" validate "$COMPARE_DIR/schemas/$e.request.schema.json" --offline -i |
    awk '/ - INVALID/ { i++ } END { print i + 0 }' || true)
  printf '%-26s vendorspec: %s; check-jsonschema: %s; ajv: %s invalid; jsonschema-cli: %s invalid\n' \
    "$e" "$ours" "$cj" "$ajv_invalid" "$jc" >&2
done

say "timing ($RUNS runs each)"
names=(vendorspec vendorspec-toml vendorspec-1-thread check-jsonschema ajv jsonschema-cli)
if command -v hyperfine > /dev/null; then
  # ajv-formats is resolved from the working directory's node_modules.
  (cd "$NODE" && hyperfine --runs "$RUNS" --ignore-failure --style basic \
    --export-json "$COMPARE_DIR/hyperfine.json" \
    -n "vendorspec" "bash $COMPARE_DIR/run-vendorspec.sh" \
    -n "vendorspec-toml" "bash $COMPARE_DIR/run-vendorspec-toml.sh" \
    -n "vendorspec-1-thread" "bash $COMPARE_DIR/run-vendorspec-1-thread.sh" \
    -n "check-jsonschema" "bash $COMPARE_DIR/run-check-jsonschema.sh" \
    -n "ajv" "bash $COMPARE_DIR/run-ajv.sh" \
    -n "jsonschema-cli" "bash $COMPARE_DIR/run-jsonschema-cli.sh")
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
    "jsonschema-cli": "jsonschema-cli validate SCHEMA --offline -i FILE..., one process per folder",
}
print(f"{files} files ({size / 1e6:.1f} MB), 5 folders; mean of {runs} runs\n")
print("| tool | time | files/s | vendorspec ÷ this |")
print("|---|---:|---:|---:|")
for name in labels:
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
if "jsonschema-cli" in rate:
    j2 = rate["vendorspec"] / rate["jsonschema-cli"]
    j1 = rate["vendorspec-1-thread"] / rate["jsonschema-cli"]
    print(f"vendorspec ÷ jsonschema-cli:   {j2:.1f}× with two threads (target ≥ 3×: {'met' if j2 >= 3 else 'missed'}), "
          f"{j1:.1f}× with one (target ≥ 1.5×: {'met' if j1 >= 1.5 else 'missed'})")
EOF
