"""A plain, sortable table of records with the house font and wrapping cells."""

from __future__ import annotations

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
