"""Windows around an event date, and before/after differences with percentile bootstrap CIs.

Windows (both estimators use the same points):
- monthly series: t = whole months from the event's month; before = months -k..-1, after =
  months 1..k. The event's own month is left out of both: it is part before and part after.
- irregular series (report editions): t = days from the event / 30.436875 (mean month);
  before = -k <= t < 0, after = 0 < t <= k. A point on the event day is left out, and so is
  the event's whole calendar month when the event date is known only to the month.
Differences are after minus before. Resampling is within each side (the two sides are never
mixed), with a moving-block bootstrap whose block length is max(1, floor(n**(1/3))): one
(plain i.i.d. resampling) below 8 points a side, two from 8 to 26 points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from etl.stats.its import MIN_SIDE, NotEstimable

DAYS_PER_MONTH = 365.25 / 12
B_DEFAULT = 2000
SEED = 20160501  # fixed: the same marts give the same intervals


@dataclass(frozen=True)
class Window:
    dates: list[date]
    t: np.ndarray  # months from the event (negative = before)
    y: np.ndarray
    month_of_year: np.ndarray
    n_before: int
    n_after: int


@dataclass(frozen=True)
class BootstrapResult:
    statistic: str  # "mean" or "median"
    estimate: float  # statistic(after) - statistic(before)
    ci: tuple[float, float]
    n_before: int
    n_after: int
    b: int
    block_length: int
    seed: int
    method: str


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def select_window(
    dates: list[date], values, event: date, k: int, frequency: str, precision: str = "day"
) -> Window:
    """The points within k months either side of `event`, by the rules in the module doc."""
    y = np.asarray(values, float)
    offset = np.array([_month_index(d) - _month_index(event) for d in dates], dtype=float)
    if frequency == "monthly":
        t = offset
        keep = (np.abs(t) >= 1) & (np.abs(t) <= k)
    else:
        t = np.array([(d - event).days for d in dates], dtype=float) / DAYS_PER_MONTH
        keep = (t != 0) & (np.abs(t) <= k)
        if precision == "month":
            keep &= offset != 0
    keep &= np.isfinite(y)
    kept = [d for d, k_ in zip(dates, keep, strict=True) if k_]
    order = np.argsort(t[keep], kind="stable")
    t, y = t[keep][order], y[keep][order]
    kept = [kept[i] for i in order]
    moy = np.array([d.month for d in kept], dtype=int)
    return Window(kept, t, y, moy, int((t < 0).sum()), int((t > 0).sum()))


def block_length_rule(n: int) -> int:
    return max(1, math.floor(n ** (1 / 3) + 1e-9))


def _resample_index(rng: np.random.Generator, n: int, b: int, block: int) -> np.ndarray:
    """Positions of b moving-block resamples of n points (block=1: ordinary bootstrap)."""
    n_blocks = math.ceil(n / block)
    starts = rng.integers(0, n - block + 1, size=(b, n_blocks))
    return (starts[:, :, None] + np.arange(block)).reshape(b, -1)[:, :n]


def _resample(rng: np.random.Generator, x: np.ndarray, b: int, block: int) -> np.ndarray:
    """b moving-block resamples of x (block=1: ordinary bootstrap), shape (b, len(x))."""
    return x[_resample_index(rng, len(x), b, block)]


@lru_cache(maxsize=64)
def _paired_index(seed: int, b: int, block: int, n0: int, n1: int) -> tuple[np.ndarray, ...]:
    """The resample positions of the before side, then the after side, from one seeded
    generator: they depend only on these numbers, so windows of the same sizes share them."""
    rng = np.random.default_rng(seed)
    pair = (_resample_index(rng, n0, b, block), _resample_index(rng, n1, b, block))
    for index in pair:
        index.flags.writeable = False
    return pair


def row_medians(a: np.ndarray) -> np.ndarray:
    """np.median along the last axis, the same numbers: the middle of each sorted row (the
    mean of the two middle ones for an even length). Sorting small rows is several times
    faster than numpy's per-row partition."""
    n = a.shape[-1]
    s = np.sort(a, axis=-1)
    if n % 2:
        return s[..., n // 2]
    return (s[..., n // 2 - 1] + s[..., n // 2]) / 2


def _statistic(statistic: str):
    return {"mean": lambda a: np.mean(a, axis=-1), "median": row_medians}[statistic]


@dataclass(frozen=True)
class BootstrapRows:
    """diff_bootstrap of many windows of the same sizes: one entry per row."""

    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    block_length: int


def diff_bootstrap_rows(
    before,
    after,
    statistic: str = "mean",
    b: int = B_DEFAULT,
    seed: int = SEED,
    block_length: int | None = None,
    level: float = 0.95,
) -> BootstrapRows:
    """diff_bootstrap for each row of `before` (windows x n0) and `after` (windows x n1) at
    once: every window of these sizes takes the same resample positions (they depend only on
    the seed, b, the block length and the two sizes), so each row gives the numbers
    diff_bootstrap gives for that window alone."""
    x0, x1 = np.atleast_2d(np.asarray(before, float)), np.atleast_2d(np.asarray(after, float))
    n0, n1 = x0.shape[1], x1.shape[1]
    if n0 < MIN_SIDE or n1 < MIN_SIDE:
        raise NotEstimable(
            "too_few_points",
            f"too few points: {n0} before and {n1} after (need {MIN_SIDE} each)",
        )
    func = _statistic(statistic)
    block = block_length or block_length_rule(min(n0, n1))
    index0, index1 = _paired_index(seed, b, block, n0, n1)
    diffs = func(x1[:, index1]) - func(x0[:, index0])  # windows x b
    alpha = (1 - level) / 2
    low, high = np.quantile(diffs, [alpha, 1 - alpha], axis=1)
    return BootstrapRows(func(x1) - func(x0), low, high, block)


def diff_bootstrap(
    before,
    after,
    statistic: str = "mean",
    b: int = B_DEFAULT,
    seed: int = SEED,
    block_length: int | None = None,
    level: float = 0.95,
) -> BootstrapResult:
    """Difference (after - before) of means or medians with a percentile bootstrap CI."""
    x0, x1 = np.asarray(before, float), np.asarray(after, float)
    rows = diff_bootstrap_rows(x0[None], x1[None], statistic, b, seed, block_length, level)
    return BootstrapResult(
        statistic=statistic,
        estimate=float(rows.estimate[0]),
        ci=(float(rows.low[0]), float(rows.high[0])),
        n_before=len(x0),
        n_after=len(x1),
        b=b,
        block_length=rows.block_length,
        seed=seed,
        method=f"diff_{statistic}s_bootstrap",
    )
