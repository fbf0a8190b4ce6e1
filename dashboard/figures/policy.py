"""Pure DataFrame → Figure function for /policy: one series around one event (interrupted time
series: the points, fitted pre/post lines, their 95% band and the counterfactual, dashed).

No Dash, no SQL. The facts a figure prints (titles, the estimate) come in a plain `info` dict
built by dashboard/policy/view.py, so each function can be tested on a five-row frame.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.style import PALETTE, base_layout
from dashboard.i18n import fmt_date, t

INK = "#1f2933"
BAND = "rgba(31, 90, 137, 0.16)"
LINE = {"before": PALETTE[0], "after": PALETTE[1]}


def _band(fig: go.Figure, part: pl.DataFrame, period: str, lang: str) -> None:
    """The 95% band of the fitted line (upper edge, then lower edge filled up to it)."""
    show = period == "before"
    fig.add_trace(
        go.Scatter(
            x=part["date"],
            y=part["band_high"],
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            legendgroup="band",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=part["date"],
            y=part["band_low"],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=BAND,
            name=t("policy.its.band", lang),
            showlegend=show,
            legendgroup="band",
            hoverinfo="skip",
        )
    )


def _fit_traces(fig: go.Figure, fit: pl.DataFrame, lang: str) -> None:
    fitted = fit.filter(pl.col("fitted").is_not_null())
    for period in ("before", "after"):
        part = fitted.filter(pl.col("period") == period)
        if part.height == 0:
            continue
        _band(fig, part, period, lang)
        name = t(f"policy.its.fitted_{period}", lang)
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["fitted"],
                mode="lines",
                name=name,
                line={"color": LINE[period], "width": 3},
                hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra>" + name + "</extra>",
            )
        )
    after = fitted.filter(pl.col("counterfactual").is_not_null())
    if after.height:
        fig.add_trace(
            go.Scatter(
                x=after["date"],
                y=after["counterfactual"],
                mode="lines",
                line={"color": LINE["before"], "width": 2, "dash": "dash"},
                name=t("policy.its.counterfactual", lang),
                hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra>"
                + t("policy.its.counterfactual", lang)
                + "</extra>",
            )
        )


def policy_its(fit: pl.DataFrame, info: dict, lang: str) -> go.Figure:
    """The series in the window, the event line, fitted pre/post lines with their 95% band and
    the pre-event line carried on (dashed). `info`: series_title, unit_label, event_title,
    event_date, date_precision, window, source_note; `verdict_line` (verdict, estimate,
    range, placebo p) when estimated, `not_estimated` when there is no fit."""
    fig = go.Figure()
    _fit_traces(fig, fit, lang)
    fig.add_trace(
        go.Scatter(
            x=fit["date"],
            y=fit["value"],
            mode="markers",
            name=t("policy.its.points", lang),
            marker={"size": 8, "color": INK, "line": {"color": "white", "width": 1}},
            hovertemplate="%{x|%Y-%m-%d}: %{y:,.1~f} " + info["unit_label"] + "<extra></extra>",
        )
    )
    when = fmt_date(info["event_date"], lang, info["date_precision"])
    fig.add_vline(x=info["event_date"], line={"color": "#374151", "width": 1.5, "dash": "dot"})
    fig.add_annotation(
        x=info["event_date"],
        y=1.0,
        xref="x",
        yref="paper",
        showarrow=False,
        text=f"{info['event_title']} ({when})",
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 10, "color": INK},
        bgcolor="rgba(255,255,255,0.85)",
    )
    if info.get("not_estimated"):
        fig.add_annotation(
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            text=info["not_estimated"],
            font={"size": 12, "color": PALETTE[1]},
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor=PALETTE[1],
        )
    title = t("policy.its.title", lang, series=info["series_title"], event=info["event_title"])
    subtitle = t("policy.its.subtitle", lang, k=info["window"], date=when)
    if info.get("verdict_line"):
        # the image itself leads with the verdict, the estimate, its range and placebo p
        subtitle = " ".join([info["verdict_line"], subtitle, t("policy.its.caveat", lang)])
    fig = base_layout(fig, title, subtitle, info["source_note"], info["unit_label"], lang=lang)
    fig.update_yaxes(tickformat=",~f", range=headroom(fit))
    return fig


def headroom(fit: pl.DataFrame) -> list[float] | None:
    """A y range from zero (or the lowest value) with room at the top for the event label."""
    cols = [c for c in ("value", "band_high", "band_low", "counterfactual") if c in fit.columns]
    values = fit.select(pl.concat_list(cols).explode().drop_nulls()).to_series()
    if values.is_empty():
        return None
    low, high = min(0.0, values.min()), max(0.0, values.max())
    return [low, high + 0.2 * ((high - low) or 1.0)]
