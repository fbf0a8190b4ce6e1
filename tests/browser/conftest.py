"""Browser tests wait for state, and on a busy machine state can take a while: the default
waits are raised from Playwright's 5 s so that a slow page fails only when it never arrives."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

STATE_TIMEOUT_MS = 60_000

expect.set_options(timeout=STATE_TIMEOUT_MS)


@pytest.fixture(autouse=True)
def _patient_page(page):
    page.set_default_timeout(STATE_TIMEOUT_MS)
    page.set_default_navigation_timeout(STATE_TIMEOUT_MS)
    return page
