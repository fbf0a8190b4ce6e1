"""/policy : one series around one key policy date (interrupted time series with its 95% CI),
every series' estimate for that event, the methods note, and the timeline of all events.

URL: ?event=<key event id>&series=<series id>&window=<3|6|12>[&lang=es]; the page writes all
three into the URL, so a link reopens the same view.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dash_table, dcc, html

from dashboard import data, policy_view
from dashboard.citation import chart_citation
from dashboard.components.card import FORMATS, download_href, rendered_card
from dashboard.components.chart_card import drawn
from dashboard.components.shell import page_title, shell
from dashboard.components.table import CELL
from dashboard.components.text import card_footer
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import fmt_date, t
from dashboard.policy_text import EFFECT_COLUMNS, effects_rows, shared_caveats

dash.register_page(__name__, path="/policy", title=page_title("nav.policy"))
PREFIX = "policy"
ITS, TIMELINE = CHARTS["policy-its"], CHARTS["timeline"]
METHODS = ("model", "placebo", "assumptions", "coverage", "reproduce")


def controls(filters: Filters, lang: str) -> html.Div:
    event, series, window = policy_view.params(filters)
    events = data.key_events()
    title = "title_es" if lang == "es" else "title"
    event_options = [
        {
            "label": t(
                "policy.event.option",
                lang,
                title=r[title],
                date=fmt_date(r["event_date"], lang, r["date_precision"] or "day"),
            ),
            "value": r["event_id"],
        }
        for r in events.iter_rows(named=True)
    ]
    registry = data.policy_series()
    series_options = [
        {"label": r["title_es" if lang == "es" else "title_en"], "value": r["series_id"]}
        for r in registry.iter_rows(named=True)
    ]
    return html.Div(
        className="filters",
        children=[
            html.Label(
                [
                    t("policy.filter.event", lang),
                    dcc.Dropdown(
                        id=f"{PREFIX}-event", options=event_options, value=event, clearable=False
                    ),
                ],
                className="filter filter-wide",
            ),
            html.Label(
                [
                    t("policy.filter.series", lang),
                    dcc.Dropdown(
                        id=f"{PREFIX}-series", options=series_options, value=series, clearable=False
                    ),
                ],
                className="filter filter-wide",
            ),
            html.Div(
                [
                    html.Span(t("policy.filter.window", lang), id=f"{PREFIX}-window-label"),
                    dcc.RadioItems(
                        id=f"{PREFIX}-window",
                        value=str(window),
                        inline=True,
                        labelStyle={"marginRight": "16px", "color": "#1f2933", "fontSize": 14},
                        inputStyle={"marginRight": "6px"},
                        options=[
                            {"label": t("policy.window.option", lang, k=k), "value": k}
                            for k in policy_view.windows()
                        ],
                    ),
                ],
                className="filter",
            ),
        ],
    )


def effects_table(filters: Filters) -> tuple[list[dict], list[dict], str]:
    """Rows of the all-series table, the style that marks the series on the chart, and the
    caveats every estimated row shares (said once above the table)."""
    event, series, window = policy_view.params(filters)
    effects = data.policy_effects(event, window, policy_view.METHOD)
    rows = effects_rows(effects, data.policy_series(), filters.lang)
    marked = [
        {"if": {"row_index": i}, "backgroundColor": "#eef3f8", "fontWeight": "bold"}
        for i, r in enumerate(rows)
        if r["series_id"] == series
    ]
    shared = shared_caveats(effects, filters.lang)
    text = t("policy.table.shared", filters.lang, text=" ".join(shared)) if shared else ""
    return rows, marked, text


def methods_note(lang: str) -> html.Section:
    return html.Section(
        className="methods",
        id=f"{PREFIX}-methods",
        children=[
            html.H2(t("policy.methods.title", lang)),
            *[html.P(t(f"policy.methods.{key}", lang)) for key in METHODS],
        ],
    )


def card(chart, filters: Filters):
    return rendered_card(PREFIX, "/policy", chart, filters)[0]


def layout(**query) -> html.Div:
    filters = policy_view.resolved(Filters.from_query(query))
    lang = filters.lang
    rows, marked, shared = effects_table(filters)
    return shell(
        "/policy",
        lang,
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            dcc.Store(id=f"{PREFIX}-lang", data=lang),
            html.H1(t("policy.title", lang)),
            html.P(t("policy.lede", lang), className="lede"),
            controls(filters, lang),
            card(ITS, filters),
            html.P(
                policy_view.fiscal_years(filters), id=f"{PREFIX}-fiscal-years", className="note"
            ),
            html.H2(
                t("policy.table.title", lang, k=policy_view.params(filters)[2]),
                id=f"{PREFIX}-table-title",
            ),
            html.P(t("policy.table.note", lang), className="note"),
            html.P(shared, id=f"{PREFIX}-shared-caveats", className="note"),
            dash_table.DataTable(
                id=f"{PREFIX}-effects",
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
            card(TIMELINE, filters),
        ],
    )


@callback(
    Output(f"{PREFIX}-url", "search"),
    Output(f"{PREFIX}-policy-its-graph", "figure"),
    Output(f"{PREFIX}-policy-its-summary", "children"),
    Output(f"{PREFIX}-policy-its-footer", "children"),
    Output(f"{PREFIX}-policy-its-citation", "children"),
    *[Output(f"{PREFIX}-policy-its-{fmt}", "href") for fmt in FORMATS],
    Output(f"{PREFIX}-table-title", "children"),
    Output(f"{PREFIX}-effects", "data"),
    Output(f"{PREFIX}-effects", "style_data_conditional"),
    Output(f"{PREFIX}-shared-caveats", "children"),
    Output(f"{PREFIX}-fiscal-years", "children"),
    Input(f"{PREFIX}-event", "value"),
    Input(f"{PREFIX}-series", "value"),
    Input(f"{PREFIX}-window", "value"),
    State(f"{PREFIX}-lang", "data"),
    prevent_initial_call=True,
)
def update(event, series, window, lang):
    filters = policy_view.resolved(
        Filters.from_query({"event": event, "series": series, "window": window, "lang": lang})
    )
    frame, figure, summary, _ = drawn(ITS.figure_id, filters)  # once per marts build
    qs = filters.query_string()
    citation = chart_citation(ITS.figure_id, frame, "/policy" + qs, lang)
    hrefs = [download_href(ITS.figure_id, fmt, qs) for fmt in FORMATS]
    rows, marked, shared = effects_table(filters)
    title = t("policy.table.title", lang, k=policy_view.params(filters)[2])
    return (
        qs,
        figure,
        summary,
        card_footer(frame, lang),
        citation,
        *hrefs,
        title,
        rows,
        marked,
        shared,
        policy_view.fiscal_years(filters),
    )
