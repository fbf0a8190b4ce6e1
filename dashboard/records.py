"""`metering records turnbacks`: the documented turnback records for a port and period, as
CSV or a Markdown table, read from the marts through dashboard.data (parameterised queries).

A port or tactic the marts do not know is a usage error (exit 2) that lists the known ones,
never an empty answer.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only an annotation: `metering build` must not pay for importing polars
    import polars as pl

USAGE = 2
COLUMNS = (
    "record_id",
    "record_type",
    "period_start_text",
    "period_end_text",
    "port_of_entry",
    "us_ports",
    "city",
    "people_count",
    "count_unit",
    "tactics",
    "description",
    "source_id",
)


def _fail(message: str) -> int:
    print(f"metering records: {message}", file=sys.stderr)
    return USAGE


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None


def _known(value: str | None, known: list[str], what: str) -> str | None:
    if value is None or value in known:
        return value
    raise ValueError(f"not found: {what} {value!r}; known: {', '.join(known)}")


def markdown(frame: pl.DataFrame) -> str:
    """A pipe table; cell text keeps its words, pipes and line breaks escaped."""

    def cell(value) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * frame.width]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines) + "\n"


def cmd_turnbacks(args: argparse.Namespace) -> int:
    from dashboard import data

    try:
        start, end = _day(args.start, "--from"), _day(args.end, "--to")
        port = _known(args.port, data.port_names(), "port")
        tactic = _known(args.tactic, data.turnback_tactic_names(), "tactic")
    except (ValueError, data.MartsMissing) as err:
        return _fail(str(err))
    if start and end and start > end:
        return _fail("--from is after --to")
    frame = data.turnbacks(start=start, end=end, port=port, tactic=tactic).select(COLUMNS)
    body = frame.write_csv() if args.format == "csv" else markdown(frame)
    if args.out == "-":
        sys.stdout.write(body)
    else:
        Path(args.out).write_text(body, encoding="utf-8")
        print(f"wrote {args.out} ({frame.height} records)", file=sys.stderr)
    return 0


def add_records_command(sub: argparse._SubParsersAction) -> None:
    records = sub.add_parser("records", help="documented records from the marts")
    kinds = records.add_subparsers(dest="kind", required=True)
    p = kinds.add_parser("turnbacks", help="turnback records for a port, period and tactic")
    p.add_argument("--port", help="a U.S. port of entry as in marts.ports, e.g. 'San Ysidro'")
    p.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
    p.add_argument("--tactic", help="a tactic code, e.g. misrepresentation")
    p.add_argument("--format", choices=("csv", "md"), default="csv")
    p.add_argument("--out", default="-", help="a file, or - for standard output (default)")
    p.set_defaults(run=cmd_turnbacks)
