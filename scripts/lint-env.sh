# Sourced by scripts/test.sh and scripts/test-windows.sh: builds of the
# workspace's own crates go through clippy-driver with `-D warnings`, as
# `cargo clippy --all-targets -- -D warnings` would lint them, while still
# producing the binaries the tests run (the dependencies are plain rustc
# builds, shared by every later cargo command of the same environment).
# Without clippy-driver (no clippy component) it says so and stops.
# shellcheck shell=bash
ROLETRAY_CLIPPY_DRIVER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver || true)"
if [[ -z $ROLETRAY_CLIPPY_DRIVER ]]; then
  echo "clippy-driver not found: install clippy (rustup component add clippy)" >&2
  exit 1
fi
export RUSTC_WORKSPACE_WRAPPER="$ROLETRAY_CLIPPY_DRIVER"
# clippy-driver's arguments, as cargo-clippy passes them.
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
