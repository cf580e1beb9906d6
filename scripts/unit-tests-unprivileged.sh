#!/usr/bin/env bash
# Runs the core's and the CLI's unit tests (already built by scripts/test.sh)
# as the unprivileged user `nobody`, with a HOME and TMPDIR of its own: they
# must pass without root and without touching what another user owns.
# Needs root (to become nobody) and setpriv (util-linux).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The same build environment as scripts/test.sh: its test executables are reused.
# shellcheck source=scripts/lint-env.sh
source ./scripts/lint-env.sh

# Under /tmp itself: a TMPDIR of root's own may be closed to nobody.
work="$(mktemp -d /tmp/roletray-nobody.XXXXXX)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/home" "$work/tmp"
chown nobody "$work/home" "$work/tmp"
chmod 700 "$work/home" "$work/tmp"

# The test executables, copied where nobody can run them. Asked of the
# whole workspace, so that its features are the ones already built.
mapfile -t bins < <(cargo test --workspace --lib --bins --no-run 2>&1 \
  | sed -n 's/.*Executable .* (\(.*\))$/\1/p' \
  | grep -E '/(roletray_core|roletray)-[0-9a-f]+$')
if ((${#bins[@]} == 0)); then
  echo "no unit test executables found" >&2
  exit 1
fi
rc=0
for bin in "${bins[@]}"; do
  copy="$work/$(basename "$bin")"
  install -m 755 "$bin" "$copy"
  # ts-rs's exports write ui/types: that is the root run's job.
  if ! setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups -- \
    env -i PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work/tmp" \
    "$copy" --skip export_bindings -q; then
    echo "failed as nobody: $bin" >&2
    rc=1
  fi
done
exit "$rc"
