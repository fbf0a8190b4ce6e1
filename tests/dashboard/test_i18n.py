"""Both catalogues hold the same keys; Spanish dates and numbers follow the glossary."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from dashboard.i18n import catalogue, fmt_count, fmt_date, fmt_int, fmt_num, t

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def test_catalogues_have_the_same_keys_and_placeholders():
    en, es = catalogue("en"), catalogue("es")
    assert set(en) == set(es)
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", es[key])), key


def test_every_literal_key_used_in_code_exists():
    used = set()
    for path in DASHBOARD.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_.\-]+)"\s*[,)]', path.read_text()))
    assert used, "no t() calls found"
    assert sorted(used - set(catalogue("en"))) == []


def test_spanish_dates_and_numbers():
    assert fmt_date(date(2019, 7, 16), "es") == "16 de julio de 2019"
    assert fmt_date(date(2019, 7, 1), "es", "month") == "julio de 2019"
    assert fmt_date(date(2019, 7, 16), "en") == "July 16, 2019"
    assert fmt_int(18700, "es") == "18,700"
    assert fmt_num(7.25, "es") == "7.2" or fmt_num(7.25, "es") == "7.3"


def test_placeholders_are_filled():
    assert t("figure.sources", "es", n=2, ids="a, b") == "Fuentes (2): a, b."


def test_a_count_of_one_takes_the_singular_in_both_languages():
    # «1 personas» was printed in the turnbacks table; hand-written expectations
    assert fmt_count(None, 1, None, "people", "en") == "1 person"
    assert fmt_count(None, 1, None, "people", "es") == "1 persona"
    assert fmt_count("more_than", 1, None, "families", "es") == "más de 1 familia"
    assert fmt_count(None, 2, None, "people", "es") == "2 personas"
    assert fmt_count(None, 1, 3, "people", "en") == "1–3 people"
    assert fmt_count(None, 0, None, "cases", "en") == "0 cases"
