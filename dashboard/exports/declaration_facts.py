"""The sections of a declaration: counts, pace and waits, policies, turnbacks, pre-2019 evidence.

Every sentence is built from one mart row and carries that row's source as a note. Free
text from the sources (who kept a list, a wait in the source's words) is quoted, never
paraphrased. Counts keep their unit and qualifier: families or list numbers are not people.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from dashboard import data, source_refs
from dashboard.exports.declaration import Declaration, Notes, Section, Sentence, renumber
from dashboard.exports.declaration_context import evidence_section, policy_section, turnback_section
from dashboard.i18n import fmt_date, fmt_int, fmt_num, fmt_range, t


def count_text(row: dict, lang: str) -> str:
    qualifier = t(f"declare.qualifier.{row['count_qualifier']}", lang)
    n = fmt_int(row["people_waiting"])
    if row.get("people_waiting_high"):
        n = t("declare.range", lang, low=n, high=fmt_int(row["people_waiting_high"]))
    return f"{qualifier} {n} {t('unit.' + row['count_unit'], lang)}".strip()


def when(row: dict, lang: str, column: str = "as_of_date") -> str:
    return fmt_date(row[column], lang, row.get("date_precision") or "day")


def publisher(source_id: str, sources: dict) -> str:
    return source_refs.publisher(sources.get(source_id, {"source_id": source_id}))


def count_sentence(row: dict, city: str, lang: str, notes: Notes, sources: dict) -> Sentence:
    detail = ""
    if row["list_status"] in ("open", "closed", "no_list"):
        detail += "; " + t(f"declare.status.{row['list_status']}", lang)
    if row["list_manager"]:
        detail += "; " + t("declare.manager", lang, manager=row["list_manager"])
    text = t(
        "declare.count",
        lang,
        publisher=publisher(row["source_id"], sources),
        date=when(row, lang),
        count=count_text(row, lang),
        kind=t(f"declare.kind.{row['list_kind']}", lang),
        city=city,
        detail=detail,
    )
    if row["count_unit"] != "people":
        text += " " + t("declare.not_people", lang, unit=t("unit." + row["count_unit"], lang))
    return Sentence(text, notes.ref(row["source_id"]))


def _nearest(counted: pl.DataFrame, before: bool, edge: date) -> list[dict]:
    side = (
        counted.filter(pl.col("as_of_date") < edge)
        if before
        else counted.filter(pl.col("as_of_date") > edge)
    )
    if side.height == 0:
        return []
    day = side["as_of_date"].max() if before else side["as_of_date"].min()
    return side.filter(pl.col("as_of_date") == day).to_dicts()


def counts_section(city, start, end, lang, notes, sources, rows) -> Section:
    counted = rows.filter(pl.col("people_waiting").is_not_null())
    inside = counted.filter(pl.col("as_of_date").is_between(start, end))
    section = Section(t("declare.h.counts", lang))
    period = {"city": city, "start": fmt_date(start, lang), "end": fmt_date(end, lang)}
    if inside.height:
        section.paragraphs.append(
            [count_sentence(r, city, lang, notes, sources) for r in inside.to_dicts()]
        )
        return section
    found = [Sentence(t("declare.no_count", lang, **period))]
    for key, before, edge in (
        ("declare.nearest_before", True, start),
        ("declare.nearest_after", False, end),
    ):
        for r in _nearest(counted, before, edge):
            found.append(
                Sentence(
                    t(
                        key,
                        lang,
                        date=when(r, lang),
                        count=count_text(r, lang),
                        publisher=publisher(r["source_id"], sources),
                    ),
                    notes.ref(r["source_id"]),
                )
            )
    section.paragraphs.append(found)
    return section


def pace_sentences(rows, lang, notes, sources) -> list[Sentence]:
    """The pace as the source states it (its own period and unit), never converted."""
    out = []
    stated = rows.filter(
        pl.col("processed_low").is_not_null() | pl.col("processed_high").is_not_null()
    )
    for r in stated.to_dicts():
        low, high = r["processed_low"], r["processed_high"]
        if low is None or high is None:
            pace = fmt_range(low, high, lang)
        else:
            pace = (
                fmt_num(low, lang)
                if high == low
                else t("declare.range", lang, low=fmt_num(low, lang), high=fmt_num(high, lang))
            )
        counts = r.get("processed_counts")
        unit = t("unit." + counts, lang) if counts else t("declare.pace_unit_unknown", lang)
        period = t("declare.period." + (r.get("processed_unit") or "per_day"), lang)
        out.append(
            Sentence(
                t(
                    "declare.pace",
                    lang,
                    publisher=publisher(r["source_id"], sources),
                    date=when(r, lang),
                    pace=pace,
                    unit=unit,
                    period=period,
                ),
                notes.ref(r["source_id"]),
            )
        )
    return out


def days_text(low: float, high: float | None, lang: str) -> str:
    low, high = round(low), round(high if high is not None else low)
    if low == high:
        return t("declare.day_count", lang, n=fmt_int(low))
    return t("declare.days", lang, low=fmt_int(low), high=fmt_int(high))


def wait_sentences(rows, lang, notes, sources) -> list[Sentence]:
    out = []
    for r in rows.to_dicts():
        ref = notes.ref(r["source_id"])
        if r["reported_wait_days_low"] is not None:
            wait = days_text(r["reported_wait_days_low"], r["reported_wait_days_high"], lang)
        elif r["reported_wait_text"]:
            wait = t("declare.quoted", lang, text=r["reported_wait_text"])
        else:
            wait = None
        if wait:
            out.append(
                Sentence(
                    t(
                        "declare.wait",
                        lang,
                        date=when(r, lang),
                        wait=wait,
                        publisher=publisher(r["source_id"], sources),
                    ),
                    ref,
                )
            )
        if r["modeled_wait_days_low"] is not None and not r["modeled_wait_flag"]:
            days = days_text(r["modeled_wait_days_low"], r["modeled_wait_days_high"], lang)
            out.append(Sentence(t("declare.modeled", lang, date=when(r, lang), days=days), ref))
    return out


def pace_wait_section(city, start, end, lang, notes, sources, rows) -> Section:
    inside = rows.filter(pl.col("as_of_date").is_between(start, end))
    period = {"city": city, "start": fmt_date(start, lang), "end": fmt_date(end, lang)}
    section = Section(t("declare.h.pace", lang))
    pace = pace_sentences(inside, lang, notes, sources)
    waits = wait_sentences(inside, lang, notes, sources)
    section.paragraphs.append(pace or [Sentence(t("declare.no_pace", lang, **period))])
    section.paragraphs.append(waits or [Sentence(t("declare.no_wait", lang, **period))])
    return section


def declaration(city: str, start: date, end: date, lang: str) -> Declaration:
    notes = Notes()
    rows = data.waitlist_snapshots([city]).sort(["as_of_date", "source_id"])
    sources = {s["source_id"]: s for s in data.sources().to_dicts()}
    info, cross = data.build_info(), data.city_crosswalk(city) or {}
    ports = (cross.get("us_ports") or "—").replace(" | ", ", ")
    named = t("declare.and", lang).join(ports.rsplit(", ", 1))
    args = (city, start, end, lang, notes, sources)
    scope = Section(
        t("declare.h.scope", lang),
        [
            [
                Sentence(
                    t(
                        "declare.scope",
                        lang,
                        city=city,
                        state=cross.get("mx_state") or "",
                        ports=named,
                        start=fmt_date(start, lang),
                        end=fmt_date(end, lang),
                    )
                )
            ]
        ],
    )
    sections = [
        scope,
        counts_section(*args, rows),
        pace_wait_section(*args, rows),
        policy_section(*args, ports),
        turnback_section(*args),
        evidence_section(*args, rows, ports),
    ]
    renumber(sections, notes)
    built = datetime.fromisoformat(info["built_at"])
    return Declaration(
        lang,
        t("declare.title", lang, city=city, start=fmt_date(start, lang), end=fmt_date(end, lang)),
        t("declare.byline", lang, built=fmt_date(built.date(), lang), version=info["code_version"]),
        sections,
        t("declare.h.notes", lang),
        [source_refs.footnote(sources.get(sid, {"source_id": sid}), lang) for sid in notes.order],
    )
