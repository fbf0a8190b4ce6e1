"""The chart registry: figure id → (the data shown, the figure, the text summary).

One place ties data.py to figures.py, so a chart card, its CSV and figure downloads, `metering
export` and the exhibits all show exactly the same rows. Filters come from a URL query (or the
command line) and are checked against known values before they reach a query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl

from dashboard import data, figures
from dashboard.i18n import lang_or_default


class BadFilter(ValueError):
    """A filter value that is not allowed; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    lang: str = "en"
    cities: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_query(cls, query: dict, strict: bool = False) -> Filters:
        """Read filters from URL query values; unknown values are dropped (or raise if strict)."""
        lang = lang_or_default(_first(query.get("lang")))
        known = set(data.known_cities())
        asked = [c for c in _split(query.get("city")) if c]
        unknown = [c for c in asked if c not in known]
        if unknown and strict:
            raise BadFilter(f"unknown city {unknown[0]!r}; known: {', '.join(sorted(known))}")
        start, end = (_date(query.get(k), k, strict) for k in ("start", "end"))
        return cls(lang, tuple(c for c in asked if c in known), start, end)

    def to_query(self) -> dict:
        query = {"lang": self.lang if self.lang != "en" else None,
                 "city": ",".join(self.cities) or None,
                 "start": self.start.isoformat() if self.start else None,
                 "end": self.end.isoformat() if self.end else None}
        return {k: v for k, v in query.items() if v}

    def query_string(self) -> str:
        encoded = urlencode(self.to_query())
        return f"?{encoded}" if encoded else ""

    def with_lang(self, lang: str) -> Filters:
        return replace(self, lang=lang)


def _first(value):
    return value[0] if isinstance(value, list) else value


def _split(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [part.strip() for v in values for part in str(v).split(",")]


def _date(value, name: str, strict: bool) -> date | None:
    value = _first(value)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        if strict:
            raise BadFilter(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None
        return None


@dataclass(frozen=True)
class Chart:
    figure_id: str
    title_key: str
    load: Callable[[Filters], pl.DataFrame]
    draw: Callable[[pl.DataFrame, Filters], go.Figure]
    summarize: Callable[[pl.DataFrame, Filters], str]

    def render(self, filters: Filters) -> tuple[pl.DataFrame, go.Figure, str]:
        frame = self.load(filters)
        return frame, self.draw(frame, filters), self.summarize(frame, filters)


def _events() -> pl.DataFrame:
    return data.policy_events(key_only=True)


CHARTS: dict[str, Chart] = {
    chart.figure_id: chart
    for chart in (
        Chart(
            "waitlist-border-total",
            "chart.border_total.title",
            load=lambda f: data.waitlist_totals(),
            draw=lambda df, f: figures.waitlist_border_total(df, _events(), f.lang),
            summarize=lambda df, f: figures.border_total_summary(df, f.lang),
        ),
        Chart(
            "waitlist-by-city",
            "chart.by_city.title",
            load=lambda f: data.waitlist_snapshots(list(f.cities), f.start, f.end),
            draw=lambda df, f: figures.waitlist_by_city(df, _events(), f.lang),
            summarize=lambda df, f: figures.by_city_summary(df, f.lang),
        ),
        Chart(
            "turnbacks-by-tactic",
            "chart.tactics.title",
            load=lambda f: data.turnback_tactics(list(f.cities), f.start, f.end),
            draw=lambda df, f: figures.turnbacks_by_tactic(df, f.lang),
            summarize=lambda df, f: figures.tactics_summary(
                df, data.turnbacks(list(f.cities), f.start, f.end).height, f.lang),
        ),
    )
}
