"""`metering records turnbacks` against the marts built from the committed files; the records
expected are picked from the raw curated CSV by the independent reading below."""

from __future__ import annotations

import calendar
import csv
import io
from datetime import date

import polars as pl

from etl import paths
from metering.cli import main


def _first_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def raw_records(port: str, start: date, end: date, tactic: str | None = None) -> list[str]:
    """Record ids from turnback_reports.csv naming the port, dated within [start, end]."""
    path = paths.raw_dir() / "turnback_reports.csv"
    ids = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            first = row["period_start"] or row["incident_date"]
            last = row["period_end"] or row["incident_date"]
            if port not in row["us_ports"].split("|") or not first:
                continue
            if tactic and tactic not in row["tactics"].split("|"):
                continue
            if _first_day(first) <= end and _last_day(last) >= start:
                ids.append(row["record_id"])
    return sorted(ids)


def test_san_ysidro_2018_lists_the_records_the_raw_file_dates_there(use_built_marts, capsys):
    period = ["--from", "2018-01-01", "--to", "2018-12-31"]
    code = main(["records", "turnbacks", "--port", "San Ysidro", *period])
    assert code == 0
    frame = pl.read_csv(io.StringIO(capsys.readouterr().out))
    expected = raw_records("San Ysidro", date(2018, 1, 1), date(2018, 12, 31))
    assert expected and sorted(frame["record_id"].to_list()) == expected
    assert set(frame["us_ports"].to_list()) >= {"San Ysidro"}


def test_tactic_narrows_the_list_and_markdown_is_a_table(use_built_marts, capsys):
    args = ["records", "turnbacks", "--port", "San Ysidro", "--from", "2016-01-01"]
    code = main([*args, "--to", "2022-12-31", "--tactic", "misrepresentation", "--format", "md"])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    expected = raw_records("San Ysidro", date(2016, 1, 1), date(2022, 12, 31), "misrepresentation")
    assert lines[0].startswith("| record_id | record_type |")
    assert sorted(line.split(" | ")[0].lstrip("| ") for line in lines[2:]) == expected


def test_unknown_port_is_a_usage_error_naming_the_known_ports(use_built_marts, capsys):
    assert main(["records", "turnbacks", "--port", "Tijuana"]) == 2
    err = capsys.readouterr().err
    assert "not found: port 'Tijuana'" in err and "San Ysidro" in err
