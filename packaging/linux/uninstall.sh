#!/usr/bin/env bash
# Remove what install.sh installed for the current user. Your events (the database, its
# backups, settings and logs) are not touched: their folders are printed at the end.
set -euo pipefail
app_id="org.planner.Planner"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
target="${PLANNER_INSTALL_DIR:-$HOME/.local/opt/planner}"
bin_dir="$HOME/.local/bin"

if [ -L "$bin_dir/planner" ] && [ "$(readlink "$bin_dir/planner")" = "$target/planner" ]; then
    rm -f "$bin_dir/planner"
fi
rm -f "$data_home/applications/$app_id.desktop" \
    "$data_home/metainfo/$app_id.metainfo.xml" \
    "$data_home/mime/packages/$app_id.xml"
find "$data_home/icons/hicolor" -name "$app_id.*" -path "*/apps/*" -delete 2>/dev/null || true

command -v update-mime-database >/dev/null && update-mime-database "$data_home/mime" >/dev/null || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true

# Last: this script may be running from inside the folder it removes.
if [ -x "$target/planner" ] && [ -d "$target/share" ]; then
    rm -rf "$target"
elif [ -e "$target" ]; then
    echo "uninstall.sh: not removing $target (not a Planner installation)" >&2
fi
echo "Planner is uninstalled. Your events are still in ${XDG_DATA_HOME:-$HOME/.local/share}/planner"
