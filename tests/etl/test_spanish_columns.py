"""The project's Spanish columns say what the English paraphrase beside them says.

Checked from the curated CSVs themselves, independently of the code that shows them: every
number written in the English text appears in the Spanish one and no other number is added;
a place spelled with an accent keeps it; the glossary's words to avoid never appear; and each
translation is a translation (only a bare proper name may read the same in both languages).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

CURATED = Path(__file__).resolve().parents[2] / "data" / "raw" / "curated"
PAIRS = (
    ("turnback_reports.csv", "description", "description_es"),
    ("waitlist_snapshots.csv", "list_manager", "list_manager_es"),
    ("waitlist_snapshots.csv", "reported_wait_text", "reported_wait_text_es"),
)
# a source card's English fields and the project's Spanish of them (shown on /sources)
CARD_PAIRS = (
    ("title", "title_es"),
    ("description", "description_es"),
    ("compiled_from", "compiled_from_es"),
    ("quality_check", "quality_check_es"),
)
# written out here, not taken from the app's i18n files
MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# the Spanish glossary's "avoid" column: calques and wrong terms («ilegales» for people)
AVOID = (
    "retroceso",
    "aplicar para",
    "aplicante",
    "metereado",
    "migrantes ilegales",
    "la migra",
    "cuota",
)
# a bare proper name reads the same in both languages
SAME_IN_BOTH = {"Coespo"}


def pairs() -> list[tuple[str, int, str, str]]:
    out = []
    for file, english, spanish in PAIRS:
        with (CURATED / file).open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if row[english]:
                    out.append((f"{file}:{line}:{spanish}", line, row[english], row[spanish]))
    return out + card_pairs()


def card_pairs() -> list[tuple[str, int, str, str]]:
    """Each source card's English field and its Spanish; caveats item by item."""
    out = []
    for path in sorted(CURATED.glob("*.yml")):
        card = yaml.safe_load(path.read_text(encoding="utf-8"))
        for english, spanish in CARD_PAIRS:
            out.append((f"{path.name}:{spanish}", 0, card[english], card.get(spanish) or ""))
        spanish_items = card.get("caveats_es") or []
        for i, item in enumerate(card["caveats"]):
            es = spanish_items[i] if i < len(spanish_items) else ""
            out.append((f"{path.name}:caveats_es[{i}]", 0, item, es))
    return out


def numbers(text: str) -> list[str]:
    return sorted(n.replace(",", "") for n in NUMBER.findall(text))


def english_numbers(text: str) -> tuple[list[str], list[str]]:
    """Numbers of an English text, an ISO date read as Spanish prose writes it (day, month
    name, year); and the month names that date needs."""
    months = []

    def spoken(match: re.Match) -> str:
        year, month, day = match.groups()
        months.append(MONTHS_ES[int(month) - 1])
        return f"{int(day)} {year}"

    return numbers(ISO_DATE.sub(spoken, text)), months


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_every_english_paraphrase_has_its_spanish():
    found = pairs()
    # 124 turnback records, 65 waitlist rows naming a keeper, 40 giving a wait in words
    # (counted with csv.DictReader on the files as first translated); rows added later only add;
    # 7 source cards × 4 fields and their 33 caveats (counted in the .yml files)
    assert len(found) >= 124 + 65 + 40 + 7 * 4 + 33
    assert [where for where, _, _, spanish in found if not spanish.strip()] == []


@pytest.mark.parametrize("where,line,english,spanish", pairs())
def test_numbers_are_the_same_in_both_languages(where, line, english, spanish):
    expected, months = english_numbers(english)
    assert numbers(spanish) == expected, where
    for month in months:
        assert month in spanish, where


def test_accented_place_names_keep_their_accents():
    with (CURATED / "ports.csv").open(encoding="utf-8", newline="") as fh:
        places = {r["mx_city"] for r in csv.DictReader(fh)}
    # «Juárez» alone too, as in «los puentes de Juárez»
    places |= {p.split()[-1] for p in places if " " in p}
    accented = {p for p in places if fold(p) != p.lower()}
    assert "Ciudad Juárez" in accented  # the check has something to check
    wrong = [
        (where, place)
        for where, _, english, spanish in pairs()
        for place in accented
        if fold(place) in fold(english) and place not in spanish
    ]
    assert wrong == []


def test_no_word_the_glossary_says_to_avoid():
    wrong = [
        (where, word)
        for where, _, _, spanish in pairs()
        for word in AVOID
        if re.search(rf"\b{word}", spanish.lower())
    ]
    assert wrong == []


def test_each_translation_differs_from_its_english():
    same = {spanish for _, _, english, spanish in pairs() if english == spanish}
    assert same <= SAME_IN_BOTH
