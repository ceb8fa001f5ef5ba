#!/usr/bin/env bash
# A sharded run on a real (one-node) Slurm cluster, merged and checked.
#
#   tests/deploy/slurm_cluster.sh [BUILD_DIR]     (default: build; as root, Debian 12)
#
# Installs Slurm and MUNGE when they are missing, starts munged, slurmctld and slurmd on this
# machine with a private slurm.conf (own ports, own state directory), starts
# `tokenscope-cli serve`, runs 4 tasks with `srun` the way deploy/slurm/tokenscope.sbatch
# does, merges the shards, and checks:
#   - the merged run holds every shard's requests, and the shards sent the whole run;
#   - the merged TTFT p50/p99 are those of the union of the shards' requests, computed here
#     with the same percentile definition as core/metrics/statistics.cpp;
#   - the shards ran at the same time: the server saw at least 6 requests running at once,
#     more than any one shard (2 in flight) or two shards could send;
#   - then a sharded sweep (sweep --shard, two timed levels): each merged level's measured
#     requests and TTFT p50/p99 are those of the union of the tasks' requests in its windows.
#
# TOKENSCOPE_SKIP_SLURM=1 skips it; so does a machine where it cannot run (not root, or no
# Slurm and no apt-get to install it). Prints PASS/FAIL per check, exits non-zero when one
# fails, and stops every process it started on exit. Every scheduler call is under
# `timeout`: srun queues a job that cannot be satisfied (more tasks than declared CPUs) and
# waits for it forever.

set -uo pipefail

skip() { echo "SKIP: $*"; exit 0; }

BUILD=${1:-build}
[ "${TOKENSCOPE_SKIP_SLURM:-0}" = 1 ] && skip "TOKENSCOPE_SKIP_SLURM=1"
[ "$(id -u)" -eq 0 ] || skip "needs root to install Slurm and run its daemons"

CLI="$BUILD/bin/tokenscope-cli"
if [ ! -x "$CLI" ]; then
  echo "FAIL: $CLI not found or not executable (build first, or pass the build directory)"
  exit 1
fi
CLI="$(cd "$(dirname "$CLI")" && pwd)/tokenscope-cli"

TASKS=4
TOTAL_REQUESTS=40
TOTAL_CONCURRENCY=8     # 2 per task
MIN_PEAK_RUNNING=6      # more than two tasks' worth in flight at once

# --- Slurm and MUNGE -------------------------------------------------------------------

PATH="$PATH:/usr/sbin:/sbin"
slurm_installed() {
  local b
  for b in srun sinfo scancel slurmctld slurmd munged munge unmunge; do
    command -v "$b" >/dev/null 2>&1 || return 1
  done
}
if ! slurm_installed; then
  command -v apt-get >/dev/null 2>&1 || skip "Slurm is not installed and there is no apt-get to install it"
  # The packages' scripts may try to start the services with the default /etc/slurm
  # configuration; that does not matter here, as this test runs its own daemons.
  echo "== Installing slurmctld slurmd slurm-client munge"
  install_log=$(mktemp "${TMPDIR:-/tmp}/tokenscope-slurm-install.XXXXXX")
  timeout 300 env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$install_log" 2>&1 \
    || echo "warning: apt-get update failed; trying the install with the current lists"
  if ! timeout 600 env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge \
      >>"$install_log" 2>&1; then
    echo "FAIL: could not install Slurm and MUNGE"
    tail -n 30 "$install_log" | sed 's/^/    /'
    rm -f "$install_log"
    exit 1
  fi
  rm -f "$install_log"
  slurm_installed || { echo "FAIL: Slurm or MUNGE programs missing after the install"; exit 1; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tokenscope-slurm.XXXXXX")
pids=()             # our background processes (each under `timeout`)
started_munged=0
own_conf=""        # this test's slurm.conf, once written
failures=0

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local pid
  # A job left behind (the test interrupted during srun) would keep slurmstepd alive.
  # Only on this test's cluster: a SLURM_CONF from the caller's environment may name a real one.
  if [ -n "$own_conf" ]; then
    SLURM_CONF="$own_conf" timeout 10 scancel --quiet --user=root >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$started_munged" -eq 1 ] && [ -s /run/munge/munged.pid ]; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  fi
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
show_log() { echo "--- $1 (last lines)"; tail -n 30 "$1" 2>/dev/null | sed 's/^/    /'; }
die() { fail "$1"; shift; local f; for f in "$@"; do show_log "$f"; done; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
munge_works() { timeout 5 sh -c 'munge -n </dev/null | unmunge >/dev/null' 2>/dev/null; }

# MUNGE authenticates Slurm's messages; the daemons refuse to start without it.
if munge_works; then
  echo "== munged already running"
else
  id munge >/dev/null 2>&1 || die "no munge user (the munge package creates it)"
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    if [ -x /usr/sbin/mungekey ]; then
      /usr/sbin/mungekey --create --keyfile=/etc/munge/munge.key || die "mungekey failed"
    elif command -v create-munge-key >/dev/null 2>&1; then
      create-munge-key -f || die "create-munge-key failed"
    else
      die "no way to create /etc/munge/munge.key (neither mungekey nor create-munge-key)"
    fi
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  # munged refuses to run as root; it daemonizes and writes /run/munge/munged.pid.
  timeout 10 runuser -u munge -- /usr/sbin/munged >"$WORK/munged.out" 2>&1 \
    || die "munged did not start" "$WORK/munged.out" /var/log/munge/munged.log
  started_munged=1
  for _ in $(seq 1 50); do munge_works && break; sleep 0.2; done
  munge_works || die "munge does not answer after 10 s" /var/log/munge/munged.log
fi

# A private one-node cluster: its own ports, state and logs under $WORK, so it neither
# needs nor disturbs an /etc/slurm configuration. The node declares 8 CPUs whatever the
# machine has (config_overrides), and srun gets --overcommit too: with fewer CPUs declared
# than tasks, `srun -n 4` would wait forever.
HOST=$(hostname -s)
CTLD_PORT=$(free_port)
SLURMD_PORT=$(free_port)
while [ "$SLURMD_PORT" = "$CTLD_PORT" ]; do SLURMD_PORT=$(free_port); done
SLURM_DIR="$WORK/slurm"
mkdir -p "$SLURM_DIR/state" "$SLURM_DIR/spool"
cat >"$SLURM_DIR/slurm.conf" <<EOF
ClusterName=tokenscope
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/slurmctld.log
SlurmdLogFile=$SLURM_DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=8 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
own_conf="$SLURM_DIR/slurm.conf"
export SLURM_CONF="$own_conf"

timeout 900 slurmctld -D -f "$SLURM_CONF" >"$SLURM_DIR/slurmctld.out" 2>&1 &
pids+=($!)
timeout 900 slurmd -D -N "$HOST" -f "$SLURM_CONF" >"$SLURM_DIR/slurmd.out" 2>&1 &
pids+=($!)

state=""
for _ in $(seq 1 60); do
  state=$(timeout 5 sinfo -h -o %T 2>/dev/null | head -n 1)
  [ "$state" = idle ] && break
  sleep 0.5
done
if [ "$state" = idle ]; then
  pass "one-node Slurm cluster up (node $HOST idle)"
else
  die "node not idle after ~30 s (state: ${state:-no answer})" \
    "$SLURM_DIR/slurmctld.log" "$SLURM_DIR/slurmctld.out" "$SLURM_DIR/slurmd.log" "$SLURM_DIR/slurmd.out"
fi

# --- The server and the run -------------------------------------------------------------

export HOME="$WORK/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$HOME"

# Requests of ~0.45 s (network + 300 ms + 16 tokens x 5 ms + post-processing): long enough
# that the shards' requests overlap on the server, short enough for a quick test.
PORT=$(free_port)
timeout 900 "$CLI" serve --port "$PORT" --inference-ms 300 --generation-ms-per-token 5 \
  >"$WORK/serve.log" 2>&1 &
pids+=($!)

cat >"$WORK/poll.py" <<'EOF'
# Polls the server's /metrics every 100 ms and keeps the largest vllm:num_requests_running
# seen in a file, until the stop file appears.
import os, re, sys, time, urllib.request

url, out, stop = f"http://127.0.0.1:{sys.argv[1]}/metrics", sys.argv[2], sys.argv[3]
gauge = re.compile(r"^vllm:num_requests_running(?:\{[^}]*\})?\s+(\S+)", re.M)
peak, answered = 0.0, False
while not os.path.exists(stop):
    try:
        body = urllib.request.urlopen(url, timeout=1).read().decode("utf-8", "replace")
        for value in gauge.findall(body):
            peak = max(peak, float(value))
        answered = True
    except (OSError, ValueError):
        pass
    if answered:
        with open(out + ".tmp", "w") as f:
            f.write(f"{peak:g}\n")
        os.replace(out + ".tmp", out)
    time.sleep(0.1)
EOF

ready=0
for _ in $(seq 1 100); do
  if timeout 2 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1).read()' \
      "http://127.0.0.1:$PORT/metrics" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
[ "$ready" -eq 1 ] || die "tokenscope-cli serve did not answer on port $PORT within 10 s" "$WORK/serve.log"

timeout 600 python3 "$WORK/poll.py" "$PORT" "$WORK/peak_running" "$WORK/poll.stop" &
poll_pid=$!
pids+=("$poll_pid")

OUT="$WORK/shards"
mkdir -p "$OUT"
START=$(date -u -d '+5 seconds' +%Y-%m-%dT%H:%M:%SZ)
export CLI PORT START OUT TOTAL_REQUESTS TOTAL_CONCURRENCY
# As in deploy/slurm/tokenscope.sbatch: one bash per task names its shard file from
# SLURM_PROCID (srun expands %t only in its own --output); the CLI shards itself from
# SLURM_PROCID/SLURM_NTASKS. The single quotes keep the variables for the tasks' shells,
# which get them from the environment srun passes on (exported above).
# shellcheck disable=SC2016
if timeout 300 srun -n "$TASKS" --overcommit --kill-on-bad-exit=0 bash -c \
    '"$CLI" run --endpoint "http://127.0.0.1:$PORT/v1" --model tokenscope-sim \
       --requests "$TOTAL_REQUESTS" --concurrency "$TOTAL_CONCURRENCY" --max-tokens 16 \
       --run-id slurm-test --start-at "$START" --no-history --quiet \
       --json "$OUT/shard-$SLURM_PROCID.json"' >"$WORK/srun.log" 2>&1; then
  pass "srun -n $TASKS: every task exited with status 0"
else
  fail "srun -n $TASKS exited with status $?"
  show_log "$WORK/srun.log"
  show_log "$SLURM_DIR/slurmd.log"
fi

touch "$WORK/poll.stop"
wait "$poll_pid" 2>/dev/null || true

shopt -s nullglob
shards=("$OUT"/shard-*.json)
shopt -u nullglob
if [ "${#shards[@]}" -gt 0 ] \
    && timeout 60 "$CLI" merge "${shards[@]}" --json "$OUT/merged.json" --no-history >"$WORK/merge.log" 2>&1; then
  pass "merge of ${#shards[@]} shards exited with status 0"
else
  fail "merge failed (${#shards[@]} shard files)"
  show_log "$WORK/merge.log"
fi

peak=$(cat "$WORK/peak_running" 2>/dev/null || echo none)

cat >"$WORK/check.py" <<'EOF'
import json, math, os, sys

out, tasks, total, peak, min_peak = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
failed = False

def check(ok, what):
    global failed
    print(("PASS: " if ok else "FAIL: ") + what)
    failed |= not ok

def load(name):
    try:
        with open(os.path.join(out, name), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"{name} is readable JSON ({e})")
        return None

# Statistics::percentile in core/metrics/statistics.cpp, term for term: linear interpolation
# between the closest ranks, h = (n - 1) * p / 100 on the sorted values.
def percentile(values, p):
    s = sorted(values)
    if not s:
        return None
    h = (float(len(s)) - 1.0) * min(max(p, 0.0), 100.0) / 100.0
    lo = int(math.floor(h))
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - float(lo)) * (s[hi] - s[lo])

shards = [load(f"shard-{k}.json") for k in range(tasks)]
merged = load("merged.json")
if all(d is not None for d in shards) and merged is not None:
    counts = [len(d.get("requests", [])) for d in shards]
    n = len(merged.get("requests", []))
    check(n == sum(counts), f"merged requests ({n}) = sum of the shards' ({' + '.join(map(str, counts))})")
    check(sum(counts) == total, f"the shards sent the whole run: {sum(counts)} of {total} requests")

    ttft = [r["ttft_ms"] for d in shards for r in d.get("requests", [])
            if not r.get("warmup") and r.get("error") is None and r.get("ttft_ms") is not None]
    check(len(ttft) > 0, f"{len(ttft)} successful requests with a TTFT")
    stats = merged.get("summary", {}).get("ttft_ms", {})
    for key, p in (("p50", 50.0), ("p99", 99.0)):
        want, got = percentile(ttft, p), stats.get(key)
        ok = want is not None and isinstance(got, (int, float)) and abs(got - want) <= 1e-6
        check(ok, f"merged summary.ttft_ms.{key} = {got} equals the union's {want}")

try:
    peak_value = float(peak)
except ValueError:
    peak_value = None
check(peak_value is not None and peak_value >= min_peak,
      f"server saw {peak} requests running at once (>= {min_peak:g}: the {tasks} shards overlapped)")
sys.exit(1 if failed else 0)
EOF
python3 "$WORK/check.py" "$OUT" "$TASKS" "$TOTAL_REQUESTS" "$peak" "$MIN_PEAK_RUNNING" \
  || failures=$((failures + 1))

# A sharded sweep: every task runs its share of each timed level, together with the others,
# and the merge rebuilds each level from the union of the tasks' requests.
SWEEP_OUT="$WORK/sweep"
mkdir -p "$SWEEP_OUT"
SWEEP_START=$(date -u -d '+4 seconds' +%Y-%m-%dT%H:%M:%SZ)
export SWEEP_OUT SWEEP_START
# shellcheck disable=SC2016
if timeout 300 srun -n "$TASKS" --overcommit --kill-on-bad-exit=0 bash -c \
    '"$CLI" sweep --endpoint "http://127.0.0.1:$PORT/v1" --model tokenscope-sim \
       --concurrency 4,8 --level-seconds 1.5 --max-tokens 8 \
       --run-id slurm-sweep --start-at "$SWEEP_START" --no-history --quiet \
       --json "$SWEEP_OUT/shard-$SLURM_PROCID.json"' >"$WORK/sweep-srun.log" 2>&1; then
  pass "sweep: srun -n $TASKS: every task exited with status 0"
else
  fail "sweep: srun -n $TASKS exited with status $?"
  show_log "$WORK/sweep-srun.log"
fi
shopt -s nullglob
sweep_shards=("$SWEEP_OUT"/shard-*.json)
shopt -u nullglob
if [ "${#sweep_shards[@]}" -gt 0 ] \
    && timeout 60 "$CLI" merge "${sweep_shards[@]}" --json "$SWEEP_OUT/merged.json" --no-history \
       >"$WORK/sweep-merge.log" 2>&1; then
  pass "sweep: merge of ${#sweep_shards[@]} shards exited with status 0"
else
  fail "sweep: merge failed (${#sweep_shards[@]} shard files)"
  show_log "$WORK/sweep-merge.log"
fi
cat >"$WORK/check_sweep.py" <<'EOF'
import json, math, os, sys

out, tasks = sys.argv[1], int(sys.argv[2])
failed = False

def check(ok, what):
    global failed
    print(("PASS: " if ok else "FAIL: ") + what)
    failed |= not ok

def percentile(values, p):  # as in check.py
    s = sorted(values)
    if not s:
        return None
    h = (float(len(s)) - 1.0) * p / 100.0
    lo = int(math.floor(h))
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - float(lo)) * (s[hi] - s[lo])

try:
    shards = [json.load(open(os.path.join(out, f"shard-{k}.json"), encoding="utf-8")) for k in range(tasks)]
    merged = json.load(open(os.path.join(out, "merged.json"), encoding="utf-8"))
except (OSError, ValueError) as e:
    check(False, f"the sweep's shard and merged files are readable JSON ({e})")
    sys.exit(1)
sweep = shards[0]["settings"]["sweep"]
windows, measured = sweep["windows"], sweep["measured_windows"]
levels = merged.get("levels", [])
check(len(levels) == 2, f"the merged sweep has its 2 levels ({len(levels)})")
for i, level in enumerate(levels):
    ttft = [r["ttft_ms"] for d in shards for r in d.get("requests", [])
            if r.get("sweep_level") == i and r.get("sweep_window", -1) >= windows - measured
            and r.get("error") is None and r.get("ttft_ms") is not None]
    check(level.get("requests_ok") == len(ttft) and len(ttft) > 0,
          f"level {level.get('level')}: {level.get('requests_ok')} measured requests = the union's {len(ttft)}")
    for key, p in (("p50", 50.0), ("p99", 99.0)):
        want, got = percentile(ttft, p), level.get("ttft_ms", {}).get(key)
        ok = want is not None and isinstance(got, (int, float)) and abs(got - want) <= 1e-6
        check(ok, f"level {level.get('level')}: ttft_ms.{key} = {got} equals the union's {want}")
sys.exit(1 if failed else 0)
EOF
python3 "$WORK/check_sweep.py" "$SWEEP_OUT" "$TASKS" || failures=$((failures + 1))

if [ "$failures" -eq 0 ]; then
  echo "PASS: sharded run and sweep on Slurm"
  exit 0
fi
echo "FAIL: sharded run and sweep on Slurm ($failures failing step(s); KEEP_WORK=1 keeps the files)"
exit 1
