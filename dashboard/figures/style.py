"""The house style every figure shares: font, palette, layout, policy-date lines, the Title 42
band and the source note, so the same data gives the same picture on any machine."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from datetime import date, datetime

import numpy as np
import plotly.graph_objects as go
import polars as pl

from dashboard.i18n import (
    MONTHS_SHORT,
    fmt_date,
    fmt_day_short,
    fmt_month_short,
    plotly_markup,
    t,
)

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
# Date axes carry their own ticks, labelled in the chart's language as the glossary writes
# them (years «2019», months «ene 2019» / "Jan 2019", days «9 may 2019» / "May 9, 2019"): plotly
# would write months in English, or as "2019-01". At most this many ticks, and on phones fewer.
DATE_TICKS, NARROW_DATE_TICKS = 8, 4
NARROW_AXIS_PX = 240  # a phone's x axis: labels of about 6.5 px a character, with a gap
NARROW_LABEL_CHAR_PX, NARROW_LABEL_GAP_PX = 6.5, 14
MONTH_STEPS, YEAR_STEPS, DAY_STEPS = (1, 2, 3, 6), (1, 2, 5, 10), (1, 2, 7, 14)
# Phones (assets/accessibility.js applies layout.meta["narrow"] below NARROW_PX of chart):
# characters per line of the title, subtitle and note at about 300 px, and legend entries kept.
NARROW_TITLE_CHARS, NARROW_SUBTITLE_CHARS, NARROW_NOTE_CHARS = 28, 44, 46
NARROW_LEGEND_MAX = 6
CHART_NARROW_HEIGHT_PX = 600  # a chart's least height on a phone (assets/style.css)
NARROW_LEGEND_CHARS = 44  # a longer legend entry would run off a phone: the legend goes
SOURCE_NOTE = "source-note"
# Policy-date labels (add_event_lines): named so that the screen layout can number them, and
# what each number stands for, written into the note (numbered_event_labels).
EVENT_LABEL = "event-label"
EVENT_NUMBER_PX = 16  # a number's badge: its width, and the height of a row of badges
EVENT_NUMBER_GAP = 0.065  # share of the axis: closer numbers take the next row (phone width)
# The Title 42 band's caption: on screen it leaves the plot (where bars would hide it) for the
# key above the note, after a swatch of the band's colour (darker than the pale band, to be seen)
TITLE42_CAPTION = "title42-caption"
TITLE42_FILL, TITLE42_SWATCH, SWATCH = "#f3efe4", "#d9ccab", "■"
KEEP_ON_PHONES = "keep-on-phones"  # an annotation on the data that a phone still shows
# Horizontal bars on phones: each category's name above its bars (hidden on wide screens, where
# the axis names them), so long names no longer take the width from the bars.
BAR_LABEL = "bar-label"
BAR_BAND_PX, BAR_LABEL_RISE_PX, NARROW_BARGAP = 46, 13, 0.42
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


def date_ticks(first: date, last: date, lang: str, most: int = DATE_TICKS) -> tuple[list, list]:
    """At most `most` ticks between two dates, and their labels: first days of months on a
    regular step (January on every step), else Januaries, else days when under two months."""
    months = pl.date_range(first.replace(day=1), last, interval="1mo", eager=True).to_list()
    months = [m for m in months if m >= first]
    if len(months) >= 2:
        for step in MONTH_STEPS:
            ticks = [m for m in months if (m.month - 1) % step == 0]
            if len(ticks) <= most:
                return ticks, [fmt_month_short(d, lang) for d in ticks]
        januaries = [m for m in months if m.month == 1]
        for step in YEAR_STEPS:
            ticks = [m for m in januaries if m.year % step == 0]
            if len(ticks) <= most:
                return ticks, [str(d.year) for d in ticks]
    for step in DAY_STEPS:
        ticks = pl.date_range(first, last, interval=f"{step}d", eager=True).to_list()
        if len(ticks) <= most:
            return ticks, [fmt_day_short(d, lang) for d in ticks]
    return [], []


def date_tick_rule(lang: str) -> dict:
    """What the browser needs to write a zoomed date axis's ticks by date_ticks' own rule
    (assets/accessibility.js: dateTicks; layout.meta.date_ticks): its steps, how many ticks
    fit, wide and on a phone (narrow_ticks), and the labels' month names and order."""
    return {
        "most": DATE_TICKS,
        "narrow_most": NARROW_DATE_TICKS,
        "narrow_axis_px": NARROW_AXIS_PX,
        "narrow_label_char_px": NARROW_LABEL_CHAR_PX,
        "narrow_label_gap_px": NARROW_LABEL_GAP_PX,
        "month_steps": MONTH_STEPS,
        "year_steps": YEAR_STEPS,
        "day_steps": DAY_STEPS,
        "months": MONTHS_SHORT[lang],
        "day_first": lang == "es",  # «9 may 2019» / "May 9, 2019"
    }


def narrow_ticks(ticks: list, labels: list) -> tuple[list, list]:
    """Every k-th tick of a wide date axis (same step, same language), as many as fit a
    phone's axis (labels of about 6.5 px a character, with a gap)."""
    label_px = NARROW_LABEL_CHAR_PX * max(map(len, labels)) + NARROW_LABEL_GAP_PX
    room = int(NARROW_AXIS_PX // label_px)
    every = -(-len(ticks) // max(2, min(NARROW_DATE_TICKS, room)))
    return list(ticks[::every]), list(labels[::every])


def hover_dates(days: Iterable[date], lang: str, precision: str | Iterable[str]) -> list[str]:
    """Each date as the axis writes it, for a hover's customdata (plotly's own "%{x|%Y-%m}"
    writes ISO dates): months «ene 2023» / "Jan 2023", days «9 may 2019» / "May 9, 2019",
    years «2019». `precision` is one for all dates, or one per date."""
    days = list(days)
    precisions = [precision] * len(days) if isinstance(precision, str) else list(precision)
    return [_hover_date(day, lang, p) for day, p in zip(days, precisions, strict=True)]


def _hover_date(day: date, lang: str, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    return fmt_month_short(day, lang) if precision == "month" else fmt_day_short(day, lang)


def base_layout(
    fig: go.Figure,
    title: str,
    subtitle: str,
    source_note: str,
    y_title: str,
    x_title: str = "",
    *,
    lang: str,
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
    fig.update_xaxes(title={"text": x_title}, showgrid=False, linecolor="#9aa5b1", ticks="outside")
    extent = _date_extent(fig)
    if extent:
        ticks, labels = date_ticks(*extent, lang)
        fig.update_xaxes(
            tickmode="array", tickvals=[d.isoformat() for d in ticks], ticktext=labels, tickangle=0
        )
        fig.update_layout(meta={"date_ticks": date_tick_rule(lang)})  # for a zoomed axis
    fig.update_yaxes(
        title={"text": y_title},
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


def _category_x_labels(fig: go.Figure) -> list[str]:
    """Category labels on the x axis as drawn (markup takes no room), or none."""
    if not isinstance(_first_x(fig), str):
        return []
    return [
        re.sub(r"<[^>]+>", "", str(x))
        for trace in fig.data
        for x in (getattr(trace, "x", None) or ())
        if isinstance(x, str)
    ]


def add_bar_labels(fig: go.Figure, labels: list[str]) -> go.Figure:
    """Each horizontal bar category's name above its bars, shown on phones only (BAR_LABEL);
    `labels` in the order of the y axis, bottom first. Call before with_narrow_layout."""
    for i, label in enumerate(labels):
        fig.add_annotation(
            name=BAR_LABEL,
            text=label,
            xref="paper",
            x=0,
            xanchor="left",
            yref="y",
            y=i,
            yanchor="bottom",
            yshift=BAR_LABEL_RISE_PX,
            showarrow=False,
            visible=False,
            font={"size": 11, "color": "#1f2933"},
        )
    return fig


def _has_date_x(fig: go.Figure) -> bool:
    return isinstance(_first_x(fig), date | datetime | np.datetime64)


def _date_extent(fig: go.Figure) -> tuple[date, date] | None:
    """First and last date drawn on the x axis, or None when it is not a date axis."""
    if not _has_date_x(fig):
        return None
    days = [
        _as_date(x)
        for trace in fig.data
        if getattr(trace, "x", None) is not None
        for x in trace.x
        if x is not None and not (isinstance(x, float) and np.isnan(x))
    ]
    return (min(days), max(days)) if days else None


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
    x_labels = _category_x_labels(fig)
    # category labels stand upright, as tall as the longest (about 6.2 px a character at 10 px)
    ticks_px = int(6.2 * max(map(len, x_labels))) + 14 if x_labels else 44
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
    bar_labels = [i for i, a in enumerate(fig.layout.annotations) if a.name == BAR_LABEL]
    left_px = 44
    if x_labels:
        changes["xaxis.tickangle"] = -90
        changes["xaxis.tickfont.size"] = 10
    if bar_labels:
        changes["yaxis.showticklabels"] = False
        changes["margin.l"] = 12
        changes["bargap"] = NARROW_BARGAP
        left_px = 0
        for i in bar_labels:
            changes[f"annotations[{i}].visible"] = True
    elif y_labels:
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
        elif note.xref == "x" and note.name != KEEP_ON_PHONES:
            changes[f"annotations[{i}].visible"] = False
    changes["margin.b"] = below + 13 * note_lines + 8
    # the chart grows to keep the plot's height; the legend's top sits under the tick labels
    # (paper units of the plot's own height)
    changes["height"] = max(
        CHART_NARROW_HEIGHT_PX, changes["margin.t"] + NARROW_PLOT_PX + changes["margin.b"]
    )
    if bar_labels:  # a band of known height per category: its name fits above its bars
        changes["height"] = (
            changes["margin.t"] + BAR_BAND_PX * len(bar_labels) + changes["margin.b"]
        )
    plot_px = changes["height"] - changes["margin.t"] - changes["margin.b"]
    changes["legend.y"] = -(ticks_px - 4) / plot_px
    if not legend:
        changes["showlegend"] = False
    ticks, labels = fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext
    if _has_date_x(fig) and ticks and labels:
        changes["xaxis.tickvals"], changes["xaxis.ticktext"] = narrow_ticks(ticks, labels)
    fig.update_layout(meta={**(fig.layout.meta or {}), "narrow": changes})
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
        fillcolor=TITLE42_FILL,
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
        name=TITLE42_CAPTION,
        xanchor="left",
        yanchor="bottom",
        font={"size": 9, "color": MUTED},
        bgcolor="rgba(255,255,255,0.85)",  # legible over bars in exports (on screen: the key)
    )
    return with_narrow_layout(fig) if fig.layout.meta else fig


def add_event_lines(fig: go.Figure, events: pl.DataFrame, lang: str, first: date, last: date):
    """Dotted vertical lines at policy dates inside [first, last], labelled at the top."""
    shown = events.filter((pl.col("event_date") >= first) & (pl.col("event_date") <= last))
    title_column = "title_es" if lang == "es" else "title"
    for i, row in enumerate(shown.iter_rows(named=True)):
        # add_shape, not add_vline: the same line, without add_vline's search of the subplots
        fig.add_shape(
            type="line",
            x0=row["event_date"],
            x1=row["event_date"],
            xref="x",
            y0=0,
            y1=1,
            yref="y domain",
            line={"color": "#9aa5b1", "width": 1, "dash": "dot"},
        )
        fig.add_annotation(
            x=row["event_date"],
            y=1.0 - 0.09 * (i % 3),
            xref="x",
            yref="paper",
            text=row[title_column],
            # the title with its date: the hover text here, the key of numbered labels on screen
            hovertext=f"{row[title_column]} ({fmt_date(row['event_date'], lang)})",
            name=EVENT_LABEL,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 9, "color": MUTED},
            bgcolor="rgba(255,255,255,0.8)",
        )
    return with_narrow_layout(fig) if fig.layout.meta else fig


def numbered_event_labels(fig: go.Figure) -> go.Figure:
    """On screen: each policy-date label becomes a number above its line, and the note starts
    with what each number stands for («1 Title (date) · 2 …»). Full titles at the top of the
    plot overprint one another at any width; numbers close together take a second row, and
    stay on phones. The Title 42 band's caption, which bars would cover at the foot of the
    plot, leads the key after a swatch of the band. Exhibits keep their own stacked labels."""
    annotations = list(fig.layout.annotations)
    labels = sorted((a for a in annotations if a.name == EVENT_LABEL), key=lambda a: str(a.x))
    band = next((a for a in annotations if a.name == TITLE42_CAPTION), None)
    if not (labels or band) or not any(a.name == SOURCE_NOTE for a in annotations):
        return fig
    first, last = _x_span(fig, labels or [band])
    span = max((last - first).days, 1)
    row_ends: list[date] = []  # the last date numbered in each row
    key = []
    changed = {}  # id of an annotation → its new properties, written all at once below
    if band is not None:
        key.append(f"{SWATCH}\u00a0{band.text}")  # coloured once the lines are wrapped
        changed[id(band)] = {"visible": False}
    for number, label in enumerate(labels, start=1):
        day = _as_date(label.x)
        gap = next(
            (i for i, end in enumerate(row_ends) if (day - end).days / span >= EVENT_NUMBER_GAP),
            len(row_ends),
        )
        if gap == len(row_ends):
            row_ends.append(day)
        row_ends[gap] = day
        key.append(f"<b>{number}</b>\u00a0{label.hovertext}")  # never a number alone at a line end
        changed[id(label)] = {
            "text": f"<b>{number}</b>",
            "name": KEEP_ON_PHONES,
            "y": 1,
            "yanchor": "bottom",
            "yshift": 2 + EVENT_NUMBER_PX * gap,
            "xanchor": "center",
            "width": EVENT_NUMBER_PX - 2,
            "font": {"size": 10, "color": "#1f2933"},
            "bgcolor": "white",
            "bordercolor": "#9aa5b1",
            "borderwidth": 1,
        }
    # one assignment, not an update per label: plotly finds each label's place in the list
    # again on every property it sets (a label's font is replaced whole: it names both parts)
    fig.layout.annotations = [a.to_plotly_json() | changed.get(id(a), {}) for a in annotations]
    note = next(a for a in fig.layout.annotations if a.name == SOURCE_NOTE)
    # the key, one number a line, above the note (on phones too: the narrow layout would run
    # the lines together)
    note_text = note.text
    note.text = "<br>".join(wrap(item, 150) for item in key) + "<br>" + note_text
    grow_top = EVENT_NUMBER_PX * len(row_ends)
    grow_bottom = NOTE_LINE_PX * (note.text.count("<br>") - note_text.count("<br>"))
    margin = fig.layout.margin
    fig.update_layout(
        margin={"t": margin.t + grow_top, "b": margin.b + grow_bottom},
        height=fig.layout.height + grow_top + grow_bottom,
    )
    narrow = dict(with_narrow_layout(fig).layout.meta["narrow"])
    index = list(fig.layout.annotations).index(note)
    ran_together = narrow[f"annotations[{index}].text"]
    narrow[f"annotations[{index}].text"] = "<br>".join(
        [wrap(item, NARROW_NOTE_CHARS) for item in key]
        + [wrap(_unwrap(note_text), NARROW_NOTE_CHARS)]
    )
    more = narrow[f"annotations[{index}].text"].count("<br>") - ran_together.count("<br>")
    narrow["margin.t"] += grow_top
    narrow["margin.b"] += NOTE_LINE_PX * more
    narrow["height"] += grow_top + NOTE_LINE_PX * more
    coloured = f'<span style="color:{TITLE42_SWATCH}">{SWATCH}</span>'
    note.text = note.text.replace(SWATCH, coloured, 1)
    narrow[f"annotations[{index}].text"] = narrow[f"annotations[{index}].text"].replace(
        SWATCH, coloured, 1
    )
    fig.update_layout(meta={**fig.layout.meta, "narrow": narrow})
    return fig


def _as_date(value) -> date:
    return date.fromisoformat(str(value)[:10])


def _x_span(fig: go.Figure, labels: list) -> tuple[date, date]:
    """The x axis's fixed range, else the first and last date drawn or labelled."""
    if fig.layout.xaxis.range:
        return tuple(_as_date(v) for v in fig.layout.xaxis.range)
    days = [_as_date(a.x) for a in labels] + list(_date_extent(fig) or ())
    return min(days), max(days)
