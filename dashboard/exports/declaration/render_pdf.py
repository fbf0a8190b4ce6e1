"""A declaration as PDF (fpdf2): letter size, DejaVu Serif so accents render, superscript notes.

The document goes through fpdf2's HTML writer (headings, paragraphs, bullets, <sup>, <i>).
The creation date is the marts' build time, so the same marts give the same bytes.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TextStyle

from dashboard import data
from dashboard.exports.declaration.model import Declaration, Sentence, runs

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "DejaVuSerif"
LH = "line-height='1.45'"
STYLES = {
    "": "DejaVuSerif.ttf",
    "B": "DejaVuSerif-Bold.ttf",
    "I": "DejaVuSerif-Italic.ttf",
    "BI": "DejaVuSerif-BoldItalic.ttf",
}


def _inline(text: str) -> str:
    return "".join(
        f"<i>{html.escape(part)}</i>" if italic else html.escape(part)
        for part, italic in runs(text)
    )


def _sentences(sentences: list[Sentence]) -> str:
    return " ".join(
        _inline(s.text) + (f"<sup>{','.join(map(str, s.notes))}</sup>" if s.notes else "")
        for s in sentences
    )


def to_html(doc: Declaration) -> str:
    parts = [
        f"<h1>{_inline(doc.title)}</h1>",
        f"<p {LH}><font size='9'><i>{_inline(doc.byline)}</i></font></p>",
    ]
    for section in doc.sections:
        parts.append(f"<h2>{_inline(section.heading)}</h2>")
        parts += [f"<p {LH}>{_sentences(p)}</p>" for p in section.paragraphs]
        if section.items:
            parts.append(
                f"<ul {LH}>"
                + "".join(f"<li {LH}>{_sentences([i])}</li>" for i in section.items)
                + "</ul>"
            )
        if section.closing:
            parts.append(f"<p {LH}>{_sentences(section.closing)}</p>")
    parts.append(f"<h2>{html.escape(doc.notes_heading)}</h2>")
    parts += [
        f"<p line-height='1.2'><font size='9'>{n}. {html.escape(note)}</font></p>"
        for n, note in enumerate(doc.notes, 1)
    ]
    return "".join(parts)


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 10, str(self.page_no()), align="C")


def to_pdf(doc: Declaration) -> bytes:
    pdf = _Document(format="letter", unit="mm")
    for style, name in STYLES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    built = datetime.fromisoformat(data.build_info()["built_at"]).replace(tzinfo=UTC)
    pdf.set_creation_date(built)
    pdf.set_title(doc.title.replace("*", ""))
    pdf.set_author("Metering & Turnback Record")
    pdf.set_lang(doc.lang)
    pdf.set_margins(25, 22, 25)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(FAMILY, "", 11)
    styles = {
        "h1": TextStyle(
            font_family=FAMILY, font_style="B", font_size_pt=14, t_margin=0, b_margin=2, color=0
        ),
        "h2": TextStyle(
            font_family=FAMILY, font_style="B", font_size_pt=11.5, t_margin=3, b_margin=0, color=0
        ),
        "li": TextStyle(font_family=FAMILY, font_size_pt=11, t_margin=0.8, color=0),
        "p": TextStyle(font_family=FAMILY, font_size_pt=11, t_margin=1.5, b_margin=1.5, color=0),
    }
    pdf.write_html(
        to_html(doc), font_family=FAMILY, tag_styles=styles, li_prefix_color=0, ul_bullet_char="•"
    )
    return bytes(pdf.output())


__all__ = ["to_pdf", "to_html"]
