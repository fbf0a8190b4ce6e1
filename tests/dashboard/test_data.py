"""The data-access module: read-only, parameterised, and it notices a rebuilt marts file."""

from __future__ import annotations

import duckdb
import pytest

from dashboard import data
from etl import paths
from etl.build import build


def test_a_rebuild_is_served_without_a_restart(tmp_path, raw_copy):
    marts = tmp_path / "marts"
    build(raw_copy, marts, say=lambda m: None)
    reader = data.Marts(paths.marts_path(marts))
    before = reader.query("select count(*) as n from marts.waitlist_snapshots")["n"][0]

    rows = (raw_copy.raw / "waitlist_snapshots.csv").read_text(encoding="utf-8").splitlines()
    (raw_copy.raw / "waitlist_snapshots.csv").write_text(
        "\n".join(rows[:-1]) + "\n", encoding="utf-8"
    )
    assert build(raw_copy, marts, say=lambda m: None).status == "built"
    after = reader.query("select count(*) as n from marts.waitlist_snapshots")["n"][0]
    assert after == before - 1


def test_the_marts_are_opened_read_only(use_built_marts):
    with pytest.raises(duckdb.Error, match="read-only|read only"):
        data.q("create table marts.x as select 1")


def test_city_filter_is_a_parameter_not_sql(use_built_marts):
    hostile = "Tijuana') or 1=1 --"
    assert data.waitlist_snapshots([hostile]).height == 0
    tijuana = data.waitlist_snapshots(["Tijuana"])
    assert tijuana.height > 20 and set(tijuana["city"]) == {"Tijuana"}


def test_period_filter_bounds_dates(use_built_marts):
    from datetime import date

    frame = data.waitlist_snapshots(None, date(2019, 7, 1), date(2019, 7, 31))
    assert frame.height > 0
    assert frame["as_of_date"].min() >= date(2019, 7, 1)
    assert frame["as_of_date"].max() <= date(2019, 7, 31)
