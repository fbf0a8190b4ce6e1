"""CBP encounter CSVs and CBP One prose figures: typed rows, quirks, known totals, shape errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from etl import official_parse as op
from etl import paths
from etl.problems import SourceError
from etl.sources import cbp_aor_encounters, cbp_one_releases, cbp_sw_encounters

FIXTURES = Path(__file__).parent.parent / "fixtures" / "official"
SW_SAMPLE = FIXTURES / "sbo-encounters-sample.csv"
AOR_SAMPLE = FIXTURES / "nationwide-encounters-aor-sample.csv"
OFFICIAL = paths.ROOT / "data" / "raw" / "official"


@pytest.mark.parametrize(
    ("label", "year"), [("2025", 2025), ("2025 (FYTD)", 2025), ("2024 YTD", 2024), (2014.0, 2014)]
)
def test_fiscal_year_labels(label, year):
    assert op.fiscal_year_of(label) == year


def test_fiscal_year_months_map_to_calendar_months():
    assert op.month_start(2025, op.month_number("OCT")) == dt.date(2024, 10, 1)
    assert op.month_start(2025, op.month_number("01 October")) == dt.date(2024, 10, 1)
    assert op.month_start(2025, op.month_number("September")) == dt.date(2025, 9, 1)


def test_counts_with_separators_and_not_applicable():
    assert op.parse_count("1,234") == (1234, None)
    assert op.parse_count(" X ") == (None, op.NOT_APPLICABLE)
    with pytest.raises(ValueError):
        op.parse_count("n/a")


def test_sw_sample_parses_to_typed_rows():
    df = cbp_sw_encounters.parse(SW_SAMPLE)
    assert df.height == 40
    assert {
        "month",
        "fiscal_year",
        "component",
        "citizenship",
        "encounters",
        "release",
        "is_rounded",
        "source_id",
        "line",
    } <= set(df.columns)
    ofo_t8 = df.filter(
        (pl.col("component") == "Office of Field Operations")
        & (pl.col("title_of_authority") == "Title 8")
    )
    assert ofo_t8["encounters"].sum() == 3887
    row = df.filter(pl.col("line") == 5).row(0, named=True)
    assert (row["month"], row["citizenship"], row["encounters"]) == (
        dt.date(2021, 10, 1),
        "Mexico",
        112,
    )
    assert row["release"] == "cbp-sw-fy22-fy25-aug" and row["is_rounded"] is False


def test_crlf_bom_and_renamed_columns_give_the_same_rows(tmp_path):
    text = SW_SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    variant = tmp_path / "sbo-variant.csv"
    variant.write_bytes(b"\xef\xbb\xbf" + text.replace(b"Citizenship Grouping", b"Citizenship", 1))
    assert variant.read_bytes()[:3] == b"\xef\xbb\xbf" and b"\r\n" in variant.read_bytes()
    columns = ["month", "component", "citizenship", "encounters"]
    assert (
        cbp_sw_encounters.parse(variant)
        .select(columns)
        .equals(cbp_sw_encounters.parse(SW_SAMPLE).select(columns))
    )


def test_aor_alias_header_is_accepted(tmp_path):
    variant = tmp_path / "aor-variant.csv"
    variant.write_text(AOR_SAMPLE.read_text().replace("Area of Responsibility", "AOR", 1))
    df = cbp_aor_encounters.parse(variant)
    assert df["area_of_responsibility"].unique().to_list() == ["Laredo Field Office"]


def test_aor_sample_dates_remaining_months_from_their_fiscal_year():
    df = cbp_aor_encounters.parse(AOR_SAMPLE)
    by_month = dict(df.group_by("month").agg(pl.sum("encounters")).iter_rows())
    assert by_month == {dt.date(2024, 10, 1): 21808, dt.date(2025, 9, 1): 108}


def test_missing_column_names_file_and_column(tmp_path):
    broken = tmp_path / "sbo-broken.csv"
    broken.write_text(SW_SAMPLE.read_text().replace("Title of Authority", "Authority", 1))
    with pytest.raises(SourceError) as err:
        cbp_sw_encounters.parse(broken)
    assert "sbo-broken.csv" in str(err.value) and "title_of_authority" in str(err.value)


def test_bad_count_becomes_a_reject_with_line_and_column(tmp_path):
    lines = SW_SAMPLE.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",twelve"
    broken = tmp_path / "sbo-bad.csv"
    broken.write_text("\n".join(lines) + "\n")
    df, rejects = cbp_sw_encounters.parse_checked(broken)
    assert df.height == 39
    assert [(r.line, r.column, r.column_name, r.value) for r in rejects] == [
        (4, 9, "encounters", "twelve")
    ]


def test_known_ofo_southwest_totals_in_the_cbp_sw_release():
    df = cbp_sw_encounters.parse(OFFICIAL / cbp_sw_encounters_path())
    ofo = df.filter(pl.col("component") == "Office of Field Operations")
    totals = dict(ofo.group_by("fiscal_year").agg(pl.sum("encounters")).iter_rows())
    assert (totals[2022], totals[2023], totals[2024]) == (172_508, 429_831, 604_482)
    assert df.height == 1936


def test_known_ofo_fy2025_totals_by_field_office_in_the_aor_extract():
    path = next((OFFICIAL / "cbp_nationwide_encounters_aor").glob("*.csv"))
    df = cbp_aor_encounters.parse(path)
    assert df["encounters"].sum() == 206_133 and df.height == 1308
    by_office = dict(df.group_by("aor_abbv").agg(pl.sum("encounters")).iter_rows())
    assert by_office == {"Laredo": 88_558, "San Diego": 67_194, "El Paso": 32_938, "Tucson": 17_443}


def test_cbp_one_figures_keep_units_apart():
    df = cbp_one_releases.parse(OFFICIAL / "cbp_one" / "cbp_one_figures_from_releases.csv")
    assert df.height == 11
    assert set(df["count_unit"]) == {
        "people",
        "appointments",
        "appointments_per_day",
        "requests_per_day",
    }
    row = df.filter(pl.col("value") == 852_000).row(0, named=True)
    assert (row["count_qualifier"], row["is_cumulative"], row["count_unit"]) == (
        "more_than",
        True,
        "people",
    )


def cbp_sw_encounters_path() -> str:
    return "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
