"""Pure DataFrame → Figure functions (no Dash, no SQL), shared by pages and exports.

Every figure sets a title, a subtitle, axis titles with units, a source note and a fixed
installed font, so the same data gives the same picture on any machine. Counts that count
different things (people, names, families, list numbers; metering lists vs Title 42 lists
or camp counts) are never joined into one line: each gets its own trace and marker.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figure_style import (
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
    for (city, unit, kind), rows in sorted(groups.items()):
        rows = rows.sort("as_of_date")
        is_metering = kind == "metering_list"
        name = (
            city
            if unit == "people" and is_metering
            else (
                f"{city} · {t('unit.' + unit, lang)}"
                + ("" if is_metering else f" · {t('list_kind.' + kind, lang)}")
            )
        )
        fig.add_trace(
            go.Scatter(
                x=rows["as_of_date"],
                y=rows["people_waiting"],
                name=name,
                mode="lines+markers" if is_metering else "markers",
                line={"color": PALETTE[cities.index(city) % len(PALETTE)], "width": 2},
                marker={"size": 8, "symbol": UNIT_SYMBOLS[unit] + ("" if is_metering else "-open")},
                customdata=rows.select("count_qualifier", "source_id").to_numpy(),
                hovertemplate=f"{city}<br>%{{x|%Y-%m-%d}}: %{{y:,d}} {t('unit.' + unit, lang)}"
                " (%{customdata[0]})<br>%{customdata[1]}<extra></extra>",
            )
        )
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
    return base_layout(
        fig, title, t("chart.by_city.subtitle", lang), note, t("axis.count_as_stated", lang)
    )


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
    fig.update_layout(
        barmode="group",
        margin={"l": 230},
        legend={"y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    fig.update_xaxes(tickformat=",d", dtick=None, showgrid=True, gridcolor="#e5e7eb")
    fig.update_yaxes(tickformat=None, rangemode=None)
    return fig


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
