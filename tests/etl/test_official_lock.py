"""official.lock: every entry is a full card naming its module; verify refuses changed,
missing and unlisted files; fetch --from refreshes pinned files from a local folder."""

from __future__ import annotations

import shutil

import pytest

from etl import official_lock, official_registry, paths
from etl.problems import SourceError

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
