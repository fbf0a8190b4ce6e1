"""Rules for sources.csv: titles as published, dates or reasons, safe addresses, no repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from etl.curated_rules.base import (
    Context,
    Row,
    fold,
    host,
    rule,
)
from etl.curated_schema import SOURCES
from etl.problems import Reject

URL_COLUMNS = ("original_url", "copy_url")
# hosts that only ever hold copies: legal databases, document mirrors, press archives
COPY_SITES = (
    "casetext.com",
    "vlex.com",
    "justia.com",
    "cetient.com",
    "scribd.com",
    "docslib.org",
    "vdocument.in",
    "vdocuments.net",
    "pressreader.com",
    "documentcloud.org",
    "archive.org",
    "archive.ph",
    "wikiwix.com",
)
# pre-production, staging and CMS back-office hosts are never cited
STAGING_HOST_RE = re.compile(r"(^|[.-])(preprod|pre-prod|staging|stage|dev|admin|editor\d*)[.-]")
# a CDN host is never the publisher's address (a copy read there is printed as such)
CDN_HOST_RE = re.compile(r"arc-cdn|cloudfront\.net|akamaihd\.net|fastly\.net")
# words that mark a compiler's note in a title rather than the published title
TITLE_NOTE_RE = re.compile(
    r"\((AP|AP Leads|NPR|NBC News|LA Times|Reuters|EFE|letter|repost|copy|translated|excerpt|"
    r"summary|abstract|introduction|photo gallery|case summary|stored copy)[^()]*\)\s*$",
    re.IGNORECASE,
)
PLACEHOLDER_RE = re.compile(r"^\s*\[.*\]\s*$")
SCHEME_AND_WWW_RE = re.compile(r"^https?://(www\.)?")


# --------------------------------------------------------------------------- sources


@rule(
    "source_title_as_published",
    ("sources.csv",),
    "A source has its title as published, or (only if none could be found) an "
    "untitled_description; never a bracketed placeholder, never a compiler's note such as "
    "'(AP)' or '(repost)'.",
)
def source_title_as_published(ctx: Context) -> Iterator[Reject]:
    name = "source_title_as_published"
    for row in ctx.of(SOURCES):
        title, described = row.get("title"), row.get("untitled_description")
        if PLACEHOLDER_RE.match(title):
            yield ctx.problem(
                row,
                "title",
                "is a placeholder in brackets: give the title as published, or leave title "
                "empty and describe the source in untitled_description",
                name,
            )
        elif title and TITLE_NOTE_RE.search(title):
            yield ctx.problem(
                row,
                "title",
                "ends with a compiler's note in brackets; the title is printed as published "
                "(put notes about the copy in copy_note)",
                name,
            )
        if not title and not described:
            yield ctx.problem(
                row, "title", "is empty: give the title, or untitled_description if none", name
            )
        if title and described:
            yield ctx.problem(
                row,
                "untitled_description",
                "is given although the source has a title; keep only the title",
                name,
            )


@rule(
    "source_dated_or_reason",
    ("sources.csv",),
    "published comes with published_precision matching how it is written; an undated source "
    "says why in undated_reason.",
)
def source_dated_or_reason(ctx: Context) -> Iterator[Reject]:
    name = "source_dated_or_reason"
    for row in ctx.of(SOURCES):
        published, precision = row.get("published"), row.get("published_precision")
        if not published:
            if not row.get("undated_reason"):
                yield ctx.problem(
                    row,
                    "undated_reason",
                    "is empty and published is empty: give the date, or say why there is none",
                    name,
                )
            continue
        written = {4: "year", 7: "month", 10: "day"}.get(len(published))
        if precision != written:
            yield ctx.problem(
                row,
                "published_precision",
                f"must be {written} for published {published!r}",
                name,
            )


@rule(
    "source_url_safe",
    ("sources.csv",),
    "Every address is http or https, carries no user name or password, and is not a staging, "
    "pre-production or back-office host; original_url is never a CDN host.",
)
def source_url_safe(ctx: Context) -> Iterator[Reject]:
    name = "source_url_safe"
    for row in ctx.of(SOURCES):
        for column in URL_COLUMNS:
            url = row.get(column)
            if not url:
                continue
            try:
                parts = urlsplit(url)
            except ValueError:
                parts = None
            if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
                yield ctx.problem(row, column, "is not an http or https address", name)
            elif "@" in parts.netloc:
                yield ctx.problem(
                    row, column, "carries a user name before '@'; cite the plain address", name
                )
            elif STAGING_HOST_RE.search(parts.hostname):
                yield ctx.problem(
                    row,
                    column,
                    f"{parts.hostname} is a staging or back-office host; cite the public address",
                    name,
                )
            elif column == "original_url" and CDN_HOST_RE.search(parts.hostname):
                yield ctx.problem(
                    row,
                    column,
                    f"{parts.hostname} is a CDN host, not the publisher's address: put it in "
                    "copy_url",
                    name,
                )


@rule(
    "source_has_address",
    ("sources.csv",),
    "A source gives original_url, copy_url or both.",
)
def source_has_address(ctx: Context) -> Iterator[Reject]:
    for row in ctx.of(SOURCES):
        if not row.get("original_url") and not row.get("copy_url"):
            yield ctx.problem(
                row,
                "original_url",
                "is empty and so is copy_url: give the address that was read",
                "source_has_address",
            )


@rule(
    "source_copy_named",
    ("sources.csv",),
    "copy_url comes with copy_host, the host of copy_url, and copy_host only with a copy_url.",
)
def source_copy_named(ctx: Context) -> Iterator[Reject]:
    name = "source_copy_named"
    for row in ctx.of(SOURCES):
        url, named = row.get("copy_url"), row.get("copy_host")
        if url and named != host(url):
            yield ctx.problem(
                row, "copy_host", f"must be {host(url)!r}, the host of copy_url", name
            )
        elif named and not url:
            yield ctx.problem(row, "copy_host", "is given without a copy_url", name)


@rule(
    "source_original_not_a_copy_site",
    ("sources.csv",),
    "original_url is the publisher's own page: a legal database, document mirror or archive "
    "(Casetext, vLex, Justia, Scribd, DocumentCloud, PressReader, archive.org ...) goes in "
    "copy_url.",
)
def source_original_not_a_copy_site(ctx: Context) -> Iterator[Reject]:
    for row in ctx.of(SOURCES):
        name = host(row.get("original_url"))
        site = next((s for s in COPY_SITES if name == s or name.endswith("." + s)), None)
        if site:
            yield ctx.problem(
                row,
                "original_url",
                f"is on {site}, which holds copies: move it to copy_url and give the "
                "publisher's own address here if known",
                "source_original_not_a_copy_site",
            )


def _normal_url(url: str) -> str:
    return SCHEME_AND_WWW_RE.sub("", url.strip().lower()).rstrip("/")


@rule(
    "source_not_already_listed",
    ("sources.csv",),
    "One row per publication: no address and no title (with the same publisher) appears on "
    "two rows.",
)
def source_not_already_listed(ctx: Context) -> Iterator[Reject]:
    name = "source_not_already_listed"
    urls: dict[str, Row] = {}
    titles: dict[tuple[str, str], Row] = {}
    for row in ctx.of(SOURCES):
        for column in URL_COLUMNS:
            url = row.get(column)
            if not url:
                continue
            first = urls.setdefault(_normal_url(url), row)
            if first is not row:
                yield ctx.problem(
                    row,
                    column,
                    f"is already the address of {first.get('source_id')} (line {first.line}): "
                    "cite that source_id instead of adding the source again",
                    name,
                )
        title = fold(row.get("title"))
        if title:
            key = (title, fold(row.get("publisher")))
            first = titles.setdefault(key, row)
            if first is not row:
                yield ctx.problem(
                    row,
                    "title",
                    f"is already the title of {first.get('source_id')} (line {first.line}) "
                    "from the same publisher: cite that source_id",
                    name,
                )
