"""Row checks for the curated CSVs: one function per field kind, messages in plain words.

Each checker takes the text of one cell and returns (value, problem). A problem is a sentence
a volunteer adding rows can act on; the caller adds file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from etl.curated_schema import Field

EARLIEST = date(2010, 1, 1)
SOURCE_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WHOLE_NUMBER_RE = re.compile(r"-?\d+")
YEAR_RE = re.compile(r"\d{4}")
YEAR_MONTH_RE = re.compile(r"\d{4}-\d{2}")
LARGEST_INT = 2**63 - 1  # what an Int64 column (polars, DuckDB BIGINT) holds
# Declarants' identifiers never enter the project: A-numbers, phones, e-mail and logins are
# refused (rule no_personal_identifiers in etl/curated_rules, using etl/privacy.py).

Result = tuple[object, str | None]


def _int(text: str, f: Field) -> Result:
    cleaned = text.replace(",", "")
    if not WHOLE_NUMBER_RE.fullmatch(cleaned):
        return None, "is not a whole number (write digits only, e.g. 1200)"
    value = int(cleaned)
    if value < 0:
        return None, "is negative; counts and days are never below zero"
    if value > LARGEST_INT:
        return None, f"is too large to be a count (at most {LARGEST_INT:,})"
    return value, None


def _number(text: str, f: Field) -> Result:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None, "is not a number (use a dot for decimals, e.g. 2.5)"
    if f.name in ("lat", "lon"):
        return value, None
    if value < 0:
        return None, "is negative; rates are never below zero"
    return value, None


def _day(text: str) -> tuple[date | None, str | None]:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None, "is not a date written YYYY-MM-DD (e.g. 2019-07-16)"
    if not EARLIEST <= value <= date.today():
        return None, f"is outside the years this record covers ({EARLIEST.year} to today)"
    return value, None


def _partial_date(text: str, f: Field) -> Result:
    if YEAR_RE.fullmatch(text):
        text_day = f"{text}-01-01"
    elif YEAR_MONTH_RE.fullmatch(text):
        text_day = f"{text}-01"
    else:
        text_day = text
    value, problem = _day(text_day)
    if problem:
        return None, "is not a date written YYYY, YYYY-MM or YYYY-MM-DD" if not value else problem
    return value, None


def _date(text: str, f: Field) -> Result:
    return _day(text)


def _enum(text: str, f: Field) -> Result:
    if text in f.allowed:
        return text, None
    return None, "is not one of the allowed values: " + ", ".join(f.allowed)


def _enum_list(text: str, f: Field) -> Result:
    items = [item.strip() for item in text.split("|")]
    unknown = [item for item in items if item not in f.allowed]
    if unknown:
        return None, f"has {', '.join(unknown)!s}, not among: " + ", ".join(f.allowed)
    return "|".join(items), None


def _bool(text: str, f: Field) -> Result:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true", None
    return None, "must be true or false"


def _text(text: str, f: Field) -> Result:
    return text, None  # identifiers: rule no_personal_identifiers in etl/curated_rules.py


def _source_id(text: str, f: Field) -> Result:
    if not SOURCE_ID_RE.fullmatch(text):
        return None, "must be lower-case letters, digits and single hyphens"
    return text, None


CHECKERS = {
    "int": _int,
    "number": _number,
    "date": _date,
    "partial_date": _partial_date,
    "enum": _enum,
    "enum_list": _enum_list,
    "bool": _bool,
    "text": _text,
    "source_id": _source_id,
    "city": _text,
    "port": _text,
}


def check_cell(text: str, f: Field) -> Result:
    """Check one cell; blank cells are None, and a problem if the field is required."""
    text = text.strip()
    if not text:
        return None, ("is empty but required: " + f.help) if f.required else None
    return CHECKERS[f.kind](text, f)


def check_column(texts: Sequence[str], f: Field) -> tuple[list, list[tuple[int, str]]]:
    """check_cell on every text of one column: the values, and (index, problem) for each text
    that fails. A text column's value is its text, stripped; in other columns each distinct
    text is checked once (a column repeats its enums, source ids, dates and blanks)."""
    if CHECKERS[f.kind] is _text:  # only a blank can fail, when the column is required
        values = [text.strip() or None for text in texts]
        blanks = [i for i, value in enumerate(values) if value is None] if f.required else []
        return values, [(i, check_cell(texts[i], f)[1]) for i in blanks]
    results = {text: check_cell(text, f) for text in set(texts)}
    values = [results[text][0] for text in texts]
    if not any(problem for _value, problem in results.values()):
        return values, []
    return values, [(i, results[t][1]) for i, t in enumerate(texts) if results[t][1]]
