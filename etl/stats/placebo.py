"""Placebo dates, the placebo p and the verdict (docs/methods.md, "Placebo test and verdict").

A placebo date is a date of the same series with no key event within the window (k months
either side) and, for monthly series, every month of the window present: the same
specification run there measures what the model finds when nothing happened.
placebo_p = (1 + number of placebo estimates at least as large, in absolute value) /
(1 + number of placebo dates): the share of the placebo estimates and this one that are at
least this large, so it is never 0 and never below 1 / (1 + placebo_n).
"""

from __future__ import annotations

import math
from bisect import bisect_left

import numpy as np

CLEAR_P = 0.05  # placebo p at or below which a change can be called clear
UNCERTAIN_P = 0.10  # placebo p at or below which a change is reported as of uncertain size
MIN_PLACEBO_FOR_CLEAR = int(np.ceil(1 / CLEAR_P)) - 1  # 19: fewer can never reach p <= 0.05

VERDICTS = {
    "clear": ("clear change", "cambio claro"),
    "uncertain": ("change of uncertain size", "cambio de tamaño incierto"),
    "none": ("no clear change", "sin cambio claro"),
}


def placebo_p(estimate: float, distribution: np.ndarray) -> float | None:
    """Share of |placebo estimates| >= |estimate|, counting the estimate itself."""
    return Placebos(distribution).p(estimate)


class Placebos:
    """The placebo estimates of one series, window and method (those that could be made),
    their sizes sorted once: placebo_p of each estimate is then one binary search."""

    def __init__(self, distribution):
        d = np.asarray(distribution, float)
        self.sizes = np.sort(np.abs(d[np.isfinite(d)])).tolist()  # |estimate|, ascending
        self.n = len(self.sizes)

    def p(self, estimate: float) -> float | None:
        """(1 + number of placebo estimates at least as large, in absolute value) / (1 + n)."""
        if not math.isfinite(estimate):
            return None
        at_least = self.n - bisect_left(self.sizes, abs(estimate) - 1e-9)
        return (1 + at_least) / (1 + self.n)


def sign_holds(low: float | None, high: float | None) -> bool:
    """Every specification gives the same, non-zero sign."""
    return low is not None and high is not None and (low > 0 or high < 0)


def verdict(p: float | None, spec_low: float | None, spec_high: float | None) -> str:
    """clear: placebo p <= 0.05 and the sign holds in every specification; uncertain: placebo
    p <= 0.10 otherwise (large among placebo dates, but the sign flips across specifications
    or it is not in the top 5%); none: everything else (including no placebo dates)."""
    if p is None:
        return "none"
    if p <= CLEAR_P and sign_holds(spec_low, spec_high):
        return "clear"
    return "uncertain" if p <= UNCERTAIN_P else "none"


def eligible_centres(centres: np.ndarray, event_months: np.ndarray, k: int) -> np.ndarray:
    """Mask of centre months (month indices) with no key event month within k months."""
    if len(event_months) == 0:
        return np.ones(len(centres), bool)
    gap = np.abs(centres[:, None] - event_months[None, :])
    return (gap > k).all(axis=1)
