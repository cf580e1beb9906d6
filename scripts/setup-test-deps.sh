#!/usr/bin/env bash
# Installs what the RoleTray test suite needs: Debian packages (Tauri build deps,
# Xvfb, D-Bus, gnome-keyring, dunst, fish, ...), the Python virtualenv
# `.venv-test` at the repo root with moto[server], boto3 and the AWS CLI, and
# tauri-driver (WebDriver for the desktop tests, into cargo's bin dir).
# Idempotent: it only installs what is missing. One line of output per step.
#
# The venv's packages, with everything they pull in, are pinned by
# scripts/test-venv.constraints. To rewrite that file from a fresh venv
# (after changing PIP_PACKAGES, or to take newer releases):
#   ./scripts/setup-test-deps.sh --relock
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-test"
CONSTRAINTS="$ROOT/scripts/test-venv.constraints"
RELOCK=""
case "${1:-}" in
  "") ;;
  --relock) RELOCK=1 ;;
  *) printf 'usage: %s [--relock]\n' "$0" >&2; exit 2 ;;
esac

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  build-essential pkg-config file xvfb xauth webkit2gtk-driver xclip
  dbus dbus-x11 gnome-keyring libsecret-tools dunst python3-venv python3-gi
  fish imagemagick curl openssl libglib2.0-bin procps fonts-dejavu-core
)
# The web UI's unit tests run on Node's built-in test runner; any Node >= 18.
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
# Pinned, so a fresh machine next month tests against the same programs;
# what they pull in (Flask, botocore, ...) is pinned by $CONSTRAINTS.
PIP_PACKAGES=('moto[server]==5.2.5' 'boto3==1.44.8' 'awscli==1.46.3' 'awscrt==0.38.0')
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
    step "apt: installing ${missing[*]}"
    "${SUDO[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  step "apt: not a Debian/Ubuntu system, skipping system packages"
fi

# --- Python virtualenv -----------------------------------------------------
# A venv whose base interpreter vanished (e.g. a pyenv version removed) is
# rebuilt from scratch; so is every venv for --relock (the lock is what a
# fresh install resolves to, nothing left over).
if [[ -n $RELOCK && -d "$VENV" ]]; then
  step "venv: --relock, removing $VENV"
  rm -rf "$VENV"
fi
if [[ -d "$VENV" ]] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  step "venv: $VENV is broken, recreating it"
  rm -rf "$VENV"
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  # Prefer the python3 on PATH (it may be a pyenv one); fall back to Debian's
  # interpreter when that one cannot create a venv with pip.
  created=""
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

if [[ -n $RELOCK ]]; then
  step "pip: --relock, installing ${PIP_PACKAGES[*]} without constraints"
  pip install --quiet "${PIP_PACKAGES[@]}"
  {
    printf '%s\n' \
      "# Every package in the test virtualenv (.venv-test), pinned: installed with" \
      "# pip install -c scripts/test-venv.constraints ${PIP_PACKAGES[*]}" \
      "# (scripts/setup-test-deps.sh). Written by pip freeze of a fresh venv;" \
      "# regenerate with ./scripts/setup-test-deps.sh --relock"
    pip freeze
  } >"$CONSTRAINTS"
  step "pip: wrote $(pins <"$CONSTRAINTS" | wc -l) pins to ${CONSTRAINTS#"$ROOT"/}"
elif [[ ! -f "$CONSTRAINTS" ]]; then
  step "pip: ${CONSTRAINTS#"$ROOT"/} is missing (./scripts/setup-test-deps.sh --relock writes it)" >&2
  exit 1
else
  unmet="$(unmet_pins)"
  if [[ -z $unmet ]] && [[ -x "$VENV/bin/moto_server" && -x "$VENV/bin/aws" ]] \
    && "$VENV/bin/python" -c 'import moto, boto3, flask, awscli, awscrt' >/dev/null 2>&1; then
    step "pip: moto[server] boto3 awscli awscrt already installed, as ${CONSTRAINTS#"$ROOT"/} pins"
  else
    if [[ -n $unmet ]]; then
      step "pip: installing ${PIP_PACKAGES[*]} with ${CONSTRAINTS#"$ROOT"/}; the venv lacks ${unmet//$'\n'/ }"
    else
      step "pip: installing ${PIP_PACKAGES[*]} with ${CONSTRAINTS#"$ROOT"/}"
    fi
    pip install --quiet -c "$CONSTRAINTS" "${PIP_PACKAGES[@]}"
    # A pin that nothing installs (a package no longer pulled in) would make
    # every run install again: say so instead.
    unmet="$(unmet_pins)"
    if [[ -n $unmet ]]; then
      step "pip: still not as pinned after installing: ${unmet//$'\n'/ }; is ${CONSTRAINTS#"$ROOT"/} stale? (--relock rewrites it)" >&2
      exit 1
    fi
  fi
fi

# --- tauri-driver ----------------------------------------------------------
# The desktop tests drive the app through tauri-driver, which runs Debian's
# WebKitWebDriver (package webkit2gtk-driver). Stable 2.x line only.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
if command -v tauri-driver >/dev/null 2>&1 || [[ -x "$CARGO_BIN/tauri-driver" ]]; then
  step "tauri-driver: already installed"
else
  step "tauri-driver: cargo install tauri-driver --version $TAURI_DRIVER_VERSION --locked"
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
