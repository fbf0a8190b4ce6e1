"""The README's list of figure, event and series ids is the one the code and marts give, and
the README points only at files the repository has."""

from __future__ import annotations

import re
import subprocess

from dashboard.ids import ids_markdown, readme_block
from etl import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_the_ids_the_code_accepts(use_built_marts):
    assert readme_block(README) == ids_markdown(), (
        "README ids are stale: run `python3 -m uv run python -m dashboard.ids`"
    )


def test_readme_links_and_paths_point_at_tracked_files():
    tracked = set(
        subprocess.run(
            ["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    )
    folders = {str(p) for f in tracked for p in __import__("pathlib").PurePath(f).parents}
    links = re.findall(r"\]\(([^)#:]+)\)", README)
    missing = [link for link in links if link.rstrip("/") not in tracked | folders]
    assert links and missing == []
