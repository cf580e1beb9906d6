#!/usr/bin/env bash
# Builds RoleTray's .deb with the Tauri bundler:
#   ./scripts/build-deb.sh && sudo apt install ./target/release/bundle/deb/roletray_*_amd64.deb
# It installs /usr/bin/roletray (the CLI) and /usr/bin/roletray-app (the tray app).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.12\.4'; then
  cargo install tauri-cli --version =2.12.4 --locked
fi
# The package carries both binaries: the CLI (`roletray`, no GUI libraries)
# is built first; the bundler builds the app (`roletray-app`) itself.
cargo build --release -p roletray
cd src-tauri
cargo tauri build --bundles deb
ls -1 "$ROOT"/target/release/bundle/deb/*.deb
