"""Record tables page, sort and filter on the server (dashboard/components/table.py).

The synthetic table's expected rows are worked out by hand in each test; the /sources table's
are read from the committed sources CSV (data/raw/curated/sources.csv), not from the app."""

from __future__ import annotations

import csv
import json

import pytest

from dashboard import cache
from dashboard.components import table
from etl import paths

SYNTHETIC = "synthetic-records-table"  # synthetic rows, for a hand-checkable ordering


def synthetic_rows(filters) -> list[dict]:
    # 23 rows: "row 00" … "row 22"; n = (7 × i) mod 23 thousand, written "21,000"
    return [{"name": f"row {i:02d}", "n": f"{(7 * i) % 23},000"} for i in range(23)]


@pytest.fixture()
def synthetic(monkeypatch, use_built_marts):  # the filters read the known cities
    monkeypatch.setitem(table._TABLES, SYNTHETIC, table.RecordsTable(synthetic_rows, ("name", "n")))
    with cache.bypass():
        yield lambda **asked: table.records_page(SYNTHETIC, "", **asked)


def names(rows: list[dict]) -> list[str]:
    return [r["name"] for r in rows]


def test_page_k_of_the_rows_in_order(synthetic):
    # 23 rows at 5 a page: 5 pages; page index 2 holds rows 10–14, the last page rows 20–22
    rows, pages = synthetic(page=2, page_size=5)
    assert pages == 5
    assert names(rows) == ["row 10", "row 11", "row 12", "row 13", "row 14"]
    assert names(synthetic(page=4, page_size=5)[0]) == ["row 20", "row 21", "row 22"]


def test_sorted_by_a_column(synthetic):
    # descending by name: row 22, 21, 20, 19, 18 | 17, 16, 15, 14, 13
    rows, _ = synthetic(page=1, page_size=5, sort_by=[{"column_id": "name", "direction": "desc"}])
    assert names(rows) == ["row 17", "row 16", "row 15", "row 14", "row 13"]


def test_a_filter_keeps_matching_rows(synthetic):
    # names containing "1": row 01, row 10 … row 19, row 21 — 12 rows, 3 pages of 5
    rows, pages = synthetic(page=0, page_size=5, filter_query='{name} contains "1"')
    assert pages == 3
    assert names(rows) == ["row 01", "row 10", "row 11", "row 12", "row 13"]
    # n = (7i mod 23) thousand takes each of 0…22 once; n ≥ 20 for 7i mod 23 ∈ {20, 21, 22}:
    # i = 16 (112 − 92 = 20), i = 3 (21), i = 13 (91 − 69 = 22)
    kept, _ = synthetic(page=0, page_size=25, filter_query="{n} >= 20000")
    assert names(kept) == ["row 03", "row 13", "row 16"]
    both, _ = synthetic(page=0, page_size=25, filter_query='{n} >= 20000 && {name} = "row 13"')
    assert names(both) == ["row 13"]


@pytest.mark.parametrize(
    "query",
    [
        "{name} contains",
        "nonsense",
        "{name}} = 3",
        "{name} like 3",
        '{name} contains "1" && ',
        "{nope} contains 1",  # an unknown column
        123,
        ["{name} = x"],
    ],
)
def test_a_malformed_filter_gives_the_unfiltered_first_page(synthetic, query):
    rows, pages = synthetic(page=0, page_size=5, filter_query=query)
    assert pages == 5
    assert names(rows) == ["row 00", "row 01", "row 02", "row 03", "row 04"]


@pytest.mark.parametrize(
    "sort_by",
    [
        [{"column_id": "nope", "direction": "asc"}],
        [{"column_id": "name", "direction": "sideways"}],
        "name",
        [1, 2],
    ],
)
def test_an_unknown_sort_is_ignored(synthetic, sort_by):
    rows, _ = synthetic(page=0, page_size=3, sort_by=sort_by)
    assert names(rows) == ["row 00", "row 01", "row 02"]


def test_hostile_page_numbers_and_sizes_stay_bounded(synthetic):
    assert names(synthetic(page="2", page_size=5)[0])[0] == "row 00"  # not a number: page 0
    assert synthetic(page=99, page_size=5)[0] == []  # past the end: no rows, no error
    assert len(synthetic(page=0, page_size=10**9)[0]) == 23  # capped at MAX_PAGE_SIZE
    assert len(synthetic(page=0, page_size=-4)[0]) == 1


def curated_source_ids() -> list[str]:
    with open(paths.raw_dir() / "sources.csv", encoding="utf-8") as f:
        return sorted(r["source_id"] for r in csv.DictReader(f))


def sources_page(client, page: int, sort_by: list, filter_query: str, changed: str) -> dict:
    """What the /sources table's callback answers, asked as the browser asks."""
    output = "..sources-table.data...sources-table.page_count...sources-table.page_current.."
    body = {
        "output": output,
        "outputs": [
            {"id": "sources-table", "property": p} for p in ("data", "page_count", "page_current")
        ],
        "inputs": [
            {"id": "sources-table", "property": "page_current", "value": page},
            {"id": "sources-table", "property": "sort_by", "value": sort_by},
            {"id": "sources-table", "property": "filter_query", "value": filter_query},
            {"id": "sources-table-query", "property": "data", "value": ""},
        ],
        "state": [{"id": "sources-table", "property": "page_size", "value": 25}],
        "changedPropIds": [f"sources-table.{changed}"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]["sources-table"]


@pytest.fixture()
def client(use_built_marts):
    from dashboard.app import app

    return app.server.test_client()


def test_the_sources_table_callback_pages_sorts_and_filters(client):
    ids = curated_source_ids()
    desc = [{"column_id": "source_id", "direction": "desc"}]
    second = sources_page(client, 1, desc, "", "page_current")
    assert second["page_current"] == 1
    shown = [r["source_id"] for r in second["data"]]
    # every curated source is one row of the table, 25 a page
    assert second["page_count"] == -(-len(ids) // 25)
    assert shown == sorted(ids, reverse=True)[25:50]

    aclu = [i for i in ids if "aclu" in i]
    found = sources_page(client, 3, [], '{source_id} contains "aclu"', "filter_query")
    assert found["page_current"] == 0  # a new filter starts from the first page
    assert [r["source_id"] for r in found["data"]] == aclu[:25]

    broken = sources_page(client, 0, [], "{source_id} contains", "filter_query")
    assert [r["source_id"] for r in broken["data"]] == ids[:25]


def test_the_waitlists_table_sorts_dates_and_counts_by_value_not_words(dash_app):
    """Words sort «26 de febrero de 2021» before «9 de septiembre de 2016»; the table sorts
    by the date and the count behind them. Expected rows read from the committed CSV."""
    with open(paths.raw_dir() / "waitlist_snapshots.csv", encoding="utf-8") as f:
        snapshots = list(csv.DictReader(f))
    earliest = min(r["as_of_date"][:10] for r in snapshots)
    largest = max(int(r["people_waiting"]) for r in snapshots if r["people_waiting"])
    y, m, d = (int(x) for x in earliest.split("-"))
    month = (
        "January February March April May June July August September October November December"
    ).split()[m - 1]

    rows, _ = table.records_page(
        "waitlists-table", "", 0, 15, [{"column_id": "as_of_date", "direction": "asc"}]
    )
    assert rows[0]["as_of_date"] == f"{month} {d}, {y}"
    rows, _ = table.records_page(
        "waitlists-table", "", 0, 15, [{"column_id": "count", "direction": "desc"}]
    )
    assert f"{largest:,}" in rows[0]["count"]
    assert not any(key.startswith("sort_") for row in rows for key in row)  # keys stay home
