#!/usr/bin/env bash
# Makes the Wine prefix $WINEPREFIX ready for RoleTray's Windows binaries,
# once: `wineboot --init` (about 10 s), and, on Wine before 9 (Debian 12
# has 8.0), which lacks bcryptprimitives.dll, a ProcessPrng over
# RtlGenRandom (tests/fixtures/wine/), where Rust's standard library gets
# random bytes on Windows 10 and later. Test prefixes only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${WINEPREFIX:?set WINEPREFIX}"
export WINEDEBUG="${WINEDEBUG:--all}"
if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
  wineboot --init </dev/null >/dev/null 2>&1
fi
major=$(wine --version | sed -E 's/^wine-([0-9]+).*/\1/')
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if ((major < 9)) && [[ ! -f "$shim" ]]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$shim" "$ROOT/tests/fixtures/wine/bcryptprimitives.c" \
    "$ROOT/tests/fixtures/wine/bcryptprimitives.def" -ladvapi32
fi
