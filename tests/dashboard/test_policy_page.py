"""/policy: figure and text functions on small frames; the page's numbers come from the marts
and match a second implementation (statsmodels) fed from CBP's raw file; downloads follow
the URL parameters and carry the verdict, range and placebo p."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from dashboard import data
from dashboard.figures.policy import policy_its
from dashboard.figures.timeline import label_levels, timeline, timeline_frame
from dashboard.policy.text import (
    effects_rows,
    fiscal_years_text,
    its_summary,
    shared_caveats,
    shared_caveats_text,
)

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
        "verdict_en": "clear change",
        "verdict_es": "cambio claro",
        "spec_low": 60.2,
        "spec_high": 120.9,
        "spec_n": 7,
        "placebo_p": 0.032,
        "placebo_n": 30,
    }
    return row | over


def test_its_chart_has_band_fitted_lines_dashed_counterfactual_and_event():
    fig = policy_its(fit_frame(), INFO, "en")
    names = [tr.name for tr in fig.data]
    assert {
        "Model-based 95% band",
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


def test_chart_leads_with_the_verdict_range_and_placebo_p():
    line = "Verdict: clear change. Level change at the event date: +94 encounters; ..."
    fig = policy_its(fit_frame(), INFO | {"verdict_line": line}, "en")
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert subtitle.startswith("Verdict: clear change.")
    assert "does not by itself show that the policy caused it" in subtitle


def test_summary_leads_with_verdict_range_and_placebo_then_the_model_based_interval():
    en = its_summary(effect(), INFO, "en")
    assert en.startswith(
        "Verdict: clear change. Level change at the event date: +94 encounters; across "
        "specifications +60 to +121 (7 specifications); placebo p = 0.032 (30 dates with no "
        "key event)."
    )
    assert "Model-based 95% CI (Newey–West; likely too narrow): 81 to 108, p < 0.001." in en
    es = its_summary(effect(), INFO | {"unit_label": "encuentros"}, "es")
    assert es.startswith("Veredicto: cambio claro. Cambio de nivel en la fecha del hecho: +94")
    assert "p placebo = 0.032 (30 fechas sin ningún hecho clave)" in es
    assert "IC 95% basado en el modelo" in es and "81 a 108, p < 0.001" in es
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
    assert rows[0]["verdict"] == "clear change" and rows[0]["level"] == "+94 encounters"
    assert rows[0]["range"] == "+60 to +121 (7 specifications)"
    assert rows[0]["placebo"] == "placebo p = 0.032 (30 dates with no key event)"
    assert rows[0]["model_ci"] == "81 to 108, p < 0.001"
    assert rows[1]["verdict"] == "not estimated" and rows[1]["placebo"] == "—"
    assert rows[1]["note"] == "Not estimated: too few points (0 before, 0 after)."


def test_a_caveat_several_rows_share_is_said_once_and_named_by_number():
    # hand-written caveats: "Short." is in all three estimated rows, "Rounded." in two,
    # "Seasonal." in one; the refused row's reason is not counted
    caveats = ("Short. Rounded. Seasonal.", "Short. Rounded.", "Short.")
    effects = pl.DataFrame(
        [
            *(effect(series_id=s, caveat_en=c) for s, c in zip("abc", caveats, strict=True)),
            effect(series_id="d", is_estimable=False, caveat_en="Short. Rounded."),
        ]
    )
    series = pl.DataFrame(
        {"series_id": ["a", "b", "c", "d"], "title_en": list("ABCD"), "title_es": list("ABCD")}
    )
    shared = shared_caveats(effects, "en")
    assert shared == ["Short.", "Rounded."]
    assert shared_caveats_text(shared, "en").endswith(": (1) Short. (2) Rounded.")
    notes = [r["note"] for r in effects_rows(effects, series, "en")]
    assert notes == [
        "Seasonal. Shared caveats: 1, 2.",
        "Shared caveats: 1, 2.",
        "Shared caveats: 1.",
        "Short.",
    ]
    assert shared_caveats_text([], "en") == ""


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
    fig = timeline(events(), "en", sources={})  # synthetic ids: named bare
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


CBP_SW_CSV = (
    Path(__file__).parents[2]
    / "data/raw/official/cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
)
MONTHS = ("OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP")


def cbp_monthly_ofo() -> dict[date, int]:
    """CBP's southwest CSV summed by month for OFO, read with the csv module only."""
    totals: dict[date, int] = {}
    with CBP_SW_CSV.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["Component"] != "Office of Field Operations":
                continue
            fy, i = int(row["Fiscal Year"][:4]), MONTHS.index(row["Month (abbv)"])
            month = date(fy - 1 if i < 3 else fy, (i + 9) % 12 + 1, 1)
            totals[month] = totals.get(month, 0) + int(row["Encounter Count"].replace(",", ""))
    return totals


def statsmodels_its(months: list[date], values: dict[date, int], event: date):
    """Second implementation: OLS y = b0 + b1 t + b2 post + b3 t post, Newey-West (HAC) with
    the lag rule floor(4 (n/100)^(2/9)) and the small-sample correction, Student t."""
    import statsmodels.api as sm

    t = np.array([(m.year - event.year) * 12 + m.month - event.month for m in months], float)
    post = (t >= 0).astype(float)
    x = np.column_stack([np.ones_like(t), t, post, t * post])
    y = np.array([values[m] for m in months], float)
    lags = int(np.floor(4 * (len(t) / 100) ** (2 / 9)))
    fit = sm.OLS(y, x).fit().get_robustcov_results("HAC", maxlags=lags, use_correction=True)
    low, high = fit.conf_int()[2]
    return fit.params[2], low, high


@pytest.mark.usefixtures("use_built_marts")
def test_title42_ends_ofo_12_months_matches_statsmodels_on_cbps_own_file(marts_con):
    """Expected value from OUTSIDE the code: statsmodels fed from CBP's raw southwest CSV
    (12 months before Title 42 ended, May 2022 - Apr 2023, and 12 after, Jun 2023 - May 2024;
    May 2023 left out). Issue 10 gives the same model on CBP's figures as +16,812 (95% CI
    12,863 to 20,761); the old doubled series gave +33,628."""
    values = cbp_monthly_ofo()
    months = [date(2022 + (4 + i) // 12, (4 + i) % 12 + 1, 1) for i in range(25)]
    months.remove(date(2023, 5, 1))
    level, low, high = statsmodels_its(months, values, date(2023, 5, 1))
    assert round(level) == 16812 and round(low) == 12863 and round(high) == 20761
    row = data.policy_effects("title42_ends", 12).filter(pl.col("series_id") == "ofo_sw_total")
    assert row["level_change"][0] == pytest.approx(level, rel=1e-9)
    assert (row["ci_low"][0], row["ci_high"][0]) == pytest.approx((low, high), rel=1e-9)
    assert row["ci_basis"][0] == "model_based_hac"
    for column in ("placebo_n", "placebo_p", "spec_low", "spec_high", "spec_n", "verdict_en"):
        assert row[column][0] is not None
    assert row["spec_low"][0] <= level <= row["spec_high"][0]
    fit = data.policy_fit("title42_ends", "ofo_sw_total", 12).filter(pl.col("period") == "after")
    gap = (fit["fitted"] - fit["counterfactual"]).to_numpy()
    slope = row["slope_change"][0]
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
    for column in ("verdict_en", "level_change", "spec_low", "spec_high", "placebo_p", "ci_basis"):
        assert rows[0][column] and len({r[column] for r in rows}) == 1
    assert client.get("/download/policy-its.csv?event=nope").status_code == 400
    timeline_rows = client.get("/download/timeline.csv").data.decode().splitlines()
    assert timeline_rows[0].startswith("event_id,event_date")


def test_part_fiscal_years_are_labelled_fytd_with_their_months():
    years = pl.DataFrame(
        {
            "fiscal_year": [2024, 2025],
            "label": ["FY2024", "FY2025 FYTD"],
            "value": [1530523, 229183],
            "months": [12, 11],
            "is_part_year": [False, True],
            "first_month": [date(2023, 10, 1), date(2024, 10, 1)],
            "last_month": [date(2024, 9, 1), date(2025, 8, 1)],
        }
    )
    en = fiscal_years_text(years, "en")
    assert "FY2024: 1,530,523 · FY2025 FYTD (Oct 2024 – Aug 2025): 229,183" in en
    es = fiscal_years_text(years, "es")
    assert "año fiscal 2025, parcial (oct 2024 – ago 2025): 229,183" in es


def test_usbp_fy2025_has_11_months_and_says_fytd(marts_con):
    """CBP's southwest file ends in August 2025: 11 months of FY2025 (Oct 2024 - Aug 2025)."""
    label, months = marts_con.execute(
        "select label, months from marts.policy_series_fiscal_years "
        "where series_id = 'usbp_sw_total' and fiscal_year = 2025"
    ).fetchone()
    assert months == 11 and label == "FY2025 FYTD (Oct 2024 – Aug 2025)"
