#!/usr/bin/env bash
# `vendorspec traffic` (docs/PERFORMANCE.md, "traffic"): exchanges per second on a HAR of
# EXCHANGES exchanges against `vendorspec validate` on the same request bodies as files
# (the cost of reading HAR), and peak memory on a capture of BIG_MB megabytes (streamed).
#
#   bash bench/traffic.sh            # EXCHANGES=10000 RUNS=5 BIG_MB=1024 by default
#
# 1. Builds `vendorspec` (release).
# 2. Draws EXCHANGES/5 request bodies per request endpoint with
#    `vendorspec sample ID --seed 1 --count N --wire` (as sent: the Ivanti ones enveloped),
#    writes each as a file (one folder per endpoint, a vendorspec.toml mapping them) and each
#    as the postData of one exchange of $TRAFFIC_DIR/capture.har (its documented method and
#    URL, a bearer JWT granting every scope for 30 minutes, Content-Type, a documented
#    response status with no response body recorded, so both commands validate the same
#    bodies). Then $TRAFFIC_DIR/big.har: the same exchanges repeated until BIG_MB MB.
# 3. Times RUNS interleaved rounds of `vendorspec traffic --format json capture.har` and
#    `vendorspec validate --format json` over the folders (one process, the mappings),
#    with all threads and with one: best wall time of each, median of the per-round
#    ratios. Both must first say every exchange / file is valid.
# 4. Runs `vendorspec traffic` once over big.har under /usr/bin/time -v (peak RSS, wall
#    time), in the human format (nothing but the summary: reading and checking only) and
#    in the JSON format (one line per exchange written as it is checked).
# 5. Prints the figures and writes them to $TRAFFIC_DIR/traffic.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRAFFIC_DIR="${TRAFFIC_DIR:-/tmp/vendorspec-traffic}"
EXCHANGES="${EXCHANGES:-10000}"
RUNS="${RUNS:-5}"
BIG_MB="${BIG_MB:-1024}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

cargo build --release -p vendorspec-cli --manifest-path "$ROOT/Cargo.toml"
BIN="$TARGET/release/vendorspec"

ENDPOINTS=(create_package_execution lockdown_device provision_tenant create_job create_deployment_group)
PER=$((EXCHANGES / ${#ENDPOINTS[@]}))
rm -rf "$TRAFFIC_DIR"
mkdir -p "$TRAFFIC_DIR/files"
for id in "${ENDPOINTS[@]}"; do
  "$BIN" sample "$id" --seed 1 --count "$PER" --wire > "$TRAFFIC_DIR/$id.jsonl"
done

python3 - "$TRAFFIC_DIR" "$BIG_MB" "${ENDPOINTS[@]}" <<'PY'
import base64, json, os, sys
out, big_mb, endpoints = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
iat = 1764900000
token = ".".join([
    b64u(b'{"alg":"HS256","typ":"JWT"}'),
    b64u(json.dumps({"scp": "opticscommand:create,opticspkgdeploy:create,opticspkgdeploy:delete", "iat": iat, "exp": iat + 1800}).encode()),
    b64u(b"not-verified"),
])
P = "https://protectapi.cylance.com"
IES = "http://ies.example.com:8080"
calls = {
    "create_package_execution": ("POST", P + "/packages/v2/executions", 202),
    "lockdown_device": ("PUT", P + "/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0%3A00%3A05", 201),
    "provision_tenant": ("POST", "https://api-admin.cylance.com/public/v2/us/tenants/provision", 200),
    "create_job": ("POST", IES + "/api/v2/Jobs", 200),
    "create_deployment_group": ("POST", IES + "/api/v2/DeploymentGroups", 200),
}
config = []
entries = []
for id in endpoints:
    method, url, status = calls[id]
    folder = os.path.join(out, "files", id)
    os.makedirs(folder)
    config.append(f'[[validate]]\nendpoint = "{id}"\npaths = ["{id}"]\n')
    with open(os.path.join(out, id + ".jsonl")) as lines:
        for n, body in enumerate(lines):
            body = body.rstrip("\n")
            with open(os.path.join(folder, f"{n:05}.json"), "w") as f:
                f.write(body)
            entries.append(json.dumps({
                "startedDateTime": "2026-12-05T08:00:00.000Z", "time": 12,
                "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
                    "headers": [{"name": "Authorization", "value": "Bearer " + token},
                                {"name": "Content-Type", "value": "application/json"}],
                    "queryString": [], "postData": {"mimeType": "application/json", "text": body},
                    "headersSize": -1, "bodySize": len(body)},
                "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "cookies": [],
                    "headers": [], "content": {"size": 0, "mimeType": "application/json"},
                    "redirectURL": "", "headersSize": -1, "bodySize": -1},
                "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2},
            }, indent=2))
with open(os.path.join(out, "files", "vendorspec.toml"), "w") as f:
    f.write("\n".join(config))
head = '{\n  "log": {\n    "version": "1.2",\n    "creator": {"name": "bench/traffic.sh", "version": "1"},\n    "entries": [\n'
tail = '\n    ]\n  }\n}\n'
with open(os.path.join(out, "capture.har"), "w") as f:
    f.write(head + ",\n".join(entries) + tail)
# The big capture: the same exchanges again and again, written as they go.
limit = big_mb * 1024 * 1024
written = 0
count = 0
with open(os.path.join(out, "big.har"), "w") as f:
    f.write(head)
    while written < limit:
        for e in entries:
            if count:
                f.write(",\n")
            f.write(e)
            written += len(e) + 2
            count += 1
    f.write(tail)
with open(os.path.join(out, "big.count"), "w") as f:
    f.write(str(count))
PY

# Interleaved timing (the machine may be shared): each round runs `traffic` then
# `validate`, RUNS rounds; prints each one's best wall seconds and the median of the
# per-round ratios. $1: RAYON_NUM_THREADS ("" for all threads).
interleaved() {
  python3 - "$RUNS" "$1" "$BIN" "$TRAFFIC_DIR" <<'PY'
import os, statistics, subprocess, sys, time
runs, threads, bin, dir = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
env = dict(os.environ)
if threads:
    env["RAYON_NUM_THREADS"] = threads
def timed(cmd, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
t, v = [], []
for _ in range(runs):
    t.append(timed([bin, "traffic", "--format", "json", "capture.har"], dir))
    v.append(timed([bin, "validate", "--format", "json"], os.path.join(dir, "files")))
ratio = statistics.median(a / b for a, b in zip(t, v))
print(f"{min(t):.4f} {min(v):.4f} {ratio:.2f}")
PY
}

# Both must report everything valid before they are timed.
"$BIN" traffic --format json "$TRAFFIC_DIR/capture.har" | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; assert s["valid"]==s["exchanges"]>0, s; print("traffic:", s)'
(cd "$TRAFFIC_DIR/files" && "$BIN" validate --format json) | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; assert s["valid"]==s["files"]>0, s; print("validate:", s)'

read -r T_TRAFFIC T_VALIDATE RATIO < <(interleaved "")
read -r T_TRAFFIC1 T_VALIDATE1 RATIO1 < <(interleaved 1)

rss() { # peak RSS (KiB) and wall time of one run over big.har in format $1
  /usr/bin/time -v "$BIN" traffic --format "$1" "$TRAFFIC_DIR/big.har" > /dev/null 2> "$TRAFFIC_DIR/time-$1.txt" || true
  local kib wall
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TRAFFIC_DIR/time-$1.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TRAFFIC_DIR/time-$1.txt")
  echo "$kib $wall"
}
read -r RSS_HUMAN WALL_HUMAN < <(rss human)
read -r RSS_JSON WALL_JSON < <(rss json)
BIG_BYTES=$(stat -c %s "$TRAFFIC_DIR/big.har")
BIG_COUNT=$(cat "$TRAFFIC_DIR/big.count")
/usr/bin/time -v "$BIN" traffic --format human "$TRAFFIC_DIR/capture.har" > /dev/null 2> "$TRAFFIC_DIR/time-small.txt" || true
RSS_SMALL=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TRAFFIC_DIR/time-small.txt")

{
  echo "| measure | value |"
  echo "|---|---|"
  echo "| exchanges | $((PER * ${#ENDPOINTS[@]})) ($(stat -c %s "$TRAFFIC_DIR/capture.har") bytes of HAR) |"
  awk "BEGIN{printf \"| traffic, all threads | %.3f s, %.0f exchanges/s |\n\", $T_TRAFFIC, $EXCHANGES/$T_TRAFFIC}"
  awk "BEGIN{printf \"| validate, same bodies as files | %.3f s, %.0f files/s |\n\", $T_VALIDATE, $EXCHANGES/$T_VALIDATE}"
  echo "| ratio traffic / validate (median of $RUNS interleaved rounds) | $RATIO |"
  awk "BEGIN{printf \"| one thread: traffic, validate, ratio | %.3f s (%.0f exchanges/s), %.3f s, $RATIO1 |\n\", $T_TRAFFIC1, $EXCHANGES/$T_TRAFFIC1, $T_VALIDATE1}"
  echo "| peak RSS, capture of $EXCHANGES exchanges (human) | $((RSS_SMALL / 1024)) MiB |"
  echo "| big capture | $((BIG_BYTES / 1048576)) MiB, $BIG_COUNT exchanges |"
  echo "| big capture, human: peak RSS, wall | $((RSS_HUMAN / 1024)) MiB, $WALL_HUMAN |"
  echo "| big capture, json: peak RSS, wall | $((RSS_JSON / 1024)) MiB, $WALL_JSON |"
} | tee "$TRAFFIC_DIR/traffic.md"
