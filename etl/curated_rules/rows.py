"""Rules for every file: row shape, keys, sources cited, evidence, counts and dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from etl import privacy
from etl.curated_rules.base import (
    Context,
    as_date,
    files_with,
    nearest,
    rule,
)
from etl.curated_schema import SCHEMAS, SOURCES
from etl.problems import Reject

TITLE42_START = date(2020, 3, 20)
EVIDENCE_MAX_WORDS = 24  # "under 25 words"

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
    "No cell holds an A-number, a phone number, an e-mail address, a login in an address or a "
    "name on the deny list (etl/privacy.py; pseudonyms only).",
)
def no_personal_identifiers(ctx: Context) -> Iterator[Reject]:
    cells = [
        (row, column, text)
        for rows in ctx.rows.values()
        for row in rows
        for column, text in row.cells.items()
    ]
    texts = [text for _row, _column, text in cells]
    urls = ["url" in column for _row, column, _text in cells]
    for index, kind in privacy.find_each(texts, urls).items():
        row, column, _text = cells[index]
        yield ctx.problem(row, column, privacy.refusal(kind), "no_personal_identifiers")


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
    ("processed_low", "processed_qualifier", "say how the source words the pace (exact, ...)"),
    ("processed_high", "processed_qualifier", "say how the source words the pace (exact, ...)"),
)


@rule(
    "count_has_unit_and_qualifier",
    files_with("count_unit"),
    "A count gives count_unit (what it counts) and count_qualifier (how the source words it); "
    "a processing figure gives processed_qualifier.",
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
