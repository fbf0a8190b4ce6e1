"""The only module that opens DuckDB: read-only, one function per question the app asks.

Per process and lazily (after gunicorn forks) it attaches the marts file read-only. On each
call it compares the file's identity (device, inode, mtime) with the generation in use; when
a build has renamed a new file into place it attaches that one, so the app serves a rebuild
without a restart. Every query is parameterised: nothing from a URL is pasted
into SQL.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from dashboard.cache import follow_generation, per_build
from dashboard.source_refs import SourceRows, split_ids
from etl import paths
from marts_io.manifest import MartsInvalid, file_mismatch, mismatch, read_manifest


class MartsMissing(MartsInvalid):
    """No usable marts: missing, unreadable or not matching manifest.json (the reason says)."""


def _verified(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The attached marts match manifest.json; a build renames the two a moment apart."""
    for _attempt in range(20):
        try:
            manifest = read_manifest(path.parent)
            problem = file_mismatch(path, manifest) or mismatch(con, "marts_db", manifest)
        except MartsInvalid as err:
            problem = str(err)
        if problem is None:
            return
        if "differs from" not in problem:
            break
        time.sleep(0.1)
    raise MartsMissing(f"the marts do not verify: {problem}; run `metering build --force`")


class Marts:
    def __init__(self, path: Path | None = None):
        self._path = path
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._generation: tuple | None = None
        self._refused: tuple | None = None  # (generation, reason) of a file that did not verify

    @property
    def path(self) -> Path:
        return self._path or paths.marts_path()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise MartsMissing(f"{self.path.name} not found: run `metering build`") from None
        generation = (st.st_dev, st.st_ino, st.st_mtime_ns)
        with self._lock:
            if self._refused is not None and self._refused[0] == generation:
                raise MartsMissing(self._refused[1])  # checked already: no second wait
            if generation != self._generation:
                con = duckdb.connect(":memory:", config={"threads": 1})
                try:
                    con.execute("attach ? as marts_db (read_only)", [str(self.path)])
                    _verified(con, self.path)
                except (duckdb.Error, MartsInvalid) as err:
                    con.close()
                    # no folder names in what the app shows: the file name is enough
                    reason = str(err).splitlines()[0].replace(f"{self.path.parent}/", "")
                    self._refused = (generation, f"{self.path.name} cannot be used: {reason}")
                    raise MartsMissing(self._refused[1]) from None
                old, self._con, self._generation = self._con, con, generation
                if old is not None:
                    old.close()
            return self._con

    def query(self, sql: str, params: list | None = None) -> pl.DataFrame:
        cursor = self._connection().cursor()
        try:
            cursor.execute("use marts_db")
            return cursor.sql(sql, params=params or None).pl()
        finally:
            cursor.close()


_MARTS = Marts()


def use_marts(path: Path | None) -> None:
    """Point the app at another marts file (tests); None goes back to the default."""
    global _MARTS
    _MARTS = Marts(path)


def marts_generation() -> tuple | None:
    """The marts file in use and its identity (device, inode, mtime); None when missing.
    A build renames a new file into place, so this changes exactly when a rebuild lands."""
    try:
        st = os.stat(_MARTS.path)
    except FileNotFoundError:
        return None
    return (str(_MARTS.path), st.st_dev, st.st_ino, st.st_mtime_ns)


follow_generation(marts_generation)


@per_build  # every question below goes through here: answered once per marts build
def q(sql: str, params: list | None = None) -> pl.DataFrame:
    return _MARTS.query(sql, params)


# --- build facts -------------------------------------------------------------------------


def build_info() -> dict:
    row = q("select built_at, code_version, row_counts from meta.build").row(0, named=True)
    return {
        "built_at": row["built_at"].isoformat(),
        "code_version": row["code_version"],
        "row_counts": json.loads(row["row_counts"]),
    }


def built_on() -> date:
    """The day the marts were built (card footers, citations, the /sources lede)."""
    return date.fromisoformat(build_info()["built_at"][:10])


def sources(source_ids: list[str] | None = None) -> pl.DataFrame:
    if source_ids is None:
        return q("select * from meta.sources order by source_id")
    return q(
        "select * from meta.sources where source_id in (select unnest(?)) order by source_id",
        [source_ids],
    )


def source_rows(source_ids: Iterable[str | None]) -> SourceRows:
    """meta.sources rows by id for the ids these cells name (several may be joined by commas):
    what a figure, a card or an export is given to name its sources."""
    wanted = split_ids(source_ids)
    if not wanted:
        return {}
    return {r["source_id"]: r for r in sources(wanted).iter_rows(named=True)}


# --- waitlists ---------------------------------------------------------------------------


def cities() -> list[str]:
    """Cities with at least one waitlist count."""
    return q("select distinct city from marts.waitlist_snapshots order by city")["city"].to_list()


def known_cities() -> list[str]:
    """Every Mexican city across from a port in marts.ports (the names filters may use)."""
    return q("select city from marts.city_crosswalk order by city")["city"].to_list()


def waitlist_snapshots(
    cities: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    port: str | None = None,
) -> pl.DataFrame:
    where, params = _waitlist_filter(cities, start, end, port)
    return q(
        f"select * from marts.waitlist_snapshots where {where} "
        "order by city, as_of_date, source_id",
        params,
    )


def _waitlist_filter(cities, start, end, port) -> tuple[str, list]:
    """The WHERE clause shared by the waitlist questions, and its parameters."""
    return (
        "(? is null or city in (select unnest(?))) and (? is null or us_port = ?) "
        "and (? is null or as_of_date >= ?) and (? is null or as_of_date <= ?)",
        [cities or None, cities or [], port, port, start, start, end, end],
    )


def ports() -> pl.DataFrame:
    """Every U.S. land port with its field office, Mexican city and coordinates."""
    return q("select * from marts.ports order by port_name")


def port_names() -> list[str]:
    return ports()["port_name"].to_list()


def latest_counts(
    cities: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    port: str | None = None,
) -> pl.DataFrame:
    """Each city's last count on or before `end` (within the period), at its port's place."""
    where, params = _waitlist_filter(cities, start, end, port)
    return q(
        "select w.city, w.us_port, w.as_of_date, w.date_precision, w.people_waiting, "
        "w.count_unit, w.count_qualifier, w.list_kind, w.source_id, p.lat, p.lon "
        "from (select * from marts.waitlist_snapshots "
        f"where people_waiting is not null and {where}) w "
        "join marts.ports p on p.port_name = w.us_port "
        "qualify row_number() over (partition by w.city "
        "order by w.as_of_date desc, w.people_waiting desc, w.source_id) = 1 "
        "order by w.city",
        params,
    )


def waitlist_totals() -> pl.DataFrame:
    return q("select * from marts.waitlist_totals order by as_of_date, series, source_id")


def policy_events(key_only: bool = False) -> pl.DataFrame:
    return q(
        "select * from marts.policy_events where (not ? or is_key_event) "
        "order by event_date, event_id",
        [key_only],
    )


# --- turnbacks ---------------------------------------------------------------------------


# The record types counted as CBP turnbacks. A record of officials other than CBP
# (`other_actor`) stays in the record and in its listings, never in a count of turnbacks.
CBP_TURNBACK_TYPES = ["incident", "aggregate"]


def _turnback_filter(
    cities, start, end, port, tactic, record_type, counted: bool = False
) -> tuple[str, list]:
    """The WHERE clause shared by the turnback questions, and its parameters; `counted`:
    only records counted as CBP turnbacks (CBP_TURNBACK_TYPES)."""
    return (
        "(? is null or list_has_any(string_split(city, '|'), ?)) "
        "and (? is null or list_contains(string_split(us_ports, '|'), ?)) "
        "and (? is null or list_contains(string_split(tactics, '|'), ?)) "
        "and (? is null or record_type = ?) "
        "and (? is null or period_end >= ?) and (? is null or period_start <= ?) "
        "and (not ? or list_contains(?, record_type))",
        [
            *(cities or None, cities or []),
            *(port, port, tactic, tactic, record_type, record_type),
            *(start, start, end, end),
            *(counted, CBP_TURNBACK_TYPES),
        ],
    )


def turnbacks(
    cities: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    port: str | None = None,
    tactic: str | None = None,
    record_type: str | None = None,
    counted: bool = False,
) -> pl.DataFrame:
    """Records whose period overlaps [start, end] and that name one of the cities (and the
    port, tactic and record type, when given); `counted`: only CBP turnbacks (a listing shows
    every record, a count only these)."""
    where, params = _turnback_filter(cities, start, end, port, tactic, record_type, counted)
    return q(
        f"select * from marts.turnbacks where {where} order by period_start nulls last, record_id",
        params,
    )


def turnback_tactics(
    cities: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    port: str | None = None,
    tactic: str | None = None,
    record_type: str | None = None,
) -> pl.DataFrame:
    """CBP turnback records per tactic and record type (a record with two tactics counts
    under each)."""
    where, params = _turnback_filter(cities, start, end, port, None, record_type, counted=True)
    return q(
        "select tactic, record_type, cast(count(*) as bigint) as records, "
        "string_agg(distinct source_id, ',' order by source_id) as source_id "
        "from marts.turnback_tactics t "
        f"where (? is null or tactic = ?) and record_id in (select record_id from "
        f"marts.turnbacks where {where}) "
        "group by all order by tactic, record_type",
        [tactic, tactic, *params],
    )


def turnbacks_by_port(
    cities: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    port: str | None = None,
    tactic: str | None = None,
    record_type: str | None = None,
) -> pl.DataFrame:
    """CBP turnback records per named U.S. port and record type, with the port's place (a
    record naming two ports counts under each; records naming no port are left out)."""
    where, params = _turnback_filter(cities, start, end, port, tactic, record_type, counted=True)
    return q(
        "with named as (select unnest(string_split(us_ports, '|')) as port_name, record_id, "
        f"record_type, source_id from marts.turnbacks where us_ports is not null and {where}) "
        "select n.port_name, p.mx_city, p.lat, p.lon, n.record_type, "
        "cast(count(distinct n.record_id) as bigint) as records, "
        "string_agg(distinct n.source_id, ',' order by n.source_id) as source_id "
        "from named n join marts.ports p using (port_name) "
        "group by all order by records desc, n.port_name, n.record_type",
        params,
    )


def turnback_tactic_names() -> list[str]:
    return q("select distinct tactic from marts.turnback_tactics order by tactic")[
        "tactic"
    ].to_list()


# --- policy effects ----------------------------------------------------------------------


def policy_series() -> pl.DataFrame:
    """The series catalogue (marts.policy_series_info): id, titles, unit, frequency, source,
    notes, in the registry's order."""
    return q("select * from marts.policy_series_info order by position")


def policy_fiscal_years(series_id: str, first: date, last: date) -> pl.DataFrame:
    """Fiscal-year sums of one series (marts.policy_series_fiscal_years) for the years that
    overlap [first, last]; part years carry their FYTD label."""
    return q(
        "select fiscal_year, label, value, months, is_part_year, first_month, last_month "
        "from marts.policy_series_fiscal_years where series_id = ? "
        "and last_month >= ? and first_month <= ? order by fiscal_year",
        [series_id, first, last],
    )


def policy_windows() -> list[int]:
    """The windows (months a side) that marts.policy_effects holds."""
    frame = q("select distinct window_months from marts.policy_effects order by 1")
    return frame["window_months"].to_list()


def key_events() -> pl.DataFrame:
    """Key events with a date, as marts.policy_effects uses them (`_alt` rows left out)."""
    return q(
        "select * from marts.policy_events where is_key_event and event_date is not null "
        "and not ends_with(event_id, '_alt') order by event_date, event_id"
    )


def policy_effects(
    event_id: str, window_months: int, method: str = "its_segmented_ols_hac"
) -> pl.DataFrame:
    """Every series' row of marts.policy_effects for one event, window and method."""
    return q(
        "select * from marts.policy_effects where event_id = ? and window_months = ? "
        "and method = ? order by series_id",
        [event_id, window_months, method],
    )


def policy_fit(event_id: str, series_id: str, window_months: int) -> pl.DataFrame:
    """Points, ITS fitted lines, 95% band and counterfactual as stored at build time
    (marts.policy_fits: the same fit as marts.policy_effects). Series that are never
    estimated (turnback incidents) have their points and no lines."""
    return q(
        "select date, t_months, value, period, source_id, fitted, band_low, band_high, "
        "counterfactual from marts.policy_fits "
        "where event_id = ? and series_id = ? and window_months = ? order by date",
        [event_id, series_id, window_months],
    )


# --- official encounters and CBP One (ports page) -----------------------------------------

SOUTHWEST = "Southwest Land Border"
# Breakdown columns a URL may filter on; only names from this tuple ever reach the SQL text.
ENCOUNTER_DIMENSIONS = ("demographic", "citizenship", "title_of_authority")


def encounter_values(column: str) -> list[str]:
    """Distinct values of one breakdown column on the southwest border (citizenship upper-cased:
    releases spell countries differently)."""
    if column not in ENCOUNTER_DIMENSIONS:
        raise ValueError(f"not a breakdown column: {column!r}")
    expr = f"upper({column})" if column == "citizenship" else column  # whitelisted above
    return q(
        f"select distinct {expr} as v from marts.encounters_monthly "
        f"where land_border_region = ? and {expr} is not null order by v",
        [SOUTHWEST],
    )["v"].to_list()


def official_releases() -> list[str]:
    """Every release id of the official marts (encounters and CBP One)."""
    return q(
        "select release from marts.encounters_monthly union "
        "select release from marts.cbp_one_monthly order by release"
    )["release"].to_list()


def encounters(
    component: str,
    detail_level: str,
    release: str = "preferred",
    start: date | None = None,
    end: date | None = None,
    dims: dict | None = None,
    area: str | None = None,
) -> pl.DataFrame:
    """Monthly southwest-border encounters of one component at one detail level
    ('region' or 'area_of_responsibility'), from the preferred release or one release."""
    dims = dims or {}
    demographic, citizenship, title = (dims.get(c) for c in ENCOUNTER_DIMENSIONS)
    return q(
        "select month, fiscal_year, component, area_of_responsibility, "
        "cast(sum(encounters) as bigint) as encounters, "
        "string_agg(distinct release, ',' order by release) as release, "
        "bool_or(is_rounded) as is_rounded, "
        "string_agg(distinct source_id, ',' order by source_id) as source_id "
        "from marts.encounters_monthly where component = ? and land_border_region = ? "
        "and detail_level = ? "
        "and (case when ? = 'preferred' then is_preferred else release = ? end) "
        "and (? is null or month >= date_trunc('month', ?::date)) "
        "and (? is null or month <= ?::date) and (? is null or area_of_responsibility = ?) "
        "and (? is null or demographic = ?) and (? is null or upper(citizenship) = ?) "
        "and (? is null or title_of_authority = ?) "
        "group by all order by area_of_responsibility, month",
        [
            component,
            SOUTHWEST,
            detail_level,
            release,
            release,
            start,
            start,
            end,
            end,
            area,
            area,
            demographic,
            demographic,
            citizenship,
            citizenship,
            title,
            title,
        ],
    )


def encounters_fiscal_year(component: str = "OFO", release: str = "preferred") -> pl.DataFrame:
    """Southwest encounters per field office (OFO) or sector (USBP) and fiscal year, each
    year from one release: the preferred one, or the release named."""
    return q(
        "select * from marts.encounters_fiscal_year where component = ? "
        "and land_border_region = ? "
        "and (case when ? = 'preferred' then is_preferred else release = ? end) "
        "order by fiscal_year, area_of_responsibility",
        [component, SOUTHWEST, release, release],
    )


def encounter_fiscal_years() -> list[int]:
    """Fiscal years with preferred southwest figures by field office."""
    return q(
        "select distinct fiscal_year from marts.encounters_monthly where component = 'OFO' "
        "and land_border_region = ? and detail_level = 'area_of_responsibility' "
        "and is_preferred order by fiscal_year desc",
        [SOUTHWEST],
    )["fiscal_year"].to_list()


def office_totals(
    component: str,
    release: str = "preferred",
    start: date | None = None,
    end: date | None = None,
    dims: dict | None = None,
) -> pl.DataFrame:
    """Encounters per field office (or sector) over the period, drawn at each of its ports
    (one row per port: the office's total repeats, it is never split between ports)."""
    per_month = encounters(component, "area_of_responsibility", release, start, end, dims)
    offices = per_month.group_by("area_of_responsibility").agg(
        pl.col("month").min().alias("first_month"),
        pl.col("month").max().alias("last_month"),
        pl.len().alias("months"),
        pl.col("encounters").sum(),
        pl.col("release").str.split(",").explode().unique().sort().str.join(","),
        pl.col("is_rounded").any(),
        pl.col("source_id").str.split(",").explode().unique().sort().str.join(","),
    )
    places = ports().select(
        (pl.col("field_office") + " Field Office").alias("area_of_responsibility"),
        "port_name",
        "mx_city",
        "lat",
        "lon",
    )
    return offices.join(places, on="area_of_responsibility").sort(
        ["encounters", "port_name"], descending=[True, False]
    )


def cbp_one_monthly(
    release: str = "preferred", start: date | None = None, end: date | None = None
) -> pl.DataFrame:
    """CBP One appointments per month, all citizenships (the `Total` rows)."""
    return q(
        "select month, fiscal_year, appointments, value_flag, release, is_rounded, source_id "
        "from marts.cbp_one_monthly where is_total "
        "and (case when ? = 'preferred' then is_preferred else release = ? end) "
        "and (? is null or month >= date_trunc('month', ?::date)) and (? is null or month <= ?) "
        "order by month",
        [release, release, start, start, end, end],
    )


def city_crosswalk(city: str) -> dict | None:
    """One city's ports, CBP field office and Border Patrol sector (None if unknown)."""
    rows = q("select * from marts.city_crosswalk where city = ?", [city])
    return rows.row(0, named=True) if rows.height else None


def encounters_first_month(component: str) -> date | None:
    """First month of preferred southwest figures by field office or sector."""
    return q(
        "select min(month) as m from marts.encounters_monthly where component = ? "
        "and land_border_region = ? and detail_level = 'area_of_responsibility' "
        "and is_preferred",
        [component, SOUTHWEST],
    )["m"][0]


# --- sources -----------------------------------------------------------------------------


def datasets() -> pl.DataFrame:
    return q("select * from marts.datasets order by dataset")


def sources_with_usage() -> pl.DataFrame:
    """Every source with the number of rows citing it, by mart."""
    return q(
        "select s.*, "
        "cast(coalesce(sum(u.rows_cited), 0) as bigint) as rows_cited, "
        "string_agg(u.mart, ', ' order by u.mart) as marts "
        "from meta.sources s left join marts.source_usage u using (source_id) "
        "group by all order by s.source_id"
    )


# --- declarations ------------------------------------------------------------------------


def port_city(port: str) -> str | None:
    """The Mexican city across from a U.S. port of entry (case-insensitive name)."""
    rows = q("select mx_city from marts.ports where lower(port_name) = lower(?)", [port])
    return rows["mx_city"][0] if rows.height else None


def processing_pace(city: str, start: date | None = None, end: date | None = None) -> pl.DataFrame:
    """Stated processing rates for one city whose date falls in [start, end]."""
    return q(
        "select * from marts.processing_pace where city = ? "
        "and (? is null or as_of_date >= ?) and (? is null or as_of_date <= ?) "
        "order by as_of_date, metric, source_id",
        [city, start, start, end, end],
    )
