"""Date axes read as the glossary writes dates on a chart axis, in the chart's language:
«ene 2023» / "Jan 2023" for months, «2019» for years, never "2023-01". Synthetic frames (made-up
values, not source data); the expected labels are written out by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard.figures import encounters
from dashboard.figures.style import NARROW_DATE_TICKS, date_ticks

NO_SOURCES = {}  # synthetic source ids have no meta.sources row
NO_EVENTS = pl.DataFrame(
    {"event_id": [], "event_date": [], "title": [], "title_es": []},
    schema={
        "event_id": pl.String,
        "event_date": pl.Date,
        "title": pl.String,
        "title_es": pl.String,
    },
)


def appointments() -> pl.DataFrame:
    """January 2023 to August 2024: twenty months of made-up appointment counts."""
    months = pl.date_range(date(2023, 1, 1), date(2024, 8, 1), interval="1mo", eager=True)
    return pl.DataFrame(
        {
            "month": months,
            "appointments": list(range(1000, 1000 + 20 * 10, 10)),
            "release": ["synthetic"] * 20,
            "source_id": ["synthetic"] * 20,
        }
    )


# 20 months, at most 8 ticks: every month gives 20, every second month 10, every third 7
# (January, April, July, October 2023; January, April, July 2024)
SPANISH = ["ene 2023", "abr 2023", "jul 2023", "oct 2023", "ene 2024", "abr 2024", "jul 2024"]
ENGLISH = ["Jan 2023", "Apr 2023", "Jul 2023", "Oct 2023", "Jan 2024", "Apr 2024", "Jul 2024"]


@pytest.mark.parametrize("lang,expected", [("es", SPANISH), ("en", ENGLISH)])
def test_the_cbp_one_axis_names_its_months(lang, expected):
    fig = encounters.cbp_one_monthly(appointments(), NO_EVENTS, lang, sources=NO_SOURCES)
    assert list(fig.layout.xaxis.ticktext) == expected
    assert list(fig.layout.xaxis.tickvals)[0] == "2023-01-01"


def test_on_phones_the_axis_keeps_as_many_labels_as_fit():
    fig = encounters.cbp_one_monthly(appointments(), NO_EVENTS, "es", sources=NO_SOURCES)
    narrow = fig.layout.meta["narrow"]
    # «ene 2023» is 8 characters, about 66 px with its gap: three fit 240 px, so every third
    # of the seven ticks
    assert narrow["xaxis.ticktext"] == ["ene 2023", "oct 2023", "jul 2024"]
    assert len(narrow["xaxis.tickvals"]) <= NARROW_DATE_TICKS


def test_long_spans_read_years_and_short_ones_days():
    ticks, labels = date_ticks(date(2016, 9, 9), date(2022, 12, 28), "es")
    # 75 months: steps of 1, 2, 3 and 6 months give 75, 38, 25 and 13 ticks; Januaries 2017–2022: 6
    assert labels == ["2017", "2018", "2019", "2020", "2021", "2022"]
    assert ticks[0] == date(2017, 1, 1)
    _, labels = date_ticks(date(2019, 5, 2), date(2019, 5, 30), "es")
    # 28 days: steps of 1 and 2 days give 29 and 15 ticks, of 7 days five: 2, 9, 16, 23, 30 May
    assert labels == ["2 may 2019", "9 may 2019", "16 may 2019", "23 may 2019", "30 may 2019"]


def test_the_hover_names_the_month_as_the_axis_does():
    fig = encounters.cbp_one_monthly(appointments(), NO_EVENTS, "es", sources=NO_SOURCES)
    assert [tuple(c) for c in fig.data[0].customdata[:2]] == [
        ("ene 2023", "synthetic"),
        ("feb 2023", "synthetic"),
    ]
    assert "%{x|" not in fig.data[0].hovertemplate
