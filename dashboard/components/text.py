"""Small text pieces shared by pages: the card footer naming the sources and the build; the
catalogue's inline marks as Dash children."""

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


# The catalogue's inline marks: **strong**, *emphasis* (the glossary's italic *metering*), `code`.
# As in markdown, a mark's text neither starts nor ends with a space: "5 * 3" stays text.
MARKS = re.compile(r"\*\*(?!\s)([^*\n]+?)(?<!\s)\*\*|\*(?!\s)([^*\n]+?)(?<!\s)\*|`([^`\n]+)`")


def rich(text: str) -> list:
    """The catalogue's text with its inline marks as Dash children. Pages show their lede
    with it, not with dcc.Markdown: that script loads apart, and until it came the lede was
    not there and everything below it moved down when it did."""
    children, at = [], 0
    for mark in MARKS.finditer(text):
        strong, emphasis, code = mark.groups()
        children.append(text[at : mark.start()])
        if strong is not None:
            children.append(html.Strong(strong))
        elif emphasis is not None:
            children.append(html.Em(emphasis))
        else:
            children.append(html.Code(code))
        at = mark.end()
    children.append(text[at:])
    return [child for child in children if child != ""]
