#!/usr/bin/env bash
# Load benchmark: tokenscope-cli run at concurrency 500 against a tokenscope-cli serve in
# another process, so that the client's CPU time per token is its own.
# Usage: tests/bench/load_bench.sh [build-dir] [extra run options...]
set -euo pipefail
BUILD="${1:-build}"
shift || true
CLI="$BUILD/bin/tokenscope-cli"
PORT="${TOKENSCOPE_BENCH_PORT:-18089}"

"$CLI" serve --port "$PORT" >"$BUILD/load_bench_serve.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q "listening on" "$BUILD/load_bench_serve.log" && break
  sleep 0.1
done

"$CLI" run --endpoint "http://127.0.0.1:$PORT/v1" --model tokenscope-sim \
  --requests 1000 --concurrency 500 --max-tokens 32 --quiet \
  --json "$BUILD/load_bench.json" "$@"
kill -TERM $SERVER
wait $SERVER || true
trap - EXIT
tail -n 1 "$BUILD/load_bench_serve.log"
