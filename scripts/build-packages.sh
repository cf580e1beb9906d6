#!/usr/bin/env bash
# Builds RoleTray's Linux packages with the Tauri bundler (release profile):
#   ./scripts/build-packages.sh        # both: the .deb and the .rpm
#   ./scripts/build-packages.sh deb && sudo apt install ./target/release/bundle/deb/roletray_*_amd64.deb
#   ./scripts/build-packages.sh rpm && sudo dnf install ./target/release/bundle/rpm/roletray-*.x86_64.rpm
# Either installs /usr/bin/roletray (the CLI) and /usr/bin/roletray-app (the
# tray app), with the same dependencies: the tray library, WebKitGTK, GTK and
# a Secret Service (bundle.linux in src-tauri/tauri.conf.json).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

formats=()
for arg in "$@"; do
  case "$arg" in
    deb | rpm) formats+=("$arg") ;;
    *)
      echo "usage: $0 [deb] [rpm]   (no argument: both)" >&2
      exit 2
      ;;
  esac
done
((${#formats[@]} > 0)) || formats=(deb rpm)
bundles="$(IFS=,; echo "${formats[*]}")"

# The bundler takes the CLI from ../target/release/roletray (its `files`
# entries), so the build goes to target/ whatever CARGO_TARGET_DIR says.
if [[ -n ${CARGO_TARGET_DIR:-} ]]; then
  echo "build-packages: ignoring CARGO_TARGET_DIR=$CARGO_TARGET_DIR (the packages are built in target/)" >&2
  unset CARGO_TARGET_DIR
fi

if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.12\.4'; then
  cargo install tauri-cli --version =2.12.4 --locked
fi
# The packages carry both binaries: the CLI (`roletray`, no GUI libraries)
# is built first; the bundler builds the app (`roletray-app`) itself.
cargo build --release -p roletray
(cd src-tauri && cargo tauri build --bundles "$bundles")
for format in "${formats[@]}"; do
  ls -1 "$ROOT"/target/release/bundle/"$format"/*."$format"
done
