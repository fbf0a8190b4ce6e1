"""CBP One figures with bad cells planted: each becomes a Reject at its line and column (all
rejects of one column, then the next, in file column order), and every other row is kept.
Expected values are written by hand from the planted lines below (header = line 1)."""

from __future__ import annotations

import datetime as dt

from etl.problems import Reject
from etl.sources import cbp_one_releases

HEADER = (
    "period_start,period_end,value,qualifier,unit,measure,source_publisher,source_type,"
    "source_url,evidence"
)
ROWS = [
    # line 2: good
    "2023-05-12,2023-05-12,1000,,appointments per day,daily appointments,CBP,official release,"
    "https://www.cbp.gov/newsroom/a-release,processed 1000 a day",
    # line 3: a period that ends before it starts (col 2) and an unknown unit (col 5)
    "2023-06-30,2023-01-18,170000,more than,people scheduled,cumulative people,DHS,official,"
    "https://www.dhs.gov/fact-sheet,more than 170000",
    # line 4: no start date (col 1; its end date is then not compared), a value of zero (col 3),
    # an unknown qualifier (col 4)
    ",2024-02-29,0,roughly,appointments,appointments in February,CBP,official release,"
    "https://www.cbp.gov/newsroom/b-release,none",
    # line 5: good, with a separator in the value
    '2024-01-01,2024-01-31,"44,700",About,Individuals,people processed in January,CBP,'
    "official release,https://www.cbp.gov/newsroom/c-release/,about 44700",
]
ENTRY = {
    "release_id": "fixture",
    "source_id": "fixture",
    "release_date": "2024-03",
    "rounding": "unrounded",
}
FILE = "official/cbp_one_figures.csv"


def test_each_bad_cell_is_a_reject_and_good_rows_are_kept(tmp_path):
    folder = tmp_path / "official"
    folder.mkdir()
    path = folder / "cbp_one_figures.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    df, rejects = cbp_one_releases.parse_checked(path, ENTRY)
    assert rejects == [
        Reject(FILE, 4, 1, "period_start", "", "missing or invalid"),  # blank
        Reject(FILE, 3, 2, "period_end", "2023-01-18", "missing or invalid"),
        Reject(FILE, 4, 3, "value", "0", "missing or invalid"),
        Reject(FILE, 3, 5, "unit", "people scheduled", "not a known unit"),
        Reject(FILE, 4, 4, "qualifier", "roughly", "not a known qualifier"),
    ]
    assert df.select(
        "line", "period_start", "value", "count_unit", "count_qualifier", "is_rounded", "source_id"
    ).rows() == [
        (2, dt.date(2023, 5, 12), 1000, "appointments_per_day", "exact", False,
         "cbp-one-page:cbp-a-release"),
        (5, dt.date(2024, 1, 1), 44_700, "people", "about", True, "cbp-one-page:cbp-c-release"),
    ]  # fmt: skip
