"""The /ports city view: one city's waitlist counts beside its field office's (or sector's)
encounters on one time axis, with the "not comparable" note in the figure and the summary."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.encounters import (
    BAR_GREY,
    area_label,
    finish_layout,
    month_hover,
)
from dashboard.figures.style import PALETTE, UNIT_SYMBOLS, hover_dates
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import SourceRows


def comparison_frame(
    encounters: pl.DataFrame, snapshots: pl.DataFrame, city: str, area: str
) -> pl.DataFrame:
    """One long frame for the city view: monthly encounters of the area and the city's counts."""
    enc = encounters.select(
        pl.col("month").alias("date"),
        pl.lit("encounters").alias("series"),
        pl.lit(area).alias("place"),
        pl.col("encounters").alias("value"),
        pl.lit("encounters").alias("count_unit"),
        pl.lit(None, pl.String).alias("list_kind"),
        pl.lit(None, pl.String).alias("count_qualifier"),
        pl.lit("month").alias("date_precision"),
        "release",
        "is_rounded",
        "source_id",
    )
    lists = snapshots.filter(pl.col("people_waiting").is_not_null()).select(
        pl.col("as_of_date").alias("date"),
        pl.lit("waitlist").alias("series"),
        pl.lit(city).alias("place"),
        pl.col("people_waiting").alias("value"),
        "count_unit",
        "list_kind",
        "count_qualifier",
        "date_precision",
        pl.lit(None, pl.String).alias("release"),
        pl.lit(None, pl.Boolean).alias("is_rounded"),
        "source_id",
    )
    return pl.concat([enc, lists], how="vertical_relaxed").sort("series", "date")


def waitlist_vs_encounters(
    frame: pl.DataFrame,
    events: pl.DataFrame,
    lang: str,
    city: str,
    area: str,
    *,
    sources: SourceRows,
) -> go.Figure:
    """Encounters (bars, left axis) and the city's list counts (right axis) on one time axis."""
    fig = go.Figure()
    enc = frame.filter(pl.col("series") == "encounters")
    fig.add_trace(
        go.Bar(
            x=enc["date"],
            y=enc["value"],
            name=t("chart.compare.encounters", lang, area=area_label(area, lang)),
            marker={"color": BAR_GREY},
            customdata=month_hover(enc.rename({"date": "month"}), lang, sources),
            hovertemplate="%{customdata[0]}: %{y:,d}<br>%{customdata[1]}<extra></extra>",
        )
    )
    lists = frame.filter(pl.col("series") == "waitlist")
    groups = lists.partition_by(["count_unit", "list_kind"], as_dict=True, maintain_order=True)
    for i, ((unit, kind), rows) in enumerate(sorted(groups.items())):
        is_metering = kind == "metering_list"
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["value"],
                yaxis="y2",
                name=f"{city} · {t('unit.' + unit, lang)} · {t('list_kind.' + kind, lang)}",
                mode="lines+markers" if is_metering else "markers",
                line={"color": PALETTE[(1 + i) % len(PALETTE)], "width": 2},
                marker={
                    "size": 8,
                    "symbol": UNIT_SYMBOLS.get(unit, "circle") + ("" if is_metering else "-open"),
                },
                customdata=list(
                    zip(
                        hover_dates(rows["date"], lang, rows["date_precision"]),
                        rows["source_id"],
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[0]}: %{y:,d}<br>%{customdata[1]}<extra></extra>",
            )
        )
    fig = finish_layout(
        fig,
        frame,
        events,
        lang,
        t("chart.compare.title", lang, city=city, area=area_label(area, lang)),
        f"<b>{t('chart.compare.not_comparable', lang)}</b> " + t("chart.compare.subtitle", lang),
        t("axis.encounters_per_month", lang),
        date_column="date",
        sources=sources,
    )
    # Right-axis numbers sit inside the plot and its meaning is in the subtitle, so the
    # figure needs no right margin (exhibit pages have almost none). Set, not update_layout:
    # drawn without validation (figures/unvalidated.py), plotly's update of an axis the
    # layout does not have yet keeps none of its properties.
    fig.layout["yaxis2"] = {
        "overlaying": "y",
        "side": "right",
        "rangemode": "tozero",
        "tickformat": ",d",
        "tickmode": "auto",
        "showgrid": False,
        "ticklabelposition": "inside",
        "tickfont": {"color": PALETTE[1]},
    }
    return fig


def compare_summary(frame: pl.DataFrame, city: str, area: str, lang: str) -> str:
    lists = frame.filter(pl.col("series") == "waitlist")
    enc = frame.filter(pl.col("series") == "encounters")
    if lists.height == 0 or enc.height == 0:
        return t(
            "chart.compare.summary_missing",
            lang,
            city=city,
            area=area_label(area, lang),
            lists=lists.height,
            months=enc.height,
        )
    first, last = lists.sort("date").row(0, named=True), lists.sort("date").row(-1, named=True)
    return t(
        "chart.compare.summary",
        lang,
        city=city,
        n=lists.height,
        first=fmt_date(first["date"], lang, first["date_precision"]),
        last=fmt_date(last["date"], lang, last["date_precision"]),
        area=area_label(area, lang),
        months=enc.height,
    )
