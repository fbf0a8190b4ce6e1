"""The catalogue's inline marks as Dash children (components/text.py: rich): pages show their
lede with it, so it is there with the page, not once dcc.Markdown's script has loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import html

from dashboard.components.text import rich

CATALOGUES = Path(__file__).resolve().parents[2] / "dashboard" / "i18n"


def shown(children: list) -> str:
    """The text a reader sees."""
    return "".join(c if isinstance(c, str) else c.children for c in children)


def test_strong_emphasis_and_code_become_elements():
    children = rich("CBP's **Office of Field Operations** counts *encounters*; see `evidence`.")
    assert children[0] == "CBP's "
    assert (
        isinstance(children[1], html.Strong)
        and children[1].children == "Office of Field Operations"
    )
    assert children[2] == " counts "
    assert isinstance(children[3], html.Em) and children[3].children == "encounters"
    assert children[4] == "; see "
    assert isinstance(children[5], html.Code) and children[5].children == "evidence"
    assert children[6] == "."


def test_text_without_marks_stays_one_string():
    assert rich("Every number here comes from a cited public source.") == [
        "Every number here comes from a cited public source."
    ]


def test_a_lone_star_is_text():
    assert shown(rich("5 * 3 and a ** b")) == "5 * 3 and a ** b"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lede_and_limit_is_shown_whole_with_no_mark_left(lang):
    """Each text a page shows with `rich` uses only the marks it knows: what a reader sees is
    the text without its marks, and no markdown syntax is left on the page."""
    catalogue = json.loads((CATALOGUES / f"{lang}.json").read_text(encoding="utf-8"))
    texts = {
        k: v for k, v in catalogue.items() if k.endswith(".lede") or k.startswith("limits.item")
    }
    assert len(texts) >= 11
    for key, text in texts.items():
        seen = shown(rich(text))
        assert seen == text.replace("**", "").replace("*", "").replace("`", ""), key
        assert not any(mark in seen for mark in ("*", "`", "[", "](", "<", "\\")), key
