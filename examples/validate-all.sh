#!/usr/bin/env bash
# Builds vendorspec, then validates every bundled example (examples/payloads/ and
# examples/responses/) with the mappings of examples/vendorspec.toml.
# Exit status 1 is expected: some payloads are invalid on purpose, to show the findings.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q -p vendorspec-cli || exit 2
cd examples && exec ../target/debug/vendorspec validate "$@"
