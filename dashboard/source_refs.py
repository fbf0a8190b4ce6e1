"""The one way the product names a source: on cards, chart notes, summaries, CSVs, exhibits
and declarations.

- `split_ids` / `frame_ids`: the source ids behind rows (aggregated cells join them with commas).
- `short_ref`: publisher, title and date, for chart notes, summaries and CSV cells; never a slug.
- `footnote`: what a court needs: title, publisher, date (or "undated" and why), formal
  citation, the original address, and the copy that was read ("retrieved via HOST").
- `link`: the address a reader opens (the original when known, else the copy).
- `release_label(s)`: an official release by publisher, date and title, never its id.

Everything here is a pure function of meta.sources rows (dicts), which the caller reads with
`data.source_rows` and passes in as `sources` (SourceRows: rows by source id); this module
reads nothing, so a figure module may use it and stay pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

import polars as pl

from dashboard.i18n import fmt_date, t

SourceRows = Mapping[str, dict]  # meta.sources rows by source_id (data.source_rows)


def split_ids(values: Iterable[str | None]) -> list[str]:
    """Distinct source ids, sorted, from cells that may join several with commas."""
    found = {part.strip() for value in values for part in str(value or "").split(",")}
    return sorted(found - {""})


def frame_ids(frame: pl.DataFrame) -> list[str]:
    if "source_id" not in frame.columns or frame.height == 0:
        return []
    return split_ids(frame["source_id"].to_list())


def rows_for(ids: Iterable[str | None], sources: SourceRows) -> list[dict]:
    """The rows of these ids (cells may join several), sorted by id; an id missing from
    `sources` gets a bare row that names only the id."""
    return [sources.get(i) or {"source_id": i} for i in split_ids(ids)]


def _quoted(text: str, lang: str) -> str:
    return f"«{text}»" if lang == "es" else f"“{text}”"


def _precision(source: dict) -> str:
    written = str(source.get("published") or "")
    return source.get("published_precision") or {4: "year", 7: "month"}.get(len(written), "day")


def published_date(source: dict) -> date | None:
    written = str(source.get("published") or "")[:10]
    if re.fullmatch(r"\d{4}", written):
        written += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", written):
        written += "-01"
    try:
        return date.fromisoformat(written)
    except ValueError:
        return None


def _inferred(source: dict, field: str) -> bool:
    return field in str(source.get("inferred_fields") or "").split("|")


def date_text(source: dict, lang: str) -> str:
    """The publication date at its precision, or "undated"."""
    when = published_date(source)
    if when is None:
        return t("ref.undated", lang)
    text = fmt_date(when, lang, _precision(source))
    return text + (t("ref.deduced", lang) if _inferred(source, "published") else "")


def title_text(source: dict, lang: str) -> str:
    """The title as published, quoted; a source without one says so and what it is."""
    if source.get("title"):
        return _quoted(source["title"], lang)
    described = (lang == "es" and source.get("untitled_description_es")) or source.get(
        "untitled_description"
    )
    if described:
        return t("ref.untitled_described", lang, description=described)
    return t("ref.untitled", lang)


def publisher(source: dict) -> str:
    return source.get("publisher") or source.get("source_id") or "—"


def link(source: dict) -> str | None:
    return source.get("original_url") or source.get("copy_url") or source.get("url") or None


def short_ref(source: dict, lang: str) -> str:
    """Publisher, “Title” (date): one source in a chart note, a summary or a CSV cell."""
    return f"{publisher(source)}, {title_text(source, lang)} ({date_text(source, lang)})"


def footnote(source: dict, lang: str) -> str:
    """The full reference a judge can follow."""
    parts = [short_ref(source, lang)]
    if not published_date(source) and source.get("undated_reason"):
        parts.append(t(f"ref.undated_reason.{source['undated_reason']}", lang))
    if source.get("formal_citation"):
        parts.append(source["formal_citation"])
    original = source.get("original_url") or (
        source.get("url") if not source.get("copy_url") else None
    )
    if original:
        inferred = t("ref.address_inferred", lang) if _inferred(source, "original_url") else ""
        parts.append(original + inferred)
    else:
        parts.append(t("ref.original_not_found", lang))
    if source.get("copy_url"):
        via = t("ref.retrieved_via", lang, host=source.get("copy_host") or "")
        note = f" ({source['copy_note']})" if source.get("copy_note") else ""
        parts.append(f"{via}{note}: {source['copy_url']}")
    if source.get("accessed"):
        day = published_date({"published": source["accessed"]})
        parts.append(
            t(
                "ref.accessed",
                lang,
                date=fmt_date(day, lang, _precision({"published": source["accessed"]})),
            )
        )
    return ". ".join(p.rstrip(".") for p in parts) + "."


def publisher_short(source: dict) -> str:
    """ "U.S. Customs and Border Protection (CBP)" → "CBP"; a name without one stays whole."""
    found = re.search(r"\(([A-Z]{2,})\)\s*$", publisher(source))
    return found.group(1) if found else publisher(source)


def release_label(release_id: str, sources: SourceRows, lang: str) -> str:
    """An official release as a reader names it, from its meta.sources row (an official file's
    source_id is its release id): "CBP release of August 2026, “Title”" / «publicación de CBP de
    agosto de 2026, «Title»». The bare id stays where machines read it (URLs, CSV columns,
    the reproduce command)."""
    source = sources.get(release_id)
    if not source:
        return release_id
    when = published_date(source)
    precision = "undated" if when is None else ("day" if _precision(source) == "day" else "month")
    return t(
        f"release.label.{precision}",
        lang,
        publisher=publisher_short(source),
        date=fmt_date(when, lang, _precision(source)) if when else "",
        title=title_text(source, lang),
    )


def release_labels(values: Iterable[str | None], sources: SourceRows, lang: str) -> str:
    """Every release in these cells (aggregated cells join ids with commas), named, joined."""
    return "; ".join(release_label(i, sources, lang) for i in split_ids(values))


def short_refs(ids: Iterable[str], sources: SourceRows, lang: str) -> list[str]:
    return [short_ref(s, lang) for s in rows_for(ids, sources)]


def note_line(
    ids: Iterable[str], sources: SourceRows, lang: str, extra: str = "", shown: int = 3
) -> str:
    """The sources line under a chart: first few references by name, then how many more."""
    refs = short_refs(ids, sources, lang)
    listed = "; ".join(refs[:shown]) + (
        t("figure.and_more", lang, n=len(refs) - shown) if len(refs) > shown else ""
    )
    note = t("figure.sources", lang, n=len(refs), ids=listed)
    return note + ("<br>" + extra if extra else "")


def with_source_column(frame: pl.DataFrame, sources: SourceRows, lang: str) -> pl.DataFrame:
    """A CSV's `source` column: the references of each row by name, beside its source_id."""
    if "source_id" not in frame.columns or frame.height == 0:
        return frame
    named = [
        "; ".join(short_ref(s, lang) for s in rows_for([value], sources))
        for value in frame["source_id"].to_list()
    ]
    return frame.with_columns(pl.Series("source", named, dtype=pl.String))
