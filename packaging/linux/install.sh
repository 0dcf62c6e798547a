#!/usr/bin/env bash
# Install Planner for the current user (no root): run it from the unpacked folder.
#
#   ./install.sh      copies this folder to ~/.local/opt/planner, links ~/.local/bin/planner,
#                     adds the menu entry, the icons and the event package file type.
#   ./uninstall.sh    removes all of that again (your events stay where they are).
#
# Running it again installs this version over the one installed before.
set -euo pipefail
app_id="org.planner.Planner"
source_dir="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
target="${PLANNER_INSTALL_DIR:-$HOME/.local/opt/planner}"
bin_dir="$HOME/.local/bin"

if [ ! -x "$source_dir/planner" ] || [ ! -d "$source_dir/share" ]; then
    echo "install.sh: run me from the unpacked Planner folder (planner and share/ beside me)" >&2
    exit 1
fi

if [ -e "$target" ] && [ ! -x "$target/planner" ]; then
    echo "install.sh: $target exists and is not a Planner installation; not replacing it" >&2
    exit 1
fi
if [ "$source_dir" != "$(mkdir -p "$target" && cd "$target" && pwd)" ]; then
    # A fresh copy: files of an older version must not linger beside the new ones.
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    cp -a "$source_dir" "$target"
fi

mkdir -p "$bin_dir"
ln -sfn "$target/planner" "$bin_dir/planner"

# The menu entry runs the installed program by its full path: ~/.local/bin is not on every
# desktop session's PATH. Quoted for the Exec key (a home folder may contain spaces).
desktop="$data_home/applications/$app_id.desktop"
mkdir -p "$(dirname "$desktop")"
escaped="${target//\\/\\\\}"
escaped="${escaped//\"/\\\"}"
sed "s|^Exec=planner |Exec=\"$escaped/planner\" |" \
    "$target/share/applications/$app_id.desktop" >"$desktop"

install -D -m 644 "$target/share/metainfo/$app_id.metainfo.xml" \
    "$data_home/metainfo/$app_id.metainfo.xml"
install -D -m 644 "$target/share/mime/packages/$app_id.xml" \
    "$data_home/mime/packages/$app_id.xml"
(cd "$target/share/icons" && find hicolor -type f) | while read -r icon; do
    install -D -m 644 "$target/share/icons/$icon" "$data_home/icons/$icon"
done

# Refresh the desktop's caches where the tools exist (a missing one only delays the change).
command -v update-mime-database >/dev/null && update-mime-database "$data_home/mime" >/dev/null || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true

echo "Planner is installed in $target"
echo "Start it from the applications menu, or run: $bin_dir/planner"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "($bin_dir is not on your PATH: add it to run 'planner' by name in a terminal)" ;;
esac
