"""/policy: figure and text functions on small frames; the data functions reproduce
marts.policy_effects; downloads follow the URL parameters."""

from __future__ import annotations

import csv
import io
from datetime import date

import polars as pl
import pytest

from dashboard import data
from dashboard.figures.policy import policy_its
from dashboard.figures.timeline import label_levels, timeline, timeline_frame
from dashboard.policy_text import effects_rows, its_summary

INFO = {
    "series_title": "OFO encounters",
    "unit_label": "encounters",
    "event_title": "Title 42 expires",
    "event_date": date(2023, 5, 11),
    "date_precision": "day",
    "window": 3,
    "source_note": "Sources (1): s1",
}


def fit_frame() -> pl.DataFrame:
    t = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0]
    fitted = [10.0, 11.0, 12.0, 20.0, 21.0, 22.0]
    return pl.DataFrame(
        {
            "date": [
                date(2023, 2, 1),
                date(2023, 3, 1),
                date(2023, 4, 1),
                date(2023, 6, 1),
                date(2023, 7, 1),
                date(2023, 8, 1),
            ],
            "t_months": t,
            "value": [10.5, 10.8, 12.1, 19.7, 21.4, 21.9],
            "period": ["before"] * 3 + ["after"] * 3,
            "fitted": fitted,
            "band_low": [f - 1 for f in fitted],
            "band_high": [f + 1 for f in fitted],
            "counterfactual": [None, None, None, 14.0, 15.0, 16.0],
        }
    )


def effect(**over) -> dict:
    row = {
        "series_id": "ofo_sw_total",
        "unit": "encounters",
        "is_estimable": True,
        "level_change": 94.5,
        "ci_low": 81.2,
        "ci_high": 108.4,
        "p_value": 0.0004,
        "slope_change": -2.25,
        "slope_ci_low": -3.5,
        "slope_ci_high": -1.0,
        "slope_p_value": 0.012,
        "n_before": 12,
        "n_after": 12,
        "hac_lags": 2,
        "method": "its_segmented_ols_hac",
        "caveat_en": "Short series (24 points).",
        "caveat_es": "Serie corta (24 puntos).",
    }
    return row | over


def test_its_chart_has_band_fitted_lines_dashed_counterfactual_and_event():
    fig = policy_its(fit_frame(), INFO, "en")
    names = [tr.name for tr in fig.data]
    assert {
        "95% confidence band",
        "Fitted trend, before",
        "Fitted trend, after",
        "Pre-event trend carried on (counterfactual)",
        "Published values",
    } <= set(names)
    dashed = next(tr for tr in fig.data if (tr.name or "").startswith("Pre-event"))
    assert dashed.line.dash == "dash" and list(dashed.y) == [14.0, 15.0, 16.0]
    assert fig.layout.title.text == "OFO encounters: before and after “Title 42 expires”"
    notes = [a.text for a in fig.layout.annotations]
    assert "Title 42 expires (May 11, 2023)" in notes
    assert any(n.startswith("Sources (1): s1") for n in notes)
    assert list(fig.layout.xaxis.ticktext)[:2] == ["Feb 2023", "Mar 2023"]


def test_refused_estimate_draws_points_and_the_reason_only():
    frame = fit_frame().with_columns(
        [
            pl.lit(None, pl.Float64).alias(c)
            for c in ("fitted", "band_low", "band_high", "counterfactual")
        ]
    )
    fig = policy_its(frame, INFO | {"not_estimated": "Not estimated: too few points."}, "es")
    assert [tr.name for tr in fig.data] == ["Valores publicados"]
    assert "Not estimated: too few points." in [a.text for a in fig.layout.annotations]
    assert list(fig.layout.xaxis.ticktext)[0] == "feb 2023"


def test_summary_writes_intervals_as_the_glossary_does():
    es = its_summary(effect(), INFO | {"unit_label": "encuentros"}, "es")
    assert "+94 encuentros (IC 95%: 81 a 108), p < 0.001" in es
    assert "Cambio de pendiente: −2.2 encuentros por mes (IC 95%: −3.5 a −1.0), p = 0.012" in es
    assert "Puntos: 12 antes, 12 después" in es and es.endswith("Serie corta (24 puntos).")
    refused = its_summary(
        effect(
            is_estimable=False,
            caveat_en="Not estimated: too few points (2 before, 0 after). Other events.",
        ),
        INFO,
        "en",
    )
    assert refused.startswith("Not estimated: too few points") and "CI" not in refused


def test_effects_table_puts_estimates_first_and_reasons_instead_of_numbers():
    effects = pl.DataFrame(
        [
            effect(
                series_id="pace_tijuana",
                unit="persons_per_day",
                is_estimable=False,
                caveat_en="Not estimated: too few points (0 before, 0 after). Other key events.",
            ),
            effect(),
        ]
    )
    series = pl.DataFrame(
        {
            "series_id": ["ofo_sw_total", "pace_tijuana"],
            "title_en": ["OFO encounters", "Pace"],
            "title_es": ["OFO", "Ritmo"],
        }
    )
    rows = effects_rows(effects, series, "en")
    assert [r["series"] for r in rows] == ["OFO encounters", "Pace"]
    assert rows[0]["level"] == "+94 encounters (95% CI: 81 to 108)"
    assert rows[1]["level"] == "not estimated" and rows[1]["p_value"] == "—"
    assert rows[1]["note"] == "Not estimated: too few points (0 before, 0 after)."


def events() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": ["title42_ends", "title42_ends_alt", "clp_rule", "aol_filed", "memo"],
            "event_date": [
                date(2023, 5, 11),
                date(2023, 5, 12),
                date(2023, 5, 16),
                date(2017, 7, 12),
                date(2018, 4, 27),
            ],
            "date_precision": ["day"] * 5,
            "title": [
                "Title 42 expires",
                "Alternate end date",
                "Pathways rule",
                "Suit filed",
                "Memo",
            ],
            "title_es": ["Termina el Título 42", "Otra fecha", "Regla", "Demanda", "Memorando"],
            "kind": ["policy", "policy", "rule", "litigation", "policy"],
            "is_key_event": [True, False, False, False, True],
            "source_id": ["s1", "s2", "s3", "s4", "s5"],
        }
    )


def test_timeline_draws_alt_dates_on_the_main_events_row_and_highlights_key_events():
    frame = timeline_frame(events())
    alt = frame.filter(pl.col("is_alt")).row(0, named=True)
    assert alt["main_event_id"] == "title42_ends" and alt["main_kind"] == "policy"
    fig = timeline(events(), "en")
    key = next(tr for tr in fig.data if tr.name == "Key event (used in the estimates)")
    assert len(key.x) == 2 and key.marker.symbol == "diamond"
    second = next(tr for tr in fig.data if tr.name == "Second date from another source")
    assert (
        list(second.y) == ["Policy"]
        and "Second date for: <b>Title 42 expires</b>" in (second.hovertext[0])
        and "source: s2" in second.hovertext[0]
    )
    assert {tr.name for tr in fig.data} >= {"Rule", "Litigation"}


def test_key_event_labels_on_one_level_never_overlap():
    starts = [0.1, 0.15, 0.2, 0.5, 0.55, 0.9, 0.95]
    widths = [0.3] * len(starts)
    places = label_levels(starts, widths, 5)
    spans: dict[int, list[tuple[float, float]]] = {}
    for s, w, (level, right) in zip(starts, widths, places, strict=True):
        spans.setdefault(level, []).append((s - w, s) if right else (s, s + w))
    for items in spans.values():
        items.sort()
        assert all(a[1] <= b[0] for a, b in zip(items, items[1:], strict=False))
    assert places[-1][1] is True  # the last label ends at its date


@pytest.mark.usefixtures("use_built_marts")
def test_fit_reproduces_the_level_change_in_marts_policy_effects(marts_con):
    level, slope = marts_con.execute(
        "select level_change, slope_change from marts.policy_effects where event_id = "
        "'title42_ends' and series_id = 'ofo_sw_total' and window_months = 12 "
        "and method = 'its_segmented_ols_hac'"
    ).fetchone()
    row = data.policy_effects("title42_ends", 12).filter(pl.col("series_id") == "ofo_sw_total")
    assert row["level_change"][0] == pytest.approx(level, rel=1e-12)
    assert round(level) == 33628  # the number the page shows: +33,628 (95% CI: 25,730 to 41,526)
    fit = data.policy_fit("title42_ends", "ofo_sw_total", 12).filter(pl.col("period") == "after")
    gap = (fit["fitted"] - fit["counterfactual"]).to_numpy()
    assert gap == pytest.approx(level + slope * fit["t_months"].to_numpy(), rel=1e-9)
    assert fit.height == 12


def test_policy_csv_download_follows_the_url_and_refuses_unknown_events(dash_app):
    client = dash_app.server.test_client()
    response = client.get(
        "/download/policy-its.csv?event=title42_order&series=usbp_sw_total&window=6"
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    assert len(rows) == 12 and {r["event_id"] for r in rows} == {"title42_order"}
    assert {r["series_id"] for r in rows} == {"usbp_sw_total"}
    assert client.get("/download/policy-its.csv?event=nope").status_code == 400
    timeline_rows = client.get("/download/timeline.csv").data.decode().splitlines()
    assert timeline_rows[0].startswith("event_id,event_date")
