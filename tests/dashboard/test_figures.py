"""Figure functions on synthetic five-row frames (made-up test values, not source data)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard import source_refs
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


@pytest.fixture(autouse=True)
def synthetic_sources(monkeypatch):
    monkeypatch.setattr(
        source_refs, "meta_rows", lambda ids: [SOURCES[i] for i in ids if i in SOURCES]
    )


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
    fig = figures.waitlist_by_city(snapshots(), EVENTS, "en")
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
    fig = figures.waitlist_by_city(pl.concat([snapshots(), registry]), EVENTS, "en")
    # the largest list count in snapshots() is 9,000 names; the axis stops 15% above it
    assert fig.layout.yaxis.range == (0, 9000 * 1.15)
    off = [a.text for a in fig.layout.annotations if "off this scale" in a.text]
    assert off == ["↑ Tijuana online registry: 50,000 registrations (June 2022), off this scale"]


def test_title_source_note_and_event_line():
    fig = figures.waitlist_by_city(snapshots().filter(pl.col("city") == "Tijuana"), EVENTS, "es")
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
    assert fig.layout.yaxis.title.text == "Conteo tal como se informó (unidad: forma del marcador)"


def test_summary_names_largest_count_with_its_source():
    text = figures.by_city_summary(snapshots(), "en")
    assert text.startswith("5 counts in 2 cities between May 1, 2019"[:10])
    assert "9,000 names in Tijuana" in text
    assert "source Publisher 2, “Report 2” (February 2019)" in text


def test_border_total_keeps_press_tallies_off_the_line():
    totals = pl.DataFrame(
        {
            "as_of_date": [
                date(2018, 11, 1),
                date(2019, 5, 1),
                date(2019, 5, 1),
                date(2019, 5, 10),
                date(2019, 8, 1),
            ],
            "date_precision": ["month", "month", "month", "day", "month"],
            "report": ["a", "b", "b", "AP", "c"],
            "series": [
                "metering_update",
                "metering_update",
                "metering_update",
                "press_count",
                "metering_update",
            ],
            "people_waiting_total": [6190, 19000, 19000, 13000, 26000],
            "is_comparable": [True, True, True, True, True],
            "source_id": ["s1", "s2", "s3", "s4", "s5"],
        }
    )
    fig = figures.waitlist_border_total(totals, EVENTS, "en")
    line, press = fig.data
    assert list(line.y) == [6190, 19000, 26000]
    assert list(press.y) == [13000]
    summary = figures.border_total_summary(totals, "en")
    assert "6,190" in summary and "peaked at 26,000" in summary
