"""Small text pieces shared by pages: the card footer naming the sources and the build."""

from __future__ import annotations

import re

import polars as pl
from dash import html

from dashboard import data
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import frame_ids


def card_footer(frame: pl.DataFrame, lang: str) -> str:
    built = data.built_on()
    n = len(frame_ids(frame))
    key = "card.footer_one" if n == 1 else "card.footer"
    return t(key, lang, n=n, rows=frame.height, built=fmt_date(built, lang))


def rich(text: str) -> list:
    """Text with *emphasis* (the glossary's italic *metering*) as Dash children."""
    parts = re.split(r"\*([^*\n]+)\*", text)
    return [html.Em(part) if i % 2 else part for i, part in enumerate(parts) if part]
