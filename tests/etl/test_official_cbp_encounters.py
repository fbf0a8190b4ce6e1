"""CBP encounter CSVs, every layout: typed rows on fixtures, quirks, shape errors, known totals."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from etl import official_lock, paths
from etl import official_parse as op
from etl.problems import SourceError
from etl.sources import cbp_encounters, cbp_one_releases

FIXTURES = Path(__file__).parent.parent / "fixtures" / "official"
SW_SAMPLE = FIXTURES / "sbo-encounters-sample.csv"
AOR_SAMPLE = FIXTURES / "nationwide-encounters-aor-sample.csv"
FY2026_SAMPLE = FIXTURES / "nationwide-encounters-fy2026-aor-sample.csv"
OFFICIAL = paths.ROOT / "data" / "raw" / "official"
# what a lock entry gives a fixture file: its layout and release facts
FIXTURE_RELEASE = {
    "release_id": "fixture",
    "source_id": "fixture",
    "release_date": "2026-08",
    "rounding": "unrounded",
}
SW = {**FIXTURE_RELEASE, "layout": "southwest"}
AOR = {**FIXTURE_RELEASE, "layout": "aor"}


def locked(release_id: str) -> list[Path]:
    """The committed files of one release, as official.lock lists them."""
    return [
        OFFICIAL / e["path"]
        for e in official_lock.entries(OFFICIAL)
        if e["release_id"] == release_id
    ]


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


def test_southwest_layout_gives_region_rows():
    df = cbp_encounters.parse(SW_SAMPLE, SW)
    assert df.height == 40
    assert set(df["land_border_region"]) == {"Southwest Land Border"}
    assert set(df["detail_level"]) == {"region"} and set(df["layout"]) == {"southwest"}
    ofo_t8 = df.filter(
        (pl.col("component") == "Office of Field Operations")
        & (pl.col("title_of_authority") == "Title 8")
    )
    # hand sum of the fixture's OFO Title 8 rows
    assert ofo_t8["encounters"].sum() == 3887
    row = df.filter(pl.col("line") == 5).row(0, named=True)
    # line 5 of the fixture: 2022,FYTD,OCT,...,Mexico,Title 42,Expulsions,112
    assert (row["month"], row["citizenship"], row["encounters"]) == (
        dt.date(2021, 10, 1),
        "Mexico",
        112,
    )
    assert row["release"] == "fixture" and row["is_rounded"] is False


def test_crlf_and_bom_give_the_same_rows(tmp_path):
    text = SW_SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    variant = tmp_path / "sbo-variant.csv"
    variant.write_bytes(b"\xef\xbb\xbf" + text)
    columns = ["month", "component", "citizenship", "encounters"]
    assert (
        cbp_encounters.parse(variant, SW)
        .select(columns)
        .equals(cbp_encounters.parse(SW_SAMPLE, SW).select(columns))
    )


def test_a_header_the_layout_does_not_declare_stops_the_file(tmp_path):
    variant = tmp_path / "aor-variant.csv"
    variant.write_text(AOR_SAMPLE.read_text().replace("Area of Responsibility", "AOR", 1))
    with pytest.raises(SourceError) as err:
        cbp_encounters.parse(variant, AOR)
    assert "aor-variant.csv" in str(err.value) and "'Area of Responsibility'" in str(err.value)


def test_a_file_read_with_the_wrong_layout_is_refused():
    with pytest.raises(SourceError, match="missing header"):
        cbp_encounters.parse(SW_SAMPLE, AOR)


def test_unknown_layout_names_the_known_ones():
    with pytest.raises(SourceError, match=r"unknown layout 'state'.*'aor', 'southwest'"):
        cbp_encounters.parse(AOR_SAMPLE, {**FIXTURE_RELEASE, "layout": "state"})


def test_aor_sample_dates_remaining_months_from_their_fiscal_year():
    df = cbp_encounters.parse(AOR_SAMPLE, AOR)
    assert set(df["detail_level"]) == {"area_of_responsibility"}
    by_month = dict(df.group_by("month").agg(pl.sum("encounters")).iter_rows())
    # hand sums of the fixture: FY2025 OCT rows and the one SEP ("Remaining") group
    assert by_month == {dt.date(2024, 10, 1): 21808, dt.date(2025, 9, 1): 108}


def test_fytd_fiscal_year_label_dates_fy2026_months():
    df = cbp_encounters.parse(FY2026_SAMPLE, AOR)
    assert df.height == 28 and set(df["fiscal_year"]) == {2026}
    by_month = dict(df.group_by("month").agg(pl.sum("encounters")).iter_rows())
    # hand sums of the fixture's Tucson rows: OCT 10+1+134+2+1+1+2+422+1+1+4+3,
    # FEB 6+29+2+1+2+261+1, JUL 4+60+1+2+1+257+2+1+6
    assert by_month == {
        dt.date(2025, 10, 1): 582,
        dt.date(2026, 2, 1): 302,
        dt.date(2026, 7, 1): 334,
    }
    quoted = df.filter(pl.col("citizenship") == "CHINA, PEOPLES REPUBLIC OF")
    assert quoted["encounters"].to_list() == [2]


def test_missing_column_names_file_and_header(tmp_path):
    broken = tmp_path / "sbo-broken.csv"
    broken.write_text(SW_SAMPLE.read_text().replace("Title of Authority", "Authority", 1))
    with pytest.raises(SourceError) as err:
        cbp_encounters.parse(broken, SW)
    assert "sbo-broken.csv" in str(err.value) and "'Title of Authority'" in str(err.value)


def test_bad_count_becomes_a_reject_with_line_and_column(tmp_path):
    lines = SW_SAMPLE.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",twelve"
    broken = tmp_path / "sbo-bad.csv"
    broken.write_text("\n".join(lines) + "\n")
    df, rejects = cbp_encounters.parse_checked(broken, SW)
    assert df.height == 39
    assert [(r.line, r.column, r.column_name, r.value) for r in rejects] == [
        (4, 9, "encounters", "twelve")
    ]


def test_unknown_component_names_line_and_column(tmp_path):
    broken = tmp_path / "aor-component.csv"
    broken.write_text(AOR_SAMPLE.read_text().replace("Office of Field Operations", "OFO", 1))
    with pytest.raises(SourceError, match=r"aor-component.csv:2:4: unknown Component 'OFO'"):
        cbp_encounters.parse(broken, AOR)


# --- the committed record: facts of one release file, which new files cannot change ---


def test_cbp_southwest_release_ofo_totals_as_published():
    (path,) = locked("cbp-sw-fy22-fy25-aug")
    df = cbp_encounters.parse(path)
    ofo = df.filter(pl.col("component") == "Office of Field Operations")
    totals = dict(ofo.group_by("fiscal_year").agg(pl.sum("encounters")).iter_rows())
    # data/raw/official/SOURCES.md, entry 2: OFO totals FY2022-FY2025 (Oct-Aug); 1,936 rows
    assert totals == {2022: 172_508, 2023: 429_831, 2024: 604_482, 2025: 202_876}
    assert df.height == 1936


def test_aor_fy2025_extract_field_office_totals_as_published():
    path = next(p for p in locked("cbp-aor-fy23-fy26-jul") if "FY2026" not in p.name)
    df = cbp_encounters.parse(path)
    # SOURCES.md entry 1: 1,308 rows, 206,133 in total, and these field-office totals
    assert df["encounters"].sum() == 206_133 and df.height == 1308
    by_office = dict(df.group_by("aor_abbv").agg(pl.sum("encounters")).iter_rows())
    assert by_office == {"Laredo": 88_558, "San Diego": 67_194, "El Paso": 32_938, "Tucson": 17_443}


# SOURCES.md entry 1b: monthly OFO Southwest totals, checked by its author against CBP's
# "Custody and Transfer Statistics" page, and the field-office totals for Oct 2025 - Jul 2026.
FY2026_MONTHS = {
    ("2026 (FYTD)", "OCT"): 3_716,
    ("2026 (FYTD)", "NOV"): 3_607,
    ("2026 (FYTD)", "DEC"): 3_516,
    ("2026 (FYTD)", "JAN"): 3_653,
    ("2026 (FYTD)", "FEB"): 3_014,
    ("2026 (FYTD)", "MAR"): 3_465,
    ("2026 (FYTD)", "APR"): 3_891,
    ("2026 (FYTD)", "MAY"): 3_531,
    ("2026 (FYTD)", "JUN"): 3_052,
    ("2026 (FYTD)", "JUL"): 3_435,
}
FY2026_OFFICES = {"El Paso": 5_305, "Laredo": 13_247, "San Diego": 12_555, "Tucson": 3_773}


def fy2026_extract() -> Path:
    (path,) = [p for p in locked("cbp-aor-fy23-fy26-jul") if "FY2026" in p.name]
    return path


def test_fy2026_extract_sums_as_published_read_by_plain_csv():
    """A second reading of the raw file (csv module, no project code) against SOURCES.md 1b."""
    months, offices, rows = Counter(), Counter(), 0
    with fy2026_extract().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            assert row["Component"] == "Office of Field Operations"
            assert row["Land Border Region"] == "Southwest Land Border"
            months[(row["Fiscal Year"], row["Month (abbv)"])] += int(row["Encounter Count"])
            offices[row["AOR (Abbv)"]] += int(row["Encounter Count"])
    assert rows == 705 and sum(months.values()) == 34_880
    assert dict(months) == FY2026_MONTHS
    assert dict(offices) == FY2026_OFFICES


def test_fy2026_extract_parses_to_the_published_months():
    df = cbp_encounters.parse(fy2026_extract())
    by_month = df.group_by("month").agg(pl.sum("encounters")).sort("month")
    assert by_month["month"].to_list() == [
        dt.date(2026 - (m >= 10), m, 1) for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7)
    ]
    assert by_month["encounters"].to_list() == list(FY2026_MONTHS.values())


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
