"""A declaration as markdown: note numbers in brackets, the notes listed at the end.

Data text stays text: `<`, `>`, `[`, `]`, backticks and `&` are escaped (dashboard/markup.py),
so no link, image or HTML can come from the data."""

from __future__ import annotations

from dashboard.exports.declaration.model import Declaration, Sentence
from dashboard.markup import md_text


def _marks(notes: tuple[int, ...]) -> str:
    return f"[{', '.join(map(str, notes))}]" if notes else ""


def _md(sentences: list[Sentence]) -> str:
    return " ".join(md_text(s.text) + _marks(s.notes) for s in sentences)


def to_markdown(doc: Declaration) -> str:
    lines = [f"# {md_text(doc.title)}", "", f"_{md_text(doc.byline)}_", ""]
    for section in doc.sections:
        lines += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [_md(paragraph), ""]
        if section.items:
            lines += [f"- {_md([item])}" for item in section.items] + [""]
        if section.closing:
            lines += [_md(section.closing), ""]
    lines += [f"## {doc.notes_heading}", ""]
    lines += [f"{i}. {md_text(note)}" for i, note in enumerate(doc.notes, 1)]
    return "\n".join(lines) + "\n"
