"""Student's t: the two-sided tail probability and the two-sided quantile, for the ITS fits.

Written with `math` only. scipy.special gives the same numbers (stdtr, stdtrit; the tests
compare), but importing scipy costs a build process about a second, more where no bytecode
is cached, and the build needs only these two functions.

The tail is the regularized incomplete beta function I_x(df/2, 1/2) at x = df / (df + t^2)
(Abramowitz & Stegun 26.5.27 and 26.7.1), summed with Lentz's continued fraction
(Numerical Recipes, 3rd ed., section 6.4), which keeps full relative precision for tiny tails.
"""

from __future__ import annotations

import math
from functools import lru_cache

_TINY = 1e-300
_EPS = 1e-16
_MAX_TERMS = 500


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) (modified Lentz); converges for x < (a+1)/(a+b+2)."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_TERMS + 1):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            return h
    return h


def _beta_reg(a: float, b: float, x: float, one_minus_x: float) -> float:
    """I_x(a, b), with 1 - x passed in exactly (no cancellation near x = 1)."""
    if x <= 0.0:
        return 0.0
    if one_minus_x <= 0.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log(one_minus_x)
    )  # fmt: skip
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, one_minus_x) / b


def two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for T ~ Student t with df degrees of freedom (= 2 * stdtr(df, -|t|))."""
    if math.isnan(t) or math.isnan(df):
        return math.nan
    if math.isinf(t):
        return 0.0
    t2 = t * t
    return _beta_reg(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2))


@lru_cache(maxsize=256)
def two_sided_quantile(df: float, level: float) -> float:
    """q with P(|T| <= q) = level (= stdtrit(df, 0.5 + level / 2)), by bisection to the float,
    from a bracket about 1e-12 wide that Newton's method finds (a dozen halvings, not ~60)."""
    alpha = 1.0 - level
    low = _newton_from_below(df, alpha) * (1 - 1e-12)
    if two_sided_p(low, df) <= alpha:  # never expected; start from the widest bracket
        low = 0.0
    gap = max(low, 1.0) * 1e-12
    high = low + gap
    while two_sided_p(high, df) > alpha:  # widen until the root is inside
        low, high, gap = high, high + 2 * gap, 2 * gap
    while True:
        mid = (low + high) / 2
        if mid in (low, high):
            return (
                high
                if abs(two_sided_p(high, df) - alpha) <= abs(two_sided_p(low, df) - alpha)
                else low
            )
        if two_sided_p(mid, df) > alpha:
            low = mid
        else:
            high = mid


def _newton_from_below(df: float, alpha: float) -> float:
    """Newton's method on P(|T| >= q) = alpha from q = 0. That tail falls and is convex for
    q > 0 (its slope is -2 times the t density), so each step stays below the root and gets
    closer to it."""
    log_front = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    q = 0.0
    for _ in range(_MAX_TERMS):
        density = math.exp(log_front - (df + 1) / 2 * math.log1p(q * q / df))
        step = (two_sided_p(q, df) - alpha) / (2.0 * density)
        if not step > 1e-13 * q:  # converged, or past the root by rounding
            return q
        q += step
    return q
