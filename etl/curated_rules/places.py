"""Rules on places: cities and ports as ports.csv spells them, and that they go together."""

from __future__ import annotations

from collections.abc import Iterator

from etl.curated_rules.base import (
    Context,
    _split,
    nearest,
    rule,
)
from etl.problems import Reject

# --------------------------------------------------------------------------- places


def _places(ctx: Context) -> tuple[dict[str, set[str]], dict[str, str]]:
    """city -> its states, port -> its city (from ports.csv)."""
    states: dict[str, set[str]] = {}
    port_city: dict[str, str] = {}
    for p in ctx.ports:
        states.setdefault(p.get("mx_city"), set()).add(p.get("mx_state"))
        port_city[p.get("port_name")] = p.get("mx_city")
    return states, port_city


CITY_COLUMNS = (
    ("waitlist_snapshots.csv", "city", False),
    ("processing_pace.csv", "city", False),
    ("turnback_reports.csv", "city", True),
)
PORT_COLUMNS = (
    ("waitlist_snapshots.csv", "us_port", False),
    ("processing_pace.csv", "us_port", False),
    ("turnback_reports.csv", "us_ports", True),
)


@rule(
    "city_in_ports",
    tuple(f for f, _c, _m in CITY_COLUMNS),
    "Every city is spelled as a mx_city of ports.csv (accents included: Ciudad Juárez).",
)
def city_in_ports(ctx: Context) -> Iterator[Reject]:
    states, _ports = _places(ctx)
    for file, column, many in CITY_COLUMNS:
        for row in ctx.rows.get(file, []):
            for name in _split(row.get(column)) if many else [row.get(column)]:
                if name and name not in states:
                    yield ctx.problem(
                        row,
                        column,
                        f"{name!r} is not a city of ports.csv{nearest(name, list(states))}",
                        "city_in_ports",
                    )


@rule(
    "port_in_ports",
    tuple(f for f, _c, _m in PORT_COLUMNS),
    "Every U.S. port is a port_name of ports.csv.",
)
def port_in_ports(ctx: Context) -> Iterator[Reject]:
    _states, port_city = _places(ctx)
    for file, column, many in PORT_COLUMNS:
        for row in ctx.rows.get(file, []):
            for name in _split(row.get(column)) if many else [row.get(column)]:
                if name and name not in port_city:
                    yield ctx.problem(
                        row,
                        column,
                        f"{name!r} is not a port of ports.csv{nearest(name, list(port_city))}",
                        "port_in_ports",
                    )


@rule(
    "state_of_city",
    ("waitlist_snapshots.csv",),
    "mx_state is the state ports.csv gives for the city.",
)
def state_of_city(ctx: Context) -> Iterator[Reject]:
    states, _ports = _places(ctx)
    for row in ctx.rows.get("waitlist_snapshots.csv", []):
        city, state = row.get("city"), row.get("mx_state")
        if city in states and state and state not in states[city]:
            yield ctx.problem(
                row,
                "mx_state",
                f"{city} is in {' / '.join(sorted(states[city]))}, not {state}",
                "state_of_city",
            )


@rule(
    "port_faces_city",
    ("waitlist_snapshots.csv", "processing_pace.csv", "turnback_reports.csv"),
    "The U.S. port faces the row's city in ports.csv (Tijuana: San Ysidro or Otay Mesa).",
)
def port_faces_city(ctx: Context) -> Iterator[Reject]:
    _states, port_city = _places(ctx)
    for file, column, many in PORT_COLUMNS:
        city_column = "city"
        for row in ctx.rows.get(file, []):
            cities = set(_split(row.get(city_column)))
            ports = _split(row.get(column)) if many else [row.get(column)]
            for port in ports:
                if not cities or port not in port_city or port_city[port] in cities:
                    continue
                if not set(port_city.values()) & cities:
                    continue  # the city itself is unknown: city_in_ports says so
                facing = sorted(p for p, c in port_city.items() if c in cities)
                yield ctx.problem(
                    row,
                    column,
                    f"{port!r} faces {port_city[port]}, not {' / '.join(sorted(cities))}"
                    + (f" (ports for it: {', '.join(facing)})" if facing else ""),
                    "port_faces_city",
                )
