"""/sources in Spanish shows each dataset card in Spanish: the description, what it was compiled
from and its quality check come from the cards' `_es` fields, read here from the .yml files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CURATED = Path(__file__).resolve().parents[2] / "data" / "raw" / "curated"
CARDS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted(CURATED.glob("*.yml"))
}


def shown_text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda c: c.to_plotly_json())


@pytest.mark.parametrize("dataset", sorted(CARDS))
def test_a_spanish_dataset_card_shows_the_spanish_fields(dash_app, dataset):
    from dashboard import data
    from dashboard.pages.sources import dataset_card

    row = next(r for r in data.datasets().iter_rows(named=True) if r["dataset"] == dataset)
    card = CARDS[dataset]
    spanish = shown_text(dataset_card(row, "es"))
    english = shown_text(dataset_card(row, "en"))
    for field in ("title", "description", "compiled_from", "quality_check"):
        assert json.dumps(card[field + "_es"].strip())[1:-1] in spanish, field
        assert json.dumps(card[field].strip())[1:-1] not in spanish, field
        assert json.dumps(card[field].strip())[1:-1] in english, field


def test_the_spanish_lede_writes_the_build_date_in_words(dash_app):
    """The glossary's dates: «30 de noviembre de 2026», never 2026-11-30, in Spanish prose."""
    import re

    from dashboard.pages.sources import layout

    lede = shown_text(layout(lang="es"))
    assert re.search(r"Datos generados el \d{1,2} de [a-z]+ de \d{4}", lede)
    assert not re.search(r"generados el \d{4}-\d{2}-\d{2}", lede)
