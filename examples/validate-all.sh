#!/usr/bin/env bash
# Builds vendorspec, then validates every bundled example (examples/payloads/ and
# examples/responses/) with the mappings of examples/vendorspec.toml.
# Exit status 1 is expected: some payloads are invalid on purpose, to show the findings.
# What the build says (a first line, then cargo's progress) goes to stderr; the findings
# go to stdout.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
if [ -x "$target/debug/vendorspec" ]; then
  echo "building vendorspec (seconds, unless the sources changed)…" >&2
else
  echo "building vendorspec (the first run takes a few minutes: cargo compiles every dependency once)…" >&2
fi
cargo build -p vendorspec-cli || exit 2
cd examples && exec "$target/debug/vendorspec" validate "$@"
