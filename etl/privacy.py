"""The privacy guard: no A-number, phone number, e-mail address, login or listed name in the record.

The record names institutions, officials in their public role and pseudonyms only. `find(text)`
returns what kind of identifier a text holds (or None); the build runs it over every text cell
and URL of every curated file and refuses the row with file:line:column (etl/sources/curated.py).

Names of real people that must never appear (for example the people a contributor interviewed)
are kept OUT of the repository: list them one per line in a file and give its path in the
METERING_DENY_NAMES_FILE environment variable when you build. Matching ignores case and accents.

What is caught, and what is left alone so the committed record still builds:
- A-numbers: 8 or 9 digits, with or without `A`, `A-`, `A#`, `A #`, spaces or dashes
  (A12345678, A-123-456-789, A# 123 456 789, 123456789). A bare eight-digit number that is a
  calendar date (20190716) is left alone; with an `A` in front it is caught.
- Phone numbers, U.S. and Mexican: ten digits in any grouping, with or without +1 / +52 / 01
  (+52 664 123 4567, 6641234567, (619) 555-0100, 619.555.0100, +52 1 664 123 4567).
- E-mail addresses, and URLs that carry a login (http://user@host/, http://user:pw@host/).
- Left alone: dates, case numbers (3:17-cv-02366), Federal Register citations (84 FR 33829),
  counts with thousands separators (57,460), ISO dates, long ids inside URLs, and a bare
  number right after a document label (`No.`, `Doc.`, `Dkt.`, `ECF`, `ID`, `WL`: "AILA Doc.
  No. 17011802", "ID 11618851"); with an `A` in front it is still an A-number.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import polars as pl

DENY_NAMES_ENV = "METERING_DENY_NAMES_FILE"

# digits that are not part of a longer number, an id or a case number on either side
_START = r"(?<![\w/:.,#-])"
_END = r"(?![\w/]|[.,:-]\d)"

# the digits of each pattern below, without what may come before and after them
A_NUMBER_DIGITS = r"\d{2,3}(?:[\s.-]?\d{3}){2}|\d{8,9}"
BARE_A_NUMBER_DIGITS = r"\d{3}[\s-]\d{3}[\s-]\d{3}|\d{8,9}"
PHONE_DIGITS = (
    r"(?:\(\d{2,3}\)\s?|\d{2,3}[\s.-]?)"  # area code (2 digits in CDMX, GDL, MTY)
    r"\d{3,4}[\s.-]?\d{4}"
)
A_NUMBER_WITH_PREFIX = re.compile(
    r"(?<![\w/])A\s*(?:-|#|No\.?|number)?\s*[-:]?\s*(" + A_NUMBER_DIGITS + ")" + _END,
    re.IGNORECASE,
)
BARE_A_NUMBER = re.compile(_START + "(" + BARE_A_NUMBER_DIGITS + ")" + _END)
PHONE = re.compile(
    _START
    + r"(?:(?:(?:\+|00)\s?(?:1|52)|0?1)[\s.-]?(?:1[\s.-]?)?)?"  # country or trunk prefix
    + PHONE_DIGITS
    + _END
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
NON_WORD = re.compile(r"[^\w]+")
NON_DIGIT = re.compile(r"\D")
# a number right after one of these labels is a court or document number, not an A-number
DOCUMENT_LABEL = re.compile(
    r"\b(?:No|Nos|Doc|Dkt|DktEntry|Entry|ECF|ID|Case|WL|Bates|pp?)\.?\s*$", re.IGNORECASE
)
URL_LOGIN = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s?#@]+@", re.IGNORECASE)
# What every pattern above needs: an "@" (e-mail, login) or 8 digits (an A-number has 8 or 9,
# a phone number 10). A text with neither holds none of them, so most cells are passed by this
# one search instead of five.
MAY_HOLD_IDENTIFIER = re.compile(r"@|\d(?:\D*\d){7}")
# The same shortcut, closer, for polars (Rust's regex) over many texts at once: an "@", or the
# digits of an A-number or a phone number as the patterns above write them (what may come
# before and after them left out, so it takes every text they take, and more). Rust's `\d`
# holds every digit Python's does; its `\s` lacks U+001C-U+001F, which Python's holds.
MAY_HOLD_IDENTIFIER_RUST = "|".join(
    ["@"]
    + [
        f"(?:{digits})".replace(r"\s", r"[\s\x1c-\x1f]")
        for digits in (A_NUMBER_DIGITS, BARE_A_NUMBER_DIGITS, PHONE_DIGITS)
    ]
)


def _is_date(digits: str) -> bool:
    try:
        datetime.strptime(digits, "%Y%m%d")
    except ValueError:
        return False
    return 1900 <= int(digits[:4]) <= 2099


def _digits(text: str) -> str:
    return NON_DIGIT.sub("", text)


def _fold(text: str) -> str:
    """Lower case, accents removed, runs of spaces as one: how names are compared."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


@lru_cache(maxsize=4)
def _deny_names(path: str, mtime_ns: int) -> tuple[str, ...]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(_fold(line) for line in lines if line.strip() and not line.startswith("#"))


def deny_names() -> tuple[str, ...]:
    """Names from the file in METERING_DENY_NAMES_FILE (none when unset)."""
    path = os.environ.get(DENY_NAMES_ENV)
    if not path:
        return ()
    return _deny_names(path, Path(path).stat().st_mtime_ns)


def find(text: str | None) -> str | None:
    """The kind of personal identifier `text` holds, as a short phrase, or None."""
    if not text:
        return None
    names = deny_names()
    if not names and not MAY_HOLD_IDENTIFIER.search(text):
        return None
    return _identifier_in(text, names)


def _identifier_in(text: str, names: tuple[str, ...]) -> str | None:
    """`find` past its shortcut: every pattern, then the deny list."""
    if "@" in text and URL_LOGIN.search(text):  # both patterns need an "@"
        return "a URL with a login (user@host)"
    if "@" in text and EMAIL.search(text):
        return "an e-mail address"
    for match in PHONE.finditer(text):
        if len(_digits(match.group(0))) >= 10:
            return "a phone number"
    if A_NUMBER_WITH_PREFIX.search(text):
        return "an A-number (alien registration number)"
    for match in BARE_A_NUMBER.finditer(text):
        digits = _digits(match.group(1))
        if len(digits) == 8 and _is_date(digits):
            continue
        if DOCUMENT_LABEL.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        return "what looks like an A-number (8 or 9 digits)"
    if names:
        folded = " " + _fold(NON_WORD.sub(" ", text)) + " "
        if any(f" {name} " in folded for name in names):
            return f"a name on the deny list ({DENY_NAMES_ENV})"
    return None


def find_each(texts: list[str], urls: list[bool]) -> dict[int, str]:
    """{index: kind} for each text holding an identifier: what `find` says of texts[i], or
    `find_in_url` where urls[i]. Its shortcut (MAY_HOLD_IDENTIFIER_RUST) runs over all texts
    in one pass, in polars."""
    names = deny_names()
    if names:
        candidates = [i for i, text in enumerate(texts) if text]
    else:
        series = pl.Series(texts, dtype=pl.String)
        candidates = series.str.contains(MAY_HOLD_IDENTIFIER_RUST).arg_true().to_list()
    kinds: dict[tuple[str, bool], str | None] = {}  # a text repeated is looked at once
    for i in candidates:
        key = (texts[i], urls[i])
        if key not in kinds:
            kinds[key] = find_in_url(key[0]) if key[1] else _identifier_in(key[0], names)
    return {i: kinds[(texts[i], urls[i])] for i in candidates if kinds[(texts[i], urls[i])]}


def find_in_url(url: str | None) -> str | None:
    """Identifiers in an address: a login or an e-mail address (long ids in paths are fine)."""
    if not url or "@" not in url:  # both patterns need one
        return None
    if URL_LOGIN.search(url):
        return "a URL with a login (user@host)"
    if EMAIL.search(url):
        return "an e-mail address"
    return None


def refusal(kind: str) -> str:
    """The reject reason for a cell holding an identifier."""
    return (
        f"holds {kind}; the record keeps no personal identifiers: use a pseudonym and leave "
        "contact details out (see data/raw/curated/README.md, Privacy)"
    )
