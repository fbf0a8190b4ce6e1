"""Dashboard test fixtures: one kaleido (chromium) server for the whole session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def renderer(use_built_marts):
    """Static figures render through one chromium started once per session."""
    from dashboard.exports.render import figure_renderer

    with figure_renderer():
        yield
