"""The `metering` command line: exit codes and messages for build, check and fetch."""

from __future__ import annotations

import json
import shutil

import pytest

from etl import paths
from metering.cli import main


def test_check_on_the_committed_data_finds_no_problem(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().err.strip().endswith(" 0 problem(s)")


def test_unknown_command_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main(["rebuild"])
    assert exit_info.value.code == 2


def test_build_failure_exits_1_and_keeps_marts(tmp_path, raw_copy, capsys):
    marts = tmp_path / "marts"
    assert main(["build", "--raw-dir", str(raw_copy.raw), "--marts-dir", str(marts)]) == 0
    path = raw_copy.raw / "waitlist_totals.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",exact,", ",roughly,", 1), encoding="utf-8"
    )
    before = paths.marts_path(marts).read_bytes()
    assert main(["build", "--raw-dir", str(raw_copy.raw), "--marts-dir", str(marts)]) == 1
    err = capsys.readouterr().err
    assert "waitlist_totals.csv:" in err and "count_qualifier = 'roughly'" in err
    assert "the previous marts were left in place" in err
    assert paths.marts_path(marts).read_bytes() == before


def test_fetch_from_a_folder_updates_the_lock(tmp_path, monkeypatch, capsys):
    official = tmp_path / "official"
    shutil.copytree(paths.official_dir(), official)
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official))
    lock = json.loads((official / "official.lock").read_text())
    entry = next(e for e in lock["files"] if e["path"].endswith(".csv"))
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / entry["path"].rsplit("/", 1)[-1]).write_bytes(
        (official / entry["path"]).read_bytes() + b"\n"
    )

    assert main(["fetch", "--from", str(newer)]) == 0
    assert capsys.readouterr().out == f"1 file(s) updated: {entry['path']}\n"
    updated = next(
        e
        for e in json.loads((official / "official.lock").read_text())["files"]
        if e["path"] == entry["path"]
    )
    assert updated["bytes"] == entry["bytes"] + 1 and updated["sha256"] != entry["sha256"]
