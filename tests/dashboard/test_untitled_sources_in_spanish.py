"""A source published without a title (or whose title was never seen) is described, never
given an invented title; a Spanish footnote describes it in Spanish.

The made-up row's strings are written out by hand. The count of untitled sources, 14, is the
reference compilation's own ("14 placeholder titles" still open after its third reading of
the sources, data/reference/README.md), not this code's output."""

from __future__ import annotations

from dashboard import source_refs

UNTITLED = {
    "source_id": "test-2019-07-bridge",
    "untitled_description": "report on a bridge closure",
    "untitled_description_es": "nota sobre el cierre de un puente",
    "publisher": "Test Paper",
    "published": "2019-07",
    "published_precision": "month",
    "original_url": "https://www.example.com/2019/07/bridge",
}


def test_untitled_source_is_described_in_the_reader_language():
    assert source_refs.short_ref(UNTITLED, "es") == (
        "Test Paper, sin título (nota sobre el cierre de un puente) (julio de 2019)"
    )
    assert source_refs.short_ref(UNTITLED, "en") == (
        "Test Paper, untitled (report on a bridge closure) (July 2019)"
    )


def test_every_untitled_source_has_its_spanish_description(marts_con):
    rows = marts_con.execute(
        "select source_id, untitled_description, untitled_description_es "
        "from meta.sources where title is null or title = '' order by source_id"
    ).fetchall()
    assert len(rows) == 14
    for source_id, english, spanish in rows:
        assert english and spanish, source_id
        footnote = source_refs.footnote(
            {
                "source_id": source_id,
                "publisher": "P",
                "untitled_description": english,
                "untitled_description_es": spanish,
            },
            "es",
        )
        assert f"sin título ({spanish})" in footnote and english not in footnote
