"""Turnback figures on small hand-made frames (synthetic: not real records)."""

from __future__ import annotations

import polars as pl

from dashboard.figures.turnbacks import turnbacks_by_port

# Synthetic: three ports, two record types; the counts are made up for the test.
BY_PORT = pl.DataFrame(
    {
        "port_name": ["San Ysidro", "San Ysidro", "El Paso", "Nogales"],
        "record_type": ["incident", "aggregate", "incident", "aggregate"],
        "records": [3, 2, 4, 1],
        "source_id": ["a,b", "c", "d", "e"],
    }
)

# made-up meta.sources rows for the synthetic ids
SOURCES = {
    i: {"source_id": i, "publisher": f"Publisher {i}", "title": f"Report {i}", "published": "2019"}
    for i in "abcde"
}


def test_ports_are_ordered_by_their_records_and_types_kept_apart():
    fig = turnbacks_by_port(BY_PORT, "en", sources=SOURCES)
    incidents, aggregates = fig.data
    # by hand: San Ysidro 3 + 2 = 5, El Paso 4, Nogales 1; the largest bar at the top
    assert list(incidents.y) == ["Nogales", "El Paso", "San Ysidro"]
    assert list(incidents.x) == [0, 4, 3] and list(aggregates.x) == [1, 0, 2]
    assert (incidents.name, aggregates.name) == ("incident", "aggregate report")
    assert any(a.text.startswith("Sources (5): Publisher a") for a in fig.layout.annotations)


def test_spanish_title():
    fig = turnbacks_by_port(BY_PORT, "es", sources=SOURCES)
    assert fig.layout.title.text == "Rechazos documentados por puerto de entrada de EE. UU."
