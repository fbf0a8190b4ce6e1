"""Fiscal-year totals per field office: the mart against the raw CBP file read here by
independent code, and the figure and summary on a synthetic frame (made-up values)."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import polars as pl

from dashboard import data
from dashboard.figures.fiscal import (
    fiscal_year_summary,
    fiscal_year_totals,
    part_year_note,
    year_label,
)
from etl import paths

# data/raw/official/SOURCES.md, provenance of the CBP AOR extract: FY2025 OFO southwest
# inadmissibles by field office as published by CBP.
PUBLISHED_FY2025 = {
    "El Paso Field Office": 32_938,
    "Laredo Field Office": 88_558,
    "San Diego Field Office": 67_194,
    "Tucson Field Office": 17_443,
}


NO_SOURCES = {}  # synthetic source ids have no meta.sources row: notes name them bare


def raw_aor_totals() -> tuple[dict, dict]:
    """Sum of `Encounter Count` and the months present, per field office, FY2025 only."""
    folder = paths.official_dir() / "cbp_nationwide_encounters_aor"
    totals, months = defaultdict(int), defaultdict(set)
    for path in folder.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["Fiscal Year"] == "2025" and row["Land Border Region"].startswith("South"):
                    office = row["Area of Responsibility"]
                    totals[office] += int(row["Encounter Count"].replace(",", ""))
                    months[office].add(row["Month (abbv)"])
    return dict(totals), months


def test_raw_file_matches_the_published_totals():
    totals, months = raw_aor_totals()
    assert totals == PUBLISHED_FY2025
    assert all(len(m) == 12 for m in months.values())


def test_mart_gives_each_office_its_published_fiscal_year_2025(use_built_marts):
    frame = data.encounters_fiscal_year("OFO").filter(pl.col("fiscal_year") == 2025)
    got = dict(zip(frame["area_of_responsibility"], frame["encounters"], strict=True))
    assert got == PUBLISHED_FY2025
    assert frame["months_covered"].to_list() == [12] * 4
    assert not frame["is_partial_year"].any()


def test_the_year_the_ohss_edition_stops_in_is_a_part_year(use_built_marts):
    # The OHSS August 2024 tables end in August 2024 and the CBP extract starts in October
    # 2024 (SOURCES.md): fiscal year 2024 by field office has 11 months, October to August.
    frame = data.encounters_fiscal_year("OFO").filter(pl.col("fiscal_year") == 2024)
    assert frame.height == 4
    assert frame["months_covered"].to_list() == [11] * 4
    assert frame["is_partial_year"].all()
    assert year_label(frame.row(0, named=True), "en") == "FY2024 FYTD"
    assert part_year_note(frame, "en") == (
        "FYTD, a part year: FY2024 FYTD (11 months, Oct 2023 to Aug 2024)."
    )


def synthetic() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "area_of_responsibility": ["A Field Office", "B Field Office"] * 2 + ["A Field Office"],
            "fiscal_year": [2022, 2022, 2023, 2023, 2024],
            "release": ["r1"] * 5,
            "encounters": [10, 20, 30, 40, 7],
            "months_covered": [12, 12, 12, 12, 3],
            "is_partial_year": [False, False, False, False, True],
            "first_month": [date(2021, 10, 1)] * 2 + [date(2022, 10, 1)] * 2 + [date(2023, 10, 1)],
            "last_month": [date(2022, 9, 1)] * 2 + [date(2023, 9, 1)] * 2 + [date(2023, 12, 1)],
            "is_rounded": [False] * 5,
            "source_id": ["s1"] * 5,
        }
    )


def test_figure_groups_offices_by_year_and_labels_the_part_year():
    fig = fiscal_year_totals(synthetic(), "en", sources=NO_SOURCES)
    assert [trace.name for trace in fig.data] == ["A Field Office", "B Field Office"]
    assert list(fig.layout.xaxis.categoryarray) == [
        "FY2022",
        "FY2023",
        "FY2024 FYTD",
    ]
    assert "FY2024 FYTD (3 months, Oct 2023 to Dec 2023)" in fig.layout.annotations[-1].text
    assert list(fig.data[0].y) == [10, 30, 7]


def test_summary_names_the_latest_years_largest_office_and_its_months():
    assert fiscal_year_summary(synthetic(), "es") == (
        "AF 2024 parcial: Oficina de campo de A registró la mayor cantidad de encuentros, 7. "
        "Año parcial: AF 2024 parcial (3 meses, de oct 2023 a dic 2023)."
    )


def test_ports_card_csv_gives_each_office_its_published_fiscal_year_2025(dash_app):
    # the registry entry on /ports: its download carries the same rows as the mart
    response = dash_app.server.test_client().get("/download/encounters-fiscal-year.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(response.get_data(as_text=True).splitlines()))
    got = {
        r["area_of_responsibility"]: int(r["encounters"])
        for r in rows
        if r["fiscal_year"] == "2025"
    }
    assert got == PUBLISHED_FY2025
