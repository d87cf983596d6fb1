#!/usr/bin/env bash
# Types part of a delegate's sheet into the release build under a virtual display
# at a steady 25 keys per second (40 ms per key: the value's keys, then Tab) while
# both cores are kept busy, and measures how far the grid is behind when the typing
# stops: the meeting file is read the moment the last key has been sent, then every
# 50 ms until every typed value is in it. Then checks, cell for cell, that what was
# stored is what was typed, each value exactly once.
#
#   scripts/typing-under-load.sh
#
# Settings (environment): RUNS (3), CELLS (150, cells typed per run, in the order
# Tab walks the first member's sheet), SCALE (large: the 30-member config of
# `thidua synthetic`), CONFIG (a cluster config to use instead, e.g.
# sample-data/cum-phuong-2025/cluster.json), DELAY (40 ms between keys), LOAD (busy
# loops, one per core by default; 0 for none), SIZE (1280x720, the window), POLL_MS (50,
# how often the file is read), PERF (a path: `perf record` of the app while it is
# typed into, one file per run), FSYNC (1: `perf trace` of the app's fsync calls,
# their count and times per run).
#
# Exits with 1 when a value is missing or wrong, or the budget is not met. Every
# load loop is bounded twice: a count of iterations and `timeout`. Needs Xvfb,
# xdotool, python3 (installed with apt-get when missing); PERF and FSYNC need
# perf. Not run by CI. Figures: BENCHMARKS.md, "Typing into the grid with both
# cores busy".
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
cells=${CELLS:-150}
scale=${SCALE:-large}
config=${CONFIG:-}
delay=${DELAY:-40}
load=${LOAD:-$(nproc)}
size=${SIZE:-1280x720}
poll=${POLL_MS:-50}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need Xvfb || ! need xdotool; then
  apt-get update -qq && apt-get install -y -qq xvfb xdotool >/dev/null
fi
nice -n 10 cargo build --release --quiet --bin thidua --example typing_sheet
bin=target/release/thidua
helper=target/release/examples/typing_sheet
work=$(mktemp -d)
if [ -z "$config" ]; then
  "$helper" config "$scale" >"$work/cluster.json"
  config="$work/cluster.json"
fi
"$helper" values "$config" "$cells" >"$work/values.txt"

disp=""
for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || { echo "no free display" >&2; exit 1; }
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xpid=$!
app=""
loads=()
stop_loads() {
  for p in "${loads[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${loads[@]}"; do wait "$p" 2>/dev/null || true; done
  loads=()
}
cleanup() {
  stop_loads
  [ -n "$app" ] && kill "$app" 2>/dev/null
  kill "$xpid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done
export DISPLAY="$disp"
unset WAYLAND_DISPLAY

typed=$(wc -l <"$work/values.txt")
keys=$(awk '{ n += length($4) + 1 } END { print n }' "$work/values.txt")
# Long enough for the typing, the wait for the last value and the checks; no longer.
load_s=$(( keys * delay / 1000 + 40 ))
echo "typing $typed cells ($keys keys, ${delay} ms apart) of $(basename "$config") into a ${size} window, $load load loop(s), $runs run(s); $(nproc) cores"

for run in $(seq "$runs"); do
  meeting="$work/m$run.thidua"
  "$bin" new "$config" -o "$meeting" >/dev/null
  XDG_DATA_HOME="$work/data" "$bin" "$meeting" >"$work/app$run.log" 2>&1 &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "the window did not appear" >&2; cat "$work/app$run.log" >&2; exit 1; }
  xdotool windowsize "$win" "${size%x*}" "${size#*x}"
  sleep 2
  # Without a window manager nothing has keyboard focus: give it to the window. The
  # sheet opens with its first empty cell taking the keys: no click needed.
  xdotool windowfocus "$win"
  sleep 0.5

  for _ in $(seq "$load"); do
    timeout "$load_s" bash -c 'i=0; while [ "$i" -lt 500000000 ]; do i=$((i + 1)); done' &
    loads+=("$!")
  done
  sleep 1
  prof=""
  if [ -n "${PERF:-}" ]; then
    # A profile of the app (all its threads) while it is typed into.
    perf record -q -F 999 -g -p "$app" -o "$PERF.$run" >/dev/null 2>&1 &
    prof=$!
    sleep 0.5
  fi
  trace=""
  if [ -n "${FSYNC:-}" ]; then
    # How long the app's commits waited for the disk (each value is its own
    # transaction, made durable with fsync on the thread that draws the window).
    perf trace -s -e fsync,fdatasync -p "$app" -o "$work/fsync$run.txt" &
    trace=$!
    sleep 0.5
  fi

  python3 - "$meeting" "$work/values.txt" "$delay" "$app" "$run" "$poll" <<'EOF' | tee -a "$work/results.txt"
import json, os, sqlite3, subprocess, sys, threading, time

meeting, values, app, run = sys.argv[1], sys.argv[2], sys.argv[4], sys.argv[5]
delay, poll = int(sys.argv[3]), int(sys.argv[6])
want = [line.split() for line in open(values, encoding="utf-8")]
names = {".": "period", ",": "comma", "-": "minus"}
keys = []
for _target, _item, _hundredths, text in want:
    keys += [names.get(ch, ch) for ch in text]
    keys.append("Tab")

db = sqlite3.connect(f"file:{meeting}?mode=ro", uri=True)

def scores():
    return db.execute(
        "SELECT COUNT(*) FROM events WHERE json_extract(event, '$.type') = 'score'"
    ).fetchone()[0]

def cpu():
    fields = open(f"/proc/{app}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

base = scores()
# One xdotool reading its commands from a pipe runs each line as it arrives: every
# key is written at its own time on a fixed schedule (start + n × delay), so a late
# key does not push the ones after it. Once the last line is written xdotool is
# told to finish; when it has exited, the last key has been sent.
xdo = subprocess.Popen(["xdotool", "-"], stdin=subprocess.PIPE, text=True)
# While typing, every `poll` ms another thread compares the values in the file with
# the Tabs sent so far (the cell whose Tab went out since the last look counts as
# behind until the app's next frame).
tabs_sent, during, typing = [0], [], [True]

def watch():
    own = sqlite3.connect(f"file:{meeting}?mode=ro", uri=True)
    while typing[0]:
        sent = tabs_sent[0]
        done = own.execute(
            "SELECT COUNT(*) FROM events WHERE json_extract(event, '$.type') = 'score'"
        ).fetchone()[0] - base
        during.append(sent - done)
        time.sleep(poll / 1000)

watcher = threading.Thread(target=watch)
cpu0, t0 = cpu(), time.monotonic()
watcher.start()
late = []
for n, key in enumerate(keys):
    due = t0 + n * delay / 1000
    time.sleep(max(0.0, due - time.monotonic()))
    late.append(time.monotonic() - due)
    xdo.stdin.write(f"key --delay 0 {key}\n")
    xdo.stdin.flush()
    if key == "Tab" and n < len(keys) - 1:
        tabs_sent[0] += 1
xdo.stdin.close()
xdo.wait()
stop = time.monotonic()
typing[0] = False
behind = len(want) - (scores() - base)
behind_at_stop, landed_ms, polls = behind, 0, []
while behind > 0 and time.monotonic() - stop < 30:
    time.sleep(max(0.0, stop + poll / 1000 * (len(polls) + 1) - time.monotonic()))
    behind = len(want) - (scores() - base)
    polls.append(behind)
    landed_ms = round((time.monotonic() - stop) * 1000)
busy = cpu() - cpu0
watcher.join()
elapsed = stop - t0
late.sort()
load = open("/proc/loadavg").read().split()[0]

# Cell for cell: the last stored value of every typed cell, and one event each.
stored, events = {}, 0
for (text,) in db.execute("SELECT event FROM events ORDER BY seq"):
    e = json.loads(text)
    if e.get("type") == "score":
        events += 1
        stored[(e["target"], e["item"])] = e["value"]
right = 0
for target, item, hundredths, text in want:
    got = stored.get((target, item))
    if got is not None and round(float(got) * 100) == int(hundredths):
        right += 1
    else:
        print(f"  cell {item} for {target}: typed {text}, stored {got}")
extra = len(stored) - right
print(json.dumps({
    "run": int(run), "cells": len(want), "keys": len(keys),
    "typing_s": round(elapsed, 2), "keys_per_s": round((len(keys) - 1) / elapsed, 1),
    "key_late_ms_median_max": [round(late[len(late) // 2] * 1000, 1), round(late[-1] * 1000, 1)],
    "most_behind_while_typing": max(during, default=0),
    "behind_when_typing_stopped": behind_at_stop,
    "last_landed_ms": landed_ms if behind == 0 else None,
    "polls_behind": polls,
    "app_cpu_percent_of_one_core": round(100 * busy / elapsed),
    "load_average_1min": float(load),
    "stored_exactly": right, "cells_not_typed_or_wrong": extra, "score_events": events,
}))
EOF
  [ -n "$prof" ] && { kill -INT "$prof"; wait "$prof" || true; }
  if [ -n "$trace" ]; then
    kill -INT "$trace"; wait "$trace" || true
    awk -v run="$run" '$1 == "fsync" { printf "run %s: %s fsyncs, %s ms in all, min %s, mean %s, max %s ms\n", run, $2, $4, $5, $6, $7 }' "$work/fsync$run.txt"
  fi
  stop_loads
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
done

python3 - "$work/results.txt" "$poll" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
if not rows:
    sys.exit("no runs finished")
behind = [r["behind_when_typing_stopped"] for r in rows]
landed = [r["last_landed_ms"] for r in rows]
ok = all(r["stored_exactly"] == r["cells"] and r["cells_not_typed_or_wrong"] == 0
         and r["score_events"] == r["cells"] for r in rows)
met = max(behind) <= 1
print(f"cells behind when typing stopped: {behind} (max {max(behind)}; budget: at most 1: "
      f"{'met' if met else 'NOT met'})")
print(f"last value in the file after: {landed} ms (the file read every {sys.argv[2]} ms)")
print(f"most cells behind while typing: {[r['most_behind_while_typing'] for r in rows]}")
print(f"keys per second: {[r['keys_per_s'] for r in rows]}; app CPU, % of one core: "
      f"{[r['app_cpu_percent_of_one_core'] for r in rows]}; load average: "
      f"{[r['load_average_1min'] for r in rows]}")
print(f"stored exactly as typed, each once: {'yes' if ok else 'NO'} "
      f"({statistics.mean(r['stored_exactly'] for r in rows):.0f} of {rows[0]['cells']} per run)")
sys.exit(0 if ok and met and None not in landed else 1)
EOF
