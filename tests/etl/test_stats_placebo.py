"""Placebo p, placebo dates and the verdict rule (etl/stats/placebo.py), by hand."""

from __future__ import annotations

import numpy as np
import pytest

from etl.stats.placebo import MIN_PLACEBO_FOR_CLEAR, eligible_centres, placebo_p, verdict


def test_placebo_p_counts_the_estimate_itself_and_ties():
    # |placebo| >= 5: -6 and 5 -> (1 + 2) / (1 + 4)
    assert placebo_p(5.0, np.array([1.0, -6.0, 3.0, 5.0])) == pytest.approx(0.6)
    assert placebo_p(-100.0, np.array([1.0, 2.0])) == pytest.approx(1 / 3)
    assert placebo_p(3.0, np.array([])) == 1.0
    assert placebo_p(float("nan"), np.array([1.0])) is None


def test_fewer_than_19_placebo_dates_can_never_reach_p_005():
    assert MIN_PLACEBO_FOR_CLEAR == 19
    assert placebo_p(1e9, np.zeros(18)) > 0.05 >= placebo_p(1e9, np.zeros(19))


def test_verdict_needs_a_small_placebo_p_and_one_sign_across_specifications():
    assert verdict(0.03, 10.0, 30.0) == "clear"
    assert verdict(0.03, -30.0, -10.0) == "clear"
    assert verdict(0.03, -5.0, 30.0) == "uncertain"  # the sign flips in some specification
    assert verdict(0.08, 10.0, 30.0) == "uncertain"
    assert verdict(0.2, 10.0, 30.0) == "none"
    assert verdict(None, 10.0, 30.0) == "none"


def test_placebo_dates_keep_k_months_clear_of_every_key_event():
    centres = np.arange(0, 10)
    events = np.array([4])
    assert eligible_centres(centres, events, 2).tolist() == [
        True, True, False, False, False, False, False, True, True, True,
    ]  # fmt: skip
