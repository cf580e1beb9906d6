#!/usr/bin/env bash
# Sets up what building RoleTray for Windows (and type-checking it for macOS)
# needs on a Debian/Ubuntu machine, and prints the variables to use it:
#   - Debian packages: the mingw-w64 cross compiler, nasm (aws-lc-sys), Wine
#     (to run the Windows CLI in tests), makensis (the installer);
#   - the Rust standard library's source for this exact rustc, from Debian's
#     rust-src package, checked against a pinned SHA-256 and linked into the
#     toolchain as rustup's own rust-src component would be: the Windows and
#     macOS standard libraries are built from it (`-Zbuild-std`), because
#     rustup cannot fetch them here;
#   - with --macos, zig (the `ziglang` wheel, pinned) as the C compiler for
#     aws-lc-sys when type-checking for macOS.
# What it downloads is kept in $ROLETRAY_CROSS_CACHE (default
# ~/.cache/roletray-cross), outside the clone. Idempotent; a line a step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${ROLETRAY_CROSS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/roletray-cross}"
WANT_MACOS=""
[[ "${1:-}" == "--macos" ]] && WANT_MACOS=1

# The pins. rust-src must be the very release of the rustc that builds
# RoleTray (rust-version in Cargo.toml); Debian's trixie-backports keeps
# several releases' rust-src side by side.
RUST_VERSION=1.95.0
RUST_SRC_DEB=rust-src_1.95.0+dfsg1-2~bpo13+1_all.deb
RUST_SRC_SHA256=7b76db5b880a77f9e52975d2baa6209d2f76d2c9c2789515c3088cb960e2c83b
RUST_SRC_URL="http://deb.debian.org/debian/pool/main/r/rustc/$RUST_SRC_DEB"
ZIGLANG_VERSION=0.15.1
APT_PACKAGES=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nasm wine wine64 nsis xvfb xauth x11-utils imagemagick procps curl)

step() { printf 'setup-windows-toolchain: %s\n' "$*"; }
die() { printf 'setup-windows-toolchain: %s\n' "$*" >&2; exit 1; }

# --- Debian packages ---------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  step "apt: all ${#APT_PACKAGES[@]} packages already installed"
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "apt: missing ${missing[*]} and not root without sudo"
    SUDO=(sudo)
  fi
  step "apt: installing ${missing[*]} (about a minute)"
  "${SUDO[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- the standard library's source --------------------------------------------
have="$(rustc --version | awk '{print $2}')"
[[ "$have" == "$RUST_VERSION" ]] || die "rustc is $have, but the Windows build's standard library source is pinned to $RUST_VERSION.
  Install rustc $RUST_VERSION (rust-version in Cargo.toml), or update RUST_VERSION, RUST_SRC_DEB and
  RUST_SRC_SHA256 in $0 to a rust-src package of $have from Debian's trixie-backports
  (http://deb.debian.org/debian/pool/main/r/rustc/)."
sysroot="$(rustc --print sysroot)"
src_link="$sysroot/lib/rustlib/src/rust"
src_dir="$CACHE/rust-src-$RUST_VERSION"
if [[ -f "$src_link/library/Cargo.lock" && ! -L "$src_link" ]]; then
  step "rust-src: the toolchain has its own ($src_link)"
else
  if [[ ! -f "$src_dir/library/Cargo.lock" ]]; then
    mkdir -p "$CACHE"
    deb="$CACHE/$RUST_SRC_DEB"
    if [[ ! -f "$deb" ]] || ! echo "$RUST_SRC_SHA256  $deb" | sha256sum -c --quiet - 2>/dev/null; then
      step "rust-src: downloading $RUST_SRC_DEB (45 MB)"
      curl -fsS --retry 3 -o "$deb.part" "$RUST_SRC_URL" || die "rust-src: cannot download $RUST_SRC_URL.
  Debian may have dropped this release from trixie-backports: pick a rust-src package there that matches
  a rustc you can install, and update the pins at the top of $0."
      mv "$deb.part" "$deb"
    fi
    echo "$RUST_SRC_SHA256  $deb" | sha256sum -c --quiet - || die "rust-src: $deb does not match its pinned SHA-256"
    rm -rf "$src_dir.tmp"
    mkdir -p "$src_dir.tmp"
    dpkg-deb -x "$deb" "$src_dir.tmp"
    mv "$src_dir.tmp/usr/src/rustc-$RUST_VERSION" "$src_dir"
    rm -rf "$src_dir.tmp"
  fi
  mkdir -p "$(dirname "$src_link")"
  ln -sfn "$src_dir" "$src_link"
  step "rust-src: $RUST_VERSION linked at $src_link"
fi

# --- zig, for the macOS type-check --------------------------------------------
if [[ -n $WANT_MACOS ]]; then
  venv="$CACHE/zig-venv"
  if ! "$venv/bin/python" -c 'import ziglang' >/dev/null 2>&1 ||
     [[ "$("$venv/bin/python" -m pip show ziglang 2>/dev/null | awk '/^Version:/{print $2}')" != "$ZIGLANG_VERSION" ]]; then
    step "zig: installing ziglang==$ZIGLANG_VERSION into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "ziglang==$ZIGLANG_VERSION"
  else
    step "zig: ziglang $ZIGLANG_VERSION in $venv"
  fi
fi
step "ready (cache: $CACHE)"
