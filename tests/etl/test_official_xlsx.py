"""OHSS workbooks (committed files): sheet Total rows, derived-CSV cross-check, shape errors."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from pathlib import Path

import polars as pl
import pytest

from etl import paths
from etl.official_release import entry_for
from etl.problems import SourceError
from etl.sources import ohss_khsm, ohss_monthly

OFFICIAL = paths.ROOT / "data" / "raw" / "official"
MONTHLY = next((OFFICIAL / "ohss_monthly_tables").glob("*.xlsx"))
KHSM = OFFICIAL / "ohss_khsm_encounters" / "KHSM_Encounters_USBP_fy25m11.xlsx"
SHARED = Path(
    os.environ.get(
        "METERING_SHARED_OFFICIAL_DIR", paths.ROOT.parent / "shared" / "data" / "official"
    )
)
DERIVED = {
    "swb_sector_field_office": "ohss_aug2024_swb_encounters_by_sector_field_office_monthly.csv",
    "cbp_one_appointments": "ohss_aug2024_cbp_one_appointments_by_citizenship_monthly.csv",
    "encounters_type_region": "ohss_aug2024_cbp_encounters_by_type_region_monthly.csv",
}


@pytest.fixture(scope="module")
def monthly() -> pl.DataFrame:
    return ohss_monthly.parse(MONTHLY)


def total_row(df, table, fiscal_year, series, group=None):
    rows = df.filter(
        (pl.col("table") == table)
        & (pl.col("row_kind") == "fy_total")
        & (pl.col("fiscal_year") == fiscal_year)
        & (pl.col("series") == series)
        & (pl.col("series_group").eq_missing(group))
    )
    assert rows.height == 1
    return rows["value"][0]


def test_fiscal_year_total_rows_are_read_as_printed(monthly):
    assert total_row(monthly, "swb_sector_field_office", 2014, "Total OFO", "OFO") == 90_680
    assert total_row(monthly, "swb_sector_field_office", 2024, "Total OFO", "OFO") == 556_550
    assert total_row(monthly, "swb_sector_field_office", 2024, "Laredo, TX", "OFO") == 261_010
    assert total_row(monthly, "cbp_one_appointments", 2023, "Total") == 278_430
    assert total_row(monthly, "cbp_one_appointments", 2024, "Total") == 492_850
    assert (
        total_row(monthly, "encounters_type_region", 2014, "SW Land Border", "Total CBP") == 570_050
    )


def test_rows_carry_release_and_rounding(monthly):
    assert set(monthly["release"]) == {"ohss-monthly-2024-08"}
    assert monthly["is_rounded"].all() and set(monthly["source_id"]) == {"ohss-monthly-2024-08"}
    months = monthly.filter(pl.col("row_kind") == "month")
    assert months["month"].min() == dt.date(2013, 10, 1)
    assert months["month"].max() == dt.date(2024, 8, 1)


def test_cbp_one_months_before_the_app_are_not_applicable(monthly):
    oct22 = monthly.filter(
        (pl.col("table") == "cbp_one_appointments") & (pl.col("month") == dt.date(2022, 10, 1))
    )
    assert oct22.height == 12 and oct22["value"].is_null().all()
    assert set(oct22["value_flag"]) == {"not_applicable"}


@pytest.mark.skipif(
    not (SHARED / "ohss_monthly_tables" / "derived").is_dir(), reason="no shared copy"
)
@pytest.mark.parametrize("table", list(DERIVED))
def test_every_value_equals_the_derived_csv(monthly, table):
    derived = pl.read_csv(
        SHARED / "ohss_monthly_tables" / "derived" / DERIVED[table], infer_schema_length=0
    ).with_columns(
        pl.col("series_group").fill_null("").str.replace(r"([a-z])\d+$", "$1"),
        pl.col("value").cast(pl.Int64),
        (pl.col("calendar_month") + "-01").str.to_date().alias("month"),
    )
    mine = monthly.filter(
        (pl.col("table") == table) & (pl.col("row_kind") == "month")
    ).with_columns(pl.col("series_group").fill_null(""))
    keys = ["month", "series_group", "series"]
    joined = derived.join(mine, on=keys, how="full", suffix="_mine", nulls_equal=True)
    assert joined.height == derived.height == mine.height
    assert joined.filter(~pl.col("value").eq_missing(pl.col("value_mine"))).height == 0
    flagged = joined.filter(pl.col("value_flag").is_not_null())
    # SOURCES.md 3a: only CBP One Oct - Dec 2022 is printed as X (3 months x 12 series)
    assert flagged.height == (36 if table == "cbp_one_appointments" else 0)
    assert (flagged["value_flag_mine"] == "not_applicable").all()


def test_khsm_checkpoints():
    df = ohss_khsm.parse(KHSM)
    count = df.filter(pl.col("table") == "monthly_count")
    assert count.height == 302
    assert dict(count.select("month", "encounters").tail(2).iter_rows()) == {
        dt.date(2024, 10, 1): 58_130,
        dt.date(2024, 11, 1): 47_540,
    }
    sw = df.filter(
        (pl.col("table") == "monthly_region")
        & (pl.col("land_border_region") == "Southwest Land Border")
    )
    assert sw.filter(pl.col("month") == dt.date(2024, 11, 1))["encounters"].to_list() == [46_610]
    assert df.filter(pl.col("table") == "monthly_sector").height == 5_830


def rewrite_xlsx(source: Path, target: Path, member: str, old: str, new: str) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = data.decode("utf-8").replace(old, new).encode("utf-8")
            zout.writestr(item, data)
    return target


def test_renamed_sheet_names_file_and_sheet(tmp_path):
    changed = rewrite_xlsx(
        MONTHLY,
        tmp_path / MONTHLY.name,
        "xl/workbook.xml",
        'name="CBP One Appointments"',
        'name="CBP One Appts"',
    )
    with pytest.raises(SourceError) as err:
        ohss_monthly.parse(changed, entry_for(MONTHLY))
    assert MONTHLY.name in str(err.value) and "'CBP One Appointments'" in str(err.value)


def test_missing_column_names_file_sheet_and_column(tmp_path):
    changed = rewrite_xlsx(
        MONTHLY,
        tmp_path / MONTHLY.name,
        "xl/sharedStrings.xml",
        "<t>Total OFO</t>",
        "<t>All OFO</t>",
    )
    with pytest.raises(SourceError) as err:
        ohss_monthly.parse(changed, entry_for(MONTHLY))
    message = str(err.value)
    assert MONTHLY.name in message and "SWB Enc by Sector+Field Ofc" in message
    assert "Total OFO" in message


def test_khsm_renamed_header_is_refused(tmp_path):
    strings = zipfile.ZipFile(KHSM).read("xl/sharedStrings.xml").decode()
    assert re.search(r">Quantity<", strings)
    changed = rewrite_xlsx(
        KHSM, tmp_path / KHSM.name, "xl/sharedStrings.xml", ">Quantity<", ">Count<"
    )
    with pytest.raises(
        SourceError, match=r"KHSM_Encounters_USBP_fy25m11.xlsx.*missing header\(s\) \['Quantity'\]"
    ):
        ohss_khsm.parse(changed, entry_for(KHSM))


def test_unreadable_workbook_is_a_source_error(tmp_path):
    broken = tmp_path / "broken.xlsx"
    shutil.copyfile(OFFICIAL / "cbp_one" / "cbp_one_figures_from_releases.csv", broken)
    with pytest.raises(SourceError, match="broken.xlsx"):
        ohss_monthly.parse(broken, entry_for(MONTHLY))
