#!/usr/bin/env python3
"""An independent tally of a sample meeting, with exact fractions.

Reads a cluster config and its delegate sheets straight from the JSON files (it
never runs thidua) and prints the tally in the form of the sample's
`expected-tally.json`:

    python3 scripts/independent_tally.py sample-data/ha-noi-cum-1-2024

The rules are those of DESIGN.md, "Arithmetic", and the config's `scoring`:

- Every sheet in `sheets/` counts as submitted and every member as present (the
  samples are meetings where all delegates came and all sheets are in).
- A sheet's total for a target = item scores + bonus - deductions.
- Counted sheets for a member: those of the other members; its own too when
  `self` is `include`. With `separate` its own sheet total is shown apart
  (`self_total`), not counted.
- The total aggregates the counted sheet totals: `mean`; `trimmed_mean` (drop the
  `trim` highest, then the `trim` lowest of the rest; with fewer than 2*trim+1
  sheets the plain mean; among equal totals the sheet of the scorer listed later
  in `members` goes first); `median` (the mean of the middle two for an even
  count).
- Group subtotals, bonus and deductions are means over the sheets the total
  kept (all counted sheets for `mean` and `median`).
- Every figure is an exact fraction, rounded half up (away from zero) to
  `decimals` once. Ranks are standard competition ranks (1, 2, 2, 4) on the
  rounded totals; the class is the first whose `min` <= the rounded total.
- Members are listed by rank, then in config order; members without a counted
  sheet last.

Python 3 standard library only.
"""

import json
import sys
from fractions import Fraction
from pathlib import Path


def load(path):
    # Exact numbers: "9.5" becomes Fraction(19, 2), never a float.
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f, parse_float=Fraction, parse_int=Fraction)


def round_half_up(value, decimals):
    """An exact value as a string with exactly `decimals` places, half away from zero."""
    scale = 10**decimals
    scaled = abs(value) * scale
    units = int(scaled)  # floor, as scaled >= 0
    if scaled - units >= Fraction(1, 2):
        units += 1
    if value < 0 and units != 0:
        units = -units
    return units


def show(units, decimals):
    sign = "-" if units < 0 else ""
    units = abs(units)
    if decimals == 0:
        return f"{sign}{units}"
    whole, frac = divmod(units, 10**decimals)
    return f"{sign}{whole}.{frac:0{decimals}d}"


def tally(folder):
    folder = Path(folder)
    config = load(folder / "cluster.json")
    scoring = config.get("scoring", {})
    self_rule = scoring.get("self", "exclude")
    aggregate = scoring.get("aggregate", "mean")
    trim = int(scoring.get("trim", 0))
    decimals = int(scoring.get("decimals", 2))

    members = [m["id"] for m in config["members"]]
    order_of = {m: i for i, m in enumerate(members)}
    groups = []  # (group id, [item ids])
    item_group = {}
    item_max = {}
    for group in config["criteria"]:
        groups.append(group["id"])
        for item in group["items"]:
            item_group[item["id"]] = group["id"]
            item_max[item["id"]] = item["max"]
    kind = {a["id"]: a["kind"] for a in config.get("adjustments", [])}
    adj_max = {a["id"]: a["max"] for a in config.get("adjustments", [])}
    classes = config.get("classes", [])

    # sheets[scorer][target] = {"total", "groups", "bonus", "deductions"}
    sheets = {}
    for path in sorted((folder / "sheets").glob("*.json")):
        sheet = load(path)
        scorer = sheet["scorer"]
        if scorer not in order_of:
            sys.exit(f"{path}: unknown scorer {scorer}")
        if scorer in sheets:
            sys.exit(f"{path}: a second sheet for {scorer}")
        rows = {}
        for target, cells in sheet["scores"].items():
            if target not in order_of:
                sys.exit(f"{path}: unknown target {target}")
            sums = {g: Fraction(0) for g in groups}
            bonus = deductions = Fraction(0)
            for cell, value in cells.items():
                if cell in item_group:
                    if not 0 <= value <= item_max[cell]:
                        sys.exit(f"{path}: {target}/{cell} out of range")
                    sums[item_group[cell]] += value
                elif kind.get(cell) == "bonus":
                    if not 0 <= value <= adj_max[cell]:
                        sys.exit(f"{path}: {target}/{cell} out of range")
                    bonus += value
                elif kind.get(cell) == "deduction":
                    if not 0 <= value <= adj_max[cell]:
                        sys.exit(f"{path}: {target}/{cell} out of range")
                    deductions += value
                else:
                    sys.exit(f"{path}: unknown cell {cell}")
            missing = [i for i in item_group if i not in cells]
            if missing:
                sys.exit(f"{path}: {target} lacks {missing[0]}")
            rows[target] = {
                "total": sum(sums.values()) + bonus - deductions,
                "groups": sums,
                "bonus": bonus,
                "deductions": deductions,
            }
        sheets[scorer] = rows

    def counts(scorer, target):
        return scorer != target or self_rule == "include"

    results = []
    for target in members:
        counted = [
            (scorer, sheets[scorer][target])
            for scorer in members
            if scorer in sheets and counts(scorer, target) and target in sheets[scorer]
        ]
        own = sheets.get(target, {}).get(target)
        self_total = None
        if self_rule == "separate" and own is not None:
            self_total = show(round_half_up(own["total"], decimals), decimals)
        if not counted:
            zero = show(0, decimals)
            results.append({
                "id": target,
                "units": None,
                "sheets_counted": 0,
                "groups": {g: zero for g in groups},
                "bonus": zero,
                "deductions": zero,
                "self_total": self_total,
            })
            continue
        kept = counted
        if aggregate == "trimmed_mean" and len(counted) >= 2 * trim + 1:
            # Highest first; among equal totals the scorer listed later first.
            by_high = sorted(
                counted, key=lambda s: (-s[1]["total"], -order_of[s[0]])
            )
            rest = by_high[trim:]
            # Lowest first; among equal totals the scorer listed later first.
            by_low = sorted(rest, key=lambda s: (s[1]["total"], -order_of[s[0]]))
            kept = by_low[trim:]
        totals = sorted(s[1]["total"] for s in counted)
        if aggregate == "median":
            mid = len(totals) // 2
            if len(totals) % 2:
                total = totals[mid]
            else:
                total = (totals[mid - 1] + totals[mid]) / 2
        else:
            total = sum(s[1]["total"] for s in kept) / len(kept)

        def mean(key, group=None):
            values = [s[1][key][group] if group else s[1][key] for s in kept]
            return show(round_half_up(sum(values) / len(values), decimals), decimals)

        results.append({
            "id": target,
            "units": round_half_up(total, decimals),
            "sheets_counted": len(counted),
            "groups": {g: mean("groups", g) for g in groups},
            "bonus": mean("bonus"),
            "deductions": mean("deductions"),
            "self_total": self_total,
        })

    scored = [r["units"] for r in results if r["units"] is not None]
    for r in results:
        r["rank"] = None
        r["class"] = None
        if r["units"] is None:
            continue
        r["rank"] = 1 + sum(1 for u in scored if u > r["units"])
        for c in classes:
            # Rounded total >= min, compared exactly.
            if Fraction(r["units"], 10**decimals) >= c["min"]:
                r["class"] = c["id"]
                break
    results.sort(
        key=lambda r: (r["rank"] if r["rank"] is not None else float("inf"), order_of[r["id"]])
    )
    out = []
    for r in results:
        out.append({
            "id": r["id"],
            "total": None if r["units"] is None else show(r["units"], decimals),
            "rank": r["rank"],
            "class": r["class"],
            "sheets_counted": r["sheets_counted"],
            "groups": r["groups"],
            "bonus": r["bonus"],
            "deductions": r["deductions"],
            "self_total": r["self_total"],
        })
    return {"members": out}


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: independent_tally.py SAMPLE_FOLDER (holding cluster.json and sheets/)")
    print(json.dumps(tally(argv[1]), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main(sys.argv)
