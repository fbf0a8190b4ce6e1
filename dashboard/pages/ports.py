"""/ports : official OFO encounters by field office, Border Patrol by sector, CBP One
appointments, and one city's waitlist beside its field office (marked not comparable).

Every filter lives in the URL (component, release, demographic, citizenship, title, start, end,
city); `Filters` checks each value against the marts before any query sees it.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data
from dashboard.cache import per_build
from dashboard.charts import CHARTS, Filters
from dashboard.citation import chart_citation
from dashboard.components.card import FORMATS, chart_card, download_href
from dashboard.components.shell import page_title, shell
from dashboard.components.text import card_footer
from dashboard.figures_official import label, release_note, upright_event_labels
from dashboard.i18n import t

dash.register_page(__name__, path="/ports", title=page_title("nav.ports"))
PREFIX = "ports"
FIGURE_IDS = ("encounters-by-office", "usbp-by-sector", "cbp-one-monthly", "waitlist-vs-encounters")
# Dropdown id suffix → URL parameter, in the order the callback receives them.
DROPDOWNS = ("component", "release", "demographic", "citizenship", "title")
PARTS = ("graph", "summary", "footer", "citation")


def card_parts(figure_id: str, filters: Filters) -> tuple:
    """(figure, summary, footer naming the releases, citation, download hrefs) for one card."""
    frame, figure, summary = _upright(figure_id, filters)  # figure: a dict, as dcc.Graph takes
    qs = filters.query_string()
    footer = " · ".join(
        p for p in (card_footer(frame, filters.lang), release_note(frame, filters.lang)) if p
    )
    citation = chart_citation(figure_id, frame, "/ports" + qs, filters.lang)
    return figure, summary, footer, citation, *[download_href(figure_id, f, qs) for f in FORMATS]


@per_build  # relabelling through plotly's objects is slow: done once per build and view
def _upright(figure_id: str, filters: Filters) -> tuple:
    frame, figure, summary = CHARTS[figure_id].render(filters)
    return frame, upright_event_labels(figure).to_dict(), summary


def card(figure_id: str, filters: Filters) -> html.Section:
    figure, summary, footer, citation, *_ = card_parts(figure_id, filters)
    return chart_card(
        PREFIX, figure_id, figure, summary, footer, citation, filters.query_string(), filters.lang
    )


def options(name: str, lang: str) -> list[dict]:
    if name == "component":
        return [{"label": t(f"component.{c}", lang), "value": c} for c in ("OFO", "USBP")]
    if name == "release":
        return [
            {"label": t("release.preferred", lang), "value": "preferred"},
            *({"label": r, "value": r} for r in data.official_releases()),
        ]
    column = "title_of_authority" if name == "title" else name
    return [
        {
            "label": label(f"dim.{column}", v, lang) if name != "citizenship" else v.title(),
            "value": v,
        }
        for v in data.encounter_values(column)
    ]


def dropdown(name: str, filters: Filters, lang: str) -> html.Label:
    required = name in ("component", "release")
    return html.Label(
        [
            t(f"ports.filter.{name}", lang),
            dcc.Dropdown(
                id=f"{PREFIX}-{name}",
                options=options(name, lang),
                value=filters.param(name),
                clearable=not required,
                placeholder=t("ports.filter.all", lang),
            ),
        ],
        className="filter filter-wide" if required else "filter",
    )


def date_input(name: str, value, lang: str) -> html.Label:
    return html.Label(
        [
            t(f"filter.{name}", lang),
            dcc.Input(
                id=f"{PREFIX}-{name}",
                type="date",
                debounce=True,
                value=value.isoformat() if value else None,
            ),
        ],
        className="filter",
    )


def filter_bar(filters: Filters, lang: str) -> html.Div:
    return html.Div(
        className="filters",
        children=[
            *[dropdown(name, filters, lang) for name in DROPDOWNS],
            date_input("start", filters.start, lang),
            date_input("end", filters.end, lang),
        ],
    )


def city_bar(filters: Filters, lang: str) -> html.Div:
    city = filters.cities[0] if filters.cities else None
    return html.Div(
        className="filters",
        children=[
            html.Label(
                [
                    t("ports.filter.city", lang),
                    dcc.Dropdown(
                        id=f"{PREFIX}-city",
                        options=data.cities(),
                        value=city,
                        clearable=True,
                        placeholder="Tijuana",
                    ),
                ],
                className="filter filter-wide",
            )
        ],
    )


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    return shell(
        "/ports",
        lang,
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            dcc.Store(id=f"{PREFIX}-lang", data=lang),
            html.H1(t("ports.title", lang)),
            dcc.Markdown(t("ports.lede", lang), className="lede"),
            filter_bar(filters, lang),
            html.P(t("ports.note.fiscal", lang), className="note", id=f"{PREFIX}-fiscal-note"),
            *[card(figure_id, filters) for figure_id in FIGURE_IDS[:3]],
            html.H2(t("ports.compare.title", lang)),
            html.Div(
                className="limits",
                id=f"{PREFIX}-not-comparable",
                children=html.P(t("ports.compare.note", lang)),
            ),
            city_bar(filters, lang),
            card(FIGURE_IDS[3], filters),
        ],
    )


@callback(
    Output(f"{PREFIX}-url", "search"),
    *[
        Output(f"{PREFIX}-{fid}-{part}", prop)
        for fid in FIGURE_IDS
        for part, prop in zip(PARTS, ("figure", "children", "children", "children"), strict=True)
    ],
    *[Output(f"{PREFIX}-{fid}-{fmt}", "href") for fid in FIGURE_IDS for fmt in FORMATS],
    *[Input(f"{PREFIX}-{name}", "value") for name in (*DROPDOWNS, "start", "end", "city")],
    State(f"{PREFIX}-lang", "data"),
    prevent_initial_call=True,
)
def update(component, release, demographic, citizenship, title, start, end, city, lang):
    filters = Filters.from_query(
        {
            "component": component,
            "release": release,
            "demographic": demographic,
            "citizenship": citizenship,
            "title": title,
            "start": start,
            "end": end,
            "city": [city] if city else [],
            "lang": lang,
        }
    )
    parts = {fid: card_parts(fid, filters) for fid in FIGURE_IDS}
    cards = [value for fid in FIGURE_IDS for value in parts[fid][:4]]
    hrefs = [href for fid in FIGURE_IDS for href in parts[fid][4:]]
    return filters.query_string(), *cards, *hrefs
