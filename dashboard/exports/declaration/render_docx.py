"""A declaration as .docx (python-docx): headings, superscript note numbers, a numbered notes list.

python-docx has no footnote API, so notes are a numbered list at the end whose numbers match
the superscripts in the text. Core properties get the marts' build time and the zip entries
a fixed date, so the same marts give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from dashboard import data
from dashboard.exports.declaration.model import Declaration, Sentence, runs

FONT = "Times New Roman"


def _sentences(paragraph, sentences: list[Sentence]) -> None:
    for i, sentence in enumerate(sentences):
        for text, italic in runs(sentence.text):
            paragraph.add_run(text).italic = italic
        if sentence.notes:
            mark = paragraph.add_run(",".join(map(str, sentence.notes)))
            mark.font.superscript = True
        if i < len(sentences) - 1:
            paragraph.add_run(" ")


def _heading(document, text: str, size: int, center: bool = False) -> None:
    paragraph = document.add_paragraph()
    for part, italic in runs(text):
        run = paragraph.add_run(part)
        run.bold, run.italic, run.font.size = True, italic, Pt(size)
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.keep_with_next = True
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _fixed_zip(body: bytes) -> bytes:
    """Rewrite the package with every entry dated 1980-01-01, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def to_docx(doc: Declaration) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    built = datetime.fromisoformat(data.build_info()["built_at"])
    props = document.core_properties
    props.author = props.last_modified_by = "Metering & Turnback Record"
    props.title, props.created, props.modified = doc.title.replace("*", ""), built, built
    props.revision = 1
    _heading(document, doc.title, 14, center=True)
    byline = document.add_paragraph()
    for text, _ in runs(doc.byline):
        run = byline.add_run(text)
        run.italic, run.font.size = True, Pt(10)
    for section in doc.sections:
        _heading(document, section.heading, 12)
        for paragraph in section.paragraphs:
            _sentences(document.add_paragraph(), paragraph)
        for item in section.items:
            _sentences(document.add_paragraph(style="List Bullet"), [item])
        if section.closing:
            _sentences(document.add_paragraph(), section.closing)
    _heading(document, doc.notes_heading, 12)
    for number, note in enumerate(doc.notes, 1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(18)
        paragraph.paragraph_format.first_line_indent = Pt(-18)
        run = paragraph.add_run(f"{number}.\t{note}")
        run.font.size = Pt(10)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())
