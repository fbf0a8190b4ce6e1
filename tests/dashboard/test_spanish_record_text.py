"""Spanish pages and declarations print the project's translation of the compiler's
paraphrases, marked as such; English pages keep the English as compiled.

The expected texts are read from the curated CSVs (the files the marts are built from), not
from the marts or the code under test.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from dashboard import data
from dashboard.exports.declaration import write_declaration

CURATED = Path(__file__).resolve().parents[2] / "data" / "raw" / "curated"
MARK = "(traducción del proyecto)"


def curated(file: str) -> list[dict]:
    with (CURATED / file).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_turnback_descriptions_are_the_spanish_columns_on_spanish_pages(dash_app):
    from dashboard.pages import turnbacks

    written = {r["record_id"]: r for r in curated("turnback_reports.csv")}
    records = data.turnbacks()
    spanish = {r["record_id"]: r["description"] for r in turnbacks.table_rows(records, "es")}
    english = {r["record_id"]: r["description"] for r in turnbacks.table_rows(records, "en")}
    assert set(spanish) == set(written)
    # tb-0001 is a plain sentence; tb-0035 writes the borrowed word *metering* in italics
    assert spanish["tb-0001"] == written["tb-0001"]["description_es"]
    assert spanish["tb-0035"] == written["tb-0035"]["description_es"].replace(
        "metering", "*metering*"
    )
    assert all(english[k] == written[k]["description"] for k in written)


def test_list_keepers_and_waits_are_the_spanish_columns_on_spanish_pages(dash_app):
    from dashboard.pages import waitlists

    written = [r for r in curated("waitlist_snapshots.csv") if r["city"] == "Ciudad Juárez"]
    rows = waitlists.wait_table_rows(data.waitlist_snapshots(["Ciudad Juárez"]), "es")
    keepers = {r["list_manager"] for r in rows} - {"—"}
    waits = {r["reported_wait"] for r in rows} - {"—"}
    assert keepers == {r["list_manager_es"] for r in written if r["list_manager_es"]}
    assert waits == {r["reported_wait_text_es"] for r in written if r["reported_wait_text_es"]}
    assert "lista de folios del gobierno estatal (Coespo)" in keepers  # as written by hand


def test_spanish_pages_mark_the_translation(dash_app):
    from dashboard.pages import turnbacks, waitlists

    for page, query in ((turnbacks, {}), (waitlists, {"city": "Tijuana"})):
        layout = str(page.layout(lang="es", **query))
        assert MARK in layout, page.__name__
        assert MARK not in str(page.layout(lang="en", **query))


def test_the_card_table_names_a_translated_column(dash_app):
    from dashboard.components.chart_card import column_name

    columns = ["list_manager", "list_manager_es", "title"]
    assert column_name("list_manager_es", columns, "es") == f"list_manager_es {MARK}"
    assert column_name("list_manager", columns, "es") == "list_manager"
    assert column_name("title", columns, "es") == "title"


def test_the_spanish_declaration_prints_the_translated_keeper(use_built_marts):
    # Ciudad Juárez, August 2019 to January 2020: keepers as written in waitlist_snapshots.csv
    text = write_declaration(
        "Ciudad Juárez", None, date(2019, 8, 1), date(2020, 1, 31), "es", "md"
    ).decode()
    keeper = (
        "quién llevaba la lista, según el resumen del compilador (traducción del proyecto): "
        "lista de folios del gobierno estatal (Coespo)"
    )
    assert keeper in text
    assert "state government (Coespo) folio list" not in text
    assert "(en inglés)" not in text
