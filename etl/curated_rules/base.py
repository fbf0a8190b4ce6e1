"""The rule registry and what every rule reads: rows as written, helpers for names and dates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from etl.curated_schema import SCHEMAS, FileSchema
from etl.problems import Reject


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
    if text.isascii():  # nothing to decompose
        return text.lower().strip()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def nearest(value: str, known: list[str]) -> str:
    """' (did you mean X?)' for the closest known name, or '' when nothing is close."""
    import difflib  # only for a row that names an unknown place or source: not at import

    folded = {fold(k): k for k in known}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return f" (did you mean {folded[match[0]]}?)" if match else ""


# how a date may be written, and what completes it to a day
DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), ""),
    (re.compile(r"\d{4}-\d{2}"), "-01"),
    (re.compile(r"\d{4}"), "-01-01"),
)


def as_date(text: str) -> date | None:
    for form, pad in DATE_FORMS:
        if form.fullmatch(text):
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


def run_all(ctx: Context) -> list[Reject]:
    """Every rule on every row; problems in file and line order."""
    found = [problem for r in RULES for problem in r.check(ctx)]
    return sorted(found, key=lambda p: (p.file, p.line, p.column))


def rules_for(file: str) -> list[Rule]:
    return [r for r in RULES if file in r.files]
