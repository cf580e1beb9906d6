#!/usr/bin/env bash
# Builds RoleTray's .deb with the Tauri bundler:
#   ./scripts/build-deb.sh && sudo apt install ./target/release/bundle/deb/RoleTray_*_amd64.deb
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  cargo install tauri-cli --version '^2' --locked
fi
cd src-tauri
cargo tauri build --bundles deb
ls -1 "$ROOT"/target/release/bundle/deb/*.deb
