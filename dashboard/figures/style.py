"""The house style every figure shares: font, palette, layout, policy-date lines, the Title 42
band and the source note, so the same data gives the same picture on any machine."""

from __future__ import annotations

import textwrap
from datetime import date

import plotly.graph_objects as go
import polars as pl

from dashboard.i18n import plotly_markup, t

FONT = "DejaVu Sans"
PALETTE = [
    "#1f5a89",
    "#c8553d",
    "#2a9d8f",
    "#8d6a9f",
    "#e9a23b",
    "#5c8001",
    "#6c757d",
    "#b5179e",
    "#3a86ff",
    "#9c6644",
    "#264653",
    "#f4a261",
    "#457b9d",
    "#e76f51",
    "#7f5539",
    "#588157",
]
UNIT_SYMBOLS = {
    "people": "circle",
    "names": "square",
    "families": "diamond",
    "list_numbers": "triangle-up",
    "registrations": "star",
    "camp_population": "x",
    "cases": "cross",
}
MUTED = "#6b7280"
LEGEND_BELOW_MAX = 8  # more traces than this: the legend moves to the right


def wrap(text: str, width: int = 120) -> str:
    """Break long subtitle/notes into lines (plotly does not wrap); keeps existing <br>."""
    lines = []
    for part in text.split("<br>"):
        lines += textwrap.wrap(part, width) or [""]
    return "<br>".join(lines)


def base_layout(
    fig: go.Figure, title: str, subtitle: str, source_note: str, y_title: str, x_title: str = ""
) -> go.Figure:
    title, y_title = plotly_markup(title), plotly_markup(y_title)
    subtitle, source_note = plotly_markup(wrap(subtitle)), plotly_markup(wrap(source_note, 150))
    for trace in fig.data:
        if trace.name:
            trace.name = plotly_markup(trace.name)
    fig.update_layout(
        title={
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 12, "color": MUTED}},
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
        },
        font={"family": FONT, "size": 12, "color": "#1f2933"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 70, "r": 30, "t": 70 + 16 * subtitle.count("<br>"), "b": 150},
        legend={"orientation": "h", "yanchor": "top", "y": -0.1, "x": 0, "font": {"size": 11}},
        hovermode="closest",
    )
    if len(fig.data) > LEGEND_BELOW_MAX:
        # many series: a scrolling legend at the right keeps the plot and the notes readable
        fig.update_layout(
            legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
            margin={"r": 300, "b": 110},
        )
    fig.add_annotation(
        text=source_note,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-105,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 10, "color": MUTED},
    )
    fig.update_xaxes(
        title=x_title,
        showgrid=False,
        linecolor="#9aa5b1",
        ticks="outside",
        tickformat="%Y",
        dtick="M12",
    )
    fig.update_yaxes(
        title=y_title,
        gridcolor="#e5e7eb",
        zeroline=True,
        zerolinecolor="#9aa5b1",
        rangemode="tozero",
        tickformat=",d",
    )
    return fig


def add_title42_band(fig: go.Figure, events: pl.DataFrame, lang: str, first: date, last: date):
    """Shade the Title 42 period (ports did not process asylum), dates from the events mart."""
    dates = (
        dict(zip(events["event_id"], events["event_date"], strict=True))
        if "event_id" in events.columns
        else {}
    )
    start, end = dates.get("title42_order"), dates.get("title42_ends")
    if start is None or end is None or end < first or start > last:
        return fig
    fig.add_vrect(
        x0=max(start, first),
        x1=min(end, last),
        fillcolor="#f3efe4",
        opacity=0.6,
        line_width=0,
        layer="below",
    )
    fig.add_annotation(
        x=max(start, first),
        y=0.02,
        xref="x",
        yref="paper",
        showarrow=False,
        text=t("figure.title42_band", lang),
        xanchor="left",
        yanchor="bottom",
        font={"size": 9, "color": MUTED},
    )
    return fig


def add_event_lines(fig: go.Figure, events: pl.DataFrame, lang: str, first: date, last: date):
    """Dotted vertical lines at policy dates inside [first, last], labelled at the top."""
    shown = events.filter((pl.col("event_date") >= first) & (pl.col("event_date") <= last))
    title_column = "title_es" if lang == "es" else "title"
    for i, row in enumerate(shown.iter_rows(named=True)):
        fig.add_vline(x=row["event_date"], line={"color": "#9aa5b1", "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=row["event_date"],
            y=1.0 - 0.09 * (i % 3),
            xref="x",
            yref="paper",
            text=row[title_column],
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 9, "color": MUTED},
            bgcolor="rgba(255,255,255,0.8)",
        )
    return fig
