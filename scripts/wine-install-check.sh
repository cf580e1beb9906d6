#!/usr/bin/env bash
# Installs the Windows package under Wine, as a person would, in a prefix of
# its own, with the real binaries: the per-user install (files, Start-menu
# entries, the HKCU uninstall entry), the installed CLI keeping a key in
# Credential Manager, a plain uninstall that leaves that key and the
# configuration, and an uninstall asked to erase the keychain that removes
# the key. Usage: scripts/wine-install-check.sh <RoleTray-VERSION-setup.exe>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SETUP="${1:?usage: $0 <RoleTray-VERSION-setup.exe>}"
say() { printf 'wine-install-check: %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }
work="$(mktemp -d /tmp/roletray-wine-install-XXXXXX)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
unset DISPLAY ROLETRAY_HOME ROLETRAY_KEYCHAIN_SERVICE
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

"$ROOT/scripts/wine-prefix.sh"
user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/* | grep -v '/Public$' | head -1)
installed="$user_dir/AppData/Local/Programs/RoleTray"
menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/RoleTray"
win_installed='C:\users\'"$(basename "$user_dir")"'\AppData\Local\Programs\RoleTray'
uninstall_key() { wineserver -w; grep -q 'Uninstall\\\\RoleTray\]' "$WINEPREFIX/user.reg"; }
cred_key='HKCU\Software\Wine\Credential Manager\Generic: source/me.roletray'
has_key() { wine reg query "$cred_key" </dev/null >/dev/null 2>&1; }

wine "$SETUP" /S </dev/null || fail "the silent install exited with $?"
for f in roletray.exe roletray-app.exe WebView2Loader.dll README.txt Uninstall.exe; do
  [[ -f "$installed/$f" ]] || fail "$f is not in $installed"
done
[[ -f "$menu/RoleTray.lnk" ]] || fail "no Start-menu entry"
uninstall_key || fail "no uninstall entry under HKCU"
grep -q RoleTray "$WINEPREFIX/system.reg" && fail "the install wrote machine-wide settings"
say "installed for the user alone: files, Start-menu entry, uninstall entry"

cli() { wine "$installed/roletray.exe" "$@" </dev/null; }
cli --version
printf 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' | wine "$installed/roletray.exe" \
  source add me --access-key-id AKIAIOSFODNN7EXAMPLE >/dev/null || fail "the installed CLI cannot keep a key"
has_key || fail "the key is not in Credential Manager"
config="$user_dir/AppData/Roaming/roletray/config.toml"
[[ -f "$config" ]] || fail "no configuration in %APPDATA%\\roletray"
say "the installed CLI keeps a key in Credential Manager, its configuration in %APPDATA%"

wine "$installed/Uninstall.exe" /S "_?=$win_installed" </dev/null || fail "the silent uninstall exited with $?"
[[ -e "$installed/roletray.exe" || -e "$menu" ]] && fail "the uninstall left the program or its menu entry"
uninstall_key && fail "the uninstall left its uninstall entry"
has_key || fail "a plain uninstall removed the key"
[[ -f "$config" ]] || fail "the uninstall removed the configuration"
say "a plain uninstall removes the program and keeps the key and the configuration"

wine "$SETUP" /S </dev/null || fail "the reinstall exited with $?"
wine "$installed/Uninstall.exe" /S /ERASEKEYCHAIN "_?=$win_installed" </dev/null || fail "the erasing uninstall exited with $?"
has_key && fail "the uninstall asked to erase the keychain left the key"
[[ -f "$config" ]] || fail "the uninstall removed the configuration"
say "an uninstall asked to erase the keychain removes the key too"
