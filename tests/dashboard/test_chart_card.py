"""The chart card's shell and its own callbacks (dashboard/components/chart_card.py): a page's
layout carries no chart, only the card's question, links and an empty, busy chart; the card's
callback draws it; the warm-up draws every card of a layout into the per-build cache."""

from __future__ import annotations

import json
import sys

import dash

from dashboard import cache
from dashboard.components.chart_card import draw_cards, drawn
from dashboard.figures.registry import Filters


def components(node) -> list:
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += components(child)
    return found


def by_id(layout, kind: str, figure_id: str):
    return next(
        c
        for c in components(layout)
        if getattr(c, "id", None) == {"type": f"card-{kind}", "page": "ports", "figure": figure_id}
    )


def ports_page():
    """The /ports page module as the app registered it (importing it again would register the
    page twice)."""
    page = next(p for p in dash.page_registry.values() if p["path"] == "/ports")
    return sys.modules[page["module"]]


def test_a_page_layout_sends_card_shells_without_their_charts(dash_app):
    ports = ports_page()
    with dash_app.server.test_request_context("/ports"):
        layout = ports.layout(component="USBP")
    figure_ids = (*ports.FIGURE_IDS, ports.COMPARE_ID)
    for figure_id in figure_ids:
        graph = by_id(layout, "graph", figure_id)
        assert graph.figure["data"] == [] and graph.figure["layout"]["meta"]["placeholder"]
        body = by_id(layout, "body", figure_id)
        assert body.to_plotly_json()["props"]["aria-busy"] == "true"
        assert by_id(layout, "query", figure_id).data == "?component=USBP"
    # no figure, summary or table rows in what the router sends for the page
    text = json.dumps(layout.to_plotly_json(), default=str)
    assert '"scatter"' not in text and '"bar"' not in text


def test_the_warm_up_draws_every_card_of_a_layout(dash_app):
    ports = ports_page()
    cache.clear()
    with dash_app.server.test_request_context("/ports"):
        layout = ports.layout()
        # five cards: the page declares four figures and the comparison card
        assert draw_cards(layout) == len(ports.FIGURE_IDS) + 1 == 5
        filled = cache.size()
        assert filled > 0
        drawn("encounters-by-office", Filters.from_search(""))  # the card callback's key
        assert cache.size() == filled  # already there: nothing new computed
    cache.clear()
