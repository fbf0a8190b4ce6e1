"""The request path draws figures without plotly's per-property validation
(dashboard/figures/unvalidated.py); validation lives here. Every registered chart and map,
for a set of filters, must give the same JSON both ways: a misspelt property makes the
validating drawing raise, and a value plotly would have rewritten (an axis title given as a
string, a property set to None) differs from the unvalidated dict."""

from __future__ import annotations

import json
import threading

import plotly.graph_objects as go
import polars as pl
import pytest
from plotly.io.json import to_json_plotly

from dashboard.components import chart_card
from dashboard.figures.registry import CHARTS, Filters
from dashboard.figures.unvalidated import figure_dict, unvalidated

# the page defaults, a city, a typed date range, Spanish, and the ports page's other component
QUERIES = (
    "",
    "?city=Tijuana",
    "?start=2019-01-01&end=2021-06-30",
    "?lang=es",
    "?component=USBP&city=Reynosa&lang=es",
)


def as_sent(figure) -> object:
    """The figure as the browser receives it (Dash encodes with plotly's JSON encoder)."""
    return json.loads(to_json_plotly(figure))


def validated_chart(figure_id: str, filters: Filters) -> dict:
    chart = CHARTS[figure_id]
    _, figure, _ = chart.render(filters)
    return (chart.screen(figure) if chart.screen else figure).to_dict()


def validated_map(figure_id: str, filters: Filters) -> dict:
    places = CHARTS[figure_id].places
    return places.draw(places.load(filters), filters).to_dict()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("figure_id", list(CHARTS))
def test_request_path_chart_equals_the_validated_chart(use_built_marts, figure_id, query):
    filters = Filters.from_search(query)
    sent = chart_card.drawn.uncached(figure_id, filters)[1]
    assert as_sent(sent) == as_sent(validated_chart(figure_id, filters))
    # and plotly, validating the dict itself, keeps it as it is
    assert as_sent(go.Figure(sent).to_dict()) == as_sent(sent)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("figure_id", [f for f, chart in CHARTS.items() if chart.places])
def test_request_path_map_equals_the_validated_map(use_built_marts, figure_id, query):
    filters = Filters.from_search(query)
    sent = chart_card.drawn_map.uncached(figure_id, filters)[0]
    assert as_sent(sent) == as_sent(validated_map(figure_id, filters))
    assert as_sent(go.Figure(sent).to_dict()) == as_sent(sent)


def test_a_misspelt_property_fails_only_when_validating():
    with pytest.raises(ValueError, match="colour"):
        go.Scatter(x=[1, 2], colour="red")
    with unvalidated():
        trace = go.Scatter(x=[1, 2], colour="red")
    assert trace.to_plotly_json()["colour"] == "red"  # kept as given: the tests above catch it


def test_the_switch_holds_for_its_own_thread_only():
    raised = []

    def other_thread():
        try:
            go.Scatter(x=[1], colour="red")
        except ValueError:
            raised.append(True)

    with unvalidated():
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert raised == [True]


def test_figure_dict_writes_what_validation_would():
    """A property set to None is unset, and polars columns become numpy arrays, as plotly's
    validation does it."""

    def draw() -> go.Figure:
        figure = go.Figure(go.Bar(x=pl.Series(["a", "b"]), y=pl.Series([1, 2])))
        return figure.update_yaxes(tickformat=",d").update_yaxes(tickformat=None)

    with unvalidated():
        sent = figure_dict(draw())
    assert "tickformat" not in sent["layout"]["yaxis"]
    assert as_sent(sent) == as_sent(draw().to_dict())
