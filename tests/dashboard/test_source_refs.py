"""One formatter for every reference: footnotes carry date or reason, citation, original, copy.

Rows are made up for the test (not source data); expected strings are written out by hand.
"""

from __future__ import annotations

import polars as pl

from dashboard import source_refs

DATED = {
    "source_id": "test-2018-11-15-order",
    "title": "An Order of November 9, 2018",
    "publisher": "Federal Register",
    "published": "2018-11-15",
    "published_precision": "day",
    "formal_citation": "83 Fed. Reg. 57,661 (Nov. 15, 2018)",
    "original_url": "https://www.example.gov/d/2018-25117",
}
COPY = {
    "source_id": "test-nd-repost",
    "untitled_description": "report on a bridge closure",
    "publisher": "Test Paper",
    "undated_reason": "not_shown",
    "copy_url": "https://forum.example.net/t/1",
    "copy_host": "forum.example.net",
    "copy_note": "repost on a forum",
}
INFERRED = {
    "source_id": "test-2019-11-story",
    "title": "Juárez story",
    "publisher": "Test Magazine",
    "published": "2019-11",
    "published_precision": "month",
    "original_url": "https://www.example.com/2019/11/story/",
    "inferred_fields": "original_url",
}


def test_a_dated_official_document():
    assert source_refs.footnote(DATED, "en") == (
        "Federal Register, “An Order of November 9, 2018” (November 15, 2018). "
        "83 Fed. Reg. 57,661 (Nov. 15, 2018). https://www.example.gov/d/2018-25117."
    )
    assert source_refs.footnote(DATED, "es").startswith(
        "Federal Register, «An Order of November 9, 2018» (15 de noviembre de 2018)."
    )


def test_an_undated_untitled_copy_says_why_and_where_it_was_read():
    assert source_refs.footnote(COPY, "en") == (
        "Test Paper, untitled (report on a bridge closure) (undated). "
        "Undated: no publication date is shown on the copy that was read. "
        "Original address not found. "
        "Retrieved via forum.example.net (repost on a forum): https://forum.example.net/t/1."
    )
    spanish = source_refs.footnote(COPY, "es")
    assert "(sin fecha)" in spanish and "Consultado a través de forum.example.net" in spanish


def test_an_inferred_address_is_marked():
    text = source_refs.footnote(INFERRED, "en")
    assert "(November 2019)" in text
    assert "https://www.example.com/2019/11/story/ (address inferred" in text


def test_ids_split_once_for_every_caller():
    assert source_refs.split_ids(["b,a", None, " a ", ""]) == ["a", "b"]
    frame = pl.DataFrame({"source_id": ["x,y", "y", None]})
    assert source_refs.frame_ids(frame) == ["x", "y"]


def test_short_reference_never_prints_the_id():
    assert source_refs.short_ref(INFERRED, "en") == (
        "Test Magazine, “Juárez story” (November 2019)"
    )
