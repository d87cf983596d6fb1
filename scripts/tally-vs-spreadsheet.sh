#!/usr/bin/env bash
# thidua against a spreadsheet doing the same tally, side by side, in one run.
#
# For each scale of `thidua synthetic` (meeting 12 × 30 × 12, large 30 × 60 × 30,
# stress 126 × 60 × 126) it generates the meeting and, with
# `examples/formula_workbook.rs`, a workbook of the same scores whose tally sheet is
# formulas only (sheet totals, AVERAGE/TRIMMEAN/MEDIAN per the config, ROUND, RANK).
# Then it times, whole processes, with hyperfine, in $ROUNDS rounds (each round every
# scale, thidua then LibreOffice, so both are compared under the same conditions on a
# machine whose speed drifts):
#   - `thidua tally M --format json`;
#   - `thidua verify M`;
#   - LibreOffice headless loading the workbook, recalculating every formula and
#     writing the tally sheet out as CSV (`soffice --convert-to csv`).
# Before timing, each scale's recalculated CSV is checked against thidua's tally
# JSON (total, rank and sheets counted of every member); any difference stops it.
#
# LibreOffice uses one profile (-env:UserInstallation) made for this run before
# anything is timed, so the first-start profile creation is not counted. In it,
# "recalculate on load" for Excel 2007+ files is set to "always": by default
# LibreOffice keeps the results cached in an .xlsx, and rust_xlsxwriter caches 0
# for every formula, so without it nothing would be computed.
#
# Prints a table of medians over every timed run of every round, and LibreOffice's
# time over thidua's per round (the median round, and the lowest and highest);
# hyperfine's JSON exports and the CSVs stay in $OUT
# (default target/tally-vs-spreadsheet). Needs root (or sudo) to install
# LibreOffice Calc and hyperfine if they are missing; Rust and python3 must be there.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
THIDUA_RUNS=${THIDUA_RUNS:-10}
LO_RUNS=${LO_RUNS:-3}
SCALES=(meeting large stress)

# --- what it needs ------------------------------------------------------------
if ! command -v soffice >/dev/null || ! command -v hyperfine >/dev/null; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    calc=libreoffice-calc-nogui
    if ! apt-cache policy "$calc" | grep -q 'Candidate: [0-9]'; then calc=libreoffice-calc; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$calc" hyperfine
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

cargo build --release -q --bin thidua --example formula_workbook
target=${CARGO_TARGET_DIR:-target}
bin="$target/release/thidua"
workbook="$target/release/examples/formula_workbook"
OUT=${OUT:-$target/tally-vs-spreadsheet}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

work=$(mktemp -d /tmp/tally-vs-spreadsheet.XXXXXX)
trap 'rm -rf "$work"' EXIT
profile="$work/lo-profile"
soffice_cmd="soffice -env:UserInstallation=file://$profile --headless"
csv_filter="'csv:Text - txt - csv (StarCalc):44,34,76,1'" # comma, quote, UTF-8, from row 1

# --- the LibreOffice profile, made once, before timing ---------------------------
timeout 120 soffice -env:UserInstallation="file://$profile" --headless --terminate_after_init \
    >/dev/null 2>&1 || true
xcu="$profile/user/registrymodifications.xcu"
[ -f "$xcu" ] || { echo "LibreOffice did not create its profile in $profile" >&2; exit 1; }
always='<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
sed -i "s#</oor:items>#$always\n</oor:items>#" "$xcu"
grep -q OOXMLRecalcMode "$xcu" || { echo "could not set recalculation on load" >&2; exit 1; }

# --- the meetings, the workbooks, and the check -------------------------------
for scale in "${SCALES[@]}"; do
    "$bin" synthetic --scale "$scale" -o "$work/$scale.thidua" >/dev/null
    "$workbook" "$scale" "$work/$scale.xlsx" >/dev/null
    "$bin" tally "$work/$scale.thidua" --format json >"$OUT/$scale.tally.json"
    mkdir -p "$work/check"
    eval "timeout 600 $soffice_cmd --convert-to $csv_filter --outdir '$work/check' '$work/$scale.xlsx'" >/dev/null 2>&1
    cp "$work/check/$scale.csv" "$OUT/$scale.libreoffice.csv"
    python3 - "$scale" "$OUT/$scale.tally.json" "$OUT/$scale.libreoffice.csv" <<'EOF'
import csv, json, sys
from decimal import Decimal
scale, tally_path, csv_path = sys.argv[1:]
tally = {m["id"]: m for m in json.load(open(tally_path, encoding="utf-8"))["members"]}
rows = list(csv.DictReader(open(csv_path, encoding="utf-8")))
bad = []
for r in rows:
    m = tally.get(r["id"])
    same = (
        m is not None
        and m["total"] is not None
        and Decimal(r["total"]) == Decimal(m["total"])
        and int(r["rank"]) == m["rank"]
        and int(r["sheets_counted"]) == m["sheets_counted"]
    )
    if not same:
        bad.append((r, m and (m["total"], m["rank"], m["sheets_counted"])))
if len(rows) != len(tally) or bad:
    for r, m in bad[:10]:
        print(f"  LibreOffice {r}  thidua {m}", file=sys.stderr)
    sys.exit(f"{scale}: LibreOffice's tally differs from thidua's "
             f"({len(bad)} of {len(tally)} members, {len(rows)} rows)")
print(f"{scale}: LibreOffice's recalculated totals, ranks and sheet counts equal "
      f"thidua's for all {len(rows)} members")
EOF
done

# --- the timings --------------------------------------------------------------
echo "$(date -Iseconds), $(nproc) cores, load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee "$OUT/conditions.txt"
for round in $(seq "$ROUNDS"); do
    for scale in "${SCALES[@]}"; do
        m="$work/$scale.thidua"
        echo "== round $round, $scale"
        hyperfine -N --warmup 2 --runs "$THIDUA_RUNS" \
            --export-json "$OUT/$scale.$round.thidua.json" \
            "$bin tally $m --format json" "$bin verify $m"
        hyperfine -N --warmup 1 --runs "$LO_RUNS" \
            --export-json "$OUT/$scale.$round.libreoffice.json" \
            "$soffice_cmd --convert-to $csv_filter --outdir $work/timed $work/$scale.xlsx"
        # The timed runs wrote the same tally as the checked one.
        cmp -s "$work/timed/$scale.csv" "$OUT/$scale.libreoffice.csv" \
            || { echo "$scale: the timed LibreOffice output differs from the checked one" >&2; exit 1; }
    done
done

echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/conditions.txt"

# --- the table ----------------------------------------------------------------
python3 - "$OUT" "$ROUNDS" "${SCALES[@]}" <<'EOF'
import json, statistics, sys
out, rounds, scales = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def times(scale, round, tool):
    path = f"{out}/{scale}.{round}.{tool}.json"
    return [r["times"] for r in json.load(open(path))["results"]]
print()
print("| scale | thidua tally --format json | thidua verify "
      "| LibreOffice recalc + CSV | LibreOffice / tally, by round |")
print("|---|---|---|---|---|")
for s in scales:
    tally, verify, lo, ratios = [], [], [], []
    for r in range(1, rounds + 1):
        t, v = times(s, r, "thidua")
        (l,) = times(s, r, "libreoffice")
        tally += t
        verify += v
        lo += l
        ratios.append(statistics.median(l) / statistics.median(t))
    ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms"
    times_ = lambda x: f"{x:.1f}" if x < 10 else f"{x:.0f}"
    ratio = (f"{times_(statistics.median(ratios))}× "
             f"({times_(min(ratios))}–{times_(max(ratios))}×)"
             if rounds > 1 else f"{times_(ratios[0])}×")
    print(f"| {s} | {ms(tally)} | {ms(verify)} | {ms(lo)} | {ratio} |")
print()
print(f"medians of every timed run of whole processes ({rounds} rounds); "
      f"hyperfine JSON in {out}")
print(open(f"{out}/conditions.txt").read().strip())
EOF
