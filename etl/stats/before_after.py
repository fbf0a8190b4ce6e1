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
from numpy.random import default_rng  # imported with the module: it is slow to load

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
def _paired_counts(seed: int, b: int, block: int, n0: int, n1: int) -> tuple[np.ndarray, ...]:
    """How many times each resample draws each position (b x n), the before side then the
    after side, from one seeded generator: they depend only on these numbers, so windows of
    the same sizes share them."""
    counts0, state = _before_side(seed, b, block, n0)
    rng = default_rng(seed)
    rng.bit_generator.state = state  # where the before side's draws left the generator
    return counts0, _draw_counts(rng, n1, b, block)


@lru_cache(maxsize=64)
def _before_side(seed: int, b: int, block: int, n0: int) -> tuple[np.ndarray, dict]:
    """The before side's counts and the generator's state after drawing them: the same for
    every after side (the before side is drawn first), so drawn once per size."""
    rng = default_rng(seed)
    return _draw_counts(rng, n0, b, block), rng.bit_generator.state


def _draw_counts(rng: np.random.Generator, n: int, b: int, block: int) -> np.ndarray:
    """Draw b resamples of n positions (the draws of _resample_index); how many times each
    resample draws each position. A block starting at s draws s, s+1, ..., s+block-1; the
    resample keeps its first n positions, so the last block only the offsets that fit."""
    n_blocks = math.ceil(n / block)
    starts = rng.integers(0, n - block + 1, size=(b, n_blocks))
    flat = starts + (np.arange(b) * n)[:, None]  # where each start falls in the b x n counts
    counts = np.zeros(b * n, np.int64)
    for offset in range(block):
        kept = n_blocks if (n_blocks - 1) * block + offset < n else n_blocks - 1
        counts += np.bincount((flat[:, :kept] + offset).ravel(), minlength=b * n)
    counts = counts.reshape(b, n)
    counts.flags.writeable = False
    return counts


def row_medians(a: np.ndarray) -> np.ndarray:
    """np.median along the last axis, the same numbers: the middle of each sorted row (the
    mean of the two middle ones for an even length). Sorting small rows is several times
    faster than numpy's per-row partition."""
    n = a.shape[-1]
    s = np.sort(a, axis=-1)
    if n % 2:
        return s[..., n // 2]
    return (s[..., n // 2 - 1] + s[..., n // 2]) / 2


def _resample_means(x: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Mean of every resample (columns) of every row of x: each value times how often it was
    drawn, summed over the n positions. For whole-number values whose sums stay below 2**53
    (counts: every series the build reads) every partial sum is a whole number held exactly,
    so the order of the additions cannot change a bit: one matrix product (BLAS), a few times
    faster than einsum. Other values go through einsum, which adds each sum's terms the same
    way for one row as for many, so a window gives the same numbers alone or in a batch (a
    test checks it), where BLAS switches kernels with the shape."""
    n = x.shape[1]
    if _exact_sums(x):
        return (x @ counts.T.astype(float)) / n
    return np.einsum("rn,bn->rb", x, counts.astype(float)) / n


def _exact_sums(x: np.ndarray) -> bool:
    """Whether every count-weighted sum of x's rows (weights adding up to n) is a whole
    number below 2**53 at every step: exact in floating point, whatever the order."""
    return bool(np.abs(x).max(initial=0) * x.shape[1] < 2**53 and (x == np.round(x)).all())


def _resample_medians(x: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Median of every resample (columns) of every row of x, as np.median of the resampled
    values gives it. Walking each row's values in sorted order and adding up how often each
    was drawn, the k-th smallest resampled value is the one where the running count first
    reaches k: the median is the ((n+1)//2)-th and (n//2 + 1)-th smallest, averaged."""
    rows, n = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    ordered = np.take_along_axis(x, order, axis=1)
    # counts up to n: in the fewest bytes that hold n (a quarter of int32 below 128 points)
    small = np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int64
    drawn = np.ascontiguousarray(counts.T, dtype=small)  # n x b
    running = np.zeros((rows, len(counts)), small)
    low = np.zeros_like(running)  # index into `ordered` of the ((n+1)//2)-th smallest
    high = np.zeros_like(running)  # ... of the (n//2 + 1)-th smallest (the same for odd n)
    for j in range(n):  # a comparison's booleans added as 0/1 bytes (no cast of each one)
        running += drawn[order[:, j]]
        low += (running < (n + 1) // 2).view(np.int8)
        if n % 2 == 0:
            high += (running < n // 2 + 1).view(np.int8)
    if n % 2:
        high = low
    start = (np.arange(rows) * n)[:, None]  # where each row begins in the flat `ordered`
    values = ordered.ravel()
    return (values[start + low] + values[start + high]) / 2


def percentile_interval(values: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """The (1 - level)/2 and (1 + level)/2 quantiles of each row, as np.quantile's default
    (linear) method computes them, from one sort of each row."""
    alpha = (1 - level) / 2
    virtual = (values.shape[1] - 1) * np.array([alpha, 1 - alpha])
    below = np.floor(virtual)
    gamma = virtual - below
    below = below.astype(np.intp)
    ordered = np.sort(values, axis=1)
    a, b = ordered[:, below], ordered[:, np.minimum(below + 1, values.shape[1] - 1)]
    diff = b - a
    out = np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)
    return out[:, 0], out[:, 1]


STATISTICS = {
    "mean": (lambda a: np.mean(a, axis=-1), _resample_means),
    "median": (row_medians, _resample_medians),
}


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
    once: every window of these sizes takes the same resamples (they depend only on the
    seed, b, the block length and the two sizes), so each row gives the numbers diff_bootstrap
    gives for that window alone."""
    x0, x1 = np.atleast_2d(np.asarray(before, float)), np.atleast_2d(np.asarray(after, float))
    n0, n1 = x0.shape[1], x1.shape[1]
    if n0 < MIN_SIDE or n1 < MIN_SIDE:
        raise NotEstimable(
            "too_few_points",
            f"too few points: {n0} before and {n1} after (need {MIN_SIDE} each)",
        )
    func, resampled = STATISTICS[statistic]
    block = block_length or block_length_rule(min(n0, n1))
    counts0, counts1 = _paired_counts(seed, b, block, n0, n1)
    diffs = resampled(x1, counts1) - resampled(x0, counts0)  # windows x b
    low, high = percentile_interval(diffs, level)
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
