#!/usr/bin/env bash
# Shared set-up for scripts/start.sh and scripts/test.sh: installs the Debian packages
# TokenScope builds against (only when one is missing) and configures + builds the tree.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${TOKENSCOPE_BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${TOKENSCOPE_BUILD_TYPE:-Release}"

# Why each package is here: see docs/dependencies.md.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
  qcoro-qt6-dev qtkeychain-qt6-dev zlib1g-dev libgl-dev libqt6opengl6-dev libxkbcommon-dev
  libbenchmark-dev libhnswlib-dev libsimdjson-dev liburing-dev ca-certificates
  xvfb xauth fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core
  poppler-utils tinyproxy microsocks python3
)
# Opt-in (TOKENSCOPE_WITH_CHROMIUM=1 scripts/test.sh): the report tests open each HTML report
# in headless chromium, ~300 MB installed with its libraries, too much to install for every
# build; without it those checks are skipped and say so. poppler-utils (pdftoppm, pdftotext,
# <2 MB) renders the PDF reports for the same tests and is always installed.
BROWSER_PACKAGES=(chromium)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# install_packages [PACKAGE...]: the packages given (default: PACKAGES) that are not installed yet.
install_packages() {
  local wanted=("$@")
  [ "${#wanted[@]}" -gt 0 ] || wanted=("${PACKAGES[@]}")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

configure_and_build() {
  local generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@"
  elif [ "$#" -gt 0 ]; then
    cmake "$BUILD_DIR" "$@"
  fi
  cmake --build "$BUILD_DIR" -j"${TOKENSCOPE_JOBS:-2}"
}

# npm fetches the tiktoken package below. Checked apart from PACKAGES: a Node.js from
# elsewhere (e.g. NodeSource's, which conflicts with Debian's npm) already brings its own npm.
ensure_npm() {
  command -v npm >/dev/null 2>&1 || install_packages npm
}

# The tiktoken rank files (cl100k_base, o200k_base) for exact token counts, from the
# `tiktoken` npm package (pinned by version and sha256), into $BUILD_DIR/data/tiktoken.
# Fetched with `npm pack`, so npm's own settings (registry mirror, proxy, CA) apply.
# Not in git. Without them token counts fall back to the estimator, labelled as such.
TIKTOKEN_VERSION=1.0.22
TIKTOKEN_SHA256=55c339e756fdb17604f7c7e3eb35d2bcbffe4d960e8096e50285d1cefa51dd90
fetch_tiktoken_ranks() {
  local dest="$BUILD_DIR/data/tiktoken"
  if [ -f "$dest/cl100k_base.json" ] && [ -f "$dest/o200k_base.json" ]; then
    return 0
  fi
  if ! ensure_npm; then
    echo "warning: npm is missing and could not be installed; token counts will be estimates" >&2
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  local tarball="$tmp/tiktoken-$TIKTOKEN_VERSION.tgz"
  echo "== Fetching tiktoken $TIKTOKEN_VERSION rank files into $dest"
  # npm pack writes the published tarball, tiktoken-<version>.tgz, into the current
  # directory and prints its name on stdout.
  if ! (cd "$tmp" && NPM_CONFIG_UPDATE_NOTIFIER=false \
          npm pack --loglevel=error "tiktoken@$TIKTOKEN_VERSION" >/dev/null) \
      || [ ! -f "$tarball" ]; then
    echo "warning: could not download the tiktoken rank files; token counts will be estimates" >&2
    rm -rf "$tmp"
    return 0
  fi
  if ! echo "$TIKTOKEN_SHA256  $tarball" | sha256sum -c --status; then
    echo "error: tiktoken-$TIKTOKEN_VERSION.tgz does not match its pinned sha256" >&2
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$dest"
  tar xzf "$tarball" -C "$tmp" package/encoders/cl100k_base.json package/encoders/o200k_base.json
  mv "$tmp/package/encoders/cl100k_base.json" "$tmp/package/encoders/o200k_base.json" "$dest/"
  rm -rf "$tmp"
}
