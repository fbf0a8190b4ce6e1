"""Builds marts.policy_effects: every key event x analysable series x window x method.

Call `build(con)` after the SQL marts exist. Rows that cannot be estimated are kept, with
`is_estimable = false`, NULL numbers and the reason in `caveat_en` / `caveat_es`. Seeds are
fixed, so the same marts give the same table. Methods: docs/methods.md.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from etl import series as registry_mod
from etl.stats.before_after import Window, diff_bootstrap, select_window
from etl.stats.caveats import UNIT_ES, compose
from etl.stats.its import NotEstimable, fit_segmented

WINDOWS = (3, 6, 12, 24)  # months a side; 24 lets monthly series carry month-of-year terms
METHODS = ("its_segmented_ols_hac", "diff_means_bootstrap", "diff_medians_bootstrap")
SEASONAL_MIN_WINDOW = 24  # month dummies: 2+ years a side, else the end points fit exactly
SMALL_N = 8  # below this many points a side, intervals are flagged as approximate
ITS_SHORT = 60  # below this many points, measured ITS coverage is under 85% (docs/methods.md)
NUMERIC = ("level_change", "ci_low", "ci_high", "slope_change", "slope_ci_low", "slope_ci_high")
SCHEMA = {
    "event_id": pl.String, "event_date": pl.Date, "series_id": pl.String,
    "window_months": pl.Int32, "method": pl.String, "is_estimable": pl.Boolean,
    **{c: pl.Float64 for c in NUMERIC}, "p_value": pl.Float64, "slope_p_value": pl.Float64,
    "n_before": pl.Int32, "n_after": pl.Int32, "hac_lags": pl.Int32, "seasonal": pl.Boolean,
    "unit": pl.String, "other_events_in_window": pl.String, "caveat_en": pl.String,
    "caveat_es": pl.String, "source_id": pl.String,
}  # fmt: skip


def key_events(con) -> list[dict]:
    """Key events with a date; `_alt` rows (a second date from another source) are skipped."""
    sql = """select event_id, event_date, date_precision, source_id from marts.policy_events
        where is_key_event and event_date is not null and not ends_with(event_id, '_alt')
        order by event_date, event_id"""
    return con.sql(sql).pl().to_dicts()


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _others(event: dict, events: list[dict], k: int) -> list[str]:
    """Other key events whose month is within k months of this event's month."""
    m = _month(event["event_date"])
    return [
        e["event_id"]
        for e in events
        if e["event_id"] != event["event_id"] and abs(_month(e["event_date"]) - m) <= k
    ]


def _estimate(method: str, w: Window, seasonal: bool) -> dict:
    """One estimate as mart columns; raises NotEstimable with the reason."""
    if method == METHODS[0]:
        r = fit_segmented(w.t, w.y, months=w.month_of_year if seasonal else None)
        return {
            "level_change": r.level_change, "ci_low": r.level_ci[0], "ci_high": r.level_ci[1],
            "slope_change": r.slope_change, "slope_ci_low": r.slope_ci[0],
            "slope_ci_high": r.slope_ci[1], "p_value": r.level_p, "slope_p_value": r.slope_p,
            "hac_lags": r.hac_lags, "seasonal": r.seasonal,
        }  # fmt: skip
    stat = "mean" if method == METHODS[1] else "median"
    r = diff_bootstrap(w.y[w.t < 0], w.y[w.t > 0], statistic=stat)
    return {"level_change": r.estimate, "ci_low": r.ci[0], "ci_high": r.ci[1]}


def _caveats(s, w: Window, others: list[str], event: dict, k: int, method: str) -> list:
    items: list[tuple[str, dict]] = []
    if others:
        items.append(("other_events", {"events": ", ".join(others)}))
    if event["date_precision"] == "month":
        items.append(("month_precision", {}))
    if method == METHODS[0] and w.n_before + w.n_after < ITS_SHORT:
        items.append(("its_short", {"n": w.n_before + w.n_after}))
    if method != METHODS[0] and min(w.n_before, w.n_after) < SMALL_N:
        items.append(("small_n", {"n_before": w.n_before, "n_after": w.n_after}))
    if s.frequency == "irregular":
        items.append(("irregular", {}))
    elif method == METHODS[0] and s.seasonal:
        items.append(("seasonal" if k >= SEASONAL_MIN_WINDOW else "not_seasonal", {}))
    if s.frequency == "monthly" and len(w.y) and bool((w.y % 10 == 0).all()):
        items.append(("rounded", {}))
    if s.unit in ("encounters", "appointments"):
        items.append(("events_not_people", {"unit": s.unit, "unit_es": UNIT_ES[s.unit]}))
    if s.unit == "names":
        items.append(("names_not_people", {}))
    return items


def _row(s, data: pl.DataFrame, event: dict, events: list[dict], k: int, method: str) -> dict:
    w = select_window(
        data["date"].to_list(), data["value"].to_numpy(), event["event_date"], k,
        s.frequency, event["date_precision"] or "day",
    )  # fmt: skip
    others = _others(event, events, k)
    row = {c: None for c in SCHEMA} | {
        "event_id": event["event_id"], "event_date": event["event_date"],
        "series_id": s.series_id, "window_months": k, "method": method, "unit": s.unit,
        "n_before": w.n_before, "n_after": w.n_after, "source_id": event["source_id"],
        "other_events_in_window": ",".join(others), "seasonal": False,
    }  # fmt: skip
    items = _caveats(s, w, others, event, k, method)
    try:
        if data.is_empty():
            raise NotEstimable("no_data", "no data")
        row |= _estimate(method, w, s.seasonal and k >= SEASONAL_MIN_WINDOW)
        row["is_estimable"] = True
    except NotEstimable as exc:
        row["is_estimable"] = False
        items = [(exc.code, {"n_before": w.n_before, "n_after": w.n_after})] + [
            i for i in items if i[0] == "other_events"
        ]
    row["caveat_en"], row["caveat_es"] = compose(items)
    return row


def compute(con) -> pl.DataFrame:
    """The policy_effects table as a polars frame (no writing)."""
    events = key_events(con)
    rows = []
    for s in (s for s in registry_mod.registry(con) if s.in_policy_effects):
        data = s.load(con)
        for event in events:
            for k in WINDOWS:
                rows += [_row(s, data, event, events, k, m) for m in METHODS]
    return pl.DataFrame(rows, schema=SCHEMA).sort(
        ["event_date", "event_id", "series_id", "window_months", "method"]
    )


def build(con) -> None:
    """Create (or replace) marts.policy_effects from the marts in `con`."""
    df = compute(con)
    con.execute("create schema if not exists marts")
    con.register("policy_effects_frame", df)
    try:
        con.execute(
            "create or replace table marts.policy_effects as select * from policy_effects_frame"
        )
    finally:
        con.unregister("policy_effects_frame")


def fitted_lines(con, event_id: str, series_id: str, window_months: int) -> pl.DataFrame:
    """Points in the window with the ITS fitted lines, 95% band and counterfactual, for drawing.

    Columns: date, t_months, value, period ('before'/'after'), source_id (the point's sources),
    fitted, band_low, band_high, counterfactual (the pre-event line carried on; null before the
    event). The fitted columns are null when the estimate is refused (see
    marts.policy_effects.caveat_en for why).
    """
    event = next(e for e in key_events(con) if e["event_id"] == event_id)
    s = registry_mod.get(con, series_id)
    data = s.load(con)
    w = select_window(
        data["date"].to_list(), data["value"].to_numpy(), event["event_date"], window_months,
        s.frequency, event["date_precision"] or "day",
    )  # fmt: skip
    out = pl.DataFrame(
        {"date": w.dates, "t_months": w.t, "value": w.y},
        schema={"date": pl.Date, "t_months": pl.Float64, "value": pl.Float64},
    ).with_columns(
        period=pl.when(pl.col("t_months") < 0).then(pl.lit("before")).otherwise(pl.lit("after"))
    )
    out = out.join(data.select("date", "source_id"), on="date", how="left", maintain_order="left")
    cols = ("fitted", "band_low", "band_high", "counterfactual")
    try:
        seasonal = s.seasonal and window_months >= SEASONAL_MIN_WINDOW
        r = fit_segmented(w.t, w.y, months=w.month_of_year if seasonal else None)
    except NotEstimable:
        return out.with_columns([pl.lit(None, pl.Float64).alias(c) for c in cols])
    return out.with_columns([pl.Series(c, getattr(r, c)).fill_nan(None) for c in cols])
