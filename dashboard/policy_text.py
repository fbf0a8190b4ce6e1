"""Words and numbers for /policy: the estimate in a sentence, the effects table, the timeline
summary. Intervals follow the glossary: "(95% CI: 81 to 108)" / «(IC 95%: 81 a 108)».
"""

from __future__ import annotations

import re

import polars as pl

from dashboard.figures.timeline import timeline_frame
from dashboard.i18n import fmt_date, t

EFFECT_COLUMNS = ("series", "level", "slope", "p_value", "n", "note")


def digits_for(*values: float | None) -> int:
    """Decimals that keep the numbers readable: none from 100 up, one from 1, else two."""
    biggest = max((abs(v) for v in values if v is not None), default=0)
    return 0 if biggest >= 100 else 1 if biggest >= 1 else 2


def signed(value: float, digits: int) -> str:
    return f"{value:+,.{digits}f}".replace("-", "−")


def plain(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace("-", "−")


def with_ci(value: float, low: float, high: float, lang: str, unit: str = "") -> str:
    """ "+33,628 encounters (95% CI: 25,730 to 41,526)" / «… (IC 95%: 25,730 a 41,526)»."""
    d = digits_for(value, low, high)
    return t(
        "policy.ci",
        lang,
        value=signed(value, d),
        unit=f" {unit}" if unit else "",
        low=plain(low, d),
        high=plain(high, d),
    )


def p_text(p: float | None) -> str:
    if p is None:
        return "—"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def first_sentence(text: str | None) -> str:
    return (text or "").split(". ")[0].rstrip(".") + "." if text else ""


def caveat(effect: dict, lang: str) -> str:
    return effect["caveat_es" if lang == "es" else "caveat_en"] or ""


def sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=\.)\s+(?=[A-ZÁÉÍÓÚÑ¿])", text or "") if x]


def shared_caveats(effects: pl.DataFrame, lang: str) -> list[str]:
    """Caveat sentences that every estimated row carries (said once, above the table)."""
    rows = [sentences(caveat(e, lang)) for e in effects.iter_rows(named=True) if e["is_estimable"]]
    return [x for x in rows[0] if all(x in r for r in rows[1:])] if rows else []


def its_summary(effect: dict | None, info: dict, lang: str) -> str:
    """Level change with CI and p, slope change with CI, n before/after, method and caveat."""
    if effect is None:
        return info.get("not_estimated") or t("policy.summary.no_row", lang)
    if not effect["is_estimable"]:
        return caveat(effect, lang)
    n = t("policy.summary.n", lang, before=effect["n_before"], after=effect["n_after"])
    unit = info["unit_label"]
    level = with_ci(effect["level_change"], effect["ci_low"], effect["ci_high"], lang, unit)
    slope = with_ci(
        effect["slope_change"],
        effect["slope_ci_low"],
        effect["slope_ci_high"],
        lang,
        t("policy.per_month", lang, unit=unit),
    )
    return " ".join(
        [
            t("policy.summary.level", lang, value=level, p=p_text(effect["p_value"])),
            t("policy.summary.slope", lang, value=slope, p=p_text(effect["slope_p_value"])),
            n,
            t("policy.summary.method", lang, lags=effect["hac_lags"], method=effect["method"]),
            t("policy.summary.caveats", lang, text=caveat(effect, lang)),
        ]
    )


def effects_rows(effects: pl.DataFrame, series: pl.DataFrame, lang: str) -> list[dict]:
    """One table row per series: numbers with CIs, or the reason the estimate is refused.
    Estimated rows first, each group in registry order; caveats shared by every estimated row
    are left to `shared_caveats`."""
    title = "title_es" if lang == "es" else "title_en"
    names = dict(zip(series["series_id"], series[title], strict=True))
    order = {s: i for i, s in enumerate(series["series_id"])}
    shared = set(shared_caveats(effects, lang))
    rows = []
    for e in effects.iter_rows(named=True):
        ok = e["is_estimable"]
        unit = t(f"policy.unit.{e['unit']}", lang)
        rows.append(
            {
                "series_id": e["series_id"],
                "series": names.get(e["series_id"], e["series_id"]),
                "level": with_ci(e["level_change"], e["ci_low"], e["ci_high"], lang, unit)
                if ok
                else t("policy.table.not_estimated", lang),
                "slope": with_ci(e["slope_change"], e["slope_ci_low"], e["slope_ci_high"], lang)
                if ok
                else "—",
                "p_value": p_text(e["p_value"]) if ok else "—",
                "n": t("policy.table.n", lang, before=e["n_before"], after=e["n_after"]),
                "note": " ".join(x for x in sentences(caveat(e, lang)) if x not in shared) or "—"
                if ok
                else first_sentence(caveat(e, lang)),
                "_order": (not ok, order.get(e["series_id"], 999)),
            }
        )
    return [
        {k: v for k, v in r.items() if k != "_order"}
        for r in sorted(rows, key=lambda r: r["_order"])
    ]


def timeline_summary(events: pl.DataFrame, lang: str) -> str:
    frame = timeline_frame(events)
    if frame.height == 0:
        return t("empty", lang)
    main = frame.filter(~pl.col("is_alt"))
    return t(
        "timeline.summary",
        lang,
        n=main.height,
        n_key=main["is_key_event"].sum(),
        alt=frame["is_alt"].sum(),
        first=fmt_date(frame["event_date"].min(), lang),
        last=fmt_date(frame["event_date"].max(), lang),
        sources=frame["source_id"].n_unique(),
    )
