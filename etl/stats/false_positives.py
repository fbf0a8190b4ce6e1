"""Measured false-positive rate of the ITS model at placebo dates, before and after the verdict.

At every placebo date (no key event within the window; etl/stats/placebo.py) nothing
happened, so any "finding" there is a false positive:
- before: the share of placebo dates where the Newey-West p of the level change is < 0.05
  (what the old page called "significant");
- after: the share where the verdict would be "clear change": placebo p <= 0.05 against the
  OTHER placebo dates of the series (leave one out) and one sign across the specifications.
Run `python -m etl.stats.false_positives [path/to/metering.duckdb]`; it prints the markdown
table kept in docs/methods.md.
"""

from __future__ import annotations

import sys
from datetime import date

import duckdb
import numpy as np

from etl import paths
from etl import policy_effects as pe
from etl import series as registry_mod
from etl.stats import placebo
from etl.stats.its import NotEstimable
from etl.stats.specs import levels, specs_for

SERIES = ("ofo_sw_total", "usbp_sw_total")
METHOD = pe.METHODS[0]


def _at_date(p: pe.Prepared, when: date, k: int) -> tuple[float, float, float]:
    """(Newey-West p, lowest and highest level change across specifications) at one date."""
    try:
        hac_p = pe._its(p.base_window(when, k, "day"), p.seasonal(k)).level_p
    except NotEstimable:
        hac_p = np.nan
    t, y, cal = p.spec_window(when, k, "day")
    found = [
        levels(METHOD, s, t, y[None], cal, p.seasonal(k))[0] for s in specs_for(METHOD, "monthly")
    ]
    found = np.array([f for f in found if np.isfinite(f)])
    return hac_p, found.min(), found.max()


def rates(con, series_id: str, k: int) -> dict:
    events = pe.key_events(con)
    p = pe.Prepared.load(registry_mod.get(con, series_id), con)
    months, dist = pe.PlaceboCache(events).get(p, k, METHOD)
    hac, clear, uncertain = [], 0, 0
    for i, month in enumerate(months):
        hac_p, low, high = _at_date(p, pe.month_start(int(month)), k)
        hac.append(hac_p)
        others = np.delete(dist, i)
        code = placebo.verdict(placebo.placebo_p(dist[i], others), low, high)
        clear += code == "clear"
        uncertain += code == "uncertain"
    n = len(months)
    hac = np.array(hac)
    return {
        "series_id": series_id, "window": k, "n": n,
        "before": int((hac < 0.05).sum()), "clear": clear, "uncertain": uncertain,
    }  # fmt: skip


def _share(count: int, n: int) -> str:
    return f"{count} ({count / n:.0%})" if n else "—"


def table(con) -> str:
    lines = [
        "| series | window (months a side) | placebo dates | before: Newey–West p < 0.05 "
        "| after: verdict “clear change” | after: “change of uncertain size” |",
        "|---|---|---|---|---|---|",
    ]
    for sid in SERIES:
        for k in pe.WINDOWS:
            r = rates(con, sid, k)
            shares = [_share(r[c], r["n"]) for c in ("before", "clear", "uncertain")]
            lines.append(f"| {sid} | {k} | {r['n']} | " + " | ".join(shares) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = argv[0] if argv else str(paths.marts_path())
    with duckdb.connect(path, read_only=True) as con:
        print(table(con))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
