"""Cell checks explain each problem in plain words."""

from __future__ import annotations

from datetime import date

from etl.curated_check import check_cell
from etl.curated_schema import WAITLIST_SNAPSHOTS, Field

FIELDS = {f.name: f for f in WAITLIST_SNAPSHOTS.fields}


def test_counts_are_whole_non_negative_numbers():
    assert check_cell("1,200", FIELDS["people_waiting"]) == (1200, None)
    assert check_cell("-3", FIELDS["people_waiting"])[1].startswith("is negative")
    assert check_cell("12.5", FIELDS["people_waiting"])[1].startswith("is not a whole number")


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
