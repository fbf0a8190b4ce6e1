"""Pure DataFrame → Figure functions for the official CBP/OHSS series on the /ports page.

Built on figure_style (base_layout, add_event_lines) and source_refs.note_line; the city view is in
figures_compare.py. Encounters are events by field office or sector, not people; OHSS rounds
to the nearest 10 and CBP files do not, so every note names the releases drawn and says when
rounded figures are among them.
"""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import (
    PALETTE,
    add_event_lines,
    add_title42_band,
    base_layout,
)
from dashboard.i18n import catalogue, fmt_date, fmt_int, fmt_month_short, t
from dashboard.source_refs import SourceRows, frame_ids, note_line, release_labels

BAR_GREY = "#b8c2cc"


def label(prefix: str, value: str, lang: str) -> str:
    """The catalogue's name for a data value (e.g. a demographic), or the value itself."""
    key = f"{prefix}.{value}"
    return t(key, lang) if key in catalogue(lang) else value


def area_label(area: str, lang: str) -> str:
    """ "San Diego Field Office" → «Oficina de campo de San Diego»; "Del Rio Sector" → «Sector…»."""
    for suffix, key in ((" Field Office", "area.field_office"), (" Sector", "area.sector")):
        if area.endswith(suffix):
            return t(key, lang, name=area.removesuffix(suffix))
    return area


def month_hover(rows: pl.DataFrame, lang: str, sources: SourceRows) -> list[tuple[str, str]]:
    """Per row: its month as the axis writes it («ene 2023» / "Jan 2023"), and its release
    by name."""
    months = [fmt_month_short(m, lang) for m in rows["month"]]
    named = [release_labels([r], sources, lang) for r in rows["release"].to_list()]
    return list(zip(months, named, strict=True))


def release_note(frame: pl.DataFrame, lang: str, sources: SourceRows) -> str:
    """Which releases the rows come from (by name), and the rounding rule when OHSS rows are
    among them."""
    if frame.height == 0:
        return ""
    releases = release_labels(frame["release"].to_list(), sources, lang)
    if not releases:
        return ""
    note = t("ports.note.releases", lang, releases=releases)
    if "is_rounded" in frame.columns and frame["is_rounded"].fill_null(False).any():
        note += " " + t("ports.note.rounded", lang)
    return note


def finish_layout(
    fig: go.Figure,
    frame: pl.DataFrame,
    events: pl.DataFrame,
    lang: str,
    title: str,
    subtitle: str,
    y_title: str,
    date_column: str = "month",
    extra: str = "",
    *,
    sources: SourceRows,
) -> go.Figure:
    if frame.height:
        first, last = frame[date_column].min(), frame[date_column].max()
        add_event_lines(fig, events, lang, first, last)
        add_title42_band(fig, events, lang, first, last)
        # Annotations widen an autorange: pin the axis to the data.
        fig.update_xaxes(range=[first - timedelta(days=20), last + timedelta(days=20)])
    else:
        fig.add_annotation(
            text=t("ports.empty", lang),
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 14},
        )
    note = " ".join(part for part in (release_note(frame, lang, sources), extra) if part)
    fig = base_layout(
        fig, title, subtitle, note_line(frame_ids(frame), sources, lang, note), y_title, lang=lang
    )
    if frame.height == 0:
        fig.update_xaxes(visible=False).update_yaxes(visible=False)
    return fig


def _compact_bottom(fig: go.Figure) -> go.Figure:
    """No legend under the plot: pull the source note up to the axis and shrink the margin."""
    for note in fig.layout.annotations:
        if (note.xref, note.yref, note.x, note.y, note.yanchor) == ("paper", "paper", 0, 0, "top"):
            note.update(yshift=-42)
            bottom = 56 + 13 * note.text.count("<br>")
            fig.update_layout(
                margin={"b": bottom}, height=fig.layout.height - fig.layout.margin.b + bottom
            )
    return fig


def _legend_right(fig: go.Figure) -> go.Figure:
    """Many named lines: a column legend at the right keeps the footer clear."""
    fig.update_layout(
        legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top"}, margin={"r": 190}
    )
    return _compact_bottom(fig)


def encounters_by_area(
    frame: pl.DataFrame,
    events: pl.DataFrame,
    lang: str,
    component: str,
    filters_text: str = "",
    *,
    sources: SourceRows,
) -> go.Figure:
    """One line per field office (OFO) or Border Patrol sector (USBP), month by month."""
    fig = go.Figure()
    areas = sorted(frame["area_of_responsibility"].unique().to_list()) if frame.height else []
    for i, area in enumerate(areas):
        # A month missing from the preferred series (e.g. Sep 2024) breaks the line.
        rows = (
            frame.filter(pl.col("area_of_responsibility") == area)
            .sort("month")
            .upsample("month", every="1mo")
        )
        fig.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["encounters"],
                mode="lines",
                name=area_label(area, lang),
                line={"color": PALETTE[i % len(PALETTE)], "width": 1.8},
                customdata=month_hover(rows, lang, sources),
                hovertemplate=f"{area_label(area, lang)}<br>%{{customdata[0]}}: %{{y:,d}}"
                "<br>%{customdata[1]}<extra></extra>",
            )
        )
    kind = "office" if component == "OFO" else "sector"
    subtitle = t(f"chart.{kind}.subtitle", lang) + (f" {filters_text}" if filters_text else "")
    return _legend_right(
        finish_layout(
            fig,
            frame,
            events,
            lang,
            t(f"chart.{kind}.title", lang),
            subtitle,
            t("axis.encounters_per_month", lang),
            extra=t("ports.note.events", lang),
            sources=sources,
        )
    )


def cbp_one_monthly(
    frame: pl.DataFrame, events: pl.DataFrame, lang: str, *, sources: SourceRows
) -> go.Figure:
    """CBP One appointments per month (all citizenships) as bars."""
    shown = frame.filter(pl.col("appointments").is_not_null())
    fig = go.Figure(
        go.Bar(
            x=shown["month"],
            y=shown["appointments"],
            name=t("chart.cbp_one.legend", lang),
            marker={"color": PALETTE[2]},
            customdata=month_hover(shown, lang, sources),
            hovertemplate="%{customdata[0]}: %{y:,d}<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig = finish_layout(
        fig,
        frame,
        events,
        lang,
        t("chart.cbp_one.title", lang),
        t("chart.cbp_one.subtitle", lang),
        t("axis.appointments_per_month", lang),
        extra=t("chart.cbp_one.note", lang),
        sources=sources,
    )
    return _compact_bottom(fig.update_layout(showlegend=False))


def peak_summary(
    frame: pl.DataFrame,
    lang: str,
    value: str = "encounters",
    group: str | None = "area_of_responsibility",
    *,
    sources: SourceRows,
) -> str:
    """Period covered, the highest month (where and which release) and the latest month."""
    shown = frame.filter(pl.col(value).is_not_null())
    if shown.height == 0:
        return t("ports.empty", lang)
    peak = shown.sort([value, "month"], descending=[True, False]).row(0, named=True)
    last = shown.filter(pl.col("month") == shown["month"].max())
    where = area_label(peak[group], lang) if group else t("chart.cbp_one.legend", lang)
    return t(
        "ports.summary",
        lang,
        first=fmt_date(shown["month"].min(), lang, "month"),
        last=fmt_date(shown["month"].max(), lang, "month"),
        where=where,
        peak=fmt_int(peak[value]),
        peak_month=fmt_date(peak["month"], lang, "month"),
        release=release_labels([peak["release"]], sources, lang),
        latest=fmt_int(last[value].sum()),
    )


def filters_text(dims: dict, lang: str) -> str:
    """The breakdown filters in force, and why earlier months drop out when one is set."""
    shown = [label(f"dim.{name}", value, lang) for name, value in dims.items() if value]
    return t("ports.note.breakdown", lang, filters=" · ".join(shown)) if shown else ""
