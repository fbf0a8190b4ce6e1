"""Data text stays text: markdown escaping and the one rule for which addresses become links."""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters that would turn data text into markup (a link, an image, HTML, code) in markdown.
# `*` stays: the project's own wording uses *italics* (declaration.runs reads them).
# URL characters kept as they are; spaces, parentheses, quotes and < > are percent-encoded.
URL_KEEP = ":/?#[]@!$&*+,;=%~"
MARKUP = re.compile(r"([\\`\[\]])")
# &, < and > as entities, not backslash escapes: Dash's Markdown shows "\&" and "\<" as typed
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_text(text: str) -> str:
    """Text as text in markdown: no live link, image or HTML can come from the data."""
    text = re.sub(r"[&<>]", lambda m: ENTITIES[m.group()], text)
    return MARKUP.sub(r"\\\1", text)


def web_url(url: str | None) -> str | None:
    """The address if it is http(s), else None: javascript:, data: and the like never link."""
    if not url or not url.strip().lower().startswith(("https://", "http://")):
        return None
    return url.strip()


def md_link(label: str, url: str | None) -> str:
    """A markdown link to an http(s) address, or the plain label when the address is not one."""
    safe = web_url(url)
    if safe is None:
        return md_text(label)
    return f"[{md_text(label)}]({quote(safe, safe=URL_KEEP)})"
