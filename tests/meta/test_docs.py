"""Docs and cards stay in step with the code (as datasette tests its docs)."""

from __future__ import annotations

import re
import subprocess

import yaml

from etl import paths
from etl.curated_docs import formats_markdown, template_csv
from etl.curated_schema import SCHEMAS

CURATED = paths.ROOT / "data" / "raw" / "curated"
README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_formats_doc_and_templates_are_generated_from_the_schema():
    assert (CURATED / "FORMATS.md").read_text(encoding="utf-8") == formats_markdown()
    for schema in SCHEMAS:
        assert (CURATED / "templates" / schema.file).read_text() == template_csv(schema)


def test_every_curated_file_has_a_source_card():
    for schema in SCHEMAS:
        card = yaml.safe_load((CURATED / schema.file.replace(".csv", ".yml")).read_text())
        for key in ("title", "title_es", "description", "compiled_from", "caveats", "licence"):
            assert card.get(key), f"{schema.file}: card lacks {key}"


def test_readme_documents_every_mart_and_setting():
    marts = {p.stem for p in (paths.SQL_DIR / "marts").glob("*.sql")}
    missing = sorted(m for m in marts if f"marts.{m}" not in README)
    assert missing == []
    for setting in ("METERING_RAW_DIR", "METERING_OFFICIAL_DIR", "METERING_MARTS_DIR"):
        assert setting in README


def test_readme_lists_every_cli_command():
    from metering.cli import parser

    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"metering {name}" in README, name


def test_no_machine_paths_in_tracked_files():
    files = subprocess.run(
        ["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    pattern = re.compile(r"/(work|farm|root)/")
    offenders = [
        f
        for f in files
        if not f.endswith(".lock")
        and (paths.ROOT / f).is_file()
        and (paths.ROOT / f).suffix in {".py", ".md", ".sql", ".csv", ".yml", ".toml"}
        and pattern.search((paths.ROOT / f).read_text(encoding="utf-8", errors="ignore"))
    ]
    assert offenders == []
