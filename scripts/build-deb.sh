#!/usr/bin/env bash
# Builds RoleTray's .deb (scripts/build-packages.sh builds the .rpm too):
#   ./scripts/build-deb.sh && sudo apt install ./target/release/bundle/deb/roletray_*_amd64.deb
# It installs /usr/bin/roletray (the CLI) and /usr/bin/roletray-app (the tray app).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/build-packages.sh" deb
