"""The curated CSVs against the compiled reference they were made from.

For every curated row with a ref_line, the reference row starting at that physical line is read
again (independently of tools/curate_reference.py) and every figure carried over must be
identical: counts, processing figures, wait days, totals, people_count, dates, the city after
normalisation, and the source address. Also: row counts, schema columns and enums (through
etl.curated_check), source ids that resolve, privacy, and that rerunning the script reproduces
the committed files byte for byte.

The reference folder is found through METERING_REFERENCE_DIR, by default
../shared/data/reference relative to the repository root; the module is skipped if it is absent.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from etl.curated_check import check_cell
from etl.curated_schema import SCHEMAS

REPO = Path(__file__).resolve().parents[2]
CURATED = REPO / "data" / "raw" / "curated"
REFERENCE = Path(os.environ.get("METERING_REFERENCE_DIR", REPO.parent / "shared/data/reference"))
if not REFERENCE.is_absolute():
    REFERENCE = (REPO / REFERENCE).resolve()

if not (REFERENCE / "waitlist_snapshots.csv").is_file():
    pytest.skip(
        f"compiled reference folder not found at {REFERENCE} (set METERING_REFERENCE_DIR)",
        allow_module_level=True,
    )

# curated file -> (reference file, number of reference rows, rows excluded on purpose)
CARRIED = {
    "waitlist_snapshots.csv": ("waitlist_snapshots.csv", 108),
    "waitlist_totals.csv": ("waitlist_border_totals.csv", 22),
    "processing_pace.csv": ("tijuana_processing.csv", 25),
    "policy_events.csv": ("policy_events.csv", 68),
    "turnback_reports.csv": ("turnback_reports.csv", 127),
}
EXCLUDED: dict[str, set[int]] = {name: set() for name in CARRIED}
# The reference README: the El Paso Times story of 2019-03-16 is about Remain in Mexico, not
# metering; its two uses (policy event el_paso_metering_with_inm, turnback tb-0041) were dropped.
EXCLUDED["policy_events.csv"] = {24}
EXCLUDED["turnback_reports.csv"] = {42}
EVIDENCE_WORDS = 25  # curated evidence is under 25 words; longer reference lines were shortened


def same_evidence(curated: str, reference: str) -> bool:
    """Carried over as written, or shortened because the reference line breaks the 25-word rule."""
    if curated == reference:
        return True
    return len(reference.split()) >= EVIDENCE_WORDS > len(curated.split())


def fixes_by_source() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with (REFERENCE / "sources_fixes.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["source_id"], []).append(r)
    return out


def addresses(source: dict[str, str]) -> set[str]:
    """Every address a source was read at: original, copy, addresses the reference fixes replaced
    and the addresses of merged duplicates named in its note."""
    found = {source["original_url"], source["copy_url"]} - {""}
    found |= {f["old_value"] for f in FIXES.get(source["source_id"], []) if f["field"] == "url"}
    found |= set(re.findall(r"also read at (\S+) \(formerly", source["note"]))
    return found


CITY = {
    "Ciudad Acuna": "Ciudad Acuña",
    "Ciudad Juarez": "Ciudad Juárez",
    "San Luis Rio Colorado": "San Luis Río Colorado",
    "Ciudad Miguel Aleman": "Ciudad Miguel Alemán",
    "Nogales, Sonora": "Nogales",
}


def read_by_line(path: Path) -> dict[int, dict[str, str]]:
    """Rows keyed by the physical line where they start (header is line 1)."""
    out = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        end = reader.line_num
        for record in reader:
            start, end = end + 1, reader.line_num
            if any(c.strip() for c in record):
                out[start] = dict(zip(header, record, strict=True))
    return out


def read_curated(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def city(raw: str) -> str:
    raw = re.sub(r"\s*\(.*\)$", "", raw.strip())
    return CITY.get(raw, raw)


def number_parts(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))


FIXES = fixes_by_source()


@pytest.fixture(scope="module")
def ref():
    return {cur: read_by_line(REFERENCE / src) for cur, (src, _n) in CARRIED.items()}


@pytest.fixture(scope="module")
def sources():
    rows = read_curated("sources.csv")
    return {r["source_id"]: r for r in rows}


def pairs(name: str, ref):
    """(curated row, reference row) for every curated row of a file."""
    table = ref[name]
    for row in read_curated(name):
        line = int(row["ref_line"])
        assert line in table, f"{name}: ref_line {line} is not the start of a reference row"
        yield row, table[line]


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize("name", sorted(CARRIED))
def test_every_reference_row_is_carried_over_once(name, ref):
    src, expected = CARRIED[name]
    assert len(ref[name]) == expected, f"{src} no longer has {expected} rows"
    lines = [int(r["ref_line"]) for r in read_curated(name)]
    assert len(lines) == len(set(lines)), f"{name}: a reference row is used twice"
    assert set(lines) == set(ref[name]) - EXCLUDED[name]


# --------------------------------------------------------------------------- figures


def test_snapshot_figures(ref, sources):
    for row, r in pairs("waitlist_snapshots.csv", ref):
        where = f"waitlist_snapshots ref_line {row['ref_line']}"
        assert row["people_waiting"] == r["people_waiting"].strip(), where
        assert row["as_of_date"] == r["as_of_date"] and row["date_precision"] == r["date_precision"]
        assert row["city"] == city(r["city"]), where
        assert row["mx_state"] == r["mx_state"], where
        port = re.sub(r"\s*\(.*\)$", "", r["us_port"])
        assert row["us_port"] == port, where
        if row["crossing"]:
            assert f"({row['crossing']})" in r["us_port"], where
        assert row["reported_wait_days_low"] == r["wait_days_low"], where
        assert row["reported_wait_days_high"] == r["wait_days_high"], where
        assert row["reported_wait_text"] == r["reported_wait_text"], where
        assert row["list_manager"] == r["list_manager"], where
        assert row["list_status"] == r["list_status"].replace(" ", "_"), where
        assert row["note"] == r["people_waiting_note"], where
        assert same_evidence(row["evidence"], r["evidence"]), where
        assert row["processed_unit"] == r["processed_rate_unit"], where
        rate = number_parts(r["processed_rate"])
        if not rate:
            assert row["processed_low"] == row["processed_high"] == "", where
        else:
            low, high = rate[0], rate[-1]
            assert row["processed_low"] in ("", low), where
            assert row["processed_high"] in ("", high), where
            assert row["processed_low"] or row["processed_high"], where
            if row["processed_low"] == "" or row["processed_high"] == "":
                assert re.search(r"just under|lower bound|over \d+", r["people_waiting_note"]), (
                    where
                )
        if row["people_waiting_high"]:
            assert row["people_waiting_high"] in number_parts(r["people_waiting_note"]), where
            assert row["count_qualifier"] == "range", where
        if not row["people_waiting"]:
            assert not row["people_waiting_high"], where
        assert r["source_url"] in addresses(sources[row["source_id"]]), where


def test_snapshot_title42_rows_are_not_drawn_as_metering_lists(ref):
    for row in read_curated("waitlist_snapshots.csv"):
        if row["as_of_date"] > "2020-03-20":
            assert row["list_kind"] != "metering_list", row
        if "families" in row["note"].split(";")[0]:
            assert row["count_unit"] == "families", row


def test_total_figures(ref, sources):
    for row, r in pairs("waitlist_totals.csv", ref):
        where = f"waitlist_totals ref_line {row['ref_line']}"
        assert row["people_waiting_total"] == r["total_people"], where
        assert row["cities_reporting"] == r["cities_count"], where
        assert row["as_of_date"] == r["as_of_date"] and row["date_precision"] == r["date_precision"]
        assert row["report"] == r["report"] and row["note"] == r["total_note"], where
        assert same_evidence(row["evidence"], r["evidence"]), where
        expected_series = "metering_update" if r["report"].startswith("Strauss") else "press_count"
        assert row["series"] == expected_series, where
        not_comparable = "not comparable" in (r["report"] + r["total_note"]).lower()
        assert row["is_comparable"] == ("false" if not_comparable else "true"), where
        assert r["source_url"] in addresses(sources[row["source_id"]]), where


def test_total_same_edition_from_two_sources_kept():
    rows = read_curated("waitlist_totals.csv")
    may = [r for r in rows if r["as_of_date"] == "2019-05-01" and r["series"] == "metering_update"]
    assert len({r["source_id"] for r in may}) == len(may) >= 3


def test_processing_figures(ref, sources):
    for row, r in pairs("processing_pace.csv", ref):
        where = f"processing_pace ref_line {row['ref_line']}"
        assert (row["city"], row["us_port"]) == ("Tijuana", "San Ysidro"), where
        assert row["value_text"] == r["value"], where
        parts = number_parts(r["value"])
        if row["value_low"] or row["value_high"]:
            assert row["value_low"] == parts[0] and row["value_high"] == parts[-1], where
        else:
            assert "then" in r["value"], where  # successive caps are not a range
        for col in ("as_of_date", "period_start", "period_end", "metric", "unit"):
            assert row[col] == r[col], (where, col)
        assert same_evidence(row["evidence"], r["evidence"]), where
        assert r["source_url"] in addresses(sources[row["source_id"]]), where


def test_event_fields(ref, sources):
    rows = read_curated("policy_events.csv")
    keys = [(r["event_date"], r["event_id"]) for r in rows]
    assert keys == sorted(keys), "policy events must be sorted by event_date, event_id"
    for row, r in pairs("policy_events.csv", ref):
        where = f"policy_events ref_line {row['ref_line']}"
        for col in ("event_id", "event_date", "title", "kind", "actor", "summary"):
            assert row[col] == r[col], (where, col)
        assert same_evidence(row["evidence"], r["evidence"]), where
        assert row["scope"] == re.sub(r"\s*\(.*\)$", "", r["scope"]), where
        assert row["title_es"].strip() and row["title_es"] != row["title"], where
        if row["event_id"].endswith("_alt"):
            assert row["is_key_event"] == "false", where
        assert r["source_url"] in addresses(sources[row["source_id"]]), where
    key = {r["event_id"] for r in rows if r["is_key_event"] == "true"}
    assert key == {
        "cbp_metering_guidance_memo",
        "mpp_announced",
        "transit_ban_ifr",
        "title42_order",
        "metering_rescinded",
        "cbp_one_scheduling_launch",
        "title42_ends",
        "securing_border_proclamation",
        "cbp_one_scheduling_ended",
    }


def test_turnback_figures(ref, sources):
    rows = read_curated("turnback_reports.csv")
    ids = [r["record_id"] for r in rows]
    assert ids == sorted(set(ids)) and all(re.fullmatch(r"tb-\d{4}", i) for i in ids)
    assert [int(r["ref_line"]) for r in rows] == sorted(int(r["ref_line"]) for r in rows)
    for row, r in pairs("turnback_reports.csv", ref):
        where = f"turnback_reports ref_line {row['ref_line']}"
        for col in (
            "record_type",
            "incident_date",
            "period_start",
            "period_end",
            "date_precision",
            "port_of_entry",
            "description",
        ):
            assert row[col] == r[col], (where, col)
        assert same_evidence(row["evidence"], r["evidence"]), where
        assert row["tactics"] == r["tactic"], where
        expected_cities = [city(c) for c in r["city"].split(";") if c.strip()]
        assert row["city"] == "|".join(expected_cities), where
        if row["people_count"]:
            assert row["people_count"] == r["people_count"], where
            assert row["count_unit"] in ("people", "cases"), where
        elif r["people_count"]:
            # a figure that is not a count of people turned back stays in the description
            figure = r["people_count"]
            assert figure in row["description"].replace(",", ""), where
            assert not row["count_unit"], where
        if row["count_unit"] == "cases":
            assert row["people_count"] == "125", where  # Human Rights First, "Crossing the Line"
            assert "125" in r["description"] + r["evidence"], where
        assert r["source_url"] in addresses(sources[row["source_id"]]), where


# --------------------------------------------------------------------------- schema & sources


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.file)
def test_schema_columns_and_cells(schema):
    path = CURATED / schema.file
    raw = path.read_bytes()
    assert b"\r" not in raw, f"{schema.file}: line endings must be LF"
    raw.decode("utf-8")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        assert next(reader) == schema.columns, f"{schema.file}: columns differ from the schema"
    rows = read_curated(schema.file)
    fields = {f.name: f for f in schema.fields}
    problems = []
    for i, row in enumerate(rows, start=2):
        for name, f in fields.items():
            _value, problem = check_cell(row[name], f)
            if problem:
                problems.append(f"{schema.file}:{i} {name} {row[name]!r} {problem}")
    assert not problems, "\n".join(problems[:20])
    if schema.key:
        keys = [tuple(r[k] for k in schema.key) for r in rows]
        assert len(keys) == len(set(keys)), f"{schema.file}: duplicate key {schema.key}"


def test_every_source_id_resolves_and_sources_are_distinct(sources):
    rows = read_curated("sources.csv")
    assert len(sources) == len(rows), "duplicate source_id"
    read_at = [u for r in rows for u in (r["original_url"], r["copy_url"]) if u]
    assert len(read_at) == len(set(read_at)), "one row per distinct address"
    for r in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["source_id"]), r["source_id"]
    used = set()
    for schema in SCHEMAS:
        if schema.file == "sources.csv":
            continue
        for row in read_curated(schema.file):
            assert row["source_id"] in sources, f"{schema.file}: {row['source_id']} not in sources"
            used.add(row["source_id"])
    assert used == set(sources), f"unused sources: {sorted(set(sources) - used)}"
    reference_urls = set()
    for src, _n in CARRIED.values():
        with (REFERENCE / src).open(newline="", encoding="utf-8-sig") as fh:
            reference_urls |= {r["source_url"] for r in csv.DictReader(fh)}
    known = set().union(*(addresses(r) for r in rows))
    dropped = {
        "https://www.elpasotimes.com/story/news/immigration/2019/03/16/trump-immigration-"
        "metering-policy-migrant-protection-protocols-implemented-el-paso-juarez/3177682002/"
    }
    assert reference_urls - dropped <= known


def test_ports_and_cities_resolve():
    ports = {p["port_name"]: p for p in read_curated("ports.csv")}
    for p in ports.values():
        assert p["cbp_port_code"] and p["lat"] and p["lon"], p  # all found in BTS
        assert p["evidence"].count(p["cbp_port_code"]) == 1, p
        assert p["lat"] in p["evidence"] and p["lon"] in p["evidence"], p
    cities = {p["mx_city"] for p in ports.values()}
    for row in read_curated("waitlist_snapshots.csv"):
        assert row["us_port"] in ports and row["city"] in cities, row
        assert ports[row["us_port"]]["mx_city"] == row["city"], row
    for row in read_curated("processing_pace.csv"):
        assert row["us_port"] in ports and row["city"] in cities
    for row in read_curated("turnback_reports.csv"):
        for p in filter(None, row["us_ports"].split("|")):
            assert p in ports, row["record_id"]
        for c in filter(None, row["city"].split("|")):
            assert c in cities, row["record_id"]
    for row in read_curated("policy_events.csv"):
        if row["scope"].startswith("port:"):
            assert row["scope"][5:] in ports, row["event_id"]


def test_privacy_no_identifiers():
    a_number = re.compile(r"\bA[- ]?\d{8,9}\b|\bA[- ]?\d{3}[- ]\d{3}[- ]\d{3}\b")
    phone = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\+52[ \d-]{8,}")
    address = re.compile(
        r"\b\d{2,5} [A-Z][a-z]+ (Street|St\.|Avenue|Ave\.|Road|Rd\.|Blvd)\b|"
        r"\bCalle [A-Z][a-z]+ (No\.|#) ?\d+"
    )
    for name in (
        "waitlist_snapshots.csv",
        "turnback_reports.csv",
        "processing_pace.csv",
        "policy_events.csv",
        "waitlist_totals.csv",
    ):
        text = (CURATED / name).read_text(encoding="utf-8")
        for pattern in (a_number, phone, address):
            assert not pattern.search(text), (name, pattern.search(text))


def test_source_cards_exist():
    import yaml

    required = {
        "dataset",
        "title",
        "title_es",
        "description",
        "description_es",
        "compiled_from",
        "coverage",
        "caveats",
        "caveats_es",
        "quality_check",
        "licence",
        "updated",
    }
    for name in (
        "waitlist_snapshots",
        "waitlist_totals",
        "processing_pace",
        "policy_events",
        "turnback_reports",
        "ports",
        "sources",
    ):
        card = yaml.safe_load((CURATED / f"{name}.yml").read_text(encoding="utf-8"))
        assert required <= set(card), name
        assert card["dataset"] == name
        assert len(card["caveats"]) == len(card["caveats_es"]) > 0
