"""The shortcuts in official_parse (strip once per distinct value, counts cast in one step, keys
checked by hash first) give the cells, rejects and messages of the long way. Expected values are
written by hand in each test, or come from the long way itself (strip_chars on every row)."""

from __future__ import annotations

import polars as pl
import pytest

from etl.official_parse import check_unique, count_column, strip_text
from etl.problems import Reject, SourceError


def test_strip_text_strips_every_text_cell_and_leaves_the_rest():
    df = pl.DataFrame(
        {
            "label": [" x", "x", "y ", None, "\tz\u00a0", "a ", " a"],
            "clean": ["p", "p", "q", "q", "r", "r", "r"],
            "count": [1, 2, 3, 4, 5, 6, 7],
        }
    )
    out = strip_text(df)
    assert out.schema == df.schema
    # by hand: spaces, a tab and a no-break space around the text go; a null stays null
    assert out["label"].to_list() == ["x", "x", "y", None, "z", "a", "a"]
    assert out["clean"].to_list() == df["clean"].to_list()
    assert out["count"].to_list() == [1, 2, 3, 4, 5, 6, 7]


def test_strip_text_equals_stripping_every_row():
    words = ["MEXICO", " MEXICO", "MEXICO ", " El Paso ", "Title 8", "", "  ", None, "a b"]
    words.append("\x1fA ")  # a unit separator: a space to Python's str.strip, not to polars
    df = pl.DataFrame({"a": words * 30, "b": list(reversed(words)) * 30})
    expected = df.with_columns(pl.col(pl.String).str.strip_chars())  # the long way
    assert strip_text(df).equals(expected, null_equal=True)


def test_strip_text_on_no_rows_and_no_text():
    empty = pl.DataFrame(schema={"a": pl.String, "n": pl.Int64})
    assert strip_text(empty).equals(empty)
    numbers = pl.DataFrame({"n": [1, 2]})
    assert strip_text(numbers).equals(numbers)


def counts(cells: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {"line": list(range(2, 2 + len(cells))), "count": cells},
        schema={"line": pl.Int64, "count": pl.String},
    )


def test_plain_digit_counts_are_cast_without_rejects():
    out, rejects = count_column(counts(["5", "0", "0012", "+7"]), "count", "f.csv", 9)
    assert rejects == []
    assert out.schema == pl.Schema({"line": pl.Int64, "count": pl.Int64})
    assert out["count"].to_list() == [5, 0, 12, 7]  # by hand


def test_counts_needing_stripping_or_with_bad_cells_keep_good_rows_and_reject_the_rest():
    cells = ["1,234", " 5 ", "X", None, "-3", "5.0", "\t7", "  twelve "]
    out, rejects = count_column(counts(cells), "count", "f.csv", 9)
    # by hand: commas and surrounding spaces are read; X, blank, negative, decimal and words are not
    assert out.rows() == [(2, 1234), (3, 5), (8, 7)]
    assert rejects == [
        Reject("f.csv", 4, 9, "count", "X", "not a count >= 0"),
        Reject("f.csv", 5, 9, "count", "", "not a count >= 0"),  # blank
        Reject("f.csv", 6, 9, "count", "-3", "not a count >= 0"),
        Reject("f.csv", 7, 9, "count", "5.0", "not a count >= 0"),
        Reject("f.csv", 9, 9, "count", "twelve", "not a count >= 0"),
    ]


def test_a_negative_count_among_plain_digits_is_still_a_reject():
    out, rejects = count_column(counts(["4", "-1", "6"]), "count", "f.csv", 3)
    assert out.rows() == [(2, 4), (4, 6)]
    assert rejects == [Reject("f.csv", 3, 3, "count", "-1", "not a count >= 0")]


def keyed(a: list, b: list) -> pl.DataFrame:
    return pl.DataFrame({"line": list(range(2, 2 + len(a))), "a": a, "b": b})


def test_distinct_keys_pass_even_when_columns_swap_values():
    check_unique(keyed(["x", "y", "x"], ["y", "x", None]), ["a", "b"], "f.csv")
    check_unique(keyed([], []), ["a", "b"], "f.csv")


def test_a_repeated_key_names_both_lines():
    df = keyed(["x", "y", "z", "y"], ["1", "2", "3", "2"])
    with pytest.raises(SourceError, match=r"f.csv:5:1: rows on lines \[3, 5\] repeat the same a.b"):
        check_unique(df, ["a", "b"], "f.csv")


def test_a_repeated_key_with_a_blank_cell_names_both_lines():
    df = keyed(["x", "x", "y"], [None, None, "1"])
    with pytest.raises(SourceError, match=r"f.csv:3:1: rows on lines \[2, 3\]"):
        check_unique(df, ["a", "b"], "f.csv")
