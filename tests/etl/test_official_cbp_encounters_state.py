"""CBP "Nationwide Encounters by State": typed rows on a fixture, shape errors, and the committed
June 2024 Southwest extract against CBP's and OHSS's own figures, read here a second way.

Expected numbers come from outside the module: hand sums of the fixture (written below), CBP's
Southwest Land Border Encounters CSV (the sum of its June 2024 rows, both components) and the
OHSS monthly tables workbook (sheet 'SWB Enc by Sector+Field Ofc', June 2024, 'Total CBP'),
both read with csv / fastexcel, none of the project's parsers.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from etl import official_lock, paths
from etl.problems import SourceError
from etl.sources import cbp_encounters_state

FIXTURE = (
    Path(__file__).parent.parent
    / "fixtures"
    / "official"
    / "nationwide-encounters-state-sample.csv"
)
OFFICIAL = paths.ROOT / "data" / "raw" / "official"
RELEASE = {
    "release_id": "fixture",
    "source_id": "fixture",
    "release_date": "2025-11",
    "rounding": "unrounded",
}
CBP_SW = OFFICIAL / "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
OHSS = OFFICIAL / (
    "ohss_monthly_tables/"
    "2024_1206_ohss_immigration-enforcement-and-legal-processes-tables-august-2024.xlsx"
)


def test_fixture_rows_are_dated_and_sum_by_state_as_summed_by_hand():
    df = cbp_encounters_state.parse(FIXTURE, RELEASE)
    assert df.height == 37 and set(df["month"]) == {dt.date(2024, 6, 1)}  # FY2024 JUN
    by_state = dict(df.group_by("state").agg(pl.sum("encounters")).iter_rows())
    # hand sums of the fixture (copied verbatim from the file): AZ = 5 + 3;
    # NM = Accompanied Minors 2
    #    + FMUA 150+41+4+202+85+186+208+248+27+91+9+9 (= 1,260)
    #    + Single Adults 34+65+12+442+237+1090+488+2+4598+101+248+11+32 (= 7,360)
    #    + UAC 1+1+17+46+148+98+252+13+6 (= 582)
    assert by_state == {"AZ": 8, "NM": 9204}
    quoted = df.filter(pl.col("citizenship") == "CHINA, PEOPLES REPUBLIC OF")
    assert sorted(quoted["encounters"].to_list()) == [3, 5]
    assert df["line"].to_list()[:2] == [2, 3]  # lines as the file numbers them


def test_a_file_without_the_state_column_is_refused(tmp_path):
    broken = tmp_path / "state-broken.csv"
    broken.write_text(FIXTURE.read_text().replace(",State,", ",Area of Responsibility,", 1))
    with pytest.raises(SourceError) as err:
        cbp_encounters_state.parse(broken, RELEASE)
    assert "state-broken.csv:1" in str(err.value) and "missing header(s) ['State']" in str(
        err.value
    )


def test_an_unknown_region_names_line_and_column(tmp_path):
    broken = tmp_path / "state-region.csv"
    lines = FIXTURE.read_text().splitlines()
    lines[4] = lines[4].replace("Southwest Land Border", "Southwest", 1)
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceError, match=r"state-region.csv:5:4: unknown Land Border Region"):
        cbp_encounters_state.parse(broken, RELEASE)


def test_a_bad_count_is_a_reject_and_the_other_rows_are_kept(tmp_path):
    broken = tmp_path / "state-count.csv"
    lines = FIXTURE.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",n/a"
    broken.write_text("\n".join(lines) + "\n")
    df, rejects = cbp_encounters_state.parse_checked(broken, RELEASE)
    assert df.height == 36
    assert [(r.line, r.column, r.value) for r in rejects] == [(4, 9, "n/a")]


# --- the committed record: facts of one release file, which new files cannot change ---


def committed_extract() -> Path:
    (entry,) = [e for e in official_lock.entries(OFFICIAL) if e["module"] == "cbp_encounters_state"]
    return OFFICIAL / entry["path"]


def test_june_2024_extract_equals_cbps_southwest_total_read_by_plain_csv():
    with committed_extract().open(encoding="utf-8") as handle:
        extract = list(csv.DictReader(handle))
    assert {(r["Fiscal Year"], r["Month (abbv)"], r["Land Border Region"]) for r in extract} == {
        ("2024", "JUN", "Southwest Land Border")
    }
    with CBP_SW.open(encoding="utf-8-sig") as handle:
        southwest = [
            int(r["Encounter Count"])
            for r in csv.DictReader(handle)
            if (r["Fiscal Year"], r["Month (abbv)"]) == ("2024", "JUN")
        ]
    # the same month in CBP's other file (OFO + USBP, Southwest): 130,415 (SOURCES.md entry 6)
    assert sum(southwest) == 130415
    assert sum(int(r["Encounter Count"]) for r in extract) == sum(southwest)


def test_june_2024_extract_rounds_to_the_ohss_total_cbp_cell():
    rows = (
        fastexcel.read_excel(OHSS)
        .load_sheet_by_name("SWB Enc by Sector+Field Ofc", header_row=None)
        .to_polars()
        .rows()
    )
    header = next(r for r in rows if r[0] == "Fiscal Year")
    fiscal_year, cell = None, None
    for row in rows:
        if row[0] and str(row[0])[:4].isdigit():
            fiscal_year = str(row[0])[:4]
        elif fiscal_year == "2024" and row[1] == "June":
            cell = int(float(row[header.index("Total CBP")]))
    assert cell == 130420  # OHSS rounds to the nearest 10
    with committed_extract().open(encoding="utf-8") as handle:
        total = sum(int(r["Encounter Count"]) for r in csv.DictReader(handle))
    assert abs(total - cell) <= 5
