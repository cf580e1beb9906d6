#!/usr/bin/env bash
# Installs what the RoleTray test suite needs: Debian packages (Tauri build deps,
# Xvfb, D-Bus, gnome-keyring, dunst, dconf, fish, chromium for the web UI's
# browser tests, ...), the Python virtualenv
# `.venv-test` at the repo root with moto[server], boto3, the AWS CLI and
# proxy.py, the virtualenv `.venv-mitm` with mitmproxy, and tauri-driver
# (WebDriver for the desktop tests, into cargo's bin dir).
# Idempotent: it only installs what is missing. One line of output per step.
#
# Each venv's packages, with everything they pull in, are pinned by its
# constraints file: scripts/test-venv.constraints, scripts/mitm-venv.constraints.
# To rewrite one from a fresh venv (after changing PIP_PACKAGES or
# MITM_PACKAGES, or to take newer releases; no name: both):
#   ./scripts/setup-test-deps.sh --relock [test|mitm]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELOCK=""
case "${1:-}" in
  "") ;;
  --relock)
    case "${2:-all}" in
      all | test | mitm) RELOCK="${2:-all}" ;;
      *) printf 'usage: %s [--relock [test|mitm]]\n' "$0" >&2; exit 2 ;;
    esac
    ;;
  *) printf 'usage: %s [--relock [test|mitm]]\n' "$0" >&2; exit 2 ;;
esac

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  build-essential pkg-config file xvfb xauth webkit2gtk-driver xclip
  dbus dbus-x11 gnome-keyring libsecret-tools dunst python3-venv python3-gi
  fish imagemagick curl openssl libglib2.0-bin procps fonts-dejavu-core
  dconf-service dconf-gsettings-backend gsettings-desktop-schemas
  xdotool tmux
  chromium
)
# The web UI's unit tests run on Node's built-in test runner; any Node >= 18.
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
# Pinned, so a fresh machine next month tests against the same programs;
# what they pull in (Flask, botocore, ...) is pinned by scripts/test-venv.constraints.
PIP_PACKAGES=('moto[server]==5.2.5' 'boto3==1.44.8' 'awscli==1.46.3' 'awscrt==0.38.0'
  'proxy.py==2.4.10')
# The newest mitmproxy for Python 3.11 (11.1 wants 3.12); its venv's other
# packages are pinned by scripts/mitm-venv.constraints.
MITM_PACKAGES=('mitmproxy==11.0.2')
TAURI_DRIVER_VERSION=2.1.0

step() { printf 'setup-test-deps: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    step "apt: all ${#APT_PACKAGES[@]} packages already installed"
  else
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
      if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
      else
        step "apt: missing ${missing[*]} and not root without sudo" >&2
        exit 1
      fi
    fi
    step "apt: installing ${#missing[@]} packages (about 1 to 5 min on a fresh machine, quiet while it works): ${missing[*]}"
    "${SUDO[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  step "apt: not a Debian/Ubuntu system, skipping system packages"
fi

# --- Python virtualenvs ----------------------------------------------------
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
# name==version lines, names normalised (Flask, flask; pydantic_core,
# pydantic-core), comments and blank lines dropped, sorted for comm.
pins() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' \
    | awk -F'==' '{ n = tolower($1); gsub(/[-_.]+/, "-", n); print n "==" $2 }' \
    | LC_ALL=C sort -u
}
# The constraints' pins the venv does not have, one per line (empty: all
# there). Packages the file does not name (bench.sh adds awsume) are fine.
unmet_pins() {
  LC_ALL=C comm -23 <(pins <"$CONSTRAINTS") <(pip freeze | pins)
}

# pinned_venv NAME DIR CONSTRAINTS CHECK PACKAGE...: the virtualenv DIR with
# PACKAGEs installed as CONSTRAINTS pins them (CHECK: a shell command that
# passes once they work); with --relock for NAME, DIR is made afresh and
# CONSTRAINTS rewritten from what a plain install resolves to.
pinned_venv() {
  local name=$1 check=$4 relock="" created="" py unmet
  VENV=$2 CONSTRAINTS=$3
  shift 4
  [[ $RELOCK == all || $RELOCK == "$name" ]] && relock=1
  # A venv whose base interpreter vanished (e.g. a pyenv version removed) is
  # rebuilt from scratch; so is every venv for --relock (the lock is what a
  # fresh install resolves to, nothing left over).
  if [[ -n $relock && -d "$VENV" ]]; then
    step "venv: --relock, removing $VENV"
    rm -rf "$VENV"
  fi
  if [[ -d "$VENV" ]] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    step "venv: $VENV is broken, recreating it"
    rm -rf "$VENV"
  fi
  if [[ ! -x "$VENV/bin/python" ]]; then
    # Prefer the python3 on PATH (it may be a pyenv one); fall back to
    # Debian's interpreter when that one cannot create a venv with pip.
    for py in python3 /usr/bin/python3; do
      command -v "$py" >/dev/null 2>&1 || continue
      if "$py" -m venv "$VENV" >/dev/null 2>&1 && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        created="$py"
        break
      fi
      rm -rf "$VENV"
    done
    if [[ -z "$created" ]]; then
      step "venv: could not create $VENV with python3 or /usr/bin/python3" >&2
      exit 1
    fi
    step "venv: created $VENV with $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])') ($created)"
  else
    step "venv: $VENV already exists"
  fi

  if [[ -n $relock ]]; then
    step "pip: --relock, installing $* without constraints"
    pip install --quiet "$@"
    {
      printf '%s\n' \
        "# Every package in the $name virtualenv (${VENV#"$ROOT"/}), pinned: installed with" \
        "# pip install -c ${CONSTRAINTS#"$ROOT"/} $*" \
        "# (scripts/setup-test-deps.sh). Written by pip freeze of a fresh venv;" \
        "# regenerate with ./scripts/setup-test-deps.sh --relock $name"
      pip freeze
    } >"$CONSTRAINTS"
    step "pip: wrote $(pins <"$CONSTRAINTS" | wc -l) pins to ${CONSTRAINTS#"$ROOT"/}"
  elif [[ ! -f "$CONSTRAINTS" ]]; then
    step "pip: ${CONSTRAINTS#"$ROOT"/} is missing (./scripts/setup-test-deps.sh --relock $name writes it)" >&2
    exit 1
  else
    unmet="$(unmet_pins)"
    if [[ -z $unmet ]] && (cd "$VENV" && eval "$check") >/dev/null 2>&1; then
      step "pip: $* already installed, as ${CONSTRAINTS#"$ROOT"/} pins"
    else
      if [[ -n $unmet && -z $created ]]; then
        step "pip: installing $* with ${CONSTRAINTS#"$ROOT"/}: $(wc -l <<<"$unmet") of its $(pins <"$CONSTRAINTS" | wc -l) pins missing or at another version (under a minute)"
      else
        step "pip: installing $* and the $(pins <"$CONSTRAINTS" | wc -l) packages ${CONSTRAINTS#"$ROOT"/} pins (under a minute)"
      fi
      pip install --quiet -c "$CONSTRAINTS" "$@"
      # A pin that nothing installs (a package no longer pulled in) would
      # make every run install again: say so instead.
      unmet="$(unmet_pins)"
      if [[ -n $unmet ]]; then
        step "pip: still not as pinned after installing: ${unmet//$'\n'/ }; is ${CONSTRAINTS#"$ROOT"/} stale? (--relock $name rewrites it)" >&2
        exit 1
      fi
    fi
  fi
}

# The test venv: moto, boto3, the AWS CLI, and proxy.py (the network lab's
# CONNECT proxy, tests/src/network.rs).
pinned_venv test "$ROOT/.venv-test" "$ROOT/scripts/test-venv.constraints" \
  '[[ -x bin/moto_server && -x bin/aws && -x bin/proxy ]] && bin/python -c "import moto, boto3, flask, awscli, awscrt, proxy"' \
  "${PIP_PACKAGES[@]}"
# mitmproxy, the network lab's TLS-inspecting proxy, in a venv of its own:
# it pins versions of cryptography, Flask, ... other than moto's.
pinned_venv mitm "$ROOT/.venv-mitm" "$ROOT/scripts/mitm-venv.constraints" \
  '[[ -x bin/mitmdump ]] && bin/python -c "import mitmproxy"' \
  "${MITM_PACKAGES[@]}"

# --- tauri-driver ----------------------------------------------------------
# The desktop tests drive the app through tauri-driver, which runs Debian's
# WebKitWebDriver (package webkit2gtk-driver). Stable 2.x line only.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
if command -v tauri-driver >/dev/null 2>&1 || [[ -x "$CARGO_BIN/tauri-driver" ]]; then
  step "tauri-driver: already installed"
else
  step "tauri-driver: cargo install tauri-driver --version $TAURI_DRIVER_VERSION --locked (about 2 min)"
  cargo install --quiet tauri-driver --version "=$TAURI_DRIVER_VERSION" --locked
fi

# TypeScript's checker, for the page's JSDoc types (tsc -p ui/jsconfig.json):
# the package tarball from the npm registry, checked against its published
# sha512, unpacked into .tools/ (plain JavaScript, run with node; no npm).
TYPESCRIPT_VERSION=5.9.3
TYPESCRIPT_SHA512=jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==
TS_DIR="$ROOT/.tools/typescript-$TYPESCRIPT_VERSION"
if [[ -f "$TS_DIR/package/bin/tsc" ]]; then
  step "typescript: $TYPESCRIPT_VERSION already unpacked"
else
  step "typescript: fetching $TYPESCRIPT_VERSION"
  tarball="$(mktemp)"
  curl -fsSL --retry 3 -o "$tarball" \
    "https://registry.npmjs.org/typescript/-/typescript-$TYPESCRIPT_VERSION.tgz"
  got="$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ $got != "$TYPESCRIPT_SHA512" ]]; then
    rm -f "$tarball"
    step "typescript: the tarball's sha512 is not the published one" >&2
    exit 1
  fi
  mkdir -p "$TS_DIR"
  tar -xzf "$tarball" -C "$TS_DIR"
  rm -f "$tarball"
fi
