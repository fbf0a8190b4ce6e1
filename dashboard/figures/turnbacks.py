"""Turnback figures: documented records per tactic (pure DataFrame → Figure, no Dash, no SQL).

A record is one documented incident or one aggregate report; a record naming two tactics
counts under each, so bars are never summed into a number of people or events.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import PALETTE, base_layout
from dashboard.i18n import plotly_markup, t
from dashboard.source_refs import frame_ids, note_line


def turnbacks_by_tactic(tactics: pl.DataFrame, lang: str) -> go.Figure:
    """Documented records per tactic, incidents and aggregate reports side by side."""
    fig = go.Figure()
    order = (
        tactics.group_by("tactic")
        .agg(pl.col("records").sum())
        .sort(["records", "tactic"])["tactic"]
        .to_list()
    )
    for i, kind in enumerate(("incident", "aggregate")):
        rows = tactics.filter(pl.col("record_type") == kind)
        by_tactic = dict(zip(rows["tactic"], rows["records"], strict=True))
        fig.add_trace(
            go.Bar(
                y=[plotly_markup(t("tactic." + tac, lang)) for tac in order],
                x=[by_tactic.get(tac, 0) for tac in order],
                orientation="h",
                name=t("record_type." + kind, lang),
                marker={"color": PALETTE[i]},
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        )
    note = note_line(frame_ids(tactics), lang, t("chart.tactics.note", lang))
    fig = base_layout(
        fig,
        t("chart.tactics.title", lang),
        t("chart.tactics.subtitle", lang),
        note,
        "",
        t("axis.records", lang),
    )
    _count_axis(fig, tactics["records"])
    fig.update_layout(
        barmode="group",
        margin={"l": 230},
        legend={"y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    fig.update_yaxes(tickformat=None, rangemode=None)
    return fig


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


def turnbacks_by_port(by_port: pl.DataFrame, lang: str) -> go.Figure:
    """Documented records per named U.S. port, incidents and aggregate reports side by side."""
    fig = go.Figure()
    order = (
        by_port.group_by("port_name")
        .agg(pl.col("records").sum())
        .sort(["records", "port_name"])["port_name"]
        .to_list()
    )
    for i, kind in enumerate(("incident", "aggregate")):
        rows = by_port.filter(pl.col("record_type") == kind)
        per_port = dict(zip(rows["port_name"], rows["records"], strict=True))
        fig.add_trace(
            go.Bar(
                y=order,
                x=[per_port.get(port, 0) for port in order],
                orientation="h",
                name=t("record_type." + kind, lang),
                marker={"color": PALETTE[i]},
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
        )
    note = note_line(frame_ids(by_port), lang, t("map.turnbacks.subtitle", lang))
    fig = base_layout(fig, t("chart.by_port.title", lang), "", note, "", t("axis.records", lang))
    _count_axis(fig, by_port["records"])
    fig.update_layout(barmode="group", margin={"l": 110})
    return fig.update_yaxes(tickformat=None, rangemode=None)
