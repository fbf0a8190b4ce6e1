"""The chart card, built from one registry entry: tabs for the chart, its table (the rows
behind it, sorted and paged on the server) and its map where the data has places; the
question, summary, caveat and sources; downloads; a link that reopens the view; embed code.

A page sends its cards as shells first: the question, the tabs, the summary, caveat, footer
and citation (a query and a few sentences each, kept per build), the download and share
links, and an empty chart of its final size, marked `aria-busy`. Each card's chart then
arrives from its own callback below (as do its map and a page of its table), so cards fill
independently and in parallel, nothing below a chart moves when it arrives, and the first
paint never waits for the slowest chart. After a filter change the same callback redraws the
chart and rewrites the card's text.

Every part has a pattern-matching id {"type": "card-…", "page": <page>, "figure": <figure id>}.
A card's filters live in its `card-query` store (the query string): the page's filter
callback (components/filters.py) only rewrites those stores, and every card callback here
answers for the card whose store changed (MATCH).
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

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
    no_update,
)
from flask import has_request_context, request

from dashboard import cache
from dashboard.cache import per_build
from dashboard.citation import chart_citation
from dashboard.components.table import CELL, HEADER, table_page
from dashboard.components.text import card_footer
from dashboard.downloads import csv_rows
from dashboard.figures.places import TOPOJSON_URL
from dashboard.figures.registry import CHARTS, Chart, Filters
from dashboard.figures.unvalidated import figure_dict, unvalidated
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


def card_links(chart: Chart, filters: Filters) -> dict:
    """What a card links to for these filters: known from the URL alone, with no query."""
    qs = filters.query_string()
    return {
        "downloads": [download_href(chart.figure_id, fmt, qs) for fmt in FORMATS],
        "link": absolute(chart.home + qs),
        "embed": embed_code(chart, filters),
        "query": qs,
    }


def card_text(chart: Chart, filters: Filters) -> dict:
    """What a card says about its rows: the summary (its caption), the footer and citation
    (its notes). A query and a few sentences, no drawing: the page's shell carries them."""
    frame, summary = described(chart.figure_id, filters)
    lang = filters.lang
    notes = [card_footer(frame, lang), chart.footnote(frame, lang) if chart.footnote else ""]
    return {
        "frame": frame,
        "summary": summary,
        "footer": " · ".join(n for n in notes if n),
        "citation": chart_citation(
            chart.figure_id, frame, chart.home + filters.query_string(), lang
        ),
    }


def card_content(chart: Chart, filters: Filters) -> dict:
    """Everything a card shows once its chart is drawn: the chart and the card's text."""
    return {**card_text(chart, filters), "graph": drawn(chart.figure_id, filters)[1]}


@per_build
def described(figure_id: str, filters: Filters) -> tuple:
    """(rows, summary) for these filters, once per marts build (language included)."""
    chart = CHARTS[figure_id]
    resolved = chart.resolve(filters)
    frame = chart.load(resolved)
    return frame, chart.summarize(frame, resolved)


@per_build
def drawn(figure_id: str, filters: Filters) -> tuple:
    """(rows, figure as a dict with its screen changes, summary), drawn once per marts build
    and filters (language included; dashboard/cache.py): each caller gets a copy. Drawn
    without plotly's per-property validation (figures/unvalidated.py; tests validate)."""
    chart = CHARTS[figure_id]
    with unvalidated():
        frame, figure, summary = chart.render(filters)
        if chart.screen:
            figure = chart.screen(figure)
        return frame, figure_dict(figure), summary


@per_build
def drawn_map(figure_id: str, filters: Filters) -> tuple:
    """(map as a dict, the text under it) of a chart with places, once per build and filters;
    drawn without validation, as `drawn`."""
    places = CHARTS[figure_id].places
    rows = places.load(filters)
    with unvalidated():
        return figure_dict(places.draw(rows, filters)), places.summarize(rows, filters)


def draw_cards(layout) -> int:
    """Draw every card of a page's layout as its callbacks would (the cache warm-up: chart,
    summary and map land in the per-build cache under the same keys); the number of cards."""
    stores = []

    def walk(node) -> None:
        node_id = getattr(node, "id", None)
        if isinstance(node_id, dict) and node_id.get("type") == "card-query":
            stores.append((node_id["figure"], node.data))
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if child is not None and not isinstance(child, str | int | float):
                walk(child)

    walk(layout)
    for figure_id, query in stores:
        chart, filters = CHARTS[figure_id], Filters.from_search(query)
        drawn(figure_id, filters)
        if chart.places:
            drawn_map(figure_id, filters)
    return len(stores)


def placeholder(size_like: dict | None = None) -> dict:
    """The empty chart a card shows until its figure arrives: no axes, see-through (the card's
    loading style shows behind it). Given the same view's chart when the per-build cache
    already holds it (`cache.peek`: after the warm-up, every common view), it takes that
    chart's height and phone height, so nothing below it moves when the chart arrives."""
    hidden = {"visible": False}
    layout = {
        "meta": {"placeholder": True},
        "xaxis": hidden,
        "yaxis": hidden,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }
    drawn_layout = (size_like or {}).get("layout") or {}
    if drawn_layout.get("height"):
        layout["height"] = drawn_layout["height"]
    narrow = (drawn_layout.get("meta") or {}).get("narrow") or {}
    if narrow.get("height"):
        layout["meta"]["narrow"] = {"height": narrow["height"]}
    return {"data": [], "layout": layout}


def nearest_drawn(cached, figure_id: str, filters: Filters):
    """What `cached` already holds for this view, else for the same view without its dates,
    else for the chart's default view in this language (the warm-up draws each page's default
    and each city's view); None if none. A view not drawn yet is most often as tall as the
    first of these it has, and far nearer it than the stylesheet's height (README.md)."""
    for nearby in (filters, replace(filters, start=None, end=None), Filters(lang=filters.lang)):
        held = cache.peek(cached, figure_id, nearby)
        if held is not None:
            return held
    return None


def _waiting_graph(cached, at: int, figure_id: str, filters: Filters, **graph) -> html.Div:
    """A card's graph with its placeholder, sized like the nearest view `cached` already
    holds (item `at` of its value). The sizes also go on a box around the graph
    (`--chart-height`, `--chart-height-narrow`): until plotly.js has loaded, dcc.Graph shows
    an empty div with no style, which card.css sizes from them."""
    held = nearest_drawn(cached, figure_id, filters)
    figure = placeholder(held[at] if held else None)
    layout, box = figure["layout"], {}
    if layout.get("height"):
        graph["style"] = {"height": f"{layout['height']}px"}
        box["--chart-height"] = f"{layout['height']}px"
    if layout["meta"].get("narrow"):
        box["--chart-height-narrow"] = f"{layout['meta']['narrow']['height']}px"
    return html.Div(dcc.Graph(figure=figure, **graph), className="card-graph-box", style=box)


def column_name(column: str, columns: list[str], lang: str) -> str:
    """A column as the CSV names it; the project's Spanish translation of a compiler's
    paraphrase (`<name>_es` beside `<name>`) says so."""
    if column.endswith("_es") and column[:-3] in columns:
        return t("card.table.translated", lang, column=column)
    return column


def _table(page: str, chart: Chart, lang: str) -> html.Div:
    """The table tab: its columns and rows come with its first page (the table callback),
    asked for only once the tab is shown (its `card-table-query` store: `_table_wanted`)."""
    return html.Div(
        className="card-table",
        children=[
            dcc.Store(id=part_id("table-query", page, chart.figure_id)),
            html.P(t("card.table.note", lang), className="note"),
            dash_table.DataTable(
                id=part_id("table", page, chart.figure_id),
                columns=[],
                data=[],
                page_action="custom",
                page_current=0,
                page_size=PAGE_SIZE,
                page_count=1,
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
    """The card's shell for one registry entry: everything but what its rows decide."""
    lang, fid = filters.lang, chart.figure_id
    parts, text = card_links(chart, filters), _text_or_none(chart, filters)
    panels = {
        "chart": [
            _waiting_graph(
                drawn,
                1,
                fid,
                filters,
                id=part_id("graph", page, fid),
                config=GRAPH_CONFIG,
                className="card-graph card-chart",
            )
        ],
        "table": [_table(page, chart, lang)],
    }
    if chart.places:
        panels["map"] = [
            html.Div(
                id=part_id("map-body", page, fid),
                **{"aria-busy": "true"},  # until the map's own callback answers
                children=[
                    _waiting_graph(
                        drawn_map,
                        0,
                        fid,
                        filters,
                        id=part_id("map", page, fid),
                        config=MAP_CONFIG,
                        className="card-graph card-map",
                    ),
                    html.P(id=part_id("map-summary", page, fid), className="card-summary"),
                ],
            )
        ]
    return html.Section(
        className="card",
        id=f"{page}-{fid}-card",
        children=[
            html.H2(
                [html.Strong(t("card.question", lang) + ": "), t(chart.question_key, lang)],
                className="card-question",
            ),
            html.Div(
                className="card-body",
                id=part_id("body", page, fid),
                **{"aria-busy": "true"},
                children=[
                    *tab_set(page, fid, panels, lang),
                    dcc.Markdown(
                        text["summary"], id=part_id("summary", page, fid), className="card-summary"
                    ),
                    html.P(
                        [html.Strong(t("card.caveat", lang) + ": "), t(chart.caveat_key, lang)],
                        className="card-caveat",
                    ),
                    html.P(
                        text["footer"], id=part_id("footer", page, fid), className="card-footer"
                    ),
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
                            html.P(text["citation"], id=part_id("citation", page, fid)),
                        ],
                    ),
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


def _asked() -> tuple[Chart, Filters]:
    """The chart and filters of the card whose callback runs (its id and its query store)."""
    figure_id = ctx.outputs_list[0]["id"]["figure"]
    query = next(item for item in ctx.inputs_list if item["id"]["type"] == "card-query")
    return CHARTS[figure_id], Filters.from_search(query.get("value"))


@callback(
    Output(part_id("graph", MATCH, MATCH), "figure"),
    Output(part_id("summary", MATCH, MATCH), "children"),
    Output(part_id("footer", MATCH, MATCH), "children"),
    Output(part_id("citation", MATCH, MATCH), "children"),
    # one output per format, not {"fmt": ALL}: an output naming many components stops Dash
    # from dropping this callback's older call when its query changes again (filters.py)
    *[Output({**part_id("download", MATCH, MATCH), "fmt": fmt}, "href") for fmt in FORMATS],
    Output(part_id("link", MATCH, MATCH), "value"),
    Output(part_id("embed", MATCH, MATCH), "value"),
    Output(part_id("body", MATCH, MATCH), "aria-busy"),
    Output(part_id("graph", MATCH, MATCH), "style"),
    Input(part_id("query", MATCH, MATCH), "data"),
)
def _fill_card(query):
    """One card's chart and the text its rows decide; its links follow the same filters. The
    card is busy from the moment its query changes (the page's shell, or the page's filter
    callback) until this answers. (Not `running=`: Dash 4 cannot resolve a MATCH id there on a
    callback's first call, which has no triggering input.)"""
    chart, filters = _asked()
    # on the card's first call its shell already has its text and links: only the chart goes
    content = _drawn_or_no_records(chart, filters, with_text=bool(ctx.triggered_id))
    # The links are always sent (a few short strings): a `no_update` answer that returns after
    # a newer call can put back the value the page had when it was asked (dash#1861), and a
    # share link must never name older filters than the chart shows.
    links = card_links(chart, filters)
    downloads = links["downloads"]  # in the order of FORMATS, as the outputs are
    if "summary" not in content:
        text = [no_update] * 3
        return (content["graph"], *text, *downloads, links["link"], links["embed"], "false", {})
    return (
        content["graph"],
        content["summary"],
        content["footer"],
        content["citation"],
        *downloads,
        links["link"],
        links["embed"],
        "false",
        {},  # the placeholder's height goes: the chart's own sets the size from now on
    )


def _text_or_none(chart: Chart, filters: Filters) -> dict:
    """The card's text for its shell; on empty marts none (the card's callback then says
    "no records")."""
    from dashboard.guard import empty_marts

    try:
        return card_text(chart, filters)
    except Exception:
        if not empty_marts():
            raise
        return {"summary": None, "footer": None, "citation": None}


def _drawn_or_no_records(chart: Chart, filters: Filters, with_text: bool = True) -> dict:
    """The card's content (or only its chart); on a build with empty marts (`--allow-shrink`)
    a chart that cannot be drawn says "no records" and names the empty tables, as a page does
    (dashboard/guard.py), instead of staying busy."""
    from dashboard.guard import empty_marts

    try:
        if not with_text:
            return {"graph": drawn(chart.figure_id, filters)[1]}
        return card_content(chart, filters)
    except Exception:
        empty = empty_marts()
        if not empty:
            raise
        note = t("norecords.body", filters.lang) + " " + ", ".join(empty)
        return {"graph": placeholder(), "summary": note, "footer": "", "citation": ""}


@callback(
    Output(part_id("map", MATCH, MATCH), "figure"),
    Output(part_id("map-summary", MATCH, MATCH), "children"),
    Output(part_id("map-body", MATCH, MATCH), "aria-busy"),
    Output(part_id("map", MATCH, MATCH), "style"),
    Input(part_id("query", MATCH, MATCH), "data"),
)
def _fill_map(query):
    """A card's map tab (only cards whose chart has places have one)."""
    chart, filters = _asked()
    return (*drawn_map(chart.figure_id, filters), "false", {})


# A table's rows are asked for only while its tab shows: the card's query goes on to the
# table's own store when the tab is shown, or when the query changes while it shows (in the
# browser: a hidden tab sends no request).
clientside_callback(
    """function(hidden, query, asked) {
        return hidden || query === asked ? dash_clientside.no_update : query;
    }""",
    Output(part_id("table-query", MATCH, MATCH), "data"),
    Input({**part_id("panel", MATCH, MATCH), "tab": "table"}, "hidden"),
    Input(part_id("query", MATCH, MATCH), "data"),
    State(part_id("table-query", MATCH, MATCH), "data"),
)


@callback(
    Output(part_id("table", MATCH, MATCH), "data"),
    Output(part_id("table", MATCH, MATCH), "page_count"),
    Output(part_id("table", MATCH, MATCH), "columns"),
    Output(part_id("table", MATCH, MATCH), "page_current"),
    Input(part_id("table", MATCH, MATCH), "page_current"),
    Input(part_id("table", MATCH, MATCH), "sort_by"),
    Input(part_id("table-query", MATCH, MATCH), "data"),
    State(part_id("table", MATCH, MATCH), "page_size"),
    prevent_initial_call=True,  # nothing until the tab is shown
)
def _table_page(page_current, sort_by, query, page_size):
    """One page of a card's rows, and its columns: the whole frame stays on the server. New
    filters start again from the first page."""
    chart = CHARTS[ctx.outputs_list[0]["id"]["figure"]]
    filters = Filters.from_search(query)
    frame = csv_rows(chart.load(filters), filters.lang)
    restart = ctx.triggered_id is not None and ctx.triggered_id.get("type") == "card-table-query"
    page = 0 if restart else page_current or 0
    rows, pages = table_page(frame, page, page_size or PAGE_SIZE, sort_by or [])
    names = frame.columns
    columns = [{"id": c, "name": column_name(c, names, filters.lang)} for c in names]
    return rows, pages, columns, page
