"""Every written rule of FORMATS.md breaks once, on a small made-up folder, and `metering check`
finds it in its first run; the nine rows of issue 11 are all reported by one run.

The fixture rows are synthetic (test values, not source data). Each broken row is appended to a
folder that passes, so the problem found can only come from that row.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.curated_rules import RULES
from etl.curated_schema import SCHEMAS
from etl.sources.curated import check_folder
from metering.cli import main

SCHEMA = {s.file: s for s in SCHEMAS}
EVIDENCE = "Synthetic test row."
VALID = {
    "ports.csv": [
        {
            "port_name": "San Ysidro",
            "field_office": "San Diego",
            "us_state": "CA",
            "mx_city": "Tijuana",
            "mx_state": "Baja California",
        },
        {
            "port_name": "Otay Mesa",
            "field_office": "San Diego",
            "us_state": "CA",
            "mx_city": "Tijuana",
            "mx_state": "Baja California",
        },
        {
            "port_name": "El Paso",
            "field_office": "El Paso",
            "us_state": "TX",
            "mx_city": "Ciudad Juárez",
            "mx_state": "Chihuahua",
        },
    ],
    "sources.csv": [
        {
            "source_id": "test-2019-05-10-list",
            "title": "A test report on a list",
            "publisher": "Test Publisher",
            "published": "2019-05-10",
            "published_precision": "day",
            "original_url": "https://example.org/2019/05/10/list",
            "language": "en",
        },
        {
            "source_id": "test-nd-repost",
            "title": "A reposted test story",
            "publisher": "Test Paper",
            "undated_reason": "not_shown",
            "copy_url": "https://mirror.example.net/story",
            "copy_host": "mirror.example.net",
            "copy_note": "repost",
            "language": "en",
        },
    ],
    "waitlist_snapshots.csv": [
        {
            "city": "Tijuana",
            "mx_state": "Baja California",
            "us_port": "San Ysidro",
            "as_of_date": "2019-05-10",
            "date_precision": "day",
            "people_waiting": "100",
            "count_unit": "people",
            "count_qualifier": "about",
            "list_kind": "metering_list",
            "list_status": "open",
        }
    ],
    "waitlist_totals.csv": [
        {
            "as_of_date": "2019-05-01",
            "date_precision": "month",
            "report": "Test edition",
            "series": "metering_update",
            "people_waiting_total": "1000",
            "count_unit": "people",
            "count_qualifier": "about",
            "is_comparable": "true",
        }
    ],
    "processing_pace.csv": [
        {
            "city": "Tijuana",
            "us_port": "San Ysidro",
            "as_of_date": "2019-05-10",
            "metric": "people taken per day",
            "value_text": "40",
            "value_low": "40",
            "value_high": "40",
            "unit": "persons_per_day",
            "count_qualifier": "exact",
        }
    ],
    "policy_events.csv": [
        {
            "event_id": "test_event",
            "event_date": "2019-05",
            "date_precision": "month",
            "title": "Test event",
            "title_es": "Evento de prueba",
            "kind": "policy",
            "actor": "CBP",
            "scope": "national",
            "is_key_event": "false",
            "summary": "A made-up event for a test.",
        }
    ],
    "turnback_reports.csv": [
        {
            "record_id": "tb-0001",
            "record_type": "incident",
            "incident_date": "2019-05-10",
            "date_precision": "day",
            "port_of_entry": "San Ysidro",
            "us_ports": "San Ysidro",
            "city": "Tijuana",
            "tactics": "denial_of_access",
            "description": "A made-up incident for a test.",
            "description_es": "Un incidente inventado para una prueba.",
        }
    ],
}
SOURCE_ID = VALID["sources.csv"][0]["source_id"]


def with_source(file: str, row: dict) -> dict:
    if file == "sources.csv" or "source_id" not in SCHEMA[file].columns:
        return row
    return {"source_id": SOURCE_ID, "evidence": EVIDENCE, **row}


def write_folder(folder: Path, extra: dict[str, list[dict]] | None = None) -> dict[str, int]:
    """The valid folder plus `extra` rows; returns the line of each file's first extra row."""
    folder.mkdir(parents=True, exist_ok=True)
    first_extra = {}
    for schema in SCHEMAS:
        rows = [with_source(schema.file, r) for r in VALID[schema.file]]
        added = (extra or {}).get(schema.file, [])
        first_extra[schema.file] = len(rows) + 2
        with (folder / schema.file).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, schema.columns, lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows + [with_source(schema.file, r) for r in added])
    return first_extra


def base(file: str, **changes) -> dict:
    return {**VALID[file][0], **changes}


def new_source(**changes) -> dict:
    return base("sources.csv", **{"source_id": "test-2019-06-01-other", **changes})


# rule -> (file, the row that breaks it once)
BREAKERS: dict[str, tuple[str, dict]] = {
    "cell_kinds": ("waitlist_snapshots.csv", base("waitlist_snapshots.csv", people_waiting="x")),
    "unique_key": ("turnback_reports.csv", base("turnback_reports.csv")),
    "no_personal_identifiers": (
        "turnback_reports.csv",
        base("turnback_reports.csv", record_id="tb-0002", description="Call 619-555-0100."),
    ),
    "source_id_known": (
        "waitlist_totals.csv",
        {**base("waitlist_totals.csv", report="Other"), "source_id": "test-2019-05-10-lists"},
    ),
    "evidence_under_25_words": (
        "waitlist_snapshots.csv",
        {**base("waitlist_snapshots.csv", as_of_date="2019-05-11"), "evidence": "word " * 40},
    ),
    "count_has_unit_and_qualifier": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-12", count_qualifier=""),
    ),
    "low_before_high": (
        "processing_pace.csv",
        base("processing_pace.csv", metric="other", value_low="50", value_high="20"),
    ),
    "range_has_high": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-13", count_qualifier="range"),
    ),
    "date_matches_precision": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-15", date_precision="month"),
    ),
    "metering_list_before_title42": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2021-03-01"),
    ),
    "pace_total_has_period": (
        "processing_pace.csv",
        base("processing_pace.csv", metric="people taken", unit="persons"),
    ),
    "city_in_ports": (
        "turnback_reports.csv",
        base("turnback_reports.csv", record_id="tb-0003", city="Ciudad Juarez", us_ports=""),
    ),
    "port_in_ports": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-14", us_port="San Isidro"),
    ),
    "state_of_city": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-16", mx_state="Sonora"),
    ),
    "port_faces_city": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-17", us_port="El Paso"),
    ),
    "spanish_beside_english": (
        "waitlist_snapshots.csv",
        base("waitlist_snapshots.csv", as_of_date="2019-05-18", list_manager="Test shelter"),
    ),
    "source_title_as_published": (
        "sources.csv",
        new_source(title="[Test Paper report on a list]", original_url="https://example.org/a"),
    ),
    "source_dated_or_reason": (
        "sources.csv",
        new_source(title="Other", published="", original_url="https://example.org/b"),
    ),
    "source_url_safe": (
        "sources.csv",
        new_source(title="Other", original_url="https://preprod.example.org/c"),
    ),
    "source_has_address": ("sources.csv", new_source(title="Other", original_url="")),
    "source_copy_named": (
        "sources.csv",
        new_source(title="Other", copy_url="https://mirror.example.net/d", copy_host=""),
    ),
    "source_original_not_a_copy_site": (
        "sources.csv",
        new_source(title="Other", original_url="https://casetext.com/case/test"),
    ),
    "source_not_already_listed": (
        "sources.csv",
        new_source(title="Other", original_url="https://example.org/2019/05/10/list"),
    ),
}


def test_the_valid_folder_passes(tmp_path):
    write_folder(tmp_path)
    assert check_folder(tmp_path) == []


def test_every_rule_has_a_row_that_breaks_it():
    assert {r.name for r in RULES} - {"row_width"} == set(BREAKERS)


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_each_rule_is_reported_in_the_first_run(tmp_path, name):
    file, row = BREAKERS[name]
    line = write_folder(tmp_path, {file: [row]})[file]
    found = [(p.file, p.line) for p in check_folder(tmp_path) if p.reason.endswith(f"[{name}]")]
    assert (file, line) in found, check_folder(tmp_path)


def test_a_row_with_a_missing_field_is_reported(tmp_path):
    write_folder(tmp_path)
    with (tmp_path / "policy_events.csv").open("a", encoding="utf-8") as fh:
        fh.write("only,three,fields\n")
    problems = check_folder(tmp_path)
    assert [(p.file, p.line, p.reason.endswith("[row_width]")) for p in problems] == [
        ("policy_events.csv", 3, True)
    ]


# the nine rows of issue 11 that once passed `metering check`, each breaking one written rule
NINE = {
    "waitlist_snapshots.csv": [
        (base("waitlist_snapshots.csv", as_of_date="2021-06-01"), "metering_list_before_title42"),
        (
            {**base("waitlist_snapshots.csv", as_of_date="2019-05-20"), "evidence": "w " * 40},
            "evidence_under_25_words",
        ),
        (
            base("waitlist_snapshots.csv", as_of_date="2019-06-15", date_precision="month"),
            "date_matches_precision",
        ),
        (
            base("waitlist_snapshots.csv", as_of_date="2019-05-21", count_qualifier="range"),
            "range_has_high",
        ),
        (
            base("waitlist_snapshots.csv", as_of_date="2019-05-22", mx_state="Sonora"),
            "state_of_city",
        ),
        (
            base("waitlist_snapshots.csv", as_of_date="2019-05-23", us_port="El Paso"),
            "port_faces_city",
        ),
    ],
    "processing_pace.csv": [
        (base("processing_pace.csv", metric="people", unit="persons"), "pace_total_has_period")
    ],
    "turnback_reports.csv": [
        (
            base("turnback_reports.csv", record_id="tb-0009", city="Ciudad Juarez", us_ports=""),
            "city_in_ports",
        )
    ],
    "sources.csv": [
        (
            new_source(title="Other", original_url="https://example.org/2019/05/10/list/"),
            "source_not_already_listed",
        )
    ],
}


def test_the_nine_rows_of_issue_11_are_all_reported_in_one_run(tmp_path, capsys):
    first = write_folder(tmp_path, {f: [row for row, _ in rows] for f, rows in NINE.items()})
    for schema in SCHEMAS:  # the command reads the source cards too
        (tmp_path / schema.file.replace(".csv", ".yml")).write_text(
            "title: t\ntitle_es: t\n", encoding="utf-8"
        )
    assert main(["check", "--raw-dir", str(tmp_path)]) == 1
    printed = capsys.readouterr().out.splitlines()
    for file, rows in NINE.items():
        for offset, (_row, rule) in enumerate(rows):
            where = f"{file}:{first[file] + offset}:"
            assert any(p.startswith(where) and p.endswith(f"[{rule}]") for p in printed), (
                where,
                rule,
                printed,
            )


def test_hints_name_the_nearest_city_port_and_source(tmp_path):
    extra = {
        "turnback_reports.csv": [BREAKERS["city_in_ports"][1]],
        "waitlist_snapshots.csv": [BREAKERS["port_in_ports"][1]],
        "waitlist_totals.csv": [BREAKERS["source_id_known"][1]],
    }
    write_folder(tmp_path, extra)
    reasons = " ".join(p.reason for p in check_folder(tmp_path))
    assert "(did you mean Ciudad Juárez?)" in reasons
    assert "(did you mean San Ysidro?)" in reasons
    assert "(did you mean test-2019-05-10-list?)" in reasons


def test_an_empty_qualifier_asks_for_the_qualifier(tmp_path):
    write_folder(
        tmp_path, {"waitlist_snapshots.csv": [BREAKERS["count_has_unit_and_qualifier"][1]]}
    )
    [problem] = check_folder(tmp_path)
    assert problem.column_name == "count_qualifier"
    assert "say how the source words it" in problem.reason
    assert "what the count counts" not in problem.reason


def test_a_pace_without_its_qualifier_asks_for_it(tmp_path):
    paced = base(
        "waitlist_snapshots.csv",
        as_of_date="2019-05-12",
        processed_low="40",
        processed_unit="per_day",
        processed_counts="people",
    )
    write_folder(tmp_path, {"waitlist_snapshots.csv": [paced]})
    [problem] = check_folder(tmp_path)
    assert problem.column_name == "processed_qualifier"
    assert problem.reason.endswith("[count_has_unit_and_qualifier]")


def test_placeholder_titles_staging_hosts_and_credentials_are_refused(tmp_path):
    extra = {
        "sources.csv": [
            new_source(
                source_id="t-1", title="[A report on a list]", original_url="https://a.org/1"
            ),
            new_source(source_id="t-2", title="B", original_url="https://x-stage.b.org/2"),
            new_source(source_id="t-3", title="C", original_url="http://user@c.org/3"),
            new_source(source_id="t-4", title="D", original_url="ftp://d.org/4"),
            new_source(source_id="t-5", title="E (AP)", original_url="https://e.org/5"),
        ]
    }
    write_folder(tmp_path, extra)
    lines = {p.line for p in check_folder(tmp_path)}
    assert lines == {4, 5, 6, 7, 8}


def test_a_translation_without_its_english_is_reported(tmp_path):
    row = base("waitlist_snapshots.csv", as_of_date="2019-05-19", reported_wait_text_es="semanas")
    line = write_folder(tmp_path, {"waitlist_snapshots.csv": [row]})["waitlist_snapshots.csv"]
    found = [
        (p.line, p.column_name)
        for p in check_folder(tmp_path)
        if p.reason.endswith("[spanish_beside_english]")
    ]
    assert found == [(line, "reported_wait_text_es")]
