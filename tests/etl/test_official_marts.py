"""Official marts on the committed files, built in memory: preferred series, differences, checks."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from etl import paths
from etl.sources import (
    Dirs,
    cbp_aor_encounters,
    cbp_one_releases,
    cbp_sw_encounters,
    ohss_khsm,
    ohss_monthly,
)

MODULES = (cbp_sw_encounters, cbp_aor_encounters, ohss_monthly, ohss_khsm, cbp_one_releases)
MARTS = ("encounters_monthly", "cbp_one_monthly", "cbp_one_release_figures", "release_differences")
SW = "Southwest Land Border"


@pytest.fixture(scope="module")
def con():
    """raw tables from read(), then this feature's staging views, marts and checks, in order."""
    dirs = Dirs(paths.raw_dir(), paths.ROOT / "data" / "raw" / "official")
    db = duckdb.connect()
    for schema in ("raw", "staging", "marts", "meta"):
        db.execute(f"create schema {schema}")
    sources, stems = [], []
    for module in MODULES:
        out = module.read(dirs)
        assert out.rejects == []
        for table, frame in out.tables.items():
            db.register("frame", frame)
            db.execute(f'create table raw."{module.NAME}__{table}" as select * from frame')
            db.unregister("frame")
        sources.append(out.sources)
        stems += [f"stg_{module.NAME}__{table}" for table in out.tables]
    db.register("frame", pl.concat(sources))
    db.execute("create table meta.sources as select * from frame")
    for stem in stems:
        sql = (paths.SQL_DIR / "staging" / f"{stem}.sql").read_text()
        db.execute(f"create view staging.{stem} as {sql}")
    for mart in MARTS:
        db.execute(
            f"create table marts.{mart} as {(paths.SQL_DIR / 'marts' / f'{mart}.sql').read_text()}"
        )
    yield db
    db.close()


def test_official_checks_return_no_rows(con):
    for path in sorted((paths.SQL_DIR / "checks").glob("official_*.sql")):
        assert con.execute(path.read_text()).fetchall() == [], path.name


def test_preferred_ofo_southwest_total_by_fiscal_year(con):
    rows = con.execute(
        """select fiscal_year, cast(sum(encounters) as bigint) from marts.encounters_monthly
        where component = 'OFO' and land_border_region = ? and detail_level = 'region'
          and is_preferred group by 1 order by 1""",
        [SW],
    ).fetchall()
    totals = dict(rows)
    assert (totals[2022], totals[2023], totals[2024], totals[2025]) == (
        172_508,
        429_831,
        604_482,
        206_133,
    )
    assert totals[2014] == 90_680  # before FY2022 only OHSS (rounded) has it


def test_preferred_by_field_office_fy2025(con):
    rows = con.execute(
        """select area_of_responsibility, cast(sum(encounters) as bigint)
        from marts.encounters_monthly
        where component = 'OFO' and detail_level = 'area_of_responsibility' and is_preferred
          and fiscal_year = 2025 group by 1""",
    ).fetchall()
    assert dict(rows) == {
        "Laredo Field Office": 88_558,
        "San Diego Field Office": 67_194,
        "El Paso Field Office": 32_938,
        "Tucson Field Office": 17_443,
    }


def test_unrounded_beats_rounded_then_latest_release(con):
    def preferred(month, component, level):
        return con.execute(
            """select distinct release from marts.encounters_monthly
            where month = ? and component = ? and land_border_region = ?
              and detail_level = ? and is_preferred""",
            [month, component, SW, level],
        ).fetchall()

    assert preferred(dt.date(2024, 8, 1), "OFO", "region") == [("cbp-sw-fy22-fy25-aug",)]
    assert preferred(dt.date(2025, 8, 1), "OFO", "region") == [("cbp-aor-fy23-fy26-jul",)]
    assert preferred(dt.date(2020, 8, 1), "OFO", "region") == [("ohss-monthly-2024-08",)]
    assert preferred(dt.date(2020, 8, 1), "USBP", "region") == [("ohss-khsm-fy25m11",)]
    assert preferred(dt.date(2024, 8, 1), "USBP", "area_of_responsibility") == [
        ("ohss-khsm-fy25m11",)
    ]


def test_release_differences_ohss_vs_cbp_ofo_southwest(con):
    diffs = con.execute(
        """select month, older_encounters, newer_encounters, difference
        from marts.release_differences
        where component = 'OFO' and detail_level = 'region'
          and older_release = 'ohss-monthly-2024-08' and newer_release = 'cbp-sw-fy22-fy25-aug'
        order by month"""
    ).fetchall()
    assert len(diffs) == 35  # Oct 2021 - Aug 2024
    assert all(abs(d) <= 5 for *_, d in diffs)  # OHSS rounds each month to the nearest 10
    revision = con.execute(
        """select difference from marts.release_differences
        where month = '2025-08-01' and component = 'OFO' and detail_level = 'region'
          and newer_release = 'cbp-aor-fy23-fy26-jul'"""
    ).fetchall()
    assert revision == [(-5,)]


def test_cbp_one_monthly(con):
    total = con.execute(
        """select cast(sum(appointments) as bigint) from marts.cbp_one_monthly
        where citizenship = 'Total' and fiscal_year = 2024 and is_preferred"""
    ).fetchone()[0]
    # months as printed add to 492,860; the sheet's own (rounded) Total row says 492,850
    assert total == 492_860
    assert con.execute("select count(*) from marts.cbp_one_release_figures").fetchone()[0] == 11
