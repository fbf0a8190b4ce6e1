"""Helpers shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page


def collect_errors(page: Page) -> list[str]:
    """Console errors and uncaught page errors, collected while the test runs."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def choose(page: Page, dropdown_id: str, option: str) -> None:
    """Pick an option of a dcc.Dropdown by its visible name."""
    page.locator(f"#{dropdown_id}").click()
    page.get_by_role("option", name=option, exact=True).click()


# Drawn: Dash has no callback in flight, every chart has its SVG and every table its grid,
# and each chart has its phone or desktop layout (assets/accessibility.js, below 640 px).
DRAWN = """() => document.querySelector('main h1') !== null
    && document.querySelector('[data-dash-is-loading="true"]') === null
    && Array.from(document.querySelectorAll('.dash-graph')).every(g => g.querySelector('.main-svg'))
    && Array.from(document.querySelectorAll('.dash-table-container'))
        .every(t => t.querySelector('table'))
    && Array.from(document.querySelectorAll('.js-plotly-plot'))
        .every(g => !(g.layout && g.layout.meta && g.layout.meta.narrow)
            || g._isNarrow === (g.offsetWidth < 640))"""


def wait_until_drawn(page: Page) -> None:
    """Wait for the page's state, however slow the machine, never for a fixed time."""
    page.wait_for_function(DRAWN)
