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

A `thidua.cluster/2` config (docs/FORMAT.md, section 7) is tallied by the same
rules, with these additions, written from that section alone:

- The tree: an entry with `items` is a heading; a heading's or a group's
  subtotal on a sheet is the sum of its entries, but not more than its `cap`.
  The sheet's total is the sum of the groups' subtotals + bonus - deductions,
  and `groups` shows the level-1 groups' (capped) subtotals.
- Item kinds, from what was entered (a cell): `points` p; `pass_fail` 1 -> max,
  0 -> 0; `per_occurrence` min(rate * c, max); `plus_minus` (cells `<id>+` = b
  and `<id>-` = d) clamp(min(b * bonus_rate, max_bonus) - d * penalty_rate,
  min, max); `target` (actual A against the member's target T) `ratio`
  max * min(A/T, 1) or `relative_to_best` (below T: max/2 * A/T; at T: max/2;
  above T: max for the best ratio L among the members above their target, the
  others max/2 + max/2 * (A/T - 1)/(L - 1)); T = 0: max * A/B with B the
  highest actual among the members without a target (B = 0 gives 0). A
  target's points are rounded half away from zero to the item's `decimals`
  (default 2) once, before any sum.
- `entered_by: "chair"` items (the default for `target`) come from
  `facts.json` (`thidua.facts/1`) and are the same on every sheet of the
  member; a missing fact counts 0 (reported on stderr: the tally is
  provisional). Other items come from each scorer's sheet.
- `not_assigned`: the item is neither entered nor counted for that member and
  is left out of the member's own maximum.
- `own_max`: the same tree summed over the assigned items' `max`, each heading
  and group capped by its `cap`; adjustments are not part of it.
- With `scoring.compare` = `percent_of_own_max`, `percent` = 100 * exact
  aggregated total / own maximum, rounded once to `decimals`; ranks and classes
  then follow the percent.
- The sheets' and the facts' `config_sha256` must be the SHA-256 of
  cluster.json's bytes.

Python 3 standard library only.
"""

import hashlib
import json
import sys
from fractions import Fraction
from pathlib import Path

V2 = "thidua.cluster/2"
KINDS = ("points", "pass_fail", "per_occurrence", "plus_minus", "target")
MAX_LEVEL = 8
MAX_COUNT = 100_000
MAX_QUANTITY = 10_000_000_000


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


def read_v1(folder, config, order_of):
    """The sheets of a version 1 meeting: sheets[scorer][target] = row."""
    groups = []  # group ids
    item_group = {}
    item_max = {}
    for group in config["criteria"]:
        groups.append(group["id"])
        for item in group["items"]:
            item_group[item["id"]] = group["id"]
            item_max[item["id"]] = item["max"]
    kind = {a["id"]: a["kind"] for a in config.get("adjustments", [])}
    adj_max = {a["id"]: a["max"] for a in config.get("adjustments", [])}

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
    return sheets, groups


# ---------------------------------------------------------------- version 2


def is_whole(value):
    return isinstance(value, Fraction) and value.denominator == 1


class ConfigV2:
    """The tree, the items and the adjustments of a `thidua.cluster/2` config."""

    def __init__(self, config, members):
        self.members = members
        self.member_set = set(members)
        self.items = {}  # leaf id -> item dict (with "assigned", "entered_by")
        self.leaf_order = []
        self.seen = set()
        self.groups = []  # level-1 nodes
        for group in config["criteria"]:
            self.groups.append(self.node(group, 1, "criteria"))
        self.group_ids = [g[1] for g in self.groups]
        self.adjustments = {}
        for a in config.get("adjustments", []):
            self.claim(a["id"], "adjustments")
            if a["kind"] not in ("bonus", "deduction"):
                sys.exit(f"adjustment {a['id']}: unknown kind {a['kind']}")
            self.adjustments[a["id"]] = a

    def claim(self, ident, where):
        if not isinstance(ident, str) or not ident:
            sys.exit(f"{where}: an empty id")
        if ident in self.seen:
            sys.exit(f"{where}: the id {ident} is used twice")
        self.seen.add(ident)

    def node(self, entry, level, where):
        """("heading", id, cap, children) or ("item", id)."""
        ident = entry["id"]
        self.claim(ident, where)
        if level > MAX_LEVEL:
            sys.exit(f"{ident}: deeper than level {MAX_LEVEL}")
        if level == 1 or "items" in entry:
            cap = entry.get("cap")
            if cap is not None and not cap > 0:
                sys.exit(f"{ident}: a cap must be above 0")
            if not entry["items"]:
                sys.exit(f"{ident}: no items")
            children = [self.node(e, level + 1, ident) for e in entry["items"]]
            return ("heading", ident, cap, children)
        self.item(entry)
        return ("item", ident)

    def item(self, item):
        ident = item["id"]
        kind = item.get("kind", "points")
        if kind not in KINDS:
            sys.exit(f"{ident}: unknown kind {kind}")
        item = dict(item, kind=kind)
        not_assigned = item.get("not_assigned", [])
        for m in not_assigned:
            if m not in self.member_set:
                sys.exit(f"{ident}: not_assigned names an unknown member {m}")
        assigned = [m for m in self.members if m not in not_assigned]
        if not assigned:
            sys.exit(f"{ident}: assigned to no member")
        item["assigned"] = assigned
        default = "chair" if kind == "target" else "scorers"
        item["entered_by"] = item.get("entered_by", default)
        if item["entered_by"] not in ("chair", "scorers"):
            sys.exit(f"{ident}: entered_by must be chair or scorers")
        mx = item["max"]
        if not 0 <= mx <= 10_000:
            sys.exit(f"{ident}: max out of range")
        if kind == "points":
            step = item["step"]
            if not step > 0 or (mx / step).denominator != 1:
                sys.exit(f"{ident}: step must be positive and divide max")
        elif kind == "per_occurrence":
            if not item["rate"] > 0:
                sys.exit(f"{ident}: rate must be positive")
            if mx < item["rate"]:
                sys.exit(f"{ident}: a cap below the rate")
        elif kind == "plus_minus":
            if not item["bonus_rate"] > 0 or not item["penalty_rate"] > 0:
                sys.exit(f"{ident}: rates must be positive")
            if item.get("min", 0) > mx:
                sys.exit(f"{ident}: min above max")
            if "max_bonus" in item and not item["max_bonus"] > 0:
                sys.exit(f"{ident}: max_bonus must be positive")
        elif kind == "target":
            if item["formula"] not in ("ratio", "relative_to_best"):
                sys.exit(f"{ident}: unknown formula {item['formula']}")
            targets = item["targets"]
            if sorted(targets) != sorted(assigned):
                sys.exit(f"{ident}: targets must name every assigned member, and only those")
            for m, t in targets.items():
                if not 0 <= t <= MAX_QUANTITY:
                    sys.exit(f"{ident}: target of {m} out of range")
            decimals = item.get("decimals", 2)
            if decimals not in (0, 1, 2):
                sys.exit(f"{ident}: decimals must be 0, 1 or 2")
            item["decimals"] = int(decimals)
            needs_all = item["formula"] == "relative_to_best" or any(
                t == 0 for t in targets.values()
            )
            if needs_all and item["entered_by"] != "chair":
                sys.exit(f"{ident}: depends on other members' figures, must be entered by the chair")
        self.items[ident] = item
        self.leaf_order.append(ident)

    @staticmethod
    def cells_of(item):
        if item["kind"] == "plus_minus":
            return [item["id"] + "+", item["id"] + "-"]
        return [item["id"]]

    def scorer_cells(self, member):
        """cell id -> item id, for the cells a scorer enters for `member`."""
        cells = {}
        for ident in self.leaf_order:
            item = self.items[ident]
            if item["entered_by"] == "scorers" and member in item["assigned"]:
                for c in self.cells_of(item):
                    cells[c] = ident
        return cells

    def subtotal(self, node, points):
        if node[0] == "item":
            return points.get(node[1], Fraction(0))
        _, _, cap, children = node
        s = sum((self.subtotal(c, points) for c in children), Fraction(0))
        return min(s, cap) if cap is not None else s

    def own_max(self, member):
        maxima = {i: it["max"] for i, it in self.items.items() if member in it["assigned"]}
        return sum((self.subtotal(g, maxima) for g in self.groups), Fraction(0))


def entry_points(item, get, where):
    """The points of one entry; `get(cell)` gives the entered value or None."""
    kind = item["kind"]
    ident = item["id"]
    mx = item["max"]
    if kind == "plus_minus":
        b, d = get(ident + "+"), get(ident + "-")
        for c, v in ((ident + "+", b), (ident + "-", d)):
            if not is_whole(v) or not 0 <= v <= MAX_COUNT:
                sys.exit(f"{where}/{c}: a whole count is needed, not {v}")
        bonus = b * item["bonus_rate"]
        if "max_bonus" in item:
            bonus = min(bonus, item["max_bonus"])
        return max(item.get("min", Fraction(0)), min(bonus - d * item["penalty_rate"], mx))
    v = get(ident)
    if kind == "points":
        if not isinstance(v, Fraction) or not 0 <= v <= mx or (v / item["step"]).denominator != 1:
            sys.exit(f"{where}/{ident}: {v} is not 0..{mx} in steps of {item['step']}")
        return v
    if kind == "pass_fail":
        if v not in (0, 1) or not isinstance(v, Fraction):
            sys.exit(f"{where}/{ident}: pass_fail takes 1 or 0, not {v}")
        return mx if v == 1 else Fraction(0)
    if kind == "per_occurrence":
        if not is_whole(v) or not 0 <= v <= MAX_COUNT:
            sys.exit(f"{where}/{ident}: a whole count 0..{MAX_COUNT} is needed, not {v}")
        return min(item["rate"] * v, mx)
    if kind == "target":
        # A scorer-entered target (ratio, every T > 0): the points on that sheet.
        if not isinstance(v, Fraction) or not 0 <= v <= MAX_QUANTITY:
            sys.exit(f"{where}/{ident}: a quantity is needed, not {v}")
        return target_points(item, {m: v for m in item["assigned"]})[where.member]
    raise AssertionError(kind)


class Where(str):
    """A place for messages that also carries the member it is about."""

    def __new__(cls, text, member):
        s = super().__new__(cls, text)
        s.member = member
        return s


def target_points(item, actuals):
    """member -> points of a `target` item, from every assigned member's actual."""
    mx = item["max"]
    half = mx / 2
    targets = item["targets"]
    assigned = item["assigned"]
    without = [actuals[m] for m in assigned if targets[m] == 0]
    best_without = max(without, default=Fraction(0))
    above = [actuals[m] / targets[m] for m in assigned if targets[m] > 0 and actuals[m] > targets[m]]
    best_ratio = max(above, default=None)
    points = {}
    for m in assigned:
        t, a = targets[m], actuals[m]
        if t == 0:
            raw = Fraction(0) if best_without == 0 else mx * a / best_without
        elif item["formula"] == "ratio":
            raw = mx * min(a / t, 1)
        else:
            ratio = a / t
            if ratio < 1:
                raw = half * ratio
            elif ratio == 1:
                raw = half
            elif ratio == best_ratio:
                raw = mx
            else:
                raw = half + half * (ratio - 1) / (best_ratio - 1)
        d = item["decimals"]
        points[m] = Fraction(round_half_up(raw, d), 10**d)
    return points


def read_v2(folder, config, members, order_of):
    """The sheets of a version 2 meeting, and every member's own maximum."""
    tree = ConfigV2(config, members)
    digest = hashlib.sha256((folder / "cluster.json").read_bytes()).hexdigest()

    # The chair's facts: item points per member, the same on every sheet.
    chair_items = [i for i in tree.leaf_order if tree.items[i]["entered_by"] == "chair"]
    facts = {}
    facts_path = folder / "facts.json"
    if facts_path.exists():
        doc = load(facts_path)
        if doc.get("format") != "thidua.facts/1":
            sys.exit(f"{facts_path}: format must be thidua.facts/1")
        if doc.get("config_sha256") != digest:
            sys.exit(f"{facts_path}: config_sha256 is not the SHA-256 of cluster.json")
        facts = doc["facts"]
        for m, values in facts.items():
            if m not in order_of:
                sys.exit(f"{facts_path}: unknown member {m}")
            for cell in values:
                ident = cell[:-1] if cell[-1:] in "+-" and cell[:-1] in tree.items else cell
                item = tree.items.get(ident)
                if item is None or item["entered_by"] != "chair" or cell not in tree.cells_of(item):
                    sys.exit(f"{facts_path}: {m}/{cell} is not a fact")
                if m not in item["assigned"]:
                    sys.exit(f"{facts_path}: {ident} is not assigned to {m}")
    missing = []
    chair_points = {m: {} for m in members}  # member -> item -> points
    for ident in chair_items:
        item = tree.items[ident]
        for m in item["assigned"]:
            for c in tree.cells_of(item):
                if facts.get(m, {}).get(c) is None:
                    missing.append(f"{m}/{c}")
        if item["kind"] == "target":
            actuals = {}
            for m in item["assigned"]:
                a = facts.get(m, {}).get(ident)
                a = Fraction(0) if a is None else a
                if not isinstance(a, Fraction) or not 0 <= a <= MAX_QUANTITY:
                    sys.exit(f"{facts_path}: {m}/{ident} is not a quantity")
                actuals[m] = a
            for m, p in target_points(item, actuals).items():
                chair_points[m][ident] = p
        else:
            for m in item["assigned"]:
                values = facts.get(m, {})
                if any(values.get(c) is None for c in tree.cells_of(item)):
                    chair_points[m][ident] = Fraction(0)
                else:
                    where = Where(f"{facts_path}: {m}", m)
                    chair_points[m][ident] = entry_points(item, values.get, where)
    if missing:
        print(
            f"provisional: {len(missing)} fact(s) missing, counted 0: {', '.join(missing[:5])}",
            file=sys.stderr,
        )

    sheets = {}
    for path in sorted((folder / "sheets").glob("*.json")):
        sheet = load(path)
        if sheet.get("format") != "thidua.sheet/1":
            sys.exit(f"{path}: format must be thidua.sheet/1")
        if sheet.get("config_sha256") != digest:
            sys.exit(f"{path}: config_sha256 is not the SHA-256 of cluster.json")
        scorer = sheet["scorer"]
        if scorer not in order_of:
            sys.exit(f"{path}: unknown scorer {scorer}")
        if scorer in sheets:
            sys.exit(f"{path}: a second sheet for {scorer}")
        rows = {}
        for target, cells in sheet["scores"].items():
            if target not in order_of:
                sys.exit(f"{path}: unknown target {target}")
            allowed = tree.scorer_cells(target)
            bonus = deductions = Fraction(0)
            for cell, value in cells.items():
                if cell in allowed:
                    continue
                adj = tree.adjustments.get(cell)
                if adj is None:
                    sys.exit(f"{path}: {target}/{cell} is not a cell this scorer enters for {target}")
                if not 0 <= value <= adj["max"]:
                    sys.exit(f"{path}: {target}/{cell} out of range")
                if adj["kind"] == "bonus":
                    bonus += value
                else:
                    deductions += value
            lacking = [c for c in allowed if c not in cells]
            if lacking:
                sys.exit(f"{path}: {target} lacks {lacking[0]}")
            points = dict(chair_points[target])
            where = Where(f"{path}: {target}", target)
            for ident in set(allowed.values()):
                points[ident] = entry_points(tree.items[ident], cells.get, where)
            sums = {g[1]: tree.subtotal(g, points) for g in tree.groups}
            rows[target] = {
                "total": sum(sums.values()) + bonus - deductions,
                "groups": sums,
                "bonus": bonus,
                "deductions": deductions,
            }
        sheets[scorer] = rows
    own_max = {m: tree.own_max(m) for m in members}
    return sheets, tree.group_ids, own_max


# ---------------------------------------------------------------- the tally


def tally(folder):
    folder = Path(folder)
    config = load(folder / "cluster.json")
    version2 = config.get("format") == V2
    scoring = config.get("scoring", {})
    self_rule = scoring.get("self", "exclude")
    aggregate = scoring.get("aggregate", "mean")
    trim = int(scoring.get("trim", 0))
    decimals = int(scoring.get("decimals", 2))
    compare = scoring.get("compare", "points") if version2 else "points"
    if compare not in ("points", "percent_of_own_max"):
        sys.exit(f"scoring.compare: unknown {compare}")

    members = [m["id"] for m in config["members"]]
    order_of = {m: i for i, m in enumerate(members)}
    classes = config.get("classes", [])
    if version2:
        sheets, groups, own_max = read_v2(folder, config, members, order_of)
    else:
        sheets, groups = read_v1(folder, config, order_of)
        own_max = None

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
                "exact": None,
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
            "exact": total,
            "sheets_counted": len(counted),
            "groups": {g: mean("groups", g) for g in groups},
            "bonus": mean("bonus"),
            "deductions": mean("deductions"),
            "self_total": self_total,
        })

    for r in results:
        # What ranks: the rounded total, or the rounded percent of the own maximum.
        r["key"] = r["units"]
        if compare == "percent_of_own_max":
            r["key"] = None
            if own_max[r["id"]] == 0:
                sys.exit(f"{r['id']}: the own maximum is 0")
            if r["exact"] is not None:
                r["key"] = round_half_up(100 * r["exact"] / own_max[r["id"]], decimals)
    scored = [r["key"] for r in results if r["key"] is not None]
    for r in results:
        r["rank"] = None
        r["class"] = None
        if r["key"] is None:
            continue
        r["rank"] = 1 + sum(1 for u in scored if u > r["key"])
        for c in classes:
            # Rounded result >= min, compared exactly.
            if Fraction(r["key"], 10**decimals) >= c["min"]:
                r["class"] = c["id"]
                break
    results.sort(
        key=lambda r: (r["rank"] if r["rank"] is not None else float("inf"), order_of[r["id"]])
    )
    out = []
    for r in results:
        row = {
            "id": r["id"],
            "total": None if r["units"] is None else show(r["units"], decimals),
            "rank": r["rank"],
            "class": r["class"],
            "sheets_counted": r["sheets_counted"],
            "groups": r["groups"],
            "bonus": r["bonus"],
            "deductions": r["deductions"],
            "self_total": r["self_total"],
        }
        if version2:
            row["own_max"] = show(round_half_up(own_max[r["id"]], decimals), decimals)
            if compare == "percent_of_own_max":
                row["percent"] = None if r["key"] is None else show(r["key"], decimals)
        out.append(row)
    return {"members": out}


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: independent_tally.py SAMPLE_FOLDER (holding cluster.json and sheets/)")
    print(json.dumps(tally(argv[1]), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main(sys.argv)
