"""The committed sources against the reference corrections (sources_fixes.csv), re-read here.

Every correction of the third reading is applied to the source it names (or to the source its
duplicate was merged into); corrections the reference marks as inferred ("derived", "built
from", "normalisation", "decoded", "deduced") are flagged in inferred_fields. A new source row
cannot change any of these facts. Skipped when the reference folder is absent.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from etl.sources.curated import check_folder

REPO = Path(__file__).resolve().parents[2]
CURATED = REPO / "data" / "raw" / "curated"
REFERENCE = Path(os.environ.get("METERING_REFERENCE_DIR", REPO.parent / "shared/data/reference"))
FIXES = REFERENCE / "sources_fixes.csv"
if not FIXES.is_file():
    pytest.skip(f"sources_fixes.csv not found in {REFERENCE}", allow_module_level=True)

INFERRED_WORDS = ("derived", "built from", "normalisation", "decoded", "deduced")
# same report under two ids (reference README): the second id went, its rows cite the first
MERGED = {
    "strauss-usmex-2019-08-metering-update-august-2019-2": (
        "strauss-usmex-2019-08-metering-update-august-2019"
    ),
    "ap-2019-13-000-immigrants-wait": "ap-2019-05-10-ap-finds-13-000",
    "bts-nd-border-crossing-entry-data-location-layout": "bts-nd-border-crossing-entry-data",
}
# the El Paso Times story on Remain in Mexico (reference README): no longer cited
DROPPED = {"paso-times-2019-03-16-trump-immigration-metering-policy"}


def read(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return {r["source_id"]: r for r in read("sources.csv")}


def fixes() -> list[dict[str, str]]:
    with FIXES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_committed_record_passes_every_rule():
    assert check_folder(CURATED) == []


def test_every_correction_is_applied(sources):
    for fix in fixes():
        sid = MERGED.get(fix["source_id"], fix["source_id"])
        if sid in DROPPED:
            assert sid not in sources
            continue
        row, field, new = sources[sid], fix["field"], fix["new_value"]
        where = (sid, field, new)
        if field == "url":
            assert new == row["original_url"], where
        elif field == "via":
            # a cleared mirror leaves no copy unless the original was kept beside it
            assert (row["copy_host"] != "") == (new != ""), where
        else:
            assert row[field] == new, where
        if any(w in fix["evidence_note"].lower() for w in INFERRED_WORDS) and field != "via":
            column = "original_url" if field == "url" else field
            assert column in row["inferred_fields"].split("|"), where


def test_merged_and_dropped_sources_are_not_cited(sources):
    gone = set(MERGED) | DROPPED
    assert not gone & set(sources)
    for name in ("waitlist_snapshots.csv", "waitlist_totals.csv", "processing_pace.csv"):
        assert not gone & {r["source_id"] for r in read(name)}, name
    for name in ("policy_events.csv", "turnback_reports.csv", "ports.csv"):
        assert not gone & {r["source_id"] for r in read(name)}, name


def test_footnote_facts_a_court_needs(sources):
    for sid, row in sources.items():
        assert row["title"] or row["untitled_description"], sid
        assert not row["title"].startswith("["), sid
        assert row["published"] or row["undated_reason"], sid
        assert row["original_url"] or row["copy_url"], sid
        if row["copy_url"]:
            assert row["copy_host"], sid
    # Proclamation 9822: its date was in its own address (issue 11); now dated from the FR header
    proclamation = sources["federal-register-nd-proclamation-9822-addressing-mass"]
    assert proclamation["published"] == "2018-11-15"
    assert "Proclamation No. 9822" in proclamation["formal_citation"]
