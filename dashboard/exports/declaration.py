"""`metering declare`: a short factual statement with numbered notes, for a declaration.

The statement says only what the marts say, each figure followed by a note naming its source
(publisher, title, date, address), and says plainly where the sources are silent. Sections
are built in declaration_facts.py; this module holds the document model, resolves the city
(or port), and renders markdown; docx and pdf renderers live beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dashboard import data
from dashboard.source_refs import split_ids


class DeclarationError(ValueError):
    """A city, port or period the marts do not know; the message says which."""


@dataclass
class Sentence:
    text: str
    notes: tuple[int, ...] = ()


@dataclass
class Section:
    heading: str
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    items: list[Sentence] = field(default_factory=list)
    closing: list[Sentence] = field(default_factory=list)


@dataclass
class Notes:
    """Source notes numbered in order of first use; one number per source."""

    order: list[str] = field(default_factory=list)

    def ref(self, *source_ids: str | None) -> tuple[int, ...]:
        numbers = []
        for source_id in source_ids:
            for part in split_ids([source_id]):
                if part not in self.order:
                    self.order.append(part)
                numbers.append(self.order.index(part) + 1)
        return tuple(sorted(set(numbers)))


@dataclass
class Declaration:
    lang: str
    title: str
    byline: str
    sections: list[Section]
    notes_heading: str
    notes: list[str]


def renumber(sections: list[Section], notes: Notes) -> None:
    """Number notes in reading order (sections may be built out of order)."""
    order: list[str] = []
    for section in sections:
        sentences = [s for p in section.paragraphs for s in p] + section.items + section.closing
        for sentence in sentences:
            for n in sentence.notes:
                if notes.order[n - 1] not in order:
                    order.append(notes.order[n - 1])
    new = {old: order.index(sid) + 1 for old, sid in enumerate(notes.order, 1) if sid in order}
    for section in sections:
        for sentence in (
            [s for p in section.paragraphs for s in p] + section.items + section.closing
        ):
            sentence.notes = tuple(sorted(new[n] for n in sentence.notes))
    notes.order = order


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


def build_declaration(
    city: str | None, port: str | None, start: date, end: date, lang: str = "en"
) -> Declaration:
    from dashboard.exports.declaration_facts import declaration

    return declaration(resolve_city(city, port), start, end, lang)


def _marks(notes: tuple[int, ...]) -> str:
    return f"[{', '.join(map(str, notes))}]" if notes else ""


def _md(sentences: list[Sentence]) -> str:
    return " ".join(s.text + _marks(s.notes) for s in sentences)


def to_markdown(doc: Declaration) -> str:
    lines = [f"# {doc.title}", "", f"_{doc.byline}_", ""]
    for section in doc.sections:
        lines += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [_md(paragraph), ""]
        if section.items:
            lines += [f"- {_md([item])}" for item in section.items] + [""]
        if section.closing:
            lines += [_md(section.closing), ""]
    lines += [f"## {doc.notes_heading}", ""]
    lines += [f"{i}. {note}" for i, note in enumerate(doc.notes, 1)]
    return "\n".join(lines) + "\n"


def runs(text: str) -> list[tuple[str, bool]]:
    """Split markdown *italics* into (text, italic) runs for docx and pdf."""
    return [
        (part.strip("*"), part.startswith("*") and part.endswith("*") and len(part) > 1)
        for part in re.split(r"(\*[^*]+\*)", text)
        if part
    ]


def write_declaration(
    city: str | None, port: str | None, start: date, end: date, lang: str = "en", fmt: str = "md"
) -> bytes:
    doc = build_declaration(city, port, start, end, lang)
    if fmt == "docx":
        from dashboard.exports.declaration_docx import to_docx

        return to_docx(doc)
    if fmt == "pdf":
        from dashboard.exports.declaration_pdf import to_pdf

        return to_pdf(doc)
    return to_markdown(doc).encode("utf-8")
