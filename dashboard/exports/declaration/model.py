"""The document model of a declaration: sentences with note numbers, sections, the notes.

Sections are built by facts.py (counts, pace, waits) and context.py (policies, turnbacks,
pre-2019 evidence); build.py puts them together; render_*.py write one format each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

    def sentences(self) -> list[Sentence]:
        """Every sentence in reading order."""
        return [s for p in self.paragraphs for s in p] + self.items + self.closing


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
    short_notes: list[str] = field(default_factory=list)  # publisher, for a repeated footnote


def renumber(sections: list[Section], notes: Notes) -> None:
    """Number notes in reading order (sections may be built out of order)."""
    order: list[str] = []
    for section in sections:
        for sentence in section.sentences():
            for n in sentence.notes:
                if notes.order[n - 1] not in order:
                    order.append(notes.order[n - 1])
    new = {old: order.index(sid) + 1 for old, sid in enumerate(notes.order, 1) if sid in order}
    for section in sections:
        for sentence in section.sentences():
            sentence.notes = tuple(sorted(new[n] for n in sentence.notes))
    notes.order = order


def runs(text: str) -> list[tuple[str, bool]]:
    """Split markdown *italics* into (text, italic) runs for docx and pdf."""
    return [
        (part.strip("*"), part.startswith("*") and part.endswith("*") and len(part) > 1)
        for part in re.split(r"(\*[^*]+\*)", text)
        if part
    ]
