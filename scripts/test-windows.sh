#!/usr/bin/env bash
# RoleTray on Windows and macOS, from this Linux machine:
#   1. sets up the cross toolchain (scripts/setup-windows-toolchain.sh);
#   2. lints the workspace for Windows (clippy -D warnings), builds
#      roletray.exe and roletray-app.exe (profile `wine`: unoptimised, no
#      debug assertions; see Cargo.toml);
#   3. runs the CLI's integration tests under Wine: the same test files as
#      on Linux (tests/tests/*.rs), given the .exe and `wine` as its runner
#      (ROLETRAY_BIN, ROLETRAY_RUNNER), against moto on loopback; a test that
#      needs what only Linux has says so and skips (`linux_only!`);
#   4. starts the tray process under Wine on a virtual display and reports
#      what it does;
#   5. makes the Windows package (installer and zip) and installs and
#      uninstalls it under Wine;
#   6. type-checks the core and the CLI for aarch64- and x86_64-apple-darwin,
#      and the app as far as it goes without the macOS SDK.
# Any argument is passed to the test binaries (a test name filter).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '==> [%2d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "setting up the cross toolchain"
./scripts/setup-windows-toolchain.sh --macos
./scripts/setup-test-deps.sh
CACHE="${ROLETRAY_CROSS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roletray-cross}"

WIN=x86_64-pc-windows-gnu
# A target dir of its own: the Windows and macOS builds never invalidate
# the Linux one (RUSTC_BOOTSTRAP, needed for -Zbuild-std, is part of what
# cargo fingerprints).
export CARGO_TARGET_DIR="$ROOT/target/cross"
# cargo SUBCOMMAND -Zbuild-std ARGS... (the flag before a `--` in ARGS).
cross() { RUSTC_BOOTSTRAP=1 cargo "$1" -Zbuild-std=std,panic_abort "${@:2}"; }

step "clippy for Windows (-D warnings): core, CLI, app"
cross clippy --target "$WIN" --profile wine -p roletray-core -p roletray -p roletray-app -- -D warnings

step "building roletray.exe and roletray-app.exe"
cross build --target "$WIN" --profile wine -p roletray -p roletray-app
OUT="$CARGO_TARGET_DIR/$WIN/wine"
ls -l "$OUT/roletray.exe" "$OUT/roletray-app.exe"

# One Wine prefix for every test (making one takes ~15 s); each test's world
# has a keychain service and $ROLETRAY_HOME of its own.
export WINEPREFIX="$CACHE/wineprefix" WINEDEBUG=-all
step "the Wine prefix $WINEPREFIX"
./scripts/wine-prefix.sh
# The wineserver and Wine's own services (services.exe, plugplay, ...) stay
# up for the whole run: started here with no pipes, so that a test's first
# call does not start them holding its output pipe open (the test would
# wait for that pipe's end forever); ~1 s a call instead of ~3.
wineserver -k >/dev/null 2>&1 || true
wineserver -p
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
wine cmd /c exit </dev/null >/dev/null 2>&1
wine "$OUT/roletray.exe" --version </dev/null

step "the CLI's integration tests under Wine"
export ROLETRAY_BIN="$OUT/roletray.exe" ROLETRAY_RUNNER=wine ROLETRAY_WINEPREFIX="$WINEPREFIX"
export ROLETRAY_TEST_VENV="$ROOT/.venv-test"
WINDOWS_TESTS=(assume aws_tools bad_input console endpoint environments faults key_life mfa_and_failures mfa_commands secrets_kept signin sso through_proxies windows)
test_args=()
for t in "${WINDOWS_TESTS[@]}"; do test_args+=(--test "$t"); done
# The test binaries are Linux programs: built in the Linux target dir, in
# scripts/test.sh's build environment (clippy-driver for the workspace's
# crates), so that its build is reused rather than redone.
(
  # shellcheck source=scripts/lint-env.sh
  source ./scripts/lint-env.sh
  CARGO_TARGET_DIR="$ROOT/target" cargo test -p roletray-tests --no-fail-fast "${test_args[@]}" -- "$@"
)

step "the tray process under Wine"
./scripts/wine-tray-smoke.sh "$OUT"

step "the Windows package"
./scripts/package-windows.sh "$OUT" "$CARGO_TARGET_DIR/windows-package"
step "installing and uninstalling the package under Wine"
./scripts/wine-install-check.sh "$CARGO_TARGET_DIR"/windows-package/RoleTray-*-setup.exe

step "macOS: type-checking the core, the CLI and the app"
./scripts/check-macos.sh

step "done in $((SECONDS / 60)) min $((SECONDS % 60)) s"
