"""Cell checks explain each problem in plain words."""

from __future__ import annotations

from datetime import date

import polars as pl

from etl.curated_check import check_cell, check_column
from etl.curated_schema import WAITLIST_SNAPSHOTS, WAITLIST_TOTALS, Field
from etl.sources import curated

FIELDS = {f.name: f for f in WAITLIST_SNAPSHOTS.fields}


def test_counts_are_whole_non_negative_numbers():
    assert check_cell("1,200", FIELDS["people_waiting"]) == (1200, None)
    assert check_cell("-3", FIELDS["people_waiting"])[1].startswith("is negative")
    assert check_cell("12.5", FIELDS["people_waiting"])[1].startswith("is not a whole number")


def test_a_count_too_large_for_a_bigint_is_refused_not_a_crash():
    # 2**63 - 1 = 9,223,372,036,854,775,807 is the largest value of a signed 64-bit integer
    largest = "9223372036854775807"
    assert check_cell(largest, FIELDS["people_waiting"]) == (9223372036854775807, None)
    value, problem = check_cell("9223372036854775808", FIELDS["people_waiting"])
    assert value is None and problem.startswith("is too large to be a count")


def test_enum_lists_the_allowed_values():
    value, problem = check_cell("persons", FIELDS["count_unit"])
    assert value is None
    assert problem == (
        "is not one of the allowed values: people, names, families, "
        "list_numbers, registrations, camp_population, cases"
    )


def test_dates_must_be_iso_and_in_range():
    assert check_cell("2019-07-16", FIELDS["as_of_date"]) == (date(2019, 7, 16), None)
    assert "YYYY-MM-DD" in check_cell("16/07/2019", FIELDS["as_of_date"])[1]
    assert "outside the years" in check_cell("2003-01-01", FIELDS["as_of_date"])[1]


def test_partial_dates_take_the_first_day():
    f = Field("event_date", "partial_date", "date")
    assert check_cell("2016-05", f) == (date(2016, 5, 1), None)
    assert check_cell("2016", f) == (date(2016, 1, 1), None)
    assert "YYYY, YYYY-MM" in check_cell("May 2016", f)[1]


def test_required_blank_cell_says_what_is_needed():
    assert check_cell(" ", FIELDS["city"]) == (
        None,
        "is empty but required: Mexican border city, spelled as in ports.csv",
    )
    assert check_cell("", FIELDS["list_manager"]) == (None, None)


def test_personal_identifiers_are_refused():
    from etl.curated_rules import Context, Row
    from etl.curated_rules.rows import no_personal_identifiers

    rows = [
        Row("waitlist_snapshots.csv", 2, {"note": "declarant A-123-456-789 was turned away"}),
        Row("waitlist_snapshots.csv", 3, {"note": "call 619-555-0100"}),
        Row("waitlist_snapshots.csv", 4, {"note": "no identifiers here"}),
    ]
    ctx = Context({"waitlist_snapshots.csv": rows}, {"waitlist_snapshots.csv": ["note"]})
    problems = list(no_personal_identifiers(ctx))
    assert [p.line for p in problems] == [2, 3]
    assert all("no personal identifiers" in p.reason for p in problems)


def test_a_column_is_checked_as_each_of_its_cells():
    required_text = Field("city", "city", "a city", required=True)
    assert check_column([" Tijuana ", "", "Reynosa"], required_text) == (
        ["Tijuana", None, "Reynosa"],
        [(1, "is empty but required: a city")],
    )
    count = Field("n", "int", "a count")
    assert check_column(["1,200", "many", "1,200", ""], count) == (
        [1200, None, 1200, None],
        [(1, "is not a whole number (write digits only, e.g. 1200)")],
    )


def test_one_bad_cell_refuses_its_row_at_its_line_and_column_and_keeps_the_others(tmp_path):
    """A hand-written waitlist_totals.csv: a quoted cell over two lines, then a count that is
    not a number (line 4) and a note with a control character (line 5); the values expected
    are the ones written in the file."""
    path = tmp_path / "waitlist_totals.csv"
    header = ",".join(WAITLIST_TOTALS.columns)
    path.write_text(
        f"{header}\n"
        '2019-08-01,month,Strauss,metering_update,"26,000",people,about,,true,"two\nlines",s-a,e,\n'
        "2019-11-01,month,Strauss,metering_update,lots,people,about,,TRUE,,s-a,e,\n"
        "2019-12-01,month,Strauss,metering_update,1,people,about,,true,a\x01b,s-a,e,\n"
        "2020-02-01,month,Strauss,metering_update,22000,names,exact,11,false,,s-a,e,7\n",
        encoding="utf-8",
    )
    parsed = curated.parse(path, WAITLIST_TOTALS)
    assert [(r.line, r.column, r.column_name, r.value, r.reason) for r in parsed.rejects] == [
        (
            4,
            5,
            "people_waiting_total",
            "lots",
            "is not a whole number (write digits only, e.g. 1200) [cell_kinds]",
        ),
        (
            5,
            10,
            "note",
            "a\x01b",
            "holds a control character (U+0001) at position 2; remove it [cell_kinds]",
        ),
    ]
    frame = parsed.frame
    assert frame["_line"].to_list() == [2, 6]
    assert frame["as_of_date"].to_list() == [date(2019, 8, 1), date(2020, 2, 1)]
    assert frame["people_waiting_total"].to_list() == [26000, 22000]
    assert frame["count_unit"].to_list() == ["people", "names"]
    assert frame["cities_reporting"].to_list() == [None, 11]
    assert frame["is_comparable"].to_list() == [True, False]
    assert frame["note"].to_list() == ["two\nlines", None]
    assert frame["ref_line"].to_list() == [None, 7]
    assert frame.schema["people_waiting_total"] == pl.Int64
    assert frame.schema["as_of_date"] == pl.Date
    assert frame.columns == ["_line", *WAITLIST_TOTALS.columns]
    assert [row.line for row in parsed.rows] == [2, 4, 5, 6]  # the rules see every row
