"""Ties data.py to the /policy figures: URL parameters and their defaults, the rows a chart
downloads, and the facts it prints (event, series, estimate). Used by the chart registry and
the page."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import data
from dashboard.figures.policy import policy_its
from dashboard.figures.timeline import timeline
from dashboard.i18n import t
from dashboard.policy.text import (
    first_sentence,
    fiscal_years_text,
    its_summary,
    timeline_summary,
    verdict_line,
)
from dashboard.source_refs import frame_ids, note_line

DEFAULTS = {"event": "title42_ends", "series": "ofo_sw_total", "window": "12"}
METHOD = "its_segmented_ols_hac"
# What the chart's CSV carries from marts.policy_effects beside the points: the verdict, the
# estimate with its range and placebo test, the model-based interval, and the caveats.
EFFECT_CSV_COLUMNS = (
    "verdict_en", "verdict_es", "level_change", "spec_low", "spec_high", "spec_n",
    "placebo_p", "placebo_n", "ci_low", "ci_high", "ci_basis", "p_value", "caveat_en", "caveat_es",
)  # fmt: skip
# Which catalogue sentence names where a series comes from (by the series id's prefix).
SERIES_SOURCES = (
    "ofo_",
    "usbp_",
    "cbp_one",
    "waitlist_border",
    "waitlist_city",
    "pace_",
    "turnback",
)


def params(filters) -> tuple[str, str, int]:
    """(event_id, series_id, window months) from Filters.extra, defaults where absent."""
    value = {k: filters.extra.get(k) or v for k, v in DEFAULTS.items()}
    return value["event"], value["series"], int(value["window"])


def resolved(filters):
    """The same filters with every page parameter written out (defaults filled in)."""
    from dataclasses import replace

    return replace(
        filters,
        extra={**filters.extra, **{k: filters.extra.get(k) or v for k, v in DEFAULTS.items()}},
    )


def event_row(event_id: str) -> dict:
    rows = data.key_events().filter(pl.col("event_id") == event_id)
    return rows.row(0, named=True)


def series_row(series_id: str) -> dict:
    return data.policy_series().filter(pl.col("series_id") == series_id).row(0, named=True)


def effect_row(event_id: str, series_id: str, window: int) -> dict | None:
    rows = data.policy_effects(event_id, window, METHOD).filter(pl.col("series_id") == series_id)
    return rows.row(0, named=True) if rows.height else None


def its_load(filters) -> pl.DataFrame:
    """Exactly what the chart draws: points, fitted lines, band, counterfactual, with the ids."""
    event_id, series_id, k = params(filters)
    event = event_row(event_id)
    effect = effect_row(event_id, series_id, k) or {}
    # each point names its own sources; the event's source dates the vertical line
    return data.policy_fit(event_id, series_id, k).with_columns(
        event_id=pl.lit(event_id),
        series_id=pl.lit(series_id),
        window_months=pl.lit(k, pl.Int32),
        source_id=pl.concat_str(
            [pl.lit(event["source_id"]), pl.col("source_id")], separator=",", ignore_nulls=True
        ),
        **{c: pl.lit(effect.get(c)) for c in EFFECT_CSV_COLUMNS},
    )


def fiscal_years(filters) -> str:
    """The fiscal-year sums of the chosen series over the years the window touches."""
    event_id, series_id, k = params(filters)
    fit = data.policy_fit(event_id, series_id, k)
    if fit.height == 0 or series_row(series_id)["frequency"] != "monthly":
        return ""
    years = data.policy_fiscal_years(series_id, fit["date"].min(), fit["date"].max())
    return fiscal_years_text(years, filters.lang)


def series_source(series_id: str, lang: str) -> str:
    prefix = next((p for p in SERIES_SOURCES if series_id.startswith(p)), None)
    return t(f"policy.source.{prefix.rstrip('_')}", lang) if prefix else series_id


def its_info(frame: pl.DataFrame, filters) -> tuple[dict, dict | None]:
    """The facts the ITS chart and its summary print, and the marts.policy_effects row."""
    lang = filters.lang
    event_id, series_id, k = params(filters)
    event, series, effect = (
        event_row(event_id),
        series_row(series_id),
        effect_row(event_id, series_id, k),
    )
    es = lang == "es"
    info = {
        "series_title": series["title_es" if es else "title_en"],
        "unit_label": t(f"policy.unit.{series['unit']}", lang),
        "event_title": event["title_es" if es else "title"],
        "event_date": event["event_date"],
        "date_precision": event["date_precision"] or "day",
        "window": k,
        "source_note": note_line(
            [event["source_id"]],
            data.source_rows([event["source_id"]]),
            lang,
            t("policy.its.note", lang, series=series_source(series_id, lang)),
        ),
    }
    if effect is None:
        info["not_estimated"] = series["note_es" if es else "note_en"] or t(
            "policy.summary.no_row", lang
        )
    elif not effect["is_estimable"]:
        info["not_estimated"] = first_sentence(effect["caveat_es" if es else "caveat_en"])
    else:
        info["verdict_line"] = verdict_line(effect, info["unit_label"], lang)
    return info, effect


def its_draw(frame: pl.DataFrame, filters) -> go.Figure:
    return policy_its(frame, its_info(frame, filters)[0], filters.lang)


def its_summarize(frame: pl.DataFrame, filters) -> str:
    info, effect = its_info(frame, filters)
    return its_summary(effect, info, filters.lang)


def timeline_load(filters) -> pl.DataFrame:
    cols = (
        "event_id",
        "event_date",
        "date_precision",
        "title",
        "title_es",
        "kind",
        "is_key_event",
        "source_id",
    )
    return data.policy_events().select(cols)


def timeline_draw(frame: pl.DataFrame, filters) -> go.Figure:
    return timeline(frame, filters.lang, sources=data.source_rows(frame_ids(frame)))


def timeline_summarize(frame: pl.DataFrame, filters) -> str:
    return timeline_summary(frame, filters.lang)
