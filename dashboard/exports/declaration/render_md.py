"""A declaration as markdown: note numbers in brackets, the notes listed at the end."""

from __future__ import annotations

from dashboard.exports.declaration.model import Declaration, Sentence


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
