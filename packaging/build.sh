#!/usr/bin/env bash
# Build the Linux bundle:
#   dist/planner/planner                          the program (one folder, no Python needed)
#   dist/planner-VERSION-linux-x86_64.tar.gz      that folder, to download and unpack
#
# Needs uv (https://docs.astral.sh/uv/) and the packaging dependency group (installed here).
# Prints the folder's size and the build time; see README "Performance".
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

uv sync --quiet --group packaging --inexact
run() { uv run --no-sync "$@"; }

version="$(run python -c 'import planner; print(planner.__version__)')"
machine="$(uname -m)"
mkdir -p build

# The licences of exactly what is installed now (the committed copy may lag a version).
run python packaging/third_party_licenses.py -o build/THIRD-PARTY-LICENSES

run pyinstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/planner.spec

bundle=dist/planner
cp build/THIRD-PARTY-LICENSES "$bundle/"
packaging/linux/assemble.sh "$bundle"

tarball="dist/planner-$version-linux-$machine.tar.gz"
tar -C dist -czf "$tarball" planner

size_mb=$(du -sm "$bundle" | cut -f1)
echo "bundle: $bundle ($size_mb MB), $(du -h "$tarball" | cut -f1) packed: $tarball"
echo "built in $((SECONDS - started)) s"
if [ "$size_mb" -ge 200 ]; then
    echo "build.sh: the bundle is $size_mb MB, over the 200 MB budget (packaging/bundle_contents.py)" >&2
    exit 1
fi
