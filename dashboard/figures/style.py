"""The house style every figure shares: font, palette, layout, policy-date lines, the Title 42
band and the source note, so the same data gives the same picture on any machine."""

from __future__ import annotations

import re
import textwrap
from datetime import date, datetime

import numpy as np
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
# Date ticks chosen by plotly for the width at hand, each spacing with a format that can be
# read in both languages: years, then ISO months, then ISO days (a one-month view has dates).
DATE_TICK_FORMATS = (
    {"dtickrange": ["M12", None], "value": "%Y"},
    {"dtickrange": ["M1", "M6"], "value": "%Y-%m"},
    {"dtickrange": [None, 15 * 86_400_000], "value": "%Y-%m-%d"},
)
# Phones (assets/accessibility.js applies layout.meta["narrow"] below NARROW_PX of chart):
# characters per line of the title, subtitle and note at about 300 px, and legend entries kept.
NARROW_TITLE_CHARS, NARROW_SUBTITLE_CHARS, NARROW_NOTE_CHARS = 28, 44, 46
NARROW_LEGEND_MAX = 6
CHART_NARROW_HEIGHT_PX = 600  # a chart's least height on a phone (assets/style.css)
NARROW_LEGEND_CHARS = 44  # a longer legend entry would run off a phone: the legend goes
SOURCE_NOTE = "source-note"
# Below the plot, top to bottom: tick labels, the legend, the source note. The chart grows to
# hold them (PLOT_PX stays for the plot), so the note is never cut off or drawn over.
PLOT_PX, NARROW_PLOT_PX = 300, 240
TICKS_PX, LEGEND_ROW_PX, NOTE_LINE_PX = 36, 20, 13
LEGEND_WIDTH_PX = 640  # legend rows are counted at the narrowest wide layout


def legend_rows(names: list[str], width: int = LEGEND_WIDTH_PX) -> int:
    """Rows a horizontal legend takes: plotly sets its entries in columns as wide as the
    widest entry (symbol and about 6.3 px a character at size 11)."""
    if not names:
        return 0
    widest = max(46 + 6.3 * len(_unwrap(name)) for name in names)
    per_row = max(1, int(width // widest))
    return -(-len(names) // per_row)


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
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -(TICKS_PX - 4) / PLOT_PX,
            "x": 0,
            "font": {"size": 11},
        },
        hovermode="closest",
    )
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    below = TICKS_PX + 20 * bool(x_title)
    if len(fig.data) > LEGEND_BELOW_MAX:
        # many series: a scrolling legend at the right keeps the plot and the notes readable
        fig.update_layout(
            legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"}
        )
    else:
        below += LEGEND_ROW_PX * legend_rows(names) + 8
    top = 70 + 16 * subtitle.count("<br>")
    bottom = below + NOTE_LINE_PX * (source_note.count("<br>") + 1) + 16
    fig.update_layout(
        margin={
            "l": 70,
            "r": 300 if len(fig.data) > LEGEND_BELOW_MAX else 30,
            "t": top,
            "b": bottom,
        },
        height=top + PLOT_PX + bottom,
    )
    fig.add_annotation(
        name=SOURCE_NOTE,
        text=source_note,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-below,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 10, "color": MUTED},
    )
    fig.update_xaxes(title=x_title, showgrid=False, linecolor="#9aa5b1", ticks="outside")
    if _has_date_x(fig):
        fig.update_xaxes(tickformatstops=list(DATE_TICK_FORMATS), nticks=8, tickangle=0)
    fig.update_yaxes(
        title=y_title,
        gridcolor="#e5e7eb",
        zeroline=True,
        zerolinecolor="#9aa5b1",
        rangemode="tozero",
        tickformat=",d",
    )
    return with_narrow_layout(fig)


def _first_x(fig: go.Figure):
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is not None and len(x) > 0:
            return np.asarray(x)[0]
    return None


def _first_y_labels(fig: go.Figure) -> list[str]:
    """Category labels on the y axis (horizontal bars), or none."""
    for trace in fig.data:
        y = getattr(trace, "y", None)
        if y is not None and len(y) > 0:
            # measured as drawn: markup such as <i>metering</i> takes no room
            return [re.sub(r"<[^>]+>", "", str(v)) for v in y] if isinstance(y[0], str) else []
    return []


def _has_date_x(fig: go.Figure) -> bool:
    return isinstance(_first_x(fig), date | datetime | np.datetime64)


def _unwrap(text: str | None) -> str:
    return (text or "").replace("<br>", " ")


def with_narrow_layout(fig: go.Figure) -> go.Figure:
    """Record in layout.meta the changes that fit the chart to a phone: wrapped title,
    subtitle and note, a legend under the plot (none when long: the table lists the series),
    no policy-date labels (the lines stay), slim side margins. Recomputed from the figure,
    so it may be called again after more is drawn."""
    title = wrap(_unwrap(fig.layout.title.text), NARROW_TITLE_CHARS)
    subtitle = wrap(_unwrap(fig.layout.title.subtitle.text), NARROW_SUBTITLE_CHARS)
    entries = [tr for tr in fig.data if tr.name and tr.showlegend is not False]
    legend = (
        fig.layout.showlegend is not False
        and 0 < len(entries) <= NARROW_LEGEND_MAX
        and all(len(_unwrap(tr.name)) <= NARROW_LEGEND_CHARS for tr in entries)
    )
    legend_rows = len(entries) if legend else 0
    ticks_px = 64 if isinstance(_first_x(fig), str) else 44  # category labels stand upright
    ticks_px += 20 if fig.layout.xaxis.title.text else 0
    below = ticks_px + 28 * legend_rows  # tick labels, then the legend, then the note
    changes = {
        "title.text": title,
        "title.font.size": 14,
        "title.subtitle.text": subtitle,
        "title.subtitle.font.size": 11,
        "legend.orientation": "h",
        "legend.x": 0,
        "legend.xanchor": "left",
        "legend.y": 0,
        "legend.yanchor": "top",
        "margin.l": 52,
        "margin.r": 12,
        "margin.t": 36 + 19 * (title.count("<br>") + 1) + 15 * (subtitle.count("<br>") + 1),
    }
    y_title = _unwrap(fig.layout.yaxis.title.text)
    if y_title:
        changes["yaxis.title.text"] = wrap(y_title, NARROW_SUBTITLE_CHARS - 14)
        changes["yaxis.title.font.size"] = 11
    # the note starts under the y axis's labels: plotly widens the left margin to fit them
    y_labels = _first_y_labels(fig)
    left_px = 44
    if y_labels:
        changes["yaxis.tickfont.size"] = 10
        # a low estimate of the labels' width (DejaVu Sans 10 px): too high, and the note
        # would start left of the chart and be cut off
        left_px = int(5.5 * max(len(label) for label in y_labels)) + 8
    note_lines = 0
    for i, note in enumerate(fig.layout.annotations):
        if note.name == SOURCE_NOTE:
            text = wrap(_unwrap(note.text), NARROW_NOTE_CHARS)
            note_lines = text.count("<br>") + 1
            changes[f"annotations[{i}].text"] = text
            changes[f"annotations[{i}].yshift"] = -below
            changes[f"annotations[{i}].xshift"] = -left_px
        elif note.xref == "x":
            changes[f"annotations[{i}].visible"] = False
    changes["margin.b"] = below + 13 * note_lines + 8
    # the chart grows to keep the plot's height; the legend's top sits under the tick labels
    # (paper units of the plot's own height)
    changes["height"] = max(
        CHART_NARROW_HEIGHT_PX, changes["margin.t"] + NARROW_PLOT_PX + changes["margin.b"]
    )
    plot_px = changes["height"] - changes["margin.t"] - changes["margin.b"]
    changes["legend.y"] = -(ticks_px - 4) / plot_px
    if not legend:
        changes["showlegend"] = False
    if _has_date_x(fig):
        changes["xaxis.nticks"] = 4
        changes["xaxis.tickmode"] = "auto"  # a figure's own tick list is too dense for a phone
    fig.update_layout(meta={"narrow": changes})
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
    return with_narrow_layout(fig) if fig.layout.meta else fig


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
    return with_narrow_layout(fig) if fig.layout.meta else fig
