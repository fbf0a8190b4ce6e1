"""dashboard/cache.py: one result per (marts generation, function, arguments)."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard import cache


@pytest.fixture()
def generation(monkeypatch):
    """A marts generation the test moves by hand (as a rebuild renamed into place would)."""
    current = {"value": ("marts.duckdb", 1)}
    monkeypatch.setattr(cache, "_current_generation", lambda: current["value"])
    cache.clear()
    yield current
    cache.clear()


def counted(fn):
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        return fn(*args, **kwargs)

    wrapper.calls = calls
    return wrapper


def test_same_build_and_arguments_compute_once(generation):
    inner = counted(lambda city, dates=None: {"city": city, "dates": dates})
    cached = cache.per_build(inner)
    assert cached("Tijuana", dates=["2019-01-01"]) == {"city": "Tijuana", "dates": ["2019-01-01"]}
    assert cached("Tijuana", dates=["2019-01-01"]) == {"city": "Tijuana", "dates": ["2019-01-01"]}
    assert len(inner.calls) == 1
    cached("Reynosa")
    assert len(inner.calls) == 2  # other arguments: computed


def test_a_new_build_drops_everything_and_runs_the_warmers(generation, monkeypatch):
    inner = counted(lambda: 1)
    cached = cache.per_build(inner)
    warmed = []
    monkeypatch.setattr(cache, "_warmers", [lambda: warmed.append(True)])
    monkeypatch.setattr(cache, "warm", lambda: [w() for w in cache._warmers])
    monkeypatch.setattr(
        cache.threading, "Thread", lambda target, **kw: type("T", (), {"start": target})
    )
    cached()
    cached()
    generation["value"] = ("marts.duckdb", 2)
    cached()
    assert len(inner.calls) == 2
    assert warmed == [True]  # once, for the new build (not for the first one seen)


def test_callers_get_copies_they_may_change(generation):
    cached = cache.per_build(lambda: {"layout": {"annotations": [{"text": "a"}]}})
    first = cached()
    first["layout"]["annotations"][0]["text"] = "changed"
    assert cached()["layout"]["annotations"][0]["text"] == "a"
    frame = cache.per_build(lambda: pl.DataFrame({"n": [1, 2]}))()
    assert frame.to_dict(as_series=False) == {"n": [1, 2]}


def test_arguments_that_cannot_be_keys_run_uncached_and_bypass_runs_for_real(generation):
    inner = counted(lambda frame: frame.height)
    cached = cache.per_build(inner)
    frame = pl.DataFrame({"n": [1, 2, 3]})
    assert cached(frame) == 3 and cached(frame) == 3
    assert len(inner.calls) == 2
    plain = counted(lambda: 7)
    cached_plain = cache.per_build(plain)
    cached_plain()
    with cache.bypass():
        cached_plain()
    assert len(plain.calls) == 2


def test_a_result_computed_across_a_rebuild_is_not_kept(generation):
    def slow():
        generation["value"] = ("marts.duckdb", 9)  # the rebuild lands while computing
        return "old build's answer"

    inner = counted(slow)
    cached = cache.per_build(inner)
    cached()
    cached()
    assert len(inner.calls) == 2


def test_data_queries_follow_a_rebuilt_marts_file(use_built_marts, raw_copy, tmp_path):
    """The real path: a query answered from the cache until a rebuild renames a new file into
    place. The rebuild is a real one (a curated row fewer), so the new file verifies against its
    manifest; the expected count is read from it with a separate DuckDB connection."""
    import shutil

    import duckdb

    from dashboard import data
    from etl import paths
    from etl.build import build

    marts = tmp_path / "marts"
    shutil.copytree(use_built_marts.parent, marts)
    data.use_marts(paths.marts_path(marts))
    try:
        sql = "select count(*) as n from marts.waitlist_snapshots"
        before = data.q(sql)["n"][0]
        assert data.q(sql)["n"][0] == before
        snapshots = raw_copy.raw / "waitlist_snapshots.csv"
        lines = snapshots.read_text(encoding="utf-8").splitlines(keepends=True)
        snapshots.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last row
        report = build(raw_copy, marts, force=True, say=lambda message: None)
        assert report.status == "built", report.message
        with duckdb.connect(str(paths.marts_path(marts)), read_only=True) as con:
            expected = con.execute("select count(*) from marts.waitlist_snapshots").fetchone()[0]
        assert expected == before - 1
        assert data.q(sql)["n"][0] == expected
    finally:
        data.use_marts(use_built_marts)


def test_peek_reads_what_is_held_for_this_build_and_never_computes(generation):
    inner = counted(lambda city: {"height": 480, "city": city})
    cached = cache.per_build(inner)
    assert cache.peek(cached, "Tijuana") is None  # nothing held yet
    assert inner.calls == []  # and nothing computed
    cached("Tijuana")
    assert cache.peek(cached, "Tijuana") == {"height": 480, "city": "Tijuana"}
    assert cache.peek(cached, "Reynosa") is None
    generation["value"] = ("marts.duckdb", 2)  # a rebuild: what was held is not this build's
    assert cache.peek(cached, "Tijuana") is None
    assert len(inner.calls) == 1


def test_what_the_warm_up_stored_stays_however_many_other_views_come(generation, monkeypatch):
    """The warm-up draws each page's default view and each city's; readers' own views (typed
    dates, other filters) are kept while there is room, least recently used first out, and
    never push the warm-up's out (issue 15: keep the common views warm after a build)."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 4)
    drawn = cache.per_build(lambda view: {"view": view})
    drawn("typed early")  # a reader's view, before the warm-up ran
    monkeypatch.setattr(
        cache, "_warmers", [lambda: [drawn(v) for v in ("/", "/ports", "typed early")]]
    )
    cache.warm()
    for i in range(10):  # ten other readers' views: more than there is room for
        drawn(f"typed {i}")
    for view in ("/", "/ports", "typed early"):  # the warm-up's, the early one included
        assert cache.peek(drawn, view) == {"view": view}
    assert cache.peek(drawn, "typed 0") is None  # the oldest reader's view went first
    assert [cache.peek(drawn, f"typed {i}") for i in range(6, 10)] == [
        {"view": f"typed {i}"} for i in range(6, 10)
    ]
    monkeypatch.setattr(cache, "_warmers", [])  # (no warm-up for the next build here)
    generation["value"] = ("marts.duckdb", 2)  # a rebuild: everything goes, warm or not
    drawn("/ports")
    assert cache.peek(drawn, "/") is None
