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


def test_headings_and_cards_show_while_a_chart_is_held(page: Page, live_server):
    held: list[Route] = []
    released = False

    def route(request_route: Route) -> None:
        if not released and is_held_chart(request_route):
            held.append(request_route)
        else:
            request_route.continue_()

    page.goto(live_server + f"/{PAGE}")  # an earlier reader: this view is drawn once
    wait_until_drawn(page)
    page.route("**/_dash-update-component*", route)
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
    assert len(held) == 1  # its request was sent, and held
    before = card_tops(page)

    released = True
    for request_route in held:
        request_route.continue_()
    wait_until_drawn(page)
    assert card_tops(page) == before  # nothing moved when the held chart arrived
    expect(card_part(page, "body", PAGE, HELD)).to_have_attribute("aria-busy", "false")
    expect(card(page, PAGE, HELD).locator(".card-chart .gtitle")).to_be_visible()
