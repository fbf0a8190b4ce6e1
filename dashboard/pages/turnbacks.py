"""/turnbacks : documented turnbacks by tactic, and every record with its source."""

from __future__ import annotations

import dash
import polars as pl
from dash import Output, html

from dashboard import data
from dashboard.cache import per_build
from dashboard.components.chart_card import chart_card
from dashboard.components.filters import filter_bar, page_state, register_page_callback
from dashboard.components.shell import page_title, shell
from dashboard.components.table import query_id, records_table, register_records_table
from dashboard.components.text import rich
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import compiled_text, fmt_count, italic_metering, t

dash.register_page(__name__, path="/turnbacks", title=page_title("nav.turnbacks"))
PAGE = "turnbacks"
PARAMS = ("city", "port", "tactic", "record_type", "start", "end")  # declared once
FIGURE_IDS = ("turnbacks-by-tactic", "turnbacks-by-port")
COLUMNS = (
    "record_id",
    "record_type",
    "when",
    "port_of_entry",
    "city",
    "people",
    "tactics",
    "description",
    "source_id",
)


def table_rows(records: pl.DataFrame, lang: str) -> list[dict]:
    rows = []
    for r in records.iter_rows(named=True):
        when = (
            r["incident_date_text"]
            or " – ".join(x for x in (r["period_start_text"], r["period_end_text"]) if x)
            or "—"
        )
        rows.append(
            {
                "record_id": r["record_id"],
                "record_type": t("record_type." + r["record_type"], lang),
                "when": when,
                "port_of_entry": r["port_of_entry"],
                "city": (r["city"] or "—").replace("|", ", "),
                "people": "—"
                if r["people_count"] is None
                else fmt_count(
                    r["count_qualifier"],
                    r["people_count"],
                    r["people_count_high"],
                    r["count_unit"],
                    lang,
                ),
                "tactics": ", ".join(t("tactic." + x, lang) for x in r["tactics"].split("|")),
                "description": italic_metering(compiled_text(r, "description", lang), lang),
                "source_id": r["source_id"],
                "sort_when": r["incident_date"] or r["period_start"],  # sort keys, never sent
                "sort_people": r["people_count"],
            }
        )
    return rows


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    return shell(
        "/turnbacks",
        lang,
        [
            *page_state(PAGE, filters),
            html.H1(t("turnbacks.title", lang)),
            html.P(rich(t("turnbacks.lede", lang)), className="lede"),
            filter_bar(PAGE, PARAMS, filters, lang),
            *[chart_card(PAGE, CHARTS[fid], filters) for fid in FIGURE_IDS],
            html.H2(t("turnbacks.table.title", lang)),
            html.P(t("turnbacks.table.note", lang), className="note"),
            records_table(
                f"{PAGE}-table",
                filters,
                "turnbacks.col.",
                page_size=12,
                markdown=("tactics", "description"),
            ),
        ],
    )


@per_build  # once per marts build and filters: the page's layout then only lays them out
def record_rows(f: Filters) -> list[dict]:
    return table_rows(records(f), f.lang)


def records(f: Filters) -> pl.DataFrame:
    return data.turnbacks(
        list(f.cities), f.start, f.end, f.param("port"), f.param("tactic"), f.param("record_type")
    )


register_records_table(
    f"{PAGE}-table",
    record_rows,
    COLUMNS,
    sort_keys={"when": "sort_when", "people": "sort_people"},
)
register_page_callback(
    PAGE,
    "/turnbacks",
    (Output(query_id(f"{PAGE}-table"), "data"),),
    lambda f: (f.query_string(),),
)
