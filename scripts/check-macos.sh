#!/usr/bin/env bash
# Type-checks RoleTray for macOS from Linux, as far as that can go: the
# core and the CLI with clippy -D warnings for aarch64- and
# x86_64-apple-darwin, the app for aarch64-apple-darwin until it reaches a
# crate that needs the macOS SDK (which cannot be had here). The standard
# library is built from source (-Zbuild-std, from the rust-src that
# scripts/setup-windows-toolchain.sh links in); C code (aws-lc-sys) is
# compiled by zig, behind a wrapper that drops the Apple-clang flags zig
# does not take. Nothing is linked: no macOS binary comes out of this.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${ROLETRAY_CROSS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roletray-cross}"
ZIG_PY="$CACHE/zig-venv/bin/python"
[[ -x "$ZIG_PY" ]] || ./scripts/setup-windows-toolchain.sh --macos
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/cross}"
step() { printf 'check-macos: %s\n' "$*"; }

wrappers="$CACHE/zig-wrappers"
mkdir -p "$wrappers"
for arch in aarch64 x86_64; do
  cat >"$wrappers/cc-$arch-macos" <<WRAP
#!/usr/bin/env bash
# zig as the C compiler for $arch-macos: drops -arch X, --target=... and
# -mmacosx-version-min=..., which the cc crate passes for Apple's clang.
args=()
skip=""
for a in "\$@"; do
  if [[ -n \$skip ]]; then skip=""; continue; fi
  case "\$a" in
    -arch) skip=1 ;;
    --target=*|-mmacosx-version-min=*) ;;
    *) args+=("\$a") ;;
  esac
done
exec "$ZIG_PY" -m ziglang cc -target $arch-macos "\${args[@]}"
WRAP
  chmod +x "$wrappers/cc-$arch-macos"
done
cat >"$wrappers/ar" <<WRAP
#!/usr/bin/env bash
exec "$ZIG_PY" -m ziglang ar "\$@"
WRAP
chmod +x "$wrappers/ar"

check() { # target, cargo subcommand and its arguments
  local target=$1 arch=${1%%-*}
  shift
  local var=${target//-/_}
  env "CC_$var=$wrappers/cc-$arch-macos" "AR_$var=$wrappers/ar" RUSTC_BOOTSTRAP=1 \
    cargo "$1" --target "$target" -Zbuild-std=std,panic_abort "${@:2}"
}

for target in aarch64-apple-darwin x86_64-apple-darwin; do
  step "$target: clippy -D warnings of the core and the CLI"
  check "$target" clippy -p roletray-core -p roletray -- -D warnings
done

step "aarch64-apple-darwin: the app, as far as it goes without the SDK"
log="$CARGO_TARGET_DIR/check-macos-app.log"
if check aarch64-apple-darwin check -p roletray-app >"$log" 2>&1; then
  step "the app type-checks for macOS"
else
  # Expected: a build script that needs the macOS SDK (mac-notification-sys
  # compiles Objective-C against it). Anything else is a real failure.
  stopped=$(grep -oE 'failed to run custom build command for `[^`]+`' "$log" | head -1 || true)
  errors=$(grep -cE '^error(\[E[0-9]+\])?: ' "$log" || true)
  if [[ $stopped == *mac-notification-sys* ]] && ! grep -qE '^error\[E[0-9]+\]' "$log"; then
    step "the app stops where the macOS SDK is needed: $stopped (no Rust error before it)"
  else
    tail -40 "$log" >&2
    step "the app's check failed ($errors errors) for another reason than the missing SDK: see $log" >&2
    exit 1
  fi
fi
