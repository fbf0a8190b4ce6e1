"""The frame around every page: header, navigation (keeping the language), footer note."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from dash import html

from dashboard.components.text import rich
from dashboard.i18n import lang_or_default, t

PAGER_BUTTONS = ("first-page", "previous-page", "next-page", "last-page", "current")

NAV = (
    ("/", "nav.overview"),
    ("/waitlists", "nav.waitlists"),
    ("/ports", "nav.ports"),
    ("/policy", "nav.policy"),
    ("/turnbacks", "nav.turnbacks"),
    ("/sources", "nav.sources"),
    ("/exhibits", "nav.exhibits"),
)


def nav_pages() -> list[tuple[str, str]]:
    """Only the pages this build registers (later issues add the rest)."""
    import dash

    registered = {page["path"] for page in dash.page_registry.values()}
    return [(path, key) for path, key in NAV if path in registered]


def shell(active: str, lang: str, children: list, query_string: str = "") -> html.Div:
    other = "es" if lang == "en" else "en"
    keep = "" if lang == "en" else "?lang=es"
    return html.Div(
        className="page",
        lang=lang,
        # names for the table pager's icon buttons, read by assets/accessibility.js
        **{f"data-pager-{name}": t(f"a11y.pager.{name}", lang) for name in PAGER_BUTTONS},
        **{"data-filter-case": t("a11y.filter_case", lang)},  # the table filter's "Aa" toggle
        **{"data-date-none": t("a11y.date_none", lang)},  # an empty date input, in words
        children=[
            html.Header(
                className="site-header",
                children=[
                    html.A(rich(t("site.name", lang)), href="/" + keep, className="site-name"),
                    html.Nav(
                        className="site-nav",
                        children=[
                            html.A(
                                t(key, lang),
                                href=path + keep,
                                className="active" if path == active else "",
                            )
                            for path, key in nav_pages()
                        ],
                    ),
                    html.A(
                        t("site.switch_lang", lang),
                        href=active + switch_query(_request_query(), other),
                        className="lang-switch",
                        id="lang-switch",
                        lang=other,
                    ),
                ],
            ),
            html.Main(children=children),
            html.Footer(
                className="site-footer",
                children=[
                    html.P(t("site.footer.limits", lang)),
                    html.P(t("site.footer.privacy", lang)),
                ],
            ),
        ],
    )


def _request_query() -> str:
    """The page's own query string, from a page load or from the router's callback."""
    from urllib.parse import urlencode

    from flask import has_request_context, request

    if not has_request_context():
        return ""
    if request.method == "GET":
        return urlencode(request.args, doseq=True)
    body = request.get_json(silent=True) or {}
    for item in body.get("inputs", []):
        if isinstance(item, dict) and item.get("property") == "search":
            return (item.get("value") or "").lstrip("?")
    return ""


def switch_query(query: str, lang: str) -> str:
    """The same query in another language: every other parameter is kept as it is."""
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?")) if k != "lang"]
    if lang != "en":
        pairs.insert(0, ("lang", lang))
    return "?" + urlencode(pairs) if pairs else ""


def _request_lang() -> str:
    """The page's language, from the URL of a page load or of the router's callback."""
    return lang_or_default(dict(parse_qsl(_request_query())).get("lang"))


def serve_html_lang(app) -> None:
    """Write the page's language into <html lang> of every page Dash serves, so a screen
    reader reads a Spanish page with a Spanish voice from the first byte."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        return interpolate(**kwargs).replace("<html>", f'<html lang="{_request_lang()}">', 1)

    app.interpolate_index = interpolate_index


def page_title(nav_key: str):
    """A register_page title that follows ?lang= (the browser tab and link previews)."""

    def title(**_path_variables) -> str:
        lang = _request_lang()
        return f"{t(nav_key, lang)} · {t('site.name', lang).replace('*', '')}"

    return title
