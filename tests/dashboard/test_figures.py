"""Figure functions on synthetic five-row frames (made-up test values, not source data)."""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard.figures import waitlists as figures

EVENTS = pl.DataFrame(
    {"event_date": [date(2019, 7, 16)], "title": ["Transit ban"], "title_es": ["Regla de tránsito"]}
)


# made-up meta.sources rows for the synthetic ids: notes name publisher, title and date
SOURCES = {
    f"s{i}": {
        "source_id": f"s{i}",
        "publisher": f"Publisher {i}",
        "title": f"Report {i}",
        "published": f"2019-0{i}",
        "published_precision": "month",
    }
    for i in range(1, 6)
}


def snapshots() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "city": ["Tijuana", "Tijuana", "Tijuana", "Matamoros", "Matamoros"],
            "as_of_date": [
                date(2019, 5, 1),
                date(2019, 8, 1),
                date(2019, 9, 1),
                date(2019, 4, 1),
                date(2020, 8, 1),
            ],
            "date_precision": ["month"] * 5,
            "people_waiting": [4800, 9000, 1100, 1000, 600],
            "count_unit": ["people", "names", "list_numbers", "people", "people"],
            "count_qualifier": ["about"] * 5,
            "list_kind": ["metering_list"] * 4 + ["camp_or_shelter_count"],
            "source_id": ["s1", "s2", "s3", "s4", "s5"],
        }
    )


def test_units_and_list_kinds_get_separate_traces():
    fig = figures.waitlist_by_city(snapshots(), EVENTS, "en", sources=SOURCES)
    drawn = list(fig.data)
    # one trace per city × unit × kind of list (the frame has 2 + 3 such groups) ...
    assert sorted((tr.name, tr.hovertemplate.split("<br>")[0]) for tr in drawn) == [
        ("Matamoros", "Matamoros · people"),
        ("Matamoros", "Matamoros · people · camp or shelter count"),
        ("Tijuana", "Tijuana · list numbers"),
        ("Tijuana", "Tijuana · names"),
        ("Tijuana", "Tijuana · people"),
    ]
    # ... but the city legend names each city once (no scrolling list of 20+ entries)
    assert sorted(tr.name for tr in drawn if tr.showlegend is not False) == ["Matamoros", "Tijuana"]
    # the marker key names the three units drawn, with their shapes
    assert fig.layout.title.subtitle.text.endswith("● people · ■ names · ▲ list numbers")
    camp = next(tr for tr in drawn if "camp" in tr.hovertemplate)
    assert camp.mode == "markers" and camp.marker.symbol.endswith("-open")


def test_one_online_registry_count_does_not_stretch_the_axis():
    registry = pl.DataFrame(
        {
            "city": ["Tijuana"],
            "as_of_date": [date(2022, 6, 1)],
            "date_precision": ["month"],
            "people_waiting": [50000],
            "count_unit": ["registrations"],
            "count_qualifier": ["about"],
            "list_kind": ["online_registry"],
            "source_id": ["s6"],
        }
    )
    frame = pl.concat([snapshots(), registry])
    fig = figures.waitlist_by_city(frame, EVENTS, "en", sources=SOURCES)
    # the largest list count in snapshots() is 9,000 names; the axis stops 15% above it
    assert fig.layout.yaxis.range == (0, 9000 * 1.15)
    # the label is broken into short lines for phones
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    off = [text for text in texts if "off this scale" in text]
    assert off == ["↑ Tijuana online registry: 50,000 registrations (June 2022), off this scale"]


def test_title_source_note_and_event_line():
    fig = figures.waitlist_by_city(
        snapshots().filter(pl.col("city") == "Tijuana"), EVENTS, "es", sources=SOURCES
    )
    assert fig.layout.title.text == "Lista de espera de asilo en Tijuana"
    assert fig.layout.font.family == "DejaVu Sans"
    notes = [a.text for a in fig.layout.annotations]
    # sources by publisher, title and date (Spanish quotes and month names), never by id
    assert any(
        n.startswith("Fuentes (3): Publisher 1, «Report 1» (enero de 2019); Publisher 2")
        for n in notes
    )
    assert not any("s1" in n.split() for n in notes)
    assert "Regla de tránsito" in notes
    assert fig.layout.yaxis.title.text == "Conteo informado"


def test_summary_names_largest_count_with_its_source():
    text = figures.by_city_summary(snapshots(), "en", sources=SOURCES)
    assert text.startswith("5 counts in 2 cities between May 1, 2019"[:10])
    assert "9,000 names in Tijuana" in text
    assert "source Publisher 2, “Report 2” (February 2019)" in text


def _totals(rows: list[tuple]) -> pl.DataFrame:
    """Synthetic border totals: (date, series, total, unit, qualifier, source)."""
    return pl.DataFrame(
        {
            "as_of_date": [r[0] for r in rows],
            "date_precision": ["month"] * len(rows),
            "report": [f"report {r[5]}" for r in rows],
            "series": [r[1] for r in rows],
            "people_waiting_total": [r[2] for r in rows],
            "count_unit": [r[3] for r in rows],
            "count_qualifier": [r[4] for r in rows],
            "is_comparable": [True] * len(rows),
            "source_id": [r[5] for r in rows],
        }
    )


def test_border_total_draws_what_sources_drew():
    """Synthetic: one line per era, broken at 20 March 2020; disputes drawn, never a median."""
    m, p = "metering_update", "press_count"
    totals = _totals(
        [
            (date(2018, 11, 1), m, 6190, "people", "exact", "s1"),
            (date(2019, 5, 1), m, 18700, "people", "more_than", "s2"),
            (date(2019, 5, 1), m, 19000, "people", "about", "s3"),  # sources disagree
            (date(2019, 5, 10), p, 13000, "people", "exact", "s4"),
            (date(2019, 8, 1), m, 26000, "people", "about", "s5"),
            (date(2020, 5, 1), m, 14580, "people", "exact", "s6"),  # Title 42 period
            (date(2020, 8, 1), m, 15000, "names", "about", "s7"),  # names, not people
        ]
    )
    fig = figures.waitlist_border_total(totals, EVENTS, "en", sources=SOURCES)
    by_name = {trace.name: trace for trace in fig.data}
    metering = by_name["Metering update editions, metering lists (to 20 March 2020)"]
    title42 = by_name["Metering update editions, Title 42 period (frozen or other lists)"]
    # May 2019: 18,700 and 19,000 disagree, so the line has a gap there, not 18,850
    assert list(metering.y) == [6190, None, 26000] and metering.connectgaps is False
    assert list(title42.y) == [14580]
    assert sorted(by_name["Editions whose sources give different totals (each shown)"].y) == [
        18700,
        19000,
    ]
    assert list(by_name["Count of names, not of people"].y) == [15000]
    assert list(by_name["Other tallies (press, other methods)"].y) == [13000]
    summary = figures.border_total_summary(totals, "en")
    # the peak before Title 42 keeps its qualifier ("about 26,000"), the later 14,580 is apart
    assert "6,190" in summary and "peaked at about 26,000" in summary
    assert figures.peak_edition(totals)["source_id"] == "s5"


def test_a_city_line_never_crosses_20_march_2020():
    """Synthetic: one city's metering list before and after Title 42 is two segments."""
    frame = snapshots().with_columns(
        pl.Series("city", ["Tijuana", "Tijuana", "Tijuana", "Tijuana", "Tijuana"]),
        pl.Series("count_unit", ["people"] * 5),
        pl.Series("list_kind", ["metering_list"] * 5),
    )
    fig = figures.waitlist_by_city(frame, EVENTS, "en", sources=SOURCES)
    assert [list(trace.y) for trace in fig.data] == [[1000, 4800, 9000, 1100], [600]]
    assert [trace.showlegend for trace in fig.data] == [True, False]
    # the hover: the month as the axis writes it (the frame's first date, 1 April 2019, at
    # month precision), then the count with its qualifier
    assert list(fig.data[0].customdata[0][:2]) == ["Apr 2019", "about 1,000"]
