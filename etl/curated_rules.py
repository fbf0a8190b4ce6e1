"""The written rules of the curated files, each with the check that enforces it.

FORMATS.md lists every rule of this module under the file it applies to, with its name, so a
reader can see which check refuses a row. `metering check` runs every rule on every row in
one pass, cross-file rules included: a row with a bad cell is still checked against
ports.csv and sources.csv, so all its problems appear in the first run.

A rule reads the rows as written (text), so it never depends on another rule having passed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from etl.curated_check import A_NUMBER_RE, PHONE_RE
from etl.curated_schema import SCHEMAS, SOURCES, FileSchema
from etl.problems import Reject

TITLE42_START = date(2020, 3, 20)
EVIDENCE_MAX_WORDS = 24  # "under 25 words"
URL_COLUMNS = ("original_url", "copy_url")
# hosts that only ever hold copies: legal databases, document mirrors, press archives
COPY_SITES = (
    "casetext.com",
    "vlex.com",
    "justia.com",
    "studicata.com",
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


@dataclass
class Row:
    file: str
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


@dataclass
class Context:
    """Every record of every curated file, as written, and what the reference files know."""

    rows: dict[str, list[Row]]
    headers: dict[str, list[str]]

    def of(self, schema: FileSchema) -> list[Row]:
        return self.rows.get(schema.file, [])

    def problem(self, row: Row, column: str, reason: str, rule: str) -> Reject:
        header = self.headers.get(row.file, [])
        position = header.index(column) + 1 if column in header else len(header) + 1
        return Reject(row.file, row.line, position, column, row.get(column), f"{reason} [{rule}]")

    @property
    def ports(self) -> list[Row]:
        return self.rows.get("ports.csv", [])


@dataclass(frozen=True)
class Rule:
    name: str
    files: tuple[str, ...]
    text: str
    check: Callable[[Context], Iterator[Reject]]


RULES: list[Rule] = []


def rule(name: str, files: tuple[str, ...], text: str):
    def register(check: Callable[[Context], Iterator[Reject]]):
        RULES.append(Rule(name, files, text, check))
        return check

    return register


def fold(text: str) -> str:
    """Lower case without accents: 'Ciudad Juárez' and 'ciudad juarez' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def nearest(value: str, known: list[str]) -> str:
    """' (did you mean X?)' for the closest known name, or '' when nothing is close."""
    folded = {fold(k): k for k in known}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return f" (did you mean {folded[match[0]]}?)" if match else ""


def as_date(text: str) -> date | None:
    for form, pad in ((r"\d{4}-\d{2}-\d{2}", ""), (r"\d{4}-\d{2}", "-01"), (r"\d{4}", "-01-01")):
        if re.fullmatch(form, text):
            try:
                return date.fromisoformat(text + pad)
            except ValueError:
                return None
    return None


def host(url: str) -> str:
    try:
        name = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return name[4:] if name.startswith("www.") else name


def files_with(column: str) -> tuple[str, ...]:
    return tuple(s.file for s in SCHEMAS if column in s.columns)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


# --------------------------------------------------------------------------- every file


def _checked_while_reading(ctx: Context) -> Iterator[Reject]:
    """cell_kinds and row_width run as each file is read (etl/sources/curated.parse)."""
    return iter(())


rule(
    "row_width",
    tuple(s.file for s in SCHEMAS),
    "Every row has as many fields as the header (check the commas and quotes).",
)(_checked_while_reading)
rule(
    "cell_kinds",
    tuple(s.file for s in SCHEMAS),
    "Every cell holds its column's kind and allowed values (table above); required columns "
    "are filled.",
)(_checked_while_reading)


@rule(
    "unique_key",
    tuple(s.file for s in SCHEMAS if s.key),
    "No two rows share the unique key.",
)
def unique_key(ctx: Context) -> Iterator[Reject]:
    for schema in SCHEMAS:
        if not schema.key:
            continue
        seen: dict[tuple[str, ...], int] = {}
        for row in ctx.of(schema):
            key = tuple(row.get(c) for c in schema.key)
            if key in seen:
                problem = ctx.problem(
                    row,
                    schema.key[0],
                    f"repeats the row on line {seen[key]} (same {', '.join(schema.key)})",
                    "unique_key",
                )
                yield Reject(
                    problem.file,
                    problem.line,
                    problem.column,
                    "+".join(schema.key),
                    " / ".join(key),
                    problem.reason,
                )
            else:
                seen[key] = row.line


@rule(
    "no_personal_identifiers",
    tuple(s.file for s in SCHEMAS),
    "No cell looks like an A-number or a phone number (pseudonyms only).",
)
def no_personal_identifiers(ctx: Context) -> Iterator[Reject]:
    for rows in ctx.rows.values():
        for row in rows:
            for column, text in row.cells.items():
                if "url" not in column and (A_NUMBER_RE.search(text) or PHONE_RE.search(text)):
                    yield ctx.problem(
                        row,
                        column,
                        "looks like an A-number or a phone number; no personal identifiers here",
                        "no_personal_identifiers",
                    )


@rule(
    "source_id_known",
    tuple(s.file for s in SCHEMAS if s is not SOURCES),
    "Every row cites a source_id that is a row of sources.csv.",
)
def source_id_known(ctx: Context) -> Iterator[Reject]:
    known = [r.get("source_id") for r in ctx.of(SOURCES)]
    known_set = set(known)
    for schema in SCHEMAS:
        if schema is SOURCES:
            continue
        for row in ctx.of(schema):
            value = row.get("source_id")
            if value and value not in known_set:
                yield ctx.problem(
                    row,
                    "source_id",
                    f"is not a known source id; add it to sources.csv{nearest(value, known)}",
                    "source_id_known",
                )


@rule(
    "evidence_under_25_words",
    files_with("evidence"),
    "evidence paraphrases the passage in under 25 words.",
)
def evidence_under_25_words(ctx: Context) -> Iterator[Reject]:
    for file in files_with("evidence"):
        for row in ctx.rows.get(file, []):
            words = len(row.get("evidence").split())
            if words > EVIDENCE_MAX_WORDS:
                yield ctx.problem(
                    row,
                    "evidence",
                    f"has {words} words; paraphrase the passage in under 25 words "
                    "(put deductions in note)",
                    "evidence_under_25_words",
                )


# --------------------------------------------------------------------------- counts and dates

# (count column, column it needs, hint)
COUNT_NEEDS = (
    ("people_waiting", "count_unit", "say what the count counts (people, names, families ...)"),
    ("people_waiting", "count_qualifier", "say how the source words it (exact, about, ...)"),
    ("people_count", "count_unit", "say what the count counts (people, names, families ...)"),
    ("people_count", "count_qualifier", "say how the source words it (exact, about, ...)"),
)


@rule(
    "count_has_unit_and_qualifier",
    files_with("count_unit"),
    "A count gives count_unit (what it counts) and count_qualifier (how the source words it).",
)
def count_has_unit_and_qualifier(ctx: Context) -> Iterator[Reject]:
    for file, rows in ctx.rows.items():
        header = ctx.headers.get(file, [])
        for given, needed, hint in COUNT_NEEDS:
            if given not in header or needed not in header:
                continue
            for row in rows:
                if row.get(given) and not row.get(needed):
                    yield ctx.problem(
                        row,
                        needed,
                        f"is empty but {given} is given: {hint}",
                        "count_has_unit_and_qualifier",
                    )


ORDERED_PAIRS = (
    ("people_waiting", "people_waiting_high"),
    ("people_count", "people_count_high"),
    ("processed_low", "processed_high"),
    ("reported_wait_days_low", "reported_wait_days_high"),
    ("value_low", "value_high"),
    ("period_start", "period_end"),
)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


@rule(
    "low_before_high",
    tuple(s.file for s in SCHEMAS if any(low in s.columns for low, _ in ORDERED_PAIRS)),
    "The high end of a range (and the end of a period) is never below the low end.",
)
def low_before_high(ctx: Context) -> Iterator[Reject]:
    for file, rows in ctx.rows.items():
        header = ctx.headers.get(file, [])
        for low, high in ORDERED_PAIRS:
            if low not in header or high not in header:
                continue
            for row in rows:
                a, b = row.get(low), row.get(high)
                if not a or not b:
                    continue
                if "period" in low:
                    lo, hi = as_date(a), as_date(b)
                else:
                    lo, hi = _number(a), _number(b)
                if lo is not None and hi is not None and hi < lo:
                    yield ctx.problem(
                        row,
                        high,
                        f"is smaller than {low} ({a}); the high end comes second",
                        "low_before_high",
                    )


RANGES = (("people_waiting", "people_waiting_high"), ("people_count", "people_count_high"))


@rule(
    "range_has_high",
    tuple(s.file for s in SCHEMAS if "people_waiting_high" in s.columns)
    + tuple(s.file for s in SCHEMAS if "people_count_high" in s.columns),
    "count_qualifier `range` has its high end in the _high column, and a high end comes with "
    "`range`.",
)
def range_has_high(ctx: Context) -> Iterator[Reject]:
    for file, rows in ctx.rows.items():
        header = ctx.headers.get(file, [])
        for low, high in RANGES:
            if high not in header or "count_qualifier" not in header:
                continue
            for row in rows:
                is_range = row.get("count_qualifier") == "range"
                if is_range and not row.get(high):
                    yield ctx.problem(
                        row,
                        high,
                        f"is empty but count_qualifier is range: put the high end here "
                        f"and the low end in {low}",
                        "range_has_high",
                    )
                elif row.get(high) and not is_range:
                    yield ctx.problem(
                        row,
                        "count_qualifier",
                        f"is not range but {high} is given: a high end needs count_qualifier range",
                        "range_has_high",
                    )


@rule(
    "date_matches_precision",
    files_with("date_precision"),
    "A date of month precision is written as the 1st of its month (YYYY-MM in partial dates), "
    "one of year precision as 1 January (YYYY); day precision gives the day.",
)
def date_matches_precision(ctx: Context) -> Iterator[Reject]:
    for file, rows in ctx.rows.items():
        header = ctx.headers.get(file, [])
        if "date_precision" not in header:
            continue
        column = next((c for c in ("as_of_date", "event_date") if c in header), None)
        if column is None:
            continue
        for row in rows:
            text, precision = row.get(column), row.get("date_precision")
            if not text or as_date(text) is None:
                continue
            written = {4: "year", 7: "month", 10: "day"}[len(text)]
            value = as_date(text)
            wrong = (
                (precision == "month" and written == "day" and value.day != 1)
                or (precision == "year" and written == "day" and (value.month, value.day) != (1, 1))
                or (precision == "year" and written == "month" and value.month != 1)
                or (precision == "day" and written != "day")
                or (precision == "month" and written == "year")
            )
            if wrong:
                yield ctx.problem(
                    row,
                    column,
                    f"does not fit date_precision {precision}: write the 1st of the month "
                    "for month precision, 1 January for year precision, the day for day",
                    "date_matches_precision",
                )


@rule(
    "metering_list_before_title42",
    ("waitlist_snapshots.csv",),
    "list_kind metering_list only up to 2020-03-20; later rows use title42_exception_list, "
    "online_registry, camp_or_shelter_count or suspended_metering_list.",
)
def metering_list_before_title42(ctx: Context) -> Iterator[Reject]:
    for row in ctx.rows.get("waitlist_snapshots.csv", []):
        when = as_date(row.get("as_of_date"))
        if row.get("list_kind") == "metering_list" and when and when > TITLE42_START:
            yield ctx.problem(
                row,
                "list_kind",
                "is metering_list but the row is dated after 2020-03-20, when ports stopped "
                "processing asylum: use title42_exception_list, online_registry, "
                "camp_or_shelter_count or suspended_metering_list",
                "metering_list_before_title42",
            )


@rule(
    "pace_total_has_period",
    ("processing_pace.csv",),
    "A processing figure whose unit is not a rate (no `_per_`) gives the period it covers "
    "(period_start or period_end).",
)
def pace_total_has_period(ctx: Context) -> Iterator[Reject]:
    for row in ctx.rows.get("processing_pace.csv", []):
        unit = row.get("unit")
        if unit and "_per_" not in unit and not (row.get("period_start") or row.get("period_end")):
            yield ctx.problem(
                row,
                "unit",
                f"{unit!r} is not a rate and no period is given: fill period_start and/or "
                "period_end, or give the rate the source states (e.g. persons_per_day)",
                "pace_total_has_period",
            )


# --------------------------------------------------------------------------- places


def _places(ctx: Context) -> tuple[dict[str, set[str]], dict[str, str]]:
    """city -> its states, port -> its city (from ports.csv)."""
    states: dict[str, set[str]] = {}
    port_city: dict[str, str] = {}
    for p in ctx.ports:
        states.setdefault(p.get("mx_city"), set()).add(p.get("mx_state"))
        port_city[p.get("port_name")] = p.get("mx_city")
    return states, port_city


CITY_COLUMNS = (
    ("waitlist_snapshots.csv", "city", False),
    ("processing_pace.csv", "city", False),
    ("turnback_reports.csv", "city", True),
)
PORT_COLUMNS = (
    ("waitlist_snapshots.csv", "us_port", False),
    ("processing_pace.csv", "us_port", False),
    ("turnback_reports.csv", "us_ports", True),
)


@rule(
    "city_in_ports",
    tuple(f for f, _c, _m in CITY_COLUMNS),
    "Every city is spelled as a mx_city of ports.csv (accents included: Ciudad Juárez).",
)
def city_in_ports(ctx: Context) -> Iterator[Reject]:
    states, _ports = _places(ctx)
    for file, column, many in CITY_COLUMNS:
        for row in ctx.rows.get(file, []):
            for name in _split(row.get(column)) if many else [row.get(column)]:
                if name and name not in states:
                    yield ctx.problem(
                        row,
                        column,
                        f"{name!r} is not a city of ports.csv{nearest(name, list(states))}",
                        "city_in_ports",
                    )


@rule(
    "port_in_ports",
    tuple(f for f, _c, _m in PORT_COLUMNS),
    "Every U.S. port is a port_name of ports.csv.",
)
def port_in_ports(ctx: Context) -> Iterator[Reject]:
    _states, port_city = _places(ctx)
    for file, column, many in PORT_COLUMNS:
        for row in ctx.rows.get(file, []):
            for name in _split(row.get(column)) if many else [row.get(column)]:
                if name and name not in port_city:
                    yield ctx.problem(
                        row,
                        column,
                        f"{name!r} is not a port of ports.csv{nearest(name, list(port_city))}",
                        "port_in_ports",
                    )


@rule(
    "state_of_city",
    ("waitlist_snapshots.csv",),
    "mx_state is the state ports.csv gives for the city.",
)
def state_of_city(ctx: Context) -> Iterator[Reject]:
    states, _ports = _places(ctx)
    for row in ctx.rows.get("waitlist_snapshots.csv", []):
        city, state = row.get("city"), row.get("mx_state")
        if city in states and state and state not in states[city]:
            yield ctx.problem(
                row,
                "mx_state",
                f"{city} is in {' / '.join(sorted(states[city]))}, not {state}",
                "state_of_city",
            )


@rule(
    "port_faces_city",
    ("waitlist_snapshots.csv", "processing_pace.csv", "turnback_reports.csv"),
    "The U.S. port faces the row's city in ports.csv (Tijuana: San Ysidro or Otay Mesa).",
)
def port_faces_city(ctx: Context) -> Iterator[Reject]:
    _states, port_city = _places(ctx)
    for file, column, many in PORT_COLUMNS:
        city_column = "city"
        for row in ctx.rows.get(file, []):
            cities = set(_split(row.get(city_column)))
            ports = _split(row.get(column)) if many else [row.get(column)]
            for port in ports:
                if not cities or port not in port_city or port_city[port] in cities:
                    continue
                if not set(port_city.values()) & cities:
                    continue  # the city itself is unknown: city_in_ports says so
                facing = sorted(p for p, c in port_city.items() if c in cities)
                yield ctx.problem(
                    row,
                    column,
                    f"{port!r} faces {port_city[port]}, not {' / '.join(sorted(cities))}"
                    + (f" (ports for it: {', '.join(facing)})" if facing else ""),
                    "port_faces_city",
                )


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
            yield ctx.problem(row, "copy_host", f"must be {host(url)!r}, the host of copy_url", name)
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
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/")


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


def run_all(ctx: Context) -> list[Reject]:
    """Every rule on every row; problems in file and line order."""
    found = [problem for r in RULES for problem in r.check(ctx)]
    return sorted(found, key=lambda p: (p.file, p.line, p.column))


def rules_for(file: str) -> list[Rule]:
    return [r for r in RULES if file in r.files]
