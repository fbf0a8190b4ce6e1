"""The project's Spanish columns: each compiler paraphrase has its translation beside it."""

from __future__ import annotations

from collections.abc import Iterator

from etl.curated_rules.base import Context, rule
from etl.curated_schema import SCHEMAS, TRANSLATION_HELP, FileSchema
from etl.problems import Reject


def translated_pairs(schema: FileSchema) -> list[tuple[str, str]]:
    """(english column, its Spanish column) for every column marked as the project's translation
    of a compiler paraphrase (policy titles have their own required title_es)."""
    return [
        (f.name[:-3], f.name)
        for f in schema.fields
        if f.name.endswith("_es") and f.help == TRANSLATION_HELP.format(column=f.name[:-3])
    ]


@rule(
    "spanish_beside_english",
    tuple(s.file for s in SCHEMAS if translated_pairs(s)),
    "A compiler's English paraphrase (description, list_manager, reported_wait_text) has the "
    "project's Spanish translation in its `_es` column, and a `_es` cell has its English.",
)
def spanish_beside_english(ctx: Context) -> Iterator[Reject]:
    for schema in SCHEMAS:
        header = ctx.headers.get(schema.file, [])
        for english, spanish in translated_pairs(schema):
            if english not in header or spanish not in header:
                continue
            for row in ctx.of(schema):
                if row.get(english) and not row.get(spanish):
                    yield ctx.problem(
                        row,
                        spanish,
                        f"is empty but {english} is filled: add the Spanish translation",
                        "spanish_beside_english",
                    )
                elif row.get(spanish) and not row.get(english):
                    yield ctx.problem(
                        row,
                        spanish,
                        f"is filled but {english} is empty: a translation needs its English",
                        "spanish_beside_english",
                    )
