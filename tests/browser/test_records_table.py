"""Record tables page, sort and filter on the server, in real Chromium: the next page, a sort
by a column, the filter row, and a page filter sending the table back to its first page.
Expected source ids are read from the committed sources CSV (data/raw/curated/sources.csv)."""

from __future__ import annotations

import csv
import re

import pytest
from playwright.sync_api import Page, expect

from etl import paths
from tests.browser.helpers import choose_param, collect_errors, wait_until_drawn

pytestmark = pytest.mark.browser


def curated_source_ids() -> list[str]:
    with open(paths.raw_dir() / "sources.csv", encoding="utf-8") as f:
        return sorted(r["source_id"] for r in csv.DictReader(f))


def first_cell(page: Page, table: str, column: str):
    return page.locator(f'#{table} td[data-dash-column="{column}"]').first


def test_sources_table_pages_sorts_and_filters_on_the_server(page: Page, live_server):
    errors = collect_errors(page)
    ids = curated_source_ids()  # the table lists them by id, 25 a page
    page.goto(live_server + "/sources")
    wait_until_drawn(page)
    source = first_cell(page, "sources-table", "source_id")
    expect(source).to_have_text(ids[0])
    expect(page.locator("#sources-table .page-number")).to_contain_text(str(-(-len(ids) // 25)))

    page.get_by_role("button", name="Next page").click()
    expect(source).to_have_text(ids[25])

    sort = page.locator('#sources-table th[data-dash-column="source_id"] .column-header--sort')
    sort.click()  # ascending: the order it had
    expect(source).to_have_text(ids[25])
    sort.click()  # descending, still on the second page
    expect(source).to_have_text(sorted(ids, reverse=True)[25])

    aclu = [i for i in ids if "aclu" in i]
    box = page.locator('#sources-table th.dash-filter[data-dash-column="source_id"]')
    box = box.get_by_placeholder("filter data…")
    box.fill("aclu")
    box.press("Enter")  # a new filter starts from its first page
    expect(source).to_have_text(sorted(aclu, reverse=True)[0])
    expect(page.locator('#sources-table td[data-dash-column="source_id"]')).to_have_count(len(aclu))
    assert errors == []


def test_a_page_filter_sends_the_table_back_to_its_first_page(page: Page, live_server):
    errors = collect_errors(page)
    page.goto(live_server + "/waitlists")
    wait_until_drawn(page)
    pager = page.locator("#waitlists-table input.current-page")
    page.get_by_role("button", name="Next page").click()
    expect(pager).to_have_attribute("placeholder", "2")
    choose_param(page, "waitlists", "city", "Tijuana")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/waitlists\?city=Tijuana$"))
    expect(pager).to_have_attribute("placeholder", "1")
    cities = page.locator('#waitlists-table td[data-dash-column="city"]')
    expect(cities.first).to_have_text("Tijuana")
    assert set(cities.all_inner_texts()) == {"Tijuana"}
    assert errors == []
