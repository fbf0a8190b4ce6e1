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
