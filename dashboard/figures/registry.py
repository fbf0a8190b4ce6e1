"""The chart registry: one complete entry per chart.

An entry names the question the chart answers, where its data comes from (the data.py
question and the marts it reads), the figure, the text summary, the caveat, the URL
parameters it follows, the page that shows it and, where the data has places, its map. The
chart card, its table and downloads, the /embed route, `metering export` and the exhibits
all read the same entry, so they show exactly the same rows.

A new chart on an existing page is one entry here plus its figure function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard import data
from dashboard.figures import compare as figures_compare
from dashboard.figures import encounters as figures_official
from dashboard.figures import fiscal as figures_fiscal
from dashboard.figures import places, style
from dashboard.figures import turnbacks as figures_turnbacks
from dashboard.figures import waitlists as figures
from dashboard.params import EXTRA_PARAMS, BadFilter, Filters
from dashboard.policy import view as policy_view
from dashboard.source_refs import SourceRows, frame_ids

__all__ = ["CHARTS", "BadFilter", "Chart", "EXTRA_PARAMS", "Filters", "Places"]


@dataclass(frozen=True)
class Places:
    """A chart's map tab: the places behind its data, the map and the text under it."""

    load: Callable[[Filters], pl.DataFrame]
    draw: Callable[[pl.DataFrame, Filters], go.Figure]
    summarize: Callable[[pl.DataFrame, Filters], str]


@dataclass(frozen=True)
class Chart:
    figure_id: str
    title_key: str  # i18n key of the chart's name
    question_key: str  # i18n key of the question the chart answers
    load: Callable[[Filters], pl.DataFrame]  # the rows drawn: the table tab and the CSV
    draw: Callable[[pl.DataFrame, Filters], go.Figure]
    summarize: Callable[[pl.DataFrame, Filters], str]
    caveat_key: str  # i18n key of what the data cannot show
    marts: tuple[str, ...]  # the marts the rows come from (their source_id names the sources)
    params: tuple[str, ...]  # the URL parameters that change what it shows
    home: str  # the page that shows it with all its filters
    places: Places | None = None
    screen: Callable[[go.Figure], go.Figure] | None = None  # on-screen changes (exports keep print)
    footnote: Callable[[pl.DataFrame, str], str] | None = None  # appended to the card footer
    # the filters with the page's defaults written out, so an exhibit names every filter used
    resolve: Callable[[Filters], Filters] = lambda filters: filters

    def render(self, filters: Filters) -> tuple[pl.DataFrame, go.Figure, str]:
        filters = self.resolve(filters)
        frame = self.load(filters)
        return frame, self.draw(frame, filters), self.summarize(frame, filters)


def _events() -> pl.DataFrame:
    return data.policy_events(key_only=True)


def _sources(frame: pl.DataFrame) -> SourceRows:
    """The meta.sources rows a figure names under the chart (it reads nothing itself)."""
    return data.source_rows(frame_ids(frame))


def _release_note(frame: pl.DataFrame, lang: str) -> str:
    """The card footer's line: the releases behind the rows, by name."""
    return figures_official.release_note(frame, lang, _sources(frame))


def _cities(f: Filters) -> list[str]:
    return list(f.cities)


def _turnback_filters(f: Filters) -> dict:
    return {
        "cities": _cities(f),
        "start": f.start,
        "end": f.end,
        "port": f.param("port"),
        "tactic": f.param("tactic"),
        "record_type": f.param("record_type"),
    }


CITY_PERIOD = ("city", "port", "start", "end")
TURNBACK_PARAMS = ("city", "port", "tactic", "record_type", "start", "end")
ENCOUNTER_PARAMS = ("component", "release", "demographic", "citizenship", "title", "fy")
TURNBACK_PLACES = Places(
    load=lambda f: data.turnbacks_by_port(**_turnback_filters(f)),
    draw=lambda df, f: places.turnback_map(df, f.lang, sources=_sources(df)),
    summarize=lambda df, f: places.count_ranking(
        df, f.lang, "map.turnbacks.ranking", "port_name", "records"
    ),
)

CHARTS: dict[str, Chart] = {
    chart.figure_id: chart
    for chart in (
        Chart(
            "waitlist-border-total",
            "chart.border_total.title",
            "question.waitlist-border-total",
            load=lambda f: data.waitlist_totals(),
            draw=lambda df, f: figures.waitlist_border_total(
                df, _events(), f.lang, sources=_sources(df)
            ),
            summarize=lambda df, f: figures.border_total_summary(df, f.lang),
            caveat_key="exhibit.caveat.waitlist-border-total",
            marts=("marts.waitlist_totals", "marts.policy_events"),
            params=(),
            home="/",
            screen=style.numbered_event_labels,
        ),
        Chart(
            "waitlist-by-city",
            "chart.by_city.title",
            "question.waitlist-by-city",
            load=lambda f: data.waitlist_snapshots(_cities(f), f.start, f.end, f.param("port")),
            draw=lambda df, f: figures.waitlist_by_city(
                df, _events(), f.lang, sources=_sources(df)
            ),
            summarize=lambda df, f: figures.by_city_summary(df, f.lang, sources=_sources(df)),
            caveat_key="exhibit.caveat.waitlist-by-city",
            marts=("marts.waitlist_snapshots", "marts.policy_events"),
            params=CITY_PERIOD,
            home="/waitlists",
            screen=style.numbered_event_labels,
            places=Places(
                load=lambda f: data.latest_counts(_cities(f), f.start, f.end, f.param("port")),
                draw=lambda df, f: places.waitlist_map(df, f.lang, sources=_sources(df)),
                summarize=lambda df, f: places.latest_counts_text(df, f.lang),
            ),
        ),
        Chart(
            "turnbacks-by-tactic",
            "chart.tactics.title",
            "question.turnbacks-by-tactic",
            load=lambda f: data.turnback_tactics(**_turnback_filters(f)),
            draw=lambda df, f: figures_turnbacks.turnbacks_by_tactic(
                df, f.lang, sources=_sources(df)
            ),
            summarize=lambda df, f: figures_turnbacks.tactics_summary(
                df, data.turnbacks(**_turnback_filters(f), counted=True).height, f.lang
            ),
            caveat_key="exhibit.caveat.turnbacks-by-tactic",
            marts=("marts.turnbacks", "marts.turnback_tactics"),
            params=TURNBACK_PARAMS,
            home="/turnbacks",
            places=TURNBACK_PLACES,
        ),
        Chart(
            "turnbacks-by-port",
            "figure_name.turnbacks-by-port",
            "question.turnbacks-by-port",
            load=lambda f: data.turnbacks_by_port(**_turnback_filters(f)),
            draw=lambda df, f: figures_turnbacks.turnbacks_by_port(
                df, f.lang, sources=_sources(df)
            ),
            summarize=TURNBACK_PLACES.summarize,
            caveat_key="exhibit.caveat.turnbacks-by-tactic",
            marts=("marts.turnbacks", "marts.ports"),
            params=TURNBACK_PARAMS,
            home="/turnbacks",
            places=TURNBACK_PLACES,
        ),
        Chart(
            "encounters-by-office",
            "chart.office.title",
            "question.encounters-by-office",
            load=lambda f: _encounters(f, f.param("component")),
            draw=lambda df, f: figures_official.encounters_by_area(
                df,
                _events(),
                f.lang,
                f.param("component"),
                figures_official.filters_text(_dims(f), f.lang),
                sources=_sources(df),
            ),
            summarize=lambda df, f: figures_official.peak_summary(df, f.lang, sources=_sources(df)),
            caveat_key="exhibit.caveat.encounters-by-office",
            marts=("marts.encounters_monthly", "marts.policy_events"),
            params=(*ENCOUNTER_PARAMS, "start", "end"),
            home="/ports",
            screen=style.numbered_event_labels,
            footnote=_release_note,
            places=Places(
                load=lambda f: data.office_totals(
                    "OFO", f.param("release"), f.start, f.end, _dims(f)
                ),
                draw=lambda df, f: places.office_map(df, f.lang, sources=_sources(df)),
                summarize=lambda df, f: places.office_ranking(df, f.lang),
            ),
        ),
        Chart(
            "encounters-fiscal-year",
            "figure_name.encounters-fiscal-year",
            "question.encounters-fiscal-year",
            load=lambda f: data.encounters_fiscal_year(f.param("component"), f.param("release")),
            draw=lambda df, f: figures_fiscal.fiscal_year_totals(
                df, f.lang, f.param("component"), sources=_sources(df)
            ),
            summarize=lambda df, f: figures_fiscal.fiscal_year_summary(df, f.lang),
            caveat_key="exhibit.caveat.encounters-fiscal-year",
            marts=("marts.encounters_fiscal_year",),
            params=("component", "release"),
            home="/ports",
        ),
        Chart(
            "usbp-by-sector",
            "chart.sector.title",
            "question.usbp-by-sector",
            load=lambda f: _encounters(f, "USBP"),
            draw=lambda df, f: figures_official.encounters_by_area(
                df,
                _events(),
                f.lang,
                "USBP",
                figures_official.filters_text(_dims(f), f.lang),
                sources=_sources(df),
            ),
            summarize=lambda df, f: figures_official.peak_summary(df, f.lang, sources=_sources(df)),
            caveat_key="exhibit.caveat.usbp-by-sector",
            marts=("marts.encounters_monthly", "marts.policy_events"),
            params=(*ENCOUNTER_PARAMS[1:], "start", "end"),
            home="/ports",
            screen=style.numbered_event_labels,
            footnote=_release_note,
        ),
        Chart(
            "cbp-one-monthly",
            "chart.cbp_one.title",
            "question.cbp-one-monthly",
            load=lambda f: data.cbp_one_monthly(f.param("release"), f.start, f.end),
            draw=lambda df, f: figures_official.cbp_one_monthly(
                df, _events(), f.lang, sources=_sources(df)
            ),
            summarize=lambda df, f: figures_official.peak_summary(
                df, f.lang, "appointments", None, sources=_sources(df)
            ),
            caveat_key="exhibit.caveat.cbp-one-monthly",
            marts=("marts.cbp_one_monthly", "marts.policy_events"),
            params=("release", "fy", "start", "end"),
            home="/ports",
            screen=style.numbered_event_labels,
            footnote=_release_note,
        ),
        Chart(
            "waitlist-vs-encounters",
            "figure_name.waitlist-vs-encounters",  # the chart's own title names the city
            "question.waitlist-vs-encounters",
            load=lambda f: _comparison(f, *_compare_target(f)),
            draw=lambda df, f: figures_compare.waitlist_vs_encounters(
                df, _events(), f.lang, *_compare_target(f), sources=_sources(df)
            ),
            summarize=lambda df, f: figures_compare.compare_summary(
                df, *_compare_target(f), f.lang
            ),
            caveat_key="exhibit.caveat.waitlist-vs-encounters",
            marts=(
                "marts.waitlist_snapshots",
                "marts.encounters_monthly",
                "marts.city_crosswalk",
                "marts.policy_events",
            ),
            params=("city", *ENCOUNTER_PARAMS, "start", "end"),
            home="/ports",
            screen=style.numbered_event_labels,
            footnote=_release_note,
        ),
        Chart(
            "policy-its",
            "figure_name.policy-its",
            "question.policy-its",
            load=policy_view.its_load,
            draw=policy_view.its_draw,
            summarize=policy_view.its_summarize,
            resolve=policy_view.resolved,
            caveat_key="exhibit.caveat.policy-its",
            marts=("marts.policy_effects", "marts.policy_fits", "marts.policy_series"),
            params=("event", "series", "window"),
            home="/policy",
        ),
        Chart(
            "timeline",
            "figure_name.timeline",
            "question.timeline",
            load=policy_view.timeline_load,
            draw=policy_view.timeline_draw,
            summarize=policy_view.timeline_summarize,
            caveat_key="exhibit.caveat.timeline",
            marts=("marts.policy_events",),
            params=(),
            home="/policy",
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
