#!/usr/bin/env bash
# Install a built bundle on a Linux shop PC, as root:
#
#   sudo packaging/linux/install.sh dist/stationapp [/opt/village-station]
#
# Copies the bundle to the prefix (replacing an older version whole), links `stationapp` and
# `stationapp-cli` into /usr/local/bin, and adds the menu entry. The station's data is not here:
# each user's lives in ~/.local/share/VillageStation and is never touched by this script.
set -euo pipefail

bundle=${1:?"usage: install.sh BUNDLE_DIR [PREFIX]"}
prefix=${2:-/opt/village-station}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

[[ -x "$bundle/stationapp" && -x "$bundle/stationapp-cli" ]] ||
    { echo "not a built bundle: $bundle (run packaging/build.sh first)" >&2; exit 1; }

rm -rf "$prefix.new"
cp -a "$bundle" "$prefix.new"
if [[ -d "$prefix" ]]; then
    rm -rf "$prefix.old"
    mv "$prefix" "$prefix.old"
fi
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"

ln -sfn "$prefix/stationapp" /usr/local/bin/stationapp
ln -sfn "$prefix/stationapp-cli" /usr/local/bin/stationapp-cli

sed "s|/opt/village-station|$prefix|g" "$here/village-station.desktop" \
    >/usr/share/applications/village-station.desktop
for icon in "$prefix"/_internal/resources/icons/stationapp.{svg,png}; do
    [[ -f "$icon" ]] || continue
    if [[ $icon == *.svg ]]; then
        install -D -m 644 "$icon" /usr/share/icons/hicolor/scalable/apps/village-station.svg
    else
        install -D -m 644 "$icon" /usr/share/icons/hicolor/256x256/apps/village-station.png
    fi
done
command -v update-desktop-database >/dev/null && update-desktop-database -q || true
command -v gtk-update-icon-cache >/dev/null &&
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true

echo "installed in $prefix; start it from the menu (村级电商服务站) or with: stationapp"
