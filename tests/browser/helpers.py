"""Helpers shared by the browser tests."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

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


# Each visible chart's drawing (its main SVG) is as wide as the box Dash gives it, that box
# sits inside its card's content box, and every title, axis title, legend entry and note lies
# within the drawing: a chart wider than its card, or a note pushed past its edge, is clipped
# on a phone, and the page's own width (document scrollWidth) does not show it.
CHARTS_MISFIT = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(gd => gd.offsetParent !== null)
    .flatMap(gd => {
        const card = gd.closest('.card') || document.querySelector('main');
        const name = card.id || 'chart';
        const drawn = gd.querySelector('svg.main-svg').getBoundingClientRect();
        const box = gd.parentElement.getBoundingClientRect();
        const style = getComputedStyle(card);
        const outer = card.getBoundingClientRect();
        const left = outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
        const right = outer.right - parseFloat(style.borderRightWidth)
            - parseFloat(style.paddingRight);
        const problems = [];
        if (drawn.left < left - 1 || drawn.right > right + 1
                || Math.abs(drawn.width - box.width) > 1) {
            problems.push(`${name}: drawn ${Math.round(drawn.width)} px wide in a `
                + `${Math.round(box.width)} px box, card content ${Math.round(right - left)} px`);
        }
        gd.querySelectorAll('.gtitle, .g-xtitle, .g-ytitle, .legendtext, .annotation-text')
            .forEach(text => {
                const r = text.getBoundingClientRect();
                if (r.width > 0 && (r.left < drawn.left - 1 || r.right > drawn.right + 1)) {
                    const from = Math.round(r.left - drawn.left);
                    const to = Math.round(r.right - drawn.left);
                    problems.push(`${name}: '${text.textContent.slice(0, 40)}' spans `
                        + `${from} to ${to} px of a ${Math.round(drawn.width)} px drawing`);
                }
            });
        return problems;
    })"""


def charts_misfit(page: Page) -> list[str]:
    """Wait until the page is drawn and every chart and its text fit; if that never happens,
    name what does not fit (an empty list: all fit)."""
    try:
        page.wait_for_function(f"() => ({DRAWN})() && ({CHARTS_MISFIT})().length === 0")
    except PlaywrightTimeoutError:
        pass
    return page.evaluate(CHARTS_MISFIT)


# Idle: the Dash renderer has no callback asked for, queued, in flight or being applied (its
# store's callback lists are empty). A test that lets a held request go waits for this, not a
# clock, before it reads what the page shows.
IDLE = """() => {
    const callbacks = window.store && window.store.getState().callbacks;
    return Boolean(callbacks) && ['requested', 'prioritized', 'blocked', 'executing', 'watched',
        'executed', 'stored'].every(name => callbacks[name].length === 0);
}"""


def wait_until_idle(page: Page) -> None:
    page.wait_for_function(IDLE)
