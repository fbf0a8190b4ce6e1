"""Static exhibits: same marts → same bytes; printed footnotes and hash; 300-dpi PNG."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image

from dashboard.exports.render import render_chart, render_figure
from dashboard.figures.registry import CHARTS, Filters

TIJUANA = Filters(cities=("Tijuana",))


@pytest.mark.parametrize("fmt", ["svg", "pdf", "csv"])
@pytest.mark.parametrize(
    "figure_id,filters",
    [("waitlist-by-city", TIJUANA), ("waitlist-border-total", Filters(lang="es"))],
)
def test_same_marts_give_identical_bytes(renderer, figure_id, filters, fmt):
    assert render_chart(figure_id, filters, fmt) == render_chart(figure_id, filters, fmt)


def test_pdf_prints_source_footnote_and_data_hash(renderer, tmp_path):
    _, _, _, meta = render_figure("waitlist-by-city", TIJUANA)
    path = tmp_path / "exhibit.pdf"
    path.write_bytes(render_chart("waitlist-by-city", TIJUANA, "pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    first = meta.sources[0]
    assert f"Sources ({len(meta.sources)})" in text
    assert first["publisher"] in text
    assert meta.data_hash in text.replace("\n", " ")
    assert "Tijuana" in text


def test_png_is_a_300_dpi_six_and_a_half_inch_image(renderer):
    image = Image.open(io.BytesIO(render_chart("waitlist-border-total", Filters(), "png")))
    assert image.format == "PNG"
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
    assert image.width == 1950


def test_data_hash_is_the_sha256_of_the_csv(use_built_marts):
    import hashlib

    _, csv_bytes, _, meta = render_figure("waitlist-by-city", TIJUANA)
    assert meta.data_hash == hashlib.sha256(csv_bytes).hexdigest()[:12]


@pytest.mark.parametrize("figure_id", sorted(CHARTS))
def test_every_chart_renders_as_an_exhibit(renderer, figure_id):
    assert render_chart(figure_id, Filters(), "svg").startswith(b"<svg")


def test_csv_export_starts_no_browser(use_built_marts, tmp_path, monkeypatch):
    """CSV is data only: `metering export --format csv` must not start Chromium (kaleido)."""
    from dashboard.downloads import chart_csv
    from dashboard.exports import render
    from metering import cli

    def no_browser():
        raise AssertionError("kaleido started for a CSV export")

    monkeypatch.setattr(render, "_start", no_browser)
    out = tmp_path / "by-city.csv"
    argv = ["export", "waitlist-by-city", "--format", "csv", "--out", str(out)]
    assert cli.main([*argv, "--param", "city=Tijuana"]) == 0
    filters = Filters.from_query({"city": "Tijuana"})
    assert out.read_bytes() == chart_csv(CHARTS["waitlist-by-city"].load(filters))


@pytest.mark.parametrize("figure_id", ["cbp-one-monthly", "encounters-by-office"])
def test_exhibit_keeps_the_title42_caption_on_its_axis(use_built_marts, figure_id):
    """The shaded Title 42 band is explained in the exhibit itself: plotly silently drops a
    dated annotation left of the axis, and the CBP One exhibit's axis starts after the first
    month the band caption was anchored to (the caption vanished from the PDF)."""
    from datetime import date

    from dashboard.figures.style import TITLE42_CAPTION

    _, _, fig, _ = render_figure(figure_id, Filters.from_query({"lang": "es"}))
    caption = next(a for a in fig.layout.annotations if a.name == TITLE42_CAPTION)
    lo, hi = (date.fromisoformat(str(x)[:10]) for x in fig.layout.xaxis.range)
    assert caption.visible is not False
    assert lo <= date.fromisoformat(str(caption.x)[:10]) <= hi
