"""Every user-facing string, one catalogue per language (en.json, es.json), and number/date formats.

`t(<key>, lang, **values)` looks a string up and fills its {placeholders}; a key missing
from a catalogue raises, so no string is ever shown untranslated (tests/meta checks that both
catalogues have the same keys). Numbers and dates follow the glossary: English "18,700" and
"July 16, 2019"; Spanish «18,700» (comma for thousands, point for decimals, as Mexican press
writes) and «16 de julio de 2019».
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

LANGS = ("en", "es")
_HERE = Path(__file__).parent
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}


@cache
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((_HERE / f"{lang}.json").read_text(encoding="utf-8"))


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def t(key: str, lang: str = "en", **values) -> str:
    text = catalogue(lang_or_default(lang))[key]
    return text.format(**values) if values else text


def italic_metering(text: str, lang: str) -> str:
    """Spanish text writes the borrowed word *metering* in italics (glossary)."""
    return re.sub(r"(?<![*«\w])metering(?![*\w])", "*metering*", text) if lang == "es" else text


def compiled_text(row: dict, column: str, lang: str) -> str | None:
    """A compiler's paraphrase (a turnback description, a list keeper, a reported wait) in the
    reader's language: on Spanish pages the project's translation in `<column>_es`, which a
    page marks as such; the English as compiled otherwise. Source quotations are never
    translated, so `evidence` has no `_es` column."""
    return row.get(column + "_es") if lang == "es" else row.get(column)


def round_half_up(value: float | int, digits: int = 0) -> Decimal:
    """Round half away from zero, as DuckDB's round() does (2.5 -> 3), never to even."""
    step = Decimal(1).scaleb(-digits)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def fmt_int(value: float | int | None, lang: str = "en") -> str:
    """Comma for thousands in both languages (the glossary's dashboard rule); no decimals."""
    if value is None:
        return "—"
    return f"{int(round_half_up(value)):,}"


def fmt_num(value: float | None, lang: str = "en", digits: int = 1) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return fmt_int(value, lang)
    return f"{round_half_up(value, digits):,.{digits}f}"


def fmt_date(value: date | None, lang: str = "en", precision: str = "day") -> str:
    """«16 de julio de 2019» / "July 16, 2019"; month or year precision drops the day."""
    if value is None:
        return "—"
    month = MONTHS[lang][value.month - 1]
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{month} de {value.year}" if lang == "es" else f"{month} {value.year}"
    if lang == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{month} {value.day}, {value.year}"


def fmt_month_short(value: date, lang: str = "en") -> str:
    """Axis label: «jul 2019» / "Jul 2019"."""
    return f"{MONTHS_SHORT[lang][value.month - 1]} {value.year}"


def fmt_day_short(value: date, lang: str = "en") -> str:
    """Axis label of a day: «9 may 2019» / "May 9, 2019"."""
    month = MONTHS_SHORT[lang][value.month - 1]
    if lang == "es":
        return f"{value.day} {month} {value.year}"
    return f"{month} {value.day}, {value.year}"


def fmt_range(low: float | None, high: float | None, lang: str = "en") -> str:
    """ "60" when both ends agree, "20–80" otherwise, "up to 5" / "at least 150" with one end."""
    if low is None and high is None:
        return "—"
    if low is None:
        return t("range.up_to", lang, high=fmt_num(high, lang))
    if high is None:
        return t("range.at_least", lang, low=fmt_num(low, lang))
    if round_half_up(low, 1) == round_half_up(high, 1):
        return fmt_num(low, lang)
    return f"{fmt_num(low, lang)}–{fmt_num(high, lang)}"


def fmt_qualified(
    qualifier: str | None,
    low: float | None,
    high: float | None = None,
    lang: str = "en",
    prose: bool = False,
) -> str:
    """A figure as its source words it: "about 4,800", "more than 100", "250–300".

    prose=True writes a range in words ("250 to 300", «de 250 a 300») for running text.
    """
    if low is not None and high is not None and low != high:
        if prose:
            return t("range.words", lang, low=fmt_num(low, lang), high=fmt_num(high, lang))
        return fmt_range(low, high, lang)
    word = t("qualifier." + qualifier, lang) if qualifier else ""
    return f"{word} {fmt_num(low if low is not None else high, lang)}".strip()


def unit_word(unit: str, count: float | None, lang: str, high: float | None = None) -> str:
    """A count's unit, singular for exactly one ("1 person", «1 persona», "more than 1
    person"), plural otherwise and for a range ("1–3 people")."""
    one = count == 1 and (high is None or high == count)
    return t(f"unit.{unit}.one" if one else f"unit.{unit}", lang)


def fmt_count(
    qualifier: str | None, low: float | None, high: float | None, unit: str, lang: str
) -> str:
    """A figure as its source words it, with its unit: "1 person", "about 4,800 people"."""
    return f"{fmt_qualified(qualifier, low, high, lang)} {unit_word(unit, low, lang, high)}"


def plotly_markup(text: str) -> str:
    """Catalogue emphasis (*metering*, italic in Spanish per the glossary) as plotly's <i>."""
    return re.sub(r"\*([^*\n]+)\*", r"<i>\1</i>", text)
