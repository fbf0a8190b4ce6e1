"""/policy : one series around one key policy date (interrupted time series with its 95% CI),
every series' estimate for that event, the methods note, and the timeline of all events.

URL: ?event=<key event id>&series=<series id>&window=<a window the marts hold>[&lang=es]; the
page writes all three into the URL, so a link reopens the same view.
"""

from __future__ import annotations

import dash
from dash import Output, dash_table, html

from dashboard import data
from dashboard.components.chart_card import chart_card
from dashboard.components.filters import filter_bar, page_state, register_page_callback
from dashboard.components.shell import page_title, shell
from dashboard.components.table import CELL
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import t
from dashboard.policy import view
from dashboard.policy.text import EFFECT_COLUMNS, effects_rows, shared_caveats, shared_caveats_text

dash.register_page(__name__, path="/policy", title=page_title("nav.policy"))
PAGE = "policy"
PARAMS = ("event", "series", "window")  # declared once
ITS, TIMELINE = CHARTS["policy-its"], CHARTS["timeline"]
METHODS = ("model", "placebo", "assumptions", "coverage", "reproduce")


def effects_table(filters: Filters) -> tuple[str, list[dict], list[dict], str]:
    """The table's title, the rows of every series, the style that marks the series on the
    chart, and the caveats every estimated row shares (said once above the table)."""
    event, series, window = view.params(filters)
    effects = data.policy_effects(event, window, view.METHOD)
    rows = effects_rows(effects, data.policy_series(), filters.lang)
    marked = [
        {"if": {"row_index": i}, "backgroundColor": "#eef3f8", "fontWeight": "bold"}
        for i, r in enumerate(rows)
        if r["series_id"] == series
    ]
    shared = shared_caveats_text(shared_caveats(effects, filters.lang), filters.lang)
    return t("policy.table.title", filters.lang, k=window), rows, marked, shared


def page_parts(filters: Filters) -> tuple:
    """What the page shows beside its cards, in the order of EXTRA_OUTPUTS."""
    filters = view.resolved(filters)
    return (*effects_table(filters), view.fiscal_years(filters))


EXTRA_OUTPUTS = (
    Output(f"{PAGE}-table-title", "children"),
    Output(f"{PAGE}-effects", "data"),
    Output(f"{PAGE}-effects", "style_data_conditional"),
    Output(f"{PAGE}-shared-caveats", "children"),
    Output(f"{PAGE}-fiscal-years", "children"),
)


def methods_note(lang: str) -> html.Section:
    return html.Section(
        className="methods",
        id=f"{PAGE}-methods",
        children=[
            html.H2(t("policy.methods.title", lang)),
            *[html.P(t(f"policy.methods.{key}", lang)) for key in METHODS],
        ],
    )


def layout(**query) -> html.Div:
    asked = Filters.from_query(query)
    filters, lang = view.resolved(asked), asked.lang
    title, rows, marked, shared, fiscal = page_parts(filters)
    return shell(
        "/policy",
        lang,
        [
            *page_state(PAGE, asked),
            html.H1(t("policy.title", lang)),
            html.P(t("policy.lede", lang), className="lede"),
            filter_bar(PAGE, PARAMS, filters, lang),
            chart_card(PAGE, ITS, filters),
            html.P(fiscal or None, id=f"{PAGE}-fiscal-years", className="note"),
            html.H2(title, id=f"{PAGE}-table-title"),
            html.P(t("policy.table.note", lang), className="note"),
            html.P(shared or None, id=f"{PAGE}-shared-caveats", className="note"),
            dash_table.DataTable(
                id=f"{PAGE}-effects",
                data=rows,
                style_data_conditional=marked,
                columns=[{"id": c, "name": t(f"policy.col.{c}", lang)} for c in EFFECT_COLUMNS],
                style_as_list_view=True,
                style_table={"overflowX": "auto"},
                style_cell={**CELL, "verticalAlign": "top"},
                style_header={"fontWeight": "bold", "backgroundColor": "#f3f4f6"},
                style_cell_conditional=[
                    {
                        "if": {"column_id": "note"},
                        "fontSize": 12,
                        "color": "#4b5563",
                        "width": "34%",
                    }
                ],
            ),
            methods_note(lang),
            html.H2(t("policy.timeline.title", lang)),
            chart_card(PAGE, TIMELINE, filters),
        ],
    )


register_page_callback(PAGE, "/policy", EXTRA_OUTPUTS, page_parts, has_dates=False)
