"""Small text pieces shared by pages: the card footer naming the sources and the build."""

from __future__ import annotations

import polars as pl

from dashboard import data
from dashboard.citation import source_ids
from dashboard.i18n import fmt_date, t


def card_footer(frame: pl.DataFrame, lang: str) -> str:
    from datetime import datetime

    built = datetime.fromisoformat(data.build_info()["built_at"]).date()
    n = len(source_ids(frame))
    return t("card.footer", lang, n=n, rows=frame.height, built=fmt_date(built, lang))
