"""The marts built from the committed data hold the sources' own numbers."""

from __future__ import annotations

from datetime import date

import pytest

from etl import paths


def one(con, sql: str, params: list | None = None):
    rows = con.execute(sql, params or []).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_every_sql_check_returns_zero_rows(marts_con):
    checks = sorted((paths.SQL_DIR / "checks").glob("*.sql"))
    assert len(checks) >= 5
    for check in checks:
        assert marts_con.execute(check.read_text()).fetchall() == [], check.name


def test_every_reference_snapshot_is_in_the_mart(marts_con):
    # the compiled reference has 108 rows (lines 2-109) in 14 cities; rows added later have
    # no ref_line or another one, so this holds when a contributor adds a count
    refs = marts_con.execute(
        "select distinct ref_line from marts.waitlist_snapshots where ref_line between 2 and 109"
    ).fetchall()
    assert sorted(r[0] for r in refs) == list(range(2, 110))
    (cities,) = one(
        marts_con,
        "select count(distinct city) from marts.waitlist_snapshots where ref_line <= 109",
    )
    assert cities == 14


def test_tijuana_may_2019_ap_count_and_modeled_wait(marts_con):
    row = one(
        marts_con,
        """
        select people_waiting, count_qualifier, processed_per_day_low, processed_per_day_high,
            modeled_wait_days_low, modeled_wait_days_high, modeled_wait_qualifier, publisher
        from marts.waitlist_snapshots join meta.sources using (source_id)
        where city = 'Tijuana' and as_of_date = ? and source_id like 'ap-%'""",
        [date(2019, 5, 10)],
    )
    # AP: about 4,800 waiting in Tijuana, "up to 80" taken a day -> at least 4800 / 80 = 60
    # days (Little's law); "up to" keeps only the upper end of the pace, so no upper wait
    assert row == (4800, "about", None, 80.0, 60.0, None, "at_least", "Associated Press")


def test_monthly_pace_is_converted_to_days(marts_con):
    per_day, wait = one(
        marts_con,
        """
        select processed_per_day, modeled_wait_days from marts.waitlist_snapshots
        where city = 'Tijuana' and as_of_date = ?""",
        [date(2019, 1, 31)],
    )
    assert per_day == pytest.approx(1300 / 30)
    # NYT: about 2,400 on the list, about 1,300 processed in January: 2400 / (1300 / 30) =
    # 55.38 days, in whole days rounded half up: 55
    assert wait == 55


def test_closed_list_has_no_modeled_wait(marts_con):
    closed = marts_con.execute("""
        select modeled_wait_days, modeled_wait_flag, list_kind from marts.waitlist_snapshots
        where list_status = 'closed' and people_waiting is not null""").fetchall()
    assert closed and all(w is None for w, _, _ in closed)
    # a list of another kind (e.g. a suspended metering list) is flagged for its kind first
    flags = {flag for _, flag, kind in closed if kind == "metering_list"}
    assert flags <= {"list_closed", "no_pace"}
    assert all(flag == "not_metering_list" for _, flag, kind in closed if kind != "metering_list")


def test_zero_pace_is_flagged_not_divided(marts_con):
    flag = one(
        marts_con,
        """select modeled_wait_flag, modeled_wait_days
        from marts.waitlist_snapshots where city = 'Ciudad Juárez' and as_of_date = ?
        and people_waiting = 5580""",
        [date(2019, 7, 25)],
    )
    assert flag == ("zero_pace", None)


def test_conflicting_counts_are_kept_side_by_side(marts_con):
    counts = marts_con.execute(
        """
        select people_waiting, count_unit from marts.waitlist_snapshots
        where city = 'Ciudad Juárez' and as_of_date between ? and ?
        and people_waiting is not null order by people_waiting""",
        [date(2019, 8, 1), date(2019, 8, 31)],
    ).fetchall()
    # four sources for Ciudad Juárez in August 2019 (reference lines 10-13), all kept
    assert {(5627, "list_numbers"), (5690, "people"), (5840, "people"), (5981, "people")} <= set(
        counts
    )


def test_border_totals_keep_the_november_2021_edition(marts_con):
    total, series, comparable = one(
        marts_con,
        """
        select people_waiting_total, series, is_comparable from marts.waitlist_totals
        where as_of_date = ?""",
        [date(2021, 11, 1)],
    )
    assert (total, series, comparable) == (26505, "metering_update", True)


def test_turnback_month_periods_end_on_the_last_day(marts_con):
    rows = marts_con.execute("""select period_end from marts.turnbacks
        where period_end_text = '2016-12-19' or period_end_text like '____-__'
        limit 50""").fetchall()
    assert rows
    for (end,) in rows:
        assert end is not None


def test_city_crosswalk_joins_tijuana_to_san_diego(marts_con):
    ports, office, comparable = one(
        marts_con,
        """select us_ports, field_office, is_comparable
        from marts.city_crosswalk where city = 'Tijuana'""",
    )
    assert "San Ysidro" in ports and office == "San Diego" and comparable is False
