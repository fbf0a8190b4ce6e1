"""/exhibits : a cited declaration for a city (or port) and period, and the standard exhibits.

The advocate picks a city or a U.S. port and dates; the page shows the declaration text in
the chosen language and links to it as md, docx and pdf (/declaration.<fmt>), then lists
every standard figure with links to its downloads. Filters live in the URL.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.cache import per_build
from dashboard.components.chart_card import FORMATS, download_href
from dashboard.components.shell import page_title, shell
from dashboard.components.text import rich
from dashboard.figures.registry import CHARTS
from dashboard.i18n import lang_or_default, t

dash.register_page(__name__, path="/exhibits", title=page_title("nav.exhibits"))
PREFIX = "exhibits"
DOC_FORMATS = ("md", "docx", "pdf")
DEFAULT = {"city": "Tijuana", "start": "2018-04-01", "end": "2019-07-15"}


def _first(value):
    return value[0] if isinstance(value, list) else value


def _iso(value, default: str) -> str:
    try:
        return date.fromisoformat(str(_first(value))).isoformat()
    except ValueError:
        return default


def choice(query: dict) -> dict:
    """city or port, start, end and lang from the URL, falling back to the defaults."""
    city, port = _first(query.get("city")), _first(query.get("port"))
    ports = data.port_names()
    port = port if port in ports else None
    city = None if port else (city if city in data.cities() else DEFAULT["city"])
    return {
        "city": city,
        "port": port,
        "start": _iso(query.get("start"), DEFAULT["start"]),
        "end": _iso(query.get("end"), DEFAULT["end"]),
        "lang": lang_or_default(_first(query.get("lang"))),
    }


def doc_query(c: dict) -> str:
    keep = {k: v for k, v in c.items() if v and not (k == "lang" and v == "en")}
    return "?" + urlencode(keep)


@per_build  # once per marts build and choice: the page's router callback then only lays out
def declaration_markdown(c: dict) -> str:
    from dashboard.exports.declaration import DeclarationError, build_declaration, to_markdown

    try:
        start, end = date.fromisoformat(c["start"]), date.fromisoformat(c["end"])
        if start > end:
            return t("exhibits.bad_period", c["lang"])
        text = to_markdown(build_declaration(c["city"], c["port"], start, end, c["lang"]))
        text = re.sub(r"(?m)^(#{1,5}) ", r"#\1 ", text)  # under the page's own h1
        return re.sub(r"\[(\d[\d, ]*)\]", r"\\[\1\\]", text)  # note marks, not links
    except (ValueError, DeclarationError) as err:
        return str(err)


def controls(c: dict) -> html.Div:
    lang = c["lang"]
    ports = data.port_names()
    return html.Div(
        className="filters",
        children=[
            html.Label(
                [
                    t("filter.city", lang),
                    dcc.Dropdown(
                        id=f"{PREFIX}-city", options=data.cities(), value=c["city"], clearable=True
                    ),
                ],
                className="filter filter-wide",
            ),
            html.Label(
                [
                    t("exhibits.port", lang),
                    dcc.Dropdown(
                        id=f"{PREFIX}-port",
                        options=ports,
                        value=c["port"],
                        clearable=True,
                        placeholder=t("exhibits.port_placeholder", lang),
                    ),
                ],
                className="filter filter-wide",
            ),
            html.Label(
                [
                    t("filter.start", lang),
                    dcc.Input(id=f"{PREFIX}-start", type="date", value=c["start"], debounce=True),
                ],
                className="filter",
            ),
            html.Label(
                [
                    t("filter.end", lang),
                    dcc.Input(id=f"{PREFIX}-end", type="date", value=c["end"], debounce=True),
                ],
                className="filter",
            ),
        ],
    )


def doc_links(c: dict) -> list:
    qs = doc_query(c)
    return [
        html.A(
            t(f"exhibits.download.{fmt}", c["lang"]),
            href=f"/declaration.{fmt}{qs}",
            id=f"{PREFIX}-doc-{fmt}",
            className="card-download",
            download="",
        )
        for fmt in DOC_FORMATS
    ]


def exhibit_list(lang: str) -> html.Ul:
    qs = "?lang=es" if lang == "es" else ""
    return html.Ul(
        id=f"{PREFIX}-list",
        className="exhibit-list",
        children=[
            html.Li(
                [
                    html.Strong(t(f"figure_name.{fid}", lang)),
                    html.Code(f" {fid} "),
                    *[
                        html.A(
                            t(f"card.download.{fmt}", lang),
                            href=download_href(fid, fmt, qs),
                            className="card-download",
                            download="",
                        )
                        for fmt in FORMATS
                    ],
                ]
            )
            for fid in CHARTS
        ],
    )


def layout(**query) -> html.Div:
    c = choice(query)
    lang = c["lang"]
    return shell(
        "/exhibits",
        lang,
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            dcc.Store(id=f"{PREFIX}-lang", data=lang),
            html.H1(t("exhibits.title", lang)),
            html.P(rich(t("exhibits.lede", lang)), className="lede"),
            controls(c),
            html.Div(
                className="card-actions",
                id=f"{PREFIX}-links",
                children=[
                    html.Span(t("card.download", lang), className="card-actions-label"),
                    *doc_links(c),
                ],
            ),
            html.Section(
                className="card declaration",
                children=[dcc.Markdown(declaration_markdown(c), id=f"{PREFIX}-declaration")],
            ),
            html.H2(t("exhibits.list.title", lang)),
            html.P(t("exhibits.list.note", lang), className="note"),
            exhibit_list(lang),
        ],
    )


@callback(
    Output(f"{PREFIX}-url", "search"),
    Output(f"{PREFIX}-declaration", "children"),
    Output(f"{PREFIX}-links", "children"),
    Input(f"{PREFIX}-city", "value"),
    Input(f"{PREFIX}-port", "value"),
    Input(f"{PREFIX}-start", "value"),
    Input(f"{PREFIX}-end", "value"),
    State(f"{PREFIX}-lang", "data"),
    prevent_initial_call=True,
)
def update(city, port, start, end, lang):
    c = choice({"city": city, "port": port, "start": start, "end": end, "lang": lang})
    links = [html.Span(t("card.download", lang), className="card-actions-label"), *doc_links(c)]
    return doc_query(c), declaration_markdown(c), links
