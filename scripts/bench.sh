#!/usr/bin/env bash
# RoleTray's benchmarks, in one command: installs what they need, builds the
# release binary, then measures it side by side with the tools it replaces
# (the Python AWS CLI and awsume, against the same private moto on
# loopback), plus start-up, memory, idle CPU and 1,000-role scale, and prints
# a Markdown table (also saved to target/bench/report.md) for the "Figures"
# of docs/performance.md. Not part of scripts/test.sh; it asserts no timing.
#
#   ./scripts/bench.sh            # the full run (about 15 minutes once built)
#   ./scripts/bench.sh --quick    # few repetitions: to try it, not to quote
#   ./scripts/bench.sh --sections latency,ui
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '==> %s\n' "$*" >&2; }

# Everything this run starts carries this marker (the harness passes it on);
# whatever still carries it at exit is killed. Other runs are left alone.
RUN_ID="roletray-bench-$$-$(date +%s%N)"
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
    kill -KILL "${leftovers[@]}" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "installing test dependencies"
./scripts/setup-test-deps.sh >&2

# What only the benchmarks use: headless Chromium (the UI filter), openbox and
# wmctrl (closing the window as a window manager does), xwd (screen captures).
BENCH_APT=(chromium openbox wmctrl x11-apps)
missing=()
for pkg in "${BENCH_APT[@]}"; do
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  step "apt: installing ${missing[*]}"
  SUDO=()
  [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
if [[ ! -x .venv-test/bin/awsumepy ]]; then
  step "pip: installing awsume into .venv-test"
  .venv-test/bin/python -m pip install --quiet --disable-pip-version-check awsume==4.5.4 >&2
fi

step "cargo build --release -p roletray -p roletray-app"
cargo build --release -p roletray -p roletray-app >&2
step "cargo build -p roletray-tests --bin bench"
cargo build -p roletray-tests --bin bench >&2

target_dir="${CARGO_TARGET_DIR:-target}"
[[ $target_dir == /* ]] || target_dir="$ROOT/$target_dir"
out_dir="$target_dir/bench"
mkdir -p "$out_dir"

step "cargo bench -p roletray-app --bench tray_menu (pure functions, 1,000 roles)"
cargo bench -p roletray-app --bench tray_menu > "$out_dir/tray_menu.txt"
step "cargo bench -p roletray-core --bench quick_switch (the palette's search, 5,000 roles)"
cargo bench -p roletray-core --bench quick_switch >> "$out_dir/tray_menu.txt"
cat "$out_dir/tray_menu.txt" >&2

step "measuring (progress below; the table follows)"
export ROLETRAY_BIN="$target_dir/release/roletray"
export ROLETRAY_APP_BIN="$target_dir/release/roletray-app"
export ROLETRAY_TEST_VENV="$ROOT/.venv-test"
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
{
  printf 'Measured %s with `./scripts/bench.sh%s` on %s cores (%s), %s RAM, %s; release build of %s.\n\n' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "${*:+ $*}" "$(nproc)" "$cpu" "$mem" "$os" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo 'this tree')"
  "$target_dir/debug/bench" --menu-bench "$out_dir/tray_menu.txt" "$@"
  printf -- '- Load average (1, 5, 15 min) before the measurements: %s; after: %s (on %s cores: anything else running skews the figures).\n' \
    "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
} > "$out_dir/report.md"
step "done: $out_dir/report.md"
cat "$out_dir/report.md"
