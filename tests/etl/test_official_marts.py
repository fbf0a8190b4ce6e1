"""Official marts on the committed files, built in memory from the sources official.lock names.

Tests of the committed record assert facts of one release (which later releases cannot change)
or properties every build must have (the preferred-release rule), never "the latest month".
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from etl import official_registry, paths
from etl.sources import Dirs

MARTS = (
    "encounters_monthly",
    "cbp_one_monthly",
    "cbp_one_release_figures",
    "release_differences",
    "encounters_by_state",
)
SW = "Southwest Land Border"
AOR_RELEASE = "cbp-aor-fy23-fy26-jul"
OHSS_2024_08 = "ohss-monthly-2024-08"


@pytest.fixture(scope="module")
def con():
    """raw tables from each locked module's read(), then staging views, marts and checks."""
    dirs = Dirs(paths.raw_dir(), paths.official_dir())
    db = duckdb.connect()
    for schema in ("raw", "staging", "marts", "meta"):
        db.execute(f"create schema {schema}")
    sources, stems = [], []
    for module in official_registry.official_modules(dirs.official):
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
    checks = sorted((paths.SQL_DIR / "checks").glob("official_*.sql"))
    assert len(checks) >= 4
    for path in checks:
        assert con.execute(path.read_text()).fetchall() == [], path.name


def test_preferred_check_catches_two_preferred_releases_in_one_grain(con):
    """Planted: both releases of Southwest OFO May 2022 marked preferred (summing the preferred
    rows would count that month twice), then none of them; official_preferred_unique names the
    grain each time. The two releases are OHSS's monthly tables (August 2024 edition) and CBP's
    southwest CSV, the pair test_release_differences_ohss_vs_cbp_ofo_southwest compares."""
    check = (paths.SQL_DIR / "checks" / "official_preferred_unique.sql").read_text()
    grain = (
        "month = '2022-05-01' and component = 'OFO' and land_border_region = ? "
        "and detail_level = 'region'"
    )
    con.execute("begin")
    try:
        con.execute(f"update marts.encounters_monthly set is_preferred = true where {grain}", [SW])
        assert con.execute(check).fetchall() == [(dt.date(2022, 5, 1), "OFO", 2)]
        con.execute(f"update marts.encounters_monthly set is_preferred = false where {grain}", [SW])
        assert con.execute(check).fetchall() == [(dt.date(2022, 5, 1), "OFO", 0)]
    finally:
        con.execute("rollback")
    assert con.execute(check).fetchall() == []


def test_unique_grain_check_catches_a_repeated_row(con):
    """Planted: one row repeated, once a CBP row (every dimension filled) and once an OHSS row
    (demographic, citizenship, title and encounter type null, which must still count as equal).
    official_unique_grain_per_release names the release and month, with 2 rows for the key."""
    check = (paths.SQL_DIR / "checks" / "official_unique_grain_per_release.sql").read_text()
    for release, month in (
        (AOR_RELEASE, dt.date(2024, 12, 1)),
        (OHSS_2024_08, dt.date(2024, 1, 1)),
    ):
        con.execute("begin")
        try:
            con.execute(
                """insert into marts.encounters_monthly
                select * from marts.encounters_monthly
                where release = ? and month = ? and component = 'OFO'
                order by all limit 1""",
                [release, month],
            )
            assert con.execute(check).fetchall() == [("encounters_monthly", release, month, 2)]
        finally:
            con.execute("rollback")
    assert con.execute(check).fetchall() == []


def release_totals(con, release, level, by="fiscal_year"):
    rows = con.execute(
        f"""select {by}, cast(sum(encounters) as bigint) from marts.encounters_monthly
        where component = 'OFO' and land_border_region = ? and detail_level = ?
          and release = ? group by 1 order by 1""",
        [SW, level, release],
    ).fetchall()
    return dict(rows)


def test_each_release_keeps_its_published_ofo_totals(con):
    # SOURCES.md entry 2 (CBP Southwest CSV) and entry 1 (AOR extract, FY2025)
    assert release_totals(con, "cbp-sw-fy22-fy25-aug", "region") == {
        2022: 172_508,
        2023: 429_831,
        2024: 604_482,
        2025: 202_876,
    }
    assert release_totals(con, AOR_RELEASE, "region")[2025] == 206_133
    # OHSS sheet's printed FY2014 "Total OFO" (test_official_xlsx reads the same cell)
    assert release_totals(con, "ohss-monthly-2024-08", "region")[2014] == 90_680


def test_aor_release_field_offices_fy2025_as_published(con):
    rows = con.execute(
        """select area_of_responsibility, cast(sum(encounters) as bigint)
        from marts.encounters_monthly
        where component = 'OFO' and detail_level = 'area_of_responsibility'
          and release = ? and fiscal_year = 2025 group by 1""",
        [AOR_RELEASE],
    ).fetchall()
    # SOURCES.md entry 1
    assert dict(rows) == {
        "Laredo Field Office": 88_558,
        "San Diego Field Office": 67_194,
        "El Paso Field Office": 32_938,
        "Tucson Field Office": 17_443,
    }


def test_ofo_by_field_office_runs_to_july_2026_labelled_as_a_part_year(con):
    rows = con.execute(
        """select month, cast(sum(encounters) as bigint), bool_and(is_partial_year),
            min(months_in_fy), max(months_in_fy), bool_or(is_rollup)
        from marts.encounters_monthly
        where component = 'OFO' and detail_level = 'area_of_responsibility'
          and release = ? and fiscal_year = 2026 group by 1 order by 1""",
        [AOR_RELEASE],
    ).fetchall()
    # SOURCES.md entry 1b: monthly totals Oct 2025 - Jul 2026 equal CBP's own monthly totals
    published = [3_716, 3_607, 3_516, 3_653, 3_014, 3_465, 3_891, 3_531, 3_052, 3_435]
    months = [dt.date(2026 - (m >= 10), m, 1) for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7)]
    assert [r[0] for r in rows] == months
    assert [r[1] for r in rows] == published
    assert all(r[2:] == (True, 10, 10, False) for r in rows)  # field-office rows, 10 of 12 months


def test_the_aor_release_has_region_rows_only_as_rollups(con):
    rows = con.execute(
        """select distinct is_rollup from marts.encounters_monthly
        where release = ? and detail_level = 'region'""",
        [AOR_RELEASE],
    ).fetchall()
    assert rows == [(True,)]


def test_full_fiscal_years_are_not_labelled_partial(con):
    rows = con.execute(
        """select distinct months_in_fy, is_partial_year from marts.encounters_monthly
        where release = 'cbp-sw-fy22-fy25-aug' and fiscal_year in (2022, 2023, 2024)"""
    ).fetchall()
    assert rows == [(12, False)]


def test_preferred_release_is_unrounded_first_then_latest(con):
    """For every grain: no candidate release beats the preferred one under the stated rule."""
    beaten = con.execute(
        """with candidates as (
            select month, component, land_border_region, detail_level, area_of_responsibility,
                release, bool_or(is_rounded) as is_rounded, max(release_date) as release_date,
                bool_or(is_preferred) as is_preferred
            from marts.encounters_monthly group by all
        )
        select p.month, p.release, c.release from candidates p join candidates c
            using (month, component, land_border_region, detail_level)
        where p.is_preferred and not c.is_preferred
          and p.area_of_responsibility is not distinct from c.area_of_responsibility
          and (p.is_rounded and not c.is_rounded
               or (p.is_rounded = c.is_rounded and p.release_date < c.release_date))"""
    ).fetchall()
    assert beaten == []
    rounded_preferred_over_cbp = con.execute(
        """select count(*) from marts.encounters_monthly
        where is_preferred and is_rounded and component = 'OFO' and detail_level = 'region'
          and month >= '2021-10-01' and month <= '2024-08-01'"""
    ).fetchone()[0]
    assert rounded_preferred_over_cbp == 0  # CBP's unrounded Southwest CSV covers these months


def test_release_differences_ohss_vs_cbp_ofo_southwest(con):
    diffs = con.execute(
        """select month, older_encounters, newer_encounters, difference
        from marts.release_differences
        where component = 'OFO' and detail_level = 'region'
          and older_release = 'ohss-monthly-2024-08' and newer_release = 'cbp-sw-fy22-fy25-aug'
        order by month"""
    ).fetchall()
    assert len(diffs) == 35  # Oct 2021 - Aug 2024: the months both releases state
    assert all(abs(d) <= 5 for *_, d in diffs)  # OHSS rounds each month to the nearest 10
    revision = con.execute(
        """select difference from marts.release_differences
        where month = '2025-08-01' and component = 'OFO' and detail_level = 'region'
          and older_release = 'cbp-sw-fy22-fy25-aug' and newer_release = ?""",
        [AOR_RELEASE],
    ).fetchall()
    assert revision == [(-5,)]  # SOURCES.md entry 1: Aug 2025, 3,414 vs 3,419


def test_cbp_one_monthly(con):
    total = con.execute(
        """select cast(sum(appointments) as bigint) from marts.cbp_one_monthly
        where citizenship = 'Total' and fiscal_year = 2024 and release = 'ohss-monthly-2024-08'"""
    ).fetchone()[0]
    # months as printed add to 492,860; the sheet's own (rounded) Total row says 492,850
    assert total == 492_860
    figures = con.execute(
        "select count(*) from marts.cbp_one_release_figures where release = 'cbp-one-prose-figures'"
    ).fetchone()[0]
    assert figures == 11  # SOURCES.md entry 5: 11 rows


def test_state_totals_equal_the_southwest_total_of_cbps_other_file(con):
    """June 2024: the state file's four Southwest states add up to CBP's Southwest CSV (OFO +
    USBP), 130,415 = the sum of that file's June 2024 rows; they are compared, never added."""
    states = con.execute(
        """select state, encounters from marts.encounters_by_state
        where month = date '2024-06-01' and land_border_region = ? order by state""",
        [SW],
    ).fetchall()
    assert [s for s, _ in states] == ["AZ", "CA", "NM", "TX"]
    region = con.execute(
        """select sum(encounters) from marts.encounters_monthly
        where month = date '2024-06-01' and land_border_region = ? and detail_level = 'region'
          and release = 'cbp-sw-fy22-fy25-aug'""",
        [SW],
    ).fetchone()[0]
    assert sum(n for _, n in states) == region == 130415
