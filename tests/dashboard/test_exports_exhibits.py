"""`metering exhibits` and `metering export`: complete bundles, identical twice, clear errors."""

from __future__ import annotations

import hashlib
import json

import pytest

from dashboard.downloads import chart_csv
from dashboard.exports import exhibits
from dashboard.figures.registry import Filters
from metering.cli import main


@pytest.fixture()
def few_exhibits(monkeypatch, use_built_marts):
    """Two standard figures and one per-city figure: enough to test the bundle quickly."""
    chosen = [
        e
        for e in exhibits.standard_exhibits("en")
        if e.stem in ("waitlist-border-total", "waitlist-by-city--tijuana")
    ]
    monkeypatch.setattr(exhibits, "standard_exhibits", lambda lang: chosen)
    return chosen


def test_exhibits_twice_give_byte_identical_files(renderer, few_exhibits, tmp_path):
    assert exhibits.write_exhibits(tmp_path / "a", "en", say=lambda m: None) == 0
    assert exhibits.write_exhibits(tmp_path / "b", "en", say=lambda m: None) == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 6 * len(few_exhibits) + 1
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_manifest_lists_every_file_with_its_sha256(renderer, few_exhibits, tmp_path):
    exhibits.write_exhibits(tmp_path, "en", say=lambda m: None)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["build"]["built_at"]
    for entry in manifest["exhibits"]:
        for name, sha in entry["files"].items():
            assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == sha
        assert entry["data_sha256"] == entry["files"][f"{entry['id']}.csv"]
    methods = (tmp_path / "waitlist-by-city--tijuana.methods.md").read_text()
    assert "metering export waitlist-by-city --format csv --param city=Tijuana" in methods
    citation = (tmp_path / "waitlist-border-total.citation.txt").read_text()
    assert "[1] " in citation and "http" in citation


def test_export_csv_writes_exactly_the_chart_rows(use_built_marts, tmp_path):
    from dashboard.figures.registry import CHARTS

    out = tmp_path / "tj.csv"
    assert (
        main(
            [
                "export",
                "waitlist-by-city",
                "--format",
                "csv",
                "--param",
                "city=Tijuana",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    frame = CHARTS["waitlist-by-city"].load(Filters(cities=("Tijuana",)))
    assert out.read_bytes() == chart_csv(frame)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "no-such-figure"],
        ["export", "waitlist-by-city", "--param", "colour=red"],
        ["export", "waitlist-by-city", "--param", "city=Atlantis"],
        ["export", "waitlist-by-city", "--param", "start=May 2019"],
    ],
)
def test_export_usage_errors_exit_2(use_built_marts, argv, capsys):
    assert main(argv) == 2
    assert "metering:" in capsys.readouterr().err
