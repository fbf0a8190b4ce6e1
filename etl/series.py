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


def _rows(con, sql: str) -> pl.DataFrame | None:
    """The query's rows as a frame; None when a mart or column it reads does not exist yet."""
    try:
        # rows, not `.pl()`: that goes through pyarrow, ~0.4 s of importing per build
        result = con.execute(sql)
        columns = [c[0] for c in result.description]
        rows = result.fetchall()
        return pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    except MISSING:
        return None


def _median_per_date(sql_rows: str) -> str:
    """One value per date: the median when sources state different figures on one date."""
    return f"select date, median(value) as value, {SOURCES} from ({sql_rows}) group by date"


@dataclass(frozen=True)
class Family:
    """One query that gives one or many series at once: its key columns (none for a single
    series), then date, value and source_id. `load_all` runs it once for all its members."""

    sql: str
    keys: tuple[str, ...] = ()

    def frames(self, con) -> dict[tuple, pl.DataFrame]:
        return _split(_rows(con, self.sql), list(self.keys))


def _split(df: pl.DataFrame | None, keys: list[str]) -> dict[tuple, pl.DataFrame]:
    """The rows of each key, typed and in date order (date, value, source_id), by key tuple."""
    if df is None or df.is_empty():
        return {}
    # typed and sorted once (by key, then date), then split
    typed = df.with_columns(pl.col("date").cast(pl.Date), pl.col("value").cast(pl.Float64))
    ordered = typed.sort([*keys, "date"])
    if not keys:
        return {(): ordered.select("date", "value", "source_id")}
    return ordered.partition_by(keys, as_dict=True, include_key=False)


@dataclass(frozen=True)
class Member:
    """The loader of one series of a family: the rows of its key."""

    family: Family
    key: tuple = ()

    def __call__(self, con) -> pl.DataFrame:
        return self.family.frames(con).get(self.key, EMPTY)


def _frames_at_once(con, families: list[Family]) -> dict[Family, dict[tuple, pl.DataFrame]]:
    """Family.frames of each family from one query (a union of theirs, each row tagged with
    its family and keys): one statement instead of one per family. When a mart one of them
    reads does not exist yet, each family is read on its own (those that exist still load)."""
    width = max((len(f.keys) for f in families), default=0)
    keys = [f"key_{i}" for i in range(width)]
    parts = []
    for i, f in enumerate(families):
        tagged = [*f.keys, *["null"] * (width - len(f.keys))]  # keys, then nulls to the width
        columns = [f"{i} as family", *map("{} as {}".format, tagged, keys)]
        parts.append(f"select {', '.join(columns)}, date, value, source_id from ({f.sql})")
    df = _rows(con, " union all ".join(parts)) if parts else None
    if df is None:
        return {f: f.frames(con) for f in families}
    split = _split(df, ["family", *keys])
    out: dict[Family, dict[tuple, pl.DataFrame]] = {f: {} for f in families}
    for (i, *key), frame in split.items():
        f = families[i]
        out[f][tuple(key[: len(f.keys)])] = frame
    return out


def load_all(con, series: list[Series]) -> list[pl.DataFrame]:
    """Each series' frame, as `s.load(con)` gives it; every family is read by one query
    (one scan instead of one query per field office or city, and one statement for all)."""
    families = list(dict.fromkeys(s.load.family for s in series if isinstance(s.load, Member)))
    frames = _frames_at_once(con, families)
    return [
        frames[s.load.family].get(s.load.key, EMPTY) if isinstance(s.load, Member) else s.load(con)
        for s in series
    ]


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


WAITLIST_TOTAL = Family(
    _median_per_date(
        "select as_of_date as date, people_waiting_total as value, source_id "
        "from marts.waitlist_totals "
        "where series = 'metering_update' and is_comparable and people_waiting_total is not null"
    )
)
PACE_TIJUANA = Family(
    _median_per_date(
        "select as_of_date as date, (value_low + value_high) / 2.0 as value, source_id "
        "from marts.processing_pace where city = 'Tijuana' and unit = 'persons_per_day' "
        "and value_low is not null and value_high is not null"
    )
)


def _waitlist_city(city: str, unit: str) -> Member:
    return Member(CITY_WAITLISTS, (city, unit))


TURNBACK_QUARTERS = Family(
    "select date_trunc('quarter', cast(incident_date as date)) as date, count(*) as value, "
    f"{SOURCES} "
    "from marts.turnbacks where record_type = 'incident' and incident_date is not null "
    "group by 1"
)


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
            Member(WAITLIST_TOTAL),
        ),
        Series(
            "pace_tijuana",
            "Asylum seekers processed per day at San Ysidro (Tijuana)",
            "Solicitantes de asilo procesados por día en San Ysidro (Tijuana)",
            "irregular",
            "persons_per_day",
            "press and NGO reports (marts.processing_pace; midpoint of the stated low and high)",
            Member(PACE_TIJUANA),
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
            Member(TURNBACK_QUARTERS),
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
