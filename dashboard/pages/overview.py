"""/ : headline figures with their sources and the border-wide total on waitlists over time."""

from __future__ import annotations

import dash
import polars as pl
from dash import html

from dashboard import data
from dashboard.components.chart_card import chart_card
from dashboard.components.shell import page_title, shell
from dashboard.components.text import rich
from dashboard.figures import waitlists as figures
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


def tiles(totals: pl.DataFrame, snapshots: pl.DataFrame, lang: str) -> html.Div:
    """Headline figures from the frames the charts below draw, so tile and chart agree."""
    peak = figures.peak_edition(totals)
    counted = figures.counted_snapshots(snapshots)
    kinds = data.turnbacks()["record_type"].value_counts()
    kind = dict(zip(kinds["record_type"], kinds["count"], strict=True))
    incidents, aggregates = kind.get("incident", 0), kind.get("aggregate", 0)
    cited = data.sources_with_usage().filter(pl.col("rows_cited") > 0).height
    children = []
    if peak is not None:
        children.append(
            tile(
                figures.qualified_total(peak, lang),
                t(
                    "overview.tile.peak",
                    lang,
                    date=fmt_date(peak["as_of_date"], lang, peak["date_precision"]),
                ),
                t(
                    "overview.tile.source",
                    lang,
                    source="; ".join(
                        short_refs([peak["source_id"]], data.source_rows([peak["source_id"]]), lang)
                    ),
                ),
                "overview-tile-peak",
            )
        )
    if counted.height:
        children.append(
            tile(
                fmt_int(counted.height, lang),
                t("overview.tile.snapshots", lang, cities=counted["city"].n_unique()),
                t(
                    "overview.tile.period",
                    lang,
                    first=fmt_date(counted["as_of_date"].min(), lang),
                    last=fmt_date(counted["as_of_date"].max(), lang),
                ),
                "overview-tile-snapshots",
            )
        )
    children += [
        tile(
            fmt_int(incidents + aggregates, lang),
            t("overview.tile.turnbacks", lang),
            t(
                "overview.tile.turnbacks_note",
                lang,
                incidents=incidents,
                aggregates=aggregates,
            ),
            "overview-tile-turnbacks",
        ),
        tile(
            fmt_int(cited, lang),
            t("overview.tile.sources", lang),
            t("overview.tile.sources_note", lang),
            "overview-tile-sources",
        ),
    ]
    return html.Div(className="tiles", children=children)


def card(figure_id: str, filters: Filters) -> html.Section:
    return chart_card("overview", CHARTS[figure_id], filters)


def frame(figure_id: str, filters: Filters) -> pl.DataFrame:
    """The rows a chart draws for these filters (its own query), for the tiles above it."""
    chart = CHARTS[figure_id]
    return chart.load(chart.resolve(filters))


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    totals, snapshots = frame("waitlist-border-total", filters), frame("waitlist-by-city", filters)
    return shell(
        "/",
        lang,
        [
            html.H1(rich(t("overview.title", lang))),
            html.P(rich(t("overview.lede", lang)), className="lede"),
            tiles(totals, snapshots, lang),
            card("waitlist-border-total", filters),
            card("waitlist-by-city", filters),
            html.Section(
                className="limits",
                children=[
                    html.H2(t("limits.title", lang)),
                    html.Ul([html.Li(rich(t(f"limits.item{i}", lang))) for i in range(1, 5)]),
                ],
            ),
        ],
    )
