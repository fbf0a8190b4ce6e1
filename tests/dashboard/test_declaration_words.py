"""How a declaration words a row, on small synthetic rows (no marts)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.exports.declaration.words import (
    count_text,
    days_text,
    modeled_text,
    pace_text,
    reported_wait,
    when,
)


def wait_row(text: str, low: int | None, high: int | None, text_es: str | None = None) -> dict:
    return {
        "reported_wait_text": text,
        "reported_wait_text_es": text_es,
        "reported_wait_days_low": low,
        "reported_wait_days_high": high,
    }


def test_a_month_is_said_in_the_month():
    row = {"as_of_date": date(2019, 8, 1), "date_precision": "month"}
    assert when(row, "es") == "en agosto de 2019"  # never «al agosto de 2019»
    assert when(row, "en") == "in August 2019"
    day = {"as_of_date": date(2019, 8, 10), "date_precision": "day"}
    assert when(day, "es") == "al 10 de agosto de 2019"


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "en", "es"),
    [
        ("about", 13, None, "about 13 people", "alrededor de 13 personas"),
        ("more_than", 5840, None, "more than 5,840 people", "más de 5,840 personas"),
        ("at_least", 1000, None, "at least 1,000 people", "al menos 1,000 personas"),
        ("fewer_than", 3000, None, "fewer than 3,000 people", "menos de 3,000 personas"),
        ("range", 9000, 10000, "9,000 to 10,000 people", "de 9,000 a 10,000 personas"),
        ("exact", 217, None, "217 people", "217 personas"),
    ],
)
def test_a_count_keeps_its_words(qualifier, low, high, en, es):
    row = {"count_qualifier": qualifier, "people_waiting": low, "people_waiting_high": high}
    row["count_unit"] = "people"
    assert (count_text(row, "en"), count_text(row, "es")) == (en, es)


def test_a_pace_keeps_its_words():
    up_to = {"processed_qualifier": "up_to", "processed_low": None, "processed_high": 80.0}
    just_under = {"processed_qualifier": "fewer_than", "processed_low": None, "processed_high": 5.0}
    assert pace_text(up_to, "en") == "up to 80"
    assert pace_text(just_under, "es") == "menos de 5"


def test_days_round_half_up():
    # 2.5 days reads "3 days" (banker's rounding would print 2)
    assert days_text(2.5, None, "en") == "3 days"
    assert days_text(1, None, "es") == "1 día"
    assert days_text(60, 240, "es") == "entre 60 y 240 días"


def test_a_modeled_wait_keeps_its_bound():
    row = {"modeled_wait_days_low": 294, "modeled_wait_days_high": 294}
    assert modeled_text({**row, "modeled_wait_qualifier": "at_least"}, "en") == "at least 294 days"
    assert modeled_text({**row, "modeled_wait_qualifier": "about"}, "es") == "alrededor de 294 días"


@pytest.mark.parametrize(
    ("row", "en"),
    [
        (wait_row("about 90 days", 90, 90), (None, "about 90 days", True)),
        (wait_row("almost 60 days", 55, 60), (None, "nearly 60 days", True)),
        (wait_row("at least three months", 90, None), (None, "at least 90 days", True)),
        (wait_row("as many as six months", None, 180), (None, "up to 180 days", True)),
        (wait_row("two months or longer", 60, None), (None, "at least 60 days", True)),
        (
            wait_row("over the next three weeks (appointment Oct. 27)", 21, 21),
            (None, "21 days", True),
        ),
        (wait_row("no wait (earlier two weeks)", 0, 0), (None, "no wait", False)),
        (wait_row("months", None, None), (None, "months", False)),
    ],
)
def test_a_reported_wait_keeps_its_words(row, en):
    assert reported_wait(row, "en") == en


def test_a_wait_already_waited_says_who_waited_it():
    row = wait_row("three months and 2,000+ numbers to go (one migrant)", 90, None)
    assert reported_wait(row, "en") == ("one migrant had already waited", "90 days", True)
    assert reported_wait(row, "es")[0] == "una persona migrante ya había esperado"


def test_compiler_text_is_marked_as_a_summary_not_quoted():
    english = "months (feared); one migrant still had 660+ people ahead"
    spanish = "meses (se temía); una persona migrante aún tenía más de 660 personas por delante"
    row = wait_row(english, None, None, spanish)
    _, wait, _ = reported_wait(row, "es")
    assert "resumen del compilador" in wait and "no palabras de la fuente" in wait
    # the Spanish page prints the project's translation, marked as such, never the English
    assert f"«{spanish}»" in wait and "traducción del proyecto" in wait
    assert english not in wait
    assert f"“{english}”" in reported_wait(row, "en")[1]
