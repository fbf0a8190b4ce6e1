"""The sections of a declaration about the list itself: counts, then pace and waits.

Every sentence is built from one mart row and carries that row's source as a note. Counts keep
their unit and qualifier (families or list numbers are not people); a pace keeps its period, a
figure with no period is not a pace and a count on one day is not a daily pace; a modeled wait
keeps its bound and states its assumptions.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard.exports.declaration.model import Notes, Section, Sentence
from dashboard.exports.declaration.words import (
    count_text,
    date_text,
    modeled_text,
    of,
    on,
    pace_text,
    publisher,
    reported_wait,
    when,
)
from dashboard.i18n import compiled_text, fmt_date, italic_metering, t


def _detail(row: dict, lang: str) -> str:
    detail = ""
    if row["list_status"] in ("open", "closed"):
        detail += "; " + t(f"declare.status.{row['list_status']}", lang)
    if row["list_manager"]:
        manager = italic_metering(compiled_text(row, "list_manager", lang), lang)
        detail += "; " + t("declare.manager", lang, manager=manager)
    return detail


def count_sentence(row: dict, city: str, lang: str, notes: Notes, sources: dict) -> Sentence:
    said = {"publisher": publisher(row["source_id"], sources), "when": when(row, lang)}
    if row["list_status"] == "no_list":
        # people queued at the port under metering with no list: say what was seen
        place = t(
            "declare.place." + ("bridge" if "bridge" in (row["note"] or "") else "port"), lang
        )
        key = (
            "declare.count_no_list_none" if row["people_waiting"] == 0 else "declare.count_no_list"
        )
        text = t(
            key,
            lang,
            publisher=said["publisher"],
            on=on(row, lang),
            count=count_text(row, lang),
            place=place,
            city=city,
        )
    else:
        text = t(
            "declare.count",
            lang,
            count=count_text(row, lang),
            kind=t(f"declare.kind.{row['list_kind']}", lang),
            city=city,
            detail=_detail(row, lang),
            **said,
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
                        when=when(r, lang),
                        count=count_text(r, lang),
                        publisher=publisher(r["source_id"], sources),
                    ),
                    notes.ref(r["source_id"]),
                )
            )
    section.paragraphs.append(found)
    return section


def pace_sentence(r: dict, lang: str, notes: Notes, sources: dict) -> Sentence:
    """The pace as the source states it (its own period and unit), never converted."""
    counts = r.get("processed_counts")
    said = {
        "publisher": publisher(r["source_id"], sources),
        "pace": pace_text(r, lang),
        "unit": t("unit." + counts, lang) if counts else t("declare.pace_unit_unknown", lang),
    }
    unit = r.get("processed_unit")
    if unit == "on_day":
        text = t("declare.pace_on_day", lang, date=date_text(r, lang), **said)
    elif unit is None:
        text = t("declare.pace_no_period", lang, when=when(r, lang), **said)
    else:
        period = t("declare.period." + unit, lang)
        text = t("declare.pace", lang, when=when(r, lang), period=period, **said)
    return Sentence(text, notes.ref(r["source_id"]))


def wait_sentences(rows, lang, notes, sources) -> tuple[list[Sentence], bool]:
    """Reported and modeled waits, and whether any wait was given in days."""
    out, in_days = [], False
    for r in rows.to_dicts():
        ref = notes.ref(r["source_id"])
        who, wait, days = reported_wait(r, lang)
        said = {"publisher": publisher(r["source_id"], sources), "when": when(r, lang)}
        if wait and who:
            out.append(Sentence(t("declare.waited", lang, who=who, wait=wait, **said), ref))
        elif wait:
            out.append(Sentence(t("declare.wait", lang, wait=wait, **said), ref))
        in_days = in_days or (days and wait is not None)
        modeled = (r["modeled_wait_days_low"], r["modeled_wait_days_high"])
        if r["modeled_wait_flag"] is None and modeled != (None, None):
            text = t("declare.modeled", lang, of=of(r, lang), days=modeled_text(r, lang))
            out.append(Sentence(text, ref))
    return out, in_days


def pace_wait_section(city, start, end, lang, notes, sources, rows) -> Section:
    inside = rows.filter(pl.col("as_of_date").is_between(start, end))
    period = {"city": city, "start": fmt_date(start, lang), "end": fmt_date(end, lang)}
    section = Section(t("declare.h.pace", lang))
    stated = inside.filter(
        pl.col("processed_low").is_not_null() | pl.col("processed_high").is_not_null()
    )
    pace = [pace_sentence(r, lang, notes, sources) for r in stated.to_dicts()]
    waits, in_days = wait_sentences(inside, lang, notes, sources)
    section.paragraphs.append(pace or [Sentence(t("declare.no_pace", lang, **period))])
    section.paragraphs.append(waits or [Sentence(t("declare.no_wait", lang, **period))])
    if in_days:
        section.closing.append(Sentence(t("declare.wait_days_note", lang)))
    return section
