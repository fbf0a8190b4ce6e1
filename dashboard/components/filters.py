"""The filter bar a page builds from the URL parameters it declares, and the one callback per
page that keeps the URL and every chart card on the page in step with it.

A control's id is {"type": "param", "page": <page>, "name": <URL parameter>}: the callback
reads them all by pattern, so a page lists its parameters once and nothing else. It draws
no chart: it writes the new query string into each card's `card-query` store, and each card
redraws itself from its own callbacks (components/chart_card.py), all at once.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html

from dashboard import data
from dashboard.components.chart_card import part_id
from dashboard.components.shell import switch_query
from dashboard.figures.encounters import label
from dashboard.figures.registry import Filters
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import release_label

LABELS = {  # URL parameter → catalogue key of its label (default: filter.<name>)
    "component": "ports.filter.component",
    "release": "ports.filter.release",
    "demographic": "ports.filter.demographic",
    "citizenship": "ports.filter.citizenship",
    "title": "ports.filter.title",
    "event": "policy.filter.event",
    "series": "policy.filter.series",
    "window": "policy.filter.window",
}
REQUIRED = ("component", "release", "event", "series")  # always one value: no "all" choice
RADIOS = ("window",)  # a few short choices, all in view
DATES = ("start", "end")


def options(name: str, lang: str) -> list[dict]:
    """The choices a dropdown offers, labelled in the page's language."""
    if name == "city":
        values = data.known_cities()
        return [{"label": v, "value": v} for v in values]
    if name == "port":
        return [{"label": v, "value": v} for v in data.port_names()]
    if name == "tactic":
        return [{"label": t("tactic." + v, lang), "value": v} for v in data.turnback_tactic_names()]
    if name == "record_type":
        return [
            {"label": t("record_type." + v, lang), "value": v} for v in ("incident", "aggregate")
        ]
    if name == "fy":
        return [
            {"label": t("filter.fy.option", lang, year=y, prev=y - 1), "value": str(y)}
            for y in data.encounter_fiscal_years()
        ]
    if name == "component":
        return [{"label": t(f"component.{c}", lang), "value": c} for c in ("OFO", "USBP")]
    if name == "event":
        title = "title_es" if lang == "es" else "title"
        return [
            {
                "label": t(
                    "policy.event.option",
                    lang,
                    title=r[title],
                    date=fmt_date(r["event_date"], lang, r["date_precision"] or "day"),
                ),
                "value": r["event_id"],
            }
            for r in data.key_events().iter_rows(named=True)
        ]
    if name == "series":
        title = "title_es" if lang == "es" else "title_en"
        return [
            {"label": r[title], "value": r["series_id"]}
            for r in data.policy_series().iter_rows(named=True)
        ]
    if name == "window":
        return [
            {"label": t("policy.window.option", lang, k=k), "value": str(k)}
            for k in data.policy_windows()
        ]
    if name == "release":
        releases = data.official_releases()
        sources = data.source_rows(releases)
        return [
            {"label": t("release.preferred", lang), "value": "preferred"},
            *({"label": release_label(r, sources, lang), "value": r} for r in releases),
        ]
    column = "title_of_authority" if name == "title" else name
    return [
        {
            "label": label(f"dim.{column}", v, lang) if name != "citizenship" else v.title(),
            "value": v,
        }
        for v in data.encounter_values(column)
    ]


def control(
    page: str,
    name: str,
    filters: Filters,
    lang: str,
    multi_city: bool = True,
    label_key: str | None = None,
):
    """One labelled control for a URL parameter, showing its value from the URL."""
    cid = {"type": "param", "page": page, "name": name}
    text = t(label_key or LABELS.get(name, f"filter.{name}"), lang)
    if name in DATES:
        value = getattr(filters, name)
        # No debounce: a date input only reports a complete date, and Dash's debounce path
        # calls setSelectionRange, which date inputs do not support (a console error).
        widget = dcc.Input(
            id=cid,
            type="date",
            value=value.isoformat() if value else None,
            disabled=dates_locked(name, filters),
        )
        return html.Label([text, widget], className="filter")
    if name in RADIOS:
        # a group of radio buttons is not put inside a <label> (nested-interactive): a named
        # group instead
        label_id = f"{page}-{name}-label"
        widget = dcc.RadioItems(
            id=cid,
            options=options(name, lang),
            value=filters.param(name),
            inline=True,
            labelStyle={"marginRight": "16px", "color": "#1f2933", "fontSize": 14},
            inputStyle={"marginRight": "6px"},
        )
        return html.Div(
            [html.Span(text, id=label_id), widget],
            className="filter",
            role="radiogroup",
            **{"aria-labelledby": label_id},
        )
    if name == "city":
        value = list(filters.cities) if multi_city else (filters.cities or [None])[0]
        placeholder = t("filter.city.all", lang)
    else:
        value = filters.param(name)
        placeholder = (
            None
            if name in REQUIRED
            else t("ports.filter.all", lang)
            if name in LABELS
            else t(f"filter.{name}.all", lang)
        )
    widget = dcc.Dropdown(
        id=cid,
        options=options(name, lang),
        value=value,
        multi=name == "city" and multi_city,
        clearable=name not in REQUIRED,
        placeholder=placeholder,
    )
    wide = name == "city" or name in REQUIRED
    # in a box of the dropdown's height (style.css): its script loads apart, and until then
    # the dropdown is not drawn at all (everything below moved up, then down)
    box = html.Div(widget, className="filter-control")
    return html.Label([text, box], className="filter filter-wide" if wide else "filter")


def dates_locked(name: str, filters: Filters) -> bool:
    """A chosen fiscal year sets the period: the date inputs show it and wait until it is
    cleared."""
    return name in DATES and "fy" in filters.extra


def locked(names: list[str], filters: Filters) -> list[bool | None]:
    """Which controls to lock (None: leave it be): only a page with a fiscal-year filter ever
    locks its dates, the others are left be."""
    return [
        dates_locked(name, filters) if name in DATES and "fy" in names else None for name in names
    ]


def filter_bar(page: str, params: tuple[str, ...], filters: Filters, lang: str, **kw) -> html.Div:
    return html.Div(
        className="filters", children=[control(page, n, filters, lang, **kw) for n in params]
    )


def page_state(page: str, filters: Filters) -> list:
    """The URL and language a page's callback reads, its "not found" notice, and the view its
    callback hands to the page's cards (`register_page_callback`)."""
    return [
        dcc.Location(id=f"{page}-url", refresh=False),
        dcc.Store(id=f"{page}-lang", data=filters.lang),
        dcc.Store(id=view_id(page)),
        html.Div(not_found(filters), id=f"{page}-notice", role="status"),
    ]


def view_id(page: str) -> str:
    """The store of the page's filters as its callback last answered them: {"query": the URL
    query, "locks": per control, lock it or not (null: leave it be)}."""
    return f"{page}-view"


def not_found(filters: Filters):
    if not filters.unknown:
        return None
    values = ", ".join(f"{name}={value}" for name, value in filters.unknown)
    return html.P(t("params.not_found", filters.lang, values=values), className="notice")


def _each(page: str, kind: str, prop: str, **more) -> Output:
    return Output({**part_id(kind, page, ALL), **more}, prop)


# The view → every card's query store (which makes the card redraw itself, and its table
# start again from its first page), the card and its map busy until their own callbacks
# answer, and the controls locked or not. In the browser, so the answers apply in the order
# they were asked.
FAN_OUT = """function(view) {
    const outputs = dash_clientside.callback_context.outputs_list;
    const keep = dash_clientside.no_update;
    return [
        outputs[0].map(() => view.query),
        outputs[1].map(() => "true"),
        outputs[2].map(() => "true"),
        ...outputs.slice(3).map(() => view.locks.map(lock => (lock === null ? keep : lock))),
    ];
}"""


def register_page_callback(
    page: str,
    path: str,
    extra_outputs: tuple[Output, ...] = (),
    extra: Callable[[Filters], tuple] = lambda filters: (),
    has_dates: bool = True,
) -> None:
    """Filters → the URL, the notice, the language switch, the page's view (which the browser
    hands to each card: FAN_OUT) and the page's own extra outputs. A page without date inputs
    says `has_dates=False`: no control of its is locked, and its radio buttons (which have no
    `disabled`) are not asked to be.

    The server callback writes only outputs that are one component each. Dash drops the older
    call of a callback asked again while it is out, but dash-renderer 4.4 puts it back when an
    output names many components (`ALL`), and then the answer for the first of two dates typed
    in a row can arrive last and win (tests/browser/test_stale_answers.py). So the outputs
    that name every card are written in the browser from the view."""
    locks = (Output({"type": "param", "page": page, "name": ALL}, "disabled"),) if has_dates else ()

    @callback(
        Output(f"{page}-url", "search"),
        Output(f"{page}-notice", "children"),
        Output("lang-switch", "href"),
        Output(view_id(page), "data"),
        *extra_outputs,
        Input({"type": "param", "page": page, "name": ALL}, "value"),
        State(f"{page}-lang", "data"),
        prevent_initial_call=True,
    )
    def update(values, lang):
        names = [item["id"]["name"] for item in ctx.inputs_list[0]]
        filters = Filters.from_query({**dict(zip(names, values, strict=True)), "lang": lang})
        query = filters.query_string()
        return (
            query,
            None,
            path + switch_query(query, "es" if lang == "en" else "en"),
            {"query": query, "locks": locked(names, filters)},
            *extra(filters),
        )

    clientside_callback(
        FAN_OUT,
        _each(page, "query", "data"),
        _each(page, "body", "aria-busy"),
        _each(page, "map-body", "aria-busy"),
        *locks,
        Input(view_id(page), "data"),
        prevent_initial_call=True,
    )
