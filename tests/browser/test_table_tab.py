"""A card's table tab asks the server for its page of rows only when it is shown: opening a
page, or changing its filters while the tab is hidden, sends no table request; showing the
tab sends one, and its rows are those of the filters in force.

Requests are counted from the browser's own traffic (Playwright's request events); the row
count is read from the built marts with SQL (a second implementation, not the app's code).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.helpers import card, card_part, choose_param, wait_until_drawn, wait_until_idle

pytestmark = pytest.mark.browser

PAGE, FIGURE = "waitlists", "waitlist-by-city"


def table_requests(page: Page) -> list[dict]:
    """The card-table callback requests the page sends from now on (their bodies)."""
    sent: list[dict] = []

    def seen(request: Request) -> None:
        if "/_dash-update-component" in request.url:
            body = json.loads(request.post_data or "{}")
            if '"type":"card-table"' in body.get("output", ""):
                sent.append(body)

    page.on("request", seen)
    return sent


def test_a_hidden_table_sends_no_request_until_its_tab_is_shown(page: Page, live_server, marts_con):
    sent = table_requests(page)
    page.goto(live_server + f"/{PAGE}")
    wait_until_drawn(page)
    wait_until_idle(page)
    assert sent == []  # the page's load asked for no table

    choose_param(page, PAGE, "city", "Tijuana")  # a filter change while the tab is hidden
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"city=Tijuana$"))
    wait_until_drawn(page)
    wait_until_idle(page)
    assert sent == []

    card(page, PAGE, FIGURE).get_by_role("tab", name="Table").click()
    table = card_part(page, "table", PAGE, FIGURE)
    tijuana = marts_con.execute(
        "select count(*) from marts.waitlist_snapshots where city = 'Tijuana'"
    ).fetchone()[0]
    expect(table.locator("tbody tr:has(td)")).to_have_count(min(tijuana, 15))
    expect(table.locator("td[data-dash-column='city']").first).to_have_text("Tijuana")
    wait_until_idle(page)
    assert len(sent) == 1  # one page, for the filters in force

    card(page, PAGE, FIGURE).get_by_role("tab", name="Chart").click()
    card(page, PAGE, FIGURE).get_by_role("tab", name="Table").click()
    expect(table.locator("tbody tr:has(td)")).to_have_count(min(tijuana, 15))
    wait_until_idle(page)
    assert len(sent) == 1  # shown again with the same filters: nothing asked again
