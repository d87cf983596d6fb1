#!/usr/bin/env bash
# Startup time, idle CPU, memory at the large scale, and binary size, measured on
# this machine with the release build under a virtual display. Figures go to
# BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Xvfb >/dev/null || { apt-get update -qq && apt-get install -y -qq xvfb; }
cargo build --release -q
bin=target/release/thidua
work=$(mktemp -d)
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
Xvfb :91 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=:91

echo "== startup to first frame (ms), 7 runs, the sample"
for i in 1 2 3 4 5 6 7; do THIDUA_PRINT_STARTUP_MS=exit "$bin" | sed -n 's/startup_ms //p'; done | sort -n | tr '\n' ' '
echo

echo "== idle CPU over 10 s, and memory, with a large meeting open (30 × 60 × 30)"
"$bin" synthetic --scale large -o "$work/large.thidua" >/dev/null
"$bin" "$work/large.thidua" >/dev/null 2>&1 &
app=$!
sleep 5
t1=$(awk '{print $14+$15}' /proc/$app/stat)
sleep 10
t2=$(awk '{print $14+$15}' /proc/$app/stat)
echo "cpu_ms_idle_10s $(( (t2 - t1) * 1000 / $(getconf CLK_TCK) ))"
grep -E 'VmRSS|VmHWM' /proc/$app/status
kill $app

echo "== binary size"
cp "$bin" "$work/thidua-stripped" && strip "$work/thidua-stripped"
ls -l "$bin" "$work/thidua-stripped" | awk '{print $5, $9}'
