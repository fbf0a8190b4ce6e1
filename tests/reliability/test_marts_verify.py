"""Marts that prove themselves: a corrupt, truncated or empty marts file is noticed by the build
(it rebuilds instead of saying "unchanged"), by /healthz (503 with the reason) and by the pages
("data unavailable" in English and Spanish, never a blank page or a 500)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from etl import paths
from etl.build import build
from marts_io.manifest import MartsInvalid, verify

QUIET = {"say": lambda message: None}


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def zero(path):
    path.write_bytes(b"")


def scribble(path):
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))


BREAKS = {"truncated": truncate, "zero bytes": zero, "scribbled": scribble}


@pytest.fixture()
def good_marts(tmp_path, marts_dir):
    target = tmp_path / "marts"
    shutil.copytree(marts_dir, target)
    return target


@pytest.mark.parametrize("breakage", BREAKS, ids=list(BREAKS))
def test_a_broken_marts_file_is_rebuilt_not_called_unchanged(breakage, good_marts, real_dirs):
    BREAKS[breakage](paths.marts_path(good_marts))
    with pytest.raises(MartsInvalid, match="metering build"):
        verify(paths.marts_path(good_marts))
    report = build(real_dirs, good_marts, **QUIET)
    assert report.status == "built", report.message
    verify(paths.marts_path(good_marts))


def test_a_corrupt_manifest_is_rebuilt(good_marts, real_dirs):
    (good_marts / "manifest.json").write_text("{not json")
    assert build(real_dirs, good_marts, **QUIET).status == "built"
    assert build(real_dirs, good_marts, **QUIET).status == "unchanged"


def test_a_changed_rejects_file_is_rewritten(good_marts, real_dirs):
    (good_marts / "rejects.csv").write_text("file,line\nold.csv,3\n")
    assert build(real_dirs, good_marts, **QUIET).status == "built"
    assert (good_marts / "rejects.csv").read_text().strip() == (
        "file,line,column,column_name,value,reason"
    )


def test_temp_files_of_dead_builds_are_removed_and_a_live_one_kept(good_marts, real_dirs):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    stale = [good_marts / f"metering.duckdb.tmp-{dead}", good_marts / f"manifest.json.tmp-{dead}"]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    live = good_marts / f"metering.duckdb.tmp-{os.getppid()}"  # the process running pytest's parent
    live.write_bytes(b"x")
    assert build(real_dirs, good_marts, force=True, **QUIET).status == "built"
    assert not any(path.exists() for path in stale)
    assert live.exists()


def test_healthz_and_pages_say_the_data_is_unavailable(good_marts, dash_app):
    from dashboard import data

    previous = data._MARTS
    scribble(paths.marts_path(good_marts))
    data.use_marts(paths.marts_path(good_marts))
    try:
        client = dash_app.server.test_client()
        health = client.get("/healthz")
        assert health.status_code == 503
        assert "metering build" in health.get_json()["detail"]
        assert str(good_marts) not in health.get_data(as_text=True)  # no folder names
        for lang, title in (("en", "Data unavailable"), ("es", "Datos no disponibles")):
            for path in ("/", "/waitlists", "/turnbacks", "/policy", "/sources", "/exhibits"):
                body = page_content(client, path, f"?lang={lang}")
                assert title in body, (path, lang)
    finally:
        data._MARTS = previous


def page_content(client, path: str, search: str) -> str:
    """What the page router sends for a page, as the browser asks for it."""
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, (path, response.status_code)
    return json.dumps(response.get_json(), ensure_ascii=False)


DELETE_ONE_PORT = "delete from marts.ports where rowid = (select min(rowid) from marts.ports)"


def build_fails_and_keeps_the_old_marts(
    good_marts, real_dirs, words="the new marts do not verify: marts.ports has"
):
    """A forced build fails with `words` in its message (by default: its written file does
    not match its counts, marts.ports), and the old marts stay byte for byte (no file added
    or left behind) and still verify."""
    before = {p.name: p.read_bytes() for p in good_marts.iterdir()}
    report = build(real_dirs, good_marts, force=True, **QUIET)
    assert report.status == "failed"
    assert words in report.message
    assert {p.name: p.read_bytes() for p in good_marts.iterdir()} == before
    verify(paths.marts_path(good_marts))


def change_file(target, statement):
    import duckdb

    with duckdb.connect(str(target)) as con:
        con.execute(statement)


def test_a_table_that_lost_a_row_is_named_with_both_counts(good_marts):
    import duckdb

    from marts_io.manifest import opened_mismatch, read_manifest

    target = paths.marts_path(good_marts)
    with duckdb.connect(str(target), read_only=True) as con:  # counted here, not by the code
        (before,) = con.execute("select count(*) from marts.ports").fetchone()
    change_file(target, DELETE_ONE_PORT)
    problem = opened_mismatch(target, read_manifest(good_marts))
    assert problem == f"marts.ports has {before - 1} rows, meta.build says {before}"


def test_a_missing_table_is_named(good_marts):
    from marts_io.manifest import opened_mismatch, read_manifest

    target = paths.marts_path(good_marts)
    change_file(target, "drop table marts.turnbacks")
    problem = opened_mismatch(target, read_manifest(good_marts))
    assert problem.startswith("marts.turnbacks cannot be read (")


def test_a_build_whose_recorded_count_is_wrong_fails_and_keeps_the_old_marts(
    good_marts, real_dirs, monkeypatch
):
    """A count recorded one too high (in meta.build and the manifest alike) is caught by
    reading the written file back before the swap; the old marts stay byte for byte."""
    from etl import build as build_module

    real_count_rows = build_module.count_rows

    def one_too_many(con, tables):
        counts = real_count_rows(con, tables)
        counts["marts.ports"] += 1
        return counts

    monkeypatch.setattr(build_module, "count_rows", one_too_many)
    build_fails_and_keeps_the_old_marts(good_marts, real_dirs)


def test_the_build_checks_the_file_as_it_is_on_disk(good_marts, real_dirs, monkeypatch):
    """The check reads the closed temp file back: a row deleted from it on disk after the
    build wrote it (by another process's DuckDB) fails the build; the old marts stay."""
    from etl import build as build_module

    real_check = build_module.check_written

    def row_lost_on_disk(tmp, manifest, con):
        change_file(tmp, DELETE_ONE_PORT)
        return real_check(tmp, manifest, con)

    monkeypatch.setattr(build_module, "check_written", row_lost_on_disk)
    build_fails_and_keeps_the_old_marts(good_marts, real_dirs)


def test_a_python_mart_that_fails_while_writing_fails_the_build_and_keeps_the_old_marts(
    good_marts, real_dirs, monkeypatch
):
    """The worker thread writes the policy tables itself: a write that fails after its first
    table (a disk error, here raised by hand) fails the build with the error's words; the old
    marts stay byte for byte and still verify, and no temp file is left behind."""
    import duckdb

    from etl import policy_effects

    real_write = policy_effects.write

    def first_table_then_disk_error(con, tables):
        first = next(iter(tables))
        real_write(con, {first: tables[first]})
        raise duckdb.IOException("no space left on device (raised by the test)")

    monkeypatch.setattr(policy_effects, "write", first_table_then_disk_error)
    build_fails_and_keeps_the_old_marts(
        good_marts, real_dirs, "no space left on device (raised by the test)"
    )
