"""Pure DataFrame → Figure functions (no Dash, no SQL), shared by pages and exports.

Every figure sets a title, a subtitle, axis titles with units, a source note and a fixed
installed font, so the same data gives the same picture on any machine. Counts that count
different things (people, names, families, list numbers; metering lists vs Title 42 lists
or camp counts) are never joined into one line: each gets its own trace and marker.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import (
    KEEP_ON_PHONES,
    PALETTE,
    UNIT_SYMBOLS,
    add_event_lines,
    add_title42_band,
    base_layout,
    wrap,
)
from dashboard.i18n import fmt_date, fmt_int, fmt_qualified, plotly_markup, t
from dashboard.source_refs import SourceRows, frame_ids, note_line, rows_for, short_ref

OFF_SCALE_LINE_CHARS = 34  # the off-scale registry label fits a phone's chart (360 px)

TITLE42_START = date(2020, 3, 20)  # asylum processing at ports stopped: metering lists froze


def research_editions(totals: pl.DataFrame, title42: bool = False) -> pl.DataFrame:
    """Research-series totals of people, before Title 42 (or from it on), one row per source."""
    era = pl.col("as_of_date") >= TITLE42_START
    return totals.filter(
        (pl.col("series") == "metering_update")
        & pl.col("is_comparable")
        & (pl.col("count_unit") == "people")
        & (era if title42 else ~era)
    ).sort("as_of_date", "source_id")


def peak_edition(totals: pl.DataFrame) -> dict | None:
    """The highest research-series count of people before Title 42, as its source states it."""
    editions = research_editions(totals)
    if editions.height == 0:
        return None
    return editions.sort(["people_waiting_total", "as_of_date"], descending=[True, False]).row(
        0, named=True
    )


def qualified_total(row: dict, lang: str) -> str:
    """ "about 26,000", "more than 18,700": the total with the source's qualifier."""
    return fmt_qualified(row["count_qualifier"], row["people_waiting_total"], None, lang)


def _agreed_line(editions: pl.DataFrame) -> tuple[list, list, list]:
    """x, y, sources of a line through the dates whose sources agree; a gap where they differ."""
    xs, ys, notes = [], [], []
    for (day,), rows in editions.group_by(["as_of_date"], maintain_order=True):
        agreed = rows["people_waiting_total"].n_unique() == 1
        xs.append(day)
        ys.append(rows["people_waiting_total"][0] if agreed else None)
        notes.append(", ".join(rows["source_id"].to_list()))
    return xs, ys, notes


def _disputed(editions: pl.DataFrame) -> pl.DataFrame:
    """Rows on dates where sources give different totals: each drawn, none chosen."""
    return editions.filter(pl.col("people_waiting_total").n_unique().over("as_of_date") > 1)


def _points(fig, rows: pl.DataFrame, name: str, marker: dict, lang: str) -> None:
    words = [qualified_total(r, lang) for r in rows.iter_rows(named=True)]
    fig.add_trace(
        go.Scatter(
            x=rows["as_of_date"],
            y=rows["people_waiting_total"],
            mode="markers",
            name=name,
            marker=marker,
            customdata=list(zip(words, rows["report"], rows["source_id"], strict=True)),
            hovertemplate="%{x|%Y-%m-%d}: %{customdata[0]}<br>%{customdata[1]}"
            "<br>%{customdata[2]}<extra></extra>",
        )
    )


def waitlist_border_total(
    totals: pl.DataFrame, events: pl.DataFrame, lang: str, *, sources: SourceRows
) -> go.Figure:
    """Border-wide totals as the sources drew them.

    The research series is a line only through dates whose sources agree, and breaks at
    20 March 2020 (Title 42): the later editions count lists frozen or kept under Title 42
    and get their own dashed line. Where sources disagree on a date, each total is a marker
    (never a median). A count of names is never joined to counts of people, and press
    tallies stay markers.
    """
    fig = go.Figure()
    eras = (
        (research_editions(totals), "chart.border_total.editions", {"width": 2.5}),
        (research_editions(totals, True), "chart.border_total.title42", {"dash": "dash"}),
    )
    for i, (editions, label, line) in enumerate(eras):
        xs, ys, line_ids = _agreed_line(editions)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                connectgaps=False,
                name=t(label, lang),
                line={"color": PALETTE[0 if i == 0 else 2], **line},
                marker={"size": 8},
                customdata=[[s] for s in line_ids],
                hovertemplate="%{x|%Y-%m}: %{y:,d}<br>%{customdata[0]}<extra></extra>",
            )
        )
    disputed = pl.concat([_disputed(e) for e, _, _ in eras])
    if disputed.height:
        marker = {"size": 9, "symbol": "diamond", "color": PALETTE[0]}
        _points(fig, disputed, t("chart.border_total.disputed", lang), marker, lang)
    names = totals.filter(pl.col("count_unit") != "people")
    if names.height:
        marker = {"size": 10, "symbol": "square-open", "color": PALETTE[3], "line": {"width": 2}}
        _points(fig, names, t("chart.border_total.names", lang), marker, lang)
    others = totals.filter(
        ((pl.col("series") != "metering_update") | ~pl.col("is_comparable"))
        & (pl.col("count_unit") == "people")
    )
    marker = {"size": 9, "symbol": "circle-open", "color": PALETTE[1], "line": {"width": 2}}
    _points(fig, others, t("chart.border_total.press", lang), marker, lang)
    if totals.height:
        first, last = totals["as_of_date"].min(), totals["as_of_date"].max()
        add_title42_band(fig, events, lang, first, last)
        add_event_lines(fig, events, lang, first, last)
    note = note_line(frame_ids(totals), sources, lang, t("chart.border_total.note", lang))
    return base_layout(
        fig,
        t("chart.border_total.title", lang),
        t("chart.border_total.subtitle", lang),
        note,
        t("axis.people_on_lists", lang),
        lang=lang,
    )


def waitlist_by_city(
    snapshots: pl.DataFrame, events: pl.DataFrame, lang: str, *, sources: SourceRows
) -> go.Figure:
    """Counts per city over time: one trace per city × unit × kind of list, never mixed."""
    fig = go.Figure()
    counted = counted_snapshots(snapshots)
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
        # a line never crosses 20 March 2020: the frozen lists after it are drawn apart
        title42 = pl.col("as_of_date") >= TITLE42_START
        eras = [era for era in (rows.filter(~title42), rows.filter(title42)) if era.height]
        for era in eras:
            words = [
                fmt_qualified(r["count_qualifier"], r["people_waiting"], None, lang)
                for r in era.iter_rows(named=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=era["as_of_date"],
                    y=era["people_waiting"],
                    name=city,  # one legend entry per city; the marker shape tells the unit
                    legendgroup=city,
                    showlegend=city not in shown_cities,
                    mode="lines+markers" if is_metering else "markers",
                    line={"color": PALETTE[cities.index(city) % len(PALETTE)], "width": 2},
                    marker={
                        "size": 8,
                        "symbol": UNIT_SYMBOLS[unit] + ("" if is_metering else "-open"),
                    },
                    customdata=list(zip(words, era["source_id"], strict=True)),
                    hovertemplate=f"{city} · {plotly_markup(what)}<br>%{{x|%Y-%m-%d}}: "
                    "%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
                )
            )
            shown_cities.add(city)
    if counted.height:
        first, last = counted["as_of_date"].min(), counted["as_of_date"].max()
        add_title42_band(fig, events, lang, first, last)
        add_event_lines(fig, events, lang, first, last)
    note = note_line(frame_ids(counted), sources, lang, t("chart.by_city.note", lang))
    title = (
        t("chart.by_city.title", lang)
        if len(cities) != 1
        else t("chart.by_city.title_one", lang, city=cities[0])
    )
    subtitle = t("chart.by_city.subtitle", lang)
    if counted.height:
        subtitle += "<br>" + _shape_key(counted["count_unit"].to_list(), lang)
    fig = base_layout(fig, title, subtitle, note, t("axis.count_as_stated", lang), lang=lang)
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
            name=KEEP_ON_PHONES,
            # short lines: one long line ran off a phone's chart (and over the policy labels)
            text=wrap(
                plotly_markup(
                    t(
                        "chart.by_city.off_scale",
                        lang,
                        city=r["city"],
                        n=fmt_int(r["people_waiting"], lang),
                        unit=t("unit." + r["count_unit"], lang),
                        date=fmt_date(r["as_of_date"], lang, r["date_precision"]),
                    )
                ),
                OFF_SCALE_LINE_CHARS,
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
    editions = research_editions(totals)
    if editions.height == 0:
        return t("empty", lang)
    first, last = editions.row(0, named=True), editions.row(-1, named=True)
    peak = peak_edition(totals)
    return t(
        "chart.border_total.summary",
        lang,
        first_n=qualified_total(first, lang),
        first_date=fmt_date(first["as_of_date"], lang, first["date_precision"]),
        peak_n=qualified_total(peak, lang),
        peak_date=fmt_date(peak["as_of_date"], lang, peak["date_precision"]),
        last_n=qualified_total(last, lang),
        last_date=fmt_date(last["as_of_date"], lang, last["date_precision"]),
        editions=editions["as_of_date"].n_unique(),
    )


def counted_snapshots(snapshots: pl.DataFrame) -> pl.DataFrame:
    """The rows the city chart draws (and the overview tile counts): those with a count."""
    return snapshots.filter(pl.col("people_waiting").is_not_null())


def by_city_summary(snapshots: pl.DataFrame, lang: str, *, sources: SourceRows) -> str:
    counted = counted_snapshots(snapshots)
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
            source=short_ref(rows_for([row["source_id"]], sources)[0], lang),
        )
    return text
