"""Declaration sections beyond the list itself: policies, turnback reports, pre-2019 evidence.

The pre-July-16-2019 section lists, for the city, every recorded sign that a waitlist or
metering was in force there before that date (the cut-off of the Al Otro Lado class): list
editions, port-level operational events and turnback reports citing metering or capacity.
It ends with a notice that this is factual support, not a legal determination.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dashboard import data
from dashboard.exports.declaration.model import Section, Sentence
from dashboard.exports.declaration.words import count_text
from dashboard.i18n import compiled_text, fmt_date, italic_metering, t

CUTOFF = date(2019, 7, 16)
POLICY_KINDS = ("policy", "rule", "operational")
MAX_TURNBACKS = 15


def _scopes(ports: str) -> list[str]:
    return ["southwest_border", "national", *[f"port:{p}" for p in ports.split(", ")]]


def _title(row: dict, lang: str) -> str:
    return italic_metering((row.get("title_es") if lang == "es" else None) or row["title"], lang)


def port_name(row: dict, lang: str) -> str:
    port = row["us_ports"] or row["port_of_entry"] or "—"
    return t("declare.port.multiple", lang) if port.startswith("multiple") else port


def _day(row: dict, column: str, lang: str) -> str:
    """A date opening a list item: capitalised («Mayo de 2016»)."""
    text = fmt_date(row[column], lang, row.get("date_precision") or "day")
    return text[:1].upper() + text[1:]


def policy_section(city, start, end, lang, notes, sources, ports) -> Section:
    events = data.policy_events().filter(
        (pl.col("event_date") <= end)
        & pl.col("kind").is_in(POLICY_KINDS)
        & pl.col("scope").is_in(_scopes(ports))
        & ~pl.col("is_alternate_date").fill_null(False)
    )
    section = Section(
        t("declare.h.policy", lang),
        [[Sentence(t("declare.policy_intro", lang, end=fmt_date(end, lang), city=city))]],
    )
    for row in events.to_dicts():
        inside = t("declare.inside", lang) if row["event_date"] >= start else ""
        section.items.append(
            Sentence(
                f"{_day(row, 'event_date', lang)}: {_title(row, lang)}{inside}.",
                notes.ref(row["source_id"]),
            )
        )
    if not section.items:
        section.paragraphs.append([Sentence(t("declare.no_policy", lang, end=fmt_date(end, lang)))])
    section.closing.append(Sentence(t("declare.policy_caveat", lang)))
    return section


def _period(row: dict, lang: str) -> str:
    first, last = row["period_start"], row["period_end"]
    if first is None:
        return "—"
    if last is None or last == first:
        text = fmt_date(first, lang)
    else:
        text = t("declare.period", lang, start=fmt_date(first, lang), end=fmt_date(last, lang))
    return text[:1].upper() + text[1:]


def turnback_item(row: dict, lang: str, notes) -> Sentence:
    tactics = italic_metering(
        ", ".join(t(f"tactic.{x}", lang) for x in (row["tactics"] or "").split("|") if x), lang
    )
    count = ""
    if row["people_count"] is not None:
        count = "; " + count_text(row, lang, "people_count")
    text = t(
        "declare.tb_item",
        lang,
        period=_period(row, lang),
        kind=t(f"record_type.{row['record_type']}", lang),
        port=port_name(row, lang),
        tactics=tactics or "—",
        count=count,
        record=row["record_id"],
    )
    return Sentence(text, notes.ref(row["source_id"]))


def turnback_section(city, start, end, lang, notes, sources) -> Section:
    records = data.turnbacks([city], start, end, counted=True)  # turnbacks by CBP only
    period = {"city": city, "start": fmt_date(start, lang), "end": fmt_date(end, lang)}
    section = Section(t("declare.h.turnbacks", lang))
    if records.height == 0:
        section.paragraphs.append([Sentence(t("declare.no_turnbacks", lang, **period))])
        return section
    intro = "declare.tb_intro_one" if records.height == 1 else "declare.tb_intro"
    section.paragraphs.append([Sentence(t(intro, lang, n=records.height, **period))])
    section.items = [turnback_item(r, lang, notes) for r in records.head(MAX_TURNBACKS).to_dicts()]
    more = records.height - MAX_TURNBACKS
    if more > 0:
        key = "declare.tb_more_one" if more == 1 else "declare.tb_more"
        section.items.append(Sentence(t(key, lang, n=more)))
    section.closing.append(Sentence(t("declare.tb_caveat", lang)))
    return section


def _edition_item(row: dict, lang: str, notes) -> tuple:
    parts = [t(f"declare.ev_list.{row['list_status']}", lang)]
    if row["people_waiting"] is not None:
        parts.append(count_text(row, lang))
    if row["list_manager"]:
        manager = italic_metering(compiled_text(row, "list_manager", lang), lang)
        parts.append(t("declare.ev_manager", lang, manager=manager))
    text = f"{_day(row, 'as_of_date', lang)}: " + "; ".join(parts) + "."
    return row["as_of_date"], Sentence(text, notes.ref(row["source_id"]))


def evidence_section(city, start, end, lang, notes, sources, rows, ports) -> Section:
    cutoff = fmt_date(CUTOFF, lang)
    section = Section(
        t("declare.h.evidence", lang, city=city, cutoff=cutoff),
        [[Sentence(t("declare.ev_intro", lang, city=city, cutoff=cutoff))]],
    )
    dated = [
        _edition_item(r, lang, notes)
        for r in rows.filter(
            (pl.col("as_of_date") < CUTOFF) & (pl.col("list_kind") == "metering_list")
        ).to_dicts()
    ]
    events = data.policy_events().filter(
        (pl.col("event_date") < CUTOFF) & pl.col("scope").is_in(_scopes(ports)[2:])
    )
    dated += [
        (
            r["event_date"],
            Sentence(
                f"{_day(r, 'event_date', lang)}: {_title(r, lang)}.", notes.ref(r["source_id"])
            ),
        )
        for r in events.to_dicts()
    ]
    records = data.turnbacks([city], None, CUTOFF, counted=True).filter(
        pl.col("tactics").str.contains("metering_capacity_claim")
    )
    dated += [
        (
            r["period_start"],
            Sentence(
                t("declare.ev_turnback", lang, period=_period(r, lang), port=port_name(r, lang))
                + ".",
                notes.ref(r["source_id"]),
            ),
        )
        for r in records.to_dicts()
    ]
    section.items = [s for _, s in sorted(dated, key=lambda d: (d[0] or CUTOFF, d[1].text))]
    if not section.items:
        section.paragraphs.append([Sentence(t("declare.ev_none", lang, city=city, cutoff=cutoff))])
    section.closing.append(Sentence(t("declare.ev_notice", lang)))
    return section
