"""Before/after windows and bootstrap differences. All data here are SYNTHETIC."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from etl.stats.before_after import _resample, block_length_rule, diff_bootstrap, select_window
from etl.stats.its import NotEstimable


def test_known_difference_of_means_is_estimated_and_covered():
    rng = np.random.default_rng(5)  # SYNTHETIC: before ~ N(100, 5), after ~ N(130, 5)
    before, after = rng.normal(100, 5, 40), rng.normal(130, 5, 40)
    r = diff_bootstrap(before, after)
    assert r.estimate == pytest.approx(after.mean() - before.mean())
    assert r.ci[0] <= 30 <= r.ci[1]
    assert r.ci[1] - r.ci[0] < 6  # about 2 x 1.96 x 5 x sqrt(2/40) = 4.4
    assert r.method == "diff_means_bootstrap" and r.b == 2000


def test_known_difference_of_medians_is_covered():
    before = np.array([10, 11, 12, 13, 14, 15, 16.0])  # SYNTHETIC: medians 13 and 23
    r = diff_bootstrap(before, before + 10, statistic="median")
    assert r.estimate == 10
    assert r.ci[0] <= 10 <= r.ci[1]
    assert r.method == "diff_medians_bootstrap"


def test_same_seed_same_interval_other_seed_other_interval():
    rng = np.random.default_rng(1)
    x0, x1 = rng.normal(0, 1, 12), rng.normal(1, 1, 12)
    assert diff_bootstrap(x0, x1, seed=7) == diff_bootstrap(x0, x1, seed=7)
    assert diff_bootstrap(x0, x1, seed=7).ci != diff_bootstrap(x0, x1, seed=8).ci


def test_coverage_of_mean_difference_over_many_synthetic_samples():
    hits = 0
    for seed in range(100):
        rng = np.random.default_rng(1000 + seed)
        r = diff_bootstrap(rng.normal(0, 1, 30), rng.normal(2, 1, 30), b=1000, seed=seed)
        hits += r.ci[0] <= 2 <= r.ci[1]
    assert hits >= 88


def test_fewer_than_three_points_a_side_is_refused():
    with pytest.raises(NotEstimable) as info:
        diff_bootstrap([1.0, 2.0], [3.0, 4.0, 5.0])
    assert info.value.code == "too_few_points"


def test_block_length_rule_and_blocks_are_contiguous():
    assert [block_length_rule(n) for n in (3, 7, 8, 26, 27)] == [1, 1, 2, 2, 3]
    x = np.arange(10.0)
    draws = _resample(np.random.default_rng(0), x, 50, 2)
    assert draws.shape == (50, 10)
    pairs = draws[:, 0::2], draws[:, 1::2]
    assert (pairs[1] - pairs[0] == 1).all()  # each block of two is consecutive


def test_monthly_window_drops_the_event_month_and_keeps_k_each_side():
    dates = [date(2019, m, 1) for m in range(1, 13)]  # SYNTHETIC monthly values 1..12
    w = select_window(dates, np.arange(1, 13), date(2019, 7, 16), 3, "monthly")
    assert w.t.tolist() == [-3, -2, -1, 1, 2, 3]
    assert w.y.tolist() == [4, 5, 6, 8, 9, 10]
    assert (w.n_before, w.n_after) == (3, 3)


def test_irregular_window_uses_months_of_days_and_month_precision_drops_event_month():
    dates = [date(2019, 1, 10), date(2019, 5, 2), date(2019, 5, 20), date(2019, 6, 1)]
    w = select_window(dates, [1, 2, 3, 4], date(2019, 5, 15), 6, "irregular")
    assert w.y.tolist() == [1, 2, 3, 4]
    assert w.t[0] == pytest.approx(-125 / 30.4375)
    w = select_window(dates, [1, 2, 3, 4], date(2019, 5, 1), 6, "irregular", "month")
    assert w.y.tolist() == [1, 4]


@pytest.mark.parametrize("sizes", [(3, 3), (7, 9), (12, 12), (24, 23)])
def test_batched_intervals_equal_resampling_the_values_one_window_at_a_time(sizes):
    """diff_bootstrap_rows works from how often each resample draws each position; here the
    resamples are drawn as values (the same seeded positions) and summarised by np.median,
    np.mean and np.quantile, window by window. SYNTHETIC data, not integers."""
    from etl.stats.before_after import B_DEFAULT, SEED, _resample_index, diff_bootstrap_rows

    n0, n1 = sizes
    rng = np.random.default_rng(11)
    before, after = rng.normal(100, 20, (4, n0)), rng.normal(120, 20, (4, n1))
    block = block_length_rule(min(n0, n1))
    draws = np.random.default_rng(SEED)
    index0 = _resample_index(draws, n0, B_DEFAULT, block)
    index1 = _resample_index(draws, n1, B_DEFAULT, block)
    for statistic, func in (("median", np.median), ("mean", np.mean)):
        rows = diff_bootstrap_rows(before, after, statistic)
        for w in range(4):
            diffs = func(after[w][index1], axis=1) - func(before[w][index0], axis=1)
            alpha = (1 - 0.95) / 2  # 0.025 as the module computes it (0.0250000000000000222)
            low, high = np.quantile(diffs, [alpha, 1 - alpha])
            one = diff_bootstrap(before[w], after[w], statistic)
            assert one.ci == (rows.low[w], rows.high[w])
            if statistic == "median":  # the same order statistics: the same numbers
                assert (rows.low[w], rows.high[w]) == (low, high)
            else:  # a count-weighted sum adds in another order than np.mean
                assert rows.low[w] == pytest.approx(low, rel=1e-12)
                assert rows.high[w] == pytest.approx(high, rel=1e-12)


@pytest.mark.parametrize("sizes", [(3, 3), (12, 12), (24, 23)])
def test_whole_number_windows_give_np_mean_of_the_resampled_values_bit_for_bit(sizes):
    """Whole-number values (counts, as every series the build reads) take the matrix-product
    path of the resample means: every partial sum is a whole number held exactly, so the
    intervals equal np.quantile of np.mean of the resampled values exactly, alone and in a
    batch. SYNTHETIC counts."""
    from etl.stats.before_after import B_DEFAULT, SEED, _resample_index, diff_bootstrap_rows

    n0, n1 = sizes
    rng = np.random.default_rng(12)
    before = rng.integers(0, 90_000, (5, n0)).astype(float)
    after = rng.integers(0, 90_000, (5, n1)).astype(float)
    block = block_length_rule(min(n0, n1))
    draws = np.random.default_rng(SEED)
    index0 = _resample_index(draws, n0, B_DEFAULT, block)
    index1 = _resample_index(draws, n1, B_DEFAULT, block)
    rows = diff_bootstrap_rows(before, after, "mean")
    alpha = (1 - 0.95) / 2
    for w in range(5):
        diffs = np.mean(after[w][index1], axis=1) - np.mean(before[w][index0], axis=1)
        assert (rows.low[w], rows.high[w]) == tuple(np.quantile(diffs, [alpha, 1 - alpha]))
        assert diff_bootstrap(before[w], after[w], "mean").ci == (rows.low[w], rows.high[w])
