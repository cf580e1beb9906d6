#!/usr/bin/env bash
# Makes RoleTray's Windows packages from already built x64 binaries:
#   scripts/package-windows.sh <dir> <out-dir>
# <dir> holds roletray.exe (the CLI), roletray-app.exe (the tray app) and
# WebView2Loader.dll. Writes, in <out-dir>:
#   RoleTray-<version>-setup.exe        per-user installer (NSIS, packaging/windows/roletray.nsi)
#   RoleTray-<version>-windows-x64.zip  the same files, to run from any folder
# The version is [workspace.package] version in Cargo.toml. Needs makensis
# (NSIS 3) and python3; see docs/windows-package.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() {
  echo "package-windows: $*" >&2
  exit 1
}

if (($# != 2)); then
  echo "usage: $0 <dir-with-roletray.exe-roletray-app.exe-WebView2Loader.dll> <out-dir>" >&2
  exit 2
fi
in_dir="$1"
out_dir="$2"
files=(roletray.exe roletray-app.exe WebView2Loader.dll)

[[ -d $in_dir ]] || die "$in_dir is not a directory"
for f in "${files[@]}"; do
  [[ -f $in_dir/$f ]] || die "$in_dir/$f is missing (the directory needs ${files[*]})"
  [[ "$(head -c 2 "$in_dir/$f")" == MZ ]] || die "$in_dir/$f is not a Windows executable"
done

command -v makensis >/dev/null 2>&1 ||
  die "makensis (NSIS 3) is not installed: run scripts/setup-windows-toolchain.sh"
nsis_version="$(makensis -VERSION 2>/dev/null || true)"
[[ $nsis_version == v3.* ]] ||
  die "makensis ${nsis_version:-(unknown version)} is not NSIS 3: run scripts/setup-windows-toolchain.sh"

version="$(awk '
  /^[[:space:]]*\[/ { section = ($0 ~ /^[[:space:]]*\[workspace\.package\][[:space:]]*(#.*)?$/); next }
  section && /^[[:space:]]*version[[:space:]]*=/ {
    if (match($0, /"[^"]*"/)) { print substr($0, RSTART + 1, RLENGTH - 2); exit }
  }' "$ROOT/Cargo.toml")"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$ ]] ||
  die "no version in [workspace.package] of $ROOT/Cargo.toml (found '${version}')"
# The Windows version resource wants four numbers: 1.2.3-beta.1 -> 1.2.3.0.
vi_version="${version%%[-+]*}.0"

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
setup="$out_dir/RoleTray-$version-setup.exe"
zip_file="$out_dir/RoleTray-$version-windows-x64.zip"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
for f in "${files[@]}"; do
  cp "$in_dir/$f" "$stage/$f"
done

# Notepad reads CRLF best.
sed 's/$/\r/' >"$stage/README.txt" <<EOF
RoleTray $version for Windows

RoleTray keeps your AWS IAM user keys in Windows Credential Manager, assumes
roles with STS (external ID, MFA, chaining) and hands out temporary
credentials: export lines, profiles, credential_process or a command's
environment. It runs in the notification area; the same things can be done
from a terminal with roletray.exe.

Where it is
-----------
The installer (RoleTray-$version-setup.exe) installs RoleTray for you alone,
without administrator rights, in

    %LOCALAPPDATA%\\Programs\\RoleTray

(unless you chose another folder) and adds RoleTray to the Start menu.
From the .zip, keep the three files together in any folder.

    roletray-app.exe     the tray app (the Start menu's RoleTray)
    roletray.exe         the command-line tool: add its folder to your PATH
                         to type "roletray" in a terminal; "roletray --help"
    WebView2Loader.dll   needed by roletray-app.exe

RoleTray's window uses Microsoft Edge WebView2, which Windows 10 and 11
already have.

Your data
---------
Configuration (sources, roles, settings): %APPDATA%\\roletray
Secrets (IAM user keys, sign-ins, cached sessions): Windows Credential
Manager, under Windows Credentials.

Uninstalling
------------
Quit RoleTray from its tray menu, then uninstall it from Settings > Apps
(or with "Uninstall RoleTray" in the Start menu). The uninstaller keeps
your configuration. It keeps your secrets too, unless you tick "Also remove
RoleTray's saved keys, sign-ins and sessions from Windows Credential
Manager". Silently: Uninstall.exe /S (add /ERASEKEYCHAIN to remove the
secrets as well).

From the .zip: run "roletray erase-keychain" first if you want the secrets
gone, then delete the folder.
EOF

rm -f "$setup" "$zip_file"
makensis -V2 -NOCD \
  "-DVERSION=$version" \
  "-DVIVERSION=$vi_version" \
  "-DSTAGE=$stage" \
  "-DICON=$ROOT/icons/icon.ico" \
  "-DOUTFILE=$setup" \
  "$ROOT/packaging/windows/roletray.nsi"
[[ -f $setup ]] || die "makensis wrote no $setup"

python3 - "$zip_file" "$stage" "${files[@]}" README.txt <<'PY'
import os, sys, zipfile
out, stage, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in names:
        z.write(os.path.join(stage, name), arcname=name)
PY

echo "$setup"
echo "$zip_file"
