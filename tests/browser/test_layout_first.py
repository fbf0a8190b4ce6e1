"""A page's layout arrives before, and independently of, its charts (components/chart_card.py):
the page heading, its filters, every card's question and summary are in view while a card's
chart is still on its way (the card marked aria-busy), and the other cards' charts arrive
without waiting for it.

The test holds one card's chart callback in the browser (Playwright's request routing) until
it has checked the page; no clock is involved. The page is opened once before, as a reader
before would have: the chart's place then has the drawn chart's size, and when the chart
arrives nothing on the page moves.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.helpers import card, card_part, param, wait_until_drawn

pytestmark = pytest.mark.browser

PAGE = "ports"
HELD = "encounters-by-office"  # the slowest chart of the page (issue 15)
OTHERS = ("encounters-fiscal-year", "usbp-by-sector", "cbp-one-monthly", "waitlist-vs-encounters")


def is_held_chart(route: Route) -> bool:
    """The chart callback of the held card: its output is the card's graph, its input the
    card's query store."""
    body = json.loads(route.request.post_data or "{}")
    inputs = body.get("inputs") or [{}]
    figure = (inputs[0].get("id") or {}) if isinstance(inputs[0], dict) else {}
    return "card-graph" in body.get("output", "") and figure.get("figure") == HELD


def card_tops(page: Page) -> list[int]:
    """Where each card and its parts start on the page, in CSS pixels."""
    return page.eval_on_selector_all(
        ".card, .card-summary, .card-caveat, .card-footer",
        "els => els.map(e => Math.round(e.getBoundingClientRect().top + window.scrollY))",
    )


class Held:
    """A route handler (page.route) that holds the requests `matches` picks until `release`,
    and lets the others go."""

    def __init__(self, matches: Callable[[Route], bool] = lambda route: True):
        self.matches, self.routes, self.released = matches, [], False

    def __call__(self, route: Route) -> None:
        if not self.released and self.matches(route):
            self.routes.append(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()


def test_headings_and_cards_show_while_a_chart_is_held(page: Page, live_server):
    held = Held(is_held_chart)
    page.goto(live_server + f"/{PAGE}")  # an earlier reader: this view is drawn once
    wait_until_drawn(page)
    page.route("**/_dash-update-component*", held)
    page.reload()

    # The layout is in view: the page heading, its filters, every card's question and caption.
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main h1")).not_to_be_empty()
    expect(param(page, PAGE, "component")).to_be_visible()
    for figure_id in (HELD, *OTHERS):
        expect(card(page, PAGE, figure_id).locator(".card-question")).to_be_visible()
        expect(card(page, PAGE, figure_id).locator(".card-question")).not_to_be_empty()
        expect(card_part(page, "summary", PAGE, figure_id)).not_to_be_empty()

    # The other cards' charts arrive on their own; the held one stays busy, its chart not there.
    for figure_id in OTHERS:
        expect(card_part(page, "body", PAGE, figure_id)).to_have_attribute("aria-busy", "false")
        expect(card(page, PAGE, figure_id).locator(".card-chart .gtitle")).to_be_visible()
    expect(card_part(page, "body", PAGE, HELD)).to_have_attribute("aria-busy", "true")
    expect(card(page, PAGE, HELD).locator(".card-chart .gtitle")).to_have_count(0)
    assert len(held.routes) == 1  # its request was sent, and held
    before = card_tops(page)

    held.release()
    wait_until_drawn(page)
    assert card_tops(page) == before  # nothing moved when the held chart arrived
    expect(card_part(page, "body", PAGE, HELD)).to_have_attribute("aria-busy", "false")
    expect(card(page, PAGE, HELD).locator(".card-chart .gtitle")).to_be_visible()


def chart_heights(page: Page) -> list[int]:
    """The height of each card's chart place, in CSS pixels."""
    return page.eval_on_selector_all(
        ".card-chart", "els => els.map(e => Math.round(e.getBoundingClientRect().height))"
    )


@pytest.mark.parametrize("width", [1400, 360])
def test_a_charts_place_has_its_height_before_plotly_arrives(page: Page, live_server, width):
    """Until plotly.js has loaded, dcc.Graph shows an empty div without its style; the box
    around it gives it the height the chart will have (chart_card.py: _waiting_graph;
    card.css; on phones the chart's phone height), so nothing below a chart moves when
    plotly.js, then the chart, arrives. plotly.js is held in the browser (request routing,
    which also turns the HTTP cache off) until the chart places are measured."""
    held = Held()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + f"/{PAGE}")  # an earlier reader: this view is drawn once
    wait_until_drawn(page)
    drawn_heights = chart_heights(page)
    assert len(drawn_heights) == len(OTHERS) + 1
    page.route("**/plotly/package_data/plotly.min.js*", held)
    with page.expect_request("**/plotly/package_data/plotly.min.js*"):
        page.reload()  # returns once plotly.js is asked for (and held)
    expect(page.locator(".card-chart.dash-graph--pending")).to_have_count(len(OTHERS) + 1)
    assert held.routes
    assert chart_heights(page) == drawn_heights

    held.release()
    wait_until_drawn(page)
    assert chart_heights(page) == drawn_heights


@pytest.mark.parametrize("path", ["/ports", "/turnbacks?lang=es", "/"])
def test_the_lede_and_the_filters_keep_their_place_while_their_scripts_load(
    page: Page, live_server, path
):
    """Dash draws a dropdown and a dcc.Markdown only once their scripts (loaded apart) have
    come, and nothing in their place until then. The lede is plain text (components/text.py:
    rich), shown with the page, and each dropdown sits in a box of its height (style.css):
    when the scripts come, the heading, the lede, the filter bar and every dropdown's place
    stay where they were (a filter bar of two rows may still rewrap: a dropdown's width
    follows its text). Both scripts are held in the browser until the page is measured."""
    held = Held()

    def places() -> list[int]:
        """Where the heading, the lede and the filter bar start, and each dropdown's height,
        above the first card (below it, card summaries in markdown may still move things)."""
        return page.eval_on_selector_all(
            "main h1, main .lede, main .filters, main .filter-control",
            """els => {
                const card = document.querySelector('main .card');
                const before = Node.DOCUMENT_POSITION_FOLLOWING;  // the card follows it
                const above = e => e.compareDocumentPosition(card) & before;
                return els.filter(above).map(e => e.classList.contains('filter-control')
                    ? Math.round(e.getBoundingClientRect().height)
                    : Math.round(e.getBoundingClientRect().top));
            }""",
        )

    page.route("**/dcc/async-dropdown.js*", held)
    page.route("**/dcc/async-markdown.js*", held)
    with page.expect_request("**/dcc/async-markdown.js*"):  # each page has card summaries
        page.goto(live_server + path)  # returns once that script is asked for (and held)
    expect(page.locator("main .card").first).to_be_attached()
    expect(page.locator("main .lede")).not_to_be_empty()
    assert held.routes
    before = places()
    held.release()
    wait_until_drawn(page)
    assert places() == before
