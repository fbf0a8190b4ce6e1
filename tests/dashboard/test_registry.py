"""The chart registry: every entry complete, its keys in both catalogues, its marts real;
the URL parser names unknown values; the table tab's paging and sorting."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard.components.table import table_page
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import LANGS, catalogue
from dashboard.params import EXTRA_PARAMS, BadFilter

PAGES = {"/", "/waitlists", "/ports", "/policy", "/turnbacks"}


@pytest.mark.parametrize("figure_id", sorted(CHARTS))
def test_every_entry_is_complete(figure_id):
    chart = CHARTS[figure_id]
    assert chart.figure_id == figure_id and chart.home in PAGES
    for lang in LANGS:
        for key in (chart.title_key, chart.question_key, chart.caveat_key):
            assert key in catalogue(lang), f"{figure_id}: {key} missing in {lang}"
        # the name lists (exhibits) show: no {placeholder} left unfilled
        assert "{" not in catalogue(lang)[f"figure_name.{figure_id}"]
    assert chart.marts and all(m.startswith("marts.") for m in chart.marts)
    known = {"city", "start", "end", *EXTRA_PARAMS}
    assert set(chart.params) <= known, set(chart.params) - known


def test_every_mart_an_entry_names_exists(marts_con):
    tables = {
        f"{schema}.{name}"
        for schema, name in marts_con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }
    named = {m for chart in CHARTS.values() for m in chart.marts}
    assert named <= tables, named - tables


def test_charts_with_places_draw_a_map_of_their_places(use_built_marts):
    for figure_id, chart in CHARTS.items():
        if chart.places is None:
            continue
        frame = chart.places.load(Filters())
        fig = chart.places.draw(frame, Filters())
        assert {"lat", "lon"} <= set(frame.columns), figure_id
        assert all(trace.type == "scattergeo" for trace in fig.data), figure_id
        assert fig.layout.geo.scope == "north america"


def test_unknown_values_are_named_and_strict_mode_refuses_them(use_built_marts):
    filters = Filters.from_query(
        {"city": "Tijuana,Atlantis", "port": "Nowhere", "start": "2019-13-01", "tactic": "coercion"}
    )
    assert filters.cities == ("Tijuana",) and filters.extra == {"tactic": "coercion"}
    assert filters.unknown == (("city", "Atlantis"), ("start", "2019-13-01"), ("port", "Nowhere"))
    with pytest.raises(BadFilter, match="unknown city 'Atlantis'"):
        Filters.from_query({"city": "Atlantis"}, strict=True)


def test_a_fiscal_year_names_its_own_period(use_built_marts):
    filters = Filters.from_query({"fy": "2024", "start": "2020-01-01"})
    assert (filters.start, filters.end) == (date(2023, 10, 1), date(2024, 9, 30))
    assert filters.query_string() == "?fy=2024"


def test_table_page_sorts_then_slices_on_the_server():
    # synthetic rows: 7 dates, one missing value
    frame = pl.DataFrame(
        {
            "as_of_date": [date(2019, 1, d) for d in (5, 1, 7, 3, 2, 6, 4)],
            "count": [50, 10, None, 30, 20, 60, 40],
            "ids": [["a"], ["b", "c"], [], ["d"], ["e"], ["f"], ["g"]],
        }
    )
    rows, pages = table_page(frame, 1, 3, [{"column_id": "as_of_date", "direction": "asc"}])
    assert pages == 3  # 7 rows, 3 a page
    assert [r["as_of_date"] for r in rows] == ["2019-01-04", "2019-01-05", "2019-01-06"]
    rows, _ = table_page(frame, 0, 3, [{"column_id": "count", "direction": "desc"}])
    assert [r["count"] for r in rows] == [60, 50, 40]  # the missing count sorts last
    rows, _ = table_page(frame, 0, 2, [{"column_id": "as_of_date", "direction": "asc"}])
    assert rows[0]["ids"] == "b, c"  # lists shown as text
