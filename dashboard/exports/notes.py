"""The text files beside each exhibit: the citation (with every reference) and the methods note.

Both are pure functions of the marts and the filters: no clock is read, so two runs on the
same marts give the same bytes. The citation's access date is the marts' build date, the day
the sources were last read into this build.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from dashboard.citation import chart_citation
from dashboard.exports.meta import ExhibitMeta, reproduce_command
from dashboard.figures.registry import CHARTS, Filters
from dashboard.i18n import t
from dashboard.source_refs import footnote


def citation_text(stem: str, frame: pl.DataFrame, filters: Filters, meta: ExhibitMeta) -> str:
    """The citation line, then every source in full, numbered, with its address."""
    filters = CHARTS[meta.figure_id].resolve(filters)
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
    filters = chart.resolve(filters)
    parts = [
        f"# {t(chart.title_key, lang)}",
        "",
        t("exhibit.methods.intro", lang, figure=fid, stem=stem),
        "",
        f"## {t('exhibit.methods.data', lang)}",
        "",
        t("exhibit.methods.marts", lang, marts=", ".join(f"`{m}`" for m in chart.marts)),
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
        *[f"- {c}" for c in (t(chart.caveat_key, lang), t("exhibit.caveat.general", lang))],
        "",
        f"## {t('exhibit.methods.reproduce', lang)}",
        "",
        "```",
        reproduce_command(fid, filters, "csv"),
        reproduce_command(fid, filters, "pdf"),
        "```",
        "",
        t("exhibit.methods.hash", lang, hash=meta.data_hash, sha=meta.sha256),
    ]
    return "\n".join(parts) + "\n"
