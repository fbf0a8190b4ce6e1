"""Curated, cited CSVs in data/raw/curated/ (compiled from public reports; cards beside them).

Reads every file named in etl/curated_schema.py, checks each cell and each row against the
schema and against sources.csv and ports.csv, and returns typed frames. A bad row becomes a
Reject (file:line:column, plain reason) and is left out; a file that cannot be read at all
(missing, wrong header, broken quoting) raises SourceError.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

from etl.curated_check import check_cell
from etl.curated_schema import PORTS, SCHEMAS, SOURCES, FileSchema
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = "curated"
# libyaml's C loader when the wheel has it (same safe subset as yaml.safe_load, ~10x faster)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

POLARS_TYPES = {
    "int": pl.Int64,
    "number": pl.Float64,
    "date": pl.Date,
    "partial_date": pl.Date,
    "bool": pl.Boolean,
}
# pairs (low, high) that must be in order within a row
ORDERED_PAIRS = (
    ("people_waiting", "people_waiting_high"),
    ("processed_low", "processed_high"),
    ("reported_wait_days_low", "reported_wait_days_high"),
    ("value_low", "value_high"),
    ("period_start", "period_end"),
)
# (given, needed): a row that gives the first column must also fill the second
REQUIRED_WITH = (
    ("people_waiting", "count_unit"),
    ("people_waiting", "count_qualifier"),
    ("people_count", "count_unit"),
)


@dataclass
class ParsedFile:
    schema: FileSchema
    frame: pl.DataFrame
    rejects: list[Reject]
    sha256: str


def read_rows(path: Path, schema: FileSchema) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) for each record; the line is where the record starts."""
    if not path.exists():
        raise SourceError(path.name, f"file is missing; expected in {path.parent.name}/")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(
            path.name, f"is not UTF-8 text (byte {err.start}); save it as UTF-8", 1, 1
        ) from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    records, line = [], 1
    try:
        header = [cell.strip() for cell in next(reader)]
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line, cells))
            line = reader.line_num + 1
    except StopIteration:
        raise SourceError(path.name, "file is empty; it needs the header row", 1, 1) from None
    except csv.Error as err:
        raise SourceError(path.name, f"broken CSV quoting ({err})", line, 1) from None
    check_header(path.name, header, schema)
    return header, records


def check_header(name: str, header: list[str], schema: FileSchema) -> None:
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
    """Check every cell of one curated file; pure (no database, no network)."""
    header, records = read_rows(path, schema)
    fields = {f.name: f for f in schema.fields}
    rows, rejects = [], []
    for line, cells in records:
        if len(cells) != len(header):
            rejects.append(
                Reject(
                    path.name,
                    line,
                    min(len(cells), len(header)) + 1,
                    "(row)",
                    ",".join(cells),
                    f"has {len(cells)} fields, the header has {len(header)}; check the commas "
                    "and quotes on this line",
                )
            )
            continue
        row, row_rejects = {"_line": line}, []
        for position, (column, text) in enumerate(zip(header, cells, strict=True), start=1):
            value, problem = check_cell(text, fields[column])
            if problem:
                row_rejects.append(Reject(path.name, line, position, column, text, problem))
            row[column] = value
            if fields[column].kind == "partial_date":
                row[f"{column}_text"] = text.strip() or None
        row_rejects += check_pairs(path.name, line, header, row)
        if row_rejects:
            rejects += row_rejects
        else:
            rows.append(row)
    frame = to_frame(rows, schema)
    return ParsedFile(schema, frame, rejects, hashlib.sha256(path.read_bytes()).hexdigest())


def check_pairs(name: str, line: int, header: list[str], row: dict) -> list[Reject]:
    """Low before high; and columns that must come together (a count needs its unit)."""
    problems = []
    for given, needed in REQUIRED_WITH:
        if row.get(given) is not None and needed in row and row[needed] is None:
            problems.append(
                Reject(
                    name,
                    line,
                    header.index(needed) + 1,
                    needed,
                    "",
                    f"is empty but {given} is given: say what the count counts",
                )
            )
    for low, high in ORDERED_PAIRS:
        if low in row and high in row and row[low] is not None and row[high] is not None:
            if row[high] < row[low]:
                problems.append(
                    Reject(
                        name,
                        line,
                        header.index(high) + 1,
                        high,
                        str(row[high]),
                        f"is smaller than {low} ({row[low]}); the high end comes second",
                    )
                )
    return problems


def to_frame(rows: list[dict], schema: FileSchema) -> pl.DataFrame:
    types = {}
    for f in schema.fields:
        types[f.name] = POLARS_TYPES.get(f.kind, pl.String)
        if f.kind == "partial_date":
            types[f"{f.name}_text"] = pl.String  # as written: YYYY, YYYY-MM or YYYY-MM-DD
    return pl.DataFrame(rows, schema={"_line": pl.Int64, **types}, orient="row")


def read(dirs: Dirs) -> SourceOutput:
    parsed = {schema.file: parse(dirs.raw / schema.file, schema) for schema in SCHEMAS}
    cross_file_rejects(parsed)
    tables = {p.schema.table: p.frame.drop("_line") for p in parsed.values()}
    tables["datasets"] = read_cards(dirs.raw)
    sources = parsed[SOURCES.file].frame.select(
        "source_id",
        "title",
        "publisher",
        pl.col("published_text").alias("published"),
        "url",
        pl.col("accessed_text").alias("accessed"),
    )
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
    "quality_check",
    "licence",
    "updated",
)


def read_cards(folder: Path) -> pl.DataFrame:
    """The source card of each curated file (its .yml) as one row: what it is, its caveats."""
    rows = []
    for schema in SCHEMAS:
        path = folder / schema.file.replace(".csv", ".yml")
        if not path.exists():
            raise SourceError(path.name, f"source card missing for {schema.file}")
        card = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        row = {"dataset": schema.table, "file": schema.file}
        row.update({k: _card_text(card.get(k)) for k in CARD_FIELDS})
        licence = card.get("licence")
        if isinstance(licence, dict):  # {en: ..., es: ...}
            row["licence"], row["licence_es"] = licence.get("en"), licence.get("es")
        else:
            row["licence_es"] = row["licence"]
        row["caveats"] = "\n".join(card.get("caveats") or [])
        row["caveats_es"] = "\n".join(card.get("caveats_es") or [])
        rows.append(row)
    return pl.DataFrame(rows, schema={c: pl.String for c in rows[0]})


def _card_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()
    return str(value).strip()


def cross_file_rejects(parsed: dict[str, ParsedFile]) -> None:
    """Source ids must resolve, city and port names must be in ports.csv, keys unique."""
    source_ids = set(parsed[SOURCES.file].frame["source_id"].to_list())
    ports = parsed[PORTS.file].frame
    known = {
        "source_id": source_ids,
        "port": set(ports["port_name"]),
        "city": set(ports["mx_city"]),
    }
    for p in parsed.values():
        bad_lines = set()
        for f in p.schema.fields:
            kind = "source_id" if f.kind == "source_id" and p.schema is not SOURCES else f.kind
            if kind not in known or f.name not in p.frame.columns:
                continue
            for line, value in p.frame.select("_line", f.name).iter_rows():
                if value is not None and value not in known[kind]:
                    hint = "add it to sources.csv" if kind == "source_id" else "see ports.csv"
                    column = p.schema.columns.index(f.name) + 1
                    p.rejects.append(
                        Reject(
                            p.schema.file,
                            line,
                            column,
                            f.name,
                            value,
                            f"is not a known {kind.replace('_', ' ')}; {hint}",
                        )
                    )
                    bad_lines.add(line)
        bad_lines |= duplicate_key_lines(p)
        p.frame = p.frame.filter(~pl.col("_line").is_in(sorted(bad_lines)))


def duplicate_key_lines(p: ParsedFile) -> set[int]:
    if not p.schema.key:
        return set()
    seen, duplicates = {}, set()
    for row in p.frame.select("_line", *p.schema.key).iter_rows():
        line, key = row[0], row[1:]
        if key in seen:
            p.rejects.append(
                Reject(
                    p.schema.file,
                    line,
                    p.schema.columns.index(p.schema.key[0]) + 1,
                    "+".join(p.schema.key),
                    " / ".join(map(str, key)),
                    f"repeats the row on line {seen[key]} (same key)",
                )
            )
            duplicates.add(line)
        else:
            seen[key] = line
    return duplicates
