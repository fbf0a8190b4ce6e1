"""Assemble a declaration: resolve the city (or port), query the marts, build the sections."""

from __future__ import annotations

from datetime import date, datetime

from dashboard import data, source_refs
from dashboard.exports.declaration.context import (
    evidence_section,
    policy_section,
    turnback_section,
)
from dashboard.exports.declaration.facts import counts_section, pace_wait_section
from dashboard.exports.declaration.model import (
    Declaration,
    DeclarationError,
    Notes,
    Section,
    Sentence,
    renumber,
)
from dashboard.exports.declaration.words import publisher
from dashboard.i18n import fmt_date, t


def resolve_city(city: str | None, port: str | None) -> str:
    """The city asked for, or the city across from the port; error if the marts lack it."""
    if port is not None:
        found = data.port_city(port)
        if found is None:
            ports = ", ".join(data.q("select port_name from marts.ports order by 1")["port_name"])
            raise DeclarationError(f"unknown port {port!r}; known: {ports}")
        return found
    known = {c.lower(): c for c in data.cities()}
    if city is None or city.lower() not in known:
        raise DeclarationError(f"unknown city {city!r}; known: {', '.join(sorted(known.values()))}")
    return known[city.lower()]


def _scope(city: str, start: date, end: date, lang: str, cross: dict, ports: str) -> Section:
    named = t("declare.and", lang).join(ports.rsplit(", ", 1))
    text = t(
        "declare.scope",
        lang,
        city=city,
        state=cross.get("mx_state") or "",
        ports=named,
        start=fmt_date(start, lang),
        end=fmt_date(end, lang),
    )
    return Section(t("declare.h.scope", lang), [[Sentence(text)]])


def declaration(city: str, start: date, end: date, lang: str) -> Declaration:
    notes = Notes()
    rows = data.waitlist_snapshots([city]).sort(["as_of_date", "source_id"])
    sources = {s["source_id"]: s for s in data.sources().to_dicts()}
    info, cross = data.build_info(), data.city_crosswalk(city) or {}
    ports = (cross.get("us_ports") or "—").replace(" | ", ", ")
    args = (city, start, end, lang, notes, sources)
    sections = [
        _scope(city, start, end, lang, cross, ports),
        counts_section(*args, rows),
        pace_wait_section(*args, rows),
        policy_section(*args, ports),
        turnback_section(*args),
        evidence_section(*args, rows, ports),
    ]
    renumber(sections, notes)
    built = datetime.fromisoformat(info["built_at"])
    cited = [sources.get(sid, {"source_id": sid}) for sid in notes.order]
    return Declaration(
        lang,
        t("declare.title", lang, city=city, start=fmt_date(start, lang), end=fmt_date(end, lang)),
        t("declare.byline", lang, built=fmt_date(built.date(), lang), version=info["code_version"]),
        sections,
        t("declare.h.notes", lang),
        [source_refs.footnote(source, lang) for source in cited],
        [publisher(sid, sources) for sid in notes.order],
    )


def build_declaration(
    city: str | None, port: str | None, start: date, end: date, lang: str = "en"
) -> Declaration:
    return declaration(resolve_city(city, port), start, end, lang)
