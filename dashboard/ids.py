"""The ids a link, `--param` or `metering export` accepts (figures, policy events, series),
as the Markdown block the README shows between its `ids` markers.

`python -m dashboard.ids` rewrites that block from the code and the built marts;
tests/meta/test_readme_ids.py fails when the README's block differs, so it cannot go stale.
"""

from __future__ import annotations

import re

from etl import paths

START, END = "<!-- ids:start -->", "<!-- ids:end -->"


def ids_markdown() -> str:
    from dashboard import data
    from dashboard.figures.registry import CHARTS
    from dashboard.i18n import t

    lines = ["Figure ids (`metering export FIGURE`, `/download/<figure>.<format>`):", ""]
    lines += [f"- `{fid}`: {t(f'figure_name.{fid}', 'en')}" for fid in CHARTS]
    lines += ["", "Policy event ids (`/policy?event=…`; all events: marts.policy_events):", ""]
    lines += [
        f"- `{row['event_id']}`: {row['title']} ({row['event_date']})"
        for row in data.key_events().iter_rows(named=True)
    ]
    lines += ["", "Series ids (`/policy?series=…`):", ""]
    lines += [
        f"- `{row['series_id']}`: {row['title_en']}"
        for row in data.policy_series().iter_rows(named=True)
    ]
    return "\n".join(lines)


def readme_block(readme: str) -> str:
    match = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), readme, re.S)
    return match.group(1) if match else ""


def main() -> None:
    path = paths.ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    block = f"{START}\n{ids_markdown()}\n{END}"
    path.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), block, readme, flags=re.S))


if __name__ == "__main__":
    main()
