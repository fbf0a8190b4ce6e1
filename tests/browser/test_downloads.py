"""The chart card's downloads in real Chromium: the CSV rows and a 300-dpi PNG."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.browser.helpers import pattern_id

pytestmark = pytest.mark.browser
FID = "waitlist-by-city"


def test_waitlists_card_downloads_csv_and_png(page, live_server):
    import polars as pl

    from dashboard import data

    page.goto(f"{live_server}/waitlists")
    card = "#waitlists-waitlist-by-city-card"
    page.wait_for_selector(f"{card} .gtitle")
    with page.expect_download() as info:
        page.click(pattern_id(type="card-download", page="waitlists", figure=FID, fmt="csv"))
    frame = pl.read_csv(info.value.path(), try_parse_dates=True)
    assert frame.height == data.waitlist_snapshots().height
    assert {"city", "as_of_date", "people_waiting", "source_id"} <= set(frame.columns)
    with page.expect_download() as info:
        page.click(pattern_id(type="card-download", page="waitlists", figure=FID, fmt="png"))
    image = Image.open(io.BytesIO(open(info.value.path(), "rb").read()))
    assert image.format == "PNG" and image.width == 1950
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
