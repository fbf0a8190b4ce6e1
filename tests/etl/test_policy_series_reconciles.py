"""marts.policy_series against the official files, read here a second way (csv / fastexcel,
none of the project's parsers), and the reconciliation checks against a planted error.

Expected numbers come from outside the code: CBP's southwest CSV (OFO May 2022 = 16,766,
June 2023 = 45,018; USBP May 2022 = 224,370, each the sum of that month's rows, as issue 10
states them) and the OHSS/KHSM sheets read cell by cell here.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import duckdb
import fastexcel
import pytest

from etl import paths

OFFICIAL = Path(__file__).parents[2] / "data/raw/official"
CBP_SW = OFFICIAL / "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
OHSS = OFFICIAL / (
    "ohss_monthly_tables/"
    "2024_1206_ohss_immigration-enforcement-and-legal-processes-tables-august-2024.xlsx"
)
KHSM = OFFICIAL / "ohss_khsm_encounters/KHSM_Encounters_USBP_fy25m11.xlsx"
COMPONENT = {"Office of Field Operations": "ofo_sw_total", "U.S. Border Patrol": "usbp_sw_total"}
ABBR = ("OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP")
NAMES = ("October", "November", "December", "January", "February", "March", "April", "May",
         "June", "July", "August", "September")  # fmt: skip


def fiscal_month(fy: int, i: int) -> date:
    """The i-th month (0 = October) of U.S. fiscal year fy."""
    return date(fy - 1 if i < 3 else fy, (i + 9) % 12 + 1, 1)


def cbp_sw_months() -> dict[tuple[str, date], int]:
    totals: dict[tuple[str, date], int] = {}
    with CBP_SW.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            key = (
                COMPONENT[row["Component"]],
                fiscal_month(int(row["Fiscal Year"][:4]), ABBR.index(row["Month (abbv)"])),
            )
            totals[key] = totals.get(key, 0) + int(row["Encounter Count"].replace(",", ""))
    return totals


def sheet(path: Path, name: str) -> list[tuple]:
    return list(
        fastexcel.read_excel(path).load_sheet_by_name(name, header_row=None).to_polars().rows()
    )


def ohss_total_ofo_months() -> dict[date, int]:
    """'SWB Enc by Sector+Field Ofc': fiscal-year rows then month rows; column 13 = Total OFO."""
    out, fy = {}, None
    for row in sheet(OHSS, "SWB Enc by Sector+Field Ofc"):
        if row[0] and str(row[0])[:4].isdigit():
            fy = int(str(row[0])[:4])
        elif fy and row[1] in NAMES and row[13] is not None:
            out[fiscal_month(fy, NAMES.index(row[1]))] = int(float(row[13]))
    return out


def khsm_sw_months() -> dict[date, int]:
    out = {}
    for fy, month, region, quantity in sheet(KHSM, "Monthly Region")[1:]:
        if region == "Southwest Land Border":
            out[fiscal_month(int(fy), int(str(month)[:2]) - 1)] = int(float(quantity))
    return out


@pytest.fixture(scope="module")
def series(marts_con) -> dict[tuple[str, date], tuple[int, str]]:
    rows = marts_con.execute(
        "select series_id, month, value, release from marts.policy_series "
        "where series_id in ('ofo_sw_total', 'usbp_sw_total')"
    ).fetchall()
    return {(s, m): (v, r) for s, m, v, r in rows}


def test_cbp_figures_named_in_issue_10(series):
    assert series[("ofo_sw_total", date(2022, 5, 1))][0] == 16766
    assert series[("ofo_sw_total", date(2023, 6, 1))][0] == 45018
    assert series[("usbp_sw_total", date(2022, 5, 1))][0] == 224370


def test_every_cbp_month_equals_cbps_own_southwest_total(series):
    raw = cbp_sw_months()
    assert len(raw) == 2 * 47  # Oct 2021 - Aug 2025, both components
    for key, total in raw.items():
        assert series[key] == (total, "cbp-sw-fy22-fy25-aug"), key


def test_earlier_months_equal_the_ohss_and_khsm_region_cells(series):
    """Before CBP's file starts (Oct 2021) the series is OHSS's Total OFO column and KHSM's
    southwest region row, cell for cell (both rounded to 10 by OHSS)."""
    ofo, usbp = ohss_total_ofo_months(), khsm_sw_months()
    early = [k for k in series if k[1] < date(2021, 10, 1)]
    assert len(early) == 96 + 264  # OFO from Oct 2013, USBP from Oct 1999
    for sid, month in early:
        expected = (ofo if sid == "ofo_sw_total" else usbp)[month]
        assert series[(sid, month)][0] == expected, (sid, month)


def test_published_totals_file_matches_the_files_it_names():
    """Each figure in published_totals.csv is re-read from the file and place it names."""
    rows = list(csv.DictReader((OFFICIAL / "published_totals.csv").open(encoding="utf-8")))
    cbp = cbp_sw_months()
    ohss_rows = sheet(OHSS, "SWB Enc by Sector+Field Ofc")
    khsm_rows = sheet(KHSM, "Annual Region")
    for r in rows:
        value, first, last = int(r["value"]), r["first_month"], r["last_month"]
        if r["file"].startswith("cbp_sw"):
            found = sum(
                v for (s, m), v in cbp.items() if s == r["series_id"] and first <= str(m) <= last
            )
        elif r["file"].startswith("ohss_monthly"):
            year = r["location"].split("row '")[1].split(" ")[0]
            column = 3 if "Total USBP" in r["location"] else 13
            hit = [x for x in ohss_rows if str(x[0]).startswith(year) and x[1] == "Total"]
            found = int(float(hit[0][column]))
        else:
            year = r["location"].split("row '")[1].split("'")[0]
            hit = [x for x in khsm_rows if x[0] == year and x[1] == "Southwest Land Border"]
            found = int(float(hit[0][2]))
        assert found == value, r
    assert {"429831", "604482", "851510"} <= {r["value"] for r in rows}


CHECKS = ("policy_series_match_every_release", "policy_series_match_published_totals")


def run_check(con, name: str) -> list:
    return con.execute((paths.SQL_DIR / "checks" / f"{name}.sql").read_text()).fetchall()


def test_checks_pass_on_the_build_and_catch_a_doubled_month(marts_dir, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(paths.marts_path(marts_dir), copy)
    with duckdb.connect(str(copy)) as con:
        assert all(run_check(con, name) == [] for name in CHECKS)
        assert run_check(con, "policy_series_one_grain_per_month") == []
        # the old bug: a month counted at two detail levels (region + its offices)
        con.execute(
            "update marts.policy_series set value = 2 * value "
            "where series_id = 'ofo_sw_total' and month = '2022-05-01'"
        )
        assert all(len(run_check(con, name)) >= 1 for name in CHECKS)
        con.execute(
            "insert into marts.policy_series select series_id, month, value, release, "
            "source_id, 'area_of_responsibility_sum', is_rounded from marts.policy_series "
            "where series_id = 'ofo_sw_total' and month = '2022-05-01'"
        )
        assert len(run_check(con, "policy_series_one_grain_per_month")) == 1


def test_offices_sum_check_catches_an_office_off_by_more_than_rounding(marts_dir, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(paths.marts_path(marts_dir), copy)
    with duckdb.connect(str(copy)) as con:
        assert run_check(con, "policy_series_offices_sum_to_region") == []
        # OHSS, 4 offices + the total rounded to 10: up to 25 off is rounding; 30 more is not
        con.execute(
            "update marts.encounters_monthly set encounters = encounters + 30 "
            "where release = 'ohss-monthly-2024-08' and month = '2019-05-01' "
            "and area_of_responsibility = 'San Diego Field Office'"
        )
        found = run_check(con, "policy_series_offices_sum_to_region")
        assert [(r[0], r[1]) for r in found] == [(date(2019, 5, 1), "OFO")]
