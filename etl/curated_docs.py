"""Write the curated-format docs and templates from etl/curated_schema.py (one definition).

`python -m etl.curated_docs` rewrites data/raw/curated/FORMATS.md and
data/raw/curated/templates/*.csv; tests/meta fails when they are out of date.
"""

from __future__ import annotations

import csv
import io

from etl import paths
from etl.curated_rules import rules_for
from etl.curated_schema import SCHEMAS, FileSchema

KIND_WORDS = {
    "text": "text",
    "int": "whole number",
    "number": "number",
    "date": "date YYYY-MM-DD",
    "partial_date": "date YYYY, YYYY-MM or YYYY-MM-DD",
    "enum": "one of the values",
    "enum_list": "values joined by a vertical bar",
    "bool": "true or false",
    "source_id": "a source_id in sources.csv",
    "city": "a mx_city in ports.csv",
    "port": "a port_name in ports.csv",
}


def schema_markdown(schema: FileSchema) -> str:
    lines = [f"## `{schema.file}`", "", f"One row = {schema.grain}.", ""]
    if schema.key:
        lines += [f"Unique key: {', '.join(schema.key)}.", ""]
    lines += [f"- {note}" for note in schema.notes] + ([""] if schema.notes else [])
    lines += ["| column | required | kind | meaning | allowed values |", "|---|---|---|---|---|"]
    for f in schema.fields:
        allowed = ", ".join(f"`{a}`" for a in f.allowed)
        lines.append(
            f"| `{f.name}` | {'yes' if f.required else ''} | {KIND_WORDS[f.kind]} | "
            f"{f.help.replace('|', chr(92) + '|')} | {allowed} |"
        )
    lines += ["", "Rules (`metering check` names the rule in brackets after each problem):", ""]
    lines += [f"- `{r.name}`: {r.text}" for r in rules_for(schema.file)]
    return "\n".join(lines) + "\n"


def formats_markdown() -> str:
    head = (
        "# Curated file formats\n\n"
        "Generated from `etl/curated_schema.py` by `python -m etl.curated_docs`; do not edit by "
        "hand. How to add rows: see README.md in this folder.\n\n"
        "Every rule below is enforced by the check of the same name in "
        "`etl/curated_rules.py`; `metering check` runs all of them on every row in one run "
        "and ends each problem with the rule's name, e.g. `[city_in_ports]`.\n\n"
    )
    return head + "\n".join(schema_markdown(s) for s in SCHEMAS)


def template_csv(schema: FileSchema) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(schema.columns)
    return buffer.getvalue()


def write_all() -> None:
    folder = paths.ROOT / "data" / "raw" / "curated"
    (folder / "FORMATS.md").write_text(formats_markdown(), encoding="utf-8")
    (folder / "templates").mkdir(exist_ok=True)
    for schema in SCHEMAS:
        (folder / "templates" / schema.file).write_text(template_csv(schema), encoding="utf-8")


if __name__ == "__main__":
    write_all()
