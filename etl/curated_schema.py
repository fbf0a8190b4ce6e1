"""The formats of the curated CSV files in data/raw/curated/: one FileSchema per file.

This module is the single definition of what a curated file may hold. The parser checks rows
against it, `metering check` explains problems with its help texts, the templates in
data/raw/curated/templates/ and the format tables in data/raw/curated/FORMATS.md are made
from it (tests/meta keeps them in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field

COUNT_UNITS = (
    "people",
    "names",
    "families",
    "list_numbers",
    "registrations",
    "camp_population",
    "cases",
)
COUNT_QUALIFIERS = ("exact", "about", "more_than", "at_least", "fewer_than", "up_to", "range")
LIST_KINDS = (
    "metering_list",
    "suspended_metering_list",
    "title42_exception_list",
    "online_registry",
    "camp_or_shelter_count",
)
LIST_STATUSES = ("open", "closed", "no_list", "unknown")
DATE_PRECISIONS = ("day", "month", "year")
RATE_UNITS = ("per_day", "per_week", "per_month", "on_day")  # on_day: a count on as_of_date
TACTICS = (
    "denial_of_access",
    "metering_capacity_claim",
    "misrepresentation",
    "coercion",
    "threat_intimidation",
    "verbal_abuse",
    "physical_force",
    "other",
)
EVENT_KINDS = ("policy", "rule", "operational", "court", "litigation", "report")
TOTAL_SERIES = ("metering_update", "press_count")
# why a source has no date: none shown on the copy read; a case page that grows with the case;
# a dataset or reference page revised over time
UNDATED_REASONS = ("not_shown", "case_page", "updated_page")
# the compiler's own English paraphrases get a Spanish column beside them, marked as the
# project's translation; evidence (what the source says, in its own language) is never translated
TRANSLATION_HELP = (
    "the project's Spanish translation of {column} (not the source's words); "
    "filled whenever {column} is"
)


@dataclass(frozen=True)
class Field:
    """One column of a curated file.

    kind: text | int | number | date (YYYY-MM-DD) | partial_date (YYYY, YYYY-MM or
    YYYY-MM-DD) | enum | enum_list (values joined by "|") | bool (true/false) | source_id |
    city | port (names that must be in ports.csv).
    """

    name: str
    kind: str
    help: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    example: str = ""


@dataclass(frozen=True)
class FileSchema:
    """A curated file: its name, what one row is, its columns and its unique key."""

    file: str
    table: str
    grain: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _source(required: bool = True) -> tuple[Field, ...]:
    return (
        Field(
            "source_id",
            "source_id",
            "the source of this row: a source_id from sources.csv",
            required=required,
            example="ap-2019-05-10-13000-wait-lists",
        ),
        Field(
            "evidence",
            "text",
            "what the source says, paraphrased in under 25 words, so a reader can find it",
            required=required,
        ),
        Field(
            "ref_line",
            "int",
            "line in the compiled reference file this row came from (blank for new rows)",
        ),
    )


SOURCE_FIELDS_INFERABLE = ("title", "publisher", "published", "formal_citation", "original_url")

SOURCES = FileSchema(
    file="sources.csv",
    table="sources",
    grain="one publication (article, report, filing, dataset)",
    key=("source_id",),
    notes=(
        "A footnote prints: title, publisher, date (or why it is undated), formal citation, "
        'the original address, and the copy that was read ("retrieved via HOST").',
        "`original_url` is the publisher's own address; a repost, mirror, legal database or "
        "archive goes in `copy_url`, never in `original_url`.",
    ),
    fields=(
        Field(
            "source_id",
            "source_id",
            "stable id: lower-case letters, digits and hyphens, publisher-date-topic",
            required=True,
            example="ap-2019-05-10-13000-wait-lists",
        ),
        Field("title", "text", "title exactly as published (accents kept, no notes added)"),
        Field(
            "untitled_description",
            "text",
            "only when no title could be found: what the source is, in plain words",
        ),
        Field(
            "untitled_description_es",
            "text",
            TRANSLATION_HELP.format(column="untitled_description"),
        ),
        Field("publisher", "text", "who published it (the original, not a mirror)", True),
        Field("published", "partial_date", "publication date as far as known"),
        Field(
            "published_precision",
            "enum",
            "how exact published is (required with a date)",
            False,
            DATE_PRECISIONS,
        ),
        Field(
            "undated_reason",
            "enum",
            "why there is no date (required when published is empty): none shown on the copy "
            "read; a case page that grows with the case; a page revised over time",
            False,
            UNDATED_REASONS,
        ),
        Field(
            "formal_citation",
            "text",
            "Federal Register volume and page; court, case number and ECF number; report number",
        ),
        Field("original_url", "text", "the publisher's own address (http or https)"),
        Field("copy_url", "text", "address of the copy that was read, when not the original"),
        Field("copy_host", "text", "host of copy_url, printed as 'retrieved via HOST'"),
        Field("copy_note", "text", "what the copy is: repost, forum, archive, abstract ..."),
        Field("accessed", "partial_date", "when the copy was read, if recorded"),
        Field("language", "enum", "language of the source", True, ("en", "es")),
        Field(
            "inferred_fields",
            "enum_list",
            "fields inferred rather than seen on a copy, joined by '|'",
            False,
            SOURCE_FIELDS_INFERABLE,
        ),
        Field("note", "text", "evidence for corrections and inferences; other copies read"),
    ),
)

PORTS = FileSchema(
    file="ports.csv",
    table="ports",
    grain="one U.S. land port of entry facing a Mexican border city",
    key=("port_name",),
    fields=(
        Field("port_name", "text", "CBP port name, one spelling", True, example="San Ysidro"),
        Field("cbp_port_code", "text", "CBP four-digit port code"),
        Field("field_office", "text", "CBP Office of Field Operations field office", True),
        Field("bp_sector", "text", "Border Patrol sector around the port"),
        Field("us_state", "text", "U.S. state (two letters)", True),
        Field("mx_city", "text", "Mexican city across the port", True, example="Tijuana"),
        Field("mx_state", "text", "Mexican state", True, example="Baja California"),
        Field("lat", "number", "latitude of the port, decimal degrees"),
        Field("lon", "number", "longitude of the port, decimal degrees"),
        *_source(),
    ),
)

WAITLIST_SNAPSHOTS = FileSchema(
    file="waitlist_snapshots.csv",
    table="waitlist_snapshots",
    grain="one count on one city's list, as of one date, from one source",
    key=("city", "as_of_date", "source_id", "count_unit", "list_kind", "people_waiting"),
    notes=(
        "A count of families, list numbers or registrations is not a count of people: set "
        "count_unit to what the source counted and never convert it.",
        "Rows from the Title 42 period (after 2020-03-20) are not metering lists: use "
        "list_kind title42_exception_list, online_registry or camp_or_shelter_count, or "
        "suspended_metering_list for a metering list as it stood while ports processed no "
        "asylum claims.",
    ),
    fields=(
        Field("city", "city", "Mexican border city, spelled as in ports.csv", True, (), "Tijuana"),
        Field("mx_state", "text", "Mexican state", True, example="Baja California"),
        Field("us_port", "port", "U.S. port the list feeds, a port_name in ports.csv", True),
        Field("crossing", "text", "bridge or crossing named by the source, if any"),
        Field("as_of_date", "date", "date the count refers to (first of month if month)", True),
        Field("date_precision", "enum", "how exact as_of_date is", True, DATE_PRECISIONS),
        Field("people_waiting", "int", "the count as stated (blank if none was given)"),
        Field("people_waiting_high", "int", "upper end when the source gives a range"),
        Field(
            "count_unit",
            "enum",
            "what the count counts (required with a count)",
            False,
            COUNT_UNITS,
        ),
        Field(
            "count_qualifier",
            "enum",
            "how the source qualifies the count (required with a count)",
            False,
            COUNT_QUALIFIERS,
        ),
        Field("list_kind", "enum", "what sort of list or count this is", True, LIST_KINDS),
        Field("list_status", "enum", "whether the list took new names", True, LIST_STATUSES),
        Field("list_manager", "text", "who kept the list, as the source says"),
        Field("list_manager_es", "text", TRANSLATION_HELP.format(column="list_manager")),
        Field("processed_low", "number", "people (or numbers) taken from the list per period"),
        Field("processed_high", "number", "upper end of a stated processing range"),
        Field(
            "processed_unit",
            "enum",
            "period of the processing figure; on_day for a count on as_of_date alone (not a pace)",
            False,
            RATE_UNITS,
        ),
        Field("processed_counts", "enum", "what the processing figure counts", False, COUNT_UNITS),
        Field(
            "processed_qualifier",
            "enum",
            "how the source words the processing figure (required with one)",
            False,
            COUNT_QUALIFIERS,
        ),
        Field("reported_wait_text", "text", "the wait as the source words it"),
        Field(
            "reported_wait_text_es", "text", TRANSLATION_HELP.format(column="reported_wait_text")
        ),
        Field("reported_wait_days_low", "int", "lower bound of the stated wait in days"),
        Field("reported_wait_days_high", "int", "upper bound of the stated wait in days"),
        Field("note", "text", "what the count is and is not, deductions made"),
        *_source(),
    ),
)

WAITLIST_TOTALS = FileSchema(
    file="waitlist_totals.csv",
    table="waitlist_totals",
    grain="one border-wide total, as of one date, from one source",
    key=("as_of_date", "report", "source_id"),
    fields=(
        Field("as_of_date", "date", "date the total refers to", True),
        Field("date_precision", "enum", "how exact as_of_date is", True, DATE_PRECISIONS),
        Field("report", "text", "the report or count the total belongs to", True),
        Field("series", "enum", "research series edition or a press tally", True, TOTAL_SERIES),
        Field("people_waiting_total", "int", "the total as stated", True),
        Field(
            "count_unit", "enum", "what the total counts (names are not people)", True, COUNT_UNITS
        ),
        Field("count_qualifier", "enum", "how the source qualifies it", True, COUNT_QUALIFIERS),
        Field("cities_reporting", "int", "number of cities the total covers, if stated"),
        Field(
            "is_comparable",
            "bool",
            "false when the total counts something else (e.g. adds MPP returnees)",
            True,
        ),
        Field("note", "text", "what the total includes"),
        *_source(),
    ),
)

PROCESSING_PACE = FileSchema(
    file="processing_pace.csv",
    table="processing_pace",
    grain="one stated processing figure for one port, period and source",
    key=("city", "as_of_date", "metric", "period_start", "period_end", "source_id"),
    fields=(
        Field("city", "city", "Mexican border city", True, example="Tijuana"),
        Field("us_port", "port", "U.S. port", True, example="San Ysidro"),
        Field("as_of_date", "date", "date of the statement", True),
        Field("period_start", "date", "first day the figure covers, if stated"),
        Field("period_end", "date", "last day the figure covers, if stated"),
        Field("metric", "text", "what was measured, as the source puts it", True),
        Field("value_text", "text", "the figure exactly as written", True),
        Field("value_low", "number", "the figure, or the low end of a range"),
        Field("value_high", "number", "the high end of a range (same as low if one figure)"),
        Field("unit", "text", "unit as stated, e.g. persons_per_day, list_numbers_per_day", True),
        Field("count_qualifier", "enum", "how the source qualifies it", True, COUNT_QUALIFIERS),
        Field("note", "text", "caveats and deductions"),
        *_source(),
    ),
)

POLICY_EVENTS = FileSchema(
    file="policy_events.csv",
    table="policy_events",
    grain="one dated policy, rule, court or operational event (an _alt row: a disputed date)",
    key=("event_id",),
    fields=(
        Field("event_id", "text", "stable snake_case id; _alt suffix for a second date", True),
        Field("event_date", "partial_date", "date as far as known", True),
        Field("date_precision", "enum", "how exact event_date is", True, DATE_PRECISIONS),
        Field("title", "text", "short English title", True),
        Field("title_es", "text", "short Spanish title", True),
        Field("kind", "enum", "kind of event", True, EVENT_KINDS),
        Field("actor", "text", "who acted", True),
        Field("scope", "text", "national, southwest_border or port:<port_name>", True),
        Field("is_key_event", "bool", "one of the events the charts mark by default", True),
        Field("summary", "text", "one-sentence English summary", True),
        *_source(),
    ),
)

TURNBACK_REPORTS = FileSchema(
    file="turnback_reports.csv",
    table="turnback_reports",
    grain="one documented turnback incident, or one aggregate count, from one source",
    key=("record_id",),
    notes=(
        "Aggregates overlap each other and the incidents: never add them up.",
        "Pseudonyms only (e.g. 'Abigail Doe'): no real names, A-numbers, phones or addresses.",
    ),
    fields=(
        Field("record_id", "text", "stable id, tb-0001 onwards", True),
        Field(
            "record_type",
            "enum",
            "a single incident, an aggregate count, or officials other than CBP keeping "
            "people from the line (other_actor: kept, never counted as a CBP turnback)",
            True,
            ("incident", "aggregate", "other_actor"),
        ),
        Field("incident_date", "partial_date", "date of an incident, as far as known"),
        Field("period_start", "partial_date", "start of the period covered"),
        Field("period_end", "partial_date", "end of the period covered"),
        Field("date_precision", "enum", "precision of the coarsest date", False, DATE_PRECISIONS),
        Field("port_of_entry", "text", "port(s) as the source names them", True),
        Field("us_ports", "text", "port_name(s) from ports.csv joined by '|', if identifiable"),
        Field("city", "text", "Mexican city or cities joined by '|', spelled as in ports.csv"),
        Field("people_count", "int", "people turned back, only if stated"),
        Field("people_count_high", "int", "upper end when the source gives a range"),
        Field("count_unit", "enum", "what people_count counts", False, COUNT_UNITS),
        Field(
            "count_qualifier",
            "enum",
            "how the source words the count: about, more than, ... (required with a count)",
            False,
            COUNT_QUALIFIERS,
        ),
        Field("tactics", "enum_list", "tactics, joined by '|'", True, TACTICS),
        Field("description", "text", "paraphrase, pseudonyms only", True),
        Field("description_es", "text", TRANSLATION_HELP.format(column="description")),
        *_source(),
    ),
)

SCHEMAS: tuple[FileSchema, ...] = (
    SOURCES,
    PORTS,
    WAITLIST_SNAPSHOTS,
    WAITLIST_TOTALS,
    PROCESSING_PACE,
    POLICY_EVENTS,
    TURNBACK_REPORTS,
)
