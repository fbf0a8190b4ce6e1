"""Pure DataFrame → Figure functions (no Dash, no SQL), shared by pages and exports.

Every figure sets a title, a subtitle, axis titles with units, a source note and a fixed
installed font, so the same data gives the same picture on any machine. Counts that count
different things (people, names, families, list numbers; metering lists vs Title 42 lists
or camp counts) are never joined into one line: each gets its own trace and marker.
"""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import (
    PALETTE,
    UNIT_SYMBOLS,
    add_event_lines,
    add_title42_band,
    base_layout,
)
from dashboard.i18n import fmt_date, fmt_int, plotly_markup, t
from dashboard.source_refs import frame_ids, lookup, note_line, short_ref


def waitlist_border_total(totals: pl.DataFrame, events: pl.DataFrame, lang: str) -> go.Figure:
    """Border-wide totals: research-series editions as a line, press tallies as markers."""
    fig = go.Figure()
    editions = (
        totals.filter((pl.col("series") == "metering_update") & pl.col("is_comparable"))
        .group_by("as_of_date")
        .agg(pl.col("people_waiting_total").median(), pl.col("source_id").sort().str.join(", "))
        .sort("as_of_date")
    )
    others = totals.filter((pl.col("series") != "metering_update") | ~pl.col("is_comparable"))
    fig.add_trace(
        go.Scatter(
            x=editions["as_of_date"],
            y=editions["people_waiting_total"],
            mode="lines+markers",
            name=t("chart.border_total.editions", lang),
            line={"color": PALETTE[0], "width": 2.5},
            marker={"size": 8},
            customdata=editions.select("source_id").to_numpy(),
            hovertemplate="%{x|%Y-%m}: %{y:,d}<br>%{customdata[0]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=others["as_of_date"],
            y=others["people_waiting_total"],
            mode="markers",
            name=t("chart.border_total.press", lang),
            marker={"size": 9, "symbol": "circle-open", "color": PALETTE[1], "line": {"width": 2}},
            customdata=others.select("report", "source_id").to_numpy(),
            hovertemplate="%{x|%Y-%m-%d}: %{y:,d}<br>%{customdata[0]}<br>%{customdata[1]}"
            "<extra></extra>",
        )
    )
    if totals.height:
        first, last = totals["as_of_date"].min(), totals["as_of_date"].max()
        add_title42_band(fig, events, lang, first, last)
        add_event_lines(fig, events, lang, first, last)
    note = note_line(frame_ids(totals), lang, t("chart.border_total.note", lang))
    return base_layout(
        fig,
        t("chart.border_total.title", lang),
        t("chart.border_total.subtitle", lang),
        note,
        t("axis.people_on_lists", lang),
    )


def waitlist_by_city(snapshots: pl.DataFrame, events: pl.DataFrame, lang: str) -> go.Figure:
    """Counts per city over time: one trace per city × unit × kind of list, never mixed."""
    fig = go.Figure()
    counted = snapshots.filter(pl.col("people_waiting").is_not_null())
    groups = counted.partition_by(
        ["city", "count_unit", "list_kind"], maintain_order=True, as_dict=True
    )
    cities = sorted(counted["city"].unique().to_list())
    shown_cities: set[str] = set()
    for (city, unit, kind), rows in sorted(groups.items()):
        rows = rows.sort("as_of_date")
        is_metering = kind == "metering_list"
        what = f"{t('unit.' + unit, lang)}" + (
            "" if is_metering else f" · {t('list_kind.' + kind, lang)}"
        )
        fig.add_trace(
            go.Scatter(
                x=rows["as_of_date"],
                y=rows["people_waiting"],
                name=city,  # one legend entry per city; the marker shape tells the unit
                legendgroup=city,
                showlegend=city not in shown_cities,
                mode="lines+markers" if is_metering else "markers",
                line={"color": PALETTE[cities.index(city) % len(PALETTE)], "width": 2},
                marker={"size": 8, "symbol": UNIT_SYMBOLS[unit] + ("" if is_metering else "-open")},
                customdata=rows.select("count_qualifier", "source_id").to_numpy(),
                hovertemplate=f"{city} · {plotly_markup(what)}<br>%{{x|%Y-%m-%d}}: %{{y:,d}}"
                " (%{customdata[0]})<br>%{customdata[1]}<extra></extra>",
            )
        )
        shown_cities.add(city)
    if counted.height:
        first, last = counted["as_of_date"].min(), counted["as_of_date"].max()
        add_title42_band(fig, events, lang, first, last)
        add_event_lines(fig, events, lang, first, last)
    note = note_line(frame_ids(counted), lang, t("chart.by_city.note", lang))
    title = (
        t("chart.by_city.title", lang)
        if len(cities) != 1
        else t("chart.by_city.title_one", lang, city=cities[0])
    )
    subtitle = t("chart.by_city.subtitle", lang)
    if counted.height:
        subtitle += "<br>" + _shape_key(counted["count_unit"].to_list(), lang)
    fig = base_layout(fig, title, subtitle, note, t("axis.count_as_stated", lang))
    return _fit_city_axes(_legend_below(fig, len(cities)), counted, lang)


# The marker shapes of style.UNIT_SYMBOLS as text, for the key in the subtitle.
SHAPE_GLYPHS = {
    "people": "●",
    "names": "■",
    "families": "◆",
    "list_numbers": "▲",
    "registrations": "★",
    "camp_population": "✕",
    "cases": "✚",
}


def _shape_key(units: list[str], lang: str) -> str:
    """What each marker shape counts, for the units drawn (a line of text, any width)."""
    drawn = set(units)
    return " · ".join(f"{g} {t('unit.' + u, lang)}" for u, g in SHAPE_GLYPHS.items() if u in drawn)


def _legend_below(fig: go.Figure, entries: int, per_row: int = 6) -> go.Figure:
    """City names in rows under the plot (never a scrolling column), the source note under
    them, and a bottom margin that holds both."""
    rows = -(-entries // per_row)
    note = next(a for a in fig.layout.annotations if a.yref == "paper" and a.yshift)
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.13, "yanchor": "top"},
        margin={"r": 30, "b": 70 + 22 * rows + 14 * note.text.count("<br>")},
    )
    note.update(yshift=-(58 + 22 * rows))
    return fig


def _fit_city_axes(fig: go.Figure, counted: pl.DataFrame, lang: str) -> go.Figure:
    """Pin the x axis to the counts; when an online registry's count dwarfs every list
    count, keep the axis on the lists and mark the registry count at the top, off scale."""
    if counted.height == 0:
        return fig
    first, last = counted["as_of_date"].min(), counted["as_of_date"].max()
    pad = timedelta(days=max(20, (last - first).days // 40))
    fig.update_xaxes(range=[first - pad, last + pad])
    if (last - first).days < 2 * 365:
        fig.update_xaxes(dtick="M1" if (last - first).days < 200 else "M3", tickformat="%Y-%m")
    is_registry = pl.col("list_kind") == "online_registry"
    lists, registries = counted.filter(~is_registry), counted.filter(is_registry)
    if lists.height == 0 or registries.height == 0:
        return fig
    if registries["people_waiting"].max() <= 2 * lists["people_waiting"].max():
        return fig
    top = lists["people_waiting"].max() * 1.15
    fig.update_yaxes(range=[0, top])
    for r in registries.filter(pl.col("people_waiting") > top).iter_rows(named=True):
        fig.add_annotation(
            x=r["as_of_date"],
            y=top,
            yref="y",
            text=plotly_markup(
                t(
                    "chart.by_city.off_scale",
                    lang,
                    city=r["city"],
                    n=fmt_int(r["people_waiting"], lang),
                    unit=t("unit." + r["count_unit"], lang),
                    date=fmt_date(r["as_of_date"], lang, r["date_precision"]),
                )
            ),
            showarrow=True,
            arrowhead=2,
            ax=0,
            ay=36,
            xanchor="right",
            yanchor="top",
            font={"size": 10},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return fig


def border_total_summary(totals: pl.DataFrame, lang: str) -> str:
    editions = totals.filter((pl.col("series") == "metering_update") & pl.col("is_comparable"))
    if editions.height == 0:
        return t("empty", lang)
    first = editions.sort("as_of_date").row(0, named=True)
    peak = editions.sort(["people_waiting_total", "as_of_date"], descending=[True, False]).row(
        0, named=True
    )
    last = editions.sort("as_of_date").row(-1, named=True)
    return t(
        "chart.border_total.summary",
        lang,
        first_n=fmt_int(first["people_waiting_total"]),
        first_date=fmt_date(first["as_of_date"], lang, first["date_precision"]),
        peak_n=fmt_int(peak["people_waiting_total"]),
        peak_date=fmt_date(peak["as_of_date"], lang, peak["date_precision"]),
        last_n=fmt_int(last["people_waiting_total"]),
        last_date=fmt_date(last["as_of_date"], lang, last["date_precision"]),
        editions=editions["as_of_date"].n_unique(),
    )


def by_city_summary(snapshots: pl.DataFrame, lang: str) -> str:
    counted = snapshots.filter(pl.col("people_waiting").is_not_null())
    if counted.height == 0:
        return t("empty", lang)
    largest = counted.filter(pl.col("count_unit").is_in(["people", "names"])).sort(
        ["people_waiting", "as_of_date"], descending=[True, False]
    )
    cities = sorted(counted["city"].unique().to_list())
    text = t(
        "chart.by_city.summary" if len(cities) > 1 else "chart.by_city.summary_one",
        lang,
        n=counted.height,
        cities=len(cities),
        city=cities[0],
        first=fmt_date(counted["as_of_date"].min(), lang),
        last=fmt_date(counted["as_of_date"].max(), lang),
    )
    if largest.height:
        row = largest.row(0, named=True)
        text += " " + t(
            "chart.by_city.summary_largest",
            lang,
            n=fmt_int(row["people_waiting"]),
            unit=t("unit." + row["count_unit"], lang),
            city=row["city"],
            date=fmt_date(row["as_of_date"], lang, row["date_precision"]),
            source=short_ref(lookup([row["source_id"]])[row["source_id"]], lang),
        )
    return text
