#!/usr/bin/env bash
# Types a whole delegate sheet (100 cells of the bundled 6-district sample) into the
# release build under a virtual display, as fast as xdotool sends keys: each value,
# then Tab, with no pause between them. Then reads the meeting file back and prints
# how many cells hold exactly what was typed.
#
#   scripts/fast-typing.sh [--delay MS]     (default 120 ms between the keys of a value)
#
# Needs Xvfb and xdotool (installed with apt-get when missing). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
delay=120
[ "${1:-}" = "--delay" ] && delay="$2"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need Xvfb || ! need xdotool; then
  apt-get update -qq && apt-get install -y -qq xvfb xdotool >/dev/null
fi
cargo build --release --quiet
bin=target/release/thidua
work=$(mktemp -d)
config=sample-data/ha-noi-cum-1-2024/cluster.json
"$bin" new "$config" -o "$work/m.thidua" >/dev/null

# The values, in the order Tab walks the grid: row by row, left to right. Each is
# within the item's maximum and on its step; commas and points alternate.
python3 - "$config" >"$work/values.txt" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
members = [m["id"] for m in c["members"]]
targets = [m for m in members if m != "ba-dinh"]
i = 0
for group in c["criteria"]:
    for item in group["items"]:
        halves = int(round(float(item["max"]) * 2))
        for t in targets:
            v = (i * 7 + 3) % (halves + 1)
            text = str(v // 2) if v % 2 == 0 else f"{v // 2}{',' if i % 2 else '.'}5"
            print(t, item["id"], v * 50, text)
            i += 1
EOF

disp=""
for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || { echo "no free display" >&2; exit 1; }
Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xpid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done
export DISPLAY="$disp"
unset WAYLAND_DISPLAY
XDG_DATA_HOME="$work/data" "$bin" "$work/m.thidua" >"$work/app.log" 2>&1 &
app=$!
win=""
for _ in $(seq 100); do
  win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || { echo "the window did not appear" >&2; cat "$work/app.log" >&2; exit 1; }
sleep 2
# Without a window manager nothing has keyboard focus: give it to the window.
xdotool windowfocus "$win"

# The sheet opens with its first empty cell focused: no click needed.
while read -r _ _ _ text; do
  xdotool type --delay "$delay" "$text"
  xdotool key Tab
done <"$work/values.txt"
sleep 2
kill "$app"; wait "$app" 2>/dev/null || true; app=""

python3 - "$work/m.thidua" "$work/values.txt" <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
stored = {}
events = 0
for (text,) in db.execute("select event from events order by seq"):
    e = json.loads(text)
    if e.get("type") == "score" and e.get("scorer") == "ba-dinh":
        events += 1
        stored[(e["target"], e["item"])] = e["value"]
want = [l.split() for l in open(sys.argv[2], encoding="utf-8")]
right = 0
for target, item, hundredths, text in want:
    got = stored.get((target, item))
    if got is not None and round(float(got) * 100) == int(hundredths):
        right += 1
    else:
        print(f"cell {item} for {target}: typed {text}, stored {got}")
wrong = len(stored) - right
print(f"{len(want)} cells typed, {right} stored exactly, {wrong} stored with a value not typed, {events} score events")
sys.exit(0 if right == len(want) and wrong == 0 and events == len(want) else 1)
EOF
