#!/usr/bin/env bash
# Runs every libFuzzer harness for a bounded time; builds nothing.
#
#   tests/fuzz/run.sh [build-dir] [seconds-per-target]     (defaults: build-fuzz, 60)
#
# Each harness works on a copy of its seed corpus in a temporary folder, so the corpus in the
# repository never grows. Exits non-zero when a harness crashes, leaks, times out or runs out
# of memory, and prints where the reproducer was written (keep it: the temporary folder is
# removed, the reproducer is copied next to the log). Replay one with
#   <build-dir>/fuzz/fuzz_<target> <crash-file>
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="${1:-$ROOT/build-fuzz}"
SECONDS_PER_TARGET="${2:-60}"
TARGETS=(${TOKENSCOPE_FUZZ_TARGETS:-sse ndjson adapters promptset profiles trace import prometheus})

case "$SECONDS_PER_TARGET" in
  ''|*[!0-9]*) echo "seconds-per-target must be a whole number" >&2; exit 2 ;;
esac
[ -d "$BUILD_DIR/fuzz" ] || { echo "no harnesses in $BUILD_DIR/fuzz (configure with -DTOKENSCOPE_FUZZ=ON and build)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tokenscope-fuzz.XXXXXX")"
OUT="${TOKENSCOPE_FUZZ_OUT:-$BUILD_DIR/fuzz-results}"
mkdir -p "$OUT"
trap 'rm -rf "$WORK"' EXIT

# Leaks are findings too; Qt's own one-time allocations are not reported by LSan.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen LC_ALL=C LANG=C

failed=0
printf '%-10s %8s %12s %8s %8s  %s\n' target seconds execs cov ft result
for target in "${TARGETS[@]}"; do
  exe="$BUILD_DIR/fuzz/fuzz_$target"
  if [ ! -x "$exe" ]; then
    echo "missing $exe" >&2
    failed=1
    continue
  fi
  corpus="$WORK/corpus-$target"
  artifacts="$WORK/artifacts-$target"
  mkdir -p "$corpus" "$artifacts"
  [ -d "$HERE/corpus/$target" ] && cp -r "$HERE/corpus/$target/." "$corpus/"
  log="$OUT/$target.log"
  start=$(date +%s)
  "$exe" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  # The last status line ("#N DONE cov: X ft: Y ...", or the last pulse before a crash).
  status=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$status")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")
  result=clean
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc)"
    failed=1
  fi
  printf '%-10s %8s %12s %8s %8s  %s\n' "$target" "$elapsed" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$rc" -ne 0 ]; then
    found=0
    for crash in "$artifacts"/*; do
      [ -e "$crash" ] || continue
      kept="$OUT/$target-$(basename "$crash")"
      cp "$crash" "$kept"
      echo "  crash file: $kept"
      found=1
    done
    [ "$found" -eq 1 ] || echo "  no reproducer written; see $log"
    echo "  log: $log"
  fi
done
exit "$failed"
