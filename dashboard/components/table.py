"""A table of records with the house font and wrapping cells, paged, sorted and filtered on
the server: the page's layout sends the first page and the number of pages, and one callback
per table answers each page, sort and filter from the rows kept for the build
(dashboard/cache.py), never from SQL.

    register_records_table("waitlists-table", record_rows, COLUMNS)  # once, at import
    records_table("waitlists-table", filters, "waitlists.col.")      # in the layout
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from dash import Input, Output, State, callback, ctx, dash_table, dcc, html

from dashboard.cache import per_build
from dashboard.i18n import t
from dashboard.params import Filters

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
MAX_PAGE_SIZE = 100  # a request cannot ask for more rows than this at once


@dataclass(frozen=True)
class RecordsTable:
    rows: Callable[[Filters], list[dict]]  # every row for a page's filters (cached per build)
    columns: tuple[str, ...]
    # a shown column sorted by another value of its rows (a date or a number, not its words)
    sort_keys: dict[str, str] = field(default_factory=dict)


_TABLES: dict[str, RecordsTable] = {}


def query_id(table_id: str) -> str:
    """The store holding the filters (a URL query) a table's rows are read for."""
    return f"{table_id}-query"


def register_records_table(
    table_id: str,
    rows: Callable[[Filters], list[dict]],
    columns: tuple[str, ...],
    sort_keys: dict[str, str] | None = None,
) -> None:
    """The table's rows for a page's filters, its columns, and the callback that answers its
    pager, sort and filter row with one page. `sort_keys` names, for a shown column, the row
    key it is sorted by («26 de febrero de 2021» sorts by its date, "more than 300 people" by
    300); those keys are never sent."""
    _TABLES[table_id] = RecordsTable(rows, columns, sort_keys or {})

    @callback(
        Output(table_id, "data"),
        Output(table_id, "page_count"),
        Output(table_id, "page_current"),
        Input(table_id, "page_current"),
        Input(table_id, "sort_by"),
        Input(table_id, "filter_query"),
        Input(query_id(table_id), "data"),
        State(table_id, "page_size"),
        prevent_initial_call=True,  # the layout sends the first page
    )
    def _page(page_current, sort_by, filter_query, query, page_size):
        # a new filter (the page's or the table's own) starts again from the first page
        restart = ctx.triggered_id == query_id(table_id) or any(
            item.get("prop_id", "").endswith(".filter_query") for item in ctx.triggered or []
        )
        page = 0 if restart else _whole(page_current, 0)
        rows, pages = records_page(table_id, query, page, page_size, sort_by, filter_query)
        return rows, pages, page


def records_table(
    table_id: str,
    filters: Filters,
    label_prefix: str,
    page_size: int = 15,
    markdown: tuple[str, ...] = (),
    searchable: bool = False,
) -> html.Div:
    """Columns are labelled by `t(label_prefix + column)`; `markdown` columns render links."""
    lang = filters.lang
    query = filters.query_string()
    rows, pages = records_page(table_id, query, 0, page_size)
    return html.Div(
        [
            dcc.Store(id=query_id(table_id), data=query),
            dash_table.DataTable(
                id=table_id,
                data=rows,
                page_action="custom",
                page_current=0,
                page_size=page_size,
                page_count=pages,
                sort_action="custom",
                sort_mode="single",
                sort_by=[],
                filter_action="custom" if searchable else "none",
                filter_query="",
                filter_options={"placeholder_text": t("table.filter_placeholder", lang)},
                style_as_list_view=True,
                columns=[
                    {
                        "id": c,
                        "name": t(label_prefix + c, lang),
                        **({"presentation": "markdown"} if c in markdown else {}),
                    }
                    for c in _TABLES[table_id].columns
                ],
                style_cell=CELL,
                style_header=HEADER,
            ),
        ]
    )


@per_build(copy=False)  # polars hands out new frames: nothing changes this one
def records_frame(table_id: str, query: str) -> pl.DataFrame:
    """Every row of a table for the filters in `query`, as strings, once per build."""
    table = _TABLES[table_id]
    rows = table.rows(Filters.from_search(query))
    shown = pl.DataFrame(
        [{c: row.get(c) for c in table.columns} for row in rows],
        schema={c: pl.String for c in table.columns},
        strict=False,
    )
    keys = sorted(set(table.sort_keys.values()))
    return shown.hstack(
        pl.DataFrame({k: [row.get(k) for row in rows] for k in keys}, strict=False)
        if keys and rows
        else []
    )


def records_page(
    table_id: str,
    query,
    page,
    page_size,
    sort_by=None,
    filter_query=None,
) -> tuple[list[dict], int]:
    """(one page of rows, number of pages) for what the table's pager, sort and filter row
    sent; anything malformed is ignored (that part of the request is answered as if unsent)."""
    table = _TABLES[table_id]
    frame = records_frame(table_id, query if isinstance(query, str) else "")
    frame = frame.filter(filter_rules(filter_query, list(table.columns)))
    size = min(max(_whole(page_size, 15), 1), MAX_PAGE_SIZE)
    rules = [
        {**r, "column_id": table.sort_keys.get(r["column_id"], r["column_id"])}
        for r in sort_rules(sort_by, list(table.columns))
    ]
    rows, pages = table_page(frame, max(_whole(page, 0), 0), size, rules)
    return [{c: row[c] for c in table.columns} for row in rows], pages


def _whole(value, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def sort_rules(sort_by, columns: list[str]) -> list[dict]:
    """The table's sort_by, keeping only rules on known columns with a known direction."""
    if not isinstance(sort_by, list):
        return []
    return [
        {"column_id": r["column_id"], "direction": r["direction"]}
        for r in sort_by
        if isinstance(r, dict)
        and r.get("column_id") in columns
        and r.get("direction") in ("asc", "desc")
    ]


# what the DataTable's filter row writes: `{column} operator value`, parts joined by " && "
# (operators as words or symbols; `i`/`s` before one asks for case-insensitive/-sensitive)
FILTER_PART = re.compile(
    r"^\s*\{(?P<column>[^{}]+)\}\s+(?P<op>[is]?(?:contains|datestartswith|eq|ne|lt|le|gt|ge)"
    r"|>=|<=|!=|=|<|>)\s+(?P<value>.+?)\s*$",
    re.DOTALL,
)
SYMBOLS = {"=": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
COMPARE = {
    "eq": lambda c, v: c == v,
    "ne": lambda c, v: c != v,
    "lt": lambda c, v: c < v,
    "le": lambda c, v: c <= v,
    "gt": lambda c, v: c > v,
    "ge": lambda c, v: c >= v,
}


def filter_rules(filter_query, columns: list[str]) -> pl.Expr:
    """The filter row's query as one polars condition; the whole query is ignored (every row
    kept) when any part of it is malformed or names a column the table does not have."""
    if not isinstance(filter_query, str) or not filter_query.strip():
        return pl.lit(True)
    conditions = []
    for part in filter_query.split(" && "):
        found = FILTER_PART.match(part)
        if not found or found["column"] not in columns:
            return pl.lit(True)
        conditions.append(_condition(found["column"], found["op"], _value(found["value"])))
    return pl.all_horizontal(conditions)


def _value(text: str) -> str | float:
    """A quoted value as written (its quotes escaped inside with a backslash), else a number
    when it reads as one, else the text."""
    quote = text[0]
    if len(text) >= 2 and quote in "'\"`" and text[-1] == quote:
        return text[1:-1].replace("\\" + quote, quote)
    try:
        return float(text)
    except ValueError:
        return text


def _condition(column: str, op: str, value: str | float) -> pl.Expr:
    op = SYMBOLS.get(op, op)
    insensitive = op.startswith("i")
    op = op[1:] if op[0] in "is" and op[1:] in (*COMPARE, "contains", "datestartswith") else op
    cell = pl.col(column)
    if isinstance(value, float) and op in COMPARE:
        # a number compares with the cell's number ("1,234" and "1 234" read as 1234)
        number = cell.str.replace_all(r"[,\s\u00a0\u202f]", "").cast(pl.Float64, strict=False)
        return COMPARE[op](number, value).fill_null(False)
    text = _plain(value)
    if insensitive:
        cell, text = cell.str.to_lowercase(), text.lower()
    if op == "contains":
        condition = cell.str.contains(text, literal=True)
    elif op == "datestartswith":
        condition = cell.str.starts_with(text)
    else:
        condition = COMPARE[op](cell, pl.lit(text))
    return condition.fill_null(False)


def _plain(value: str | float) -> str:
    """A value as the cells write it (an unquoted whole number without its ".0")."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


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
