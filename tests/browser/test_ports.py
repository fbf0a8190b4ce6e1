"""/ports in real Chromium: filters change the charts and the URL, a reload restores the view,
the not-comparable note shows, no console errors; screenshots in English and Spanish."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import card, card_part, choose_param, collect_errors, wait_until_drawn
from tests.browser.helpers import chart_title as card_title

pytestmark = pytest.mark.browser

OFFICE_TITLE = "OFO encounters on the southwest border by field office"


def title(page: Page, figure_id: str):
    return card_title(page, "ports", figure_id)


def choose(page: Page, name: str, option: str) -> None:
    choose_param(page, "ports", name, option)


def footer(page: Page, figure_id: str):
    return card(page, "ports", figure_id).locator(".card-footer")


def test_ports_filters_update_charts_url_and_survive_reload(
    page: Page, live_server, screenshot_dir
):
    errors = collect_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/ports")
    expect(title(page, "encounters-by-office")).to_have_text(OFFICE_TITLE)
    expect(title(page, "cbp-one-monthly")).to_have_text(
        "CBP One appointments at southwest border ports, per month"
    )
    expect(title(page, "waitlist-vs-encounters")).to_have_text(
        "Tijuana waitlist beside encounters: San Diego Field Office"
    )
    expect(page.locator("#ports-not-comparable")).to_contain_text("never records turnbacks")
    expect(footer(page, "encounters-by-office")).to_contain_text(
        "Figures from: CBP release of August 2026, “FY23 - FY26 (FYTD) Nationwide Encounters by"
    )
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "ports-en.png", full_page=True)

    choose(page, "component", "Between ports: Border Patrol sectors")
    expect(title(page, "encounters-by-office")).to_have_text(
        "Border Patrol encounters on the southwest border by sector"
    )
    expect(page).to_have_url(re.compile(r"/ports\?component=USBP$"))
    choose(page, "city", "Reynosa")
    expect(title(page, "waitlist-vs-encounters")).to_have_text(
        "Reynosa waitlist beside encounters: Rio Grande Valley Sector"
    )
    choose(
        page,
        "release",
        "OHSS release of December 6, 2024, "
        "“Immigration Enforcement and Legal Processes Monthly Tables (August 2024)”",
    )
    expect(page).to_have_url(
        re.compile(r"/ports\?city=Reynosa&component=USBP&release=ohss-monthly-2024-08$")
    )
    expect(card_part(page, "download", "ports", "cbp-one-monthly", fmt="csv")).to_have_attribute(
        "href", re.compile(r"release=ohss-monthly-2024-08")
    )
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "ports-usbp-reynosa-en.png", full_page=True)

    page.reload()
    expect(title(page, "encounters-by-office")).to_have_text(
        "Border Patrol encounters on the southwest border by sector"
    )
    expect(title(page, "waitlist-vs-encounters")).to_have_text(
        "Reynosa waitlist beside encounters: Rio Grande Valley Sector"
    )
    expect(footer(page, "encounters-by-office")).to_contain_text(
        "Figures from: OHSS release of December 6, 2024, “Immigration Enforcement"
    )
    assert errors == []


def test_ports_in_spanish(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/ports?lang=es&city=Ciudad%20Ju%C3%A1rez&title=Title%208")
    expect(page.locator("h1")).to_have_text(
        "Puertos de entrada: encuentros oficiales y citas de CBP One"
    )
    expect(title(page, "waitlist-vs-encounters")).to_have_text(
        "Lista de espera en Ciudad Juárez junto a los encuentros: Oficina de campo de El Paso"
    )
    expect(page.locator("#ports-fiscal-note")).to_contain_text(
        "Año fiscal 2019 de EE. UU. (1 de octubre de 2018 al 30 de septiembre de 2019)"
    )
    expect(page.locator("#ports-not-comparable")).to_contain_text("No son comparables")
    expect(card(page, "ports", "encounters-by-office").locator(".card-chart")).to_contain_text(
        "Filtro: Título 8"
    )
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "ports-es.png", full_page=True)
    assert errors == []
