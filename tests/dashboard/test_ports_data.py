"""The /ports page's questions on the built marts, its URL filters, and its figures on
five-row frames (official encounters by field office, CBP One, a city beside its office)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from dashboard import data
from dashboard.figures import compare as figures_compare
from dashboard.figures import encounters as figures_official
from dashboard.figures.registry import CHARTS, BadFilter, Filters

EVENTS = pl.DataFrame(
    {
        "event_id": ["transit_ban"],
        "event_date": [date(2019, 7, 16)],
        "title": ["Third-country transit asylum bar published"],
        "title_es": ["Se publica la regla de tránsito por terceros países"],
    }
)


def fy_total(frame: pl.DataFrame, fiscal_year: int, area: str | None = None) -> int:
    rows = frame.filter(pl.col("fiscal_year") == fiscal_year)
    if area:
        rows = rows.filter(pl.col("area_of_responsibility") == area)
    return rows["encounters"].sum()


def test_preferred_ofo_southwest_total_fy2024_is_the_cbp_csv(use_built_marts):
    region = data.encounters("OFO", "region")
    assert fy_total(region, 2024) == 604_482
    assert set(region.filter(pl.col("fiscal_year") == 2024)["release"]) == {"cbp-sw-fy22-fy25-aug"}


def test_laredo_field_office_fy2025_from_the_aor_file(use_built_marts):
    offices = data.encounters("OFO", "area_of_responsibility")
    assert fy_total(offices, 2025, "Laredo Field Office") == 88_558
    assert fy_total(offices, 2025) == 206_133
    assert sorted(offices["area_of_responsibility"].unique()) == [
        "El Paso Field Office",
        "Laredo Field Office",
        "San Diego Field Office",
        "Tucson Field Office",
    ]


def test_each_month_and_office_comes_from_one_release(use_built_marts):
    offices = data.encounters("OFO", "area_of_responsibility")
    assert not offices["release"].str.contains(",").any()
    assert offices.select("month", "area_of_responsibility").is_duplicated().sum() == 0


def test_a_release_id_gives_that_release_as_published(use_built_marts):
    ohss = data.encounters("OFO", "region", release="ohss-monthly-2024-08")
    assert set(ohss["release"]) == {"ohss-monthly-2024-08"} and ohss["is_rounded"].all()
    assert ohss["month"].max() == date(2024, 8, 1)
    assert (ohss["encounters"] % 10 == 0).all()


def test_breakdown_filters_keep_only_cbp_file_months(use_built_marts):
    mexico = data.encounters("OFO", "area_of_responsibility", dims={"citizenship": "MEXICO"})
    assert mexico.height and mexico["month"].min() == date(2024, 10, 1)
    assert set(mexico["release"]) == {"cbp-aor-fy23-fy26-jul"}
    everyone = data.encounters("OFO", "area_of_responsibility", start=date(2024, 10, 1))
    assert mexico["encounters"].sum() < everyone["encounters"].sum()


def test_cbp_one_total_rows_per_month(use_built_marts):
    frame = data.cbp_one_monthly()
    assert frame["month"].is_unique().all() and frame["month"].min() == date(2022, 10, 1)
    blank = frame.filter(pl.col("appointments").is_null())
    assert blank["value_flag"].unique().to_list() == ["not_applicable"]
    assert data.cbp_one_monthly(release="cbp-sw-fy22-fy25-aug").height == 0


def test_url_filters_are_checked_against_the_marts(use_built_marts):
    query = {
        "component": "USBP",
        "release": "ohss-monthly-2024-08",
        "citizenship": "MEXICO",
        "title": "drop table",
        "demographic": "Nobody",
        "city": "Tijuana",
    }
    filters = Filters.from_query(query)
    assert filters.extra == {
        "component": "USBP",
        "release": "ohss-monthly-2024-08",
        "citizenship": "MEXICO",
    }
    assert filters.query_string() == (
        "?city=Tijuana&component=USBP&release=ohss-monthly-2024-08&citizenship=MEXICO"
    )
    # values the marts do not know are kept aside, for the page's "not found: …" line
    assert filters.unknown == (("demographic", "Nobody"), ("title", "drop table"))
    assert Filters.from_query(filters.to_query()) == replace(filters, unknown=())
    assert Filters.from_query({"component": "OFO", "release": "preferred"}).to_query() == {}
    with pytest.raises(BadFilter, match="unknown demographic"):
        Filters.from_query(query, strict=True)


def test_city_view_puts_tijuana_beside_the_san_diego_field_office(use_built_marts):
    filters = Filters.from_query({"city": "Tijuana"})
    frame, fig, summary = CHARTS["waitlist-vs-encounters"].render(filters)
    assert set(frame["series"]) == {"encounters", "waitlist"}
    assert set(frame.filter(pl.col("series") == "encounters")["place"]) == {
        "San Diego Field Office"
    }
    lists = frame.filter(pl.col("series") == "waitlist")["date"]
    enc = frame.filter(pl.col("series") == "encounters")["date"]
    assert enc.min() >= date(lists.min().year - 1, 1, 1) and "not comparable" in summary
    sector = Filters.from_query({"city": "Tijuana", "component": "USBP"})
    title = CHARTS["waitlist-vs-encounters"].render(sector)[1].layout.title.text
    assert "San Diego Sector" in title


def test_download_route_takes_page_filters(dash_app):
    client = dash_app.server.test_client()
    ok = client.get("/download/usbp-by-sector.csv?start=2024-01-01&end=2024-03-31")
    assert ok.status_code == 200 and ok.data.decode().count("\n") == 1 + 9 * 3
    bad = client.get("/download/encounters-by-office.csv?release=latest-rumour")
    assert bad.status_code == 400 and b"unknown release" in bad.data


# --- figures on five-row frames -----------------------------------------------------------


def offices() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "month": [
                date(2019, 5, 1),
                date(2019, 6, 1),
                date(2019, 8, 1),
                date(2019, 5, 1),
                date(2019, 6, 1),
            ],
            "fiscal_year": [2019] * 5,
            "component": ["OFO"] * 5,
            "area_of_responsibility": ["San Diego Field Office"] * 3 + ["Laredo Field Office"] * 2,
            "encounters": [4010, 3990, 3500, 3700, 3650],
            "release": ["ohss-monthly-2024-08"] * 5,
            "is_rounded": [True] * 5,
            "source_id": ["ohss-monthly-2024-08"] * 5,
        }
    )


def test_encounters_figure_lines_per_office_with_release_and_rounding_note():
    # the release's meta.sources row as official.lock records it (date from the file name)
    ohss = {
        "source_id": "ohss-monthly-2024-08",
        "title": "Immigration Enforcement and Legal Processes Monthly Tables (August 2024)",
        "publisher": "DHS Office of Homeland Security Statistics (OHSS)",
        "published": "2024-12-06",
    }
    sources = {"ohss-monthly-2024-08": ohss}
    fig = figures_official.encounters_by_area(offices(), EVENTS, "es", "OFO", sources=sources)
    assert [tr.name for tr in fig.data] == [
        "Oficina de campo de Laredo",
        "Oficina de campo de San Diego",
    ]
    assert fig.layout.title.text.startswith("Encuentros de OFO")
    notes = " ".join(a.text for a in fig.layout.annotations)
    # the sources line names the release; the note adds only the rounding rule
    assert "«Immigration Enforcement and Legal Processes Monthly Tables (August 2024)»" in notes
    assert "ohss-monthly-2024-08" not in notes and "decena" in notes
    assert "Se publica la regla de tránsito" in notes
    low, high = (str(x)[:10] for x in fig.layout.xaxis.range)
    assert low < "2019-05-01" and high > "2019-08-01"
    summary = figures_official.peak_summary(offices(), "en", sources=sources)
    assert "San Diego Field Office, May 2019: 4,010" in summary


def test_empty_selection_says_so():
    fig = figures_official.encounters_by_area(offices().clear(), EVENTS, "en", "USBP", sources={})
    assert fig.layout.title.text.startswith("Border Patrol encounters")
    assert any(a.text.startswith("No data for this selection") for a in fig.layout.annotations)


def test_cbp_one_bars_skip_not_applicable_months():
    frame = pl.DataFrame(
        {
            "month": [
                date(2022, 12, 1),
                date(2023, 1, 1),
                date(2023, 2, 1),
                date(2023, 3, 1),
                date(2023, 4, 1),
            ],
            "appointments": [None, 1000, 12000, 20000, 22000],
            "value_flag": ["not_applicable", None, None, None, None],
            "release": ["ohss-monthly-2024-08"] * 5,
            "is_rounded": [True] * 5,
            "source_id": ["ohss-monthly-2024-08"] * 5,
        }
    )
    fig = figures_official.cbp_one_monthly(frame, EVENTS, "en", sources={})
    assert list(fig.data[0].y) == [1000, 12000, 20000, 22000]
    assert fig.layout.yaxis.title.text == "Appointments per month"


def test_city_view_marks_not_comparable_and_keeps_units_apart():
    lists = pl.DataFrame(
        {
            "as_of_date": [date(2019, 5, 1), date(2019, 8, 1), date(2020, 9, 1)],
            "date_precision": ["month", "month", "day"],
            "people_waiting": [4800, 9000, 1100],
            "count_unit": ["people", "names", "people"],
            "count_qualifier": ["about"] * 3,
            "list_kind": ["metering_list", "metering_list", "camp_or_shelter_count"],
            "source_id": ["s1", "s2", "s3"],
        }
    )
    frame = figures_compare.comparison_frame(
        offices().head(2), lists, "Tijuana", "San Diego Field Office"
    )
    assert frame.height == 5
    fig = figures_compare.waitlist_vs_encounters(
        frame, EVENTS, "en", "Tijuana", "San Diego Field Office", sources={}
    )
    assert fig.data[0].type == "bar" and {tr.yaxis for tr in fig.data[1:]} == {"y2"}
    assert len(fig.data) == 4  # bars + people/metering + names/metering + camp count
    assert fig.layout.title.subtitle.text.startswith("<b>Not comparable")
    summary = figures_compare.compare_summary(frame, "Tijuana", "San Diego Field Office", "en")
    assert "between May 2019 and September 1, 2020" in summary
