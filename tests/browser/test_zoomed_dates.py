"""A zoomed date axis keeps readable ticks (assets/accessibility.js: retick). The server writes
a date axis's ticks for the whole period (figures/style.py: date_ticks); zoomed in to a few
months, those were one tick or none. Zoomed or panned, the browser writes the same rule's
ticks for the dates in view, in the page's language; zoomed out, the server's come back.

The browser's ticks are checked against the server's own rule (date_ticks, narrow_ticks: a
second implementation, in Python) and, for one range, against labels written by hand. The
zoom is made with Plotly.relayout, as a drag ends; the tests wait for the ticks, not a clock.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from dashboard.figures.style import date_ticks, narrow_ticks
from tests.browser.helpers import card_part, pattern_id, wait_until_drawn

pytestmark = pytest.mark.browser

PAGE, FIGURE = "overview", "waitlist-border-total"


def graph(page: Page):
    return card_part(page, "graph", PAGE, FIGURE).locator(".js-plotly-plot")


def ticks(page: Page) -> list:
    return graph(page).evaluate("gd => [gd.layout.xaxis.tickvals, gd.layout.xaxis.ticktext]")


def zoom_and_wait(page: Page, update: dict, expected: list) -> None:
    graph(page).evaluate("(gd, update) => Plotly.relayout(gd, update)", update)
    page.wait_for_function(
        """([selector, expected]) => {
            const gd = document.querySelector(selector);
            return JSON.stringify([gd.layout.xaxis.tickvals, gd.layout.xaxis.ticktext])
                === JSON.stringify(expected);
        }""",
        arg=[
            pattern_id(type="card-graph", page=PAGE, figure=FIGURE) + " .js-plotly-plot",
            expected,
        ],
    )


def by_rule(first: date, last: date, lang: str, phone: bool = False) -> list:
    found, labels = date_ticks(first, last, lang)
    if phone:
        found, labels = narrow_ticks(found, labels)
    return [[d.isoformat() for d in found], labels]


def test_four_months_zoomed_have_a_tick_a_month():
    """The hand-written case the rule gives (a tick a month while they fit)."""
    assert by_rule(date(2019, 3, 1), date(2019, 6, 30), "es")[1] == [
        "mar 2019", "abr 2019", "may 2019", "jun 2019",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_zoomed_axis_gets_the_rules_ticks_and_the_period_ones_come_back(
    page: Page, live_server, lang
):
    page.goto(live_server + ("/?lang=es" if lang == "es" else "/"))
    wait_until_drawn(page)
    period = ticks(page)
    assert len(period[0]) >= 2
    cases = [
        (("2019-03-01", "2019-06-30"), (date(2019, 3, 1), date(2019, 6, 30))),  # months
        (("2018-06-15", "2019-02-10 13:30"), (date(2018, 6, 15), date(2019, 2, 10))),  # panned
        (("2019-05-01", "2019-05-20"), (date(2019, 5, 1), date(2019, 5, 20))),  # days
        (("2012-01-01", "2026-12-31"), (date(2012, 1, 1), date(2026, 12, 31))),  # years
    ]
    for (start, end), (first, last) in cases:
        zoom_and_wait(page, {"xaxis.range": [start, end]}, by_rule(first, last, lang))
    zoom_and_wait(page, {"xaxis.autorange": True}, period)


def test_on_a_phone_a_zoomed_axis_keeps_as_many_ticks_as_fit(page: Page, live_server):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server + "/?lang=es")
    wait_until_drawn(page)
    period = ticks(page)
    first, last = date(2018, 11, 1), date(2019, 10, 31)
    zoom_and_wait(
        page, {"xaxis.range": ["2018-11-01", "2019-10-31"]}, by_rule(first, last, "es", True)
    )
    assert len(ticks(page)[0]) <= 4
    zoom_and_wait(page, {"xaxis.autorange": True}, period)


def test_a_chart_with_its_own_range_keeps_its_ticks_until_zoomed(page: Page, live_server):
    """A figure may set its axis's range (the waitlist chart pads its dates): that is not a
    zoom, and the page shows the figure's own ticks."""
    from dashboard.components.chart_card import drawn
    from dashboard.figures.registry import Filters

    _, figure, _ = drawn("waitlist-by-city", Filters())
    assert figure["layout"]["xaxis"].get("range")  # else this proves nothing
    page.goto(live_server + "/waitlists")
    wait_until_drawn(page)
    shown = card_part(page, "graph", "waitlists", "waitlist-by-city").locator(".js-plotly-plot")
    axis = shown.evaluate("gd => [gd.layout.xaxis.tickvals, gd.layout.xaxis.ticktext]")
    assert axis == [figure["layout"]["xaxis"]["tickvals"], figure["layout"]["xaxis"]["ticktext"]]
