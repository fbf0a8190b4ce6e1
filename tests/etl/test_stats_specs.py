"""The specification set (etl/stats/specs.py) against statsmodels and hand calculations.

All series here are SYNTHETIC (simulated with numpy), not real data.
"""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from etl.stats.its import fit_segmented
from etl.stats.specs import MONTHLY_SPECS, diff_levels, its_levels, levels, specs_for

SPEC = {s.name: s for s in MONTHLY_SPECS}


def synthetic(seed: int, k: int = 12, rows: int = 1):
    """SYNTHETIC windows: t = -k..k (the event month included), trend, jump 50, noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(-k, k + 1, dtype=float)
    y = 100 + 2 * t + 50 * (t >= 0) + rng.normal(0, 5, (rows, len(t)))
    months = (np.arange(len(t)) + 4) % 12 + 1  # the window starts in May
    return t, y, months


def ols_level(x: np.ndarray, y: np.ndarray, column: int) -> float:
    return float(sm.OLS(y, x).fit().params[column])


def test_base_is_the_published_model_and_batches_agree_row_by_row():
    t, y, months = synthetic(1, rows=5)
    batch = its_levels(SPEC["base"], t, y)
    keep = t != 0
    for i in range(5):
        assert batch[i] == pytest.approx(fit_segmented(t[keep], y[i, keep]).level_change)
    seasonal = its_levels(SPEC["base"], np.tile(t, 1), y[:1], months, seasonal=True)
    fit = fit_segmented(t[keep], y[0, keep], months=months[keep])
    assert seasonal[0] == pytest.approx(fit.level_change)


def test_each_alternative_matches_statsmodels_with_its_design_written_here():
    t, y, months = synthetic(2)
    y = y[0]
    one = np.ones_like(t)
    # no trend: level shift only, event month left out
    k = t != 0
    x = np.column_stack([one, t >= 0])[k].astype(float)
    assert its_levels(SPEC["no_trend"], t, y)[0] == pytest.approx(ols_level(x, y[k], 1))
    # Fourier pair added to the base
    angle = 2 * np.pi * months / 12
    post = (t >= 0).astype(float)
    x = np.column_stack([one, t, post, t * post, np.sin(angle), np.cos(angle)])[k]
    assert its_levels(SPEC["fourier"], t, y, months)[0] == pytest.approx(ols_level(x, y[k], 2))
    # the event month kept (as after)
    x = np.column_stack([one, t, post, t * post])
    assert its_levels(SPEC["event_month_in"], t, y)[0] == pytest.approx(ols_level(x, y, 2))
    # the break a month early: month -1 left out, months >= -1 after, jump measured at -1
    k = t != -1
    post = (t >= -1).astype(float)
    x = np.column_stack([one, t, post, (t + 1) * post])[k]
    assert its_levels(SPEC["break_early"], t, y)[0] == pytest.approx(ols_level(x, y[k], 2))


def test_ar1_is_one_cochrane_orcutt_step():
    t, y, _ = synthetic(3)
    y = y[0]
    k = t != 0
    tk, yk = t[k], y[k]
    post = (tk >= 0).astype(float)
    x = np.column_stack([np.ones_like(tk), tk, post, tk * post])
    e = sm.OLS(yk, x).fit().resid
    rho = (e[1:] * e[:-1]).sum() / (e**2).sum()
    expected = ols_level(x[1:] - rho * x[:-1], yk[1:] - rho * yk[:-1], 2)
    assert its_levels(SPEC["ar1"], t, y)[0] == pytest.approx(expected)


def test_before_after_specs_are_differences_of_means_and_medians():
    t = np.arange(-3, 4, dtype=float)
    y = np.array([[1, 2, 3, 10, 20, 21, 25]], dtype=float)  # t = -3..3, hand values
    assert diff_levels(SPEC["base"], t, y, "mean")[0] == pytest.approx(22 - 2)
    assert diff_levels(SPEC["event_month_in"], t, y, "median")[0] == pytest.approx(20.5 - 2)
    # a month late: month 1 left out, leaving 2 points after (3 needed)
    assert np.isnan(diff_levels(SPEC["break_late"], t, y, "mean")[0])
    t = np.arange(-4, 5, dtype=float)
    y = np.array([[0, 1, 2, 3, 10, 20, 21, 25, 30]], dtype=float)
    # before: t = -4..0 (mean 16 / 5); after: t = 2..4 (mean 76 / 3)
    assert diff_levels(SPEC["break_late"], t, y, "mean")[0] == pytest.approx(76 / 3 - 16 / 5)


def test_too_few_points_give_nan_not_an_error():
    t = np.arange(-3, 4, dtype=float)
    y = np.arange(7, dtype=float)[None]
    assert np.isnan(levels("its_segmented_ols_hac", SPEC["fourier"], t, y, np.arange(1, 8)))
    assert [s.name for s in specs_for("diff_means_bootstrap", "monthly")] == [
        "base", "event_month_in", "break_early", "break_late",
    ]  # fmt: skip
