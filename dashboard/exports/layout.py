"""The exhibit page layout: fixed size and font, wrapped title, footnotes under the plot.

Plotly does not wrap text, so titles and footnotes are wrapped here at widths measured for
DejaVu Sans at the sizes used; the bottom margin is computed from the number of legend rows
and footnote lines so nothing overlaps, and the page grows taller rather than cramping.
"""

from __future__ import annotations

import copy
import textwrap
from datetime import date, timedelta

import plotly.graph_objects as go

from dashboard.exports.meta import ExhibitMeta
from dashboard.i18n import t
from dashboard.source_refs import short_ref

FONT = "DejaVu Sans"
WIDTH_IN, HEIGHT_IN = 6.5, 4.5
CSS_DPI = 96
WIDTH_PX = round(WIDTH_IN * CSS_DPI)  # 624
MIN_HEIGHT_PX = round(HEIGHT_IN * CSS_DPI)  # 432
MIN_PLOT_PX = 230
FOOT_SIZE, FOOT_LINE = 8.5, 11
MAX_SOURCES = 3
MARGIN_R = 18


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def footnote_lines(meta: ExhibitMeta) -> list[str]:
    """Sources, then vintage/filters/hash, then how to reproduce: wrapped plain lines."""
    lang = meta.lang
    shown = [f"({i}) {short_ref(s, lang)}" for i, s in enumerate(meta.sources[:MAX_SOURCES], 1)]
    more = len(meta.sources) - len(shown)
    sources = t("exhibit.sources", lang, n=len(meta.sources), list="; ".join(shown) or "—")
    if more > 0:
        sources += t("exhibit.more_sources", lang, n=more, figure=meta.figure_id)
    release = t("exhibit.release", lang, release=meta.release) if meta.release else ""
    vintage = t(
        "exhibit.vintage",
        lang,
        built=meta.built_at.replace("T", " ")[:16],
        version=meta.code_version,
        release=release,
        filters=meta.filters,
        hash=meta.data_hash,
    )
    tag = t("exhibit.tag", lang, figure=meta.figure_id, command=meta.reproduce)
    return [line for part in (sources, vintage, tag) for line in _wrap(part, 122)]


def fit_legend(fig: go.Figure, plot_w: int) -> dict:
    """Lay a horizontal legend out in equal columns; return its settings and height in px.

    Plotly wraps a horizontal legend at the plot area's width; an entry is its text plus
    about 45 px of symbol, a row is 19 px (24 px for two-line entries at 8 px). Long legends
    go to two columns of names wrapped on two lines, so a page stays under about 11 inches.
    """
    shown = [tr for tr in fig.data if tr.name and tr.showlegend is not False]
    if not shown:
        return {"height": 0, "layout": {}}
    longest = max(len(tr.name) for tr in shown)
    text, font, pitch = min(int(5.0 * longest) + 6, plot_w - 45), 9, 19
    if len(shown) > 8 and text + 45 > plot_w // 2:
        text, font = plot_w // 2 - 45, 8
        width = int(text / 4.6)
        for tr in shown:
            tr.name = "<br>".join(_wrap(tr.name, width)[:2])
        pitch = 24 if any("<br>" in tr.name for tr in shown) else 19
    rows = -(-len(shown) // max(1, plot_w // (text + 45)))
    height = 44 + rows * pitch
    return {
        "height": height,
        "layout": {
            "font": {"size": font},
            "entrywidth": text,
            "entrywidthmode": "pixels",
            "maxheight": height,
            "tracegroupgap": 2,
        },
    }


def left_margin(fig: go.Figure) -> int:
    """Room for category labels of horizontal bars, else for numbers and the axis title."""
    labels = [
        str(y)
        for tr in fig.data
        if getattr(tr, "orientation", None) == "h"
        for y in (tr.y if tr.y is not None else ())
    ]
    if not labels:
        return 64
    return min(240, int(5.6 * max(len(label) for label in labels)) + 14)


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _x_extent(fig: go.Figure) -> tuple[date, date] | None:
    """First and last date drawn, or None when the x axis is not made of dates."""
    days = [
        _day(x)
        for tr in fig.data
        if getattr(tr, "x", None) is not None
        for x in tr.x
        if x is not None
    ]
    if not days or None in days:
        return None
    return min(days), max(days)


def stack_event_labels(fig: go.Figure, labels: list, plot_w: int, margin_l: int) -> int:
    """Fix the x range to the data; put each dated label in the first free row above the plot.

    Plotly widens an autoranged axis to fit annotation text; a fixed range stops that. A label
    hangs right of its line when it fits on the page, else left of it. Returns the row count;
    `finish_event_labels` turns rows into positions once the plot height is known.
    """
    extent = _x_extent(fig)
    if extent is None or not labels:
        return 0
    pad = max((extent[1] - extent[0]) * 0.03, timedelta(days=15))
    lo, hi = extent[0] - pad, extent[1] + pad
    fig.update_xaxes(range=[lo.isoformat(), hi.isoformat()], autorange=False)
    for a in fig.layout.annotations:  # plotly drops a dated annotation left of the axis
        if a.xref == "x" and (day := _day(a.x)) is not None and day < lo:
            a.x = lo.isoformat()
    rows: list[list[tuple[float, float]]] = []
    for label in sorted(labels, key=lambda a: str(a.x)):
        px = (_day(label.x) - lo) / (hi - lo) * plot_w
        room_right, room_left = plot_w + MARGIN_R - 4 - px, px + margin_l - 4
        width = 5.5 * len(label.text or "") + 8
        right = width > room_right and room_left > room_right
        if width > max(room_left, room_right):
            label.text = label.text[: int((max(room_left, room_right) - 8) / 5.5) - 1] + "…"
            width = max(room_left, room_right)
        span = (px - width, px) if right else (px, px + width)
        level = next(
            (
                i
                for i, row in enumerate(rows)
                if all(span[1] + 4 < a or span[0] > b + 4 for a, b in row)
            ),
            len(rows),
        )
        if level == len(rows):
            rows.append([])
        rows[level].append(span)
        label.update(
            xanchor="right" if right else "left", yanchor="bottom", y=level, bgcolor="rgba(0,0,0,0)"
        )
    return len(rows)


def _is_footer(a) -> bool:
    """The figure's own source note: paper-anchored below the plot (replaced by footnotes)."""
    return a.xref == "paper" and a.yref == "paper" and ((a.y or 0) < 0 or (a.yshift or 0) < 0)


def _unbreak(text: str | None) -> str:
    return (text or "").replace("<br>", " ")


def _wrapped_axis_title(text: str | None, length_px: int) -> str | None:
    return "<br>".join(_wrap(text, max(20, int(length_px / 6.2)))) if text else text


def exhibit_figure(fig: go.Figure, meta: ExhibitMeta) -> go.Figure:
    """A copy of `fig` laid out as a 6.5-inch exhibit with its footnotes printed in it."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    for i, trace in enumerate(out.data):  # plotly names SVG groups by a random uid otherwise
        trace.uid = f"trace-{i:03d}"
    keep = [a for a in out.layout.annotations if not _is_footer(a)]
    labels = [a for a in keep if a.xref == "x" and a.yref == "paper" and (a.y or 0) > 0.5]
    margin_l = left_margin(out)
    plot_w = WIDTH_PX - margin_l - MARGIN_R
    lines = footnote_lines(meta)
    title = "<br>".join(_wrap(_unbreak(out.layout.title.text), 70))
    subtitle = "<br>".join(_wrap(_unbreak(out.layout.title.subtitle.text), 112))
    levels = stack_event_labels(out, labels, plot_w, margin_l)
    top = 40 + 15 * (title.count("<br>") + 1) + 12 * (subtitle.count("<br>") + 1) + 12 * levels
    legend = fit_legend(out, plot_w)
    legend_px = legend["height"]
    bottom = legend_px + 8 + FOOT_LINE * len(lines) + 6
    height = max(MIN_HEIGHT_PX, top + bottom + MIN_PLOT_PX)
    plot = height - top - bottom
    for label in labels:
        label.y = 1 + (4 + 12 * label.y) / plot
    left = -(margin_l - 10) / plot_w
    out.update_layout(
        width=WIDTH_PX,
        height=height,
        autosize=False,
        font={"family": FONT, "size": 10, "color": "#1f2933"},
        title={
            "text": f"<b>{title}</b>",
            "font": {"size": 14},
            "x": 0.015,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - 12 / height,
            "yanchor": "top",
            "yref": "container",
            "subtitle": {"text": subtitle, "font": {"size": 10, "color": "#4b5563"}},
        },
        margin={"l": margin_l, "r": MARGIN_R, "t": top, "b": bottom, "autoexpand": False},
        legend={
            "orientation": "h",
            "x": left,
            "xanchor": "left",
            "y": -32 / plot,
            "yanchor": "top",
            **legend["layout"],
        },
    )
    out.layout.annotations = [
        *keep,
        go.layout.Annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=left,
            xanchor="left",
            y=-(legend_px + 6) / plot,
            yanchor="top",
            showarrow=False,
            align="left",
            font={"size": FOOT_SIZE, "color": "#374151"},
        ),
    ]
    out.update_xaxes(title_font={"size": 10}, tickfont={"size": 9}, automargin=False)
    out.update_yaxes(title_font={"size": 10}, tickfont={"size": 9}, automargin=False)
    # only the left axis title is wrapped; a right-hand axis keeps its own title
    out.layout.yaxis.title.text = _wrapped_axis_title(out.layout.yaxis.title.text, plot)
    return out
