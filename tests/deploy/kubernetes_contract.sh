#!/usr/bin/env bash
# The contract of deploy/kubernetes/job.yaml, checked without a cluster.
#
#   tests/deploy/kubernetes_contract.sh [BUILD_DIR]     (default: build)
#
# A pod of the Indexed Job is a process with a few environment variables: the Job controller
# sets JOB_COMPLETION_INDEX, the manifest sets RUN_ID, START_AT, ENDPOINT and the others,
# and Kubernetes replaces each $(NAME) in the container's args with them. This test runs the
# same command lines, four at once with indices 0..3, against `tokenscope-cli serve`, then
# the merge Job's command, and checks that the merged run is the whole run.
#
# The command lines below are copies of job.yaml's (with $(NAME) written "$NAME" and the
# volume /results as "$RESULTS"), not read from it: when the Jobs' args change, change them
# here too.
#
# Prints PASS/FAIL per check and exits non-zero when one fails. Every process it starts is
# bounded by `timeout` and stopped on exit.

set -uo pipefail

BUILD=${1:-build}
CLI="$BUILD/bin/tokenscope-cli"
if [ ! -x "$CLI" ]; then
  echo "FAIL: $CLI not found or not executable (build first, or pass the build directory)"
  exit 1
fi
CLI="$(cd "$(dirname "$CLI")" && pwd)/tokenscope-cli"

SHARDS=4            # = completions and --shards in job.yaml
TOTAL_REQUESTS=40

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tokenscope-k8s.XXXXXX")
pids=()
failures=0

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$failures" -eq 0 ] || [ -z "${KEEP_WORK:-}" ]; then
    rm -rf "$WORK"
  else
    echo "work directory kept: $WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
show_log() { echo "--- $1 (last lines)"; tail -n 20 "$1" 2>/dev/null | sed 's/^/    /'; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A pod has its own home; so does every process here, so that nothing touches the user's
# settings or history (the commands say --no-history anyway).
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$HOME"
# Inside a Slurm allocation the CLI would shard from Slurm's variables; a pod has none.
unset SLURM_PROCID SLURM_NTASKS SLURM_JOB_ID SLURM_STEP_ID

PORT=$(free_port)
timeout 300 "$CLI" serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
pids+=($!)

ready=0
for _ in $(seq 1 100); do
  if python3 - "$PORT" <<'EOF' 2>/dev/null; then ready=1; break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=1).read()
EOF
  sleep 0.1
done
if [ "$ready" -ne 1 ]; then
  fail "tokenscope-cli serve did not answer on port $PORT within 10 s"
  show_log "$WORK/serve.log"
  exit 1
fi

RESULTS="$WORK/results"       # the volume mounted at /results
mkdir -p "$RESULTS"

# The pods' environment, as job.yaml sets it (ENDPOINT and MODEL point at the local server).
export ENDPOINT="http://127.0.0.1:$PORT/v1"
export MODEL="tokenscope-sim"
export REQUESTS="$TOTAL_REQUESTS"
export CONCURRENCY=8
export MAX_TOKENS=16
export RUN_ID="contract-test"
START_AT=$(date -u -d '+5 seconds' +%Y-%m-%dT%H:%M:%SZ)
export START_AT

shard_pids=()
for ((K = 0; K < SHARDS; K++)); do
  # The shards Job's container: command + args of job.yaml, word for word.
  JOB_COMPLETION_INDEX=$K timeout 120 \
    "$CLI" run \
      --endpoint "$ENDPOINT" \
      --model "$MODEL" \
      --requests "$REQUESTS" \
      --concurrency "$CONCURRENCY" \
      --max-tokens "$MAX_TOKENS" \
      --shards 4 \
      --run-id "$RUN_ID" \
      --start-at "$START_AT" \
      --no-history \
      --json "$RESULTS/shard-$K.json" \
    >"$WORK/shard-$K.log" 2>&1 &
  shard_pids+=($!)
  pids+=($!)
done

# Each is under `timeout`, so these waits end.
for ((K = 0; K < SHARDS; K++)); do
  if wait "${shard_pids[$K]}"; then
    pass "shard $K exited with status 0"
  else
    fail "shard $K exited with status $?"
    show_log "$WORK/shard-$K.log"
  fi
done

# The merge Job's container: sh -c, so the glob expands, as in job.yaml.
# shellcheck disable=SC2016  # expanded by that sh, not by this script
if timeout 60 sh -c 'exec "$0" merge "$1"/shard-*.json --json "$1"/merged.json --no-history' \
     "$CLI" "$RESULTS" >"$WORK/merge.log" 2>&1; then
  pass "merge exited with status 0"
else
  fail "merge exited with status $?"
  show_log "$WORK/merge.log"
fi

# What a user of the Job relies on: every shard wrote its file, the merged run holds each
# shard's requests once, the shards together sent the whole run, and requests succeeded.
if ! python3 - "$RESULTS" "$SHARDS" "$TOTAL_REQUESTS" <<'EOF'; then
import json, os, sys

results, shards, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
failed = False

def check(ok, what):
    global failed
    print(("PASS: " if ok else "FAIL: ") + what)
    failed |= not ok

def load(name):
    path = os.path.join(results, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"{name} is readable JSON ({e})")
        return None

counts = []
for k in range(shards):
    doc = load(f"shard-{k}.json")
    if doc is not None:
        counts.append(len(doc.get("requests", [])))
check(len(counts) == shards, f"{shards} shard files written ({len(counts)} read)")
merged = load("merged.json")
if merged is not None and len(counts) == shards:
    n = len(merged.get("requests", []))
    check(n == sum(counts), f"merged requests ({n}) = sum of the shards' ({' + '.join(map(str, counts))})")
    check(sum(counts) == total, f"the shards sent the whole run: {sum(counts)} of {total} requests")
    ok = merged.get("summary", {}).get("requests_ok", 0)
    check(isinstance(ok, (int, float)) and ok > 0, f"merged summary.requests_ok > 0 ({ok})")
sys.exit(1 if failed else 0)
EOF
  failures=$((failures + 1))
fi

if [ "$failures" -eq 0 ]; then
  echo "PASS: kubernetes contract"
  exit 0
fi
echo "FAIL: kubernetes contract ($failures failing step(s); KEEP_WORK=1 keeps the files)"
exit 1
