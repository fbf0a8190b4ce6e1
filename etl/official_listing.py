"""Publishers' listing pages: the file links on a page, and which one is the newest release.

Links differ from page to page: site-relative (`/sites/default/files/2026-08/x.csv`), listed
twice, re-uploads with a `_0` suffix (`x_0.csv`, the release is still `x.csv`), and two folder
styles (`/2026-08/` and `/assets/documents/2023-Nov/`). A lock entry's `file_pattern` (a regular
expression on the release file name) picks its source's links; its named groups date a release:
`fy` (fiscal year, 2 or 4 digits) with an optional `month`, or `year` with `month`. The newest
release is the latest period, then the latest upload folder, then the highest suffix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlparse

from etl.official_parse import ABBR, month_number, month_start

SUFFIX = re.compile(r"_(\d{1,2})(\.[A-Za-z0-9]+)$")
FOLDER = re.compile(r"/(\d{4})-(\d{2}|[A-Za-z]{3})/")


@dataclass(frozen=True)
class Link:
    url: str  # absolute address of the file
    name: str  # the release file name: last path part, `_0`-style suffix removed
    text: str  # the link text, spaces collapsed
    folder: str  # upload folder as YYYY-MM, '' when the address has none
    suffix: int  # 0, or N + 1 for a `_N` re-upload (`_0` is the first)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self._open = [href, ""]
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def _folder(path: str) -> str:
    found = FOLDER.search(path)
    if not found:
        return ""
    year, month = found.groups()
    number = int(month) if month.isdigit() else ABBR.get(month.upper(), 0)
    return f"{year}-{number:02d}"


def links(html: str, page_url: str) -> list[Link]:
    """Every file link of a page, made absolute against page_url, each address once."""
    parser = _Anchors()
    parser.feed(html)
    seen: dict[str, Link] = {}
    for href, text in parser.found:
        url = urljoin(page_url, href.strip())
        path = urlparse(url).path
        base = unquote(path.rsplit("/", 1)[-1])
        suffix = SUFFIX.search(base)
        name = SUFFIX.sub(r"\2", base) if suffix else base
        if "." not in name or url in seen:
            continue
        text = " ".join(text.split())
        seen[url] = Link(url, name, text, _folder(path), int(suffix.group(1)) + 1 if suffix else 0)
    return list(seen.values())


def release_period(name: str, pattern: str) -> dt.date | None:
    """The last month a release file covers, read from its name; None if it does not match."""
    found = re.match(pattern, name.lower())
    if not found:
        return None
    parts = found.groupdict()
    month = month_number(parts.get("month")) if parts.get("month") else None
    if parts.get("fy"):
        fiscal_year = int(parts["fy"]) % 100 + 2000
        return month_start(fiscal_year, month or 9)  # no month: the whole fiscal year
    if parts.get("year") and month:
        return dt.date(int(parts["year"]), month, 1)
    return dt.date.min


def newest(candidates: list[Link], pattern: str) -> Link | None:
    """The newest release among the links whose file name matches pattern."""
    dated = [(release_period(link.name, pattern), link) for link in candidates]
    dated = [(period, link) for period, link in dated if period is not None]
    if not dated:
        return None
    return max(dated, key=lambda d: (d[0], d[1].folder, d[1].suffix))[1]
