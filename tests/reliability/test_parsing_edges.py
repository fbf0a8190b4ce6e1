"""Parsing edges: line breaks other than \\n inside a quoted cell are text; a form feed is read
as a line break; control characters are refused at their line and column."""

from __future__ import annotations

import csv

import pytest

from etl.curated_schema import SCHEMAS
from etl.sources import curated

SCHEMA = next(s for s in SCHEMAS if s.file == "turnback_reports.csv")


def write_with_description(raw, description: str):
    path = raw / SCHEMA.file
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0]["description"] = description
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path, len(rows)


@pytest.mark.parametrize(
    "separator", ["\u2028", "\u2029", "\x85", "\x0c"], ids=["U+2028", "U+2029", "NEL", "FF"]
)
def test_a_line_break_inside_a_quoted_cell_stays_in_the_cell(raw_copy, separator):
    path, rows = write_with_description(raw_copy.raw, f"first part{separator}second part")
    parsed = curated.parse(path, SCHEMA)
    assert parsed.rejects == []
    assert parsed.frame.height == rows
    kept = parsed.frame["description"][0]
    assert kept == "first part" + ("\n" if separator == "\x0c" else separator) + "second part"


def test_a_control_character_is_refused_at_its_column(raw_copy):
    path, rows = write_with_description(raw_copy.raw, "before\x00after")
    parsed = curated.parse(path, SCHEMA)
    assert [(r.line, r.column) for r in parsed.rejects] == [
        (2, SCHEMA.columns.index("description") + 1)
    ]
    assert "U+0000" in parsed.rejects[0].reason
    assert parsed.frame.height == rows - 1  # every other row kept
