#!/usr/bin/env bash
# The host's answer time at a meeting's real load, on loopback: 30 delegates of the
# 30-member config (`thidua synthetic`'s large scale), each from its own address
# (127.0.10.N), read their sheets and then send one score event at a time with a
# pause of 1.5-3 s between an answer and the next send (seeded), each request
# signed with the code's key as the delegates' apps sign theirs, for 90 s; once with
# nothing else connected, once with 500 idle connections held open from 20 other
# addresses (127.0.20.1-20 x 25), opened again whenever the host closes them after
# its 10 s wait for a request head. Each run gets a new meeting and its own
# `thidua host` process. Prints, per run, count, median, p95, p99 and max of the
# time from sending a request to the whole answer (`examples/host_latency.rs`).
# Figures go to BENCHMARKS.md by hand. Not run by CI.
#
#   scripts/host-latency.sh
#   SEED=2 DURATION_S=60 IDLE=500 PACE=1500-3000 DELEGATES=30 scripts/host-latency.sh
#   ONLY=idle scripts/host-latency.sh      # or ONLY=quiet
#   ROUNDS=3 scripts/host-latency.sh       # quiet, idle, quiet, idle, ...
#   IDLE_SPREAD_MS=10000 scripts/host-latency.sh
#   FSYNC=1 scripts/host-latency.sh        # also the host's fsync times (strace)
#   BEARER=1 scripts/host-latency.sh       # the token in each request, not signed
#
# IDLE_SPREAD_MS (0) spreads the idle connections' first openings: with 0 they open
# together, so the host closes them together every 10 s and they all reopen at
# once; with 10000, about 50 close and reopen every second. FSYNC=1 (needs strace)
# traces the host's fsync and fdatasync calls over its whole life (each committed
# event waits for one) and prints their count, median, p99 and max; the host is
# then started by strace, which slows each traced call a little.
#
# Every wait is bounded: the host gets 30 s to start, each run `timeout`; the host
# is stopped at the end however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-1}
DURATION_S=${DURATION_S:-90}
IDLE=${IDLE:-500}
PACE=${PACE:-1500-3000}
DELEGATES=${DELEGATES:-30}
SCALE=${SCALE:-large}
ONLY=${ONLY:-all}
ROUNDS=${ROUNDS:-1}
IDLE_SPREAD_MS=${IDLE_SPREAD_MS:-0}
FSYNC=${FSYNC:-}
BEARER=${BEARER:-}

cargo build --release -q --bin thidua --example host_latency
bin=target/release/thidua
measure=target/release/examples/host_latency
tck=$(getconf CLK_TCK)
work=$(mktemp -d)
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
host=
trace=
measuring=
cleanup() {
    if [[ -n "$measuring" ]]; then kill "$measuring" 2>/dev/null || true; fi
    if [[ -n "$host" ]]; then
        kill "$host" 2>/dev/null || true
        wait "$host" 2>/dev/null || true
    fi
    if [[ -n "$trace" ]]; then
        kill "$trace" 2>/dev/null || true
        wait "$trace" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The measuring process holds the idle connections and the delegates' (about 550
# sockets); ask for room if the soft limit is low.
if (( $(ulimit -n) < 4096 )); then
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi

echo "$(date -u '+%Y-%m-%d %H:%M UTC'); build of $(git describe --always --dirty 2>/dev/null || echo '?'); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); open files $(ulimit -n)"
"$measure" config --scale "$SCALE" -o "$work/cluster.json"

# run NAME IDLE_CONNECTIONS
run() {
    local name=$1 idle=$2
    local meeting="$work/$name.thidua" codes="$work/$name-codes.json" status=0
    echo "== $name: $DELEGATES delegates, $idle idle connections (first openings over $IDLE_SPREAD_MS ms), pause $PACE ms, seed $SEED, ${DURATION_S} s"
    "$bin" new "$work/cluster.json" -o "$meeting" >/dev/null
    # Port 0: any free one; the codes file says which.
    if [[ -n "$FSYNC" ]]; then
        # Started by strace, so that a seccomp filter stops the host only at the
        # calls traced (attached with -p, strace would stop it at every call).
        strace -f -qq -T --seccomp-bpf -e trace=fsync,fdatasync -o "$work/$name-fsync.txt" \
            "$bin" host "$meeting" --port 0 --codes "$codes" >"$work/$name-host.log" 2>&1 &
        trace=$!
        for _ in $(seq 1 100); do
            host=$(pgrep -P "$trace" | head -n 1 || true)
            [[ -n "$host" ]] && break
            sleep 0.05
        done
        [[ -n "$host" ]] || { echo "the host did not start under strace"; exit 1; }
    else
        "$bin" host "$meeting" --port 0 --codes "$codes" >"$work/$name-host.log" 2>&1 &
        host=$!
    fi
    for _ in $(seq 1 300); do
        [[ -s "$codes" ]] && break
        kill -0 "$host" 2>/dev/null || break
        sleep 0.1
    done
    if [[ ! -s "$codes" ]]; then
        echo "the host did not start"
        cat "$work/$name-host.log"
        exit 1
    fi
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    timeout $((DURATION_S + IDLE_SPREAD_MS / 1000 + 120)) "$measure" run --codes "$codes" \
        --delegates "$DELEGATES" --idle "$idle" --idle-spread-ms "$IDLE_SPREAD_MS" \
        --seed "$SEED" --pace-ms "$PACE" --duration-s "$DURATION_S" \
        --host-pid "$host" --clk-tck "$tck" ${BEARER:+--bearer} &
    # Waited for in the background so that a signal to this script stops it at once.
    measuring=$!
    wait "$measuring" || status=$?
    measuring=
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    if ! kill -0 "$host" 2>/dev/null; then
        echo "the host had stopped"
        cat "$work/$name-host.log"
        status=1
    fi
    kill "$host" 2>/dev/null || true
    if [[ -n "$trace" ]]; then
        # strace ends with the host it started.
        wait "$trace" 2>/dev/null || true
        trace=
        echo "the host's fsync and fdatasync calls, its start included:"
        # strace -T ends each line with the call's time: <0.000412>.
        grep -o '<[0-9.]*>$' "$work/$name-fsync.txt" | tr -d '<>' | sort -n | awk '
            { t[NR] = $1 * 1000 }
            END {
                if (NR == 0) { print "fsync: none traced"; exit }
                r = int(NR * 0.99); if (r < NR * 0.99) r++; if (r < 1) r = 1
                m = int(NR * 0.5); if (m < NR * 0.5) m++; if (m < 1) m = 1
                printf "fsync/fdatasync: count %d  median %.2f ms  p99 %.2f ms  max %.2f ms\n", NR, t[m], t[r], t[NR]
            }'
    fi
    wait "$host" 2>/dev/null || true
    host=
    [[ $status == 0 ]] || echo "$name: FAILED ($status)"
    return $status
}

failed=0
for round in $(seq 1 "$ROUNDS"); do
    if [[ $ONLY == all || $ONLY == quiet ]]; then
        run "quiet-$round" 0 || failed=1
    fi
    if [[ $ONLY == all || $ONLY == idle ]]; then
        run "idle-$round" "$IDLE" || failed=1
    fi
done
exit $failed
