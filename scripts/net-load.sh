#!/usr/bin/env bash
# The live meeting's host under load, on loopback: (a) every delegate of the stress
# config (126) sends its whole sheet as fast as it can, in requests of BATCH events;
# (b) 30 delegates of the large config type at human speed (one event per request,
# a pause of PACE ms between sends) for PACED_S seconds, then send the rest and
# submit. For each: events/s, latency from send to acknowledgement, the host's CPU
# time (from /proc/PID/stat), and afterwards the meeting file is checked: exactly one
# event per (device, device_seq), every sheet submitted. Figures go to BENCHMARKS.md
# by hand. Not run by CI.
#
#   scripts/net-load.sh                 # both runs
#   BURST_CLIENTS=126 BATCH=60 PACE=1000-2000 PACED_S=60 scripts/net-load.sh
#   PACED_SCALE=stress PACED_CLIENTS=126 PACE=250-500 ONLY=paced scripts/net-load.sh
#   ONLY=burst scripts/net-load.sh      # or ONLY=paced
set -euo pipefail
cd "$(dirname "$0")/.."
BURST_CLIENTS=${BURST_CLIENTS:-126}
BATCH=${BATCH:-60}
PACED_CLIENTS=${PACED_CLIENTS:-30}
PACED_SCALE=${PACED_SCALE:-large}
PACE=${PACE:-1000-2000}
PACED_S=${PACED_S:-60}
TIMEOUT_S=${TIMEOUT_S:-900}
ONLY=${ONLY:-all}

cargo build --release -q --bin thidua --example net_load
bin=target/release/thidua
load=target/release/examples/net_load
tck=$(getconf CLK_TCK)
work=$(mktemp -d)
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
host=
cleanup() {
    if [[ -n "$host" ]]; then kill "$host" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# scenario NAME SCALE CLIENTS [net_load run options...]
scenario() {
    local name=$1 scale=$2 clients=$3
    shift 3
    local meeting="$work/$name.thidua" codes="$work/$name-codes.json" port
    echo "== $name: $scale config, $clients clients, $*"
    "$load" config --scale "$scale" -o "$work/$name-config.json"
    "$bin" new "$work/$name-config.json" -o "$meeting" >/dev/null
    port=$(free_port)
    "$bin" host "$meeting" --port "$port" --codes "$codes" >"$work/$name-host.log" 2>&1 &
    host=$!
    for _ in $(seq 1 100); do [[ -s "$codes" ]] && break; sleep 0.1; done
    [[ -s "$codes" ]] || { echo "the host did not start"; cat "$work/$name-host.log"; exit 1; }
    local cpu0 cpu1 t0 t1 status=0
    cpu0=$(awk '{print $14+$15}' "/proc/$host/stat")
    t0=$(date +%s.%N)
    "$load" run --codes "$codes" --clients "$clients" --host-pid "$host" --clk-tck "$tck" \
        --timeout-s "$TIMEOUT_S" "$@" | tee "$work/$name.out" || status=$?
    t1=$(date +%s.%N)
    cpu1=$(awk '{print $14+$15}' "/proc/$host/stat")
    grep -E 'VmHWM' "/proc/$host/status" | sed 's/^/host_/'
    echo "host_cpu_ms_including_joins $(( (cpu1 - cpu0) * 1000 / tck )) over $(echo "$t1 - $t0" | bc) s"
    kill "$host"
    wait "$host" 2>/dev/null || true
    host=
    echo "-- exactly once: COUNT(*), COUNT(DISTINCT device/device_seq) of the delegates' events"
    local counts
    counts=$(sqlite3 "$meeting" "SELECT COUNT(*), COUNT(DISTINCT device||'/'||device_seq) FROM events WHERE device IS NOT NULL")
    echo "$counts"
    local total distinct
    IFS='|' read -r total distinct <<<"$counts"
    local planned
    planned=$(sed -n 's/^events_planned //p' "$work/$name.out")
    if [[ "$total" == "$distinct" && "$total" == "$planned" ]]; then
        echo "exactly_once yes ($total rows = $distinct distinct = $planned sent)"
    else
        echo "exactly_once NO (rows $total, distinct $distinct, sent $planned)"
        status=1
    fi
    "$load" check "$meeting" || status=1
    echo "meeting_file_bytes $(stat -c %s "$meeting")"
    [[ $status == 0 ]] || echo "$name: FAILED"
    return $status
}

failed=0
if [[ $ONLY == all || $ONLY == burst ]]; then
    scenario burst stress "$BURST_CLIENTS" --batch "$BATCH" || failed=1
fi
if [[ $ONLY == all || $ONLY == paced ]]; then
    scenario paced "$PACED_SCALE" "$PACED_CLIENTS" --pace-ms "$PACE" --duration-s "$PACED_S" \
        --batch "$BATCH" || failed=1
fi
exit $failed
