"""The chart registry: figure id → (the data shown, the figure, the text summary).

One place ties data.py to figures.py, so a chart card, its CSV and figure downloads, `metering
export` and the exhibits all show exactly the same rows. Filters come from a URL query (or the
command line) and are checked against known values before they reach a query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl

from dashboard import data, figures, figures_compare, figures_official
from dashboard.cache import per_build
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
        return cls(lang, tuple(c for c in asked if c in known), start, end, _extra(query, strict))

    def to_query(self) -> dict:
        query = {
            "lang": self.lang if self.lang != "en" else None,
            "city": ",".join(self.cities) or None,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            **{name: self.extra.get(name) for name in EXTRA_PARAMS},
        }
        return {k: v for k, v in query.items() if v}

    def param(self, name: str) -> str | None:
        """A page parameter from `extra`, or its default."""
        return self.extra.get(name, EXTRA_PARAMS[name][0])

    def query_string(self) -> str:
        encoded = urlencode(self.to_query())
        return f"?{encoded}" if encoded else ""

    def with_lang(self, lang: str) -> Filters:
        return replace(self, lang=lang)


# Page parameters kept in Filters.extra: URL name → (default, allowed values, read lazily from
# the marts only when the URL names the parameter). A value equal to the default is not kept.
EXTRA_PARAMS: dict[str, tuple[str | None, Callable[[], list[str]]]] = {
    "component": ("OFO", lambda: ["OFO", "USBP"]),
    "release": ("preferred", lambda: ["preferred", *data.official_releases()]),
    "demographic": (None, lambda: data.encounter_values("demographic")),
    "citizenship": (None, lambda: data.encounter_values("citizenship")),
    "title": (None, lambda: data.encounter_values("title_of_authority")),
}


def _extra(query: dict, strict: bool) -> dict:
    extra = {}
    for name, (default, allowed) in EXTRA_PARAMS.items():
        value = _first(query.get(name))
        if not value or value == default:
            continue
        known = allowed()
        if value in known:
            extra[name] = value
        elif strict:
            raise BadFilter(f"unknown {name} {value!r}; known: {', '.join(known)}")
    return extra


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
        # Drawn once per marts build and filters (dashboard/cache.py); each caller gets its own
        # copy, rebuilt without plotly's per-property validation (it was validated when drawn).
        frame, figure, summary = _rendered(self.figure_id, filters)
        return frame, go.Figure(figure, _validate=False), summary


@per_build
def _rendered(figure_id: str, filters: Filters) -> tuple[pl.DataFrame, dict, str]:
    chart = CHARTS[figure_id]
    frame = chart.load(filters)
    return frame, chart.draw(frame, filters).to_dict(), chart.summarize(frame, filters)


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
                df, data.turnbacks(list(f.cities), f.start, f.end).height, f.lang
            ),
        ),
        Chart(
            "encounters-by-office",
            "chart.office.title",
            load=lambda f: _encounters(f, f.param("component")),
            draw=lambda df, f: figures_official.encounters_by_area(
                df,
                _events(),
                f.lang,
                f.param("component"),
                figures_official.filters_text(_dims(f), f.lang),
            ),
            summarize=lambda df, f: figures_official.peak_summary(df, f.lang),
        ),
        Chart(
            "usbp-by-sector",
            "chart.sector.title",
            load=lambda f: _encounters(f, "USBP"),
            draw=lambda df, f: figures_official.encounters_by_area(
                df, _events(), f.lang, "USBP", figures_official.filters_text(_dims(f), f.lang)
            ),
            summarize=lambda df, f: figures_official.peak_summary(df, f.lang),
        ),
        Chart(
            "cbp-one-monthly",
            "chart.cbp_one.title",
            load=lambda f: data.cbp_one_monthly(f.param("release"), f.start, f.end),
            draw=lambda df, f: figures_official.cbp_one_monthly(df, _events(), f.lang),
            summarize=lambda df, f: figures_official.peak_summary(df, f.lang, "appointments", None),
        ),
        Chart(
            "waitlist-vs-encounters",
            "chart.compare.title",
            load=lambda f: _comparison(f, *_compare_target(f)),
            draw=lambda df, f: figures_compare.waitlist_vs_encounters(
                df, _events(), f.lang, *_compare_target(f)
            ),
            summarize=lambda df, f: figures_compare.compare_summary(
                df, *_compare_target(f), f.lang
            ),
        ),
    )
}

DEFAULT_COMPARE_CITY = "Tijuana"  # the city with the most waitlist counts


def _dims(f: Filters) -> dict:
    return {
        "demographic": f.param("demographic"),
        "citizenship": f.param("citizenship"),
        "title_of_authority": f.param("title"),
    }


def _encounters(f: Filters, component: str, area: str | None = None) -> pl.DataFrame:
    # Border Patrol goes back to 1999: by default show it over the field offices' years.
    start = f.start or (data.encounters_first_month("OFO") if component == "USBP" else None)
    return data.encounters(
        component, "area_of_responsibility", f.param("release"), start, f.end, _dims(f), area
    )


def _comparison(f: Filters, city: str, area: str) -> pl.DataFrame:
    lists = data.waitlist_snapshots([city], f.start, f.end)
    counted = lists.filter(pl.col("people_waiting").is_not_null())["as_of_date"]
    if not (f.start or f.end) and counted.len():
        # No period asked: a year either side of the city's counts, not the whole series.
        year = timedelta(days=365)
        f = replace(f, start=counted.min() - year, end=counted.max() + year)
    return figures_compare.comparison_frame(
        _encounters(f, f.param("component"), area), lists, city, area
    )


def _compare_target(f: Filters) -> tuple[str, str]:
    """(city, field office or sector) for the city view: the first city asked, via the crosswalk."""
    city = f.cities[0] if f.cities else DEFAULT_COMPARE_CITY
    row = data.city_crosswalk(city) or data.city_crosswalk(DEFAULT_COMPARE_CITY)
    if f.param("component") == "USBP":
        return row["city"], row["bp_sector"].split(" | ")[0] + " Sector"
    return row["city"], row["field_office"].split(" | ")[0] + " Field Office"


# --- /policy (dashboard/policy_view.py): its URL parameters and its two charts -------------
# No defaults here (None): the page writes event, series and window into every link, so a
# link copied into a declaration keeps naming the same view even if the page's defaults change.
from dashboard import policy_view  # noqa: E402  (appended block: kept apart from other pages)

EXTRA_PARAMS.update(
    {
        "event": (None, lambda: data.key_events()["event_id"].to_list()),
        "series": (None, lambda: data.policy_series()["series_id"].to_list()),
        "window": (None, lambda: list(policy_view.WINDOWS)),
    }
)
CHARTS.update(
    {
        chart.figure_id: chart
        for chart in (
            Chart(
                "policy-its",
                "figure_name.policy-its",
                load=policy_view.its_load,
                draw=policy_view.its_draw,
                summarize=policy_view.its_summarize,
            ),
            Chart(
                "timeline",
                "figure_name.timeline",
                load=policy_view.timeline_load,
                draw=policy_view.timeline_draw,
                summarize=policy_view.timeline_summarize,
            ),
        )
    }
)
