"""`metering declare`: a short factual statement with numbered notes, for a declaration.

The statement says only what the marts say, each figure followed by a note naming its source,
and says plainly where the sources are silent. build.py assembles it from facts.py and
context.py; render_md.py, render_docx.py and render_pdf.py each write one format.
"""

from __future__ import annotations

from datetime import date

from dashboard.exports.declaration.build import build_declaration, resolve_city
from dashboard.exports.declaration.model import Declaration, DeclarationError
from dashboard.exports.declaration.render_md import to_markdown


def write_declaration(
    city: str | None, port: str | None, start: date, end: date, lang: str = "en", fmt: str = "md"
) -> bytes:
    doc = build_declaration(city, port, start, end, lang)
    if fmt == "docx":
        from dashboard.exports.declaration.render_docx import to_docx

        return to_docx(doc)
    if fmt == "pdf":
        from dashboard.exports.declaration.render_pdf import to_pdf

        return to_pdf(doc)
    return to_markdown(doc).encode("utf-8")


__all__ = [
    "Declaration",
    "DeclarationError",
    "build_declaration",
    "resolve_city",
    "to_markdown",
    "write_declaration",
]
