"""The modeled-wait rules of sql/marts/waitlist_snapshots.sql, on small synthetic rows.

Every row is synthetic (city "Testville"); each expected wait is worked out by hand in the
test: people on the list / people taken per day, in whole days rounded half up.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest

from etl import paths
from etl.curated_schema import WAITLIST_SNAPSHOTS

TYPES = {"int": pl.Int64, "number": pl.Float64, "date": pl.Date}
BASE = {
    "city": "Testville",
    "as_of_date": date(2019, 6, 1),
    "date_precision": "day",
    "people_waiting": 500,
    "count_unit": "people",
    "count_qualifier": "exact",
    "list_kind": "metering_list",
    "list_status": "open",
    "processed_low": 10.0,
    "processed_high": 10.0,
    "processed_unit": "per_day",
    "processed_counts": "people",
    "processed_qualifier": "exact",
    "source_id": "synthetic",
}


def mart(rows: list[dict]) -> list[dict]:
    """Stage and model synthetic rows with the project's own SQL files."""
    columns = {f.name: TYPES.get(f.kind, pl.Utf8) for f in WAITLIST_SNAPSHOTS.fields}
    frame = pl.DataFrame(  # noqa: F841 (read by DuckDB below)
        [
            {name: {**BASE, **row, "evidence": f"{i:03d}"}.get(name) for name in columns}
            for i, row in enumerate(rows)
        ],
        schema=columns,
    )
    con = duckdb.connect()
    for schema in ("raw", "staging", "marts"):
        con.execute(f"create schema {schema}")
    con.execute("create table raw.curated__waitlist_snapshots as select * from frame")
    staging = paths.SQL_DIR / "staging" / "stg_curated__waitlist_snapshots.sql"
    con.execute(f"create view staging.stg_curated__waitlist_snapshots as {staging.read_text()}")
    sql = (paths.SQL_DIR / "marts" / "waitlist_snapshots.sql").read_text()
    result = con.execute(f"select * from ({sql}) order by evidence")
    names = [d[0] for d in result.description]
    return [dict(zip(names, values, strict=True)) for values in result.fetchall()]


def test_an_open_metering_list_of_people_gets_a_wait_with_its_assumptions():
    (row,) = mart([{"people_waiting": 525, "processed_low": 10.0, "processed_high": 10.0}])
    # 525 / 10 = 52.5 days: half up gives 53 (banker's rounding would give 52)
    assert (row["modeled_wait_days_low"], row["modeled_wait_days_high"]) == (53, 53)
    assert row["modeled_wait_flag"] is None
    assert "steady state" in row["modeled_wait_assumptions"]


@pytest.mark.parametrize(
    ("change", "flag"),
    [
        ({"list_kind": "camp_or_shelter_count"}, "not_metering_list"),
        ({"list_kind": "title42_exception_list"}, "not_metering_list"),
        ({"list_status": "closed"}, "list_closed"),
        ({"list_status": "unknown"}, "list_not_open"),
        ({"count_unit": "names", "processed_counts": "names"}, "count_not_people"),
        ({"processed_unit": None}, "no_pace"),  # "about 10 attended": no period
        ({"processed_unit": "on_day"}, "no_pace"),  # "12 people that morning"
        ({"processed_low": 0.0, "processed_high": 0.0}, "zero_pace"),
        ({"processed_counts": None}, "pace_unit_unknown"),
        ({"processed_counts": "families"}, "units_differ"),
    ],
)
def test_no_wait_outside_the_method(change, flag):
    (row,) = mart([change])
    assert row["modeled_wait_flag"] == flag
    assert row["modeled_wait_days_low"] is None and row["modeled_wait_days_high"] is None
    assert row["modeled_wait_assumptions"] is None


def test_a_pace_without_a_period_is_never_a_rate():
    (row,) = mart([{"processed_unit": None}])
    assert row["processed_per_day_low"] is None and row["processed_per_day_high"] is None


def test_week_and_month_paces_become_days():
    week, month = mart([{"processed_unit": "per_week"}, {"processed_unit": "per_month"}])
    # 500 / (10 / 7) = 350 days; 500 / (10 / 30) = 1,500 days
    assert week["modeled_wait_days_low"] == 350 and month["modeled_wait_days_low"] == 1500


@pytest.mark.parametrize(
    ("change", "bound", "low", "high"),
    [
        # "more than 500" people: at least 500 / 10 = 50 days
        ({"count_qualifier": "more_than"}, "at_least", 50, 50),
        ({"count_qualifier": "at_least"}, "at_least", 50, 50),
        # "fewer than 500": at most 50 days
        ({"count_qualifier": "fewer_than"}, "at_most", 50, 50),
        ({"count_qualifier": "about"}, "about", 50, 50),
        # "up to 10 a day" (only the upper end kept): at least 500 / 10 = 50 days
        ({"processed_low": None, "processed_qualifier": "up_to"}, "at_least", 50, None),
        # "over 10 a day" (only the lower end kept): at most 50 days
        ({"processed_high": None, "processed_qualifier": "more_than"}, "at_most", None, 50),
        # 8 to 20 a day: 500 / 20 = 25 to 500 / 8 = 62.5 -> 63 days
        (
            {"processed_low": 8.0, "processed_high": 20.0, "processed_qualifier": "range"},
            None,
            25,
            63,
        ),
    ],
)
def test_the_bound_travels_to_the_wait(change, bound, low, high):
    (row,) = mart([change])
    assert row["modeled_wait_qualifier"] == bound
    assert (row["modeled_wait_days_low"], row["modeled_wait_days_high"]) == (low, high)


def test_opposite_bounds_give_no_wait():
    # more than 500 people at more than 10 a day: anything from very short to very long
    (row,) = mart(
        [
            {
                "count_qualifier": "more_than",
                "processed_high": None,
                "processed_qualifier": "more_than",
            }
        ]
    )
    assert row["modeled_wait_flag"] == "bounds_conflict"
    assert row["modeled_wait_days_low"] is None
