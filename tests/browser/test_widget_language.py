"""The widgets Dash and the browser draw themselves speak the page's language: the table
filter's placeholder and case toggle, and the date inputs, whose value the browser shows in
its own language and order (07/15/2019 in an English browser), written out beside them.
The expected words are the glossary's date format, written here by hand."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import collect_errors, param, wait_until_drawn

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "placeholder", "case_toggle"),
    [
        ("en", "filter data…", "Match upper and lower case when filtering"),
        ("es", "filtrar datos…", "Distinguir mayúsculas y minúsculas al filtrar"),
    ],
)
def test_table_filter_speaks_the_page_language(
    page: Page, live_server, lang, placeholder, case_toggle
):
    errors = collect_errors(page)
    page.goto(live_server + "/sources" + ("?lang=es" if lang == "es" else ""))
    wait_until_drawn(page)
    filters = page.locator(".dash-filter input[type='text']")
    expect(filters.first).to_have_attribute("placeholder", placeholder)
    assert set(filters.evaluate_all("inputs => inputs.map(i => i.placeholder)")) == {placeholder}
    expect(page.locator(".dash-filter--case").first).to_have_attribute("title", case_toggle)
    assert errors == []


@pytest.mark.parametrize(
    ("lang", "start_words", "end_words", "no_date"),
    [
        ("en", "January 1, 2018", "July 15, 2019", "no date chosen"),
        ("es", "1 de enero de 2018", "15 de julio de 2019", "sin fecha elegida"),
    ],
)
def test_dates_are_written_out_in_the_page_language(
    page: Page, live_server, lang, start_words, end_words, no_date
):
    errors = collect_errors(page)
    query = "start=2018-01-01" + ("&lang=es" if lang == "es" else "")
    page.goto(live_server + "/waitlists?" + query)
    wait_until_drawn(page)
    start = param(page, "waitlists", "start")
    end = param(page, "waitlists", "end")
    start_words_el = page.locator("#" + start.get_attribute("aria-describedby"))
    expect(start_words_el).to_have_text(start_words)

    end.fill("2019-07-15")
    expect(page).to_have_url(re.compile(r"end=2019-07-15"))
    end_words_el = page.locator("#" + end.get_attribute("aria-describedby"))
    expect(end_words_el).to_have_text(end_words)
    end.fill("")
    # the browser's hint (mm/dd/yyyy in its own language) is not what the page says
    expect(end_words_el).to_have_text(no_date)
    expect(end).to_have_attribute("data-empty", "")
    assert errors == []
