"""Words and numbers for /policy: the verdict and estimate in a sentence, the effects table,
the timeline summary. Every estimate leads with its verdict, its range across specifications
and its placebo p; the model-based interval and its p come after, never alone. Intervals
follow the glossary: "(95% CI: 81 to 108)" / «(IC 95%: 81 a 108)».
"""

from __future__ import annotations

import re

import polars as pl

from dashboard.figures.timeline import timeline_frame
from dashboard.i18n import fmt_date, fmt_month_short, t

EFFECT_COLUMNS = ("series", "verdict", "level", "range", "placebo", "model_ci", "n", "note")


def digits_for(*values: float | None) -> int:
    """Decimals that keep the numbers readable: none from 100 up, one from 1, else two."""
    biggest = max((abs(v) for v in values if v is not None), default=0)
    return 0 if biggest >= 100 else 1 if biggest >= 1 else 2


def signed(value: float, digits: int) -> str:
    return f"{value:+,.{digits}f}".replace("-", "−")


def plain(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace("-", "−")


def with_ci(value: float, low: float, high: float, lang: str, unit: str = "") -> str:
    """ "+16,812 encounters (95% CI: 12,863 to 20,761)" / «… (IC 95%: 12,863 a 20,761)»."""
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


def placebo_text(effect: dict, lang: str) -> str:
    """ "placebo p = 0.032 (30 dates with no key event)"; "no placebo dates" when there are none."""
    if not effect.get("placebo_n"):
        return t("policy.placebo.none", lang)
    p = effect["placebo_p"]
    return t("policy.placebo.p", lang, p=f"{p:.3f}", n=effect["placebo_n"])


def range_text(effect: dict, lang: str, unit: str = "") -> str:
    """ "+12,293 to +26,888 encounters (7 specifications)"."""
    low, high = effect["spec_low"], effect["spec_high"]
    d = digits_for(low, high)
    return t(
        "policy.range",
        lang,
        low=signed(low, d),
        high=signed(high, d),
        unit=f" {unit}" if unit else "",
        n=effect["spec_n"],
    )


def model_ci_text(effect: dict, lang: str) -> str:
    """ "12,863 to 20,761, p < 0.001" (model-based; labelled where it is shown)."""
    d = digits_for(effect["level_change"], effect["ci_low"], effect["ci_high"])
    return t(
        "policy.model_ci",
        lang,
        low=plain(effect["ci_low"], d),
        high=plain(effect["ci_high"], d),
        p=p_text(effect["p_value"]),
    )


def level_text(effect: dict) -> str:
    """The estimate, with as many decimals as its range needs."""
    d = digits_for(effect["level_change"], effect["spec_low"], effect["spec_high"])
    return signed(effect["level_change"], d)


def verdict_line(effect: dict, unit: str, lang: str) -> str:
    """The verdict first, then the estimate, its range and its placebo p, in one sentence."""
    return t(
        "policy.verdict_line",
        lang,
        verdict=effect["verdict_es" if lang == "es" else "verdict_en"],
        value=level_text(effect),
        unit=unit,
        range=range_text(effect, lang),
        placebo=placebo_text(effect, lang),
    )


def first_sentence(text: str | None) -> str:
    return (text or "").split(". ")[0].rstrip(".") + "." if text else ""


def caveat(effect: dict, lang: str) -> str:
    return effect["caveat_es" if lang == "es" else "caveat_en"] or ""


def sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=\.)\s+(?=[A-ZÁÉÍÓÚÑ¿])", text or "") if x]


def shared_caveats(effects: pl.DataFrame, lang: str) -> list[str]:
    """Caveat sentences that two or more estimated rows carry, in the order first met: said
    once above the table, numbered, and pointed to from each row by their numbers."""
    rows = [sentences(caveat(e, lang)) for e in effects.iter_rows(named=True) if e["is_estimable"]]
    seen = [x for r in rows for x in r]
    return list(dict.fromkeys(x for x in seen if seen.count(x) > 1))


def shared_caveats_text(shared: list[str], lang: str) -> str:
    """ "Caveats shared by several rows: (1) … (2) …", or nothing."""
    numbered = " ".join(f"({i}) {x}" for i, x in enumerate(shared, start=1))
    return t("policy.table.shared", lang, text=numbered) if shared else ""


def row_note(effect: dict, shared: list[str], lang: str) -> str:
    """A row's own caveats, then the numbers of the shared ones it carries."""
    own = sentences(caveat(effect, lang))
    numbers = [str(i) for i, x in enumerate(shared, start=1) if x in own]
    see = t("policy.table.see", lang, numbers=", ".join(numbers)) if numbers else ""
    return " ".join(x for x in (*(x for x in own if x not in shared), see) if x) or "—"


def its_summary(effect: dict | None, info: dict, lang: str) -> str:
    """Verdict, estimate, range and placebo p first; then the model-based interval and p,
    the slope change, n before/after, the method and the caveats."""
    if effect is None:
        return info.get("not_estimated") or t("policy.summary.no_row", lang)
    if not effect["is_estimable"]:
        return caveat(effect, lang)
    n = t("policy.summary.n", lang, before=effect["n_before"], after=effect["n_after"])
    unit = info["unit_label"]
    slope = with_ci(
        effect["slope_change"],
        effect["slope_ci_low"],
        effect["slope_ci_high"],
        lang,
        t("policy.per_month", lang, unit=unit),
    )
    return " ".join(
        [
            verdict_line(effect, unit, lang),
            t("policy.summary.model", lang, value=model_ci_text(effect, lang)),
            t("policy.summary.slope", lang, value=slope, p=p_text(effect["slope_p_value"])),
            n,
            t("policy.summary.method", lang, lags=effect["hac_lags"]),
            t("policy.summary.caveats", lang, text=caveat(effect, lang)),
        ]
    )


def effects_rows(effects: pl.DataFrame, series: pl.DataFrame, lang: str) -> list[dict]:
    """One table row per series: numbers with CIs, or the reason the estimate is refused.
    Estimated rows first, each group in registry order; a caveat two or more rows share is
    said once (`shared_caveats_text`) and each row names its number."""
    title = "title_es" if lang == "es" else "title_en"
    names = dict(zip(series["series_id"], series[title], strict=True))
    order = {s: i for i, s in enumerate(series["series_id"])}
    shared = shared_caveats(effects, lang)
    rows = []
    for e in effects.iter_rows(named=True):
        ok = e["is_estimable"]
        unit = t(f"policy.unit.{e['unit']}", lang)
        rows.append(
            {
                "series_id": e["series_id"],
                "series": names.get(e["series_id"], e["series_id"]),
                "verdict": e["verdict_es" if lang == "es" else "verdict_en"]
                if ok
                else t("policy.table.not_estimated", lang),
                "level": f"{level_text(e)} {unit}" if ok else "—",
                "range": range_text(e, lang) if ok else "—",
                "placebo": placebo_text(e, lang) if ok else "—",
                "model_ci": model_ci_text(e, lang) if ok else "—",
                "n": t("policy.table.n", lang, before=e["n_before"], after=e["n_after"]),
                "note": row_note(e, shared, lang) if ok else first_sentence(caveat(e, lang)),
                "_order": (not ok, order.get(e["series_id"], 999)),
            }
        )
    return [
        {k: v for k, v in r.items() if k != "_order"}
        for r in sorted(rows, key=lambda r: r["_order"])
    ]


def fiscal_years_text(years: pl.DataFrame, lang: str) -> str:
    """ "FY2023: 429,831 · FY2025 FYTD (Oct 2024 – Aug 2025): 229,183", glossed once."""
    if years.height == 0:
        return ""
    items = []
    for r in years.iter_rows(named=True):
        label = t("policy.fiscal_year", lang, year=r["fiscal_year"])
        if r["is_part_year"]:
            first, last = (
                fmt_month_short(r["first_month"], lang),
                fmt_month_short(r["last_month"], lang),
            )
            label = t(
                "policy.fiscal_year_part", lang, year=r["fiscal_year"], first=first, last=last
            )
        items.append(f"{label}: {plain(r['value'], 0)}")
    return t("policy.fiscal_years", lang, items=" · ".join(items))


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
