"""Hovers write dates as the axes do («ene 2023» / "Jan 2023", «9 may 2019» / "May 9, 2019"),
never plotly's ISO "%{x|%Y-%m}" (which also ignores the chart's language)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.figures.registry import CHARTS, Filters
from dashboard.figures.style import hover_dates


def test_hover_dates_follow_each_dates_precision():
    # the strings are the glossary's axis forms, written by hand
    days = [date(2023, 1, 1), date(2019, 5, 9), date(2019, 5, 9)]
    assert hover_dates(days, "es", ["month", "day", "year"]) == ["ene 2023", "9 may 2019", "2019"]
    assert hover_dates(days, "en", ["month", "day", "year"]) == ["Jan 2023", "May 9, 2019", "2019"]
    assert hover_dates(days[:2], "es", "month") == ["ene 2023", "may 2019"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("figure_id", sorted(CHARTS))
def test_no_chart_hover_writes_an_iso_date(use_built_marts, figure_id, lang):
    _, fig, _ = CHARTS[figure_id].render(Filters(lang=lang))
    templates = [tr.hovertemplate or "" for tr in fig.data]
    assert not [h for h in templates if "%{x|%Y" in h], figure_id
