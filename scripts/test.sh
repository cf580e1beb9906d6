#!/usr/bin/env bash
# The project's test command: installs test dependencies, checks formatting and
# lints, builds the roletray binary, then runs every test of the workspace.
# The integration tests (crate roletray-tests) start their own private moto,
# D-Bus and gnome-keyring per test and stop them when the test ends; the
# desktop tests (tests/tests/desktop.rs) add Xvfb, dunst, a tray host and
# tauri-driver, one desktop at a time (see tests/README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '==> %s\n' "$*"; }

# Every process this run starts inherits this marker (the test harness passes
# it on to the services it starts); whatever still carries it when the script
# ends is killed, so nothing this run started outlives it. Processes of other
# runs carry another marker and are left alone.
RUN_ID="roletray-test-$$-$(date +%s%N)"
export ROLETRAY_TEST_RUN_ID="$RUN_ID"
cleanup() {
  local rc=$? leftovers=() environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [[ $pid == "$$" ]] && continue
    if grep -qzxF "ROLETRAY_TEST_RUN_ID=$RUN_ID" "$environ" 2>/dev/null; then
      leftovers+=("$pid")
    fi
  done
  if ((${#leftovers[@]} > 0)); then
    step "killing processes left behind by this run: ${leftovers[*]}"
    kill -KILL "${leftovers[@]}" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A full run builds about 3 GB under target/; say what the disk has, so a run
# that stops on a full disk says why up front.
target_dir="${CARGO_TARGET_DIR:-target}"
[[ $target_dir == /* ]] || target_dir="$ROOT/$target_dir"
mkdir -p "$target_dir"
free_kib="$(df -Pk "$target_dir" | awk 'NR == 2 { print $4 }')"
step "disk: $((free_kib / 1024 / 1024)) GiB free for $target_dir"

step "installing test dependencies"
./scripts/setup-test-deps.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo build -p roletray -p roletray-app"
cargo build -p roletray -p roletray-app

export ROLETRAY_TEST_VENV="$ROOT/.venv-test"
export ROLETRAY_MITM_VENV="$ROOT/.venv-mitm"
export ROLETRAY_BIN="$target_dir/debug/roletray"
export ROLETRAY_REQUIRE_SHELLS=1

step "node --test ui/tests (the web UI's pure logic)"
node --test ui/tests/

step "tsc: the page's calls against the backend's types (ui/types)"
node .tools/typescript-5.9.3/package/bin/tsc -p ui/jsconfig.json

types_digest() { cat ui/types/*.ts | sha256sum; }
types_before="$(types_digest)"

step "cargo test --workspace"
cargo test --workspace

# `cargo test` writes ui/types from the Rust types (ts-rs): what tsc checked
# above must be what the code says, else the page's types were stale.
step "ui/types match the Rust types"
if [[ "$(types_digest)" != "$types_before" ]]; then
  git status --short -- ui/types >&2 || true
  echo "ui/types was out of date (cargo test has rewritten it): run tsc again and commit it" >&2
  exit 1
fi
