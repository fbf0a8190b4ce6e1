"""The text files beside each exhibit: the citation (with every reference) and the methods note.

Both are pure functions of the marts and the filters: no clock is read, so two runs on the
same marts give the same bytes. The citation's access date is the marts' build date, the day
the sources were last read into this build.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from dashboard.charts import CHARTS, Filters
from dashboard.citation import chart_citation
from dashboard.exports.meta import ExhibitMeta
from dashboard.i18n import catalogue, t
from dashboard.source_refs import footnote

# Which marts each standard figure reads; a figure added later falls back to a generic line.
FIGURE_MARTS = {
    "waitlist-border-total": ["marts.waitlist_totals", "marts.policy_events"],
    "waitlist-by-city": ["marts.waitlist_snapshots", "marts.policy_events"],
    "wait-times": ["marts.waitlist_snapshots"],
    "encounters-by-office": ["marts.encounters_monthly", "marts.policy_events"],
    "policy-its": ["marts.policy_effects", "marts.encounters_monthly"],
    "turnbacks-by-tactic": ["marts.turnbacks", "marts.turnback_tactics"],
    "timeline": ["marts.policy_events"],
}


def _maybe(key: str, lang: str, **values) -> str | None:
    return t(key, lang, **values) if key in catalogue(lang) else None


def citation_text(stem: str, frame: pl.DataFrame, filters: Filters, meta: ExhibitMeta) -> str:
    """The citation line, then every source in full, numbered, with its address."""
    lang = filters.lang
    built = datetime.fromisoformat(meta.built_at).date()
    url = f"/download/{meta.figure_id}.csv{filters.query_string()}"
    lines = [
        chart_citation(meta.figure_id, frame, url, lang, accessed=built),
        "",
        t("exhibit.citation.refs", lang, n=len(meta.sources)),
    ]
    lines += [f"[{i}] {footnote(s, lang)}" for i, s in enumerate(meta.sources, 1)]
    lines += ["", t("exhibit.citation.hash", lang, stem=stem, sha=meta.sha256)]
    return "\n".join(lines) + "\n"


def methods_text(stem: str, frame: pl.DataFrame, filters: Filters, meta: ExhibitMeta) -> str:
    """How the figure was made: marts and columns, summary, caveats, how to reproduce it."""
    lang, fid = filters.lang, meta.figure_id
    chart = CHARTS[fid]
    marts = FIGURE_MARTS.get(fid)
    params = " ".join(f"--param {k}={v}" for k, v in filters.to_query().items() if k != "lang")
    lang_opt = " --lang es" if lang == "es" else ""
    parts = [
        f"# {t(chart.title_key, lang)}",
        "",
        t("exhibit.methods.intro", lang, figure=fid, stem=stem),
        "",
        f"## {t('exhibit.methods.data', lang)}",
        "",
        t("exhibit.methods.marts", lang, marts=", ".join(f"`{m}`" for m in marts))
        if marts
        else t("exhibit.methods.marts_generic", lang),
        t(
            "exhibit.methods.columns",
            lang,
            rows=frame.height,
            columns=", ".join(f"`{c}`" for c in frame.columns),
        ),
        t(
            "exhibit.methods.vintage",
            lang,
            built=meta.built_at,
            version=meta.code_version,
            release=meta.release or "—",
            filters=meta.filters,
        ),
        "",
        f"## {t('exhibit.methods.shows', lang)}",
        "",
        chart.summarize(frame, filters),
        "",
        f"## {t('exhibit.methods.caveats', lang)}",
        "",
        *[
            f"- {c}"
            for c in (_maybe(f"exhibit.caveat.{fid}", lang), t("exhibit.caveat.general", lang))
            if c
        ],
        "",
        f"## {t('exhibit.methods.reproduce', lang)}",
        "",
        "```",
        f"metering export {fid} --format csv{lang_opt} {params}".rstrip(),
        f"metering export {fid} --format pdf{lang_opt} {params}".rstrip(),
        "```",
        "",
        t("exhibit.methods.hash", lang, hash=meta.data_hash, sha=meta.sha256),
    ]
    return "\n".join(parts) + "\n"
