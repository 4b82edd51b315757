#!/usr/bin/env bash
# Long fuzzing runs, one target after another, each for $MINUTES minutes (default 8), at
# the lowest CPU priority and in one process (-jobs=1 -workers=1), so a shared machine
# stays usable. Seeds the corpus first if there is none; the corpus grows in place.
#
#   fuzz/long.sh                      # every target, 8 minutes each, stable, no sanitizer
#   MINUTES=20 fuzz/long.sh bodies    # one target, longer
#   TOOLCHAIN=nightly SANITIZER=address fuzz/long.sh envelope   # with AddressSanitizer
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Prints one summary line per target;
# libFuzzer's full output is in $LOGS (default fuzz/logs/). Stops at the first crash,
# hang (-timeout=10 s) or out-of-memory (-rss_limit_mb=2048); the input is then in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
fuzz=$PWD
minutes=${MINUTES:-8}
toolchain=${TOOLCHAIN:-stable}
sanitizer=${SANITIZER:-none}
logs=${LOGS:-$fuzz/logs}
target_dir=${CARGO_TARGET_DIR:-$fuzz/target}
if [ "$sanitizer" != none ]; then target_dir=$target_dir/$sanitizer; fi
# As `cargo fuzz run` does: the ODR check misfires on Rust binaries.
if [ "$sanitizer" = address ]; then
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(reader envelope bodies params); fi

[ -d corpus ] || ./seed.sh
nice -n 19 cargo "+$toolchain" fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir"
bin=$target_dir/$(rustc "+$toolchain" -vV | sed -n 's/^host: //p')/release
mkdir -p "$logs"
for target in "${targets[@]}"; do
  mkdir -p "artifacts/$target" "$logs/$target"
  log=$logs/$target.log
  start=$(date +%s)
  status=0
  # -jobs=1 writes the worker's output to ./fuzz-0.log: keep it out of the source tree.
  (cd "$logs/$target" && nice -n 19 "$bin/$target" "$fuzz/corpus/$target" \
    -dict="$fuzz/corpus/vendorspec.dict" -max_total_time=$((minutes * 60)) \
    -rss_limit_mb=2048 -timeout=10 -jobs=1 -workers=1 -print_final_stats=1 \
    -artifact_prefix="$fuzz/artifacts/$target/") > "$log" 2>&1 || status=$?
  seconds=$(($(date +%s) - start))
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  printf '%-9s %s %5ss  %10s execs  %6s exec/s  corpus %5s  peak rss %4s MB  exit %s\n' \
    "$target" "$sanitizer" "$seconds" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(find "corpus/$target" -type f | wc -l)" \
    "$(stat peak_rss_mb)" "$status"
done
