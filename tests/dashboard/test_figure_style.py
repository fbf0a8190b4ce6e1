"""The shared figure style on synthetic frames (made-up values, not source data): date axes
that stay readable at any width and in any language, and the phone layout in layout.meta."""

from __future__ import annotations

import re
from datetime import date

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.figures import waitlists as figures
from dashboard.figures.style import NARROW_LEGEND_MAX, PLOT_PX, SOURCE_NOTE, base_layout

EVENTS = pl.DataFrame(
    {"event_date": [date(2019, 5, 10)], "title": ["An event"], "title_es": ["Un evento"]}
)


NO_SOURCES = {}  # synthetic source ids have no meta.sources row: notes name them bare


def one_month() -> pl.DataFrame:
    days = [date(2019, 5, d) for d in (2, 9, 16, 23, 30)]
    return pl.DataFrame(
        {
            "city": ["Tijuana"] * 5,
            "as_of_date": days,
            "date_precision": ["day"] * 5,
            "people_waiting": [4800, 4900, 5000, 5100, 5200],
            "count_unit": ["people"] * 5,
            "count_qualifier": ["about"] * 5,
            "list_kind": ["metering_list"] * 5,
            "source_id": ["s1", "s2", "s3", "s4", "s5"],
        }
    )


def tick_labels(fig: go.Figure, width: int) -> list[str]:
    svg = fig.to_image(format="svg", width=width, height=520).decode()
    return re.findall(r'class="xtick"><text[^>]*>([^<]+)</text>', svg)


@pytest.mark.slow
def test_a_one_month_view_has_dates_on_its_axis(renderer):
    fig = figures.waitlist_by_city(one_month(), EVENTS, "es", sources=NO_SOURCES)
    labels = tick_labels(fig, 900)
    assert len(labels) >= 2
    # days as the glossary writes them on an axis: «9 may 2019»
    assert all(re.fullmatch(r"\d{1,2} may 2019", label) for label in labels), labels


@pytest.mark.slow
def test_the_shared_style_gives_a_one_month_axis_its_days(renderer):
    days = one_month()["as_of_date"].to_list()
    fig = base_layout(
        go.Figure(go.Scatter(x=days, y=[1] * 5)), "t", "", "note", "people", lang="en"
    )
    labels = tick_labels(fig, 900)
    assert len(labels) >= 2
    assert all(re.fullmatch(r"May \d{1,2}, 2019", label) for label in labels), labels


@pytest.mark.slow
def test_a_narrow_multi_year_axis_reads_whole_years(renderer):
    frame = one_month().with_columns(
        pl.Series("as_of_date", [date(y, 1, 15) for y in (2016, 2018, 2020, 2022, 2024)])
    )
    fig = figures.waitlist_by_city(frame, EVENTS, "en", sources=NO_SOURCES)
    narrow = fig.layout.meta["narrow"]
    phone = fig.update_xaxes(tickvals=narrow["xaxis.tickvals"], ticktext=narrow["xaxis.ticktext"])
    labels = tick_labels(phone, 340)
    assert len(labels) <= 4
    assert labels and all(re.fullmatch(r"20\d\d", label) for label in labels), labels
    assert len(set(labels)) == len(labels)


def test_phone_layout_wraps_the_title_and_moves_a_short_legend_under_the_plot():
    title = "Asylum waitlists by Mexican border city and by port of entry"
    fig = base_layout(
        go.Figure([go.Scatter(x=[date(2019, 1, 1)], y=[1], name="Tijuana")]),
        title,
        "subtitle",
        "Sources (1): s1",
        "people",
        lang="en",
    )
    narrow = fig.layout.meta["narrow"]
    assert narrow["title.text"].replace("<br>", " ") == title
    assert all(len(line) <= 28 for line in narrow["title.text"].split("<br>"))
    assert narrow["legend.orientation"] == "h" and narrow["legend.y"] < 0
    assert "showlegend" not in narrow


def test_phone_layout_hides_a_long_legend_and_the_policy_date_labels():
    frame = pl.concat(
        one_month().with_columns(pl.lit(f"City {i}").alias("city"))
        for i in range(NARROW_LEGEND_MAX + 1)
    )
    fig = figures.waitlist_by_city(frame, EVENTS, "en", sources=NO_SOURCES)
    narrow = fig.layout.meta["narrow"]
    assert narrow["showlegend"] is False
    labels = [i for i, a in enumerate(fig.layout.annotations) if a.text == "An event"]
    assert labels and all(narrow[f"annotations[{i}].visible"] is False for i in labels)


def test_the_source_note_sits_under_the_legend_and_inside_the_chart():
    # five entries of 60 characters: 46 + 6.3 × 60 = 424 px each, one per row at 640 px
    names = [f"{i} " + "x" * 58 for i in range(5)]
    fig = base_layout(
        go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in names]),
        "title",
        "subtitle",
        "line one<br>line two<br>line three",
        "people",
        lang="en",
    )
    note = next(a for a in fig.layout.annotations if a.name == SOURCE_NOTE)
    assert -note.yshift >= 36 + 5 * 20  # tick labels, then five legend rows
    assert fig.layout.margin.b >= -note.yshift + 3 * 13  # three note lines fit below
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b == PLOT_PX
