"""The frame around every page: header, navigation (keeping the language), footer note."""

from __future__ import annotations

from dash import html

from dashboard.components.text import rich
from dashboard.i18n import t

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
    lang_query = "" if other == "en" else "?lang=es"
    keep = "" if lang == "en" else "?lang=es"
    return html.Div(
        className="page",
        lang=lang,
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
                        href=active + lang_query,
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
