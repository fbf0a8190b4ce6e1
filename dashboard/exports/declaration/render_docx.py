"""A declaration as .docx (python-docx) with real Word footnotes.

python-docx has no footnote API, so this module writes the footnotes part itself
(word/footnotes.xml, related to the document part, with its content type): every note mark
in the text is a <w:footnoteReference>, numbered by Word in order. A source cited again gets
a short footnote pointing back to its first one ("Associated Press; see note 3."). Core
properties get the marts' build time and the zip entries a fixed date, so the same marts give
the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Pt

from dashboard import data
from dashboard.exports.declaration.model import Declaration, Sentence, runs
from dashboard.i18n import t

FONT = "Times New Roman"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
SUPERSCRIPT = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'


class Footnotes:
    """Footnotes in reading order: the first citation of a source in full, later ones short."""

    def __init__(self, doc: Declaration) -> None:
        self.doc = doc
        self.bodies: list[str] = []
        self.first: dict[int, int] = {}  # note number -> footnote number of its first use

    def add(self, note: int) -> int:
        number = len(self.bodies) + 1
        if note in self.first:
            short = self.doc.short_notes[note - 1] if self.doc.short_notes else ""
            text = t("declare.fn_again", self.doc.lang, publisher=short, n=self.first[note])
        else:
            self.first[note] = number
            text = self.doc.notes[note - 1]
        self.bodies.append(text)
        return number

    def xml(self) -> bytes:
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r>{SUPERSCRIPT}<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
            f'<w:t xml:space="preserve"> {escape(body)}</w:t></w:r></w:p></w:footnote>'
            for i, body in enumerate(self.bodies, 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W}">{SEPARATORS}{notes}</w:footnotes>'
        ).encode()


def _mark(paragraph, footnote_id: int) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}">{SUPERSCRIPT}<w:footnoteReference w:id="{footnote_id}"/></w:r>'
        )
    )


def _sentences(paragraph, sentences: list[Sentence], footnotes: Footnotes) -> None:
    for i, sentence in enumerate(sentences):
        for text, italic in runs(sentence.text):
            paragraph.add_run(text).italic = italic
        for note in sentence.notes:
            _mark(paragraph, footnotes.add(note))
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
    footnotes = Footnotes(doc)
    for section in doc.sections:
        _heading(document, section.heading, 12)
        for paragraph in section.paragraphs:
            _sentences(document.add_paragraph(), paragraph, footnotes)
        for item in section.items:
            _sentences(document.add_paragraph(style="List Bullet"), [item], footnotes)
        if section.closing:
            _sentences(document.add_paragraph(), section.closing, footnotes)
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        footnotes.xml(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())
