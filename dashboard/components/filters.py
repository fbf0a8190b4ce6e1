"""The city + period filter bar and the callback that keeps a chart card, its downloads and
the URL in step with it. Pages give their prefix, chart and any extra outputs (a table)."""

from __future__ import annotations

from collections.abc import Callable

from dash import Input, Output, State, callback, dcc, html

from dashboard.citation import chart_citation
from dashboard.components.card import FORMATS, download_href
from dashboard.components.text import card_footer
from dashboard.figures.registry import Chart, Filters
from dashboard.i18n import t


def city_period_filters(
    prefix: str, filters: Filters, lang: str, city_options: list[str]
) -> html.Div:
    def date_input(name: str, value) -> html.Label:
        return html.Label(
            [
                t(f"filter.{name}", lang),
                dcc.Input(
                    id=f"{prefix}-{name}",
                    type="date",
                    debounce=True,
                    value=value.isoformat() if value else None,
                ),
            ],
            className="filter",
        )

    return html.Div(
        className="filters",
        children=[
            html.Label(
                [
                    t("filter.city", lang),
                    dcc.Dropdown(
                        id=f"{prefix}-city",
                        options=city_options,
                        value=list(filters.cities),
                        multi=True,
                        placeholder=t("filter.city.all", lang),
                    ),
                ],
                className="filter filter-wide",
            ),
            date_input("start", filters.start),
            date_input("end", filters.end),
            dcc.Location(id=f"{prefix}-url", refresh=False),
            dcc.Store(id=f"{prefix}-lang", data=lang),
        ],
    )


def register_card_callback(
    prefix: str,
    path: str,
    chart: Chart,
    extra_outputs: list[Output],
    extra: Callable[[Filters], tuple],
) -> None:
    """Filters → URL query, the card's figure, summary, footer, citation, hrefs, and extras."""
    card = f"{prefix}-{chart.figure_id}"

    @callback(
        Output(f"{prefix}-url", "search"),
        Output(f"{card}-graph", "figure"),
        Output(f"{card}-summary", "children"),
        Output(f"{card}-footer", "children"),
        Output(f"{card}-citation", "children"),
        *[Output(f"{card}-{fmt}", "href") for fmt in FORMATS],
        *extra_outputs,
        Input(f"{prefix}-city", "value"),
        Input(f"{prefix}-start", "value"),
        Input(f"{prefix}-end", "value"),
        State(f"{prefix}-lang", "data"),
        prevent_initial_call=True,
    )
    def update(cities, start, end, lang):
        filters = Filters.from_query(
            {"city": cities or [], "start": start, "end": end, "lang": lang}
        )
        frame, figure, summary = chart.render(filters)
        qs = filters.query_string()
        return (
            qs,
            figure,
            summary,
            card_footer(frame, lang),
            chart_citation(chart.figure_id, frame, path + qs, lang),
            *[download_href(chart.figure_id, fmt, qs) for fmt in FORMATS],
            *extra(filters),
        )
