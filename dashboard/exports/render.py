"""Static figures: one kaleido server per process, exhibit layout, deterministic bytes.

`figure_renderer()` starts Debian chromium once (kaleido's sync server) for a whole CLI run
or test session; the web download route starts it lazily on first use. kaleido's server
answers one request at a time through shared queues, so calls are serialised by a lock.
PNG is 300 dpi (width 6.5 in = 1950 px, dpi tag written by Pillow). SVG clip-path ids and
PDF dates are rewritten so the same marts always give byte-identical files.
"""

from __future__ import annotations

import re
import struct
import threading
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from dashboard.downloads import chart_csv
from dashboard.exports.layout import CSS_DPI, WIDTH_IN, exhibit_figure
from dashboard.exports.meta import ExhibitMeta, exhibit_meta
from dashboard.figures.registry import CHARTS, Filters

__all__ = ["figure_renderer", "render_chart", "render_figure", "exhibit_figure", "to_bytes"]
DPI = 300
FORMATS = ("png", "svg", "pdf", "csv")
_LOCK = threading.RLock()
_SVG_UID = re.compile(rb'<defs id="defs-([0-9a-f]{6})"')
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")


def _server():
    import kaleido

    return kaleido._global_server  # the singleton behind start/stop_sync_server


def _start() -> bool:
    """Start the kaleido server unless one runs; True if this call started it."""
    import kaleido

    with _LOCK:
        if _server().is_running():
            return False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        return True


@contextmanager
def figure_renderer() -> Iterator[None]:
    """One chromium for everything rendered inside the block (stopped only if we started it)."""
    import kaleido

    started = _start()
    try:
        yield
    finally:
        if started:
            with _LOCK:
                kaleido.stop_sync_server(silence_warnings=True)


def normalise_svg(svg: bytes) -> bytes:
    """Replace plotly's random figure uid (clip-path and defs ids) by a fixed one."""
    for i, uid in enumerate(dict.fromkeys(_SVG_UID.findall(svg))):
        svg = svg.replace(uid, f"{i:06x}".encode())
    return svg


def normalise_pdf(pdf: bytes, built_at: str) -> bytes:
    """Set /CreationDate and /ModDate to the marts' build time (same length: xref stays valid)."""
    stamp = re.sub(r"[^0-9]", "", built_at)[:14].ljust(14, "0").encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')", pdf)


def png_300dpi(png: bytes) -> bytes:
    """Write the 300 dpi tag (a pHYs chunk) after the header, as Pillow's `dpi=` save does.

    Inserting the chunk keeps the pixels' bytes as chromium wrote them and takes microseconds;
    re-encoding with Pillow gave the same tag but cost ~0.3 s per exhibit.
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG with a leading IHDR chunk")
    body = b"pHYs" + struct.pack(">IIB", round(DPI / 0.0254), round(DPI / 0.0254), 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    ihdr_end = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    rest = _drop_chunk(png[ihdr_end:], b"pHYs")
    return png[:ihdr_end] + chunk + rest


def _drop_chunk(chunks: bytes, kind: bytes) -> bytes:
    out, i = [], 0
    while i < len(chunks):
        length = struct.unpack(">I", chunks[i : i + 4])[0]
        end = i + 12 + length
        if chunks[i + 4 : i + 8] != kind:
            out.append(chunks[i:end])
        i = end
    return b"".join(out)


def to_bytes(fig: go.Figure, fmt: str, built_at: str) -> bytes:
    """Render a laid-out figure with the running server (started lazily if none)."""
    _start()
    width, height = fig.layout.width, fig.layout.height
    scale = WIDTH_IN * DPI / width if fmt == "png" else 1
    with _LOCK, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*kopts.*")
        body = pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)
    if fmt == "png":
        return png_300dpi(body)
    if fmt == "svg":
        return normalise_svg(body)
    return normalise_pdf(body, built_at)


def render_figure(
    figure_id: str, filters: Filters
) -> tuple[pl.DataFrame, bytes, go.Figure, ExhibitMeta]:
    """The rows, their CSV bytes, the exhibit figure and its printed facts."""
    chart = CHARTS[figure_id]
    filters = chart.resolve(filters)
    frame = chart.load(filters)
    csv_bytes = chart_csv(frame, filters.lang)
    meta = exhibit_meta(figure_id, frame, filters, csv_bytes)
    return frame, csv_bytes, exhibit_figure(chart.draw(frame, filters), meta), meta


def render_chart(figure_id: str, filters: Filters, fmt: str) -> bytes:
    """Bytes of one chart as csv, png (300 dpi), svg or pdf, laid out as an exhibit."""
    if figure_id not in CHARTS:
        raise KeyError(f"unknown figure {figure_id!r}; known: {', '.join(sorted(CHARTS))}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    _, csv_bytes, fig, meta = render_figure(figure_id, filters)
    return csv_bytes if fmt == "csv" else to_bytes(fig, fmt, meta.built_at)


def page_size_inches(fig: go.Figure) -> tuple[float, float]:
    return fig.layout.width / CSS_DPI, fig.layout.height / CSS_DPI
