"""Turnback figures: documented records per tactic (pure DataFrame → Figure, no Dash, no SQL).

A record is one documented incident or one aggregate report; a record naming two tactics
counts under each, so bars are never summed into a number of people or events.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import PALETTE, add_bar_labels, base_layout, with_narrow_layout
from dashboard.i18n import plotly_markup, t
from dashboard.source_refs import SourceRows, frame_ids, note_line


def records_by_type(
    frame: pl.DataFrame,
    column: str,
    label,
    title: str,
    subtitle: str,
    note: str,
    lang: str,
    sources: SourceRows,
) -> go.Figure:
    """Horizontal bars of records per value of `column` (largest at the top), incidents and
    aggregate reports side by side; `label` names a value on the axis."""
    fig = go.Figure()
    order = (
        frame.group_by(column)
        .agg(pl.col("records").sum())
        .sort(["records", column])[column]
        .to_list()
    )
    for i, kind in enumerate(("incident", "aggregate")):
        rows = frame.filter(pl.col("record_type") == kind)
        per_value = dict(zip(rows[column], rows["records"], strict=True))
        fig.add_trace(
            go.Bar(
                y=[label(value) for value in order],
                x=[per_value.get(value, 0) for value in order],
                orientation="h",
                name=t("record_type." + kind, lang),
                marker={"color": PALETTE[i]},
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        )
    note = note_line(frame_ids(frame), sources, lang, note)
    fig = base_layout(fig, title, subtitle, note, "", t("axis.records", lang), lang=lang)
    # on phones each name stands above its bars, which get the chart's whole width
    with_narrow_layout(add_bar_labels(fig, [label(value) for value in order]))
    _count_axis(fig, frame["records"])
    fig.update_layout(barmode="group")
    return fig.update_yaxes(tickformat=None, rangemode=None)


def turnbacks_by_tactic(tactics: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    """Documented records per tactic, incidents and aggregate reports side by side."""
    fig = records_by_type(
        tactics,
        "tactic",
        lambda tactic: plotly_markup(t("tactic." + tactic, lang)),
        t("chart.tactics.title", lang),
        t("chart.tactics.subtitle", lang),
        t("chart.tactics.note", lang),
        lang,
        sources,
    )
    return fig.update_layout(
        margin={"l": 230}, legend={"y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    )


def _count_axis(fig: go.Figure, counts: pl.Series) -> None:
    """Whole records on the axis: one tick per record when there are few (never 0 0 1 1)."""
    few = counts.len() > 0 and (counts.max() or 0) <= 10
    fig.update_xaxes(tickformat=",d", dtick=1 if few else None, showgrid=True, gridcolor="#e5e7eb")


def tactics_summary(tactics: pl.DataFrame, records: int, lang: str) -> str:
    if tactics.height == 0:
        return t("empty", lang)
    top = (
        tactics.group_by("tactic")
        .agg(pl.col("records").sum())
        .sort(["records", "tactic"], descending=[True, False])
        .row(0, named=True)
    )
    return t(
        "chart.tactics.summary",
        lang,
        records=records,
        tactic=t("tactic." + top["tactic"], lang),
        n=top["records"],
    )


def turnbacks_by_port(by_port: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    """Documented records per named U.S. port, incidents and aggregate reports side by side."""
    fig = records_by_type(
        by_port,
        "port_name",
        str,
        t("chart.by_port.title", lang),
        "",
        t("map.turnbacks.subtitle", lang),
        lang,
        sources,
    )
    return fig.update_layout(margin={"l": 110})
