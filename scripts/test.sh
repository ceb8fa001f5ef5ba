#!/usr/bin/env bash
# Installs what TokenScope needs (Debian 12, as root or with sudo), builds it with its tests
# and runs every test with CTest. Idempotent: a second run only rebuilds what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_packages
if [ "${TOKENSCOPE_WITH_CHROMIUM:-0}" = 1 ]; then
  install_packages "${BROWSER_PACKAGES[@]}"
fi
fetch_tiktoken_ranks
configure_and_build -DTOKENSCOPE_BUILD_TESTS=ON

cd "$BUILD_DIR"
# Most tests wait on sockets and timers, so they run two at a time; the timing tests (TIMING in
# tests/CMakeLists.txt: they check measured latencies) run alone, since two at once on a 2-core
# machine would measure each other.
# Exact-token tests fail (not skip) here when the tiktoken rank files are missing.
export TOKENSCOPE_REQUIRE_TIKTOKEN=1
ctest --output-on-failure --timeout 600 -j"${TOKENSCOPE_JOBS:-2}" "$@"

# The schedulers, for real: the Kubernetes Indexed Job's commands run here with the Job's
# environment, and a sharded run on a one-node Slurm cluster on loopback (Slurm and MUNGE
# are installed by the script; it says SKIP with the reason where they cannot be). Only for a
# full run: with ctest arguments (a filter), only those tests run.
if [ "$#" -eq 0 ]; then
  bash "$ROOT/tests/deploy/kubernetes_contract.sh" "$BUILD_DIR"
  bash "$ROOT/tests/deploy/slurm_cluster.sh" "$BUILD_DIR"
fi
