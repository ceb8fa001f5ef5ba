#!/usr/bin/env bash
# Load benchmark of the client's own cost (issue: "the client is never the bottleneck").
# tokenscope-cli run against a tokenscope-cli serve in another process, so that the client's
# CPU time and memory are its own. Measures, on this machine:
#   - client CPU per output token at concurrency 10, 100 and 1,000 (200 tokens a request);
#   - peak RSS of the client with 1,000 streams x 200 tokens;
#   - the client's event-loop lag p99 at each concurrency;
#   - dispatch delay p99 of a burst of 100 requests on warm connections;
#   - output tokens/s at concurrency 1,000 with --io-threads 1 and 2 (and 0: all on the main
#     thread, as before I/O threads).
# TOKENSCOPE_IO_THREADS sets --io-threads for the first part (default: the CLI's, the cores).
# Usage: tests/bench/load_bench.sh [build-dir]   (figures on stdout, JSON in build-dir/load_bench/)
set -euo pipefail
BUILD="${1:-build}"
CLI="$BUILD/bin/tokenscope-cli"
PORT="${TOKENSCOPE_BENCH_PORT:-18089}"
OUT="$BUILD/load_bench"
mkdir -p "$OUT"
export HOME="${TOKENSCOPE_BENCH_HOME:-$OUT/home}"
mkdir -p "$HOME"

# A server that costs little per token: 5 ms a decode step, no network delay, no jitter.
"$CLI" serve --port "$PORT" --network-ms 0 --inference-ms 50 --prompt-ms-per-token 0 \
  --generation-ms-per-token 5 --batch-slowdown 0 --postprocess-ms 0 --jitter 0 \
  >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$OUT/serve.log" && break
  sleep 0.1
done

IO=()
[ -n "${TOKENSCOPE_IO_THREADS:-}" ] && IO=(--io-threads "$TOKENSCOPE_IO_THREADS")

field() { # field FILE JQ-LIKE-PATH (python, no jq on a fresh machine)
  python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d=d[k]
print(("%.2f" % d) if isinstance(d,float) else d)' "$1" "$2"
}

# Peak RSS measured from outside (GNU time's %M, KiB), so that writing the JSON counts too.
TIME=(/usr/bin/time -f %M -o)
[ -x /usr/bin/time ] || TIME=()
run() { # run NAME options...
  local name=$1
  shift
  if [ "${#TIME[@]}" -gt 0 ]; then
    "${TIME[@]}" "$OUT/$name.rss" "$CLI" run --endpoint "http://127.0.0.1:$PORT/v1" --model tokenscope-sim \
      --no-history --quiet --json "$OUT/$name.json" "${IO[@]}" "$@" >"$OUT/$name.txt" 2>"$OUT/$name.err"
  else
    "$CLI" run --endpoint "http://127.0.0.1:$PORT/v1" --model tokenscope-sim --no-history --quiet \
      --json "$OUT/$name.json" "${IO[@]}" "$@" >"$OUT/$name.txt" 2>"$OUT/$name.err"
  fi
}
rss() { # rss NAME: peak RSS in MB, from outside when GNU time is there
  if [ -s "$OUT/$1.rss" ]; then
    awk '{ printf "%.1f", $1 / 1024 }' "$OUT/$1.rss"
  else
    field "$OUT/$1.json" summary.client_peak_rss_mb
  fi
}

printf '%-34s %12s %12s %12s %12s\n' "run" "CPU µs/token" "lag p99 ms" "CPU share" "peak RSS MB"
for c in 10 100 1000; do
  # 1,000 streams x 200 tokens at concurrency 1,000, as the target is stated; more requests
  # at lower concurrency so that every run lasts a few seconds.
  requests=$((c * 3))
  [ "$c" -eq 1000 ] && requests=1000
  [ "$requests" -lt 200 ] && requests=200
  run "conc$c" --requests "$requests" --concurrency "$c" --max-tokens 200 --ignore-eos
  printf '%-34s %12s %12s %12s %12s\n' "concurrency $c, $requests x 200 tokens" \
    "$(field "$OUT/conc$c.json" summary.client_cpu_us_per_token)" \
    "$(field "$OUT/conc$c.json" summary.client_lag_ms.p99)" \
    "$(field "$OUT/conc$c.json" summary.client_cpu_share)" \
    "$(rss "conc$c")"
done

# A burst: 100 warm-up requests open 100 connections, then 100 requests are all due at once.
run burst --warmup 100 --requests 100 --concurrency 100 --rate 1000000 --max-tokens 8
echo
echo "burst of 100 on warm connections: dispatch delay p50 $(field "$OUT/burst.json" summary.dispatch_delay_ms.p50) ms," \
  "p99 $(field "$OUT/burst.json" summary.dispatch_delay_ms.p99) ms, max $(field "$OUT/burst.json" summary.dispatch_delay_ms.max) ms"

# Throughput with one I/O thread against two: 1,000 streams want 200,000 tokens/s from this
# server, more than one thread reads on this machine.
echo
printf '%-34s %12s %12s %12s\n' "concurrency 1000, 1000 x 200 tokens" "tokens/s" "CPU µs/token" "lag p99 ms"
for n in 0 1 2; do
  IO=(--io-threads "$n")
  run "io$n" --requests 1000 --concurrency 1000 --max-tokens 200 --ignore-eos
  printf '%-34s %12s %12s %12s\n' "--io-threads $n" "$(field "$OUT/io$n.json" summary.output_tokens_per_s)" \
    "$(field "$OUT/io$n.json" summary.client_cpu_us_per_token)" "$(field "$OUT/io$n.json" summary.client_lag_ms.p99)"
done

kill -TERM $SERVER
wait $SERVER || true
trap - EXIT
