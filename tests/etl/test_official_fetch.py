"""`metering fetch`: the newest release on a saved listing page, pinning, --add, and no network.

Nothing here touches the network: pages are saved copies in tests/fixtures/official/, and the
function that would download is replaced by one that reads local bytes or fails like a dead line.
"""

from __future__ import annotations

import shutil
import urllib.error
from pathlib import Path

import pytest

from etl import official_fetch, official_listing, official_lock, paths
from etl.problems import SourceError
from metering.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "official"
PAGE = FIXTURES / "listing_pages" / "cbp_nationwide-encounters_2026-09-06.html"
PAGE_URL = "https://www.cbp.gov/document/stats/nationwide-encounters"
AOR_PATTERN = r"^nationwide-encounters-fy\d\d-fy(?P<fy>\d\d)(?:-(?P<month>[a-z]{3}))?-aor\.csv$"
AUG = "/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv"
AOR_EXTRACT = (
    "cbp_nationwide_encounters_aor/nationwide-encounters-fy23-fy26-jul-aor__OFO_SW_extract.csv"
)


@pytest.fixture
def official_copy(tmp_path):
    target = tmp_path / "official"
    shutil.copytree(paths.ROOT / "data" / "raw" / "official", target)
    return target


def page_with_august() -> str:
    return PAGE.read_text().replace("</body>", f'<a href="{AUG}">FY23 - FY26 - August</a></body>')


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_saved_page_links_are_absolute_and_listed_once():
    found = official_listing.links(PAGE.read_text(), PAGE_URL)
    # the page has 52 anchors: 26 files, each linked twice (counted in the saved page)
    assert len(found) == 26 and len({link.url for link in found}) == 26
    assert all(link.url.startswith("https://www.cbp.gov/sites/default/files/") for link in found)
    oldest = next(link for link in found if link.name == "nationwide-encounters-fy20-fy23-aor.csv")
    assert oldest.folder == "2023-11"  # the /assets/documents/2023-Nov/ folder style


def test_saved_page_names_the_july_2026_aor_file_as_newest():
    newest = official_listing.newest(
        official_listing.links(PAGE.read_text(), PAGE_URL), AOR_PATTERN
    )
    assert newest.name == "nationwide-encounters-fy23-fy26-jul-aor.csv"
    assert newest.folder == "2026-08"


def test_a_suffixed_reupload_is_the_release_without_its_suffix():
    newest = official_listing.newest(
        official_listing.links(page_with_august(), PAGE_URL), AOR_PATTERN
    )
    assert newest.name == "nationwide-encounters-fy23-fy26-aug-aor.csv"
    assert newest.url == "https://www.cbp.gov" + AUG and newest.suffix == 1


def test_a_full_year_file_is_older_than_the_next_years_first_month():
    # the 2025-11 folder holds both the FY22-FY25 file (to Sep 2025) and FY23-FY26 October
    names = [
        "nationwide-encounters-fy22-fy25-aor.csv",
        "nationwide-encounters-fy23-fy26-oct-aor.csv",
    ]
    candidates = [official_listing.Link(f"u/{n}", n, "", "2025-11", 0) for n in names]
    assert official_listing.newest(candidates, AOR_PATTERN).name == names[1]


def test_cli_on_the_saved_page_names_the_newest_release_and_changes_nothing(
    official_copy, monkeypatch, capsys
):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    before = snapshot(official_copy)
    assert main(["fetch", "--listing", str(PAGE)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "cbp_nationwide_encounters_aor: newest release "
        "nationwide-encounters-fy23-fy26-jul-aor.csv (2026-08) is already pinned"
    ]
    assert snapshot(official_copy) == before


def test_no_network_is_one_line_and_changes_nothing(official_copy, monkeypatch, capsys):
    def unreachable(url, timeout):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(official_fetch.urllib.request, "urlopen", unreachable)
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    before = snapshot(official_copy)
    assert main(["fetch"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("no network: cannot reach")
    assert "nothing changed" in captured.err
    assert snapshot(official_copy) == before


def test_a_newer_release_is_downloaded_read_and_pinned(official_copy):
    sample = (FIXTURES / "nationwide-encounters-aor-sample.csv").read_bytes()
    asked = []

    def get(url: str) -> bytes:
        asked.append(url)
        return sample

    findings = official_fetch.find_newest(official_copy, [page_with_august()])
    assert [f.line() for f in findings] == [
        "cbp_nationwide_encounters_aor: newest release nationwide-encounters-fy23-fy26-aug-aor.csv"
        " (2026-09), newer than the pinned nationwide-encounters-fy23-fy26-jul-aor.csv"
    ]
    lines = list(official_fetch.fetch_new(official_copy, findings, get, today="2026-09-10"))
    assert asked == ["https://www.cbp.gov" + AUG]
    rel = "cbp_nationwide_encounters_aor/nationwide-encounters-fy23-fy26-aug-aor.csv"
    # the sample has 40 rows: October 2024 and September 2025
    assert lines[0].startswith(f"pinned {rel}: 40 rows, Oct 2024 - Sep 2025, ")
    entry = next(e for e in official_lock.entries(official_copy) if e["path"] == rel)
    assert (entry["module"], entry["layout"], entry["release_id"]) == (
        "cbp_encounters",
        "aor",
        "nationwide-encounters-fy23-fy26-aug-aor",
    )
    assert entry["release_date"] == "2026-09" and entry["retrieved"] == "2026-09-10"
    assert entry["download_url"] == "https://www.cbp.gov" + AUG
    official_lock.verify(official_copy)


def test_a_reshaped_new_release_is_refused_and_nothing_is_pinned(official_copy):
    before = snapshot(official_copy)
    findings = official_fetch.find_newest(official_copy, [page_with_august()])
    with pytest.raises(SourceError, match="missing header"):
        list(official_fetch.fetch_new(official_copy, findings, lambda url: b"Fiscal Year\n2026\n"))
    assert snapshot(official_copy) == before


def test_add_pins_a_file_with_the_card_of_a_like_file(official_copy, monkeypatch, capsys):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    sample = FIXTURES / "nationwide-encounters-fy2026-aor-sample.csv"
    assert main(["fetch", "--add", str(sample), "--like", AOR_EXTRACT, "--title", "Sample"]) == 0
    rel = "cbp_nationwide_encounters_aor/nationwide-encounters-fy2026-aor-sample.csv"
    # 28 rows of the fixture: October 2025, February and July 2026
    assert capsys.readouterr().out.startswith(f"pinned {rel}: 28 rows, Oct 2025 - Jul 2026, ")
    entry = next(e for e in official_lock.entries(official_copy) if e["path"] == rel)
    like = next(e for e in official_lock.entries(official_copy) if e["path"] == AOR_EXTRACT)
    for key in ("module", "layout", "release_id", "publisher", "url", "file_pattern", "came_from"):
        assert entry[key] == like[key], key
    assert entry["title"] == "Sample" and entry["coverage"] == "Oct 2025 - Jul 2026"
    assert entry["sha256"] == official_lock.sha256_file(sample)
    official_lock.verify(official_copy)
    assert main(["fetch", "--add", str(sample), "--like", AOR_EXTRACT]) == 1  # already pinned
    assert "already in official.lock" in capsys.readouterr().err


def test_add_refuses_a_file_its_layout_cannot_read(official_copy, monkeypatch, capsys):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    before = snapshot(official_copy)
    sample = FIXTURES / "sbo-encounters-sample.csv"
    assert main(["fetch", "--add", str(sample), "--like", AOR_EXTRACT]) == 1
    assert "missing header(s) ['Land Border Region'" in capsys.readouterr().err
    assert snapshot(official_copy) == before


def test_add_without_a_card_says_what_is_missing(official_copy, monkeypatch, capsys):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    with pytest.raises(SystemExit) as exit_info:
        main(["fetch", "--add", str(FIXTURES / "sbo-encounters-sample.csv"), "--module", "x"])
    assert exit_info.value.code == 2
    assert "--release-id --title --publisher --page --rounding" in capsys.readouterr().err


def test_add_a_new_module_records_where_the_copy_came_from(official_copy, monkeypatch, capsys):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    sample = FIXTURES / "nationwide-encounters-state-sample.csv"
    commit = "521ed62627c91617e1ace4cb26cd89ee7c4dbb2a"
    card = ["--module", "cbp_encounters_state", "--release-id", "s", "--title", "Sample"]
    card += ["--publisher", "CBP", "--page", PAGE_URL, "--rounding", "unrounded"]
    card += ["--as", "state/sample.csv", "--came-from", f"someone/repo@{commit}:data/s.csv"]
    assert main(["fetch", "--add", str(sample), *card]) == 0
    # the fixture: 37 rows, all of June 2024
    assert capsys.readouterr().out.startswith("pinned state/sample.csv: 37 rows, Jun 2024 - ")
    entry = official_lock.entries(official_copy)[-1]
    assert entry["module"] == "cbp_encounters_state" and "layout" not in entry
    assert entry["came_from"] == {
        "repository": "someone/repo",
        "commit": commit,
        "path": "data/s.csv",
    }


def test_add_refuses_a_came_from_without_repository_commit_and_path(official_copy, monkeypatch):
    monkeypatch.setenv("METERING_OFFICIAL_DIR", str(official_copy))
    before = snapshot(official_copy)
    with pytest.raises(SystemExit) as exit_info:
        main(["fetch", "--add", str(FIXTURES / "sbo-encounters-sample.csv"), "--came-from", "x"])
    assert exit_info.value.code == 2 and snapshot(official_copy) == before
