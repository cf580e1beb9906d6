#!/usr/bin/env bash
# Starts the Windows tray app (roletray-app.exe) under Wine on a virtual
# display, in a prefix and a RoleTray home of its own, and says what it
# does. What must hold: the tray process starts and stays up, puts its icon
# in Wine's system tray without error, starts its local credential
# endpoint, and starts the window host for the first-run page. Wine has no
# WebView2 runtime, so the window host can only show WebView2's own "Could
# not find the WebView2 Runtime" box: that is reported, not failed.
# Usage: scripts/wine-tray-smoke.sh <dir with roletray-app.exe>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: $0 <dir with roletray-app.exe>}"
say() { printf 'wine-tray-smoke: %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

work="$(mktemp -d /tmp/roletray-wine-tray-XXXXXX)"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display" WINEPREFIX="$work/prefix" WINEDEBUG=-all
export ROLETRAY_HOME="$work/home" ROLETRAY_KEYCHAIN_SERVICE="rt-tray-smoke-$$"
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$ROOT/scripts/wine-prefix.sh"
wine "$OUT/roletray-app.exe" </dev/null >"$work/app.out" 2>&1 &

log() { cat "$ROLETRAY_HOME"/logs/*.log 2>/dev/null || true; }
for _ in $(seq 60); do
  log | grep -q 'window host starting' && break
  sleep 1
done
sleep 3
windows="$(xwininfo -root -tree 2>/dev/null | grep -F '"' || true)"
shot="$ROOT/target/cross/wine-tray.png"
import -window root "$shot" 2>/dev/null || true

pgrep -f 'roletray-app.exe' >/dev/null || fail "the tray process is not running: $(tail -5 "$work/app.out")"
log | grep -q 'RoleTray starting' || fail "no log: $(tail -5 "$work/app.out")"
if log | grep -q 'cannot create the tray icon'; then
  fail "no tray icon: $(log | grep 'cannot create the tray icon')"
fi
grep -q '"Wine System Tray"' <<<"$windows" || fail "Wine's system tray is not there"
log | grep -q 'endpoint_started' || fail "the local credential endpoint did not start"
log | grep -q 'window host started' || fail "the window host was not started"
say "the tray process runs, its icon is in Wine's system tray, its endpoint is up"
if grep -q '"Error": ("roletray-app.exe"' <<<"$windows"; then
  say "the window host shows WebView2's own error box (Wine has no WebView2 runtime): expected"
else
  say "the window host shows no error box (a WebView2 runtime?)"
fi
say "windows: $(grep -oE '"[^"]+": \("[^"]+"' <<<"$windows" | grep -v 'Default IME' | tr '\n' ' ')"
say "screenshot: $shot"
