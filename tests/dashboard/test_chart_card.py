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


def by_id(layout, kind: str, figure_id: str, page: str = "ports"):
    part = {"type": f"card-{kind}", "page": page, "figure": figure_id}
    return next(c for c in components(layout) if getattr(c, "id", None) == part)


def page_module(path: str):
    """A page's module as the app registered it (importing it again would register the page
    twice)."""
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    return sys.modules[page["module"]]


def ports_page():
    return page_module("/ports")


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


def graph_box(layout, figure_id: str, page: str):
    """The box around a card's graph (it carries the sizes card.css gives dcc.Graph's empty
    div until plotly.js has loaded)."""
    graph_id = {"type": "card-graph", "page": page, "figure": figure_id}
    return next(
        c
        for c in components(layout)
        if getattr(c, "className", None) == "card-graph-box"
        and getattr(c.children, "id", None) == graph_id
    )


def test_a_view_not_drawn_yet_waits_at_the_height_of_the_same_charts_default_view(dash_app):
    """A typed date range is a view no worker has drawn: its placeholder takes the height of
    the chart's default view in the same language (drawn by the warm-up), wide and on phones,
    so that what lies below it most often does not move when the chart comes."""
    ports = ports_page()
    cache.clear()
    figure_id = ports.FIGURE_IDS[0]
    with dash_app.server.test_request_context("/ports"):
        typed = ports.layout(start="2019-03-01", end="2019-09-30", lang="es")
        assert "height" not in by_id(typed, "graph", figure_id).figure["layout"]  # none drawn
        assert graph_box(typed, figure_id, "ports").style == {}
        _, default, _ = drawn(figure_id, Filters(lang="es"))
        typed = ports.layout(start="2019-03-01", end="2019-09-30", lang="es")
    height, narrow = default["layout"]["height"], default["layout"]["meta"]["narrow"]["height"]
    waiting = by_id(typed, "graph", figure_id)
    assert waiting.figure["layout"]["height"] == height
    assert waiting.figure["layout"]["meta"] == {"placeholder": True, "narrow": {"height": narrow}}
    assert waiting.style == {"height": f"{height}px"}
    assert graph_box(typed, figure_id, "ports").style == {
        "--chart-height": f"{height}px",
        "--chart-height-narrow": f"{narrow}px",
    }
    typed_view = Filters.from_search("?start=2019-03-01&end=2019-09-30&lang=es")
    assert cache.peek(drawn, figure_id, typed_view) is None  # the typed view itself: not drawn
    cache.clear()


def test_dates_typed_on_a_city_view_wait_at_the_height_of_that_city_view(dash_app):
    """The warm-up draws each city's view: dates typed on it wait at that view's height (the
    nearest view drawn), not at the page's default."""
    waitlists = page_module("/waitlists")
    figure_id = "waitlist-by-city"
    cache.clear()
    with dash_app.server.test_request_context("/waitlists"):
        _, default, _ = drawn(figure_id, Filters(lang="en"))
        _, city, _ = drawn(figure_id, Filters.from_search("?city=Tijuana"))
        assert city["layout"]["height"] != default["layout"]["height"]  # else this proves nothing
        typed = waitlists.layout(city="Tijuana", start="2019-01-01", end="2019-06-30")
    waiting = by_id(typed, "graph", figure_id, page="waitlists")
    assert waiting.figure["layout"]["height"] == city["layout"]["height"]
    cache.clear()
