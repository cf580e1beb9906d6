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

step() { printf '==> [%2d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

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

step "installing test dependencies (Debian packages, two Python venvs, tauri-driver, TypeScript: a few minutes on a fresh machine, seconds after)"
./scripts/setup-test-deps.sh

step "cargo fmt --check"
cargo fmt --all -- --check

# Clippy's lints run in the build itself: the workspace's own crates are
# compiled by clippy-driver (RUSTC_WORKSPACE_WRAPPER, what `cargo clippy`
# does, but building instead of only checking), so the dependencies are
# compiled once rather than checked for clippy and then built for the tests.
# scripts/lint-env.sh says how; test-windows.sh uses the same, so its Linux
# test build reuses this one.
# shellcheck source=scripts/lint-env.sh
source ./scripts/lint-env.sh
step "building the workspace, its tests and benches with clippy's lints (-D warnings): about 5 min on two cores with nothing built, a minute when little changed"
cargo test --workspace --all-targets --no-run
cargo build -p roletray -p roletray-app

export ROLETRAY_TEST_VENV="$ROOT/.venv-test"
export ROLETRAY_MITM_VENV="$ROOT/.venv-mitm"
export ROLETRAY_BIN="$target_dir/debug/roletray"
export ROLETRAY_REQUIRE_SHELLS=1

step "node --test ui/tests (the web UI's pure logic)"
node --test ui/tests/

step "the web UI in chromium: axe-core, reflow from 320 px, keyboard walks (about 3 min)"
./scripts/ui-browser-tests.sh

step "tsc: the page's calls against the backend's types (ui/types)"
node .tools/typescript-5.9.3/package/bin/tsc -p ui/jsconfig.json

types_digest() { cat ui/types/*.ts | sha256sum; }
types_before="$(types_digest)"

# What the tests leave behind outside their own trees: nothing new under
# the real HOME, and /tmp as it was (checked after the run).
home_marker="$(mktemp "${TMPDIR:-/tmp}/roletray-home-marker.XXXXXX")"
tmp_mode_before="$(stat -c %a /tmp)"

# Every test binary runs, whatever failed before it: all failures at once.
step "cargo test --workspace --no-fail-fast (about 8 min)"
tests_rc=0
cargo test --workspace --no-fail-fast || tests_rc=$?

step "nothing new in $HOME and /tmp's mode unchanged"
left="$(find "$HOME" -mindepth 1 \( -path "$HOME/.cargo" -o -path "$HOME/.rustup" \) -prune \
  -o -newer "$home_marker" -print 2>/dev/null | head -20)"
rm -f "$home_marker"
if [[ -n $left ]]; then
  printf 'the tests wrote under the real HOME (each test has a HOME of its own):\n%s\n' "$left" >&2
  tests_rc=1
fi
if [[ "$(stat -c %a /tmp)" != "$tmp_mode_before" ]]; then
  printf '/tmp was mode %s and is now %s: a test changed a folder it did not make\n' \
    "$tmp_mode_before" "$(stat -c %a /tmp)" >&2
  tests_rc=1
fi

# As root, the core's and the CLI's unit tests run again as an unprivileged
# user: nothing in them may need root or touch what another user owns.
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null 2>&1; then
  step "the core's and the CLI's unit tests as an unprivileged user (nobody)"
  ./scripts/unit-tests-unprivileged.sh || tests_rc=1
fi
((tests_rc == 0)) || exit "$tests_rc"

# `cargo test` writes ui/types from the Rust types (ts-rs): what tsc checked
# above must be what the code says, else the page's types were stale.
step "ui/types match the Rust types"
if [[ "$(types_digest)" != "$types_before" ]]; then
  git status --short -- ui/types >&2 || true
  echo "ui/types was out of date (cargo test has rewritten it): run tsc again and commit it" >&2
  exit 1
fi
