"""Figures drawn without plotly's per-property validation, for the request path.

Drawing a chart through plotly's graph objects spends most of its time checking every
property it is given (a chart: 40-250 ms, its query 2-32 ms). Plotly can skip those checks:
an object whose `_validate` flag is off stores what it is given as is (the flag
`go.Figure(..., _validate=False)` sets). Inside `unvalidated()` every plotly object created
or changed in this thread has the flag off, so the figure code stays the same everywhere;
`figure_dict` then hands the figure over as the dict the validating path gives.

Validation stays in tests: tests/dashboard/test_unvalidated_figures.py draws every registered
chart and map both ways and requires the same JSON, so a misspelt property still fails (the
validating drawing raises) and a value plotly would have rewritten (an axis title given as a
string, a property set to None) shows up as a difference. Exports keep validating.

For the unvalidated drawing to equal the validated one, figure code writes properties in the
form plotly stores them: `title={"text": ...}` rather than `title="..."`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import plotly.basedatatypes as plotly_base
import plotly.graph_objects as go
import polars as pl

_off = threading.local()


def _get_validate(obj) -> bool:
    return obj.__dict__.get("_validate_asked", True) and not getattr(_off, "on", False)


def _set_validate(obj, value: bool) -> None:
    obj.__dict__["_validate_asked"] = value


# plotly reads and sets `_validate` on each object; it now also asks this thread's switch.
# This leans on plotly's internals (written against plotly 7.1): if a new plotly stores
# unvalidated values differently, the tests comparing both drawings fail.
for _cls in (plotly_base.BasePlotlyType, plotly_base.BaseFigure):
    _cls._validate = property(_get_validate, _set_validate)


@contextmanager
def unvalidated() -> Iterator[None]:
    """Inside the block (this thread only) plotly objects skip per-property validation."""
    before = getattr(_off, "on", False)
    _off.on = True
    try:
        yield
    finally:
        _off.on = before


def figure_dict(figure: go.Figure) -> dict:
    """The figure as a dict, as `figure.to_dict()` of the validated figure gives it: polars
    columns as numpy arrays, and no property set to None (for plotly, None unsets it)."""
    return _as_validated(figure.to_dict())


def _as_validated(value):
    if isinstance(value, dict):
        return {k: _as_validated(v) for k, v in value.items() if v is not None}
    if isinstance(value, pl.Series):
        return value.to_numpy()
    if isinstance(value, list | tuple) and value and isinstance(value[0], dict):
        return [_as_validated(v) for v in value]
    return value
