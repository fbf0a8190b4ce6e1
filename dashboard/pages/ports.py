"""/ports : official OFO encounters by field office (with a map of the offices' ports), Border
Patrol by sector, CBP One appointments, and one city's waitlist beside its field office
(marked not comparable).

Every filter lives in the URL (component, release, demographic, citizenship, title, fy, start,
end, city); `Filters` checks each value against the marts before any query sees it.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.chart_card import chart_card
from dashboard.components.filters import control, filter_bar, page_state, register_page_callback
from dashboard.components.shell import page_title, shell
from dashboard.components.text import rich
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import t

dash.register_page(__name__, path="/ports", title=page_title("nav.ports"))
PAGE = "ports"
# This page's URL parameters, declared once: the filter bar, then the city of the last card.
PARAMS = ("component", "release", "demographic", "citizenship", "title", "fy", "start", "end")
FIGURE_IDS = (
    "encounters-by-office",
    "encounters-fiscal-year",
    "usbp-by-sector",
    "cbp-one-monthly",
)
COMPARE_ID = "waitlist-vs-encounters"


def layout(**query) -> html.Div:
    filters = Filters.from_query(query)
    lang = filters.lang
    return shell(
        "/ports",
        lang,
        [
            *page_state(PAGE, filters),
            html.H1(t("ports.title", lang)),
            html.P(rich(t("ports.lede", lang)), className="lede"),
            filter_bar(PAGE, PARAMS, filters, lang),
            html.P(t("ports.note.fiscal", lang), className="note", id=f"{PAGE}-fiscal-note"),
            *[chart_card(PAGE, CHARTS[fid], filters) for fid in FIGURE_IDS],
            html.H2(t("ports.compare.title", lang)),
            html.Div(
                className="limits",
                id=f"{PAGE}-not-comparable",
                children=html.P(t("ports.compare.note", lang)),
            ),
            html.Div(
                className="filters",
                children=control(PAGE, "city", filters, lang, False, "ports.filter.city"),
            ),
            chart_card(PAGE, CHARTS[COMPARE_ID], filters),
        ],
    )


register_page_callback(PAGE, "/ports")
