"""published_totals.csv with bad cells planted: each becomes a Reject at its line and column, in
file order, and every other row is kept. Expected values are written by hand from the planted
lines below (a header plus five rows, numbered as in the file: header = line 1)."""

from __future__ import annotations

import datetime as dt

from etl.paths import Dirs
from etl.problems import Reject
from etl.sources import published_totals

HEADER = "series_id,period,first_month,last_month,value,is_rounded,release,file,location,how"
ROWS = [
    # line 2: good
    "ofo_sw_total,FY2014,2013-10-01,2014-09-01,90680,true,r1,f.xlsx,cell A,stated",
    # line 3: unknown series (col 1) and a count that is not a number (col 5)
    "ofo_total,FY2014,2013-10-01,2014-09-01,many,true,r1,f.xlsx,cell B,stated",
    # line 4: last_month before first_month (col 4), rounding neither true nor false (col 6)
    "usbp_sw_total,FY2015,2015-09-01,2014-10-01,331330,yes,r1,f.xlsx,cell C,stated",
    # line 5: no first_month (col 3), unknown method (col 10)
    "usbp_sw_total,FY2016,,2016-09-01,408870,false,r1,f.xlsx,cell D,guessed",
    # line 6: good
    "usbp_sw_total,FY2017,2016-10-01,2017-09-01,303920,false,r2,g.csv,rows 2-13,sum_of_rows",
]
FILE = "official/published_totals.csv"


def test_each_bad_cell_is_a_reject_and_good_rows_are_kept(tmp_path):
    official = tmp_path / "official"
    official.mkdir()
    (official / "published_totals.csv").write_text("\n".join([HEADER, *ROWS]) + "\n")
    out = published_totals.read(Dirs(tmp_path / "raw", official))
    assert out.rejects == [
        Reject(
            FILE, 3, 1, "series_id", "ofo_total", "not one of ('ofo_sw_total', 'usbp_sw_total')"
        ),
        Reject(FILE, 3, 5, "value", "many", "not a count"),
        Reject(FILE, 4, 6, "is_rounded", "yes", "not true or false"),
        Reject(
            FILE, 4, 4, "last_month", "2014-10-01", "not a YYYY-MM-01 date on or after first_month"
        ),
        Reject(FILE, 5, 10, "how", "guessed", "not one of ('stated', 'sum_of_rows')"),
        Reject(FILE, 5, 3, "first_month", "", "not a YYYY-MM-01 date"),
    ]
    figures = out.tables["figures"]
    assert figures.select("line", "series_id", "first_month", "value", "is_rounded").rows() == [
        (2, "ofo_sw_total", dt.date(2013, 10, 1), 90680, True),
        (6, "usbp_sw_total", dt.date(2016, 10, 1), 303920, False),
    ]
