"""/embed/<figure id>?<filters> : one chart alone, for an <iframe> on another site.

The same URL parameters as the chart's page give the same view; a link under the chart opens
that page with its table, sources and downloads. Framing is allowed for /embed/ only.
"""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.components.chart_card import GRAPH_CONFIG, absolute
from dashboard.components.filters import not_found
from dashboard.components.shell import page_title
from dashboard.components.text import card_footer
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import t

dash.register_page(__name__, path_template="/embed/<figure_id>", title=page_title("nav.embed"))


def layout(figure_id: str | None = None, **query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    chart = CHARTS.get(figure_id or "")
    if chart is None:
        return html.Main(html.P(t("embed.not_found", lang, figure=figure_id)), lang=lang)
    frame, figure, summary = chart.render(filters)
    if chart.screen:
        figure = chart.screen(figure)
    return html.Main(
        className="embed",
        lang=lang,
        children=[
            not_found(filters),
            dcc.Graph(
                id="embed-graph", figure=figure, config=GRAPH_CONFIG, className="embed-graph"
            ),
            dcc.Markdown(summary, className="card-summary"),
            html.P(
                [
                    card_footer(frame, lang),
                    " · ",
                    html.A(
                        t("embed.full_view", lang),
                        href=absolute(chart.home + filters.query_string()),
                        target="_top",
                    ),
                ],
                className="card-footer",
            ),
        ],
    )
