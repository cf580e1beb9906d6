#!/usr/bin/env bash
# The web UI in a real browser: Debian's chromium (headless) driven by playwright-core, over
# ui/dev/preview.html (the real page on the fake backend, ui/dev/fake-tauri.js). Checks, in
# ui/tests/browser/: axe-core's WCAG 2.1 A/AA rules in every tab, dialog and window, light and
# dark; text fields' edges (3:1) and placeholders (4.5:1), which axe does not measure; the
# layout at 320 to 1280 CSS px and at 200% zoom (no overlap, no sideways scrolling, no text
# cut without "…"), in both colour schemes and again in the pseudo-locale; every task with
# the keyboard alone; long lists (long-lists.browser.mjs). About 3 minutes on two cores.
#
# Installs the suite's npm packages from its lock file when they are missing (npm ci; the
# browser is never downloaded: chromium comes from apt, see scripts/setup-test-deps.sh),
# serves ui/ on a free loopback port for the run, and stops that server when it ends.
# Exits non-zero when any check fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUITE="$ROOT/ui/tests/browser"
CHROMIUM="${ROLETRAY_CHROMIUM:-/usr/bin/chromium}"

say() { printf 'ui-browser-tests: %s\n' "$*"; }

if [[ ! -x $CHROMIUM ]]; then
  say "no browser at $CHROMIUM: apt-get install chromium (scripts/setup-test-deps.sh installs it)" >&2
  exit 1
fi
export ROLETRAY_CHROMIUM="$CHROMIUM"

# npm ci again when the lock file is newer than what node_modules holds.
if [[ ! -f $SUITE/node_modules/.package-lock.json || $SUITE/package-lock.json -nt $SUITE/node_modules/.package-lock.json ]]; then
  say "npm ci (playwright-core, axe-core, pinned by package-lock.json)"
  (cd "$SUITE" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Port 0: the system picks a free port, and http.server says which.
server_log="$(mktemp "${TMPDIR:-/tmp}/roletray-ui-server.XXXXXX")"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$ROOT/ui" >"$server_log" 2>&1 &
server_pid=$!
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -f "$server_log"
}
trap stop_server EXIT

port=""
for _ in $(seq 100); do
  port="$(sed -n 's/^Serving HTTP on .* port \([0-9][0-9]*\).*/\1/p' "$server_log" | head -1)"
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $port ]]; then
  say "the HTTP server for ui/ did not start:" >&2
  cat "$server_log" >&2
  exit 1
fi
export ROLETRAY_UI_URL="http://127.0.0.1:$port"
say "serving ui/ at $ROLETRAY_UI_URL"

rc=0
node --test --test-concurrency=1 --test-reporter=spec \
  "$SUITE/axe.browser.mjs" "$SUITE/contrast.browser.mjs" "$SUITE/geometry.browser.mjs" "$SUITE/keyboard.browser.mjs" \
  "$SUITE/long-lists.browser.mjs" || rc=$?

# The layout again with the pseudo-locale's longer words (ui/i18n/pseudo.js), when the page has one.
if [[ -f $ROOT/ui/i18n/pseudo.js ]]; then
  say "the layout in the pseudo-locale"
  ROLETRAY_UI_LOCALE=pseudo node --test --test-reporter=spec "$SUITE/geometry.browser.mjs" || rc=$?
fi
exit "$rc"
