"""How a declaration words a row: dates, counts with their qualifier, paces, waits, sources.

Each helper turns mart columns into a phrase in the reader's language. A count keeps its
qualifier and unit; a date keeps its precision («en agosto de 2019», not «al agosto»); a wait
already waited says so; compiler text (who kept a list, a wait with no figure) is marked as
the compiler's summary, never quoted as the source's words.
"""

from __future__ import annotations

import re

from dashboard import source_refs
from dashboard.i18n import compiled_text, fmt_date, fmt_int, fmt_qualified, italic_metering, t

# reported_wait_text words -> how the wait is qualified (first match wins)
WAIT_QUALIFIERS = (
    (("about", "approximately", "around", "roughly"), "about"),
    (("almost", "nearly", "just under"), "nearly"),
    (("more than", "over ", "upward of"), "more_than"),
    (("at least", " or longer"), "at_least"),
    (("up to", "as many as", "as long as"), "up_to"),
)
# "(one family)": a wait one person or group had already waited, not the list's wait
WAITED_BY = re.compile(r"\((one family|one migrant|two migrants|one newly arrived group)\)")


def date_text(row: dict, lang: str, column: str = "as_of_date") -> str:
    return fmt_date(row[column], lang, row.get("date_precision") or "day")


def when(row: dict, lang: str, column: str = "as_of_date") -> str:
    """«al 10 de agosto de 2019» / «en agosto de 2019»: the preposition follows the precision."""
    precision = row.get("date_precision") or "day"
    return t(f"declare.when.{precision}", lang, date=date_text(row, lang, column))


def on(row: dict, lang: str) -> str:
    """«el 18 de junio de 2018» / "on June 18, 2018": the day something was seen."""
    precision = row.get("date_precision") or "day"
    return t(f"declare.on.{precision}", lang, date=date_text(row, lang))


def of(row: dict, lang: str) -> str:
    """«del 10 de agosto de 2019» / «de agosto de 2019»."""
    precision = row.get("date_precision") or "day"
    return t(f"declare.of.{precision}", lang, date=date_text(row, lang))


def count_text(row: dict, lang: str, column: str = "people_waiting") -> str:
    """The count as the source words it, with its unit: "about 1,300 people"."""
    high = row.get(f"{column}_high")
    figure = fmt_qualified(row["count_qualifier"], row[column], high, lang, prose=True)
    return f"{figure} {t('unit.' + (row['count_unit'] or 'people'), lang)}"


def pace_text(row: dict, lang: str) -> str:
    low, high = row["processed_low"], row["processed_high"]
    return fmt_qualified(row.get("processed_qualifier"), low, high, lang, prose=True)


def days_text(low: float, high: float | None, lang: str) -> str:
    """Whole days, rounded half up (the mart's rule): "60 days", "60 to 240 days"."""
    low_text, high_text = fmt_int(low, lang), fmt_int(high if high is not None else low, lang)
    if low_text == high_text:
        return (
            t("declare.one_day", lang) if low_text == "1" else t("declare.n_days", lang, n=low_text)
        )
    return t("declare.days", lang, low=low_text, high=high_text)


def modeled_text(row: dict, lang: str) -> str:
    low, high = row["modeled_wait_days_low"], row["modeled_wait_days_high"]
    days = days_text(low if low is not None else high, high, lang)
    bound = row.get("modeled_wait_qualifier")
    return t(f"wait_bound.{bound}", lang, days=days) if bound else days


def wait_qualifier(text: str) -> str | None:
    lowered = text.lower()
    for words, qualifier in WAIT_QUALIFIERS:
        if any(lowered.startswith(w) if w[0] != " " else w in lowered for w in words):
            return qualifier
    return None


def reported_wait(row: dict, lang: str) -> tuple[str | None, str | None, bool]:
    """(who waited or None, the wait in words, whether it is given in days)."""
    text = row["reported_wait_text"] or ""
    low, high = row["reported_wait_days_low"], row["reported_wait_days_high"]
    waited = WAITED_BY.search(text)
    who = t("declare.who." + waited.group(1).replace(" ", "_"), lang) if waited else None
    if low is None and high is None:
        if not text:
            return who, None, False
        if text.strip().lower() == "months":
            return who, t("declare.wait_months", lang), False
        summary = italic_metering(compiled_text(row, "reported_wait_text", lang), lang)
        return who, t("declare.wait_summary", lang, text=summary), False
    if low == high == 0:
        return who, t("declare.wait_none", lang), False
    qualifier = wait_qualifier(text)
    if qualifier == "nearly":
        days = days_text(high if high is not None else low, None, lang)
        return who, f"{t('declare.wait.nearly', lang)} {days}", True
    if low is not None and high is not None:
        days = days_text(low, high, lang)
        return (
            who,
            (f"{t('qualifier.about', lang)} {days}" if qualifier == "about" else days),
            True,
        )
    days = days_text(low if low is not None else high, None, lang)
    if qualifier is None and who:
        return who, days, True  # a wait still going on: what had been waited so far
    if qualifier is None:
        qualifier = "at_least" if high is None else "up_to"
    return who, f"{t('qualifier.' + qualifier, lang)} {days}".strip(), True


def publisher(source_id: str, sources: dict) -> str:
    return source_refs.publisher(sources.get(source_id, {"source_id": source_id}))
