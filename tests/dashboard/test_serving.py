"""dashboard/serving.py over HTTP (Flask test client): gzip and cache lifetimes."""

from __future__ import annotations

import gzip

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def test_static_files_are_gzipped_and_cached(dash_app):
    client = dash_app.server.test_client()
    plain = client.get(PLOTLY)
    packed = client.get(PLOTLY, headers={"Accept-Encoding": "gzip, deflate"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 2
    assert "Accept-Encoding" in packed.headers["Vary"]
    # not fingerprinted: a day, then revalidated by its ETag
    assert packed.cache_control.max_age == 24 * 3600 and packed.headers["ETag"]
    again = client.get(PLOTLY, headers={"If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304


def test_fingerprinted_files_are_cached_for_a_year(dash_app):
    client = dash_app.server.test_client()
    page = client.get("/").data.decode()
    assert "/assets/style.css?m=" in page
    start = page.index("/assets/style.css?m=")
    css = client.get(page[start : page.index('"', start)], headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert css.cache_control.max_age == 365 * 24 * 3600
    suites = [part.split('"')[0] for part in page.split('src="')[1:]]
    fingerprinted = [s for s in suites if "_dash-component-suites" in s and ".v" in s]
    assert fingerprinted
    js = client.get(fingerprinted[0])
    assert js.cache_control.max_age == 365 * 24 * 3600


def test_json_answers_are_gzipped_only_when_asked_and_big_enough(dash_app):
    client = dash_app.server.test_client()
    deps = client.get("/_dash-dependencies", headers={"Accept-Encoding": "gzip"})
    assert deps.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(deps.data).startswith(b"[")
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert len(small.data) < 1024 and "Content-Encoding" not in small.headers
    assert small.get_json()["status"] == "ok"


def test_warm_up_draws_each_page_and_city_view(dash_app, monkeypatch):
    """The warm-up calls every page's layout: the default (en, es), each city's on city pages."""
    import dash

    from dashboard import data, serving

    calls = []
    for page in dash.page_registry.values():
        monkeypatch.setitem(
            page,
            "layout",
            lambda path=page["path"], **q: calls.append((path, q.get("city"), q.get("lang"))),
        )
    serving.warm_views()
    paths = {p["path"] for p in dash.page_registry.values()}
    assert {(p, None, lang) for p in paths for lang in (None, "es")} <= set(calls)
    assert {(p, c, None) for p in serving.CITY_PAGES for c in data.cities()} <= set(calls)
    assert len(calls) == 2 * len(paths) + len(serving.CITY_PAGES) * len(data.cities())
