"""A plain, sortable table of records with the house font and wrapping cells."""

from __future__ import annotations

import polars as pl
from dash import dash_table

from dashboard.i18n import t

CELL = {
    "fontFamily": "DejaVu Sans, sans-serif",
    "fontSize": 13,
    "textAlign": "left",
    "whiteSpace": "normal",
    "height": "auto",
    "padding": "6px",
    "maxWidth": "420px",
}
HEADER = {"fontWeight": "bold", "backgroundColor": "#f3f4f6"}


def records_table(
    table_id: str,
    rows: list[dict],
    columns: tuple[str, ...],
    label_prefix: str,
    lang: str,
    page_size: int = 15,
    markdown: tuple[str, ...] = (),
    searchable: bool = False,
) -> dash_table.DataTable:
    """Columns are labelled by `t(label_prefix + column)`; `markdown` columns render links."""
    return dash_table.DataTable(
        id=table_id,
        data=rows,
        page_size=page_size,
        sort_action="native",
        filter_action="native" if searchable else "none",
        filter_options={"placeholder_text": t("table.filter_placeholder", lang)},
        style_as_list_view=True,
        columns=[
            {
                "id": c,
                "name": t(label_prefix + c, lang),
                **({"presentation": "markdown"} if c in markdown else {}),
            }
            for c in columns
        ],
        style_cell=CELL,
        style_header=HEADER,
    )


def table_page(
    frame: pl.DataFrame, page: int, size: int, sort_by: list[dict]
) -> tuple[list[dict], int]:
    """(rows of one page as JSON-ready dicts, number of pages), sorted as the table asks.

    Sorting and paging run here, on the server, so a large frame never ships whole."""
    for rule in reversed(sort_by):
        if rule.get("column_id") in frame.columns:
            frame = frame.sort(
                rule["column_id"], descending=rule.get("direction") == "desc", nulls_last=True
            )
    pages = max(1, -(-frame.height // size))
    shown = frame.slice(page * size, size)
    cast = [
        pl.col(c).cast(pl.String)
        for c, dtype in shown.schema.items()
        if dtype.is_temporal() or dtype == pl.Decimal or isinstance(dtype, pl.List)
    ]
    lists = [c for c, dtype in shown.schema.items() if isinstance(dtype, pl.List)]
    if lists:
        shown = shown.with_columns(
            pl.col(c).list.eval(pl.element().cast(pl.String)).list.join(", ") for c in lists
        )
        cast = [c for c in cast if c.meta.output_name() not in lists]
    return shown.with_columns(cast).to_dicts(), pages
