"""URL parameters: the one parser of a page's query, for pages, downloads, embeds and the CLI.

Every value is checked against the marts before any query sees it. A value that is not known
is kept in `Filters.unknown`, so a page can say "not found: …" instead of quietly showing
everything; `strict=True` (downloads, the command line) raises `BadFilter` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from dashboard import data
from dashboard.i18n import lang_or_default


class BadFilter(ValueError):
    """A filter value that is not allowed; the message says which and why."""


# Page parameters kept in Filters.extra: URL name → (default, allowed values, read lazily from
# the marts only when the URL names the parameter). A value equal to the default is not kept.
EXTRA_PARAMS: dict[str, tuple[str | None, Callable[[], list[str]]]] = {
    "port": (None, lambda: data.port_names()),
    "tactic": (None, lambda: data.turnback_tactic_names()),
    "record_type": (None, lambda: ["incident", "aggregate"]),
    "fy": (None, lambda: [str(y) for y in data.encounter_fiscal_years()]),
    "component": ("OFO", lambda: ["OFO", "USBP"]),
    "release": ("preferred", lambda: ["preferred", *data.official_releases()]),
    "demographic": (None, lambda: data.encounter_values("demographic")),
    "citizenship": (None, lambda: data.encounter_values("citizenship")),
    "title": (None, lambda: data.encounter_values("title_of_authority")),
    # /policy: no defaults here (None), so every link the page writes names its event, series
    # and window, and a link copied into a declaration keeps naming the same view even if the
    # page's defaults (dashboard/policy/view.py) change.
    "event": (None, lambda: data.key_events()["event_id"].to_list()),
    "series": (None, lambda: data.policy_series()["series_id"].to_list()),
    "window": (None, lambda: [str(k) for k in data.policy_windows()]),
}


@dataclass(frozen=True)
class Filters:
    lang: str = "en"
    cities: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    extra: dict = field(default_factory=dict)
    unknown: tuple[tuple[str, str], ...] = ()  # (parameter, value) pairs the marts do not know

    @classmethod
    def from_query(cls, query: dict, strict: bool = False) -> Filters:
        """Read filters from URL query values (strings or lists of strings)."""
        lang = lang_or_default(_first(query.get("lang")))
        known = set(data.known_cities())
        asked = [c for c in _split(query.get("city")) if c]
        unknown = [("city", c) for c in asked if c not in known]
        start, end = (_date(query.get(k), k, unknown) for k in ("start", "end"))
        extra = _extra(query, unknown)
        if strict and unknown:
            name, value = unknown[0]
            raise BadFilter(_explain(name, value))
        if "fy" in extra:  # a fiscal year names its own period: Oct 1 to Sep 30
            year = int(extra["fy"])
            start, end = date(year - 1, 10, 1), date(year, 9, 30)
        cities = tuple(c for c in asked if c in known)
        return cls(lang, cities, start, end, extra, tuple(unknown))

    @classmethod
    def from_search(cls, search: str | None, lang: str | None = None) -> Filters:
        """From a URL's `?a=b` part (what a page's dcc.Location holds)."""
        query = parse_qs((search or "").lstrip("?"))
        if lang:
            query["lang"] = [lang]
        return cls.from_query(query)

    def to_query(self) -> dict:
        in_fy = "fy" in self.extra
        query = {
            "lang": self.lang if self.lang != "en" else None,
            "city": ",".join(self.cities) or None,
            "start": self.start.isoformat() if self.start and not in_fy else None,
            "end": self.end.isoformat() if self.end and not in_fy else None,
            **{name: self.extra.get(name) for name in EXTRA_PARAMS},
        }
        return {k: v for k, v in query.items() if v}

    def param(self, name: str) -> str | None:
        """A page parameter from `extra`, or its default."""
        return self.extra.get(name, EXTRA_PARAMS[name][0])

    def query_string(self) -> str:
        encoded = urlencode(self.to_query())
        return f"?{encoded}" if encoded else ""

    def with_lang(self, lang: str) -> Filters:
        return replace(self, lang=lang)


def _extra(query: dict, unknown: list) -> dict:
    extra = {}
    for name, (default, allowed) in EXTRA_PARAMS.items():
        value = _first(query.get(name))
        if not value or value == default:
            continue
        if value in allowed():
            extra[name] = value
        else:
            unknown.append((name, value))
    return extra


def _explain(name: str, value: str) -> str:
    if name in ("start", "end"):
        return f"{name} must be a date written YYYY-MM-DD, not {value!r}"
    known = data.known_cities() if name == "city" else EXTRA_PARAMS[name][1]()
    return f"unknown {name} {value!r}; known: {', '.join(sorted(known))}"


def _first(value):
    return value[0] if isinstance(value, list) else value


def _split(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [part.strip() for v in values for part in str(v).split(",")]


def _date(value, name: str, unknown: list) -> date | None:
    value = _first(value)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        unknown.append((name, str(value)))
        return None
