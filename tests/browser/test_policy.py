"""/policy in real Chromium: pick an event and a series, the chart, table and URL follow,
a reload reopens the same view, Spanish renders, and the console stays clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    card_part,
    chart_title,
    choose_param,
    collect_errors,
    param,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser


def test_choosing_event_and_series_updates_chart_table_and_url(
    page: Page, live_server, screenshot_dir
):
    errors = collect_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/policy")
    title = chart_title(page, "policy", "policy-its")
    table = page.locator("#policy-effects")
    expect(title).to_have_text(
        "OFO encounters, southwest border: before and after “Title 42 expires”"
    )
    expect(page).to_have_url(re.compile(r"/policy$"))
    # +16,812 (12,863 to 20,761): the model on CBP's own monthly figures, as issue 10 computed
    # it; tests/dashboard/test_policy_page.py recomputes it with statsmodels from the raw file
    summary = card_part(page, "summary", "policy", "policy-its")
    expect(summary).to_contain_text(
        re.compile(r"^Verdict: clear change\. Level change at the event date: \+16,812 encounters")
    )
    expect(summary).to_contain_text("Model-based 95% CI (Newey–West; likely too narrow): 12,863")
    expect(table).to_contain_text("+16,812 encounters")
    expect(table).to_contain_text("12,863 to 20,761")

    choose_param(
        page, "policy", "event", "Title 42 order halts asylum processing at ports — March 20, 2020"
    )
    # the event's round trip ends (URL written) before the next choice: a choice made while the
    # filter callback is still answering the previous one could be overwritten by its answer
    expect(page).to_have_url(re.compile(r"event=title42_order"))
    choose_param(page, "policy", "series", "Border Patrol encounters, southwest border")
    expect(title).to_have_text(
        "Border Patrol encounters, southwest border: before and after "
        "“Title 42 order halts asylum processing at ports”"
    )
    expect(page).to_have_url(
        re.compile(r"/policy\?event=title42_order&series=usbp_sw_total&window=12$")
    )
    expect(table).not_to_contain_text("12,863")
    expect(card_part(page, "download", "policy", "policy-its", fmt="csv")).to_have_attribute(
        "href", re.compile(r"event=title42_order&series=usbp_sw_total")
    )
    param(page, "policy", "window").get_by_text("6 months").click()
    expect(page).to_have_url(re.compile(r"window=6$"))
    expect(page.locator("#policy-table-title")).to_contain_text("6-month window")
    wait_until_drawn(page)  # the card redraws from its own callback, after the table
    summary = card_part(page, "summary", "policy", "policy-its").inner_text()
    table_text = table.inner_text()
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "policy-title42-order-en.png", full_page=True)

    page.reload()
    expect(title).to_have_text(re.compile(r"^Border Patrol encounters.*Title 42 order"))
    expect(card_part(page, "summary", "policy", "policy-its")).to_have_text(summary)
    assert table.inner_text() == table_text
    expect(param(page, "policy", "window").locator("input:checked")).to_have_value("6")
    expect(chart_title(page, "policy", "timeline")).to_have_text(
        "Policy, court and operational events, 2016–2025"
    )
    assert errors == []


def test_spanish_policy_page_and_refused_rows(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/policy?lang=es&event=title42_ends&series=ofo_sw_total&window=12")
    expect(page.locator("h1")).to_have_text(
        "Fechas de políticas y lo que cambió alrededor de ellas"
    )
    expect(chart_title(page, "policy", "policy-its")).to_have_text(
        "Encuentros de la OFO, frontera suroeste: antes y después de "
        "«Termina la vigencia del Título 42»"
    )
    expect(card_part(page, "summary", "policy", "policy-its")).to_contain_text(
        "Veredicto: cambio claro. Cambio de nivel en la fecha del hecho: +16,812 encuentros"
    )
    expect(page.locator("#policy-effects")).to_contain_text("No estimado: muy pocos puntos")
    expect(page.locator("#policy-methods")).to_contain_text("Subcobertura medida")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "policy-title42-ends-es.png", full_page=True)
    assert errors == []
