"""Cold chart drawing: plotly's validating drawing against the request path's unvalidated one.

Run: `uv run python benchmarks/figure_draw.py [--repeats 7]` (from the repository root, on
built marts). For every registered chart (and map) and a few views a reader types (the page's
default, a city, a date range, Spanish), it times, interleaved and with the per-build cache
out of the way:

- validated: the rows, the figure drawn through plotly's validating objects, the screen
  changes and `to_dict()` (what the request path did before; exports still do);
- request path: the same through `drawn` / `drawn_map` in dashboard/components/chart_card.py
  (figures/unvalidated.py);
- rows: the mart query alone (`chart.load`), the part no drawing can avoid.

Prints the medians per chart (over views and repeats) and the ratio. Times depend on the
machine: the first line says how busy it was; read ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEWS = ("", "?city=Tijuana", "?start=2019-01-01&end=2021-06-30", "?lang=es")


def ms(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    from dashboard import cache
    from dashboard.components import chart_card
    from dashboard.figures.registry import CHARTS, Filters

    def validated_chart(figure_id, filters):
        chart = CHARTS[figure_id]
        _, figure, _ = chart.render(filters)
        (chart.screen(figure) if chart.screen else figure).to_dict()

    def validated_map(figure_id, filters):
        places = CHARTS[figure_id].places
        rows = places.load(filters)
        places.draw(rows, filters).to_dict(), places.summarize(rows, filters)

    cases = [(f"{fid}", validated_chart, chart_card.drawn.uncached, fid) for fid in CHARTS]
    cases += [
        (f"{fid} (map)", validated_map, chart_card.drawn_map.uncached, fid)
        for fid, chart in CHARTS.items()
        if chart.places
    ]
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {args.repeats} repeats"
    )
    views = [Filters.from_search(q) for q in VIEWS]
    for _name, old, new, fid in cases:  # first draws in a process pay imports and caches
        old(fid, views[0])
        new(fid, views[0])
    print("| chart | rows ms | validated ms | request path ms | validated / request path |")
    print("|---|---:|---:|---:|---:|")
    totals = {"old": 0.0, "new": 0.0}
    with cache.bypass():  # every query runs, as for a view no worker has drawn yet
        for case in cases:
            table_row(case, views, args.repeats, totals)
    print(
        f"all charts, sum of medians: validated {totals['old']:.0f} ms, request path "
        f"{totals['new']:.0f} ms ({totals['old'] / totals['new']:.1f}×)"
    )


def table_row(case, views, repeats: int, totals: dict) -> None:
    """One chart's medians over views and repeats, the three timings interleaved."""
    from dashboard.figures.registry import CHARTS

    name, old, new, fid = case
    chart = CHARTS[fid]
    load = chart.places.load if name.endswith("(map)") else chart.load
    times = {"rows": [], "old": [], "new": []}
    for _ in range(repeats):
        for filters in views:
            times["rows"].append(ms(load, chart.resolve(filters)))
            times["old"].append(ms(old, fid, filters))
            times["new"].append(ms(new, fid, filters))
    med = {k: statistics.median(v) for k, v in times.items()}
    totals["old"] += med["old"]
    totals["new"] += med["new"]
    print(
        f"| {name} | {med['rows']:.1f} | {med['old']:.1f} | {med['new']:.1f} | "
        f"{med['old'] / med['new']:.1f}× |"
    )


if __name__ == "__main__":
    main()
