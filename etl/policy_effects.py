"""Builds marts.policy_effects, marts.policy_fits, marts.policy_placebo and
marts.policy_series_info: every key event x analysable series x window x method, with the
placebo test, the specification range and a verdict in words.

Call `build(con)` after the SQL marts exist. Rows that cannot be estimated are kept, with
`is_estimable = false`, NULL numbers and the reason in `caveat_en` / `caveat_es`. Seeds are
fixed, so the same marts give the same tables. Methods: docs/methods.md.

Speed: every series is read by one query (etl/series.py: load_all), its month and day
numbers computed once, and its windows around every event found at once; the placebo
estimates of a (series, window, method) are computed once, for every placebo date at a time
(etl/stats/specs.py), and reused by every event. The rows are
estimated in batches: every window of the same sizes in one bootstrap (same resamples); every
window with the same design in one least-squares solve, for the ITS fit (with each window's own
Newey-West errors: etl/stats/its.py) and for each specification, where windows whose calendar
months differ only by a shift share a design (specs.month_pattern); a row's main
specification is its own estimate. The four tables are built column by column. `compute_all`
only reads, so the build runs it in a worker thread while DuckDB builds the other marts
(etl/build.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import polars as pl

from etl import series as registry_mod
from etl.arrow_stream import ArrowStream
from etl.stats import placebo
from etl.stats.before_after import DAYS_PER_MONTH, Window, diff_bootstrap_rows
from etl.stats.caveats import UNIT_ES, compose
from etl.stats.its import ItsResult, NotEstimable, fit_segmented, fit_segmented_rows
from etl.stats.specs import (
    BASE,
    IRREGULAR_SPECS,
    SpecWindow,
    levels,
    month_pattern,
    spec_levels,
)

WINDOWS = (3, 6, 12, 24)  # months a side; 24 lets monthly series carry month-of-year terms
METHODS = ("its_segmented_ols_hac", "diff_means_bootstrap", "diff_medians_bootstrap")
SEASONAL_MIN_WINDOW = 24  # month dummies: 2+ years a side, else the end points fit exactly
SMALL_N = 8  # below this many points a side, intervals are flagged as approximate
ITS_SHORT = 60  # below this many points, measured ITS coverage is under 85% (docs/methods.md)
NUMERIC = ("level_change", "ci_low", "ci_high", "slope_change", "slope_ci_low", "slope_ci_high")
CI_BASIS = {METHODS[0]: "model_based_hac", METHODS[1]: "bootstrap", METHODS[2]: "bootstrap"}
SCHEMA = {
    "event_id": pl.String, "event_date": pl.Date, "series_id": pl.String,
    "window_months": pl.Int32, "method": pl.String, "is_estimable": pl.Boolean,
    "verdict": pl.String, "verdict_en": pl.String, "verdict_es": pl.String,
    **{c: pl.Float64 for c in NUMERIC}, "ci_basis": pl.String,
    "p_value": pl.Float64, "slope_p_value": pl.Float64,
    "placebo_n": pl.Int32, "placebo_p": pl.Float64,
    "spec_low": pl.Float64, "spec_high": pl.Float64, "spec_n": pl.Int32,
    "n_before": pl.Int32, "n_after": pl.Int32, "hac_lags": pl.Int32, "seasonal": pl.Boolean,
    "unit": pl.String, "other_events_in_window": pl.String, "caveat_en": pl.String,
    "caveat_es": pl.String, "source_id": pl.String,
}  # fmt: skip
FIT_COLUMNS = ("fitted", "band_low", "band_high", "counterfactual")
FIT_SCHEMA = {
    "event_id": pl.String, "series_id": pl.String, "window_months": pl.Int32,
    "date": pl.Date, "t_months": pl.Float64, "value": pl.Float64, "period": pl.String,
    "source_id": pl.String, **{c: pl.Float64 for c in FIT_COLUMNS},
}  # fmt: skip
PLACEBO_SCHEMA = {
    "series_id": pl.String, "window_months": pl.Int32, "method": pl.String,
    "placebo_date": pl.Date, "level_change": pl.Float64,
}  # fmt: skip
NO_PLACEBO = (np.array([], np.int64), np.array([]))
TABLES = ("policy_effects", "policy_fits", "policy_placebo", "policy_series_info")
INFO_COLUMNS = (
    "series_id", "title_en", "title_es", "frequency", "unit", "source", "in_policy_effects",
    "note_en", "note_es",
)  # fmt: skip


def key_events(con) -> list[dict]:
    """Key events with a date; `_alt` rows (a second date from another source) are skipped."""
    sql = """select event_id, event_date, date_precision, source_id, title, title_es
        from marts.policy_events
        where is_key_event and event_date is not null and not ends_with(event_id, '_alt')
        order by event_date, event_id"""
    result = con.execute(sql)  # rows, not `.pl()`: that imports pyarrow
    columns = [c[0] for c in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_start(index: int) -> date:
    """The first day of the month of a month index (the inverse of month_index)."""
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class Prepared:
    """One series read once: values, month indices and sources, in date order."""

    series: registry_mod.Series
    data: pl.DataFrame
    dates: list[date]
    y: np.ndarray
    months: np.ndarray  # month index (year * 12 + month - 1) of each point

    @classmethod
    def load(cls, s, con) -> Prepared:
        return cls.of(s, s.load(con))

    @classmethod
    def of(cls, s, data: pl.DataFrame) -> Prepared:
        dates = data["date"].to_list()
        months = np.array([month_index(d) for d in dates], dtype=np.int64)
        return cls(s, data, dates, data["value"].to_numpy().astype(float), months)

    @cached_property
    def sources_by_date(self) -> dict[date, str]:
        return dict(zip(self.dates, self.data["source_id"].to_list(), strict=True))

    @property
    def monthly(self) -> bool:
        return self.series.frequency == "monthly"

    def seasonal(self, k: int) -> bool:
        return self.series.seasonal and k >= SEASONAL_MIN_WINDOW

    def spec_window(self, when: date, k: int, precision: str) -> tuple[np.ndarray, ...]:
        """(t, y, calendar month) of the points the specifications use: monthly series keep
        the event's month (t = 0; each spec decides), irregular series the base window."""
        if self.monthly:
            t = (self.months - month_index(when)).astype(float)
            keep = (np.abs(t) <= k) & self.finite
            return t[keep], self.y[keep], self.month_of_year[keep]
        w = self.base_window(when, k, precision)
        return w.t, w.y, w.month_of_year

    @cached_property
    def days(self) -> np.ndarray:
        """Day number (date.toordinal) of each point."""
        return np.array([d.toordinal() for d in self.dates], dtype=np.int64)

    @cached_property
    def finite(self) -> np.ndarray:
        """Which points have a value (NaN never enters a window)."""
        return np.isfinite(self.y)

    @cached_property
    def month_of_year(self) -> np.ndarray:
        """Calendar month (1-12) of each point."""
        return self.months % 12 + 1

    def base_window(self, when: date, k: int, precision: str) -> Window:
        """The window of etl.stats.before_after.select_window (see base_windows)."""
        return self.base_windows([when], k, [precision])[0]

    def base_windows(self, whens: list[date], k: int, precisions: list[str]) -> list[Window]:
        """The window of etl.stats.before_after.select_window around each date (of the
        given precision), from the month and day numbers computed once per series (the
        points are already in date order, one a date) and one mask for all the dates."""
        event_months = np.array([month_index(d) for d in whens], np.int64)[:, None]
        if self.monthly:  # whole months from the event's month; that month left out
            t = self.months - event_months
            distance = np.abs(t)
            keep = (distance >= 1) & (distance <= k)
        else:  # days from the event / mean month; the event day (or month) left out
            days = np.array([d.toordinal() for d in whens], np.int64)[:, None]
            t = (self.days - days) / DAYS_PER_MONTH
            keep = (t != 0) & (np.abs(t) <= k)
            by_month = np.array([precision == "month" for precision in precisions], bool)[:, None]
            keep &= ~(by_month & (self.months == event_months))
        keep &= self.finite
        n_after = (keep & (t > 0)).sum(axis=1).tolist()
        windows = []
        for row, t_row, after in zip(keep, t, n_after, strict=True):
            idx = np.flatnonzero(row)
            dates = [self.dates[i] for i in idx.tolist()]
            tk = t_row[idx].astype(float)
            y, moy = self.y[idx], self.month_of_year[idx]
            windows.append(Window(dates, tk, y, moy, len(idx) - after, after))
        return windows


def _others(event: dict, events: list[dict], k: int) -> list[dict]:
    """Other key events whose month is within k months of this event's month."""
    m = month_index(event["event_date"])
    return [
        e
        for e in events
        if e["event_id"] != event["event_id"] and abs(month_index(e["event_date"]) - m) <= k
    ]


class PlaceboCache:
    """Placebo estimates per (series, window, method), computed once for all events."""

    def __init__(self, events: list[dict]):
        self.event_months = np.array([month_index(e["event_date"]) for e in events], np.int64)
        # (series, window, method): (placebo months as month indices, level change at each)
        self.store: dict[tuple[str, int, str], tuple[np.ndarray, np.ndarray]] = {}
        self.windows: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
        self.placebos_by_key: dict[tuple[str, int, str], placebo.Placebos] = {}

    def get(self, p: Prepared, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
        """(placebo months as month indices, the level change at each); see month_start."""
        key = (p.series.series_id, k, method)
        if key not in self.store:
            compute = self._monthly if p.monthly else self._irregular
            self.store[key] = compute(p, k, method)
        return self.store[key]

    def placebos(self, p: Prepared, k: int, method: str) -> placebo.Placebos:
        """The placebo estimates that could be made, for placebo_p and placebo_n."""
        key = (p.series.series_id, k, method)
        if key not in self.placebos_by_key:
            self.placebos_by_key[key] = placebo.Placebos(self.get(p, k, method)[1])
        return self.placebos_by_key[key]

    def _monthly(self, p: Prepared, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
        """Every month whose whole window (k a side, its own month too) is present and holds
        no key event: the base specification at all of them at once."""
        centres, windows = self._monthly_windows(p, k)
        if len(centres) == 0:
            return centres, np.array([])
        t = np.arange(-k, k + 1, dtype=float)
        seasonal = p.seasonal(k) and method == METHODS[0]
        # every window has 2k + 1 consecutive months: the same months up to a shift, so one
        # design (with the first window's calendar months) serves all (specs.month_pattern)
        calendar = (int(centres[0]) + np.arange(-k, k + 1)) % 12 + 1
        return centres, levels(method, BASE, t, windows, calendar, seasonal)

    def _monthly_windows(self, p: Prepared, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(placebo months, their windows: one row of 2k + 1 values each) of a monthly
        series, the same for every method: found once."""
        key = (p.series.series_id, k)
        if key not in self.windows:
            self.windows[key] = self._find_monthly_windows(p, k)
        return self.windows[key]

    def _find_monthly_windows(self, p: Prepared, k: int) -> tuple[np.ndarray, np.ndarray]:
        if len(p.months) == 0:
            return NO_PLACEBO[0], np.empty((0, 2 * k + 1))
        first = int(p.months.min())
        dense = np.full(int(p.months.max()) - first + 1, np.nan)  # one value a month, or NaN
        dense[p.months - first] = p.y
        if len(dense) < 2 * k + 1:
            return NO_PLACEBO[0], np.empty((0, 2 * k + 1))
        windows = np.lib.stride_tricks.sliding_window_view(dense, 2 * k + 1)
        centres = first + k + np.arange(len(windows))
        ok = np.isfinite(windows).all(axis=1)
        ok &= placebo.eligible_centres(centres, self.event_months, k)
        return centres[ok], windows[ok]

    def _irregular(self, p: Prepared, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
        """The first of every month of the series' span with no key event within k months."""
        if len(p.months) == 0:
            return NO_PLACEBO
        centres = np.arange(int(p.months.min()), int(p.months.max()) + 1)
        centres = centres[placebo.eligible_centres(centres, self.event_months, k)]
        values = np.full(len(centres), np.nan)
        for i, c in enumerate(centres):
            w = p.base_window(month_start(int(c)), k, "day")
            values[i] = levels(method, IRREGULAR_SPECS[0], w.t, w.y[None])[0]
        found = np.isfinite(values)
        return centres[found], values[found]


def _its(w: Window, seasonal: bool):
    return fit_segmented(w.t, w.y, months=w.month_of_year if seasonal else None)


def _its_fits(windows: list[tuple]) -> list[ItsResult | NotEstimable | None]:
    """The ITS fit (or why it is refused) of each (series, window size, event, window), as
    `_its` gives it; None for a series never estimated (drawn without lines). Windows at the
    same times, and where the fit has month terms the same months up to a shift
    (specs.month_pattern), share one design, so they are fitted together
    (fit_segmented_rows: one solve for all of them)."""
    groups: dict[tuple, list[int]] = {}
    for i, (p, k, _, w) in enumerate(windows):
        if p.series.in_policy_effects:
            months = month_pattern(w.month_of_year) if p.seasonal(k) else None
            groups.setdefault((w.t.tobytes(), months), []).append(i)
    out: list[ItsResult | NotEstimable | None] = [None] * len(windows)
    for (_, months), members in groups.items():
        w = windows[members[0]][3]
        y = np.stack([windows[i][3].y for i in members])
        fits = fit_segmented_rows(w.t, y, months=None if months is None else w.month_of_year)
        for i, fit in zip(members, fits, strict=True):
            out[i] = fit
    return out


@dataclass
class Task:
    """One (series, window size, event): its base window and ITS fit (or why it was refused),
    the three rows of marts.policy_effects it gives once estimated."""

    p: Prepared
    k: int
    event: dict
    w: Window
    fit: ItsResult | NotEstimable

    @cached_property
    def spec_points(self) -> tuple[np.ndarray, ...]:
        precision = self.event["date_precision"] or "day"
        return self.p.spec_window(self.event["event_date"], self.k, precision)

    @cached_property
    def rounded(self) -> bool:
        """Every value in the window a multiple of 10 (OHSS rounding)."""
        return len(self.w.y) > 0 and bool((self.w.y % 10 == 0).all())

    def spec_window(self, method: str, estimate: float) -> SpecWindow:
        """The points of the specification range of this task's row for `method`, whose
        main specification is the row's own `estimate` (same points, same model)."""
        frequency, seasonal = self.p.series.frequency, self.p.seasonal(self.k)
        return SpecWindow(method, frequency, seasonal, *self.spec_points, main=estimate)


def _its_estimate(fit: ItsResult | NotEstimable) -> dict | NotEstimable:
    if isinstance(fit, NotEstimable):
        return fit
    return {
        "level_change": fit.level_change, "ci_low": fit.level_ci[0],
        "ci_high": fit.level_ci[1], "slope_change": fit.slope_change,
        "slope_ci_low": fit.slope_ci[0], "slope_ci_high": fit.slope_ci[1],
        "p_value": fit.level_p, "slope_p_value": fit.slope_p, "hac_lags": fit.hac_lags,
        "seasonal": fit.seasonal,
    }  # fmt: skip


def _estimates(tasks: list[Task]) -> list[dict[str, dict | NotEstimable]]:
    """Per task and method, the estimate as mart columns, or NotEstimable with the reason.
    Bootstraps run once per window size for every window of that size (same resamples)."""
    out: list[dict[str, dict | NotEstimable]] = []
    by_size: dict[tuple[int, int], list[int]] = {}
    for i, task in enumerate(tasks):
        if len(task.p.y) == 0:
            out.append(dict.fromkeys(METHODS, NotEstimable("no_data", "no data")))
            continue
        out.append({METHODS[0]: _its_estimate(task.fit)})
        by_size.setdefault((task.w.n_before, task.w.n_after), []).append(i)
    for members in by_size.values():
        windows = [tasks[i].w for i in members]  # each in time order: before, then after
        before = np.stack([w.y[: w.n_before] for w in windows])
        after = np.stack([w.y[w.n_before :] for w in windows])
        for method, statistic in ((METHODS[1], "mean"), (METHODS[2], "median")):
            try:
                r = diff_bootstrap_rows(before, after, statistic)
            except NotEstimable as exc:
                for i in members:
                    out[i][method] = exc
                continue
            for j, i in enumerate(members):
                out[i][method] = {
                    "level_change": float(r.estimate[j]),
                    "ci_low": float(r.low[j]),
                    "ci_high": float(r.high[j]),
                }
    return out


def _uncertainty(p: Prepared, method: str, k: int, estimate: float, found, cache) -> dict:
    """Specification range, placebo n and p, and the verdict of one estimated row, from the
    level change of each specification (`found`)."""
    found = [level for level in found.tolist() if math.isfinite(level)]
    placebos = cache.placebos(p, k, method)
    pp = placebos.p(estimate)
    low, high = (min(found), max(found)) if found else (None, None)
    code = placebo.verdict(pp, low, high)
    return {
        "spec_low": low, "spec_high": high, "spec_n": len(found),
        "placebo_n": placebos.n, "placebo_p": pp, "verdict": code,
        "verdict_en": placebo.VERDICTS[code][0], "verdict_es": placebo.VERDICTS[code][1],
    }  # fmt: skip


def _other_events(others: list[dict]) -> list[tuple[str, dict]]:
    """The caveat naming the other key events in a window by their titles, in each language
    (readers never see an internal event id)."""
    if not others:
        return []
    en = "; ".join(e["title"] for e in others)
    es = "; ".join(e["title_es"] or e["title"] for e in others)
    return [("other_events", {"events_en": en, "events_es": es})]


def _caveats(task: Task, other_events: list, row: dict) -> list:
    """The caveats of an estimated row, in order (`other_events`: the caveat naming the other
    key events in its window, or none)."""
    p, w, event, k = task.p, task.w, task.event, task.k
    s, method = p.series, row["method"]
    items = list(other_events)
    if event["date_precision"] == "month":
        items.append(("month_precision", {}))
    if row.get("placebo_n") == 0:
        items.append(("placebo_none", {}))
    elif row.get("placebo_n") is not None and row["placebo_n"] < placebo.MIN_PLACEBO_FOR_CLEAR:
        items.append(("placebo_few", {"n": row["placebo_n"]}))
    if method == METHODS[0]:
        items.append(("model_based_ci", {}))
    if method == METHODS[0] and w.n_before + w.n_after < ITS_SHORT:
        items.append(("its_short", {"n": w.n_before + w.n_after}))
    if method != METHODS[0] and min(w.n_before, w.n_after) < SMALL_N:
        items.append(("small_n", {"n_before": w.n_before, "n_after": w.n_after}))
    if s.frequency == "irregular":
        items.append(("irregular", {}))
    elif method == METHODS[0] and s.seasonal:
        items.append(("seasonal" if k >= SEASONAL_MIN_WINDOW else "not_seasonal", {}))
    if s.frequency == "monthly" and task.rounded:
        items.append(("rounded", {}))
    if s.unit in ("encounters", "appointments"):
        items.append(("events_not_people", {"unit": s.unit, "unit_es": UNIT_ES[s.unit]}))
    if s.unit == "names":
        items.append(("names_not_people", {}))
    return items


def _row(task: Task, method: str, estimate, found, others: tuple[str, list], cache) -> dict:
    """One row of marts.policy_effects (columns not set are null); `found`: the
    specification levels (estimated rows), `others`: the ids of the other key events in its
    window and the caveat naming them."""
    p, w, event, k = task.p, task.w, task.event, task.k
    other_ids, other_events = others
    row = {
        "event_id": event["event_id"], "event_date": event["event_date"],
        "series_id": p.series.series_id, "window_months": k, "method": method,
        "unit": p.series.unit, "n_before": w.n_before, "n_after": w.n_after,
        "source_id": event["source_id"], "other_events_in_window": other_ids,
        "seasonal": False, "ci_basis": CI_BASIS[method],
    }  # fmt: skip
    if isinstance(estimate, NotEstimable):
        row["is_estimable"] = False
        items = [(estimate.code, {"n_before": w.n_before, "n_after": w.n_after})]
        items += other_events
    else:
        row |= estimate
        row |= _uncertainty(p, method, k, row["level_change"], found, cache)
        row["is_estimable"] = True
        items = _caveats(task, other_events, row)
    row["caveat_en"], row["caveat_es"] = compose(items)
    return row


def _rows(tasks: list[Task], events: list[dict], cache: PlaceboCache) -> list[dict]:
    """Every row of marts.policy_effects: estimates, then the specification ranges of the
    estimated ones (windows with the same design fitted together), then the rows."""
    estimates = _estimates(tasks)
    estimated = [
        (i, method)
        for i, by_method in enumerate(estimates)
        for method in METHODS
        if not isinstance(by_method[method], NotEstimable)
    ]
    ranges = spec_levels(
        [tasks[i].spec_window(m, estimates[i][m]["level_change"]) for i, m in estimated]
    )
    found = dict(zip(estimated, ranges, strict=True))
    others = {}  # per event and window size: the other events' ids, the caveat naming them
    for e in events:
        for k in WINDOWS:
            found_others = _others(e, events, k)
            ids = ",".join(o["event_id"] for o in found_others)
            others[e["event_id"], k] = (ids, _other_events(found_others))
    return [
        _row(
            task,
            m,
            estimates[i][m],
            found.get((i, m)),
            others[task.event["event_id"], task.k],
            cache,
        )
        for i, task in enumerate(tasks)
        for m in METHODS
    ]


# Frames are built from Python lists, not numpy arrays: polars reads a numpy array through
# numpy.ma, whose first import costs a build process more than building these lists.


def _each_repeated(values: list, times: list[int]) -> list:
    """values[i] repeated times[i] times, one after the other: a column of per-point rows
    from one value per window (or per placebo series)."""
    return [v for v, n in zip(values, times, strict=True) for _ in range(n)]


def _fits_frame(windows: list[tuple], its_fits: list) -> pl.DataFrame:
    """marts.policy_fits: every point of every (series, window size, event, window), with
    the ITS lines of its fit (null where the fit was refused or never made, and where a line
    has no value: the counterfactual before the event), built column by column."""
    sizes = [len(w.t) for *_, w in windows]
    t = np.concatenate([np.empty(0), *(w.t for *_, w in windows)]).tolist()
    columns = {
        "event_id": _each_repeated([event["event_id"] for _, _, event, _ in windows], sizes),
        "series_id": _each_repeated([p.series.series_id for p, *_ in windows], sizes),
        "window_months": _each_repeated([k for _, k, _, _ in windows], sizes),
        "date": [d for *_, w in windows for d in w.dates],
        "t_months": t,
        "value": np.concatenate([np.empty(0), *(w.y for *_, w in windows)]).tolist(),
        "period": ["before" if x < 0 else "after" for x in t],
        "source_id": [p.sources_by_date.get(d) for p, _, _, w in windows for d in w.dates],
    }
    starts = np.cumsum([0, *sizes])  # where each window's points begin
    drawn = [i for i, fit in enumerate(its_fits) if isinstance(fit, ItsResult)]
    for c in FIT_COLUMNS:  # fit_segmented sorts by t: the window is already in time order
        line = np.full(len(t), np.nan)
        for i in drawn:
            line[starts[i] : starts[i + 1]] = getattr(its_fits[i], c)
        columns[c] = line.tolist()
    frame = pl.DataFrame(columns, schema=FIT_SCHEMA)
    return frame.with_columns(pl.col(FIT_COLUMNS).fill_nan(None))


def _placebo_frame(cache: PlaceboCache) -> pl.DataFrame:
    """marts.policy_placebo: every placebo estimate kept in the cache, one row each, in the
    order of (series, window, method, placebo date), built column by column."""
    keys = sorted(cache.store)  # in each, the placebo months are in order
    sizes = [len(cache.store[key][0]) for key in keys]
    months = np.concatenate([NO_PLACEBO[0], *(cache.store[key][0] for key in keys)])
    values = np.concatenate([NO_PLACEBO[1], *(cache.store[key][1] for key in keys)])
    series_id, window, method = zip(*keys, strict=True) if keys else ((), (), ())
    columns = [_each_repeated(list(c), sizes) for c in (series_id, window, method)]
    columns += [months.tolist(), values.tolist()]
    # placebo_date is a month index until its first day is written (as month_start does)
    schema = PLACEBO_SCHEMA | {"placebo_date": pl.Int64}
    frame = pl.DataFrame(dict(zip(PLACEBO_SCHEMA, columns, strict=True)), schema)
    month = pl.col("placebo_date")
    return frame.with_columns(pl.date(month // 12, month % 12 + 1, 1).alias("placebo_date"))


def compute_all(con) -> dict[str, pl.DataFrame]:
    """Every policy table as a polars frame (no writing): effects, fits, placebo, info."""
    events = key_events(con)
    cache = PlaceboCache(events)
    series = registry_mod.registry(con)
    windows = []  # (series, window size, event, window) in the order of marts.policy_fits
    whens = [event["event_date"] for event in events]
    precisions = [event["date_precision"] or "day" for event in events]
    for s, data in zip(series, registry_mod.load_all(con, series), strict=True):
        p = Prepared.of(s, data)
        for k in WINDOWS:
            found = p.base_windows(whens, k, precisions)
            windows += [(p, k, event, w) for event, w in zip(events, found, strict=True)]
    its_fits = _its_fits(windows)
    tasks = [
        Task(p, k, event, w, fit)
        for (p, k, event, w), fit in zip(windows, its_fits, strict=True)
        if p.series.in_policy_effects
    ]
    rows = _rows(tasks, events, cache)
    # column by column: several times faster than polars reading dicts with missing keys
    columns = {c: [row.get(c) for row in rows] for c in SCHEMA}  # not set: null
    effects = pl.DataFrame(columns, schema=SCHEMA).sort(
        ["event_date", "event_id", "series_id", "window_months", "method"]
    )
    info = pl.DataFrame(
        [{c: getattr(s, c) for c in INFO_COLUMNS} | {"position": i} for i, s in enumerate(series)]
    )
    frames = (effects, _fits_frame(windows, its_fits), _placebo_frame(cache), info)
    return dict(zip(TABLES, frames, strict=True))


def compute(con) -> pl.DataFrame:
    """The policy_effects table as a polars frame (no writing)."""
    return compute_all(con)["policy_effects"]


def build(con) -> None:
    """Create (or replace) the policy marts from the marts in `con`."""
    write(con, compute_all(con))


def write(con, tables: dict[str, pl.DataFrame]) -> None:
    """Create (or replace) the tables compute_all gave, in schema marts."""
    con.execute("create schema if not exists marts")
    for name, frame in tables.items():
        con.register("policy_frame", ArrowStream(frame))
        try:
            con.execute(f"create or replace table marts.{name} as select * from policy_frame")
        finally:
            con.unregister("policy_frame")
