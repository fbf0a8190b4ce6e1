"""The older chart card (chart, summary, footer, downloads, citation) that /policy still builds
its own callback around. Every other page uses components/chart_card.py, built from the
registry entry; /policy moves to it when its own rewrite lands, and this module goes."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.chart_card import FORMATS, download_href
from dashboard.i18n import t

__all__ = ["FORMATS", "chart_card", "download_href", "rendered_card"]


def chart_card(
    prefix: str,
    figure_id: str,
    figure,
    summary: str,
    footer: str,
    citation: str,
    query_string: str,
    lang: str,
) -> html.Section:
    """A card whose ids start with `prefix` (the page), so callbacks can refresh its parts."""
    links = [
        html.A(
            t(f"card.download.{fmt}", lang),
            href=download_href(figure_id, fmt, query_string),
            id=f"{prefix}-{figure_id}-{fmt}",
            className="card-download",
            download="",
        )
        for fmt in FORMATS
    ]
    return html.Section(
        className="card",
        id=f"{prefix}-{figure_id}-card",
        children=[
            dcc.Graph(
                id=f"{prefix}-{figure_id}-graph",
                figure=figure,
                config={"displaylogo": False, "responsive": True},
                style={"height": "520px"},
            ),
            dcc.Markdown(summary, id=f"{prefix}-{figure_id}-summary", className="card-summary"),
            html.P(footer, id=f"{prefix}-{figure_id}-footer", className="card-footer"),
            html.Div(
                className="card-actions",
                children=[
                    html.Span(t("card.download", lang), className="card-actions-label"),
                    *links,
                ],
            ),
            html.Details(
                className="card-cite",
                children=[
                    html.Summary(t("card.cite", lang)),
                    html.P(citation, id=f"{prefix}-{figure_id}-citation"),
                ],
            ),
        ],
    )


def rendered_card(prefix: str, path: str, chart, filters) -> tuple[html.Section, object]:
    """Render a registered chart with the page's filters into a full card; also the frame shown."""
    from dashboard.citation import chart_citation
    from dashboard.components.chart_card import drawn
    from dashboard.components.text import card_footer

    frame, figure, summary, _ = drawn(chart.figure_id, filters)  # once per marts build
    qs, lang = filters.query_string(), filters.lang
    section = chart_card(
        prefix,
        chart.figure_id,
        figure,
        summary,
        card_footer(frame, lang),
        chart_citation(chart.figure_id, frame, path + qs, lang),
        qs,
        lang,
    )
    return section, frame
