"""`metering fetch`: the newest release of each official source, found, downloaded and pinned.

A source is the lock entries that share a `file_pattern`; its listing page is their `url`.
fetch reads every page first (or saved copies of them), names the newest release on each, and
only then downloads what is new: with no network it stops before changing anything. A new file
is pinned by etl/official_pin.py, which reads it with its module first, so a release CBP
reshaped is refused, not locked.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from etl import official_listing, official_lock
from etl.official_listing import Link
from etl.official_pin import pin

TIMEOUT_S = 30


class Offline(Exception):
    """A listing page or file could not be reached; nothing was changed."""


def download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise Offline(f"no network: cannot reach {urlparse(url).netloc} ({reason})") from err


@dataclass
class Finding:
    source: str  # the folder of the source's files
    pinned: str  # the newest release file already in the lock
    newest: Link | None  # the newest release on the page
    entry: dict  # the source's newest lock entry (its card is copied for a new release)

    @property
    def is_new(self) -> bool:
        if self.newest is None or self.newest.name == self.pinned:
            return False
        pattern = self.entry["file_pattern"]
        newer = official_listing.release_period(self.newest.name, pattern)
        return newer > (official_listing.release_period(self.pinned, pattern) or dt.date.min)

    def line(self) -> str:
        if self.newest is None:
            return f"{self.source}: no release on the listing page matches its file pattern"
        where = f"{self.newest.name} ({self.newest.folder or 'no upload folder'})"
        if self.newest.name == self.pinned:
            return f"{self.source}: newest release {where} is already pinned"
        if self.is_new:
            return f"{self.source}: newest release {where}, newer than the pinned {self.pinned}"
        return f"{self.source}: the page's newest release {where} is older than {self.pinned}"


def sources(official_dir: Path) -> dict[str, list[dict]]:
    """file_pattern -> its lock entries (only entries that have a listing page and pattern)."""
    grouped: dict[str, list[dict]] = {}
    for entry in official_lock.entries(official_dir):
        if entry.get("file_pattern") and entry.get("url"):
            grouped.setdefault(entry["file_pattern"], []).append(entry)
    return grouped


def find_newest(
    official_dir: Path,
    pages: list[str] | None = None,
    get: Callable[[str], bytes] = download,
) -> list[Finding]:
    """What each source's listing page offers. `pages`: saved copies to read instead of the web."""
    found, fetched = [], {}
    for pattern, entries in sources(official_dir).items():
        pinned = max(
            entries,
            key=lambda e: (
                official_listing.release_period(e.get("release_file") or "", pattern) or dt.date.min
            ),
        )
        page = pinned["url"]
        if pages is None and page not in fetched:
            fetched[page] = get(page).decode("utf-8", errors="replace")
        texts = pages if pages is not None else [fetched[page]]
        on_page = [link for html in texts for link in official_listing.links(html, page)]
        newest = official_listing.newest(on_page, pattern)
        if pages is not None and newest is None:
            continue  # the saved pages are another publisher's
        source = pinned["path"].split("/", 1)[0]
        found.append(Finding(source, pinned.get("release_file") or "", newest, pinned))
    return found


def new_release_card(finding: Finding) -> dict:
    """The card of a release found on a listing page: the source's card, this file's facts."""
    link, base = finding.newest, finding.entry
    stem = link.name.rsplit(".", 1)[0]
    folder = base["path"].split("/", 1)[0]
    card = {k: base.get(k) for k in ("module", "layout", "publisher", "url", "file_pattern")}
    return card | {
        "path": f"{folder}/{link.name}",
        "release_id": stem,
        "source_id": stem,
        "release": link.text or link.name,
        "title": link.text or link.name,
        "release_file": link.name,
        "download_url": link.url,
        "release_date": link.folder or None,
        "release_date_note": f"month only: upload folder {link.folder} of the official address"
        if link.folder
        else "not stated on the listing page",
        "rounding": base.get("rounding"),
        "came_from": {"repository": None, "commit": None, "path": None},
    }


def fetch_new(
    official_dir: Path,
    findings: list[Finding],
    get: Callable[[str], bytes] = download,
    today: str | None = None,
) -> Iterator[str]:
    """Download and pin each newer release found, yielding one summary line per pinned file."""
    for finding in (f for f in findings if f.is_new):
        card = new_release_card(finding)
        data = get(finding.newest.url)
        staging = Path(official_dir) / f".{finding.newest.name}.part"
        staging.write_bytes(data)
        try:
            yield pin(official_dir, staging, card, today)[1]
        finally:
            staging.unlink(missing_ok=True)
