"""The exhibit page layout: fixed size and font, wrapped title, footnotes under the plot.

Plotly does not wrap text, so titles and footnotes are wrapped here at widths measured for
DejaVu Sans at the sizes used; the bottom margin is computed from the number of legend rows
and footnote lines so nothing overlaps, and the page grows taller rather than cramping.
"""

from __future__ import annotations

import copy
import textwrap

import plotly.graph_objects as go

from dashboard.exports.meta import ExhibitMeta, source_line
from dashboard.i18n import t

FONT = "DejaVu Sans"
WIDTH_IN, HEIGHT_IN = 6.5, 4.5
CSS_DPI = 96
WIDTH_PX = round(WIDTH_IN * CSS_DPI)  # 624
MIN_HEIGHT_PX = round(HEIGHT_IN * CSS_DPI)  # 432
MIN_PLOT_PX = 200
FOOT_SIZE, FOOT_LINE = 8.5, 11
LEGEND_ROW = 17
MAX_SOURCES = 3
MARGIN_L, MARGIN_R = 64, 18


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def footnote_lines(meta: ExhibitMeta) -> list[str]:
    """Sources, then vintage/filters/hash, then how to reproduce: wrapped plain lines."""
    lang = meta.lang
    shown = [f"({i}) {source_line(s)}" for i, s in enumerate(meta.sources[:MAX_SOURCES], 1)]
    more = len(meta.sources) - len(shown)
    sources = t("exhibit.sources", lang, n=len(meta.sources), list="; ".join(shown) or "—")
    if more > 0:
        sources += t("exhibit.more_sources", lang, n=more, figure=meta.figure_id)
    release = t("exhibit.release", lang, release=meta.release) if meta.release else ""
    vintage = t("exhibit.vintage", lang, built=meta.built_at.replace("T", " ")[:16],
                version=meta.code_version, release=release, filters=meta.filters,
                hash=meta.data_hash)
    tag = t("exhibit.tag", lang, figure=meta.figure_id)
    return [line for part in (sources, vintage, tag) for line in _wrap(part, 122)]


def legend_rows(fig: go.Figure) -> int:
    """Rows a horizontal legend needs at 624 px: ~5.6 px a character plus the symbol."""
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    rows, used = (1 if names else 0), 0
    for name in names:
        width = 46 + 5.6 * len(name)
        if used and used + width > WIDTH_PX - 40:
            rows, used = rows + 1, 0
        used += width
    return rows


def exhibit_figure(fig: go.Figure, meta: ExhibitMeta) -> go.Figure:
    """A copy of `fig` laid out as a 6.5-inch exhibit with its footnotes printed in it."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    keep = [a for a in out.layout.annotations if not (a.yref == "paper" and (a.y or 0) < 0)]
    lines = footnote_lines(meta)
    title = "<br>".join(_wrap(out.layout.title.text or "", 70))
    subtitle = "<br>".join(_wrap(out.layout.title.subtitle.text or "", 112))
    top = 46 + 13 * (title.count("<br>") + 1) + 12 * (subtitle.count("<br>") + 1)
    rows = legend_rows(out)
    legend_px = 40 + rows * LEGEND_ROW
    bottom = legend_px + 8 + FOOT_LINE * len(lines) + 6
    height = max(MIN_HEIGHT_PX, top + bottom + MIN_PLOT_PX)
    plot = height - top - bottom
    left = -(MARGIN_L - 10) / (WIDTH_PX - MARGIN_L - MARGIN_R)
    out.update_layout(
        width=WIDTH_PX, height=height, autosize=False,
        font={"family": FONT, "size": 10, "color": "#1f2933"},
        title={"text": f"<b>{title}</b>", "font": {"size": 14}, "x": 0.015, "xanchor": "left",
               "xref": "container", "y": 1 - 12 / height, "yanchor": "top", "yref": "container",
               "subtitle": {"text": subtitle, "font": {"size": 10, "color": "#4b5563"}}},
        margin={"l": MARGIN_L, "r": MARGIN_R, "t": top, "b": bottom, "autoexpand": False},
        legend={"orientation": "h", "x": left, "xanchor": "left", "y": -36 / plot,
                "yanchor": "top", "font": {"size": 9}, "tracegroupgap": 2},
        annotations=keep + [go.layout.Annotation(
            text="<br>".join(lines), xref="paper", yref="paper", x=left, xanchor="left",
            y=-(legend_px + 6) / plot, yanchor="top", showarrow=False, align="left",
            font={"size": FOOT_SIZE, "color": "#374151"})],
    )
    out.update_xaxes(title_font={"size": 10}, tickfont={"size": 9}, automargin=False)
    out.update_yaxes(title_font={"size": 10}, tickfont={"size": 9}, automargin=False)
    return out
