"""Results kept for one build of the marts: memoised per (marts generation, function, args).

A worker keeps what it computed for as long as the same marts file is open; as soon as a
rebuild is renamed into place (a new generation: `data.marts_generation()`, which data.py
hands over with `follow_generation`), everything is dropped and the warm-up hooks run once,
in the background, for the new build. What the warm-up stored (each page's default view, each
city's) stays until the next build; everything else is kept for as long as there is room (the
least recently used goes first), so readers' own views never push the common ones out.

    @per_build
    def headline_facts() -> dict: ...

Arguments must be hashable once frozen (lists, dicts, sets and dataclasses are frozen to
tuples); a call whose arguments cannot be frozen (a DataFrame) simply runs uncached. Results
are handed out as copies where they could be changed in place (dicts, lists: copied down to
their leaves;
polars frames: `clone()`, which shares the data), unless the function is wrapped with
`per_build(copy=False)` by a caller that never mutates what it gets.
"""

from __future__ import annotations

import copy as copying
import dataclasses
import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import polars as pl

MAX_ENTRIES = 1024  # per worker, besides the warm-up's; the least recently used goes first
_MISSING = object()
_lock = threading.Lock()
_entries: OrderedDict = OrderedDict()
_warm_entries: dict = {}  # what the warm-up stored (~600 entries): kept for the whole build
_warming = threading.local()  # on in the thread running the warm-up
_generation: object = _MISSING
_warmers: list[Callable[[], None]] = []
_bypass = threading.local()
_generation_source: Callable[[], object] = type(None)  # one generation until data.py says
log = logging.getLogger(__name__)


def follow_generation(source: Callable[[], object]) -> None:
    """Name what identifies the marts build in use (dashboard/data.py gives
    `marts_generation`); until then every call shares one generation."""
    global _generation_source
    _generation_source = source


def _current_generation():
    return _generation_source()


def _freeze(value):
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(_freeze(v) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            *(_freeze(getattr(value, f.name)) for f in dataclasses.fields(value)),
        )
    hash(value)  # raises TypeError for anything else that cannot be a key
    return value


def _handed_out(value, copy: bool):
    if not copy:
        return value
    if isinstance(value, pl.DataFrame):
        return value.clone()
    if isinstance(value, dict | list):
        return _copy_tree(value)
    if isinstance(value, set):
        return copying.deepcopy(value)
    if isinstance(value, tuple):
        return tuple(_handed_out(v, copy) for v in value)
    return value


def _copy_tree(value):
    """Copy nested dicts and lists (a figure dict, a row): 3x faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_tree(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy_tree(v) for v in value)
    return value.copy() if hasattr(value, "__array__") else value  # dates, numbers: immutable


def _lookup(generation, key):
    """The cached value or _MISSING; drops everything (and warms) on a new generation."""
    global _generation
    new_build = False
    with _lock:
        if generation != _generation:
            new_build = _generation is not _MISSING
            _entries.clear()
            _warm_entries.clear()
            _generation = generation
        value = _warm_entries.get(key, _MISSING)
        if value is _MISSING:
            value = _entries.get(key, _MISSING)
            if value is not _MISSING and getattr(_warming, "on", False):
                _warm_entries[key] = _entries.pop(key)  # a common view: kept for the build
            elif value is not _MISSING:
                _entries.move_to_end(key)
    if new_build and _warmers:
        threading.Thread(target=warm, name="warm-cache", daemon=True).start()
    return value


def _store(generation, key, value) -> None:
    with _lock:
        if generation != _generation:
            return  # a rebuild was picked up meanwhile: this result belongs to the old one
        if getattr(_warming, "on", False):
            _warm_entries[key] = value
            _entries.pop(key, None)
            return
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def per_build(fn: Callable | None = None, *, copy: bool = True):
    """Memoise `fn` for the marts build in use (see the module's docstring)."""
    if fn is None:
        return functools.partial(per_build, copy=copy)

    @functools.wraps(fn)
    def cached(*args, **kwargs):
        if getattr(_bypass, "on", False):
            return fn(*args, **kwargs)
        try:
            key = (fn, _freeze(args), _freeze(kwargs))  # the function itself: names can repeat
        except TypeError:
            return fn(*args, **kwargs)
        generation = _current_generation()
        value = _lookup(generation, key)
        if value is _MISSING:
            value = fn(*args, **kwargs)
            _store(generation, key, value)
        return _handed_out(value, copy)

    cached.uncached = fn
    return cached


def peek(cached: Callable, *args, **kwargs):
    """What `cached(*args, **kwargs)` holds for the build in use, or None: never computes,
    never copies (the caller only reads it). A page's shell uses it to size a chart's place
    like the chart already drawn for the same view."""
    try:
        key = (cached.uncached, _freeze(args), _freeze(kwargs))
    except (AttributeError, TypeError):
        return None
    generation = _current_generation()
    with _lock:
        if generation != _generation:
            return None
        value = _warm_entries.get(key, _entries.get(key, _MISSING))
    return None if value is _MISSING else value


@contextmanager
def bypass() -> Iterator[None]:
    """Inside the block (this thread only) every memoised function runs for real."""
    before = getattr(_bypass, "on", False)
    _bypass.on = True
    try:
        yield
    finally:
        _bypass.on = before


def clear() -> None:
    global _generation
    with _lock:
        _entries.clear()
        _warm_entries.clear()
        _generation = _MISSING


def size() -> int:
    return len(_entries) + len(_warm_entries)


def on_new_build(warmer: Callable[[], None]) -> Callable[[], None]:
    """Register a warm-up hook (run by `warm()`: at worker start and after each rebuild)."""
    _warmers.append(warmer)
    return warmer


def warm() -> None:
    """Run every warm-up hook; a failing hook is logged, never raised (serving goes on).
    What they store is kept for the whole build (never pushed out by other views)."""
    _warming.on = True
    try:
        for warmer in list(_warmers):
            try:
                warmer()
            except Exception:  # noqa: BLE001 - a warm-up must never take a worker down
                log.exception("cache warm-up %s failed", getattr(warmer, "__name__", warmer))
    finally:
        _warming.on = False
