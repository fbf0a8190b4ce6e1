"""sql/marts/policy_series.sql on SYNTHETIC marts (made up here): one detail level and one
release per series month; a field-office sum only where no release has the region total."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

SQL = Path(__file__).parents[2] / "sql"
SW = "Southwest Land Border"
OFFICES = ("San Diego Field Office", "Tucson Field Office")
COLUMNS = (
    "month, component, land_border_region, area_of_responsibility, detail_level, encounters, "
    "release, release_date, is_rounded, is_rollup, is_preferred, source_id"
)


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    c.execute("create schema marts")
    c.execute(
        "create table marts.encounters_monthly (month date, component varchar, "
        "land_border_region varchar, area_of_responsibility varchar, detail_level varchar, "
        "encounters bigint, release varchar, release_date date, is_rounded boolean, "
        "is_rollup boolean, is_preferred boolean, source_id varchar)"
    )
    c.execute(
        "create table marts.cbp_one_monthly (month date, citizenship varchar, "
        "appointments bigint, release varchar, source_id varchar, is_rounded boolean)"
    )
    yield c
    c.close()


def add(con, month, aor, level, n, release, rounded=False, rollup=False, preferred=True):
    rel_date = {"old": date(2024, 1, 1), "new": date(2025, 1, 1)}[release]
    con.execute(
        f"insert into marts.encounters_monthly ({COLUMNS}) values "
        "(?, 'OFO', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [month, SW, aor, level, n, release, rel_date, rounded, rollup, preferred, release],
    )


def series(con) -> dict:
    con.execute(
        f"create table marts.policy_series as {(SQL / 'marts/policy_series.sql').read_text()}"
    )
    rows = con.execute(
        "select month, value, release, detail_level from marts.policy_series "
        "where series_id = 'ofo_sw_total' order by month"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_region_row_wins_and_offices_are_never_added_to_it(con):
    jan = date(2024, 1, 1)
    add(con, jan, None, "region", 300, "old", rounded=True)  # two demographic rows of
    add(con, jan, None, "region", 10, "old", rounded=True)  # one release: summed (310)
    for office, n in zip(OFFICES, (200, 110), strict=True):
        add(con, jan, office, "area_of_responsibility", n, "old", rounded=True)
    add(con, jan, None, "region", 311, "new", rollup=True)  # a sum the marts made: not a total
    for office, n in zip(OFFICES, (200, 111), strict=True):
        add(con, jan, office, "area_of_responsibility", n, "new")
    # 310 = the old release's own total; the office rows (old or new) are not added to it
    assert series(con)[jan] == (310, "old", "region")


def test_office_sum_only_when_no_release_has_a_total_and_every_office_is_there(con):
    feb, mar = date(2024, 2, 1), date(2024, 3, 1)
    for office, n in zip(OFFICES, (5, 7), strict=True):
        add(con, feb, office, "area_of_responsibility", n, "new")
    add(con, mar, OFFICES[0], "area_of_responsibility", 5, "new")  # one office missing
    got = series(con)
    assert got[feb] == (12, "new", "area_of_responsibility_sum")
    assert mar not in got


def test_unrounded_then_latest_release_is_chosen_for_the_total(con):
    apr = date(2024, 4, 1)
    add(con, apr, None, "region", 100, "new", rounded=True)
    add(con, apr, None, "region", 97, "old")
    assert series(con)[apr] == (97, "old", "region")
