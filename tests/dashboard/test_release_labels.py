"""An official release reaches a reader by name (publisher, date, title), never by its id: the
/ports cards' summaries, footers, chart notes and hovers, the release filter's choices and the
exhibit's vintage line, in English and Spanish. The id stays in URLs, CSV columns and the
reproduce command."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from dashboard import data
from dashboard.components.chart_card import card_content
from dashboard.components.filters import options
from dashboard.exports.meta import exhibit_meta
from dashboard.figures import encounters as figures_official
from dashboard.figures.registry import CHARTS
from dashboard.params import Filters
from dashboard.source_refs import release_label

PORTS_CHARTS = [c.figure_id for c in CHARTS.values() if c.home == "/ports"]
# one preferred view, and the view "as of" the OHSS release (both reach the reader's eye)
QUERIES = ({}, {"release": ["ohss-monthly-2024-08"]}, {"component": ["USBP"]})

# The OHSS release's meta.sources row as official.lock records it (publisher, title, and the
# date in the file name 2024_1206_...): the label is written out by hand below.
OHSS = {
    "source_id": "ohss-monthly-2024-08",
    "title": "Immigration Enforcement and Legal Processes Monthly Tables (August 2024)",
    "publisher": "DHS Office of Homeland Security Statistics (OHSS)",
    "published": "2024-12-06",
}
# The CBP AOR release: published in the upload folder 2026-08 (month precision).
CBP_AOR = {
    "source_id": "cbp-aor-fy23-fy26-jul",
    "title": "FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - July (extract)",
    "publisher": "U.S. Customs and Border Protection (CBP)",
    "published": "2026-08",
}


def test_a_release_is_named_by_publisher_date_and_title_in_either_language():
    sources = {row["source_id"]: row for row in (OHSS, CBP_AOR)}
    assert release_label("ohss-monthly-2024-08", sources, "en") == (
        "OHSS release of December 6, 2024, "
        "“Immigration Enforcement and Legal Processes Monthly Tables (August 2024)”"
    )
    assert release_label("ohss-monthly-2024-08", sources, "es") == (
        "publicación de OHSS del 6 de diciembre de 2024, "
        "«Immigration Enforcement and Legal Processes Monthly Tables (August 2024)»"
    )
    assert release_label("cbp-aor-fy23-fy26-jul", sources, "es").startswith(
        "publicación de CBP de agosto de 2026, «FY23 - FY26"
    )
    assert release_label("cbp-aor-fy23-fy26-jul", sources, "en").startswith(
        "CBP release of August 2026, “FY23 - FY26"
    )


def test_the_summary_and_note_of_a_frame_name_its_release():
    frame = pl.DataFrame(
        {
            "month": [date(2019, 5, 1), date(2019, 6, 1)],
            "area_of_responsibility": ["San Diego Field Office"] * 2,
            "encounters": [4010, 3990],
            "release": ["ohss-monthly-2024-08"] * 2,
            "is_rounded": [True] * 2,
            "source_id": ["ohss-monthly-2024-08"] * 2,
        }
    )
    sources = {"ohss-monthly-2024-08": OHSS}
    summary = figures_official.peak_summary(frame, "es", sources=sources)
    assert "(publicación de OHSS del 6 de diciembre de 2024, «Immigration" in summary
    note = figures_official.release_note(frame, "en", sources)
    assert note.startswith("Figures from: OHSS release of December 6, 2024, “Immigration")


def _strings(value) -> list[str]:
    """Every string inside a figure dict (titles, notes, hovers, custom data)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _reader_text(content: dict) -> str:
    graph = content["graph"]
    shown = [graph.get("layout", {}), [trace for trace in graph.get("data", [])]]
    return "\n".join([content["summary"], content["footer"], *_strings(shown)])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_release_id_in_reader_text_of_the_ports_cards(use_built_marts, lang):
    ids = data.official_releases()
    assert "ohss-monthly-2024-08" in ids and "cbp-aor-fy23-fy26-jul" in ids
    for query in QUERIES:
        filters = Filters.from_query({**query, "lang": [lang]})
        for figure_id in PORTS_CHARTS:
            text = _reader_text(card_content(CHARTS[figure_id], filters))
            shown = [i for i in ids if i in text]
            assert shown == [], (figure_id, query, lang, shown)
        meta = exhibit_meta(PORTS_CHARTS[0], CHARTS[PORTS_CHARTS[0]].load(filters), filters)
        assert not any(i in (meta.release or "") for i in ids), meta.release
        if "release" in query:  # machine-facing: the command still names the id
            assert f"release={query['release'][0]}" in meta.reproduce
    choices = json.dumps([o["label"] for o in options("release", lang)], ensure_ascii=False)
    assert not any(i in choices for i in ids), choices
