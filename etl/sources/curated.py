"""Curated, cited CSVs in data/raw/curated/ (compiled from public reports; cards beside them).

Reads every file named in etl/curated_schema.py, checks each cell and each row against the
schema and against sources.csv and ports.csv, and returns typed frames. A bad row becomes a
Reject (file:line:column, plain reason) and is left out; a file that cannot be read at all
(missing, wrong header, broken quoting) raises SourceError.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl import privacy
from etl.curated_check import check_column
from etl.curated_rules import Context, Row, run_all
from etl.curated_schema import SCHEMAS, SOURCES, FileSchema
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = "curated"

POLARS_TYPES = {
    "int": pl.Int64,
    "number": pl.Float64,
    "date": pl.Date,
    "partial_date": pl.Date,
    "bool": pl.Boolean,
}


@dataclass
class ParsedFile:
    schema: FileSchema
    frame: pl.DataFrame
    rejects: list[Reject]
    sha256: str
    header: list[str] = field(default_factory=list)
    # every record as written (also those whose cells failed), for the rules of curated_rules
    rows: list[Row] = field(default_factory=list)


Record = tuple[int, list[str]]  # (line where the record starts, its cells)


MAX_FIELD_CHARS = 100_000  # longer than any cell of the record; a longer one is a broken file
# control characters a document (docx XML) cannot carry; tab, line feed and CR are fine
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes: each is one ASCII byte, and no other character's bytes
# are ASCII, so a file whose bytes hold none of these has no control character in any cell.
CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SourceError(path.name, f"file is missing; expected in {path.parent.name}/")
    return path.read_bytes()


def decode(name: str, raw: bytes) -> str:
    """The file as text, or SourceError at the line and column of the first non-UTF-8 byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise SourceError(
            name,
            f"is not UTF-8 text (byte 0x{raw[err.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None


def read_rows(name: str, text: str, schema: FileSchema) -> tuple[list[str], list[Record]]:
    """Header and (line number, cells) for each record; the line is where the record starts."""
    # Line breaks other than \n (NEL, U+2028/9) stay inside a quoted cell as text: the lines
    # end at \n only (str.splitlines would also end them there). A form feed, which a document
    # cannot carry, is read as a line break.
    lines = io.StringIO(text, newline="\n")
    form_feeds = "\f" in text
    may_be_too_long = len(text) > MAX_FIELD_CHARS  # else no field can be
    records, line = [], 1
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # long fields are reported below with their column
    try:
        reader = csv.reader(lines, strict=True)
        header = [cell.strip() for cell in next(reader)]
        line = reader.line_num + 1
        for cells in reader:
            if "".join(cells).strip():  # a record of blank cells is skipped
                if may_be_too_long:
                    check_field_lengths(name, line, cells)
                if form_feeds:
                    cells = [cell.replace("\f", "\n") for cell in cells]
                records.append((line, cells))
            line = reader.line_num + 1
    except StopIteration:
        raise SourceError(name, "file is empty; it needs the header row", 1, 1) from None
    except csv.Error as err:
        raise SourceError(
            name, f"broken CSV quoting ({err}); check the quotes from this line on", line, 1
        ) from None
    finally:
        csv.field_size_limit(limit)
    check_header(name, header, schema)
    return header, records


def check_field_lengths(name: str, line: int, cells: list[str]) -> None:
    for position, cell in enumerate(cells, start=1):
        if len(cell) > MAX_FIELD_CHARS:
            raise SourceError(
                name,
                f"a field of {len(cell):,} characters (more than {MAX_FIELD_CHARS:,}); "
                "a quote is probably not closed before this field",
                line,
                position,
            )


def check_header(name: str, header: list[str], schema: FileSchema) -> None:
    for position, column in enumerate(header, start=1):
        if column in header[: position - 1]:
            first = header.index(column) + 1
            raise SourceError(
                name,
                f"column {column!r} is named twice (columns {first} and {position}); remove one",
                1,
                position,
            )
    for position, column in enumerate(header, start=1):
        if column not in schema.columns:
            raise SourceError(
                name,
                f"unknown column {column!r}; allowed: {', '.join(schema.columns)}",
                1,
                position,
            )
    missing = [c for c in schema.columns if c not in header]
    if missing:
        raise SourceError(name, f"missing column(s): {', '.join(missing)}", 1, len(header) + 1)


def parse(path: Path, schema: FileSchema) -> ParsedFile:
    """Check every cell of one curated file; pure (no database, no network).

    Rows whose cells fail stay out of the frame but are kept as written in `rows`, so the
    rules of etl/curated_rules.py still check them in the same run. Cells are checked column
    by column (check_column), and for control characters only when the file holds one.
    """
    raw = read_bytes(path)
    header, records = read_rows(path.name, decode(path.name, raw), schema)
    rejects, kept = [], []
    for line, cells in records:
        if len(cells) == len(header):
            kept.append((line, cells))
        else:
            rejects.append(
                Reject(
                    path.name,
                    line,
                    min(len(cells), len(header)) + 1,
                    "(row)",
                    ",".join(cells),
                    f"has {len(cells)} fields, the header has {len(header)}; check the commas "
                    "and quotes on this line [row_width]",
                )
            )
    lines = [line for line, _cells in kept]
    columns = list(zip(*(cells for _line, cells in kept), strict=True)) or [()] * len(header)
    texts = dict(zip(header, columns, strict=True))
    may_hold_control = len(raw.translate(None, CONTROL_BYTES)) != len(raw)
    fields = {f.name: f for f in schema.fields}
    values = {}
    for position, column in enumerate(header, start=1):
        column_texts = texts[column]
        values[column], problems = check_column(column_texts, fields[column])
        found = {i: f"{problem} [cell_kinds]" for i, problem in problems}
        if may_hold_control:
            for i, text in enumerate(column_texts):
                if i not in found and (problem := control_character(text)):
                    found[i] = problem
        rejects += [
            Reject(path.name, lines[i], position, column, column_texts[i], problem)
            for i, problem in found.items()
        ]
    rejects.sort(key=lambda r: (r.line, r.column))
    bad = {r.line for r in rejects}
    good = [i for i, line in enumerate(lines) if line not in bad]
    written = [Row(path.name, line, dict(zip(header, cells, strict=True))) for line, cells in kept]
    frame = to_frame([lines[i] for i in good], values, texts, good, schema)
    return ParsedFile(schema, frame, rejects, hashlib.sha256(raw).hexdigest(), header, written)


def control_character(text: str) -> str | None:
    """A control character (NUL…) that no document can carry refuses the cell."""
    bad = CONTROL_CHARACTERS.search(text)
    if bad is None:
        return None
    return (
        f"holds a control character (U+{ord(bad.group()):04X}) at position "
        f"{bad.start() + 1}; remove it [cell_kinds]"
    )


def to_frame(
    lines: list[int],
    values: dict[str, list],
    texts: dict[str, tuple[str, ...]],
    good: list[int],
    schema: FileSchema,
) -> pl.DataFrame:
    """The rows at `good`, typed: each column's values, and beside a partial date its text as
    written (YYYY, YYYY-MM or YYYY-MM-DD)."""
    every_row = len(good) == len(next(iter(values.values()), []))
    columns = [pl.Series("_line", lines, dtype=pl.Int64)]
    for f in schema.fields:
        column = values[f.name] if every_row else [values[f.name][i] for i in good]
        columns.append(pl.Series(f.name, column, dtype=POLARS_TYPES.get(f.kind, pl.String)))
        if f.kind == "partial_date":
            written = [texts[f.name][i].strip() or None for i in good]
            columns.append(pl.Series(f"{f.name}_text", written, dtype=pl.String))
    return pl.DataFrame(columns)


def read(dirs: Dirs) -> SourceOutput:
    parsed = {schema.file: parse(dirs.raw / schema.file, schema) for schema in SCHEMAS}
    cross_file_rejects(parsed)
    tables = {p.schema.table: p.frame.drop("_line") for p in parsed.values()}
    tables["datasets"] = read_cards(dirs.raw)
    sources = meta_sources(parsed[SOURCES.file].frame)
    return SourceOutput(
        tables=tables,
        rejects=[r for p in parsed.values() for r in p.rejects],
        inputs={f"curated/{name}": p.sha256 for name, p in parsed.items()},
        sources=sources.with_columns(pl.lit("curated").alias("dataset")),
    )


CARD_FIELDS = (
    "title",
    "title_es",
    "description",
    "description_es",
    "compiled_from",
    "compiled_from_es",
    "quality_check",
    "quality_check_es",
    "licence",
    "updated",
)
# A card's English text and the project's Spanish of it, shown on Spanish pages: both or neither.
CARD_TRANSLATIONS = (
    ("title", "title_es"),
    ("description", "description_es"),
    ("compiled_from", "compiled_from_es"),
    ("quality_check", "quality_check_es"),
    ("caveats", "caveats_es"),
)


def read_cards(folder: Path) -> pl.DataFrame:
    """The source card of each curated file (its .yml) as one row: what it is, its caveats."""
    rows = []
    for schema in SCHEMAS:
        path = folder / schema.file.replace(".csv", ".yml")
        if not path.exists():
            raise SourceError(path.name, f"source card missing for {schema.file}")
        card = read_card(path)
        row = {"dataset": schema.table, "file": schema.file}
        licence = card.get("licence")
        translated = isinstance(licence, dict)  # {en: ..., es: ...}
        for key in CARD_FIELDS:
            if key == "licence" and translated:
                row[key] = licence.get("en")
            else:
                row[key] = _card_text(card.get(key))
        row["licence_es"] = licence.get("es") if translated else row["licence"]
        row["caveats"] = "\n".join(card.get("caveats") or [])
        row["caveats_es"] = "\n".join(card.get("caveats_es") or [])
        rows.append(row)
    return pl.DataFrame(rows, schema={c: pl.String for c in rows[0]})


def read_card(path: Path) -> dict:
    """One source card: YAML mapping, no personal identifiers (SourceError at line:column)."""
    text = decode(path.name, path.read_bytes())
    lines = text.splitlines()
    found = privacy.find_each(lines, [False] * len(lines))
    if found:
        first = min(found)
        raise SourceError(path.name, privacy.refusal(found[first]), first + 1, 1)
    # imported here, not at the top: PyYAML takes ~7 ms to import, which `metering check` (no
    # cards) never needs and a build spends in its read thread, beside the official files
    import yaml

    # libyaml's C loader when the wheel has it (same safe subset as yaml.safe_load, ~10x faster)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        card = yaml.load(text, Loader=loader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = getattr(err, "problem", None) or str(err)
        raise SourceError(
            path.name,
            f"is not valid YAML ({problem}); fix the card's indentation or quotes",
            line,
            column,
        ) from None
    if not isinstance(card, dict):
        raise SourceError(path.name, "a source card must be a mapping of field: value", 1, 1)
    check_card_spanish(path.name, text, card)
    return card


def check_card_spanish(name: str, text: str, card: dict) -> None:
    """Each English field of a card has its Spanish (the `_es` field beside it) and the other
    way round; caveats and caveats_es hold as many items (SourceError at the field's line)."""
    lines = text.splitlines()

    def line_of(key: str) -> int:
        return next((i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)

    for english, spanish in CARD_TRANSLATIONS:
        if card.get(english) and not card.get(spanish):
            raise SourceError(
                name,
                f"{english} has no {spanish}: add the project's Spanish of it",
                line_of(english),
                1,
            )
        if card.get(spanish) and not card.get(english):
            raise SourceError(
                name, f"{spanish} is filled but {english} is empty", line_of(spanish), 1
            )
    caveats, caveats_es = card.get("caveats") or [], card.get("caveats_es") or []
    if len(caveats) != len(caveats_es):
        raise SourceError(
            name,
            f"caveats has {len(caveats)} items but caveats_es {len(caveats_es)}: "
            "one Spanish item per English one",
            line_of("caveats_es"),
            1,
        )


def _card_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        import yaml  # see read_card

        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()
    return str(value).strip()


def cross_file_rejects(parsed: dict[str, ParsedFile]) -> None:
    """Run every written rule (etl/curated_rules.py) on every row of every file, in one pass.

    A row with any problem leaves its frame; the problems join that file's rejects.
    """
    context = Context(
        rows={p.schema.file: p.rows for p in parsed.values()},
        headers={p.schema.file: p.header for p in parsed.values()},
    )
    by_file = {p.schema.file: p for p in parsed.values()}
    for problem in run_all(context):
        by_file[problem.file].rejects.append(problem)
    for p in parsed.values():
        p.rejects.sort(key=lambda r: (r.line, r.column))
        bad = sorted({r.line for r in p.rejects})
        if bad:
            p.frame = p.frame.filter(~pl.col("_line").is_in(bad))


def check_folder(folder: Path) -> list[Reject]:
    """Every problem of the curated CSVs in `folder` (no source cards needed): one run."""
    parsed = {schema.file: parse(folder / schema.file, schema) for schema in SCHEMAS}
    cross_file_rejects(parsed)
    return [r for p in parsed.values() for r in p.rejects]


def meta_sources(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows for meta.sources: every column of sources.csv, dates as written, and `url`, the
    address a reader opens (the original when known, else the copy that was read)."""
    return frame.select(
        "source_id",
        "title",
        "untitled_description",
        "untitled_description_es",
        "publisher",
        pl.col("published_text").alias("published"),
        "published_precision",
        "undated_reason",
        "formal_citation",
        pl.coalesce("original_url", "copy_url").alias("url"),
        "original_url",
        "copy_url",
        "copy_host",
        "copy_note",
        pl.col("accessed_text").alias("accessed"),
        "language",
        "inferred_fields",
        "note",
    )
