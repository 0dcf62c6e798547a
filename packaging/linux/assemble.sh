#!/usr/bin/env bash
# Put the desktop integration into a built bundle folder (packaging/build.sh calls this):
#   BUNDLE/install.sh, BUNDLE/uninstall.sh and BUNDLE/share/ (menu entry, AppStream
#   metainfo, the event package MIME type, the icons in the hicolor theme's layout).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="${1:?usage: assemble.sh BUNDLE_FOLDER}"
app_id="org.planner.Planner"

install -m 755 "$here/install.sh" "$here/uninstall.sh" "$bundle/"
install -D -m 644 "$here/$app_id.desktop" "$bundle/share/applications/$app_id.desktop"
install -D -m 644 "$here/$app_id.metainfo.xml" "$bundle/share/metainfo/$app_id.metainfo.xml"
install -D -m 644 "$here/$app_id.xml" "$bundle/share/mime/packages/$app_id.xml"
install -D -m 644 "$root/resources/icons/planner.svg" \
    "$bundle/share/icons/hicolor/scalable/apps/$app_id.svg"
for png in "$root"/resources/icons/planner-*.png; do
    size="${png##*planner-}"
    size="${size%.png}"
    install -D -m 644 "$png" "$bundle/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
