"""Interrupted time series: segmented OLS with Newey-West (HAC) errors, written out in numpy.

Model (time t in months from the event, t0 = 0 by default; post_t = 1 when t >= t0):
    y_t = b0 + b1*t + b2*post_t + b3*(t - t0)*post_t [+ month-of-year dummies]
b2 is the level change at the event, b3 the change in slope (per month). Standard errors are
Newey-West (Bartlett kernel) with lag L = max(1, floor(4*(n/100)**(2/9))) and the
small-sample factor n/(n-p) (statsmodels' `use_correction=True`); 95% intervals and p-values
use Student's t with n-p degrees of freedom. See docs/methods.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from etl.stats.student_t import two_sided_p, two_sided_quantile

METHOD = "its_segmented_ols_hac"
MIN_SIDE = 3  # fewer points than this on either side: no line can be judged


class NotEstimable(Exception):
    """The estimate is refused; `code` names the reason and `args[0]` says it in words."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class ItsResult:
    level_change: float
    level_ci: tuple[float, float]
    level_p: float
    slope_change: float
    slope_ci: tuple[float, float]
    slope_p: float
    n_before: int
    n_after: int
    hac_lags: int
    df_resid: int
    seasonal: bool
    method: str
    t: np.ndarray  # time in months from the event, as fitted
    y: np.ndarray
    fitted: np.ndarray  # pre line before the event, post line after it
    band_low: np.ndarray  # 95% confidence band of the fitted mean
    band_high: np.ndarray
    counterfactual: np.ndarray  # pre-event line carried on after the event; NaN before it


def hac_lag_rule(n: int) -> int:
    """Newey-West (1994) plug-in rule: floor(4*(n/100)^(2/9)), at least 1, below n."""
    return max(1, min(n - 1, math.floor(4 * (n / 100) ** (2 / 9))))


def design(t: np.ndarray, t0: float, months: np.ndarray | None) -> np.ndarray:
    """Columns: 1, t, post, (t - t0)*post, then 11 month-of-year dummies (January = base)."""
    post = (t >= t0).astype(float)
    cols = [np.ones_like(t), t, post, (t - t0) * post]
    if months is not None:
        cols.append(np.asarray(months)[:, None] == np.arange(2, 13))  # one column a month
    return np.column_stack(cols)


def hac_cov(
    x: np.ndarray, resid: np.ndarray, lags: int, correction: bool = True, bread=None
) -> np.ndarray:
    """Newey-West sandwich (X'X)^-1 S (X'X)^-1, S = G0 + sum_l w_l (G_l + G_l'), w_l = 1-l/(L+1),
    with G_l = sum_t u_t u_{t-l}' and u_t = x_t * e_t. `resid`: one row of residuals per
    series fitted on the design x (or one vector); the result has one p x p matrix per row.
    `bread`: (X'X)^-1 when already computed for this design."""
    n, p = x.shape
    u = x * resid[..., :, None]  # (rows x) n x p: each point's score x_t * e_t
    s = np.swapaxes(u, -1, -2) @ u
    for lag in range(1, lags + 1):
        gamma = np.swapaxes(u[..., lag:, :], -1, -2) @ u[..., :-lag, :]
        s += (1 - lag / (lags + 1)) * (gamma + np.swapaxes(gamma, -1, -2))
    bread = np.linalg.inv(x.T @ x) if bread is None else bread
    cov = bread @ s @ bread
    return cov * n / (n - p) if correction else cov


def _check_sides(t: np.ndarray, t0: float) -> None:
    n_before, n_after = int((t < t0).sum()), int((t >= t0).sum())
    if n_before < MIN_SIDE or n_after < MIN_SIDE:
        raise NotEstimable(
            "too_few_points",
            f"too few points: {n_before} before and {n_after} after (need {MIN_SIDE} each)",
        )


@dataclass(frozen=True)
class Design:
    """What depends only on the times, the break and the months: the design matrix, and
    either (X'X)^-1 or why the fit is refused. Windows at the same offsets share it."""

    x: np.ndarray
    bread: np.ndarray | None
    refusal: tuple[str, str] | None  # NotEstimable's code and reason


def _design_for(t: np.ndarray, t0: float, months: np.ndarray | None) -> Design:
    months_key = None if months is None else np.asarray(months, np.int64).tobytes()
    return _cached_design(t.tobytes(), t0, months_key)


@lru_cache(maxsize=512)
def _cached_design(t_key: bytes, t0: float, months_key: bytes | None) -> Design:
    t = np.frombuffer(t_key)
    x = design(t, t0, None if months_key is None else np.frombuffer(months_key, np.int64))
    x.flags.writeable = False
    if np.linalg.matrix_rank(x) < x.shape[1]:
        reason = "the design is singular: the terms cannot be separated"
        return Design(x, None, ("singular", reason))
    if x.shape[0] - x.shape[1] < 1:
        return Design(x, None, ("no_df", "as many terms as points: no residual to measure error"))
    return Design(x, np.linalg.inv(x.T @ x), None)


def fit_segmented(
    t, y, t0: float = 0.0, months=None, lags: int | None = None, level: float = 0.95
) -> ItsResult:
    """Fit the segmented regression; raise NotEstimable with a plain reason when refused.

    `t` is time in months (floats allowed: irregular spacing), `months` the month of year
    (1-12) of each point when seasonal dummies are wanted, else None.
    """
    (result,) = fit_segmented_rows(t, np.asarray(y, float)[None], t0, months, lags, level)
    if isinstance(result, NotEstimable):
        raise result
    return result


def fit_segmented_rows(
    t, y_rows, t0: float = 0.0, months=None, lags: int | None = None, level: float = 0.95
) -> list[ItsResult | NotEstimable]:
    """fit_segmented for each row of `y_rows` (series x points), every row at the same times
    `t` and months: the same design, so one least-squares solve gives every row's
    coefficients, and each row's Newey-West covariance comes from its own residuals. Each
    entry is the row's ItsResult, or the NotEstimable fit_segmented would raise for it."""
    t, y_rows = np.asarray(t, float), np.atleast_2d(np.asarray(y_rows, float))
    order = np.argsort(t, kind="stable")  # HAC lags follow time order
    t, y_rows = t[order], y_rows[:, order]
    months = None if months is None else np.asarray(months)[order]
    try:
        _check_sides(t, t0)
        prepared = _design_for(t, t0, months)
        if prepared.refusal is not None:
            raise NotEstimable(*prepared.refusal)
    except NotEstimable as refused:
        return [refused] * len(y_rows)
    x = prepared.x
    n, p = x.shape
    # coefficients b0..b3 (and month terms) of every row: one solve, a column per row
    beta = np.linalg.lstsq(x, y_rows.T, rcond=None)[0].T  # rows x p
    fitted = beta @ x.T  # pre line before the event, post line after it
    resid = y_rows - fitted
    # a side whose residuals are all ~0 (e.g. three points exactly on a line) says nothing
    # about error
    tiny = 1e-9 * np.maximum(1.0, np.abs(y_rows).max(axis=1))
    after = t >= t0
    side_error = np.minimum(
        np.abs(resid[:, ~after]).max(axis=1), np.abs(resid[:, after]).max(axis=1)
    )
    lags = hac_lag_rule(n) if lags is None else lags
    cov = hac_cov(x, resid, lags, bread=prepared.bread)  # rows x p x p
    se = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0, None))
    df = n - p
    q = two_sided_quantile(df, level)
    # the 95% band of each fitted mean: q * sqrt(x_t' cov x_t), rounding noise (~1e-12)
    # below zero clipped (the HAC covariance is positive semi-definite)
    band = q * np.sqrt(np.clip(np.einsum("ij,rjk,ik->ri", x, cov, x), 0, None))
    x_cf = x.copy()
    x_cf[:, 2:4] = 0  # same point, with the post-event terms switched off
    counterfactual = np.where(after, beta @ x_cf.T, np.nan)
    out: list[ItsResult | NotEstimable] = []
    for r in range(len(y_rows)):
        if side_error[r] < tiny[r]:
            out.append(NotEstimable("perfect_fit", "a line passes through every point on one side"))
            continue
        b, s = beta[r], se[r]
        if not (s[2:4] > 0).all():
            out.append(NotEstimable("perfect_fit", "the error of the change cannot be measured"))
            continue
        level_p, slope_p = (two_sided_p(float(b[i] / s[i]), df) for i in (2, 3))
        out.append(
            ItsResult(
                level_change=float(b[2]),
                level_ci=(float(b[2] - q * s[2]), float(b[2] + q * s[2])),
                level_p=level_p,
                slope_change=float(b[3]),
                slope_ci=(float(b[3] - q * s[3]), float(b[3] + q * s[3])),
                slope_p=slope_p,
                n_before=int((~after).sum()),
                n_after=int(after.sum()),
                hac_lags=lags,
                df_resid=df,
                seasonal=months is not None,
                method=METHOD,
                t=t,
                y=y_rows[r],
                fitted=fitted[r],
                band_low=fitted[r] - band[r],
                band_high=fitted[r] + band[r],
                counterfactual=counterfactual[r],
            )
        )
    return out
