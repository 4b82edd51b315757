#!/usr/bin/env bash
# Validates every bundled payload under examples/payloads/<endpoint>/ with `specgate validate`.
# Exit status 1 is expected: some payloads are invalid on purpose, to show the findings.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q -p specgate-cli || exit 2
status=0
for dir in examples/payloads/*/; do
  endpoint=$(basename "$dir")
  echo "== $endpoint"
  ./target/debug/specgate validate --endpoint "$endpoint" "$dir" || status=$?
done
exit "$status"
