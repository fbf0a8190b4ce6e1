"""/sources : every dataset's card and every cited source, with the rows that cite it."""

from __future__ import annotations

import dash
from dash import html

from dashboard import data, source_refs
from dashboard.components.shell import page_title, shell
from dashboard.components.table import records_table, register_records_table
from dashboard.components.text import rich
from dashboard.figures.registry import Filters
from dashboard.i18n import fmt_date, fmt_int, t
from dashboard.markup import md_link

dash.register_page(__name__, path="/sources", title=page_title("nav.sources"))
COLUMNS = ("source_id", "publisher", "title", "published", "link", "copy", "rows_cited", "marts")


def dataset_card(card: dict, lang: str) -> html.Section:
    """A dataset's source card in the page's language (Spanish pages: the cards' `_es` fields,
    the project's Spanish of the English text)."""
    suffix = "_es" if lang == "es" else ""
    caveats = (card["caveats" + suffix] or "").splitlines()
    return html.Section(
        className="card dataset-card",
        id=f"sources-card-{card['dataset']}",
        children=[
            html.H3(card["title" + suffix]),
            html.P(card["description" + suffix]),
            html.P(
                [
                    html.Strong(t("sources.compiled_from", lang)),
                    " ",
                    card["compiled_from" + suffix] or "—",
                ],
                className="note",
            ),
            html.Details(
                [
                    html.Summary(t("sources.caveats", lang, n=len(caveats))),
                    html.Ul([html.Li(c) for c in caveats]),
                ]
            ),
            html.Details(
                [
                    html.Summary(t("sources.quality", lang)),
                    html.P(card["quality_check" + suffix] or "—"),
                ]
            ),
            html.P(
                t("sources.file", lang, file=card["file"], licence=card["licence" + suffix] or "—"),
                className="note",
            ),
        ],
    )


def source_rows(lang: str) -> list[dict]:
    rows = []
    for r in data.sources_with_usage().iter_rows(named=True):
        original = r.get("original_url") or (None if r.get("copy_url") else r["url"])
        copy = r.get("copy_url")
        rows.append(
            {
                "source_id": r["source_id"],
                "publisher": source_refs.publisher(r),
                "title": source_refs.title_text(r, lang),
                "published": source_refs.date_text(r, lang),
                "link": md_link(t("sources.open", lang), original) if original else "—",
                "copy": md_link(r["copy_host"] or "—", copy) if copy else "—",
                "rows_cited": fmt_int(r["rows_cited"], lang),
                "marts": r["marts"] or "—",
            }
        )
    return rows


def layout(**query) -> html.Div:
    lang = Filters.from_query(query).lang
    info = data.build_info()
    return shell(
        "/sources",
        lang,
        [
            html.H1(t("sources.title", lang)),
            html.P(
                rich(
                    t(
                        "sources.lede",
                        lang,
                        built=fmt_date(data.built_on(), lang),
                        version=info["code_version"],
                    )
                ),
                className="lede",
            ),
            html.H2(t("sources.datasets", lang)),
            html.Div(
                className="dataset-grid",
                children=[dataset_card(c, lang) for c in data.datasets().iter_rows(named=True)],
            ),
            html.H2(t("sources.all", lang)),
            html.P(t("sources.all_note", lang), className="note"),
            records_table(
                "sources-table",
                Filters(lang=lang),
                "sources.col.",
                page_size=25,
                markdown=("link", "copy"),
                searchable=True,
            ),
        ],
    )


register_records_table("sources-table", lambda f: source_rows(f.lang), COLUMNS)
