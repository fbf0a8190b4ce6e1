"""/waitlists : people waiting per city over time, reported and modeled waits, list status."""

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
from dashboard.i18n import (
    compiled_text,
    fmt_count,
    fmt_date,
    fmt_num,
    fmt_qualified,
    fmt_range,
    t,
    unit_word,
)

dash.register_page(__name__, path="/waitlists", title=page_title("nav.waitlists"))
PAGE = "waitlists"
PARAMS = ("city", "port", "start", "end")  # this page's URL parameters, declared once
FIGURE_IDS = ("waitlist-by-city",)
TABLE_COLUMNS = (
    "city",
    "as_of_date",
    "count",
    "list_kind",
    "list_status",
    "list_manager",
    "pace",
    "reported_wait",
    "modeled_wait",
    "source_id",
)


def pace_cell(r: dict, lang: str) -> str:
    if r["processed_low"] is None and r["processed_high"] is None:
        return "—"
    pace = fmt_qualified(r["processed_qualifier"], r["processed_low"], r["processed_high"], lang)
    if r["processed_counts"]:
        low, high = r["processed_low"], r["processed_high"]
        pace += " " + unit_word(r["processed_counts"], low if low is not None else high, lang, high)
    return t("waitlists.pace." + (r["processed_unit"] or "none"), lang, pace=pace)


def modeled_cell(r: dict, lang: str) -> str:
    if r["modeled_wait_flag"]:
        return t("wait_flag." + r["modeled_wait_flag"], lang)
    low, high = r["modeled_wait_days_low"], r["modeled_wait_days_high"]
    one = low if high is None else high if low is None else None
    figure = fmt_num(one, lang) if one is not None else fmt_range(low, high, lang)
    days = t("waitlists.days_range", lang, days=figure)
    bound = r["modeled_wait_qualifier"]
    return t("wait_bound." + bound, lang, days=days) if bound else days


def wait_table_rows(frame: pl.DataFrame, lang: str) -> list[dict]:
    rows = []
    for r in frame.iter_rows(named=True):
        count = (
            "—"
            if r["people_waiting"] is None
            else fmt_count(
                r["count_qualifier"],
                r["people_waiting"],
                r["people_waiting_high"],
                r["count_unit"],
                lang,
            )
        )
        rows.append(
            {
                "city": r["city"],
                "as_of_date": fmt_date(r["as_of_date"], lang, r["date_precision"]),
                "count": count,
                "list_kind": t("list_kind." + r["list_kind"], lang),
                "list_status": t("status." + r["list_status"], lang),
                "list_manager": compiled_text(r, "list_manager", lang) or "—",
                "pace": pace_cell(r, lang),
                "reported_wait": compiled_text(r, "reported_wait_text", lang) or "—",
                "modeled_wait": modeled_cell(r, lang),
                "source_id": r["source_id"],
                "sort_as_of_date": r["as_of_date"],  # sort keys (never sent to the page)
                "sort_count": r["people_waiting"],
            }
        )
    return rows


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    return shell(
        "/waitlists",
        lang,
        [
            *page_state(PAGE, filters),
            html.H1(t("waitlists.title", lang)),
            html.P(t("waitlists.lede", lang), className="lede"),
            filter_bar(PAGE, PARAMS, filters, lang),
            *[chart_card(PAGE, CHARTS[fid], filters) for fid in FIGURE_IDS],
            html.H2(t("waitlists.table.title", lang)),
            html.P(rich(t("waitlists.table.note", lang)), className="note"),
            records_table(
                f"{PAGE}-table", filters, "waitlists.col.", markdown=("list_kind", "modeled_wait")
            ),
        ],
    )


@per_build  # once per marts build and filters: the page's layout then only lays them out
def record_rows(f: Filters) -> list[dict]:
    frame = data.waitlist_snapshots(list(f.cities), f.start, f.end, f.param("port"))
    return wait_table_rows(frame, f.lang)


register_records_table(
    f"{PAGE}-table",
    record_rows,
    TABLE_COLUMNS,
    sort_keys={"as_of_date": "sort_as_of_date", "count": "sort_count"},
)
register_page_callback(
    PAGE, "/waitlists", (Output(query_id(f"{PAGE}-table"), "data"),), lambda f: (f.query_string(),)
)
