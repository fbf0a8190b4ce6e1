"""Hostile inputs: every broken file ends in a message naming it, never a traceback, and the
last good marts stay byte for byte. The suite prints cases tried and handled.

Each case breaks one thing in a copy of the committed inputs (or of a good build), runs the
`metering` command in-process and checks: the exit code of the README (1 for a file or marts
that cannot be used), a message naming the file, and the previous marts left as they were.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl import paths
from metering.cli import main
from tests.reliability.figures import report

CURATED_DATA = (
    "waitlist_snapshots.csv",
    "waitlist_totals.csv",
    "processing_pace.csv",
    "policy_events.csv",
    "turnback_reports.csv",
    "sources.csv",
    "ports.csv",
)
SW_ENCOUNTERS = "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"
AOR_ENCOUNTERS = (
    "cbp_nationwide_encounters_aor/nationwide-encounters-fy23-fy26-jul-aor__OFO_SW_extract.csv"
)
CBP_ONE = "cbp_one/cbp_one_figures_from_releases.csv"


@dataclass
class Folders:
    raw: Path
    official: Path
    marts: Path

    def build_args(self, *extra: str) -> list[str]:
        return [
            "build",
            "--raw-dir",
            str(self.raw),
            "--official-dir",
            str(self.official),
            "--marts-dir",
            str(self.marts),
            *extra,
        ]


@dataclass
class Case:
    name: str
    breaks: Callable[[Folders], None]
    names: str  # the file the message must name
    argv: Callable[[Folders], list[str]] = Folders.build_args


def header_only(relative: str, official: bool = False) -> Callable[[Folders], None]:
    def run(f: Folders) -> None:
        path = (f.official if official else f.raw) / relative
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")
        if official:
            relock(f.official)

    return run


def truncated(relative: str, keep: int) -> Callable[[Folders], None]:
    def run(f: Folders) -> None:
        path = f.official / relative
        path.write_bytes(path.read_bytes()[:keep])
        relock(f.official)

    return run


def relock(official: Path) -> None:
    """Record the changed files in official.lock, as `metering fetch` would."""
    lock_path = official / "official.lock"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    for entry in lock["files"]:
        data = (official / entry["path"]).read_bytes()
        entry["sha256"], entry["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
    lock_path.write_text(json.dumps(lock, indent=2), encoding="utf-8")


def edit_lock(change: Callable[[dict], None]) -> Callable[[Folders], None]:
    def run(f: Folders) -> None:
        lock_path = f.official / "official.lock"
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        change(lock)
        lock_path.write_text(json.dumps(lock), encoding="utf-8")

    return run


def replace_in(name: str, old: str, new: str, count: int = 1) -> Callable[[Folders], None]:
    def run(f: Folders) -> None:
        path = f.raw / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return run


def write_bytes(name: str, change: Callable[[bytes], bytes]) -> Callable[[Folders], None]:
    def run(f: Folders) -> None:
        path = f.raw / name
        path.write_bytes(change(path.read_bytes()))

    return run


def duplicate_header(data: bytes) -> bytes:
    header, rest = data.split(b"\n", 1)
    first = header.split(b",")[0]
    return header + b"," + first + b"\n" + rest


def no_marts_command(*argv: str) -> Callable[[Folders], list[str]]:
    return lambda f: list(argv)


CASES = [
    *[Case(f"{name} emptied to its header", header_only(name), name) for name in CURATED_DATA],
    *[
        Case(f"{Path(rel).name} emptied to its header", header_only(rel, True), Path(rel).name)
        for rel in (SW_ENCOUNTERS, AOR_ENCOUNTERS, CBP_ONE)
    ],
    Case("CBP One file truncated mid-row", truncated(CBP_ONE, 700), Path(CBP_ONE).name),
    Case("official.lock without files", edit_lock(lambda lock: lock.pop("files")), "official.lock"),
    Case(
        "official.lock entry without sha256",
        edit_lock(lambda lock: lock["files"][0].pop("sha256")),
        "official.lock",
    ),
    Case(
        "official.lock that is not JSON",
        lambda f: (f.official / "official.lock").write_text("{files: ["),
        "official.lock",
    ),
    Case(
        "a bad YAML source card",
        lambda f: (f.raw / "ports.yml").write_text("title: [unclosed\n  - x: : :\n"),
        "ports.yml",
    ),
    Case("a duplicated column name", write_bytes("ports.csv", duplicate_header), "ports.csv"),
    Case(
        "Latin-1 bytes",
        write_bytes("policy_events.csv", lambda b: b.replace(b"\xc3\xa9", b"\xe9", 1)),
        "policy_events.csv",
    ),
    Case(
        "a 2 MB field",
        write_bytes("waitlist_totals.csv", lambda b: b.replace(b',"', b',"' + b"x" * 2_000_000, 1)),
        "waitlist_totals.csv",
    ),
    Case(
        "a NUL byte in a text field",
        write_bytes("turnback_reports.csv", lambda b: b.replace(b"turned", b"tur\x00ned", 1)),
        "turnback_reports.csv",
    ),
    Case(
        "an unclosed quote",
        write_bytes("processing_pace.csv", lambda b: b + b'x,"never closed\n'),
        "processing_pace.csv",
    ),
    Case(
        "a marts folder that is a file",
        lambda f: f.marts.with_name("a-file").write_text("x"),
        "a-file",
        lambda f: [*f.build_args()[:-1], str(f.marts.with_name("a-file") / "marts")],
    ),
    Case(
        "declare with no marts",
        lambda f: None,
        "metering.duckdb",
        no_marts_command(
            "declare",
            "--city",
            "Tijuana",
            "--start",
            "2019-01-01",
            "--end",
            "2019-02-01",
            "--out",
            "-",
        ),
    ),
    Case(
        "export with no marts",
        lambda f: None,
        "metering.duckdb",
        no_marts_command("export", "waitlist-by-city", "--format", "csv", "--out", "-"),
    ),
    Case(
        "exhibits with no marts",
        lambda f: None,
        "metering.duckdb",
        lambda f: ["exhibits", "--out", str(f.marts.parent / "exhibits")],
    ),
]
HANDLED: list[str] = []


@pytest.fixture()
def folders(tmp_path, marts_dir, real_dirs) -> Folders:
    """Copies of the committed inputs and of one good build of them."""
    shutil.copytree(real_dirs.raw, tmp_path / "curated")
    shutil.copytree(real_dirs.official, tmp_path / "official")
    shutil.copytree(marts_dir, tmp_path / "marts")
    return Folders(tmp_path / "curated", tmp_path / "official", tmp_path / "marts")


@pytest.fixture()
def no_marts(tmp_path):
    from dashboard import data

    previous = data._MARTS
    data.use_marts(tmp_path / "nowhere" / paths.MARTS_FILE)
    yield
    data._MARTS = previous


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_broken_input_ends_in_a_message_naming_it(case, folders, no_marts, capsys):
    before = paths.marts_path(folders.marts).read_bytes()
    case.breaks(folders)
    code = main(case.argv(folders))
    err = capsys.readouterr().err
    assert code == 1, err
    assert case.names in err, err
    assert "Traceback" not in err
    assert paths.marts_path(folders.marts).read_bytes() == before
    HANDLED.append(case.name)
    report("hostile inputs", f"{len(CASES)} tried, {len(HANDLED)} handled")


def test_allow_shrink_builds_a_deliberately_emptied_dataset(folders, capsys):
    header_only("waitlist_totals.csv")(folders)
    assert main(folders.build_args()) == 1
    assert "waitlist_totals.csv: no rows (the last good build had" in capsys.readouterr().err
    assert main(folders.build_args("--allow-shrink", "--allow-rejects")) == 0
