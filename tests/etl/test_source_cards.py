"""A source card's English text has the project's Spanish beside it, or the card is refused.

The /sources page shows a card's description, «Compilado a partir de» and «Control de calidad»
on Spanish pages from the `_es` fields; a card that lacks one would show English there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.curated_schema import SCHEMAS
from etl.problems import SourceError
from etl.sources.curated import read_card, read_cards

CURATED = Path(__file__).resolve().parents[2] / "data" / "raw" / "curated"
CARD = """dataset: test
title: A test card
title_es: Una ficha de prueba
description: Synthetic.
description_es: Sintética.
compiled_from: Written for this test.
compiled_from_es: Escrita para esta prueba.
quality_check: None.
quality_check_es: Ninguno.
caveats:
- One.
caveats_es:
- Una.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ports.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_card_is_read(tmp_path):
    assert read_card(write(tmp_path, CARD))["compiled_from_es"] == "Escrita para esta prueba."


@pytest.mark.parametrize("field", ["compiled_from_es", "quality_check_es", "description_es"])
def test_an_english_field_without_its_spanish_is_refused_at_its_line(tmp_path, field):
    lines = [line for line in CARD.splitlines() if not line.startswith(field + ":")]
    english = field.removesuffix("_es")
    with pytest.raises(SourceError) as err:
        read_card(write(tmp_path, "\n".join(lines) + "\n"))
    where = next(i for i, line in enumerate(lines, 1) if line.startswith(english + ":"))
    assert (err.value.file, err.value.line) == ("ports.yml", where)
    assert field in err.value.reason


def test_caveats_and_their_spanish_hold_as_many_items(tmp_path):
    with pytest.raises(SourceError) as err:
        read_card(write(tmp_path, CARD + "- Dos.\n"))
    assert err.value.line == CARD.splitlines().index("caveats_es:") + 1
    assert "caveats has 1 items but caveats_es 2" in err.value.reason


def test_every_card_of_the_repository_has_its_spanish_fields():
    cards = read_cards(CURATED)
    assert cards.height == len(SCHEMAS)
    for field in ("title_es", "description_es", "compiled_from_es", "quality_check_es"):
        assert cards[field].null_count() == 0, field
    for schema in SCHEMAS:
        card = yaml.safe_load((CURATED / schema.file.replace(".csv", ".yml")).read_text())
        assert len(card["caveats_es"]) == len(card["caveats"]), schema.file


def test_a_card_holding_an_identifier_is_refused_at_its_first_such_line(tmp_path):
    """Lines 5 and 7 (counted by hand) hold an invented phone number and e-mail address."""
    lines = CARD.splitlines()
    lines[4] = "description_es: Llame al 619-555-0100."
    lines[6] = "compiled_from_es: Escriba a nadie@example.org."
    with pytest.raises(SourceError) as err:
        read_card(write(tmp_path, "\n".join(lines) + "\n"))
    assert (err.value.file, err.value.line, err.value.column) == ("ports.yml", 5, 1)
    assert err.value.reason.startswith("holds a phone number; the record keeps no personal")


def test_a_licence_in_two_languages_gives_both_columns(tmp_path):
    folder = tmp_path / "curated"
    folder.mkdir()
    for schema in SCHEMAS:
        licence = "licence:\n  en: CC BY 4.0\n  es: CC BY 4.0 (español)\n"
        if schema.table == "ports":
            licence = "licence: Public domain\n"
        (folder / schema.file.replace(".csv", ".yml")).write_text(CARD + licence)
    cards = read_cards(folder).select("dataset", "licence", "licence_es", "updated")
    assert cards.columns == ["dataset", "licence", "licence_es", "updated"]
    rows = {row[0]: row[1:] for row in cards.rows()}
    assert rows["ports"] == ("Public domain", "Public domain", None)
    assert rows["sources"] == ("CC BY 4.0", "CC BY 4.0 (español)", None)
