#!/usr/bin/env bash
# CI smoke run of the fuzz targets: stable toolchain, no cargo-fuzz, no sanitizer.
#
# Builds the targets with the coverage instrumentation cargo-fuzz would add (a plain
# `cargo build` of libfuzzer-sys binaries; `--target` keeps the flags off build scripts and
# proc macros), seeds a scratch corpus (fuzz/corpus/, a developer's grown corpus, is left
# alone), then runs each target over its seeds and fuzzes it for SMOKE_SECONDS (default
# 10) more. Fails on the first panic, hang (10 s), or use of more than 2 GiB; the input is
# then in fuzz/artifacts/<target>/ and in the log as base64.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${SMOKE_SECONDS:-10}
export RUST_BACKTRACE=${RUST_BACKTRACE:-1}
host=$(rustc -vV | sed -n 's/^host: //p')
bin=${CARGO_TARGET_DIR:-$PWD/target}/$host/smoke
flags=(
  -Cpasses=sancov-module
  -Cllvm-args=-sanitizer-coverage-level=4
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
  -Cllvm-args=-sanitizer-coverage-pc-table
  -Cllvm-args=-sanitizer-coverage-trace-compares
  --cfg fuzzing
)
# Not --locked: a dependency added to the runtime or codegen must not fail CI here before
# fuzz/Cargo.lock is refreshed (any cargo build in fuzz/ does it; commit the result).
RUSTFLAGS="${flags[*]}" cargo build --profile smoke --target "$host" --bins
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
./seed.sh "$scratch/corpus"
for target in reader envelope bodies params; do
  echo "== fuzz $target: seeds, then ${seconds}s"
  mkdir -p "artifacts/$target"
  status=0
  "$bin/$target" "$scratch/corpus/$target" -dict="$scratch/corpus/vendorspec.dict" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="artifacts/$target/" > "$scratch/$target.log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec)' \
    "$scratch/$target.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$scratch/$target.log" >&2
    echo "fuzz target $target failed (exit $status)" >&2
    exit 1
  fi
done
