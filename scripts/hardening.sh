#!/usr/bin/env bash
# The hardening checks CI runs after the test suite (issue "Hardening"):
#   1. every non-GUI test under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/);
#   2. every libFuzzer harness for a short bounded time (build-fuzz/, clang 14).
# Installs what it needs (Debian 12, as root or with sudo). Idempotent like test.sh.
#
#   bash scripts/hardening.sh [seconds-per-fuzzer]     (default 10; docs/robustness.md, "Fuzzing", for longer runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FUZZ_SECONDS="${1:-10}"
PACKAGES+=(clang-14 libclang-rt-14-dev llvm-14)
install_packages

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
jobs="${TOKENSCOPE_JOBS:-2}"

echo "== Tests under ASan + UBSan (build-asan)"
ASAN_DIR="$ROOT/build-asan"
if [ ! -f "$ASAN_DIR/CMakeCache.txt" ]; then
  # -O1 keeps the instrumented tests fast enough for their timing tolerances; -g1 (line tables
  # only) is all a sanitizer report needs for file:line, and compiles ~35% faster than -g.
  cmake -S "$ROOT" -B "$ASAN_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1" \
    -DTOKENSCOPE_SANITIZE=ON -DTOKENSCOPE_BUILD_GUI=OFF -DTOKENSCOPE_BUILD_BENCHMARKS=OFF -DTOKENSCOPE_BUILD_TESTS=ON
fi
cmake --build "$ASAN_DIR" -j"$jobs"
BUILD_DIR="$ASAN_DIR" fetch_tiktoken_ranks
export TOKENSCOPE_REQUIRE_TIKTOKEN=1
(
  cd "$ASAN_DIR"
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --output-on-failure --timeout 900 -j"$jobs"
)

echo "== Fuzzers, ${FUZZ_SECONDS} s each (build-fuzz)"
FUZZ_DIR="$ROOT/build-fuzz"
if [ ! -f "$FUZZ_DIR/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$FUZZ_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
    -DTOKENSCOPE_FUZZ=ON -DTOKENSCOPE_BUILD_TESTS=OFF -DTOKENSCOPE_BUILD_BENCHMARKS=OFF
fi
cmake --build "$FUZZ_DIR" -j"$jobs" --target fuzzers
bash "$ROOT/tests/fuzz/run.sh" "$FUZZ_DIR" "$FUZZ_SECONDS"
