"""`metering fetch`: the newest release of each official source, found, downloaded and pinned.

A source is the lock entries that share a `file_pattern`; its listing page is their `url`.
fetch reads every page first (or saved copies of them), names the newest release on each, and
only then downloads what is new: with no network it stops before changing anything. A new file
is read by its module before it is pinned, so a release CBP reshaped is refused, not locked.
`add` pins a file you already have (`metering fetch --add`), writing its lock entry: the card.
"""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import polars as pl

from etl import official_listing, official_lock, official_registry
from etl.official_listing import Link
from etl.problems import SourceError

TIMEOUT_S = 30
# the order of a lock entry's fields (the card first, then what fetch measures)
CARD = (
    "path module layout release_id source_id release title publisher url file_pattern "
    "release_file download_url release_date release_date_note coverage rounding came_from note"
).split()
MEASURED = ("sha256", "bytes", "retrieved")


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


def _month_range(frame: pl.DataFrame) -> str:
    if "month" not in frame.columns or frame["month"].drop_nulls().is_empty():
        return ""
    first, last = frame["month"].drop_nulls().min(), frame["month"].drop_nulls().max()
    return f"{first:%b %Y} - {last:%b %Y}"


def _ordered(entry: dict) -> dict:
    keys = [k for k in CARD if k in entry] + [k for k in entry if k not in CARD]
    return {k: entry[k] for k in keys if k not in MEASURED} | {
        k: entry[k] for k in MEASURED if k in entry
    }


def pin(official_dir: Path, file: Path, card: dict, today: str | None = None) -> tuple[dict, str]:
    """Copy `file` to card['path'], read it with its module, and add its lock entry.

    Refuses (SourceError, nothing changed) a path already locked or present, an unknown module
    or layout, a file its module cannot read, and any row the module rejects.
    Returns the entry and a one-line summary (rows and months read).
    """
    official_dir = Path(official_dir)
    rel = card["path"]
    target = official_dir / rel
    if any(e["path"] == rel for e in official_lock.entries(official_dir)) or target.exists():
        raise SourceError(rel, f"already in {official_lock.LOCK_NAME} or in the folder")
    module = official_registry.module_for(card)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)
    entry = dict(card)
    entry["sha256"] = official_lock.sha256_file(target)
    entry["bytes"] = target.stat().st_size
    entry["retrieved"] = today or dt.date.today().isoformat()
    try:
        frame, rejects = module.parse_checked(target, entry)
        if rejects:
            raise SourceError(rel, "rows rejected: " + "; ".join(r.message() for r in rejects[:5]))
    except BaseException:
        target.unlink()
        raise
    months = _month_range(frame)
    entry.setdefault("coverage", months or None)
    lock = official_lock.load(official_dir)
    lock["files"].append(_ordered(entry))
    official_lock.save(official_dir, lock)
    summary = f"pinned {rel}: {frame.height} rows{', ' + months if months else ''}, "
    summary += f"{entry['bytes']} bytes, sha256 {entry['sha256']}"
    return entry, summary


def card_like(official_dir: Path, like: str, file_name: str, overrides: dict) -> dict:
    """A new entry's card: the card of locked file `like`, in its folder, with overrides."""
    base = next((e for e in official_lock.entries(official_dir) if e["path"] == like), None)
    if base is None:
        raise SourceError(like, f"--like names no file in {official_lock.LOCK_NAME}")
    card = {k: v for k, v in base.items() if k in CARD and k not in ("coverage", "note")}
    card["path"] = f"{like.rsplit('/', 1)[0]}/{file_name}" if "/" in like else file_name
    return card | {k: v for k, v in overrides.items() if v is not None}


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
