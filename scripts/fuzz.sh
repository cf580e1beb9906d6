#!/usr/bin/env bash
# Fuzzes the configuration parser and the credentials-file editor for a
# bounded time each (default 60 s): ./scripts/fuzz.sh [SECONDS]
# Any crash libFuzzer finds is copied into src-tauri/core/tests/fuzz-regressions/,
# where `cargo test` replays it from then on; the script then fails.
# cargo-fuzz needs nightly features: RUSTC_BOOTSTRAP=1 lets the stable toolchain use them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-60}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
cd "$ROOT/fuzz"
found=0
for target in config_parser credentials_file; do
  kind=$([[ $target == config_parser ]] && echo config || echo credentials)
  echo "fuzz: $target for ${SECONDS_EACH}s"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$SECONDS_EACH"; then
    found=1
  fi
  for crash in artifacts/"$target"/crash-* artifacts/"$target"/oom-* artifacts/"$target"/timeout-*; do
    [[ -e $crash ]] || continue
    cp "$crash" "$ROOT/src-tauri/core/tests/fuzz-regressions/$kind/$(basename "$crash")"
    echo "fuzz: kept $(basename "$crash") as a regression case"
    found=1
  done
done
exit "$found"
