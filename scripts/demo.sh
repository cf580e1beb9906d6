#!/usr/bin/env bash
# Try RoleTray without an AWS account: starts a local STS/IAM server (moto,
# with SigV4 authentication on), a throwaway RoleTray profile (its own config
# directory, AWS files and keychain namespace) with a sample source and roles,
# then RoleTray itself with its window open. Quit RoleTray to end the demo;
# everything the demo made is removed then.
#
# Roles in the demo:
#   dev     assumed with the sample user's keys
#   client  a client's role that requires the external ID client-ext-id-42
#   target  chained: assumed with dev's session
#   short   dev again, with a 15-minute session (see the expiry warning come)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if pgrep -x roletray-app >/dev/null 2>&1; then
  echo "demo: quit the running RoleTray first (one instance per user)" >&2
  exit 1
fi

./scripts/setup-test-deps.sh >&2
# The profile ./scripts/run.sh builds (see Cargo.toml): a first build a
# person waits for once, compiling steadily, not the packages' fat LTO.
cargo build --profile local -p roletray -p roletray-app >&2
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
[[ $TARGET_DIR == /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
BIN="$TARGET_DIR/local/roletray"
VENV="$ROOT/.venv-test"

DEMO="$(mktemp -d /tmp/roletray-demo.XXXXXX)"
PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export XDG_CONFIG_HOME="$DEMO/config"
export AWS_CONFIG_FILE="$DEMO/aws/config" AWS_SHARED_CREDENTIALS_FILE="$DEMO/aws/credentials"
export AWS_ENDPOINT_URL_STS="http://127.0.0.1:$PORT"
# IAM too: the app reads each key's age and last use, and rotates keys.
export AWS_ENDPOINT_URL_IAM="http://127.0.0.1:$PORT"
export ROLETRAY_KEYCHAIN_SERVICE="roletray-demo"
mkdir -p "$XDG_CONFIG_HOME" "$DEMO/aws"

# dora's key is made 400 days old (moto makes every key "now"), so the demo
# shows the reminder to rotate it.
PYTHONPATH="$ROOT/tests/fixtures/moto_shim" ROLETRAY_TEST_AGED_KEYS="dora=400" \
  "$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$DEMO/moto.log" 2>&1 &
MOTO=$!
cleanup() {
  kill "$MOTO" 2>/dev/null || true
  secret-tool clear service roletray-demo 2>/dev/null || true
  rm -rf "$DEMO"
}
trap cleanup EXIT

for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1 && break
  sleep 0.1
done
"$VENV/bin/python" tests/fixtures/moto_world.py --endpoint "http://127.0.0.1:$PORT" --out "$DEMO/world.json" >/dev/null
curl -fsS -X POST -H 'Content-Type: text/plain' --data-binary 0 "http://127.0.0.1:$PORT/moto-api/reset-auth" >/dev/null

field() { "$VENV/bin/python" -c "import json,sys; d=json.load(open('$DEMO/world.json')); print(eval(sys.argv[1]))" "$1"; }
field 'd["alice"]["secret_access_key"]' | "$BIN" source add demo-user --access-key-id "$(field 'd["alice"]["access_key_id"]')" >/dev/null
field 'd["dora"]["secret_access_key"]' | "$BIN" source add old-key --access-key-id "$(field 'd["dora"]["access_key_id"]')" >/dev/null
"$BIN" role add dev --role-arn "$(field 'd["roles"]["dev"]')" --source demo-user --session-name chain-hop --favourite >/dev/null
"$BIN" role add client --role-arn "$(field 'd["roles"]["client"]')" --source demo-user --external-id client-ext-id-42 >/dev/null
"$BIN" role add target --role-arn "$(field 'd["roles"]["target"]')" --via dev >/dev/null
"$BIN" role add short --role-arn "$(field 'd["roles"]["ops"]')" --source demo-user --duration 900 >/dev/null

cat >&2 <<MSG
demo: local STS at http://127.0.0.1:$PORT, profile in $DEMO
demo: roles dev, client (external ID), target (chained via dev), short (15 min)
demo: source old-key holds a 400-day-old key: RoleTray reminds you, and Rotate key replaces it
demo: in another terminal, with the same variables, the CLI works too:
  AWS_ENDPOINT_URL_STS=$AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM=$AWS_ENDPOINT_URL_IAM XDG_CONFIG_HOME=$XDG_CONFIG_HOME ROLETRAY_KEYCHAIN_SERVICE=roletray-demo $BIN assume dev
demo: starting RoleTray; quit it from the tray to end the demo
MSG
"$BIN" --open-window
