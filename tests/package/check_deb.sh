#!/usr/bin/env bash
# Checks the .deb that `npm run bundle` built: unpacked into a scratch root with `dpkg -x`, it
# must hold the binary, the desktop file (with the webcal/webcals/miraage scheme handlers),
# the icons, Depends on WebKitGTK 4.1, GTK 3 and the tray's appindicator library (each named
# once: tauri adds them itself, so tauri.conf.json lists none), and a long description.
# Usage: bash tests/package/check_deb.sh [path/to/Miraage_*.deb]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
target="${CARGO_TARGET_DIR:-target}"
deb="${1:-$(ls -t "$target"/release/bundle/deb/*.deb 2>/dev/null | head -1)}"
[ -f "$deb" ] || { echo "check_deb: no .deb found; build one with npm run bundle" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
desktop=$(ls "$root"/usr/share/applications/*.desktop 2>/dev/null | head -1)
check "binary usr/bin/miraage is executable" '[ -x "$root/usr/bin/miraage" ]'
check "a desktop file" '[ -n "$desktop" ]'
for scheme in webcal webcals miraage; do
  check "desktop file handles $scheme:// links" 'grep -q "^MimeType=.*x-scheme-handler/$scheme;" "$desktop"'
done
check "desktop file passes links to the app (%U)" 'grep -q "^Exec=miraage %U" "$desktop"'
check "icons (hicolor)" '[ -n "$(find "$root/usr/share/icons/hicolor" -name "*.png" | head -1)" ]'
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  check "Depends names $dep" '[[ ", $depends," == *", $dep"[\ ,]* ]]'
done
check "Depends names each package once" '[ "$(tr -d " " <<<"$depends" | tr , "\n" | sort | uniq -d)" = "" ]'
description=$(dpkg-deb -f "$deb" Description)
check "a long description" '[ "$(sed -n 2p <<<"$description" | tr -d " ")" != "(none)" ] && [ -n "$(sed -n 2p <<<"$description")" ]'
echo "Depends: $depends"
exit $fail
