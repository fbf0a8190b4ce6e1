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


ENDS_WITH_A_HANDLER = """
import atexit, sys
atexit.register(lambda: print("atexit handler ran", file=sys.stderr))
from metering.cli import main
sys.argv = ["metering", "build", "--marts-dir", sys.argv[1]]
sys.exit(main())
"""


@pytest.mark.parametrize("outcome", ["unchanged", "failed"])
def test_build_as_a_process_flushes_its_report_and_runs_atexit_handlers(
    outcome, tmp_path, marts_dir
):
    """`metering build` ends its process itself (end_process): the report is complete, the
    exit code is the command's and the atexit handlers ran."""
    import subprocess
    import sys

    if outcome == "unchanged":
        marts = tmp_path / "marts"
        shutil.copytree(marts_dir, marts)
    else:
        marts = tmp_path / "a file, not a folder"
        marts.write_text("")
    done = subprocess.run(
        [sys.executable, "-c", ENDS_WITH_A_HANDLER, str(marts)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert done.returncode == (0 if outcome == "unchanged" else 1), done.stderr
    assert done.stderr.rstrip().endswith("atexit handler ran")
    if outcome == "unchanged":
        assert "unchanged: inputs and code unchanged; marts kept" in done.stderr
    else:
        assert "the previous marts were left in place" in done.stderr


def test_build_called_in_a_process_that_goes_on_keeps_the_garbage_collector(tmp_path, marts_dir):
    """Only `metering build` run as its own process turns the cyclic collector off (that
    process ends with the build); a caller of main() with arguments, which goes on, keeps it."""
    import gc

    from metering.cli import main

    marts = tmp_path / "marts"
    shutil.copytree(marts_dir, marts)
    assert gc.isenabled()
    assert main(["build", "--marts-dir", str(marts)]) == 0
    assert gc.isenabled()


GC_STATE_AFTER_BUILD = """
import atexit, gc, sys
atexit.register(lambda: print("collector enabled:", gc.isenabled(), file=sys.stderr))
from metering.cli import main
sys.argv = ["metering", "build", "--marts-dir", sys.argv[1]]
sys.exit(main())
"""


def test_build_as_a_process_runs_without_the_garbage_collector(tmp_path, marts_dir):
    import subprocess
    import sys

    marts = tmp_path / "marts"
    shutil.copytree(marts_dir, marts)
    done = subprocess.run(
        [sys.executable, "-c", GC_STATE_AFTER_BUILD, str(marts)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().endswith("collector enabled: False")
