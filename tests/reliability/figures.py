"""Figures the reliability suites report (tried/handled, sent/5xx, …), printed after the run."""

from __future__ import annotations

FIGURES: dict[str, str] = {}


def report(suite: str, text: str) -> None:
    FIGURES[suite] = text
