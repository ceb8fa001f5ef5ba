#!/usr/bin/env bash
# Installs what TokenScope needs (Debian 12, as root or with sudo), builds it, and starts the
# GUI against the embedded simulated endpoint. Idempotent: a second run only rebuilds what
# changed. Extra arguments go to the GUI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_packages
fetch_tiktoken_ranks
configure_and_build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "== No display found: starting TokenScope on a virtual X server (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/bin/tokenscope" "$@"
fi
exec "$BUILD_DIR/bin/tokenscope" "$@"
