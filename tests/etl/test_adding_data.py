"""Adding a count the way data/raw/curated/README.md says: one source row, one snapshot row."""

from __future__ import annotations

import csv
import sys

from etl import paths
from metering.cli import main

NEW_SOURCE = {
    "source_id": "field-notes-2019-06-03-mexicali-count",
    "title": "Field count of the Mexicali asylum list (test entry)",
    "publisher": "Example shelter network (test entry)",
    "published": "2019-06-03",
    "published_precision": "day",
    "original_url": "https://example.org/field-notes/2019-06-03",
    "language": "en",
}
NEW_SNAPSHOT = {
    "city": "Mexicali",
    "mx_state": "Baja California",
    "us_port": "Calexico",
    "as_of_date": "2019-06-03",
    "date_precision": "day",
    "people_waiting": "1234",
    "count_unit": "people",
    "count_qualifier": "about",
    "list_kind": "metering_list",
    "list_status": "open",
    "processed_low": "10",
    "processed_high": "10",
    "processed_unit": "per_day",
    "processed_counts": "people",
    "processed_qualifier": "exact",
    "source_id": NEW_SOURCE["source_id"],
    "evidence": "Test entry: about 1,234 people on the list, 10 taken a day.",
}


def append_row(path, row: dict) -> None:
    template = (paths.raw_dir() / "templates" / path.name).read_text().strip().split(",")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, template, lineterminator="\n").writerow(row)


def test_a_documented_addition_reaches_the_marts_and_the_page(tmp_path, raw_copy, capsys, dash_app):
    append_row(raw_copy.raw / "sources.csv", NEW_SOURCE)
    append_row(raw_copy.raw / "waitlist_snapshots.csv", NEW_SNAPSHOT)

    assert main(["check", "--raw-dir", str(raw_copy.raw)]) == 0
    assert "0 problem(s)" in capsys.readouterr().err
    marts = tmp_path / "marts"
    assert main(["build", "--raw-dir", str(raw_copy.raw), "--marts-dir", str(marts)]) == 0

    from dashboard import data

    # the page module as Dash loaded it: importing dashboard.pages.waitlists again would
    # register /waitlists a second time, without a layout
    waitlists = sys.modules["pages.waitlists"]

    previous = data._MARTS
    data.use_marts(paths.marts_path(marts))
    try:
        frame = data.waitlist_snapshots(["Mexicali"])
        row = frame.filter(frame["source_id"] == NEW_SOURCE["source_id"]).row(0, named=True)
        # about 1,234 people / 10 a day = 123.4 days, in whole days rounded half up: 123
        assert (row["people_waiting"], row["count_unit"], row["modeled_wait_days"]) == (
            1234,
            "people",
            123,
        )
        rows = waitlists.wait_table_rows(frame, "en")
        assert any(
            r["count"] == "about 1,234 people" and r["modeled_wait"] == "about 123 days"
            for r in rows
        )
        layout = str(waitlists.layout(city="Mexicali"))
        assert "field-notes-2019-06-03-mexicali-count" in layout
    finally:
        data._MARTS = previous


def test_check_explains_a_bad_addition_in_plain_words(raw_copy, capsys):
    append_row(
        raw_copy.raw / "waitlist_snapshots.csv",
        {**NEW_SNAPSHOT, "count_unit": "persons", "source_id": "not-yet-added"},
    )
    assert main(["check", "--raw-dir", str(raw_copy.raw)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = sum(1 for _ in (raw_copy.raw / "waitlist_snapshots.csv").open())
    # the column of source_id, counted in the file's own header line
    with (raw_copy.raw / "waitlist_snapshots.csv").open(encoding="utf-8") as fh:
        source_column = fh.readline().rstrip("\n").split(",").index("source_id") + 1
    # each bad cell explained once, in plain words, with its file:line:column and rule
    assert out == [
        f"waitlist_snapshots.csv:{line}:9: count_unit = 'persons': is not one of the allowed "
        "values: people, names, families, list_numbers, registrations, camp_population, cases "
        "[cell_kinds]",
        f"waitlist_snapshots.csv:{line}:{source_column}: source_id = 'not-yet-added': is not a "
        "known source id; add it to sources.csv [source_id_known]",
    ]
