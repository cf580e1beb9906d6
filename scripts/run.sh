#!/usr/bin/env bash
# Sets up and runs RoleTray: installs the build dependencies (Debian/Ubuntu),
# builds both binaries (the `local` profile in Cargo.toml: the release
# profile unoptimised, opt-level 0, without its slow whole-program link; what
# cargo then calls "unoptimized"), then runs it. With no
# arguments RoleTray starts in the tray; any arguments are passed to the CLI
# (`./scripts/run.sh role list`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD_PACKAGES=(
  build-essential pkg-config curl file libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
)

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${BUILD_PACKAGES[@]}"; do
    dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} > 0)); then
    SUDO=()
    [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    echo "run: installing ${missing[*]}" >&2
    "${SUDO[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "run: cargo is missing: install Rust from your distribution or rustup first" >&2
  exit 1
fi

# Both binaries: `roletray` (the CLI) starts `roletray-app` (the tray app)
# from beside itself when run with no subcommand.
# Into $CARGO_TARGET_DIR when it is set (relative to the repository, as
# cargo takes it from here), else target/.
cargo build --profile local -p roletray -p roletray-app >&2
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
[[ $TARGET_DIR == /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
exec "$TARGET_DIR/local/roletray" "$@"
