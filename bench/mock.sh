#!/usr/bin/env bash
# `vendorspec mock` against Prism (@stoplight/prism-cli, fed the published OpenAPI export),
# same machine, one run: requests per second and 99th percentile latency with 32 concurrent
# connections, for a valid and an invalid create_package_execution body; then the
# behaviour table (bench/mock/behaviours.py) against both.
#
#   bash bench/mock.sh             # DURATION=10s ROUNDS=2 by default
#
# Needs wrk (Debian's package `wrk`) and the npm packages of .ci (Prism; `bash .ci/test`
# or `npm ci --prefix .ci` installs them) and the venv .ci/venv (requests).
# Rounds are interleaved (mock, Prism, mock, Prism, ...); the best round of each is kept.
# Writes the figures and the table to $OUT (default /tmp/vendorspec-mock-bench.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-2}"
OUT="${OUT:-/tmp/vendorspec-mock-bench.md}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
PRISM="$ROOT/.ci/node_modules/.bin/prism"
PYTHON="$ROOT/.ci/venv/bin/python"
command -v wrk > /dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 2; }
test -x "$PRISM" || { echo "error: $PRISM is missing (npm ci --prefix .ci)" >&2; exit 2; }
test -x "$PYTHON" || { echo "error: $PYTHON is missing (bash .ci/test builds it)" >&2; exit 2; }

cargo build --release -p vendorspec-cli --manifest-path "$ROOT/Cargo.toml"
BIN="$TARGET/release/vendorspec"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

MOCK_PORT=47470 PROTECT_PORT=47471 IVANTI_PORT=47472 ADMIN_PORT=47473
"$BIN" mock --port "$MOCK_PORT" 2> /dev/null > "$WORK/mock.out" &
PIDS+=($!)
for api in cylance_protect_v2:$PROTECT_PORT ivanti_es_v2:$IVANTI_PORT cylance_admin_v2:$ADMIN_PORT; do
  "$PRISM" mock --host 127.0.0.1 --port "${api#*:}" "$ROOT/generated/openapi/${api%%:*}.openapi.json" > "$WORK/prism-${api%%:*}.log" 2>&1 &
  PIDS+=($!)
done
for port in $MOCK_PORT $PROTECT_PORT $IVANTI_PORT $ADMIN_PORT; do
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done
done

# A Cylance token for 30 minutes with the endpoint's scope (neither server checks the
# signature), and the two bodies.
b64() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
TOKEN="$(printf '{"alg":"HS256","typ":"JWT"}' | b64).$(printf '{"iat":%d,"exp":%d,"scp":"opticspkgdeploy:create"}' "$now" $((now + 1800)) | b64).c2ln"
export TOKEN
"$BIN" sample create_package_execution --seed 1 --count 1 > "$WORK/valid.json"
printf '{"execution": {"name": "", "target": {}, "packageExecutions": []}}' > "$WORK/invalid.json"

# Each server must answer each case as expected before it is timed.
expect() { # URL BODY_FILE STATUS...
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1/packages/v2/executions" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$2")
  shift 2
  for want in "$@"; do [ "$got" = "$want" ] && return 0; done
  echo "error: expected $*, got $got" >&2
  exit 1
}
expect "http://127.0.0.1:$MOCK_PORT" "$WORK/valid.json" 200
expect "http://127.0.0.1:$PROTECT_PORT" "$WORK/valid.json" 200 201
expect "http://127.0.0.1:$MOCK_PORT" "$WORK/invalid.json" 400
expect "http://127.0.0.1:$PROTECT_PORT" "$WORK/invalid.json" 422 400

declare -A RPS P99
measure() { # NAME PORT CASE
  local out rps p99
  out=$(BODY_FILE="$WORK/$3.json" wrk -t2 -c32 -d"$DURATION" -s "$ROOT/bench/mock/post.lua" \
    "http://127.0.0.1:$2/packages/v2/executions")
  rps=$(awk '/^rps /{print $2}' <<< "$out")
  p99=$(awk '/^p99_us /{print $2}' <<< "$out")
  if [ -z "${RPS[$1/$3]:-}" ] || awk -v a="$rps" -v b="${RPS[$1/$3]}" 'BEGIN{exit !(a > b)}'; then
    RPS[$1/$3]=$rps
    P99[$1/$3]=$p99
  fi
}
for round in $(seq 1 "$ROUNDS"); do
  for case in valid invalid; do
    measure mock $MOCK_PORT $case
    measure prism $PROTECT_PORT $case
  done
done

{
  echo "### vendorspec mock and Prism, 32 connections, $(nproc) cores, best of $ROUNDS interleaved rounds of $DURATION"
  echo
  echo "| body | vendorspec mock req/s | p99 | Prism req/s | p99 | throughput ratio |"
  echo "|---|---:|---:|---:|---:|---:|"
  for case in valid invalid; do
    awk -v c="$case" -v mr="${RPS[mock/$case]}" -v mp="${P99[mock/$case]}" \
        -v pr="${RPS[prism/$case]}" -v pp="${P99[prism/$case]}" \
      'BEGIN { printf "| %s | %.0f | %.1f ms | %.0f | %.1f ms | %.1fx |\n", c, mr, mp / 1000, pr, pp / 1000, mr / pr }'
  done
  echo
  echo "### Behaviours (bench/mock/behaviours.py; ok: as the real server does)"
  echo
  echo "| case | the real server | vendorspec mock | Prism |"
  echo "|---|---|---|---|"
  paste -d '\n' \
    <("$PYTHON" "$ROOT/bench/mock/behaviours.py" "$BIN" "http://127.0.0.1:$MOCK_PORT" "http://127.0.0.1:$MOCK_PORT" "http://127.0.0.1:$MOCK_PORT") \
    <("$PYTHON" "$ROOT/bench/mock/behaviours.py" "$BIN" "http://127.0.0.1:$PROTECT_PORT" "http://127.0.0.1:$IVANTI_PORT" "http://127.0.0.1:$ADMIN_PORT") \
    | "$PYTHON" -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.strip()]
mark = lambda r: ("ok" if r["ok"] else "**no**") + " (" + r["got"] + ")"
for mock, prism in zip(lines[0::2], lines[1::2]):
    print("| " + " | ".join([mock["case"], mock["expected"], mark(mock), mark(prism)]) + " |")
'
} | tee "$OUT"
