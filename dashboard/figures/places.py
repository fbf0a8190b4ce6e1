"""Maps of Mexican border cities and U.S. ports (pure DataFrame → Figure, no Dash, no SQL).

Drawn on plotly's own geographic base (scattergeo): no map tiles are fetched from the
internet. The outlines come from the Natural Earth topojson shipped in dashboard/assets, and
every place sits at its U.S. port's coordinates from marts.ports (a Mexican city is drawn at
the port across from it; the city's own coordinates are not in the marts).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import FONT, MUTED, PALETTE, wrap
from dashboard.i18n import fmt_date, fmt_int, plotly_markup, t
from dashboard.source_refs import SourceRows, frame_ids, note_line

BORDER_VIEW = {"lon": (-118.5, -96.5), "lat": (24.8, 33.6)}
TOPOJSON_URL = "/assets/topojson/"  # dcc.Graph config: the base map is served by the app


def _size(values: pl.Series, largest: float = 46, top: float | None = None) -> list[float]:
    """Marker diameters whose area follows the value (`top`, by default the largest value,
    gets `largest`), so markers of one map compare across its traces."""
    top = top or max((v for v in values.to_list() if v), default=0)
    return [8 + (largest - 8) * math.sqrt(v / top) if top and v else 8 for v in values.to_list()]


def _markers(rows: pl.DataFrame, name: str, size, color: str, hover: list[str]):
    """One trace of places at their ports' coordinates (`size`: one or one per row)."""
    return go.Scattergeo(
        lon=rows["lon"],
        lat=rows["lat"],
        text=rows["port_name"] if "port_name" in rows.columns else None,
        mode="markers",
        name=name,
        marker={
            "size": size,
            "color": color,
            "opacity": 0.72,
            "line": {"width": 1, "color": "white"},
        },
        hovertext=hover,
        hoverinfo="text",
    )


def base_map(fig: go.Figure, title: str, subtitle: str, note: str) -> go.Figure:
    fig.update_geos(
        scope="north america",
        resolution=50,
        showland=True,
        landcolor="#f3f4f6",
        showcountries=True,
        countrycolor="#6b7280",
        showsubunits=True,
        subunitcolor="#d1d5db",
        showlakes=False,
        showocean=True,
        oceancolor="#eef4f8",
        lonaxis_range=list(BORDER_VIEW["lon"]),
        lataxis_range=list(BORDER_VIEW["lat"]),
        projection_type="mercator",
    )
    fig.update_layout(
        title={
            "text": plotly_markup(title),
            "subtitle": {"text": plotly_markup(wrap(subtitle, 90)), "font": {"color": MUTED}},
            "x": 0.01,
            "xanchor": "left",
        },
        font={"family": FONT, "size": 12, "color": "#1f2933"},
        margin={"l": 10, "r": 10, "t": 80, "b": 90},
        paper_bgcolor="white",
        showlegend=len(fig.data) > 1,
        legend={"orientation": "h", "y": -0.02, "x": 0, "yanchor": "top"},
    )
    fig.add_annotation(
        text=plotly_markup(wrap(note, 110)),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-40,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 10, "color": MUTED},
    )
    return fig


def waitlist_map(latest: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    """Each city's last count in the period, one marker per city at its port; the unit and the
    list kind are named in the hover and the legend, so different units are never merged."""
    fig = go.Figure()
    groups = latest.group_by(["count_unit", "list_kind"], maintain_order=True)
    for i, ((unit, kind), rows) in enumerate(groups):
        hover = [
            f"<b>{r['city']}</b> ({r['us_port']})<br>"
            f"{t('qualifier.' + r['count_qualifier'], lang)} {fmt_int(r['people_waiting'], lang)}"
            f" {t('unit.' + r['count_unit'], lang)}<br>"
            f"{fmt_date(r['as_of_date'], lang, r['date_precision'])} · "
            f"{plotly_markup(t('list_kind.' + r['list_kind'], lang))}"
            for r in rows.iter_rows(named=True)
        ]
        trace = _markers(
            rows,
            plotly_markup(f"{t('unit.' + unit, lang)} · {t('list_kind.' + kind, lang)}"),
            _size(rows["people_waiting"], top=latest["people_waiting"].max()),
            PALETTE[i % len(PALETTE)],
            hover,
        )
        fig.add_trace(
            trace.update(text=rows["city"], mode="markers+text", textposition="bottom center")
        )
    return base_map(
        fig,
        t("map.waitlists.title", lang),
        t("map.waitlists.subtitle", lang),
        note_line(frame_ids(latest), sources, lang, t("map.note.place", lang)),
    )


def turnback_map(by_port: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    """Turnback records per named U.S. port, incidents and aggregate reports apart."""
    fig = go.Figure()
    for i, kind in enumerate(("incident", "aggregate")):
        rows = by_port.filter(pl.col("record_type") == kind)
        hover = [
            f"<b>{r['port_name']}</b> ({r['mx_city']})<br>"
            + t("map.turnbacks.hover", lang, n=r["records"], kind=t("record_type." + kind, lang))
            for r in rows.iter_rows(named=True)
        ]
        size = _size(rows["records"], 36, by_port["records"].max())
        fig.add_trace(_markers(rows, t("record_type." + kind, lang), size, PALETTE[i], hover))
    return base_map(
        fig,
        t("map.turnbacks.title", lang),
        t("map.turnbacks.subtitle", lang),
        note_line(frame_ids(by_port), sources, lang, t("map.note.place", lang)),
    )


def office_map(offices: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    """Each field office's encounters over the period, drawn over every port of the office
    (the same total at each of its ports: the files have no port field)."""
    fig = go.Figure()
    totals = offices.unique("area_of_responsibility", maintain_order=True)
    sizes = dict(zip(totals["area_of_responsibility"], _size(totals["encounters"]), strict=True))
    for i, office in enumerate(totals["area_of_responsibility"]):
        rows = offices.filter(pl.col("area_of_responsibility") == office)
        hover = [
            f"<b>{r['port_name']}</b> ({office})<br>"
            + t("map.offices.hover", lang, n=fmt_int(r["encounters"], lang))
            for r in rows.iter_rows(named=True)
        ]
        name = f"{office}: {fmt_int(rows['encounters'][0], lang)}"
        fig.add_trace(_markers(rows, name, sizes[office], PALETTE[i % len(PALETTE)], hover))
    period = (
        t(
            "map.offices.period",
            lang,
            first=fmt_date(offices["first_month"].min(), lang, "month"),
            last=fmt_date(offices["last_month"].max(), lang, "month"),
            months=offices["months"].max(),
        )
        if offices.height
        else ""
    )
    fig = base_map(
        fig,
        t("map.offices.title", lang),
        " ".join(p for p in (period, t("map.offices.subtitle", lang)) if p),
        note_line(frame_ids(offices), sources, lang, t("map.note.place", lang)),
    )
    return fig.update_layout(showlegend=True)


def office_ranking(offices: pl.DataFrame, lang: str) -> str:
    """The offices in order of volume with their ports: the text under the map."""
    if offices.height == 0:
        return t("map.offices.none", lang)
    ranked = offices.group_by("area_of_responsibility", maintain_order=True).agg(
        pl.col("encounters").first(), pl.col("port_name").sort().str.join(", ")
    )
    items = [
        t(
            "map.offices.item",
            lang,
            i=i,
            office=r["area_of_responsibility"],
            n=fmt_int(r["encounters"], lang),
            ports=r["port_name"],
        )
        for i, r in enumerate(ranked.iter_rows(named=True), 1)
    ]
    return t("map.offices.ranking", lang, items="; ".join(items))


def count_ranking(frame: pl.DataFrame, lang: str, key: str, label: str, value: str) -> str:
    """ "Largest first" text under a map: each place and its value."""
    if frame.height == 0:
        return t("empty", lang)
    totals = (
        frame.group_by(label, maintain_order=True)
        .agg(pl.col(value).sum())
        .sort([value, label], descending=[True, False])
    )
    items = ", ".join(
        f"{r[label]} ({fmt_int(r[value], lang)})" for r in totals.iter_rows(named=True)
    )
    return t(key, lang, items=items)


def latest_counts_text(latest: pl.DataFrame, lang: str) -> str:
    """Each city's last count in the period, largest first within each unit, words kept."""
    if latest.height == 0:
        return t("empty", lang)
    rows = latest.sort(["count_unit", "people_waiting"], descending=[False, True])
    items = "; ".join(
        f"{r['city']}: {t('qualifier.' + r['count_qualifier'], lang)} "
        f"{fmt_int(r['people_waiting'], lang)} {t('unit.' + r['count_unit'], lang)} "
        f"({t('list_kind.' + r['list_kind'], lang)}, "
        f"{fmt_date(r['as_of_date'], lang, r['date_precision'])})".replace("  ", " ")
        for r in rows.iter_rows(named=True)
    )
    return t("map.waitlists.summary", lang, items=items)
