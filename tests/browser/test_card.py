"""The chart card in real Chromium: the questions of issue 13, each in at most three clicks
(typing a date is not a click), the link that reopens a view, the embed route, the table tab
paged by the server, the language switch keeping filters, and "not found" for a bad value.

Expected values come from the committed curated CSV and official files, read here with the
csv module (a second implementation), never from the app's own output.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from etl import paths
from tests.browser.helpers import (
    card,
    card_part,
    chart_title,
    choose_param,
    collect_errors,
    param,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser


def curated_turnbacks() -> list[dict]:
    with open(paths.raw_dir() / "turnback_reports.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def overlaps_2018(row: dict) -> bool:
    """A record's dates are as precise as its source (2018, 2018-05 or 2018-05-03): its
    period runs from the first to the last day it can mean."""
    start = row.get("period_start") or row.get("incident_date")
    end = row.get("period_end") or row.get("incident_date") or start
    if not start:
        return False
    first = start + "-01-01"[len(start) - 4 :] if len(start) < 10 else start
    last = end + "-12-31"[len(end) - 4 :] if len(end) < 10 else end
    return first <= "2018-12-31" and last >= "2018-01-01"


def test_san_ysidro_turnbacks_in_2018_by_tactic(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/turnbacks")
    expect(chart_title(page, "turnbacks", "turnbacks-by-tactic")).to_be_visible()
    choose_param(page, "turnbacks", "port", "San Ysidro")  # clicks 1 and 2
    expect(page).to_have_url(re.compile(r"port=San\+Ysidro"))
    for name, value in (("start", "2018-01-01"), ("end", "2018-12-31")):
        param(page, "turnbacks", name).fill(value)  # typed, not clicked
        expect(page).to_have_url(re.compile(f"{name}={value}"))
    expect(page).to_have_url(re.compile(r"start=2018-01-01&end=2018-12-31&port=San\+Ysidro$"))

    # By hand from the curated CSV: CBP turnback records (incidents and aggregate reports, the
    # page's record types; a record of other officials is listed, never counted) naming San
    # Ysidro whose period touches 2018.
    rows = [
        r
        for r in curated_turnbacks()
        if "San Ysidro" in r["us_ports"].split("|")
        and overlaps_2018(r)
        and r["record_type"] in ("incident", "aggregate")
    ]
    tactics = Counter(t for r in rows for t in r["tactics"].split("|") if t)
    card_tb = card(page, "turnbacks", "turnbacks-by-tactic")
    summary = card_part(page, "summary", "turnbacks", "turnbacks-by-tactic")
    expect(summary).to_contain_text(f"{len(rows)} records in this selection")
    chart = card_tb.locator(".card-chart")
    expect(chart.locator(".ytick")).to_have_count(len(tactics))
    card_tb.get_by_role("tab", name="Table").click()  # click 3: the counts behind the bars
    table = card_part(page, "table", "turnbacks", "turnbacks-by-tactic")
    for tactic in tactics:
        expect(table).to_contain_text(tactic)
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "card-san-ysidro-2018-en.png", full_page=True)
    assert errors == []


def published_fy2024_totals(marts_con) -> dict[str, int]:
    """OHSS's own FY2024 "Total" row per OFO field office (the sheet's fiscal-year line, as
    parsed from the workbook into raw.*), not the app's sum of months."""
    rows = marts_con.execute(
        "select series, value from raw.ohss_monthly__swb_sector_field_office "
        "where row_kind = 'fy_total' and fiscal_year = 2024 and series_group = 'OFO' "
        "and series <> 'Total OFO'"
    ).fetchall()
    return {f"{name.split(',')[0]} Field Office": value for name, value in rows}


def test_ports_by_fy2024_volume(page: Page, live_server, screenshot_dir, marts_con):
    errors = collect_errors(page)
    page.goto(live_server + "/ports")
    expect(chart_title(page, "ports", "encounters-by-office")).to_be_visible()
    choose_param(page, "ports", "fy", "FY2024 (Oct 2023 – Sep 2024)")  # clicks 1 and 2
    expect(page).to_have_url(re.compile(r"/ports\?fy=2024$"))
    expect(param(page, "ports", "start")).to_be_disabled()  # the fiscal year sets the period
    wait_until_drawn(page)  # each card and its map redraw from their own callbacks
    office = card(page, "ports", "encounters-by-office")
    office.get_by_role("tab", name="Map").click()  # click 3
    ranking = card_part(page, "map-summary", "ports", "encounters-by-office")
    expect(ranking).to_contain_text("largest first: 1. ")
    expect(office.locator(".card-map .gtitle")).to_have_text(
        "OFO encounters by field office, drawn over the office's ports"
    )
    text = ranking.inner_text()
    shown = {
        office: int(n.replace(",", ""))
        for office, n in re.findall(r"\d\. ([A-Za-z ]+ Field Office): ([\d,]+)", text)
    }
    published = published_fy2024_totals(marts_con)
    assert list(shown) == sorted(published, key=published.get, reverse=True)
    # The app adds 11 monthly figures that OHSS rounds to the nearest 10 (Oct 2023 – Aug
    # 2024): each sum may differ from the published total by at most 11 × 5.
    assert all(abs(shown[office] - published[office]) <= 55 for office in published)
    expect(office.locator(".card-map .gtitle")).to_be_visible()
    assert "San Ysidro" in text and "(ports " in text
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "card-ports-fy2024-map-en.png", full_page=True)
    assert errors == []


def test_tijuana_in_may_2019_shared_and_embedded(page: Page, live_server, screenshot_dir):
    errors = collect_errors(page)
    page.goto(live_server + "/waitlists")
    title = chart_title(page, "waitlists", "waitlist-by-city")
    expect(title).to_have_text("Asylum waitlists by Mexican border city")
    choose_param(page, "waitlists", "city", "Tijuana")  # clicks 1 and 2
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"city=Tijuana"))
    for name, value in (("start", "2019-05-01"), ("end", "2019-05-31")):
        param(page, "waitlists", name).fill(value)  # typed, not clicked
        expect(page).to_have_url(re.compile(f"{name}={value}"))
    expect(title).to_have_text("Asylum waitlist in Tijuana")
    link = card_part(page, "link", "waitlists", "waitlist-by-city")
    expect(link).to_have_value(
        re.compile(r"/waitlists\?city=Tijuana&start=2019-05-01&end=2019-05-31$")
    )
    # By hand from the curated CSV: Tijuana's counts dated in May 2019.
    with open(paths.raw_dir() / "waitlist_snapshots.csv", newline="", encoding="utf-8") as f:
        may = [
            r
            for r in csv.DictReader(f)
            if r["city"] == "Tijuana" and "2019-05-01" <= r["as_of_date"][:10] <= "2019-05-31"
        ]
    summary = card_part(page, "summary", "waitlists", "waitlist-by-city")
    expect(summary).to_contain_text(f"{len(may)} counts for Tijuana")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    card_part(page, "copy-link", "waitlists", "waitlist-by-city").click()  # click 3
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == link.input_value()

    # The copied link reopens the same view: same filters in the controls, same summary.
    shared = page.context.new_page()
    shared.goto(copied)
    expect(chart_title(shared, "waitlists", "waitlist-by-city")).to_have_text(
        "Asylum waitlist in Tijuana"
    )
    expect(param(shared, "waitlists", "start")).to_have_value("2019-05-01")
    expect(card_part(shared, "summary", "waitlists", "waitlist-by-city")).to_have_text(
        summary.inner_text()
    )

    # Embedded: the iframe's address renders the chart alone, with the same filters.
    code = card_part(page, "embed", "waitlists", "waitlist-by-city").input_value()
    src = re.search(r'src="([^"]+)"', code).group(1).replace("&amp;", "&")
    assert src.endswith("/embed/waitlist-by-city?city=Tijuana&start=2019-05-01&end=2019-05-31")
    embed = page.context.new_page()
    embed.set_content(code)
    frame = embed.frame_locator("iframe")
    expect(frame.locator(".gtitle")).to_have_text("Asylum waitlist in Tijuana")
    expect(frame.locator("header, nav, .filters")).to_have_count(0)
    embed.goto(src)
    expect(embed.locator(".gtitle")).to_have_text("Asylum waitlist in Tijuana")
    embed.screenshot(path=screenshot_dir / "card-embed-tijuana-may-2019.png", full_page=True)
    wait_until_drawn(page)
    page.screenshot(path=screenshot_dir / "card-tijuana-may-2019-en.png", full_page=True)
    assert errors == []


def test_language_switch_keeps_every_filter(page: Page, live_server):
    page.goto(live_server + "/turnbacks?city=Tijuana&start=2018-01-01&port=San%20Ysidro")
    switch = page.locator("#lang-switch")
    every = (
        r"^/turnbacks\?(?=.*lang=es)(?=.*city=Tijuana)(?=.*start=2018-01-01)(?=.*port=San\+Ysidro)"
    )
    expect(switch).to_have_attribute("href", re.compile(every))
    expect(chart_title(page, "turnbacks", "turnbacks-by-tactic")).to_be_visible()
    choose_param(page, "turnbacks", "record_type", "incident")
    expect(switch).to_have_attribute("href", re.compile(every + r"(?=.*record_type=incident)"))
    switch.click()
    expect(page.locator("h1")).to_have_text("Rechazos documentados en los puertos de entrada")
    expect(param(page, "turnbacks", "start")).to_have_value("2018-01-01")
    expect(page).to_have_url(re.compile(r"lang=es.*record_type=incident"))
    expect(page.locator("#lang-switch")).not_to_have_attribute("href", re.compile("lang="))


def test_unknown_value_is_named_not_dropped(page: Page, live_server):
    page.goto(live_server + "/waitlists?city=Tijuanaa&lang=es")
    expect(page.locator("#waitlists-notice")).to_have_text(
        "No se encontró: city=Tijuanaa. La vista de abajo no los incluye."
    )
    page.goto(live_server + "/turnbacks?port=Atlantis")
    expect(page.locator("#turnbacks-notice")).to_contain_text("Not found: port=Atlantis")


def test_table_tab_is_paged_and_sorted_by_the_server(page: Page, live_server, marts_con):
    page.goto(live_server + "/waitlists")
    waitlists = card(page, "waitlists", "waitlist-by-city")
    expect(waitlists.locator(".card-chart .gtitle")).to_be_visible()
    waitlists.get_by_role("tab", name="Table").click()
    table = card_part(page, "table", "waitlists", "waitlist-by-city")
    rows = marts_con.execute("select count(*) from marts.waitlist_snapshots").fetchone()[0]
    expect(table.locator("tbody tr:has(td)")).to_have_count(15)  # one page, not all rows
    expect(table.locator(".page-number")).to_contain_text(str(-(-rows // 15)))
    table.locator("th[data-dash-column='as_of_date'] .column-header--sort").click()
    first = marts_con.execute("select min(as_of_date) from marts.waitlist_snapshots").fetchone()
    expect(table.locator("td[data-dash-column='as_of_date']").first).to_have_text(
        date.isoformat(first[0])
    )
