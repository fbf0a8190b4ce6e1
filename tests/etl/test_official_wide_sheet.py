"""Wide OHSS sheets read cell by cell: a bad cell among good ones is rejected at its own row and
column, and every other cell is kept. Every expected value below is written by hand from the
small sheet in this file (the same text cells load_sheets gives: no header, columns in order)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl.official_parse import NOT_APPLICABLE, month_columns, parse_count
from etl.official_xlsx import WIDE_COLUMNS, parse_wide_sheet
from etl.problems import Reject, SourceError
from etl.sources import ohss_khsm

WHERE = "ohss_monthly_tables/tables.xlsx [sheet 'SWB']"


def sheet(*rows: tuple) -> pl.DataFrame:
    """A sheet as load_sheets gives it: text cells, Excel row i + 1 is frame row i."""
    width = max(len(r) for r in rows)
    padded = [tuple(r) + (None,) * (width - len(r)) for r in rows]
    columns = [f"__UNNAMED__{j}" for j in range(width)]
    return pl.DataFrame(padded, schema=dict.fromkeys(columns, pl.String), orient="row")


# Excel rows 1-9; columns A (fiscal year), B (month), C-F (series)
SWB = sheet(
    ("Return to Table of Contents",),
    (None, None, "OFO", None, "USBP", None),
    ("Fiscal Year", "Month", "Total OFO", "San Diego, CA", "Total USBP", "Other"),
    ("2024", "Total", "30", "20", "15", "X"),
    (None, "October", "10", "n/a", "5", None),
    (None, "November", "20", " 20 ", "1,0", "X"),
    (),
    ("Note: counts are rounded.",),
)


def test_a_bad_cell_is_rejected_at_its_row_and_column_and_the_rest_kept():
    df, rejects = parse_wide_sheet(SWB, "ohss_monthly_tables/tables.xlsx", "SWB")
    # D5 ("n/a" under San Diego, CA in October) is the only cell that is not a count
    assert rejects == [Reject(WHERE, 5, 4, "San Diego, CA", "n/a", "not a count")]
    oct23, nov23 = dt.date(2023, 10, 1), dt.date(2023, 11, 1)
    assert df.schema == pl.Schema(WIDE_COLUMNS)
    # row by row, left to right; " 20 " is read as 20 and "1,0" as 10 (separator removed)
    assert df.rows() == [
        ("fy_total", 2024, None, "OFO", "Total OFO", 30, None, 4),
        ("fy_total", 2024, None, "OFO", "San Diego, CA", 20, None, 4),
        ("fy_total", 2024, None, "USBP", "Total USBP", 15, None, 4),
        ("fy_total", 2024, None, "USBP", "Other", None, NOT_APPLICABLE, 4),
        ("month", 2024, oct23, "OFO", "Total OFO", 10, None, 5),
        ("month", 2024, oct23, "USBP", "Total USBP", 5, None, 5),
        ("month", 2024, oct23, "USBP", "Other", None, "blank", 5),
        ("month", 2024, nov23, "OFO", "Total OFO", 20, None, 6),
        ("month", 2024, nov23, "OFO", "San Diego, CA", 20, None, 6),
        ("month", 2024, nov23, "USBP", "Total USBP", 10, None, 6),
        ("month", 2024, nov23, "USBP", "Other", None, NOT_APPLICABLE, 6),
    ]


# cells of every form: what parse_count (the per-cell reader) makes of each, written by hand
CELLS = {
    "1,234": (1234, None),
    "007": (7, None),
    "-5": (-5, None),
    "12.0": (12, None),
    " 3 ": (3, None),
    "x": (None, NOT_APPLICABLE),
    "X": (None, NOT_APPLICABLE),
    None: (None, "blank"),
    "": (None, "blank"),
    "9007199254740993": (9_007_199_254_740_993, None),  # 2**53 + 1, above float precision
    "+5": "not a count",
    "1.5": "not a count",
    "1e3": "not a count",
}


def test_every_form_of_cell_reads_as_parse_count_reads_it():
    # Excel row 1 groups, 2 header, 3 the FY2024 Total (blank cells), 4 October: one cell a form
    rows = [(None, None, "G"), ("Fiscal Year", "Month", *(f"c{j}" for j in range(len(CELLS))))]
    rows += [("2024", "Total"), (None, "October", *CELLS)]
    df, rejects = parse_wide_sheet(sheet(*rows), "f/t.xlsx", "S")
    read = {row[4]: row for row in df.filter(pl.col("sheet_row") == 4).rows()}
    for j, (cell, expected) in enumerate(CELLS.items()):
        label = f"c{j}"
        if isinstance(expected, str):
            assert label not in read
            assert Reject("f/t.xlsx [sheet 'S']", 4, j + 3, label, cell, expected) in rejects
            with pytest.raises(ValueError, match=expected):
                parse_count(cell)
        else:
            assert read[label][5:7] == expected == parse_count(cell)
    assert len(rejects) == 3


def test_a_month_out_of_order_stops_the_sheet_at_its_row():
    rows = [(None, None, "OFO"), ("Fiscal Year", "Month", "Total OFO"), ("2024", "Total", "3")]
    rows += [(None, "November", "1"), (None, "October", "2")]
    with pytest.raises(SourceError, match=r"\[sheet 'S'\]:5:2: unexpected month 'October'"):
        parse_wide_sheet(sheet(*rows), "f/t.xlsx", "S")


def test_khsm_sheet_rejects_a_bad_quantity_and_keeps_the_other_rows():
    cells = sheet(
        ("Fiscal\nYear", "Month", "Quantity"),
        ("2025", "01 October", "1,200"),
        ("2025", "02 November", "about 900"),
        ("2025", "03 December", "800"),
    )
    df, rejects = ohss_khsm._sheet(
        cells, "k.xlsx [sheet 'Monthly Count']", ohss_khsm.SHEETS["Monthly Count"][1]
    )
    assert rejects == [
        Reject("k.xlsx [sheet 'Monthly Count']", 3, 3, "quantity", "about 900", "not a count >= 0")
    ]
    assert df.select("fiscal_year", "month", "encounters", "sheet_row").rows() == [
        (2025, dt.date(2024, 10, 1), 1200, 2),
        (2025, dt.date(2024, 12, 1), 800, 4),
    ]


def test_month_columns_read_each_label_form_and_keep_unknown_ones_apart():
    df = pl.DataFrame(
        {
            "fiscal_year": ["2025 (FYTD)", "2024 YTD", "2025", "2025"],
            "month": ["01 October", "SEP", "Nov", "Oct"],
            "line": [2, 3, 4, 5],
        }
    )
    assert month_columns(df, "f.csv")["month"].to_list() == [
        dt.date(2024, 10, 1),
        dt.date(2024, 9, 1),
        dt.date(2024, 11, 1),
        dt.date(2024, 10, 1),
    ]
    odd = df.with_columns(pl.Series("month", ["Oct", "Oct", "Smarch", None]))
    with pytest.raises(SourceError, match=r"f.csv:4:1: unreadable fiscal year/month 'Smarch'"):
        month_columns(odd, "f.csv")


def test_a_sheet_without_series_columns_gives_no_rows():
    # ohss_monthly then names the columns it expected (test_official_xlsx: missing column)
    df, rejects = parse_wide_sheet(sheet(("Fiscal Year", "Month"), ("2024", "Total")), "f", "S")
    assert (df.height, df.schema, rejects) == (0, pl.Schema(WIDE_COLUMNS), [])
