"""official.lock: verify refuses changed, missing and unlisted files; fetch --from refreshes it."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from etl import official_lock, paths
from etl.problems import SourceError

SW = "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"


@pytest.fixture
def official_copy(tmp_path):
    target = tmp_path / "official"
    shutil.copytree(paths.ROOT / "data" / "raw" / "official", target)
    return target


def test_committed_files_match_the_lock():
    checked = official_lock.verify(paths.ROOT / "data" / "raw" / "official")
    assert len(checked) == 5
    assert checked[SW] == "644a70518bea08884f29483c4aa6aee5fcceadc85a0bd8f09043fa6d356fedc4"


def test_lock_records_provenance_of_every_file():
    lock = official_lock.load(paths.ROOT / "data" / "raw" / "official")
    for entry in lock["files"]:
        for key in ("publisher", "url", "release", "release_id", "rounding", "retrieved"):
            assert entry[key], (entry["path"], key)
        assert set(entry["came_from"]) == {"repository", "commit", "path"}


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


def test_unlisted_file_is_refused(official_copy):
    (official_copy / "cbp_one" / "extra.csv").write_text("a\n1\n")
    with pytest.raises(SourceError, match="cbp_one/extra.csv: file is not listed"):
        official_lock.verify(official_copy)


def test_fetch_from_folder_copies_newer_file_and_updates_lock(official_copy, tmp_path):
    newer = tmp_path / "incoming"
    newer.mkdir()
    data = (official_copy / SW).read_bytes() + b"2025,FYTD,SEP,Office of Field Operations\r\n"
    (newer / "sbo-encounters-fy22-fy25-aug.csv").write_bytes(data)
    changed = official_lock.fetch(official_copy, from_dir=newer, today="2027-01-02")
    assert changed == [SW]
    entry = next(e for e in official_lock.entries(official_copy) if e["path"] == SW)
    assert entry["bytes"] == len(data) and entry["retrieved"] == "2027-01-02"
    assert entry["sha256"] == official_lock.sha256_file(official_copy / SW)
    official_lock.verify(official_copy)  # the refreshed lock matches again
    assert official_lock.fetch(official_copy, from_dir=newer) == []  # nothing newer now


def test_fetch_without_network_fails_fast_with_a_clear_error(official_copy):
    lock = json.loads((official_copy / official_lock.LOCK_NAME).read_text())
    urls = {e["path"]: "http://127.0.0.1:9/unreachable.csv" for e in lock["files"]}
    start = time.monotonic()
    with pytest.raises(SourceError, match="cannot download http://127.0.0.1:9/unreachable.csv"):
        official_lock.fetch(official_copy, urls=urls)
    assert time.monotonic() - start < official_lock.TIMEOUT_S
    official_lock.verify(official_copy)  # nothing was overwritten


def test_cli_verify_exit_codes(official_copy, capsys):
    assert official_lock.main(["verify", "--official-dir", str(official_copy)]) == 0
    (official_copy / SW).write_text("changed")
    assert official_lock.main(["verify", "--official-dir", str(official_copy)]) == 1
    assert "expected sha256" in capsys.readouterr().err
