"""Reliability suites: hostile inputs, kill during build, hostile requests, privacy.

Each suite records its figures with figures.report(); they are printed at the end of the run.
"""

from __future__ import annotations

from tests.reliability.figures import FIGURES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for suite, text in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{suite}: {text}")
