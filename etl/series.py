"""Registry of the series that policy statistics may use, each read from the marts as (date, value).

Every loader returns a polars frame with columns `date` (Date), `value` (Float64) and
`source_id` (the sources behind that point, comma-separated), one row per date, sorted; a
missing mart gives an empty frame (marts arrive at different times).
Choices made here (one value per date, which rows count) are stated on each entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

EMPTY = pl.DataFrame(schema={"date": pl.Date, "value": pl.Float64, "source_id": pl.String})
UNIT_NAMES_ES = {"people": "personas", "names": "nombres"}
SOURCES = "string_agg(distinct source_id, ',' order by source_id) as source_id"
FIELD_OFFICES = ("San Diego", "Tucson", "El Paso", "Laredo")
MISSING = (duckdb.CatalogException, duckdb.BinderException, duckdb.ConversionException)
# Every mart a loader reads (policy_series is made from cbp_one_monthly): the build starts the
# policy statistics as soon as these exist (etl/build.py; a test keeps the list complete).
MARTS_READ = (
    "policy_series", "cbp_one_monthly", "waitlist_totals", "processing_pace",
    "waitlist_snapshots", "turnbacks",
)  # fmt: skip


@dataclass(frozen=True)
class Series:
    series_id: str
    title_en: str
    title_es: str
    frequency: str  # "monthly" | "irregular"
    unit: str
    source: str
    load: Callable[[duckdb.DuckDBPyConnection], pl.DataFrame] = field(repr=False)
    seasonal: bool = False  # month-of-year dummies in the ITS when the window allows
    in_policy_effects: bool = True  # False: for drawing only, never estimated (see note)
    note_en: str = ""
    note_es: str = ""


def _tidy(df: pl.DataFrame) -> pl.DataFrame:
    return df.select(
        pl.col("date").cast(pl.Date), pl.col("value").cast(pl.Float64), pl.col("source_id")
    ).sort("date")


def _rows(con, sql: str, params: list | None = None) -> pl.DataFrame | None:
    """The query's rows as a frame; None when a mart or column it reads does not exist yet."""
    try:
        # rows, not `.pl()`: that goes through pyarrow, ~0.4 s of importing per build
        result = con.execute(sql, params or None)
        columns = [c[0] for c in result.description]
        return pl.DataFrame(result.fetchall(), schema=columns, orient="row")
    except MISSING:
        return None


def _query(con, sql: str, params: list | None = None) -> pl.DataFrame:
    """Run a (date, value) query; a mart or column that does not exist yet gives EMPTY."""
    df = _rows(con, sql, params)
    return EMPTY if df is None else _tidy(df)


def _median_per_date(sql_rows: str) -> str:
    """One value per date: the median when sources state different figures on one date."""
    return f"select date, median(value) as value, {SOURCES} from ({sql_rows}) group by date"


@dataclass(frozen=True)
class Family:
    """One query that gives many series at once: its key columns, then date, value and
    source_id. `load_all` runs it once for all its members."""

    sql: str
    keys: tuple[str, ...]

    def frames(self, con) -> dict[tuple, pl.DataFrame]:
        df = _rows(con, self.sql)
        if df is None or df.is_empty():
            return {}
        # typed and sorted once (by key, then date), then split: each part as _tidy gives it
        typed = df.with_columns(pl.col("date").cast(pl.Date), pl.col("value").cast(pl.Float64))
        ordered = typed.sort([*self.keys, "date"])
        return ordered.partition_by(list(self.keys), as_dict=True, include_key=False)


@dataclass(frozen=True)
class Member:
    """The loader of one series of a family: the rows of its key."""

    family: Family
    key: tuple

    def __call__(self, con) -> pl.DataFrame:
        return self.family.frames(con).get(self.key, EMPTY)


def load_all(con, series: list[Series]) -> list[pl.DataFrame]:
    """Each series' frame, as `s.load(con)` gives it; a family's query runs once for all of
    its members (one scan instead of one query per field office or city)."""
    families: dict[Family, dict[tuple, pl.DataFrame]] = {}
    out = []
    for s in series:
        if isinstance(s.load, Member):
            family = s.load.family
            if family not in families:
                families[family] = family.frames(con)
            out.append(families[family].get(s.load.key, EMPTY))
        else:
            out.append(s.load(con))
    return out


# A monthly series from marts.policy_series: one detail level and one release per month
# (sql/marts/policy_series.sql says which), never a sum across them.
POLICY_SERIES = Family(
    "select series_id, month as date, value, source_id from marts.policy_series",
    ("series_id",),
)
# A city's metering list in one count unit (never mixed: the unit chosen in `_cities`), one
# value per date (the median when sources state different figures on one date).
CITY_WAITLISTS = Family(
    f"select city, count_unit, as_of_date as date, median(people_waiting) as value, {SOURCES} "
    "from marts.waitlist_snapshots "
    "where list_kind = 'metering_list' and people_waiting is not null "
    "group by city, count_unit, as_of_date",
    ("city", "count_unit"),
)


def _policy_series(series_id: str) -> Member:
    return Member(POLICY_SERIES, (series_id,))


def _waitlist_total(con) -> pl.DataFrame:
    rows = (
        "select as_of_date as date, people_waiting_total as value, source_id "
        "from marts.waitlist_totals "
        "where series = 'metering_update' and is_comparable and people_waiting_total is not null"
    )
    return _query(con, _median_per_date(rows))


def _pace_tijuana(con) -> pl.DataFrame:
    rows = (
        "select as_of_date as date, (value_low + value_high) / 2.0 as value, source_id "
        "from marts.processing_pace where city = 'Tijuana' and unit = 'persons_per_day' "
        "and value_low is not null and value_high is not null"
    )
    return _query(con, _median_per_date(rows))


def _waitlist_city(city: str, unit: str) -> Member:
    return Member(CITY_WAITLISTS, (city, unit))


def _turnback_quarters(con) -> pl.DataFrame:
    sql = (
        "select date_trunc('quarter', cast(incident_date as date)) as date, count(*) as value, "
        f"{SOURCES} "
        "from marts.turnbacks where record_type = 'incident' and incident_date is not null "
        "group by 1"
    )
    return _query(con, sql)


def _cities(con) -> list[tuple[str, str]]:
    """(city, unit) for cities with a metering list in people or names: the more frequent
    unit of the two, people on a tie, so that one series never mixes units."""
    sql = """
        select city, arg_max(count_unit, (n, count_unit = 'people')) as unit from (
            select city, count_unit, count(*) as n from marts.waitlist_snapshots
            where list_kind = 'metering_list' and count_unit in ('people', 'names')
              and people_waiting is not null group by all)
        group by city order by city"""
    try:
        return [tuple(r) for r in con.sql(sql).fetchall()]
    except MISSING:
        return []


ROUNDED_EN = "OHSS tables are rounded to the nearest 10"
ROUNDED_ES = "las tablas de OHSS están redondeadas a la decena más cercana"


def _static() -> list[Series]:
    ofo = (
        "CBP/OHSS encounters (marts.policy_series: each month the southwest total of one "
        "release; a field-office sum only where no release has the total)"
    )
    return [
        Series(
            "waitlist_border_total",
            "People waiting on border metering lists (total)",
            "Personas en listas de espera de metering en la frontera (total)",
            "irregular",
            "people",
            "Strauss Center / USMEX Metering Update editions "
            "(marts.waitlist_totals, comparable rows; median when one date has two figures)",
            _waitlist_total,
        ),
        Series(
            "pace_tijuana",
            "Asylum seekers processed per day at San Ysidro (Tijuana)",
            "Solicitantes de asilo procesados por día en San Ysidro (Tijuana)",
            "irregular",
            "persons_per_day",
            "press and NGO reports (marts.processing_pace; midpoint of the stated low and high)",
            _pace_tijuana,
        ),
        Series(
            "ofo_sw_total",
            "OFO encounters, southwest border",
            "Encuentros de la OFO, frontera suroeste",
            "monthly",
            "encounters",
            ofo,
            _policy_series("ofo_sw_total"),
            seasonal=True,
        ),
        Series(
            "usbp_sw_total",
            "Border Patrol encounters, southwest border",
            "Encuentros de la Patrulla Fronteriza, frontera suroeste",
            "monthly",
            "encounters",
            ofo,
            _policy_series("usbp_sw_total"),
            seasonal=True,
        ),
        Series(
            "cbp_one_appointments",
            "CBP One appointments",
            "Citas de CBP One",
            "monthly",
            "appointments",
            "OHSS monthly tables (marts.policy_series from marts.cbp_one_monthly, latest "
            "release per month)",
            _policy_series("cbp_one_appointments"),
        ),
        Series(
            "turnback_incidents_per_quarter",
            "Documented turnback incidents per quarter",
            "Incidentes documentados de rechazo por trimestre",
            "irregular",
            "incidents",
            "reports and news (marts.turnbacks, record_type = 'incident')",
            _turnback_quarters,
            in_policy_effects=False,
            note_en="Counts documented incidents, not people or all turnbacks; how many get "
            "documented depends on who was reporting, so no policy effect is estimated.",
            note_es="Cuenta incidentes documentados, no personas ni todos los rechazos; "
            "cuántos se documentan depende de quién informaba, por eso no se estima "
            "ningún efecto de políticas.",
        ),
    ]


def registry(con) -> list[Series]:
    """All series, in a fixed order; per-city waitlists are those present in the marts."""
    out = _static()
    for office in FIELD_OFFICES:
        out.append(
            Series(
                f"ofo_field_office:{office}",
                f"OFO encounters, {office} field office",
                f"Encuentros de la OFO, oficina de campo de {office}",
                "monthly",
                "encounters",
                "CBP/OHSS encounters (marts.policy_series: the preferred release's rows for "
                "the field office)",
                _policy_series(f"ofo_field_office:{office}"),
                seasonal=True,
            )
        )
    for city, unit in _cities(con):
        out.append(
            Series(
                f"waitlist_city:{city}",
                f"{city} metering list ({unit})",
                f"Lista de espera de metering de {city} ({UNIT_NAMES_ES.get(unit, unit)})",
                "irregular",
                unit,
                "press and NGO reports (marts.waitlist_snapshots, metering lists only; median "
                "when one date has several figures)",
                _waitlist_city(city, unit),
            )
        )
    return out


def get(con, series_id: str) -> Series:
    for s in registry(con):
        if s.series_id == series_id:
            return s
    raise KeyError(f"unknown series_id {series_id!r}")
