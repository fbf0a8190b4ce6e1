"""`metering exhibits`: every standard figure as png/svg/pdf + csv + citation + methods note.

One kaleido server serves the whole run. Every figure in CHARTS is written with default
filters, plus waitlist-by-city once per city that has a count. manifest.json lists every
file with its SHA-256 and the build facts; it holds no clock time, so two runs on the same
marts give the same manifest (and the same svg, pdf, csv and text files).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard import data
from dashboard.exports.notes import citation_text, methods_text
from dashboard.exports.render import figure_renderer, render_figure, to_bytes
from dashboard.figures.registry import CHARTS, Filters

PER_CITY = "waitlist-by-city"


@dataclass(frozen=True)
class Exhibit:
    stem: str
    figure_id: str
    filters: Filters


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def standard_exhibits(lang: str) -> list[Exhibit]:
    """Every chart with default filters, then waitlist-by-city for each city with a count."""
    exhibits = [Exhibit(fid, fid, Filters(lang=lang)) for fid in CHARTS]
    if PER_CITY in CHARTS:
        counted = data.waitlist_snapshots().drop_nulls("people_waiting")["city"].unique()
        exhibits += [
            Exhibit(f"{PER_CITY}--{slug(city)}", PER_CITY, Filters(lang, (city,)))
            for city in sorted(counted.to_list())
        ]
    return exhibits


def write_exhibit(exhibit: Exhibit, out: Path) -> dict:
    """Write the six files of one exhibit; return its manifest entry."""
    frame, csv_bytes, fig, meta = render_figure(exhibit.figure_id, exhibit.filters)
    files = {
        ".csv": csv_bytes,
        ".png": to_bytes(fig, "png", meta.built_at),
        ".svg": to_bytes(fig, "svg", meta.built_at),
        ".pdf": to_bytes(fig, "pdf", meta.built_at),
        ".citation.txt": citation_text(exhibit.stem, frame, exhibit.filters, meta).encode(),
        ".methods.md": methods_text(exhibit.stem, frame, exhibit.filters, meta).encode(),
    }
    for suffix, body in files.items():
        (out / f"{exhibit.stem}{suffix}").write_bytes(body)
    return {
        "id": exhibit.stem,
        "figure_id": exhibit.figure_id,
        "filters": exhibit.filters.to_query(),
        "rows": frame.height,
        "sources": len(meta.sources),
        "data_hash": meta.data_hash,
        "data_sha256": meta.sha256,
        "files": {f"{exhibit.stem}{s}": hashlib.sha256(b).hexdigest() for s, b in files.items()},
    }


def write_exhibits(
    out: Path, lang: str = "en", say: Callable[[str], None] = lambda m: print(m, file=sys.stderr)
) -> int:
    """Write every exhibit and manifest.json into `out`; return the number that failed."""
    out.mkdir(parents=True, exist_ok=True)
    entries, failed, began = [], 0, time.perf_counter()
    with figure_renderer():
        for exhibit in standard_exhibits(lang):
            start = time.perf_counter()
            try:
                entries.append(write_exhibit(exhibit, out))
            except Exception as err:  # one broken chart must not stop the other exhibits
                failed += 1
                say(f"FAILED {exhibit.stem}: {type(err).__name__}: {err}")
                continue
            say(f"{exhibit.stem:<44} {time.perf_counter() - start:5.2f} s")
    info = data.build_info()
    manifest = {
        "project": "Metering & Turnback Record",
        "lang": lang,
        "build": {
            "built_at": info["built_at"],
            "code_version": info["code_version"],
            "row_counts": info["row_counts"],
        },
        "exhibits": entries,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    total = time.perf_counter() - began
    say(
        f"{len(entries)} exhibit(s) in {total:.1f} s ({total / max(1, len(entries)):.2f} s each)"
        f"{f', {failed} failed' if failed else ''} -> {out}"
    )
    return failed
