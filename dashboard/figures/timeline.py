"""Pure DataFrame → Figure function for the `timeline` chart: every dated policy event, one row
per kind (policy, rule, court, …), key events highlighted and labelled, and `_alt` rows drawn as
a second date for the same event (joined to it by a thin line). Hover: title, date, source id.
"""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import MUTED, PALETTE, base_layout
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import SourceRows, frame_ids, note_line, rows_for, short_ref

KIND_COLORS = {
    "policy": PALETTE[0],
    "rule": PALETTE[3],
    "court": PALETTE[1],
    "litigation": PALETTE[4],
    "operational": PALETTE[2],
    "report": PALETTE[6],
}
LABEL_LEVELS = 5  # key-event labels are staggered over this many heights at the top
MAX_LABEL = 36  # longer titles are shortened on the chart (full title on hover and in the CSV)
CHAR_WIDTH = 0.0068  # a 9-px label character (with padding) as a share of a ~900 px plot
PAD = timedelta(days=120)  # the x axis runs from the first event - PAD to the last + PAD


def timeline_frame(events: pl.DataFrame) -> pl.DataFrame:
    """Dated events with `main_event_id` (an `_alt` row is a second date for its main event)
    and the kind of the main event, so both dates sit on the same row."""
    dated = events.filter(pl.col("event_date").is_not_null()).with_columns(
        main_event_id=pl.col("event_id").str.strip_suffix("_alt"),
        is_alt=pl.col("event_id").str.ends_with("_alt"),
    )
    kinds = dated.filter(~pl.col("is_alt")).select("main_event_id", main_kind=pl.col("kind"))
    return (
        dated.join(kinds, on="main_event_id", how="left")
        .with_columns(pl.col("main_kind").fill_null(pl.col("kind")))
        .sort(["event_date", "event_id"])
    )


def _hover(rows: pl.DataFrame, lang: str, titles: dict[str, str], sources: SourceRows) -> list[str]:
    col = "title_es" if lang == "es" else "title"
    out = []
    for r in rows.iter_rows(named=True):
        head = (
            t("timeline.alt_of", lang, title=titles.get(r["main_event_id"], r[col]))
            if r["is_alt"]
            else f"<b>{r[col]}</b>"
        )
        out.append(
            f"{head}<br>{fmt_date(r['event_date'], lang, r['date_precision'] or 'day')}"
            f"<br>{t('policy.kind.' + r['kind'], lang)} · {t('timeline.source', lang)}: "
            f"{short_ref(rows_for([r['source_id']], sources)[0], lang)}"
        )
    return out


def _markers(
    fig: go.Figure, rows: pl.DataFrame, lang: str, titles: dict, sources: SourceRows, **style
) -> None:
    if rows.height == 0:
        return
    fig.add_trace(
        go.Scatter(
            x=rows["event_date"],
            y=[t(f"policy.kind.{k}", lang) for k in rows["main_kind"]],
            mode="markers",
            hovertext=_hover(rows, lang, titles, sources),
            hoverinfo="text",
            **style,
        )
    )


def label_levels(starts: list[float], widths: list[float], levels: int) -> list[tuple[int, bool]]:
    """(level, right-anchored) per label, in date order: the first level whose last label ends
    before this one starts; labels that would run past the right edge (1.0) end at their date."""
    ends = [-1.0] * levels
    out = []
    for start, width in zip(starts, widths, strict=True):
        right = start + width > 1.0
        left_edge = start - width if right else start
        level = next(
            (i for i, end in enumerate(ends) if end < left_edge),
            min(range(levels), key=ends.__getitem__),
        )
        ends[level] = start if right else start + width
        out.append((level, right))
    return out


def _key_labels(fig: go.Figure, key: pl.DataFrame, lang: str, first, last) -> None:
    """Dotted lines at key events, labels staggered so that none covers another."""
    col = "title_es" if lang == "es" else "title"
    span = (last - first).days or 1
    starts = [(d - first).days / span for d in key["event_date"]]
    labels = [
        text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"
        for text in key[col]
    ]
    widths = [len(text) * CHAR_WIDTH for text in labels]
    places = label_levels(starts, widths, LABEL_LEVELS)
    for r, label, (level, right) in zip(key.iter_rows(named=True), labels, places, strict=True):
        fig.add_vline(x=r["event_date"], line={"color": "#9aa5b1", "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=r["event_date"],
            y=1.0 - 0.058 * level,
            xref="x",
            yref="paper",
            text=label,
            showarrow=False,
            yanchor="top",
            xanchor="right" if right else "left",
            font={"size": 9, "color": MUTED},
            bgcolor="rgba(255,255,255,0.85)",
        )


def timeline(events: pl.DataFrame, lang: str, *, sources: SourceRows) -> go.Figure:
    frame = timeline_frame(events)
    fig = go.Figure()
    col = "title_es" if lang == "es" else "title"
    titles = dict(zip(frame["event_id"], frame[col], strict=True))
    main = frame.filter(~pl.col("is_alt"))
    for kind, color in KIND_COLORS.items():
        _markers(
            fig,
            main.filter((pl.col("main_kind") == kind) & ~pl.col("is_key_event")),
            lang,
            titles,
            sources,
            name=t(f"policy.kind.{kind}", lang),
            marker={"size": 9, "color": color},
        )
    key = main.filter(pl.col("is_key_event"))
    _markers(
        fig,
        key,
        lang,
        titles,
        sources,
        name=t("timeline.key", lang),
        marker={
            "size": 16,
            "symbol": "diamond",
            "color": [KIND_COLORS.get(k, MUTED) for k in key["main_kind"]],
            "line": {"color": "#111827", "width": 2},
        },
    )
    alt = frame.filter(pl.col("is_alt"))
    pairs = alt.join(main.select("main_event_id", main_date="event_date"), on="main_event_id")
    xs, ys = [], []
    for r in pairs.iter_rows(named=True):
        label = t(f"policy.kind.{r['main_kind']}", lang)
        xs += [r["main_date"], r["event_date"], None]
        ys += [label, label, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": MUTED, "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    _markers(
        fig,
        alt,
        lang,
        titles,
        sources,
        name=t("timeline.alt", lang),
        marker={"size": 11, "symbol": "circle-open", "color": "#111827", "line": {"width": 2}},
    )
    if key.height:
        _key_labels(
            fig, key, lang, frame["event_date"].min() - PAD, frame["event_date"].max() + PAD
        )
    fig = base_layout(
        fig,
        t("timeline.title", lang),
        t("timeline.subtitle", lang),
        note_line(frame_ids(frame), sources, lang, t("timeline.note", lang)),
        "",
        lang=lang,
    )
    order = [t(f"policy.kind.{k}", lang) for k in reversed(KIND_COLORS)]
    if frame.height:
        fig.update_xaxes(range=[frame["event_date"].min() - PAD, frame["event_date"].max() + PAD])
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[-0.5, len(order) + 2.3],
        tickformat=None,
        rangemode=None,
        zeroline=False,
        showgrid=True,
    )
    return fig
