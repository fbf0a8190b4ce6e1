"""/waitlists : people waiting per city over time, reported and modeled waits, list status."""

from __future__ import annotations

import dash
import polars as pl
from dash import Output, html

from dashboard import data
from dashboard.components.chart_card import chart_card
from dashboard.components.filters import filter_bar, page_state, register_page_callback
from dashboard.components.shell import page_title, shell
from dashboard.components.table import records_table
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import fmt_date, fmt_num, fmt_range, t

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


def wait_table_rows(frame: pl.DataFrame, lang: str) -> list[dict]:
    rows = []
    for r in frame.iter_rows(named=True):
        count = (
            "—"
            if r["people_waiting"] is None
            else (
                f"{t('qualifier.' + r['count_qualifier'], lang)} "
                f"{fmt_num(r['people_waiting'], lang)} {t('unit.' + r['count_unit'], lang)}"
            ).strip()
        )
        pace_low, pace_high = r["processed_per_day_low"], r["processed_per_day_high"]
        pace = (
            "—"
            if pace_low is None and pace_high is None
            else t("waitlists.per_day", lang, pace=fmt_range(pace_low, pace_high, lang))
        )
        modeled = (
            t("wait_flag." + r["modeled_wait_flag"], lang)
            if r["modeled_wait_flag"]
            else t(
                "waitlists.days_range",
                lang,
                days=fmt_range(r["modeled_wait_days_low"], r["modeled_wait_days_high"], lang),
            )
        )
        rows.append(
            {
                "city": r["city"],
                "as_of_date": fmt_date(r["as_of_date"], lang, r["date_precision"]),
                "count": count,
                "list_kind": t("list_kind." + r["list_kind"], lang),
                "list_status": t("status." + r["list_status"], lang),
                "list_manager": r["list_manager"] or "—",
                "pace": pace,
                "reported_wait": r["reported_wait_text"] or "—",
                "modeled_wait": modeled,
                "source_id": r["source_id"],
            }
        )
    return rows


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    records = data.waitlist_snapshots(
        list(filters.cities), filters.start, filters.end, filters.param("port")
    )
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
            html.P(t("waitlists.table.note", lang), className="note"),
            records_table(
                f"{PAGE}-table",
                wait_table_rows(records, lang),
                TABLE_COLUMNS,
                "waitlists.col.",
                lang,
                markdown=("list_kind",),
            ),
        ],
    )


register_page_callback(
    PAGE,
    "/waitlists",
    (Output(f"{PAGE}-table", "data"),),
    lambda f: (
        wait_table_rows(
            data.waitlist_snapshots(list(f.cities), f.start, f.end, f.param("port")), f.lang
        ),
    ),
)
