"""The set of defensible specifications, estimated for many windows at once (numpy only).

A window is the points of one series within k months of one date: `t` (months from the date,
shared by every window of a batch), and one row of `y` per date. Point estimates only (no
standard errors): these feed the specification range and the placebo distributions; the
model-based (HAC) interval of the main specification comes from etl/stats/its.py.

Specifications (docs/methods.md, "Specification range"):
- base: the published model. ITS: intercept, trend, level and slope change at the event;
  11 month-of-year dummies when `seasonal`; the event's own month left out (monthly series).
  Before/after: after minus before (mean or median), the event's month left out.
- no_trend: ITS without the trend and slope terms (a level shift only).
- fourier: month-of-year as one annual sine/cosine pair instead of dummies (or added when the
  base has none).
- event_month_in: the event's month kept, counted as after.
- break_early / break_late: the break a month before / after the event (that month left out,
  the event's own month kept on the other side).
- ar1: Cochrane-Orcutt AR(1) errors (rho from the base residuals; gaps treated as adjacent).
Irregular series (report editions, time in fractional months) take base, no_trend and the
break a month early or late; the others need calendar months.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from etl.stats.before_after import row_medians
from etl.stats.its import MIN_SIDE


@dataclass(frozen=True)
class Spec:
    name: str
    trend: bool = True
    season: str = "base"  # "base" (as the main specification), "fourier"
    transition: float | None = 0.0  # the month left out (None: keep every month)
    t0: float = 0.0  # the break: points with t >= t0 are "after"
    ar1: bool = False


BASE = Spec("base")
MONTHLY_SPECS = (
    BASE,
    Spec("no_trend", trend=False),
    Spec("fourier", season="fourier"),
    Spec("event_month_in", transition=None),
    Spec("break_early", transition=-1.0, t0=-1.0),
    Spec("break_late", transition=1.0, t0=1.0),
    Spec("ar1", ar1=True),
)
IRREGULAR_SPECS = (
    Spec("base", transition=None),
    Spec("no_trend", trend=False, transition=None),
    Spec("break_early", transition=None, t0=-1.0),
    Spec("break_late", transition=None, t0=1.0),
)
MEANS_SPECS = ("base", "event_month_in", "break_early", "break_late")


@cache
def specs_for(method: str, frequency: str) -> tuple[Spec, ...]:
    """The specifications a method and series take (the first is the main one)."""
    pool = MONTHLY_SPECS if frequency == "monthly" else IRREGULAR_SPECS
    if method.startswith("its"):
        return pool
    return tuple(s for s in pool if s.name in MEANS_SPECS)


def _season_columns(spec: Spec, months: np.ndarray, seasonal: bool) -> list[np.ndarray]:
    if spec.season == "fourier":
        angle = 2 * np.pi * months / 12
        return [np.sin(angle), np.cos(angle)]
    if seasonal:
        return [months[:, None] == np.arange(2, 13)]  # 11 columns: one a month, February on
    return []


def its_design(spec: Spec, t: np.ndarray, months: np.ndarray | None, seasonal: bool):
    """(kept points mask, design matrix, index of the level-change column) for one spec."""
    keep = np.ones(len(t), bool) if spec.transition is None else t != spec.transition
    tk = t[keep]
    post = (tk >= spec.t0).astype(float)
    cols = [np.ones_like(tk)]
    cols += [tk, post, (tk - spec.t0) * post] if spec.trend else [post]
    level = 2 if spec.trend else 1
    if months is not None:
        cols += _season_columns(spec, months[keep], seasonal)
    return keep, np.column_stack(cols), level


def _enough_points(x: np.ndarray, post: np.ndarray) -> bool:
    n_after = int(post.sum())
    return min(len(post) - n_after, n_after) >= MIN_SIDE and x.shape[0] > x.shape[1]


def _ar1(x: np.ndarray, y: np.ndarray, beta: np.ndarray, level: int) -> np.ndarray:
    """Cochrane-Orcutt level change for every row of y (rho per row, first point dropped)."""
    resid = y - beta @ x.T
    denom = (resid**2).sum(axis=1)
    rho = np.where(denom > 0, (resid[:, 1:] * resid[:, :-1]).sum(axis=1) / denom, 0.0)
    rho = np.clip(rho, -0.99, 0.99)[:, None, None]
    x1, x0 = x[1:], x[:-1]
    y1, y0 = y[:, 1:], y[:, :-1]
    a = x1.T @ x1 - rho * (x1.T @ x0 + x0.T @ x1) + rho**2 * (x0.T @ x0)
    r = rho[:, :, 0]
    b = y1 @ x1 - r * (y1 @ x0) - r * (y0 @ x1) + r**2 * (y0 @ x0)
    try:
        return np.linalg.solve(a, b[:, :, None])[:, level, 0]
    except np.linalg.LinAlgError:
        return np.full(len(y), np.nan)


def its_levels(spec: Spec, t, y, months=None, seasonal: bool = False) -> np.ndarray:
    """Level change of `spec` for each row of y (shape dates x points); NaN when the spec
    cannot be estimated on these points (too few a side, singular, no residual)."""
    t, y = np.asarray(t, float), np.atleast_2d(np.asarray(y, float))
    keep, x, level = its_design(spec, t, months, seasonal)
    if not _enough_points(x, t[keep] >= spec.t0):
        return np.full(len(y), np.nan)
    yk = y[:, keep]
    solution, _, rank, _ = np.linalg.lstsq(x, yk.T, rcond=None)
    if rank < x.shape[1]:  # singular: the terms cannot be separated
        return np.full(len(y), np.nan)
    beta = solution.T
    if spec.ar1:
        return _ar1(x, yk, beta, level)
    return beta[:, level]


def diff_levels(spec: Spec, t, y, statistic: str) -> np.ndarray:
    """After minus before (mean or median) of `spec` for each row of y."""
    t, y = np.asarray(t, float), np.atleast_2d(np.asarray(y, float))
    keep = np.ones(len(t), bool) if spec.transition is None else t != spec.transition
    after = keep & (t >= spec.t0)
    before = keep & (t < spec.t0)
    if min(after.sum(), before.sum()) < MIN_SIDE:
        return np.full(len(y), np.nan)
    if statistic == "mean":
        return np.mean(y[:, after], axis=1) - np.mean(y[:, before], axis=1)
    return row_medians(y[:, after]) - row_medians(y[:, before])


def levels(method: str, spec: Spec, t, y, months=None, seasonal: bool = False) -> np.ndarray:
    """The level change of one method and spec for each row of y."""
    if method.startswith("its"):
        return its_levels(spec, t, y, months, seasonal)
    return diff_levels(spec, t, y, "mean" if "mean" in method else "median")


@dataclass(frozen=True)
class SpecWindow:
    """The points one row of marts.policy_effects takes its specification range from."""

    method: str
    frequency: str
    seasonal: bool
    t: np.ndarray
    y: np.ndarray
    months: np.ndarray
    # the main specification's level change when the row already has it (its own estimate,
    # made on the same points with the same model): it is then not fitted again
    main: float | None = None


def _uses_months(method: str, spec: Spec, seasonal: bool) -> bool:
    """Whether the calendar months enter this spec's design (month dummies or Fourier terms)."""
    return method.startswith("its") and (seasonal or spec.season == "fourier")


def month_pattern(months: np.ndarray) -> bytes:
    """The calendar months of a window up to a shift of the calendar: windows whose months
    differ only by a shift (e.g. the same months around a January and a March event) have
    month terms that span the same columns. Month dummies (with the intercept) are then the
    same 12 indicators in another order, and a sine/cosine pair of the shifted month is a
    mix of the unshifted pair, so one design fits them all and gives each the same level
    and slope changes, errors and fitted lines as its own calendar would (up to rounding)."""
    months = np.asarray(months, np.int64)
    return ((months - months[:1]) % 12).tobytes()


def spec_levels(windows: Sequence[SpecWindow]) -> list[np.ndarray]:
    """For each window, the level change of every specification of its method and frequency
    (specs_for, in order; NaN where one cannot be estimated). Windows whose design for a
    specification is the same (same times, and where the spec has month terms, the same
    months up to a shift: month_pattern) are fitted together: one least-squares solve with a
    column per window, on the first window's design. A window's main specification is its
    `main` level when given."""
    counts = [len(specs_for(w.method, w.frequency)) for w in windows]
    out = np.full((len(windows), max(counts, default=0)), np.nan)  # a row per window
    # windows of one method at the same times: one design for each spec without month
    # terms; for a spec with month terms, split again by month pattern
    at_same_times: dict[tuple, list[int]] = {}
    for i, w in enumerate(windows):
        if w.main is not None:
            out[i, 0] = w.main
        at_same_times.setdefault((w.method, w.frequency, w.seasonal, w.t.tobytes()), []).append(i)
    for (method, frequency, seasonal, _), members in at_same_times.items():
        stacked = np.stack([windows[i].y for i in members])  # once for every spec
        row_of = {i: r for r, i in enumerate(members)}
        patterns = None
        for j, spec in enumerate(specs_for(method, frequency)):
            todo = members if j else [i for i in members if windows[i].main is None]
            if not todo:
                continue
            groups = [todo]
            if _uses_months(method, spec, seasonal):
                if patterns is None:
                    patterns = {i: month_pattern(windows[i].months) for i in members}
                by_pattern: dict[bytes, list[int]] = {}
                for i in todo:
                    by_pattern.setdefault(patterns[i], []).append(i)
                groups = list(by_pattern.values())
            for group in groups:
                first = windows[group[0]]
                y = stacked if group is members else stacked[[row_of[i] for i in group]]
                out[group, j] = levels(method, spec, first.t, y, first.months, seasonal)
    return [out[i, :n] for i, n in enumerate(counts)]
