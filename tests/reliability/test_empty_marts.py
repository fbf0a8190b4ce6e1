"""A header-only input is refused; built anyway with --allow-shrink, every page, chart callback
and download answers (a "no records" state), never a 500."""

from __future__ import annotations

import shutil

import pytest

from etl import paths
from metering.cli import main
from tests.reliability.test_hostile_inputs import relock
from tests.reliability.test_hostile_requests import layout_components, normal_body
from tests.reliability.test_marts_verify import page_content

PAGES = ("/", "/waitlists", "/ports", "/policy", "/turnbacks", "/sources", "/exhibits")


@pytest.fixture(scope="module")
def empty_marts(tmp_path_factory, real_dirs):
    """Every curated CSV and every official CSV emptied to its header, built with --allow-shrink."""
    root = tmp_path_factory.mktemp("empty")
    shutil.copytree(real_dirs.raw, root / "curated")
    shutil.copytree(real_dirs.official, root / "official")
    for path in [*(root / "curated").glob("*.csv"), *(root / "official").rglob("*.csv")]:
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")
    relock(root / "official")
    argv = ["build", "--raw-dir", str(root / "curated"), "--official-dir", str(root / "official")]
    argv += ["--marts-dir", str(root / "marts")]
    assert main(argv) == 1  # refused: the datasets are empty
    assert not paths.marts_path(root / "marts").exists()
    assert main([*argv, "--allow-shrink"]) == 0
    return paths.marts_path(root / "marts")


@pytest.fixture()
def client(empty_marts, dash_app):
    from dashboard import data

    previous = data._MARTS
    data.use_marts(empty_marts)
    yield dash_app.server.test_client()
    data._MARTS = previous


def test_every_page_answers_on_empty_marts(client):
    for lang in ("en", "es"):
        for path in PAGES:
            body = page_content(client, path, f"?lang={lang}")  # asserts a 200
            assert '"children": ""' not in body, (path, lang)  # never a blank page
            assert "Data unavailable" not in body and "Datos no disponibles" not in body


def test_every_callback_and_download_answers_on_empty_marts(client):
    from dashboard.figures.registry import CHARTS

    components = layout_components(client)
    for dependency in client.get("/_dash-dependencies").get_json():
        body = normal_body(dependency, components)
        if body is not None:
            response = client.post("/_dash-update-component", json=body)
            assert response.status_code < 500, dependency["output"]
    for figure_id in CHARTS:
        response = client.get(f"/download/{figure_id}.csv")
        assert response.status_code in (200, 404), figure_id
    assert client.get("/healthz").status_code == 200
