"""Student t tail and quantile written with math only, against published tables and scipy.

Numbers come from outside the code under test: the t table's 95% two-sided quantiles (any
statistics textbook, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), the closed form of the t
distribution with 1 degree of freedom (Cauchy: P(|T| >= t) = 1 - 2 atan(t) / pi), and
scipy.special's stdtr/stdtrit (a second implementation).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import stdtr, stdtrit

from etl.stats.student_t import two_sided_p, two_sided_quantile


@pytest.mark.parametrize(
    ("df", "quantile"), [(1, 12.706), (5, 2.571), (10, 2.228), (30, 2.042), (100, 1.984)]
)
def test_quantile_matches_the_printed_t_table(df, quantile):
    # NIST/SEMATECH e-Handbook table 1.3.6.7.2, column 0.975 (two-sided 95%), 3 decimals
    assert two_sided_quantile(df, 0.95) == pytest.approx(quantile, abs=5e-4)


@pytest.mark.parametrize("t", [1e-8, 0.3, 1.0, 7.5, 1e4])
def test_one_degree_of_freedom_is_the_cauchy_closed_form(t):
    assert two_sided_p(t, 1) == pytest.approx(1 - 2 * math.atan(t) / math.pi, rel=1e-12)


def test_tail_and_quantile_agree_with_scipy():
    rng = np.random.default_rng(7)
    for df in [*range(1, 120), 250, 1000]:
        for t in [*rng.normal(0, 3, 20), *rng.normal(0, 20, 5), -2.5, 40.0]:
            expected = 2 * stdtr(df, -abs(t))
            assert two_sided_p(float(t), df) == pytest.approx(expected, rel=1e-9, abs=1e-300)
        for level in (0.5, 0.9, 0.95, 0.99):
            expected = stdtrit(df, 0.5 + level / 2)
            assert two_sided_quantile(df, level) == pytest.approx(expected, rel=1e-10)


def test_edges():
    assert two_sided_p(0.0, 12) == 1.0
    assert two_sided_p(math.inf, 12) == 0.0
    assert math.isnan(two_sided_p(math.nan, 12))
