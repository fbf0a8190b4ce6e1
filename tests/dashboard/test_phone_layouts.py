"""Charts that stay legible at 1,400 px and on phones (360 px), on synthetic frames (made-up
values, not source data): numbered policy dates with their key, upright fiscal-year labels
with room under the plot, and tactic names above their bars on phones."""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from dashboard.figures import waitlists
from dashboard.figures.fiscal import fiscal_year_totals
from dashboard.figures.registry import CHARTS
from dashboard.figures.style import (
    BAR_BAND_PX,
    BAR_LABEL,
    EVENT_NUMBER_PX,
    SOURCE_NOTE,
    numbered_event_labels,
)
from dashboard.figures.turnbacks import turnbacks_by_tactic

NO_SOURCES = {}  # synthetic source ids have no meta.sources row: notes name them bare
# three made-up policy dates in one week, and one a year later
EVENTS = pl.DataFrame(
    {
        "event_id": ["a", "b", "c", "d"],
        "event_date": [date(2019, 1, 7), date(2019, 1, 9), date(2019, 1, 14), date(2020, 1, 6)],
        "title": ["First rule", "Second rule", "Third rule", "Fourth rule"],
        "title_es": ["Primera regla", "Segunda regla", "Tercera regla", "Cuarta regla"],
    }
)


def counts() -> pl.DataFrame:
    days = [date(2018, 6, 1), date(2019, 6, 1), date(2020, 2, 1)]
    return pl.DataFrame(
        {
            "city": ["Tijuana"] * 3,
            "as_of_date": days,
            "date_precision": ["day"] * 3,
            "people_waiting": [1000, 2000, 3000],
            "count_unit": ["people"] * 3,
            "count_qualifier": [None] * 3,
            "list_kind": ["metering_list"] * 3,
            "source_id": ["s1", "s2", "s3"],
        }
    )


def city_chart(lang: str):
    fig = waitlists.waitlist_by_city(counts(), EVENTS, lang, sources=NO_SOURCES)
    return CHARTS["waitlist-by-city"].screen(fig)


def test_the_waitlist_charts_number_their_policy_dates_on_screen():
    assert CHARTS["waitlist-by-city"].screen is numbered_event_labels
    assert CHARTS["waitlist-border-total"].screen is numbered_event_labels


def test_policy_dates_are_numbers_and_close_ones_take_another_row():
    fig = city_chart("es")
    numbers = sorted(
        (
            a
            for a in fig.layout.annotations
            if a.text and a.text.startswith("<b>") and a.xref == "x"
        ),
        key=lambda a: str(a.x),
    )
    assert [a.text for a in numbers] == ["<b>1</b>", "<b>2</b>", "<b>3</b>", "<b>4</b>"]
    rows = [round((a.yshift - 2) / EVENT_NUMBER_PX) for a in numbers]
    # 7, 9 and 14 January 2019 are days apart on an axis of about two years: three rows;
    # January 2020 is far from the last of them: back on the first row
    assert rows == [0, 1, 2, 0]
    note = next(a for a in fig.layout.annotations if a.name == SOURCE_NOTE)
    key = note.text.split("<br>")[:4]
    assert key == [
        "<b>1</b>\u00a0Primera regla (7 de enero de 2019)",
        "<b>2</b>\u00a0Segunda regla (9 de enero de 2019)",
        "<b>3</b>\u00a0Tercera regla (14 de enero de 2019)",
        "<b>4</b>\u00a0Cuarta regla (6 de enero de 2020)",
    ]


def test_on_phones_the_numbers_stay_and_each_key_line_starts_with_its_number():
    fig = city_chart("en")
    narrow = fig.layout.meta["narrow"]
    for i, a in enumerate(fig.layout.annotations):
        if a.text and re.fullmatch(r"<b>\d</b>", a.text):
            assert narrow.get(f"annotations[{i}].visible") is not False
    index = next(i for i, a in enumerate(fig.layout.annotations) if a.name == SOURCE_NOTE)
    lines = narrow[f"annotations[{index}].text"].split("<br>")
    starts = [line for line in lines if re.match(r"<b>\d</b>", line)]
    assert [s[:8] for s in starts] == ["<b>1</b>", "<b>2</b>", "<b>3</b>", "<b>4</b>"]
    # three rows of numbers above the plot: the top margin holds them
    assert narrow["margin.t"] >= 3 * EVENT_NUMBER_PX + 36 + 19


def fiscal_years() -> pl.DataFrame:
    years = list(range(2014, 2027))
    partial = [y == 2026 for y in years]
    return pl.DataFrame(
        {
            "area_of_responsibility": ["A Field Office"] * len(years),
            "fiscal_year": years,
            "release": ["r1"] * len(years),
            "encounters": [10] * len(years),
            "months_covered": [10 if p else 12 for p in partial],
            "is_partial_year": partial,
            "first_month": [date(y - 1, 10, 1) for y in years],
            "last_month": [date(y, 7 if p else 9, 1) for y, p in zip(years, partial, strict=True)],
            "is_rounded": [False] * len(years),
            "source_id": ["s1"] * len(years),
        }
    )


def test_fiscal_year_labels_stand_upright_on_phones_with_room_below():
    fig = fiscal_year_totals(fiscal_years(), "es", sources=NO_SOURCES)
    narrow = fig.layout.meta["narrow"]
    assert narrow["xaxis.tickangle"] == -90
    plot_px = narrow["height"] - narrow["margin.t"] - narrow["margin.b"]
    # «AF 2026 parcial» is 15 characters: upright at 10 px, at least 15 × 5.5 = 82 px tall;
    # the legend starts below it
    assert -narrow["legend.y"] * plot_px >= 15 * 5.5


def tactics() -> pl.DataFrame:
    names = ["denial_of_access", "metering_capacity_claim", "misrepresentation", "coercion"]
    return pl.DataFrame(
        {
            "tactic": names * 2,
            "record_type": ["incident"] * 4 + ["aggregate"] * 4,
            "records": [9, 3, 2, 1, 8, 4, 1, 1],
            "source_id": ["s1"] * 8,
        }
    )


def test_on_phones_tactic_names_stand_above_their_bars():
    fig = turnbacks_by_tactic(tactics(), "es", sources=NO_SOURCES)
    narrow = fig.layout.meta["narrow"]
    labels = [(i, a) for i, a in enumerate(fig.layout.annotations) if a.name == BAR_LABEL]
    assert [a.text for _, a in labels] == list(fig.data[0].y)  # one per bar, in axis order
    assert all(a.visible is False for _, a in labels)  # wide screens: the axis names them
    assert all(narrow[f"annotations[{i}].visible"] is True for i, _ in labels)
    assert narrow["yaxis.showticklabels"] is False
    # the bars start at the chart's left edge: no label column takes the width
    assert narrow["margin.l"] <= 12
    plot_px = narrow["height"] - narrow["margin.t"] - narrow["margin.b"]
    assert plot_px == BAR_BAND_PX * 4
