"""Every page, in both languages, at a desktop (1,400 px) and a phone (360 px) width:
no serious or critical axe-core (WCAG 2 A and AA) violation, no sideways scroll, the page's
language in <html lang>, every chart as wide as its box and inside its card (also after the
window is resized to the other width and back, as when a phone is turned), and a screenshot
in screenshots/ to look at.

axe-core comes from the axe-playwright-python package (it bundles axe.min.js), so the test
needs no network.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.helpers import charts_misfit, collect_errors, param, wait_until_drawn

pytestmark = pytest.mark.browser

PAGES = ("/", "/waitlists", "/ports", "/policy", "/turnbacks", "/sources", "/exhibits")
WIDTHS = (1400, 360)
OTHER_WIDTH = {1400: 360, 360: 1400}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ("en", "es"))
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_fits_the_screen(
    page: Page, live_server, screenshot_dir, axe, path, lang, width
):
    errors = collect_errors(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + path + ("?lang=es" if lang == "es" else ""))
    wait_until_drawn(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # one h1 per page, the page's own: a document shown inside it (the declaration on
    # /exhibits) starts at h2, so the heading outline a screen reader lists stays true
    expect(page.locator("h1")).to_have_count(1)

    assert serious(axe.run(page, options=AXE_OPTIONS)) == []
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"{path} scrolls sideways by {page_width - width} px"
    name = (path.strip("/") or "overview") + f"-{lang}-{width}.png"
    page.screenshot(path=screenshot_dir / name, full_page=True)
    # catalogue emphasis (*metering*) and markdown escapes (\&) are drawn, never shown as typed
    typed = re.findall(r"\*[^*\n]{1,40}\*|\\[&<>\[\]`]", page.inner_text("main"))
    assert typed == [], f"{path}: markup shown as text"
    assert charts_misfit(page) == [], f"{path} at {width} px"
    for resized in (OTHER_WIDTH[width], width):
        page.set_viewport_size({"width": resized, "height": 900})
        assert charts_misfit(page) == [], f"{path} drawn at {width} px, resized to {resized} px"
    assert errors == []


def test_dropdown_and_pager_work_from_the_keyboard(page: Page, live_server):
    page.goto(live_server + "/waitlists")
    wait_until_drawn(page)
    city = param(page, "waitlists", "city")
    city.focus()
    expect(city).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("option", name="Tijuana", exact=True).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/waitlists\?city=Tijuana$"))

    next_page = page.get_by_role("button", name="Next page")
    expect(next_page).to_be_visible()
    page.goto(live_server + "/sources?lang=es")
    wait_until_drawn(page)
    expect(page.get_by_role("button", name="Página siguiente")).to_be_visible()
