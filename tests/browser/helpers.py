"""Helpers shared by the browser tests."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

# Wait for state, not for a clock: on a busy machine (load 10+ on 2 cores) a page can take
# well over the default 5 s to draw; a generous ceiling only matters when something is wrong.
expect.set_options(timeout=45_000)


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


def pattern_id(**parts: str) -> str:
    """A CSS selector for a Dash pattern-matching id (Dash writes it as sorted, compact JSON)."""
    return "[id='" + json.dumps(parts, sort_keys=True, separators=(",", ":")) + "']"


def card(page: Page, prefix: str, figure_id: str) -> Locator:
    return page.locator(f"#{prefix}-{figure_id}-card")


def chart_title(page: Page, prefix: str, figure_id: str) -> Locator:
    return card(page, prefix, figure_id).locator(".card-chart .gtitle")


def card_part(page: Page, kind: str, prefix: str, figure_id: str, **more: str) -> Locator:
    return page.locator(pattern_id(type=f"card-{kind}", page=prefix, figure=figure_id, **more))


def param(page: Page, prefix: str, name: str) -> Locator:
    """A page's filter control for one URL parameter."""
    return page.locator(pattern_id(type="param", page=prefix, name=name))


def choose_param(page: Page, prefix: str, name: str, option: str) -> None:
    """Pick an option of a page's filter dropdown by its visible name."""
    param(page, prefix, name).click()
    page.get_by_role("option", name=option, exact=True).click()


# Drawn: Dash has no callback in flight, no card is still busy (each card's chart arrives
# from its own callback: components/chart_card.py), every chart has its SVG and its own figure
# (not the empty one a card's shell shows first), every table its grid, and each chart has
# its phone or desktop layout (assets/accessibility.js, below 640 px) unless its tab is hidden.
DRAWN = """() => document.querySelector('main h1') !== null
    && document.querySelector('[data-dash-is-loading="true"]') === null
    && document.querySelector('[aria-busy="true"]') === null
    && Array.from(document.querySelectorAll('.dash-graph')).every(g => g.querySelector('.main-svg'))
    && Array.from(document.querySelectorAll('.js-plotly-plot'))
        .every(g => !(g.layout && g.layout.meta && g.layout.meta.placeholder))
    && Array.from(document.querySelectorAll('.dash-table-container'))
        .every(t => t.querySelector('table'))
    && Array.from(document.querySelectorAll('.js-plotly-plot'))
        .every(g => !(g.layout && g.layout.meta && g.layout.meta.narrow)
            || g.offsetWidth === 0 || g._isNarrow === (g.offsetWidth < 640))"""


def wait_until_drawn(page: Page) -> None:
    """Wait for the page's state, however slow the machine, never for a fixed time."""
    page.wait_for_function(DRAWN)
