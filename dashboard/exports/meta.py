"""Facts printed on every exhibit: sources, data vintage, filters used and the data hash.

The data hash is the first 12 hex digits of the SHA-256 of the exact CSV that the figure
draws (the same bytes as the card's "data" download), so a reader can match a printed
figure to its data file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl

from dashboard import data
from dashboard.downloads import chart_csv
from dashboard.figures.registry import Filters
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import frame_ids, release_labels, rows_for, split_ids


@dataclass(frozen=True)
class ExhibitMeta:
    figure_id: str
    lang: str
    sources: tuple[dict, ...]
    built_at: str
    code_version: str
    release: str | None
    filters: str
    reproduce: str  # the command that makes the same file: every filter as a --param
    data_hash: str
    sha256: str


def data_hash(csv_bytes: bytes) -> str:
    return hashlib.sha256(csv_bytes).hexdigest()


def frame_sources(frame: pl.DataFrame) -> tuple[dict, ...]:
    """meta.sources rows for every source_id in the frame (also comma-joined lists)."""
    ids = frame_ids(frame)
    return tuple(rows_for(ids, data.source_rows(ids)))


def frame_release(frame: pl.DataFrame, lang: str) -> str | None:
    """The official release(s) the rows come from, by name, where the frame has that column."""
    if "release" not in frame.columns:
        return None
    ids = split_ids(frame["release"].to_list())
    return release_labels(ids, data.source_rows(ids), lang) or None


def filters_text(filters: Filters) -> str:
    lang = filters.lang
    cities = ", ".join(filters.cities) if filters.cities else t("exhibit.all_cities", lang)
    if filters.start or filters.end:
        period = t(
            "exhibit.period",
            lang,
            start=fmt_date(filters.start, lang) if filters.start else "…",
            end=fmt_date(filters.end, lang) if filters.end else "…",
        )
    else:
        period = t("exhibit.all_dates", lang)
    extra = [f"{k}={v}" for k, v in sorted(filters.extra.items()) if v]
    return "; ".join([cities, period, *extra])


def reproduce_command(figure_id: str, filters: Filters, fmt: str = "csv") -> str:
    """`metering export <figure> --format <fmt> [--lang es] --param key=value ...`."""
    query = filters.to_query()
    lang = " --lang es" if query.pop("lang", None) == "es" else ""
    params = "".join(f" --param {k}={v}" for k, v in query.items())
    return f"metering export {figure_id} --format {fmt}{lang}{params}"


def exhibit_meta(
    figure_id: str, frame: pl.DataFrame, filters: Filters, csv_bytes: bytes | None = None
) -> ExhibitMeta:
    csv_bytes = chart_csv(frame, filters.lang) if csv_bytes is None else csv_bytes
    info = data.build_info()
    digest = data_hash(csv_bytes)
    return ExhibitMeta(
        figure_id,
        filters.lang,
        frame_sources(frame),
        info["built_at"],
        info["code_version"],
        frame_release(frame, filters.lang),
        filters_text(filters),
        reproduce_command(figure_id, filters),
        digest[:12],
        digest,
    )
