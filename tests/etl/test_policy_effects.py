"""marts.policy_effects on a tiny in-memory DuckDB whose marts are SYNTHETIC (made up here).

None of the numbers below are real: they are planted so that the answer is known.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import polars as pl
import pytest

from etl import policy_effects, series

EVENTS = [  # SYNTHETIC events: ev_b falls two months after ev_a; ev_c is after all data
    ("ev_a", "2020-01-15", "day", True),
    ("ev_a_alt", "2020-01-20", "day", True),
    ("ev_b", "2020-03-01", "month", True),
    ("ev_minor", "2020-02-10", "day", False),
    ("ev_c", "2023-06-10", "day", True),
]
JUMP = 500.0  # SYNTHETIC level change planted in OFO southwest encounters at 2020-01


def _months():
    return [date(2018 + i // 12, i % 12 + 1, 1) for i in range(48)]  # 2018-01 .. 2021-12


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    c.execute("create schema marts")
    c.execute("""create table marts.policy_events (event_id varchar, event_date date,
        date_precision varchar, title varchar, title_es varchar, kind varchar,
        is_key_event boolean, source_id varchar)""")
    for eid, d, prec, key in EVENTS:
        c.execute(
            "insert into marts.policy_events values (?, ?, ?, ?, ?, 'test', ?, 's')",
            [eid, d, prec, f"synthetic {eid}", f"sintético {eid}", key],
        )
    c.execute("""create table marts.policy_series (series_id varchar, month date,
        value bigint, release varchar, source_id varchar, detail_level varchar,
        is_rounded boolean)""")
    rng = np.random.default_rng(0)
    for i, m in enumerate(_months()):
        post = m >= date(2020, 2, 1)
        san_diego = round((1000 + 5 * i + JUMP * post + rng.normal(0, 30)) / 10) * 10
        laredo = i % 7 + 1  # unrounded small counts: the total is then not a multiple of 10
        for sid, value, level in (
            ("ofo_sw_total", san_diego + laredo, "region"),
            ("ofo_field_office:San Diego", san_diego, "area_of_responsibility"),
            ("ofo_field_office:Laredo", laredo, "area_of_responsibility"),
        ):
            c.execute(
                "insert into marts.policy_series values (?, ?, ?, 'r2', 'cbp', ?, false)",
                [sid, m, value, level],
            )
    c.execute("""create table marts.waitlist_totals (as_of_date date, people_waiting_total bigint,
        cities_reporting integer, source_id varchar, series varchar, is_comparable boolean,
        report varchar)""")
    for d, v, s, comp in [
        ("2019-08-01", 26000, "metering_update", True),
        ("2019-08-01", 40000, "metering_update", True),
        ("2019-11-01", 21000, "metering_update", True),
        ("2019-11-01", 99000, "press_count", True),
    ]:
        c.execute(
            "insert into marts.waitlist_totals values (?, ?, 8, 's', ?, ?, 'r')", [d, v, s, comp]
        )
    yield c
    c.close()


def test_missing_marts_give_empty_series_not_errors(con):
    assert series.get(con, "pace_tijuana").load(con).is_empty()
    assert series.get(con, "cbp_one_appointments").load(con).is_empty()


def test_border_total_keeps_one_value_per_date_the_median_of_edition_rows(con):
    df = series.get(con, "waitlist_border_total").load(con)
    assert df["value"].to_list() == [33000.0, 21000.0]  # press count left out


def test_encounter_series_read_one_value_per_month_from_policy_series(con):
    df = series.get(con, "ofo_sw_total").load(con)
    assert len(df) == 48 and df["date"].is_unique().all()
    office = series.get(con, "ofo_field_office:Laredo").load(con)
    assert office["value"].to_list()[:8] == [1, 2, 3, 4, 5, 6, 7, 1]  # i % 7 + 1, planted


def test_city_lists_read_in_one_query_keep_one_unit_and_the_median_per_date(con):
    con.execute("""create table marts.waitlist_snapshots (city varchar, count_unit varchar,
        list_kind varchar, as_of_date date, people_waiting bigint, source_id varchar)""")
    con.execute("""insert into marts.waitlist_snapshots values
        ('Tijuana', 'people', 'metering_list', '2019-01-01', 100, 's2'),
        ('Tijuana', 'people', 'metering_list', '2019-01-01', 120, 's1'),
        ('Tijuana', 'people', 'metering_list', '2019-02-01', 90, 's1'),
        ('Tijuana', 'names', 'metering_list', '2019-03-01', 50, 's3'),
        ('Tijuana', 'people', 'shelter_list', '2019-04-01', 999, 's4'),
        ('Matamoros', 'names', 'metering_list', '2019-02-01', 20, 's5'),
        ('Matamoros', 'names', 'metering_list', '2019-01-01', 10, 's5')""")  # SYNTHETIC
    registry = series.registry(con)
    loaded = series.load_all(con, registry)
    frames = dict(zip([s.series_id for s in registry], loaded, strict=True))
    for s in registry:  # one query per family gives what each series' own loader gives
        assert frames[s.series_id].equals(s.load(con))
    tijuana = frames["waitlist_city:Tijuana"]  # people (3 rows) over names (1 row)
    assert tijuana.rows() == [
        (date(2019, 1, 1), 110.0, "s1,s2"),  # median of 100 and 120, sources in order
        (date(2019, 2, 1), 90.0, "s1"),
    ]
    assert frames["waitlist_city:Matamoros"]["value"].to_list() == [10.0, 20.0]  # by date
    assert frames["ofo_field_office:Laredo"]["value"].to_list()[:3] == [1, 2, 3]  # i % 7 + 1


def test_every_family_read_in_one_statement_gives_what_each_loader_gives(con):
    """With every mart present, load_all reads all the series in one union query; each
    series is still what its own loader reads (values, dates, sources, types). SYNTHETIC."""
    con.execute("""create table marts.waitlist_snapshots as select * from (values
        ('Tijuana', 'people', 'metering_list', date '2019-01-01', 100, 's2'),
        ('Tijuana', 'people', 'metering_list', date '2019-01-01', 121, 's1'))
        t(city, count_unit, list_kind, as_of_date, people_waiting, source_id)""")
    con.execute("""create table marts.processing_pace as select * from (values
        ('Tijuana', 'persons_per_day', date '2019-03-01', 40, 61, 'p1'))
        t(city, unit, as_of_date, value_low, value_high, source_id)""")
    con.execute("""create table marts.turnbacks as select * from (values
        ('incident', '2019-05-02', 't1'), ('incident', '2019-06-30', 't2'),
        ('incident', '2019-07-01', 't1'), ('report', '2019-05-03', 't3'))
        t(record_type, incident_date, source_id)""")
    registry = series.registry(con)
    loaded = dict(zip([s.series_id for s in registry], series.load_all(con, registry), strict=True))
    for s in registry:
        assert loaded[s.series_id].equals(s.load(con)), s.series_id
        assert loaded[s.series_id].schema == series.EMPTY.schema, s.series_id
    assert loaded["waitlist_city:Tijuana"].rows() == [(date(2019, 1, 1), 110.5, "s1,s2")]
    assert loaded["pace_tijuana"].rows() == [(date(2019, 3, 1), 50.5, "p1")]  # (40 + 61) / 2
    quarters = loaded["turnback_incidents_per_quarter"].rows()  # 2 incidents in Q2, 1 in Q3
    assert quarters == [(date(2019, 4, 1), 2.0, "t1,t2"), (date(2019, 7, 1), 1.0, "t1")]
    assert loaded["waitlist_border_total"]["value"].to_list() == [33000.0, 21000.0]


def test_one_row_per_key_event_series_window_method(con):
    policy_effects.build(con)
    df = con.sql("select * from marts.policy_effects").pl()
    n_series = sum(s.in_policy_effects for s in series.registry(con))
    assert n_series == 9  # 5 fixed + 4 field offices; no city has data
    # ev_a, ev_b, ev_c (_alt and non-key skipped) x series x windows x three methods
    assert len(df) == 3 * n_series * len(policy_effects.WINDOWS) * 3
    assert set(df["event_id"]) == {"ev_a", "ev_b", "ev_c"}
    assert df.select("event_id", "series_id", "window_months", "method").is_unique().all()


def test_refused_rows_say_why_and_carry_no_numbers(con):
    df = policy_effects.compute(con)
    refused = df.filter(~df["is_estimable"])
    assert (
        refused.select(policy_effects.NUMERIC + ("p_value",)).null_count().sum_horizontal()[0]
        == len(refused) * 7
    )
    late = df.filter((df["event_id"] == "ev_c") & (df["series_id"] == "ofo_sw_total"))
    assert not late["is_estimable"].any()
    assert all(c.startswith("Not estimated: too few points") for c in late["caveat_en"])
    assert all(c.startswith("No estimado") for c in late["caveat_es"])
    empty = df.filter(df["series_id"] == "pace_tijuana")
    assert all("no data" in c for c in empty["caveat_en"])


def test_overlapping_event_is_named_and_estimate_recovers_the_planted_jump(con):
    df = policy_effects.compute(con)
    row = df.filter(
        (df["event_id"] == "ev_a")
        & (df["series_id"] == "ofo_sw_total")
        & (df["window_months"] == 12)
        & (df["method"] == "its_segmented_ols_hac")
    )
    r = row.to_dicts()[0]
    assert r["is_estimable"] and not r["seasonal"] and r["n_before"] == 12 and r["n_after"] == 12
    assert r["other_events_in_window"] == "ev_b"
    # readers see the other event's title in their language, never its id
    assert "Other key events fall inside the window (synthetic ev_b)" in r["caveat_en"]
    assert "dentro de la ventana (sintético ev_b)" in r["caveat_es"]
    assert r["ci_low"] - 200 < JUMP < r["ci_high"] + 200  # wide tolerance: 24 noisy points
    assert "Seasonal patterns are not adjusted" in r["caveat_en"]
    assert "Short series (24 points)" in r["caveat_en"]
    sd = df.filter((df["event_id"] == "ev_a") & (df["series_id"] == "ofo_field_office:San Diego"))
    assert all("rounded to the nearest 10" in c for c in sd.filter(sd["is_estimable"])["caveat_en"])
    assert not any("rounded" in c for c in row["caveat_en"])


def test_same_marts_same_table(con):
    assert policy_effects.compute(con).equals(policy_effects.compute(con))


def test_fitted_lines_for_drawing_are_stored_in_marts_policy_fits(con):
    fits = policy_effects.compute_all(con)["policy_fits"]
    df = fits.filter(
        (pl.col("event_id") == "ev_a")
        & (pl.col("series_id") == "ofo_sw_total")
        & (pl.col("window_months") == 6)
    )
    assert len(df) == 12 and df["fitted"].null_count() == 0
    assert (df["band_low"] <= df["fitted"]).all() and (df["fitted"] <= df["band_high"]).all()
    assert df.filter(df["period"] == "before")["counterfactual"].null_count() == 6
    empty = fits.filter((pl.col("event_id") == "ev_a") & (pl.col("series_id") == "pace_tijuana"))
    assert empty.is_empty()


def test_every_estimated_row_carries_placebo_range_and_verdict(con):
    df = policy_effects.compute(con)
    estimated = df.filter(df["is_estimable"])
    cols = ["placebo_n", "placebo_p", "spec_low", "spec_high", "spec_n", "verdict_en"]
    assert estimated.select(cols).null_count().sum_horizontal()[0] == 0
    assert (estimated["spec_low"] <= estimated["level_change"] + 1e-6).all()
    assert (estimated["level_change"] <= estimated["spec_high"] + 1e-6).all()
    assert set(estimated["verdict_es"]) <= {
        "cambio claro",
        "cambio de tamaño incierto",
        "sin cambio claro",
    }
    its = estimated.filter(estimated["method"] == "its_segmented_ols_hac")
    assert set(its["ci_basis"]) == {"model_based_hac"}
    assert all("model-based" in c for c in its["caveat_en"])


def test_placebo_p_counts_placebo_estimates_at_least_as_large(con):
    tables = policy_effects.compute_all(con)
    row = (
        tables["policy_effects"]
        .filter(
            (pl.col("event_id") == "ev_a")
            & (pl.col("series_id") == "ofo_sw_total")
            & (pl.col("window_months") == 3)
            & (pl.col("method") == "diff_means_bootstrap")
        )
        .row(0, named=True)
    )
    placebo = tables["policy_placebo"].filter(
        (pl.col("series_id") == "ofo_sw_total")
        & (pl.col("window_months") == 3)
        & (pl.col("method") == "diff_means_bootstrap")
    )
    # hand rule: a placebo date is a month whose months -3..3 all exist and hold no key event
    # month (ev_a 2020-01, ev_b 2020-03, ev_c 2023-06): 2018-04..2019-09 and 2020-07..2021-09
    assert placebo.height == 18 + 15 == row["placebo_n"]
    larger = (placebo["level_change"].abs() >= abs(row["level_change"])).sum()
    assert row["placebo_p"] == pytest.approx((1 + larger) / (1 + placebo.height))


def test_planted_jump_is_a_clear_change_and_flat_placebo_dates_are_not(con):
    df = policy_effects.compute(con).filter(
        (pl.col("event_id") == "ev_a")
        & (pl.col("series_id") == "ofo_sw_total")
        & (pl.col("window_months") == 6)
    )
    # the SYNTHETIC jump of 500 is far above the noise (sd 30): larger than every placebo
    assert set(df["verdict_en"]) == {"clear change"}
    assert (df["placebo_p"] == 1 / (1 + df["placebo_n"])).all()


def test_the_build_starts_the_statistics_only_after_every_mart_they_read():
    """etl/build.py computes marts.policy_effects as soon as the marts listed for it exist,
    while DuckDB builds the others: a mart the code reads but the list misses would be read
    before it exists and give an empty series. The list must name every `marts.<table>` the
    code of etl/series.py and etl/policy_effects.py mentions (read from the files here)."""
    import re
    from pathlib import Path

    from etl.build import PYTHON_MARTS

    reads = set(PYTHON_MARTS["etl.policy_effects"])
    root = Path(__file__).resolve().parents[2] / "etl"
    named = set()
    for module in ("series.py", "policy_effects.py"):
        named |= set(re.findall(r"marts\.(\w+)", (root / module).read_text(encoding="utf-8")))
    assert named - set(policy_effects.TABLES) <= reads
    assert {"policy_events", "policy_series", "waitlist_snapshots"} <= reads  # sanity


def test_caveats_of_the_committed_record_name_events_by_title_never_by_id(marts_con):
    """Readers see caveat_en / caveat_es on /policy, in exports and declarations: an event is
    named there by its title in the reader's language, never by its internal id."""
    ids = [r[0] for r in marts_con.execute("select event_id from marts.policy_events").fetchall()]
    rows = marts_con.execute(
        "select caveat_en, caveat_es from marts.policy_effects where other_events_in_window <> ''"
    ).fetchall()
    assert rows, "some window holds another key event (e.g. Title 42 ends, 12 months)"
    leaks = {i for en, es in rows for i in ids if i in en or i in es}
    assert not leaks


@pytest.mark.parametrize("frequency", ["monthly", "irregular"])
def test_windows_for_every_event_at_once_are_select_window_one_event_at_a_time(frequency):
    """Prepared.base_windows finds the windows around many dates from one mask; each must be
    what etl.stats.before_after.select_window (the rule written out date by date) gives,
    including a date known only to the month, a gap (NaN) and no dates at all. SYNTHETIC."""
    from etl.stats.before_after import select_window

    if frequency == "monthly":
        dates = [date(2019 + i // 12, i % 12 + 1, 1) for i in range(30)]
    else:
        dates = [date(2019, 1, 3) + (date(2019, 1, 20) - date(2019, 1, 3)) * i for i in range(40)]
    values = np.arange(len(dates), dtype=float) * 7 + 1
    values[5] = np.nan
    frame = pl.DataFrame({"date": dates, "value": values, "source_id": ["s"] * len(dates)})
    s = series.Series("x", "x", "x", frequency, "people", "test", load=lambda con: frame)
    p = policy_effects.Prepared.of(s, frame)
    whens = [date(2019, 6, 14), date(2020, 2, 1), date(2019, 1, 20), date(2020, 9, 30)]
    precisions = ["day", "month", "day", "month"]
    for k in (3, 6):
        found = p.base_windows(whens, k, precisions)
        for when, precision, w in zip(whens, precisions, found, strict=True):
            ref = select_window(dates, values, when, k, frequency, precision)
            assert w.dates == ref.dates
            assert w.t.tolist() == ref.t.tolist() and w.y.tolist() == ref.y.tolist()
            assert w.month_of_year.tolist() == ref.month_of_year.tolist()
            assert (w.n_before, w.n_after) == (ref.n_before, ref.n_after)
        assert p.base_windows([], k, []) == []
