"""Counts of turnbacks are counts of CBP turnbacks: a record of officials other than CBP
(record_type `other_actor`) stays in the record and its listings, and in no count, chart or
summary of turnbacks.

The expected numbers are counted here from the curated CSV the marts are built from.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from dashboard import data
from dashboard.figures.registry import CHARTS, Filters

CURATED = Path(__file__).resolve().parents[2] / "data" / "raw" / "curated"


def curated_turnbacks() -> list[dict]:
    with (CURATED / "turnback_reports.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def by_cbp(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["record_type"] in ("incident", "aggregate")]


def test_the_committed_data_has_a_record_of_other_officials():
    # without one, the tests below would pass for the wrong reason
    assert any(r["record_type"] == "other_actor" for r in curated_turnbacks())


def test_tactics_count_only_cbp_records(dash_app):
    expected = Counter(
        (tactic, r["record_type"])
        for r in by_cbp(curated_turnbacks())
        for tactic in r["tactics"].split("|")
        if tactic
    )
    tactics = data.turnback_tactics()
    found = {(r["tactic"], r["record_type"]): r["records"] for r in tactics.iter_rows(named=True)}
    assert found == dict(expected)


def test_ports_count_only_cbp_records(dash_app):
    expected = Counter(
        (port, r["record_type"])
        for r in by_cbp(curated_turnbacks())
        for port in r["us_ports"].split("|")
        if port
    )
    rows = data.turnbacks_by_port().iter_rows(named=True)
    found = {(r["port_name"], r["record_type"]): r["records"] for r in rows}
    # the ports marts.ports can place on the map; a record's other ports are left out
    placed = set(data.port_names())
    assert found == {key: n for key, n in expected.items() if key[0] in placed}


def test_the_summary_counts_the_cbp_records_the_chart_draws(dash_app):
    rows = by_cbp(curated_turnbacks())
    denial = sum("denial_of_access" in r["tactics"].split("|") for r in rows)
    assert data.turnbacks(counted=True).height == len(rows)
    summary = CHARTS["turnbacks-by-tactic"].summarize(
        CHARTS["turnbacks-by-tactic"].load(Filters()), Filters()
    )
    assert summary.startswith(f"{len(rows)} records in this selection")
    assert f"“denial of access” ({denial} records)" in summary


def test_listings_keep_the_records_of_other_officials(dash_app):
    listed = set(data.turnbacks()["record_id"])
    assert listed == {r["record_id"] for r in curated_turnbacks()}
