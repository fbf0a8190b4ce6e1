"""A reader who types fast never loses what they typed: an answer the server sends for an
older value of the filters never replaces the answer for the newer one, whatever order the
two arrive in.

Dash drops an older call of a callback when the same callback is asked again, but only for a
callback whose outputs are each one component: dash-renderer 4.4 counts an output that names
many components (an `ALL` pattern) as "pruned" on every pass and puts the older call back, so
both answers are applied in the order they arrive (components/filters.py and chart_card.py
say how the app avoids such outputs in server callbacks).

Each test holds the older call in the browser (Playwright's request routing) until the newer
one is shown, then lets it go and waits until Dash has nothing in flight: no clock. The count
of Tijuana's May 2019 waitlist counts is read from the curated CSV with the csv module.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from etl import paths
from tests.browser.helpers import card_part, chart_title, param, wait_until_drawn, wait_until_idle

pytestmark = pytest.mark.browser

PAGE, FIGURE = "waitlists", "waitlist-by-city"
START, END = "2019-05-01", "2019-05-31"
BOTH = f"city=Tijuana&start={START}&end={END}"


def tijuana_may_2019_counts() -> int:
    """By hand from the curated CSV: Tijuana's counts dated in May 2019."""
    with open(paths.raw_dir() / "waitlist_snapshots.csv", newline="", encoding="utf-8") as f:
        return sum(
            1
            for r in csv.DictReader(f)
            if r["city"] == "Tijuana" and START <= r["as_of_date"][:10] <= END
        )


def body(route: Route) -> dict:
    return json.loads(route.request.post_data or "{}")


def is_card_chart_for_start_only(route: Route) -> bool:
    """The card's chart callback asked for the filters with the start date but no end."""
    answer = body(route)
    stores = [i.get("value") for i in answer.get("inputs", []) if isinstance(i, dict)]
    return "card-graph" in answer.get("output", "") and stores == [f"?city=Tijuana&start={START}"]


def is_page_callback_for_start_only(route: Route) -> bool:
    """The page's filter callback asked with the start date typed and the end not yet."""
    answer = body(route)
    controls = (answer.get("inputs") or [[]])[0]
    if f"{PAGE}-url.search" not in answer.get("output", "") or not isinstance(controls, list):
        return False
    values = {c["id"]["name"]: c.get("value") for c in controls}
    return values.get("start") == START and not values.get("end")


def hold_first(page: Page, wanted: Callable[[Route], bool]) -> list[Route]:
    """Route callback requests through the test: the first one `wanted` is held (not sent)
    until the test lets it go; every other request goes on at once."""
    held: list[Route] = []

    def route(request_route: Route) -> None:
        if not held and wanted(request_route):
            held.append(request_route)
        else:
            request_route.continue_()

    page.route("**/_dash-update-component*", route)
    return held


def let_go(page: Page, held: list[Route]) -> None:
    """Send the held request, wait for its answer to come back, then until Dash has applied
    (or dropped) it and has nothing else in flight."""
    assert len(held) == 1, "the older request was never sent"
    with page.expect_response(lambda r: r.request == held[0].request) as answered:
        held[0].continue_()
    answered.value.finished()
    wait_until_idle(page)


def shows_both_dates(page: Page) -> None:
    expect(page).to_have_url(re.compile(rf"/{PAGE}\?{BOTH}$"))
    expect(param(page, PAGE, "start")).to_have_value(START)
    expect(param(page, PAGE, "end")).to_have_value(END)
    expect(card_part(page, "link", PAGE, FIGURE)).to_have_value(re.compile(rf"\?{BOTH}$"))
    for fmt in ("csv", "png", "svg", "pdf"):
        download = card_part(page, "download", PAGE, FIGURE, fmt=fmt)
        expect(download).to_have_attribute("href", f"/download/{FIGURE}.{fmt}?{BOTH}")
    expect(card_part(page, "summary", PAGE, FIGURE)).to_contain_text(
        f"{tijuana_may_2019_counts()} counts for Tijuana"
    )
    expect(chart_title(page, PAGE, FIGURE)).to_have_text("Asylum waitlist in Tijuana")


def test_an_older_chart_answer_arriving_last_is_not_shown(page: Page, live_server):
    """The card's answer for (city, start) comes back after its answer for (city, start,
    end): the card keeps showing, linking and downloading the newer view."""
    page.goto(live_server + f"/{PAGE}?city=Tijuana")
    wait_until_drawn(page)
    held = hold_first(page, is_card_chart_for_start_only)
    param(page, PAGE, "start").fill(START)
    expect(page).to_have_url(re.compile(f"start={START}$"))
    param(page, PAGE, "end").fill(END)
    expect(card_part(page, "link", PAGE, FIGURE)).to_have_value(re.compile(rf"\?{BOTH}$"))
    let_go(page, held)
    shows_both_dates(page)


def test_dates_typed_without_a_pause_both_stay(page: Page, live_server):
    """The end date is typed while the page's answer for the start date is still out, and
    that older answer comes back last: the URL, the card and the inputs keep both dates."""
    page.goto(live_server + f"/{PAGE}?city=Tijuana")
    wait_until_drawn(page)
    held = hold_first(page, is_page_callback_for_start_only)
    param(page, PAGE, "start").fill(START)
    param(page, PAGE, "end").fill(END)  # no wait: the first answer has not come back
    expect(page).to_have_url(re.compile(rf"\?{BOTH}$"))
    expect(card_part(page, "link", PAGE, FIGURE)).to_have_value(re.compile(rf"\?{BOTH}$"))
    let_go(page, held)
    shows_both_dates(page)
