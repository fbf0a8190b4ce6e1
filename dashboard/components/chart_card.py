"""The chart card, built from one registry entry: tabs for the chart, its table (the rows
behind it, sorted and paged on the server) and its map where the data has places; the
question, summary, caveat and sources; downloads; a link that reopens the view; embed code.

Every part has a pattern-matching id {"type": "card-…", "page": <page>, "figure": <figure id>},
so one callback per page (components/page_callback.py) refreshes any number of cards, and
the one table callback below serves every card's table.
"""

from __future__ import annotations

from html import escape

import polars as pl
from dash import (
    ALL,
    MATCH,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dash_table,
    dcc,
    html,
)
from flask import has_request_context, request

from dashboard.cache import per_build
from dashboard.citation import chart_citation
from dashboard.components.table import CELL, HEADER, table_page
from dashboard.components.text import card_footer
from dashboard.downloads import csv_rows
from dashboard.figures.places import TOPOJSON_URL
from dashboard.figures.registry import CHARTS, Chart, Filters
from dashboard.i18n import t

FORMATS = ("csv", "png", "svg", "pdf")
PAGE_SIZE = 15
GRAPH_CONFIG = {"displaylogo": False, "responsive": True}
MAP_CONFIG = {**GRAPH_CONFIG, "topojsonURL": TOPOJSON_URL}


def part_id(kind: str, page: str, figure_id: str) -> dict:
    return {"type": f"card-{kind}", "page": page, "figure": figure_id}


def download_href(figure_id: str, fmt: str, query_string: str) -> str:
    return f"/download/{figure_id}.{fmt}{query_string}"


def absolute(path: str) -> str:
    """The full address a reader can open or paste (the request's host)."""
    if path.startswith("/") and has_request_context():
        return request.host_url.rstrip("/") + path
    return path


def embed_code(chart: Chart, filters: Filters) -> str:
    src = absolute(f"/embed/{chart.figure_id}{filters.query_string()}")
    title = escape(t(f"figure_name.{chart.figure_id}", filters.lang), quote=True)
    return (
        f'<iframe src="{escape(src, quote=True)}" title="{title}" width="100%" height="560" '
        'style="border:0" loading="lazy"></iframe>'
    )


def card_parts(page: str, chart: Chart, filters: Filters) -> dict:
    """Everything a card shows for these filters (the page callback sends it to the browser)."""
    frame, figure, summary, drawn_map = drawn(chart.figure_id, filters)
    lang, qs = filters.lang, filters.query_string()
    notes = [card_footer(frame, lang), chart.footnote(frame, lang) if chart.footnote else ""]
    parts = {
        "frame": frame,
        "graph": figure,
        "summary": summary,
        "footer": " · ".join(n for n in notes if n),
        "citation": chart_citation(chart.figure_id, frame, chart.home + qs, lang),
        "downloads": [download_href(chart.figure_id, fmt, qs) for fmt in FORMATS],
        "link": absolute(chart.home + qs),
        "embed": embed_code(chart, filters),
        "query": qs,
    }
    if drawn_map:
        parts["map"], parts["map-summary"] = drawn_map
    return parts


@per_build
def drawn(figure_id: str, filters: Filters) -> tuple:
    """(rows, figure as a dict with its screen changes, summary, (map dict, map text) or None),
    drawn once per marts build and filters (dashboard/cache.py): each caller gets a copy."""
    chart = CHARTS[figure_id]
    frame, figure, summary = chart.render(filters)
    if chart.screen:
        figure = chart.screen(figure)
    drawn_map = None
    if chart.places:
        places = chart.places.load(filters)
        drawn_map = (
            chart.places.draw(places, filters).to_dict(),
            chart.places.summarize(places, filters),
        )
    return frame, figure.to_dict(), summary, drawn_map


def column_name(column: str, columns: list[str], lang: str) -> str:
    """A column as the CSV names it; the project's Spanish translation of a compiler's
    paraphrase (`<name>_es` beside `<name>`) says so."""
    if column.endswith("_es") and column[:-3] in columns:
        return t("card.table.translated", lang, column=column)
    return column


def _table(page: str, chart: Chart, frame: pl.DataFrame, lang: str) -> html.Div:
    return html.Div(
        className="card-table",
        children=[
            html.P(t("card.table.note", lang), className="note"),
            dash_table.DataTable(
                id=part_id("table", page, chart.figure_id),
                columns=[
                    {"id": c, "name": column_name(c, frame.columns, lang)} for c in frame.columns
                ],
                data=[],
                page_action="custom",
                page_current=0,
                page_size=PAGE_SIZE,
                page_count=max(1, -(-frame.height // PAGE_SIZE)),
                sort_action="custom",
                sort_mode="single",
                sort_by=[],
                style_as_list_view=True,
                style_table={"overflowX": "auto"},
                style_cell={**CELL, "maxWidth": "320px"},
                style_header=HEADER,
            ),
        ],
    )


def _share(page: str, chart: Chart, parts: dict, lang: str) -> html.Div:
    fid = chart.figure_id
    return html.Div(
        className="card-share",
        children=[
            html.Span(t("card.share", lang), className="card-actions-label"),
            html.Label(
                [
                    html.Span(t("card.link.label", lang), className="visually-hidden"),
                    dcc.Input(
                        id=part_id("link", page, fid),
                        value=parts["link"],
                        readOnly=True,
                        className="card-link",
                    ),
                ]
            ),
            html.Span(
                [
                    dcc.Clipboard(
                        id=part_id("copy-link", page, fid),
                        target_id=part_id("link", page, fid),
                        title=t("card.copy_link", lang),
                        className="card-copy",
                    ),
                    t("card.copy_link", lang),
                ],
                className="card-copy-label",
            ),
            html.Details(
                className="card-embed",
                children=[
                    html.Summary(t("card.embed", lang)),
                    html.Label(
                        [
                            t("card.embed.label", lang),
                            dcc.Textarea(
                                id=part_id("embed", page, fid),
                                value=parts["embed"],
                                readOnly=True,
                                rows=3,
                                style={"width": "100%", "maxWidth": "640px"},
                            ),
                        ]
                    ),
                    dcc.Clipboard(
                        target_id=part_id("embed", page, fid), title=t("card.embed", lang)
                    ),
                ],
            ),
        ],
    )


def chart_card(page: str, chart: Chart, filters: Filters) -> html.Section:
    """The full card for one registry entry, rendered with the page's filters."""
    lang, fid = filters.lang, chart.figure_id
    parts = card_parts(page, chart, filters)
    panels = {
        "chart": [
            dcc.Graph(
                id=part_id("graph", page, fid),
                figure=parts["graph"],
                config=GRAPH_CONFIG,
                className="card-graph card-chart",
            )
        ],
        "table": [_table(page, chart, csv_rows(parts["frame"], lang), lang)],
    }
    if chart.places:
        panels["map"] = [
            dcc.Graph(
                id=part_id("map", page, fid),
                figure=parts["map"],
                config=MAP_CONFIG,
                className="card-graph card-map",
            ),
            html.P(
                parts["map-summary"],
                id=part_id("map-summary", page, fid),
                className="card-summary",
            ),
        ]
    return html.Section(
        className="card",
        id=f"{page}-{fid}-card",
        children=[
            html.P(
                [html.Strong(t("card.question", lang) + ": "), t(chart.question_key, lang)],
                className="card-question",
            ),
            *tab_set(page, fid, panels, lang),
            dcc.Markdown(
                parts["summary"], id=part_id("summary", page, fid), className="card-summary"
            ),
            html.P(
                [html.Strong(t("card.caveat", lang) + ": "), t(chart.caveat_key, lang)],
                className="card-caveat",
            ),
            html.P(parts["footer"], id=part_id("footer", page, fid), className="card-footer"),
            html.Div(
                className="card-actions",
                children=[
                    html.Span(t("card.download", lang), className="card-actions-label"),
                    *[
                        html.A(
                            t(f"card.download.{fmt}", lang),
                            href=href,
                            id={**part_id("download", page, fid), "fmt": fmt},
                            className="card-download",
                            download="",
                        )
                        for fmt, href in zip(FORMATS, parts["downloads"], strict=True)
                    ],
                ],
            ),
            _share(page, chart, parts, lang),
            html.Details(
                className="card-cite",
                children=[
                    html.Summary(t("card.cite", lang)),
                    html.P(parts["citation"], id=part_id("citation", page, fid)),
                ],
            ),
            dcc.Store(id=part_id("query", page, fid), data=parts["query"]),
        ],
    )


def tab_set(page: str, fid: str, panels: dict[str, list], lang: str) -> list:
    """A tab list (buttons with role="tab", reachable by keyboard) and its panels; the first
    panel shows. Switching runs in the browser (the callback below), with no server trip."""

    def tab_id(kind: str, name: str) -> dict:
        return {**part_id(kind, page, fid), "tab": name}

    buttons = [
        html.Button(
            t(f"card.tab.{name}", lang),
            id=tab_id("tab", name),
            role="tab",
            n_clicks=0,
            className="card-tab" + (" selected" if i == 0 else ""),
            **{"aria-selected": "true" if i == 0 else "false"},
        )
        for i, name in enumerate(panels)
    ]
    return [
        html.Div(buttons, role="tablist", className="card-tabs"),
        *[
            html.Div(children, id=tab_id("panel", name), role="tabpanel", hidden=i > 0)
            for i, (name, children) in enumerate(panels.items())
        ],
    ]


clientside_callback(
    """function(clicks) {
        const picked = dash_clientside.callback_context.triggered_id;
        const names = dash_clientside.callback_context.inputs_list[0].map(i => i.id.tab);
        const chosen = picked ? picked.tab : names[0];
        return [
            names.map(n => n !== chosen),
            names.map(n => (n === chosen ? "true" : "false")),
            names.map(n => "card-tab" + (n === chosen ? " selected" : "")),
        ];
    }""",
    Output({**part_id("panel", MATCH, MATCH), "tab": ALL}, "hidden"),
    Output({**part_id("tab", MATCH, MATCH), "tab": ALL}, "aria-selected"),
    Output({**part_id("tab", MATCH, MATCH), "tab": ALL}, "className"),
    Input({**part_id("tab", MATCH, MATCH), "tab": ALL}, "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output(part_id("table", MATCH, MATCH), "data"),
    Output(part_id("table", MATCH, MATCH), "page_count"),
    Input(part_id("table", MATCH, MATCH), "page_current"),
    Input(part_id("table", MATCH, MATCH), "sort_by"),
    Input(part_id("query", MATCH, MATCH), "data"),
    State(part_id("table", MATCH, MATCH), "page_size"),
)
def _table_page(page_current, sort_by, query, page_size):
    """One page of a card's rows: the whole frame stays on the server."""
    chart = CHARTS[ctx.outputs_list[0]["id"]["figure"]]
    filters = Filters.from_search(query)
    frame = csv_rows(chart.load(filters), filters.lang)
    return table_page(frame, page_current or 0, page_size or PAGE_SIZE, sort_by or [])
