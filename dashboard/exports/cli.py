"""Sub-commands of `metering` that write files: export, exhibits, declare.

Thin: parse, check, call dashboard.exports. Usage errors (an unknown figure, parameter,
city or date) print one clear line and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

USAGE = 2


def _fail(message: str) -> int:
    print(f"metering: {message}", file=sys.stderr)
    return USAGE


def _write(body: bytes, out: str) -> None:
    if out == "-":
        sys.stdout.buffer.write(body)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(body)
        print(f"wrote {out} ({len(body):,} bytes)", file=sys.stderr)


def _query(params: list[str], lang: str) -> dict | str:
    """--param key=value pairs as a URL-style query, or an error message."""
    from dashboard.figures import registry as charts

    known = {"city", "start", "end", *getattr(charts, "EXTRA_PARAMS", {})}
    query: dict[str, str] = {"lang": lang}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or key not in known:
            keys = ", ".join(sorted(known))
            return f"bad --param {param!r}: use key=value with key one of {keys}"
        query[key] = value
    return query


def cmd_export(args: argparse.Namespace) -> int:
    from dashboard.figures.registry import CHARTS, BadFilter, Filters

    if args.figure not in CHARTS:
        return _fail(f"unknown figure {args.figure!r}; known: {', '.join(CHARTS)}")
    query = _query(args.param or [], args.lang)
    if isinstance(query, str):
        return _fail(query)
    try:
        filters = Filters.from_query(query, strict=True)
    except BadFilter as err:
        return _fail(str(err))
    from dashboard.exports.render import figure_renderer, render_chart

    if args.format == "csv":  # data only: no browser to start
        body = render_chart(args.figure, filters, "csv")
    else:
        with figure_renderer():
            body = render_chart(args.figure, filters, args.format)
    _write(body, args.out or f"{args.figure}.{args.format}")
    return 0


def cmd_exhibits(args: argparse.Namespace) -> int:
    from dashboard.exports.exhibits import write_exhibits

    return 1 if write_exhibits(Path(args.out), args.lang) else 0


def _iso(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def cmd_declare(args: argparse.Namespace) -> int:
    from dashboard.exports.declaration import DeclarationError, write_declaration

    if (args.city is None) == (args.port is None):
        return _fail("give exactly one of --city or --port")
    if args.start > args.end:
        return _fail("--start must not be after --end")
    try:
        body = write_declaration(args.city, args.port, args.start, args.end, args.lang, args.format)
    except DeclarationError as err:
        return _fail(str(err))
    _write(body, args.out)
    return 0


def add_export_commands(sub: argparse._SubParsersAction) -> None:
    """Register export, exhibits and declare on the `metering` parser."""
    p = sub.add_parser("export", help="one figure (png 300 dpi, svg, pdf) or its data (csv)")
    p.add_argument("figure", help="figure id, e.g. waitlist-by-city")
    p.add_argument("--format", choices=("png", "svg", "pdf", "csv"), default="png")
    p.add_argument("--lang", choices=("en", "es"), default="en")
    p.add_argument("--out", help="file to write ('-' for stdout); default FIGURE.FORMAT")
    p.add_argument(
        "--param",
        action="append",
        metavar="KEY=VALUE",
        help="a filter, e.g. city=Tijuana, start=2019-01-01 (repeatable)",
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("exhibits", help="every standard exhibit with citation, methods, manifest")
    p.add_argument("--out", default="exhibits", help="folder (default ./exhibits)")
    p.add_argument("--lang", choices=("en", "es"), default="en")
    p.set_defaults(run=cmd_exhibits)

    p = sub.add_parser("declare", help="a cited factual paragraph for a declaration")
    p.add_argument("--city", help="Mexican border city, e.g. Tijuana")
    p.add_argument("--port", help="U.S. port of entry, e.g. San Ysidro (mapped to its city)")
    p.add_argument("--start", type=_iso, required=True, help="YYYY-MM-DD")
    p.add_argument("--end", type=_iso, required=True, help="YYYY-MM-DD")
    p.add_argument("--lang", choices=("en", "es"), default="en")
    p.add_argument("--format", choices=("md", "docx", "pdf"), default="md")
    p.add_argument("--out", required=True, help="file to write ('-' for stdout)")
    p.set_defaults(run=cmd_declare)
