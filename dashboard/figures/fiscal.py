"""Encounters per U.S. fiscal year and field office (or sector): pure frame → figure and text.

The frame is marts.encounters_fiscal_year as data.encounters_fiscal_year returns it: one row
per area and fiscal year, each from one release. A part year (is_partial_year) is labelled
FYTD with the months it covers, so it is never read as a whole year.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.encounters import area_label, release_note
from dashboard.figures.style import PALETTE, base_layout
from dashboard.i18n import fmt_int, fmt_month_short, t
from dashboard.source_refs import SourceRows, frame_ids, note_line, release_labels


def year_label(row: dict, lang: str) -> str:
    """ "FY2025", or "FY2024 FYTD" for a part year (its months are in the note and hover)."""
    key = "chart.fiscal.part_year" if row["is_partial_year"] else "chart.fiscal.year"
    return t(key, lang, year=row["fiscal_year"])


def months_text(row: dict, lang: str) -> str:
    first, last = (fmt_month_short(row[c], lang) for c in ("first_month", "last_month"))
    return t("chart.fiscal.hover", lang, months=row["months_covered"], first=first, last=last)


def part_year_note(frame: pl.DataFrame, lang: str) -> str:
    """ "FYTD, a part year: FY2024 FYTD (11 months, Oct 2023 to Aug 2024)." or ""."""
    part = frame.filter(pl.col("is_partial_year")).unique("fiscal_year").sort("fiscal_year")
    years = [f"{year_label(r, lang)} ({months_text(r, lang)})" for r in part.iter_rows(named=True)]
    return t("chart.fiscal.part_note", lang, years="; ".join(years)) if years else ""


def with_year_labels(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    labels = [year_label(row, lang) for row in frame.iter_rows(named=True)]
    return frame.with_columns(pl.Series("year_label", labels, dtype=pl.String))


def fiscal_year_totals(
    frame: pl.DataFrame, lang: str, component: str = "OFO", *, sources: SourceRows
) -> go.Figure:
    """Grouped bars: one bar per area within each fiscal year, years in order."""
    fig = go.Figure()
    shown = with_year_labels(frame.sort("fiscal_year", "area_of_responsibility"), lang)
    order = shown.unique("fiscal_year", maintain_order=True)["year_label"].to_list()
    areas = sorted(shown["area_of_responsibility"].unique().to_list())
    for i, area in enumerate(areas):
        rows = shown.filter(pl.col("area_of_responsibility") == area)
        hover = [
            f"{months_text(r, lang)}; {release_labels([r['release']], sources, lang)}"
            for r in rows.iter_rows(named=True)
        ]
        fig.add_trace(
            go.Bar(
                x=rows["year_label"].to_list(),
                y=rows["encounters"].to_list(),
                name=area_label(area, lang),
                marker={"color": PALETTE[i % len(PALETTE)]},
                customdata=hover,
                hovertemplate=f"{area_label(area, lang)}<br>%{{x}}: %{{y:,d}}<br>"
                "%{customdata}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    extra = " ".join(
        filter(None, (part_year_note(frame, lang), release_note(frame, lang, sources)))
    )
    note = note_line(frame_ids(frame), sources, lang, extra)
    fig = base_layout(
        fig,
        t(f"chart.fiscal.title.{component}", lang),
        t("chart.fiscal.subtitle", lang),
        note,
        t("chart.fiscal.axis", lang),
        lang=lang,
    )
    return fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)


def fiscal_year_summary(frame: pl.DataFrame, lang: str) -> str:
    """The latest fiscal year's largest area, and whether that year is a part year."""
    if frame.height == 0:
        return t("chart.fiscal.empty", lang)
    latest = frame.filter(pl.col("fiscal_year") == frame["fiscal_year"].max())
    top = latest.sort(["encounters", "area_of_responsibility"], descending=[True, False]).row(
        0, named=True
    )
    label = year_label(top, lang)
    text = t(
        "chart.fiscal.summary",
        lang,
        year=label,
        area=area_label(top["area_of_responsibility"], lang),
        n=fmt_int(top["encounters"], lang),
    )
    if top["is_partial_year"]:
        text += " " + part_year_note(latest, lang)
    return text
