"""Both pages in real Chromium: load, change the city filter, read the chart title, no errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import chart_title, choose_param, collect_errors, wait_until_drawn

pytestmark = pytest.mark.browser


def test_overview_shows_headline_and_border_total(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/")
    expect(chart_title(page, "overview", "waitlist-border-total")).to_have_text(
        "Asylum seekers on waitlists along the U.S.–Mexico border"
    )
    expect(page.locator("#overview-tile-peak .tile-value")).not_to_be_empty()
    expect(page.locator(".limits")).to_contain_text("no port field")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "overview-en.png", full_page=True)
    assert errors == []


def test_waitlists_city_filter_updates_chart_and_url(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/waitlists")
    title = chart_title(page, "waitlists", "waitlist-by-city")
    expect(title).to_have_text("Asylum waitlists by Mexican border city")
    choose_param(page, "waitlists", "city", "Tijuana")
    page.keyboard.press("Escape")
    expect(title).to_have_text("Asylum waitlist in Tijuana")
    expect(page).to_have_url(re.compile(r"/waitlists\?city=Tijuana$"))
    expect(page.locator("#waitlists-table")).to_contain_text("Tijuana")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "waitlists-tijuana-en.png", full_page=True)

    page.reload()
    expect(title).to_have_text("Asylum waitlist in Tijuana")
    assert errors == []


def test_spanish_pages(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/waitlists?lang=es&city=Ciudad%20Ju%C3%A1rez")
    expect(chart_title(page, "waitlists", "waitlist-by-city")).to_have_text(
        "Lista de espera de asilo en Ciudad Juárez"
    )
    expect(page.locator("h1")).to_have_text("Listas de espera por ciudad")
    expect(page).to_have_title("Listas de espera · Registro del metering y los rechazos")
    expect(page.locator("#waitlists-table")).to_contain_text(" de 2019")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "waitlists-juarez-es.png", full_page=True)
    page.goto(live_server + "/?lang=es")
    expect(page.locator(".limits h2")).to_have_text("Lo que estos datos no pueden mostrar")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "overview-es.png", full_page=True)
    assert errors == []


def test_sources_and_turnbacks_pages(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/sources")
    expect(page.locator("#sources-card-waitlist_snapshots h3")).to_have_text(
        "Asylum waitlists in Mexican border cities"
    )
    expect(page.locator("#sources-table")).to_contain_text("Rows cited")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "sources-en.png", full_page=True)
    page.goto(live_server + "/turnbacks?lang=es&city=Tijuana")
    expect(chart_title(page, "turnbacks", "turnbacks-by-tactic")).to_have_text(
        "Rechazos documentados por táctica"
    )
    expect(page.locator("#turnbacks-table")).to_contain_text("Tijuana")
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "turnbacks-tijuana-es.png", full_page=True)
    assert errors == []


def test_overview_draws_every_city_count(page: Page, live_server, marts_con):
    page.goto(live_server + "/")
    title = chart_title(page, "overview", "waitlist-by-city")
    expect(title).to_have_text("Asylum waitlists by Mexican border city")
    points = page.locator("#overview-waitlist-by-city-card .card-chart .scatterlayer .point")
    expected = marts_con.execute(
        "select count(*) from marts.waitlist_snapshots where people_waiting is not null"
    ).fetchone()[0]
    expect(points).to_have_count(expected)
