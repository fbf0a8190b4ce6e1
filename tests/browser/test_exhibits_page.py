"""/exhibits in real Chromium: a declaration for a city and period, in Spanish, downloadable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import collect_errors

pytestmark = pytest.mark.browser


def test_declaration_follows_the_city_and_downloads(
    page: Page, live_server, screenshot_dir, tmp_path
):
    errors = collect_errors(page)
    page.goto(live_server + "/exhibits?lang=es&city=Tijuana&start=2019-01-01&end=2019-07-15")
    text = page.locator("#exhibits-declaration")
    expect(text).to_contain_text("Listas de espera de asilo y metering en Tijuana")
    expect(text).to_contain_text("alrededor de 4,800 personas")
    expect(text).to_contain_text("del 1 de enero de 2019 al 15 de julio de 2019")
    # the declaration's title is a heading inside the page, under the page's one h1
    expect(page.locator("h1")).to_have_count(1)
    expect(text.locator("h2").first).to_contain_text("Listas de espera de asilo")
    page.screenshot(path=screenshot_dir / "exhibits-tijuana-es.png", full_page=True)

    page.locator("#exhibits-city").click()
    page.get_by_role("option", name="Ciudad Juárez", exact=True).click()
    expect(text).to_contain_text("en Ciudad Juárez")
    expect(page).to_have_url(re.compile(r"city=Ciudad(\+|%20)Ju%C3%A1rez"))

    with page.expect_download() as info:
        page.locator("#exhibits-doc-docx").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".docx" and target.read_bytes()[:2] == b"PK"
    assert errors == []


def test_declaration_shows_the_project_name_without_escapes(page: Page, live_server):
    # Dash's Markdown shows a backslash escape such as "\&" as typed
    page.goto(live_server + "/exhibits?lang=es")
    declaration = page.locator("#exhibits-declaration")
    expect(declaration).to_contain_text("Metering & Turnback Record")
    assert "\\" not in declaration.inner_text()
