#!/usr/bin/env bash
# Screenshots of every panel, in English and 简体中文, light and dark, at 1280×800 and
# 1920×1080, filled with real results on the embedded endpoint. They come from the layout
# audit (tests/ui/audit), which walks the same states, so they never go stale.
#
#   bash scripts/screenshots.sh                # writes build/screenshots/<lang>-<theme>-<size>/*.png
#   bash scripts/screenshots.sh --update-docs  # and copies the ones docs/ shows into docs/images/
#
# Each state's findings (text cut off, overlaps, empty charts, contrast) are written beside
# them as findings-<lang>-<test>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
update_docs=0
[[ "${1:-}" == "--update-docs" ]] && update_docs=1

BUILD_DIR="${BUILD_DIR:-build}"
if [[ ! -x "$BUILD_DIR/tests/bin/tst_layoutaudit" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" -j2 --target tst_layoutaudit
# The audit may report findings; the screenshots are written either way.
(cd "$BUILD_DIR" && ctest -R '^tst_layoutaudit' --output-on-failure) || true

shots="$BUILD_DIR/screenshots"
echo "Screenshots: $(find "$shots" -name '*.png' | wc -l) PNGs in $shots/"

if (( update_docs )); then
  mkdir -p docs/images
  src="$shots/en-light-1280x800"
  for panel in live runs breakdown batching cache compressor history impact; do
    cp "$src/$panel.png" "docs/images/$panel.png"
  done
  cp "$shots/zh_CN-dark-1280x800/live.png" docs/images/live-zh_CN-dark.png
  echo "docs/images/ updated from $src"
fi
