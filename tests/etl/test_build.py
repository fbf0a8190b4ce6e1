"""The build: strict checks, rejects with file:line:column, atomic swap, no-op rebuilds."""

from __future__ import annotations

import csv
import json

import duckdb

from etl import paths
from etl.build import build
from etl.paths import Dirs


def quiet(message: str) -> None:
    pass


def rewrite_cell(path, line: int, column: str, value: str) -> None:
    """Set one cell of a curated CSV (line = physical line, header is line 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[line - 1][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_committed_data_builds_with_no_rejects(marts_dir):
    manifest = json.loads((marts_dir / "manifest.json").read_text())
    assert manifest["rejected_rows"] == 0
    assert manifest["row_counts"]["marts.waitlist_snapshots"] > 100
    assert any(name.startswith("curated/") for name in manifest["inputs"])
    assert (marts_dir / "rejects.csv").read_text().strip() == (
        "file,line,column,column_name,value,reason"
    )


def test_bad_cell_fails_build_names_file_line_column_and_keeps_old_marts(tmp_path, raw_copy):
    marts = tmp_path / "marts"
    assert build(raw_copy, marts, say=quiet).status == "built"
    before = (paths.marts_path(marts).stat().st_ino, paths.marts_path(marts).read_bytes())

    rewrite_cell(raw_copy.raw / "waitlist_snapshots.csv", 3, "people_waiting", "about 300")
    report = build(raw_copy, marts, say=quiet)

    assert report.status == "failed"
    messages = [r.message() for r in report.rejects]
    column = 7  # people_waiting is the 7th column of waitlist_snapshots.csv
    assert messages[0] == (
        f"waitlist_snapshots.csv:3:{column}: people_waiting = 'about 300': "
        "is not a whole number (write digits only, e.g. 1200) [cell_kinds]"
    )
    # the same run also asks for the unit and qualifier a count needs (row 3 has none)
    assert all(m.startswith("waitlist_snapshots.csv:3:") for m in messages)
    after = (paths.marts_path(marts).stat().st_ino, paths.marts_path(marts).read_bytes())
    assert after == before
    rejects = list(csv.DictReader((marts / "rejects.csv").open()))
    assert [(r["file"], r["line"], r["column"]) for r in rejects][0] == (
        "waitlist_snapshots.csv",
        "3",
        str(column),
    )
    assert {r["line"] for r in rejects} == {"3"}
    assert not list(marts.glob("*.tmp-*"))


def test_allow_rejects_builds_every_valid_row(tmp_path, raw_copy, marts_con):
    rewrite_cell(raw_copy.raw / "waitlist_snapshots.csv", 3, "as_of_date", "2019-13-01")
    report = build(raw_copy, tmp_path / "marts", allow_rejects=True, say=quiet)
    assert report.status == "built"
    assert len(report.rejects) == 1 and "YYYY-MM-DD" in report.rejects[0].reason
    full = marts_con.execute("select count(*) from marts.waitlist_snapshots").fetchone()[0]
    assert report.row_counts["marts.waitlist_snapshots"] == full - 1


def test_broken_header_is_an_unusable_file(tmp_path, raw_copy):
    path = raw_copy.raw / "policy_events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("event_date", "evnt_date", 1), encoding="utf-8")
    report = build(raw_copy, tmp_path / "marts", say=quiet)
    assert report.status == "failed"
    assert report.message.startswith("policy_events.csv:1:2: unknown column 'evnt_date'")
    assert not paths.marts_path(tmp_path / "marts").exists()


def test_unknown_source_and_city_are_rejected_with_hints(tmp_path, raw_copy):
    rewrite_cell(raw_copy.raw / "waitlist_snapshots.csv", 2, "source_id", "no-such-source")
    rewrite_cell(raw_copy.raw / "waitlist_snapshots.csv", 4, "city", "Tijuanna")
    report = build(raw_copy, tmp_path / "marts", say=quiet)
    reasons = {(r.line, r.column_name): r.reason for r in report.rejects}
    assert reasons[(2, "source_id")].startswith("is not a known source id; add it to sources.csv")
    assert reasons[(4, "city")] == (
        "'Tijuanna' is not a city of ports.csv (did you mean Tijuana?) [city_in_ports]"
    )


def test_unchanged_inputs_skip_the_rebuild(tmp_path, raw_copy):
    marts = tmp_path / "marts"
    assert build(raw_copy, marts, say=quiet).status == "built"
    inode = paths.marts_path(marts).stat().st_ino
    assert build(raw_copy, marts, say=quiet).status == "unchanged"
    assert paths.marts_path(marts).stat().st_ino == inode
    assert build(raw_copy, marts, force=True, say=quiet).status == "built"


def test_meta_build_records_inputs_and_counts(marts_con):
    built_at, version, inputs, counts = marts_con.execute(
        "select built_at, code_version, inputs, row_counts from meta.build"
    ).fetchone()
    assert version.startswith("0.1.0+")
    assert len(json.loads(inputs)["curated/waitlist_snapshots.csv"]) == 64
    assert (
        json.loads(counts)["meta.sources"]
        == marts_con.execute("select count(*) from meta.sources").fetchone()[0]
    )


def test_readers_keep_the_old_build_while_a_new_one_lands(tmp_path, raw_copy):
    marts = tmp_path / "marts"
    build(raw_copy, marts, say=quiet)
    reader = duckdb.connect(str(paths.marts_path(marts)), read_only=True)
    old = reader.execute("select count(*) from marts.waitlist_snapshots").fetchone()[0]
    assert build(raw_copy, marts, force=True, say=quiet).status == "built"
    assert reader.execute("select count(*) from marts.waitlist_snapshots").fetchone()[0] == old
    reader.close()


def test_dirs_override_from_environment(monkeypatch, tmp_path):
    for var, folder in [
        ("METERING_RAW_DIR", paths.raw_dir),
        ("METERING_OFFICIAL_DIR", paths.official_dir),
        ("METERING_MARTS_DIR", paths.marts_dir),
    ]:
        monkeypatch.setenv(var, str(tmp_path / var))
        assert folder() == (tmp_path / var).resolve(), var
        monkeypatch.delenv(var)
        assert folder().is_relative_to(paths.ROOT / "data"), var


def test_changed_official_file_fails_naming_it_and_keeps_old_marts(tmp_path, raw_copy):
    import shutil

    marts = tmp_path / "marts"
    assert build(raw_copy, marts, say=quiet).status == "built"
    before = paths.marts_path(marts).read_bytes()
    official = tmp_path / "official"
    shutil.copytree(raw_copy.official, official)
    changed = official / "cbp_sw_land_border_encounters" / "sbo-encounters-fy22-fy25-aug.csv"
    changed.write_bytes(changed.read_bytes().replace(b"172", b"173", 1))

    report = build(Dirs(raw_copy.raw, official), marts, say=quiet)
    assert report.status == "failed"
    assert "sbo-encounters-fy22-fy25-aug.csv" in report.message
    assert "sha256" in report.message
    assert paths.marts_path(marts).read_bytes() == before


def test_a_checkpoint_during_the_build_waits_for_no_one(tmp_path):
    """checkpoint_unless_busy skips (and leaves the connection usable) while another
    connection has a transaction open, and checkpoints once it is closed."""
    import duckdb

    from etl.build import checkpoint_unless_busy

    with duckdb.connect(str(tmp_path / "x.duckdb")) as con:
        con.execute("create table t as select 1 as one")
        reader = con.cursor()
        reader.execute("begin")
        reader.execute("select * from t").fetchall()
        con.execute("create table u as select 2 as two")
        assert checkpoint_unless_busy(con) is False
        con.execute("insert into t values (3)")
        reader.execute("commit")
        reader.close()
        assert checkpoint_unless_busy(con) is True
        assert con.execute("select sum(one) from t").fetchone() == (1 + 3,)
        assert con.execute("select two from u").fetchone() == (2,)
    assert not (tmp_path / "x.duckdb.wal").exists()
