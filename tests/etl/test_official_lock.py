"""official.lock: every entry is a full card naming its module; verify refuses changed,
missing and unlisted files; fetch --from refreshes pinned files from a local folder."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

from etl import official_lock, official_registry, paths
from etl.problems import SourceError
from etl.sources import cbp_encounters

OFFICIAL = paths.ROOT / "data" / "raw" / "official"
SW = "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
CARD = ("path", "module", "release_id", "source_id", "title", "publisher", "url", "rounding")


@pytest.fixture
def official_copy(tmp_path):
    target = tmp_path / "official"
    shutil.copytree(OFFICIAL, target)
    return target


def test_committed_files_match_the_lock():
    checked = official_lock.verify(OFFICIAL)
    assert len(checked) == len(official_lock.entries(OFFICIAL))
    # data/raw/official/SOURCES.md, checksum table
    assert checked[SW] == "644a70518bea08884f29483c4aa6aee5fcceadc85a0bd8f09043fa6d356fedc4"


def test_every_entry_is_a_card_with_provenance():
    for entry in official_lock.entries(OFFICIAL):
        for key in (*CARD, "retrieved", "sha256", "bytes"):
            assert entry[key], (entry["path"], key)
        assert set(entry["came_from"]) == {"repository", "commit", "path"}


def test_every_entry_names_a_module_and_a_layout_it_knows():
    for entry in official_lock.entries(OFFICIAL):
        module = official_registry.module_for(entry)
        layouts = getattr(module, "LAYOUTS", None)
        if layouts is None:
            assert entry.get("layout") is None, entry["path"]
        else:
            assert entry["layout"] in layouts, entry["path"]


def test_a_module_the_lock_names_must_exist(official_copy):
    lock = official_lock.load(official_copy)
    lock["files"][0]["module"] = "no_such_reader"
    official_lock.save(official_copy, lock)
    with pytest.raises(SourceError, match=r"module 'no_such_reader' not found"):
        official_registry.official_modules(official_copy)


def test_modified_file_names_file_and_both_checksums(official_copy):
    path = official_copy / SW
    expected = official_lock.sha256_file(path)
    path.write_bytes(path.read_bytes() + b"2025,FYTD,SEP,x\r\n")
    with pytest.raises(SourceError) as err:
        official_lock.verify(official_copy)
    message = str(err.value)
    assert SW in message and expected in message
    assert official_lock.sha256_file(path) in message and "bytes" in message


def test_missing_file_is_named(official_copy):
    (official_copy / SW).unlink()
    with pytest.raises(SourceError, match="sbo-encounters-fy22-fy25-aug.csv: file is missing"):
        official_lock.verify(official_copy)


def test_unlisted_file_is_refused_and_the_message_says_how_to_pin_it(official_copy):
    (official_copy / "cbp_one" / "extra.csv").write_text("a\n1\n")
    with pytest.raises(SourceError, match=r"cbp_one/extra.csv: file is not listed.*fetch --add"):
        official_lock.verify(official_copy)


def test_refresh_from_folder_copies_newer_file_and_updates_lock(official_copy, tmp_path):
    newer = tmp_path / "incoming"
    newer.mkdir()
    data = (official_copy / SW).read_bytes() + b"2025,FYTD,SEP,Office of Field Operations\r\n"
    (newer / "sbo-encounters-fy22-fy25-aug.csv").write_bytes(data)
    changed = official_lock.refresh_from(official_copy, newer, today="2027-01-02")
    assert changed == [SW]
    entry = next(e for e in official_lock.entries(official_copy) if e["path"] == SW)
    assert entry["bytes"] == len(data) and entry["retrieved"] == "2027-01-02"
    assert entry["sha256"] == official_lock.sha256_file(official_copy / SW)
    official_lock.verify(official_copy)  # the refreshed lock matches again
    assert official_lock.refresh_from(official_copy, newer) == []  # nothing newer now


AOR_FOLDER = "cbp_nationwide_encounters_aor"
AOR = f"{AOR_FOLDER}/nationwide-encounters-fy23-fy26-jul-aor__OFO_SW_extract.csv"
AOR_FY2026 = f"{AOR_FOLDER}/nationwide-encounters-fy23-fy26-jul-aor__OFO_SW_FY2026_extract.csv"


def repin(official_dir, rel):
    """Record a file's new bytes in the lock, as `metering fetch` would."""
    lock = official_lock.load(official_dir)
    entry = next(e for e in lock["files"] if e["path"] == rel)
    entry["sha256"] = official_lock.sha256_file(official_dir / rel)
    entry["bytes"] = (official_dir / rel).stat().st_size
    official_lock.save(official_dir, lock)


def test_a_source_reads_its_files_in_lock_order(official_copy):
    dirs = paths.Dirs(paths.raw_dir(), official_copy)
    frame = cbp_encounters.read(dirs).tables["encounters"]
    # the lock lists the Southwest file, then the two AOR extracts (FY2023-25, then FY2026)
    runs = frame.select(pl.col("layout").rle()).unnest("layout")["value"].to_list()
    assert runs == ["southwest", "aor"]
    first_aor = frame["layout"].to_list().index("aor")
    assert frame["line"][first_aor] == 2 and frame["fiscal_year"][first_aor] == 2025
    assert frame["fiscal_year"][-1] == 2026


def test_a_changed_file_is_reported_before_an_unreadable_one_listed_earlier(official_copy):
    # the Southwest file (first in the lock) cannot be read, and is pinned so
    sw = official_copy / SW
    sw.write_bytes(sw.read_bytes().replace(b"Office of Field Operations", b"OFO", 1))
    repin(official_copy, SW)
    # the FY2026 extract (listed later) has changed since it was pinned
    fy2026 = official_copy / AOR_FY2026
    fy2026.write_bytes(fy2026.read_bytes() + b"\n")
    dirs = paths.Dirs(paths.raw_dir(), official_copy)
    with pytest.raises(SourceError, match=r"FY2026_extract.csv: file differs from official.lock"):
        cbp_encounters.read(dirs)
    repin(official_copy, AOR_FY2026)
    with pytest.raises(SourceError, match=r"sbo-encounters-fy22-fy25-aug.csv:2:4: unknown Comp"):
        cbp_encounters.read(dirs)


def test_of_two_unreadable_files_the_first_in_the_lock_is_reported(official_copy):
    for rel in (AOR_FY2026, AOR):
        path = official_copy / rel
        path.write_bytes(path.read_bytes().replace(b"Office of Field Operations", b"OFO", 1))
        repin(official_copy, rel)
    with pytest.raises(SourceError, match=r"OFO_SW_extract.csv:2:4: unknown Component 'OFO'"):
        cbp_encounters.read(paths.Dirs(paths.raw_dir(), official_copy))
