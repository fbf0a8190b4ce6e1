"""/ : headline figures with their sources and the border-wide total on waitlists over time."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import data
from dashboard.components.chart_card import chart_card
from dashboard.components.shell import page_title, shell
from dashboard.components.text import rich
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import fmt_date, fmt_int, t
from dashboard.source_refs import short_refs

dash.register_page(__name__, path="/", title=page_title("nav.overview"))


def tile(value: str, label: str, note: str, tile_id: str) -> html.Div:
    return html.Div(
        className="tile",
        id=tile_id,
        children=[
            html.Div(value, className="tile-value"),
            html.Div(label, className="tile-label"),
            html.Div(note, className="tile-note"),
        ],
    )


def tiles(lang: str) -> html.Div:
    facts = data.headline_facts()
    peak = facts["peak_total"]
    return html.Div(
        className="tiles",
        children=[
            tile(
                fmt_int(peak["people_waiting_total"], lang),
                t(
                    "overview.tile.peak",
                    lang,
                    date=fmt_date(peak["as_of_date"], lang, peak["date_precision"]),
                ),
                t(
                    "overview.tile.source",
                    lang,
                    source="; ".join(short_refs([peak["source_id"]], lang)),
                ),
                "overview-tile-peak",
            ),
            tile(
                fmt_int(facts["snapshots"], lang),
                t("overview.tile.snapshots", lang, cities=facts["cities"]),
                t(
                    "overview.tile.period",
                    lang,
                    first=fmt_date(facts["first_date"], lang),
                    last=fmt_date(facts["last_date"], lang),
                ),
                "overview-tile-snapshots",
            ),
            tile(
                fmt_int(facts["incidents"] + facts["aggregates"], lang),
                t("overview.tile.turnbacks", lang),
                t(
                    "overview.tile.turnbacks_note",
                    lang,
                    incidents=facts["incidents"],
                    aggregates=facts["aggregates"],
                ),
                "overview-tile-turnbacks",
            ),
            tile(
                fmt_int(facts["sources"], lang),
                t("overview.tile.sources", lang),
                t("overview.tile.sources_note", lang),
                "overview-tile-sources",
            ),
        ],
    )


def card(figure_id: str, filters: Filters) -> html.Section:
    return chart_card("overview", CHARTS[figure_id], filters)


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    return shell(
        "/",
        lang,
        [
            html.H1(rich(t("overview.title", lang))),
            dcc.Markdown(t("overview.lede", lang), className="lede"),
            tiles(lang),
            card("waitlist-border-total", filters),
            card("waitlist-by-city", filters),
            html.Section(
                className="limits",
                children=[
                    html.H2(t("limits.title", lang)),
                    html.Ul(
                        [html.Li(dcc.Markdown(t(f"limits.item{i}", lang))) for i in range(1, 5)]
                    ),
                ],
            ),
        ],
    )
