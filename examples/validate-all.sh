#!/usr/bin/env bash
# Validates every bundled payload under examples/payloads/<endpoint>/ against its endpoint.
# Exit status 1 is expected: some payloads are invalid on purpose, to show the findings.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q -p specgate --example validate || exit 2
status=0
for dir in examples/payloads/*/; do
  endpoint=$(basename "$dir")
  echo "== $endpoint"
  ./target/debug/examples/validate "$endpoint" "$dir"*.json || status=$?
done
exit "$status"
