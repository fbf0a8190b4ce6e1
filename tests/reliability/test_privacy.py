"""Privacy: no personal identifier gets into the record, and none is in what it publishes.

The formats below are written by hand from how A-numbers (8 or 9 digits, written with A, A-,
A#, spaces or dashes), U.S. and Mexican phone numbers, e-mail addresses and logins in URLs
appear in court papers, NGO reports and messages; none is a real person's. The suite prints
formats tried and caught, then scans every mart, page, CSV, exhibit and declaration.
"""

from __future__ import annotations

import csv
import json
import re

import pytest

from etl import privacy
from etl.sources import curated
from tests.reliability.figures import report
from tests.reliability.test_marts_verify import page_content

IDENTIFIERS = [
    # A-numbers
    "A12345678",
    "A123456789",
    "A-123456789",
    "A-123-456-789",
    "A#123456789",
    "A# 123 456 789",
    "A #123-456-789",
    "A 123 456 789",
    "a123456789",
    "A-12345678",
    "A 20190716",
    "123456789",
    "123-456-789",
    "12345678",
    # Mexican phone numbers
    "6641234567",
    "664 123 4567",
    "664-123-4567",
    "664.123.4567",
    "(664) 123-4567",
    "+52 664 123 4567",
    "+52 1 664 123 4567",
    "+526641234567",
    "52 664 123 4567",
    "0052 664 123 4567",
    "01 664 123 4567",
    "+52 55 1234 5678",
    "55 1234 5678",
    # U.S. phone numbers
    "(619) 555-0100",
    "619-555-0100",
    "619.555.0100",
    "619 555 0100",
    "+1 619 555 0100",
    "1-619-555-0100",
    "+1 (619) 555-0100",
    "6195550100",
    # e-mail and logins
    "maria.lopez@gmail.com",
    "MARIA_LOPEZ+x@hotmail.com.mx",
    "http://robertp@hrw.org/report/x",
    "https://user:secret@example.org/",
    "ftp://anon@files.example.org/a",
]
# Written as they appear in the committed record; none may be taken for an identifier.
NOT_IDENTIFIERS = [
    "3:17-cv-02366",
    "No. 3:17-cv-02366-BAS-KSC",
    "Case No. 19-56417",
    "84 FR 33829",
    "87 Fed. Reg. 18078",
    "ECF No. 189",
    "Dkt. 253-1",
    "57,460 people",
    "between 3,000 and 4,000",
    "a list of 11,000",
    "1,234,567",
    "2019-07-16",
    "20190716",
    "16/07/2019",
    "FY2019",
    "Pub. L. 116-136",
    "OMB 1651-0140",
    "A 2019 report",
    "Title 42",
    "(S.D. Cal. 2019)",
    "https://www.kpbs.org/news/2019/07/16/123456789",
    "https://example.org/doc?id=20190716",
    "AILA Doc. No. 17011802",
    "(order), DktEntry 84, ID 11618851",
    "2020 WL 1234567",
]
DENIED_NAME = "Rosa María Pérez Quintana"  # invented for this test


def test_every_identifier_format_is_caught_and_record_text_is_not():
    caught = [text for text in IDENTIFIERS if privacy.find(f"She was turned back ({text}).")]
    wrongly = [text for text in NOT_IDENTIFIERS if privacy.find(text)]
    report(
        "privacy formats",
        f"{len(IDENTIFIERS)} tried, {len(caught)} caught; "
        f"{len(NOT_IDENTIFIERS)} record-style texts, {len(wrongly)} taken for identifiers",
    )
    assert sorted(set(IDENTIFIERS) - set(caught)) == []
    assert wrongly == []


def _shortcut_texts(raw_dir) -> list[str]:
    """Texts for the shortcut test: the formats above, every cell of the committed curated CSVs,
    and digit runs of 1 to 12 digits grouped and prefixed in the ways identifiers are written."""
    texts = [*IDENTIFIERS, *NOT_IDENTIFIERS]
    for path in sorted(raw_dir.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            texts += [cell for row in csv.reader(handle) for cell in row]
    digits = "6641234567890"
    for length in range(1, 13):
        run = digits[:length]
        groupings = {run, " ".join(run[i : i + 3] for i in range(0, length, 3))}
        groupings.add("-".join(run[i : i + 4] for i in range(0, length, 4)))
        for grouped in groupings:
            for prefix in ("", "A", "A#", "A-", "+52 ", "+1 (", "No. ", "tel "):
                texts.append(f"{prefix}{grouped}")
                texts.append(f"x {prefix}{grouped}@")
    return texts


def test_the_shortcut_passes_no_text_an_identifier_pattern_matches(real_dirs):
    """privacy.find skips the five patterns when MAY_HOLD_IDENTIFIER (an "@" or 8 digits) does
    not match; every pattern needs one of them (an A-number has 8 or 9 digits, a phone number
    10, an e-mail or a login an "@"). Checked here on each pattern directly: whenever one of
    them matches a text, the shortcut lets the text through."""
    patterns = (
        privacy.URL_LOGIN,
        privacy.EMAIL,
        privacy.PHONE,
        privacy.A_NUMBER_WITH_PREFIX,
        privacy.BARE_A_NUMBER,
    )
    texts = _shortcut_texts(real_dirs.raw)
    matched = [t for t in texts if any(p.search(t) for p in patterns)]
    passed_by_shortcut = [t for t in matched if not privacy.MAY_HOLD_IDENTIFIER.search(t)]
    report("privacy shortcut", f"{len(texts)} texts, {len(matched)} matched by a pattern")
    assert matched  # the corpus reaches the patterns
    assert passed_by_shortcut == []


def test_find_each_says_what_find_says_of_each_text(real_dirs, monkeypatch):
    """privacy.find_each runs its shortcut over many texts at once (polars, Rust's regex): it
    must say of each text what find (or find_in_url) says, here on the corpus above, the
    identifiers inside sentences, eight of each digit Python's `\\d` knows (Arabic-Indic,
    fullwidth ...) inside words, and digit groups split by each space Python's `\\s` knows."""
    monkeypatch.delenv(privacy.DENY_NAMES_ENV, raising=False)
    texts = _shortcut_texts(real_dirs.raw)
    texts += [f"She was turned back ({text})." for text in IDENTIFIERS]
    texts += [f"x{chr(c) * 8}y" for c in range(0x110000) if chr(c).isdecimal()]
    # every space Python's `\\s` knows (Rust's lacks U+001C-U+001F) between the digit groups
    for space in (chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))):
        texts += [f"x 123{space}456{space}789 y", f"call (664){space}123{space}4567"]
        texts += [f"A{space}12{space}345{space}678", f"tel 664{space}123.4567"]
    urls = [i % 3 == 0 for i in range(len(texts))]
    expected = {}
    for i, text in enumerate(texts):
        kind = privacy.find_in_url(text) if urls[i] else privacy.find(text)
        if kind:
            expected[i] = kind
    assert len(expected) > len(IDENTIFIERS)
    assert privacy.find_each(texts, urls) == expected
    # written by hand: a login in an address, an e-mail, a phone number, a date, no digits
    hand = ["http://u@h.org/", "write to x@y.org", "call 619-555-0100", "2019-07-16", "none"]
    assert privacy.find_each(hand, [True, False, False, False, False]) == {
        0: "a URL with a login (user@host)",
        1: "an e-mail address",
        2: "a phone number",
    }


def test_find_each_looks_at_every_text_when_names_are_denied(tmp_path, monkeypatch):
    deny = tmp_path / "deny.txt"
    deny.write_text("rosa maria perez quintana\n", encoding="utf-8")
    monkeypatch.setenv(privacy.DENY_NAMES_ENV, str(deny))
    texts = ["Met Rosa María Pérez Quintana.", "", "no digits, no name"]
    assert privacy.find_each(texts, [False] * 3) == {
        0: f"a name on the deny list ({privacy.DENY_NAMES_ENV})"
    }


def test_a_row_with_an_identifier_is_refused_at_its_line_and_column(
    raw_copy, tmp_path, monkeypatch
):
    deny = tmp_path / "deny.txt"  # kept outside the repository, named by the env var
    deny.write_text("# names never to publish\nrosa maria perez quintana\n", encoding="utf-8")
    monkeypatch.setenv(privacy.DENY_NAMES_ENV, str(deny))
    path = raw_copy.raw / "turnback_reports.csv"
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
        template = next(csv.DictReader(open(path, encoding="utf-8")))
    first_new_line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    texts = [*IDENTIFIERS, DENIED_NAME]
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        for n, text in enumerate(texts):
            writer.writerow(
                {**template, "record_id": f"privacy-{n}", "description": f"Turned back: {text}"}
            )
    rejects = curated.check_folder(raw_copy.raw)
    refused = {r.line: r for r in rejects if "no_personal_identifiers" in r.reason}
    column = header.index("description") + 1
    for n in range(len(texts)):
        reject = refused.get(first_new_line + n)
        assert reject is not None, texts[n]
        assert (reject.file, reject.column) == ("turnback_reports.csv", column)
    assert {r.file for r in rejects if "no_personal_identifiers" in r.reason} == {path.name}


def strings(payload: str) -> str:
    """Every text value of a JSON payload (a page, a figure), one a line: numbers such as a
    plotly axis range in milliseconds are layout, not text anyone wrote."""
    texts = []

    def walk(node):
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(payload))
    return "\n".join(texts)


def scan(label: str, text: str, found: list[str]) -> None:
    kind = privacy.find(text)
    if kind:
        found.append(f"{label}: {kind}")


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


def test_nothing_published_holds_an_identifier(marts_con, client, use_built_marts):
    from dashboard.exports.declaration import build_declaration, to_markdown
    from dashboard.exports.exhibits import standard_exhibits
    from dashboard.exports.notes import citation_text, methods_text
    from dashboard.exports.render import render_figure
    from dashboard.figures.registry import CHARTS

    found, scanned = [], 0
    tables = marts_con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('marts', 'meta')"
    ).fetchall()
    for schema, table in tables:
        frame = marts_con.sql(f'select * from {schema}."{table}"').pl()
        for name, dtype in frame.schema.items():
            if dtype.is_nested() or str(dtype) != "String":
                continue
            for value in frame[name].drop_nulls().unique():
                scanned += 1
                kind = privacy.find_in_url(value) if name.endswith("url") else privacy.find(value)
                if kind and not name.endswith(("inputs", "row_counts")):
                    found.append(f"{schema}.{table}.{name}: {kind}: {value[:60]}")
    for lang in ("en", "es"):
        for path in ("/", "/waitlists", "/ports", "/policy", "/turnbacks", "/sources", "/exhibits"):
            scanned += 1
            page = strings(page_content(client, path, f"?lang={lang}"))
            scan(f"page {path} {lang}", page, found)
        for exhibit in standard_exhibits(lang):
            frame, csv_bytes, fig, meta = render_figure(exhibit.figure_id, exhibit.filters)
            for part, text in (
                ("csv", csv_bytes.decode()),
                ("citation", citation_text(exhibit.stem, frame, exhibit.filters, meta)),
                ("methods", methods_text(exhibit.stem, frame, exhibit.filters, meta)),
                ("figure", strings(fig.to_json())),
            ):
                scanned += 1
                scan(f"exhibit {exhibit.stem} {part} {lang}", text, found)
        from datetime import date

        for city in marts_con.execute(
            "select distinct city from marts.waitlist_snapshots"
        ).fetchall():
            text = to_markdown(
                build_declaration(city[0], None, date(2016, 1, 1), date(2025, 12, 31), lang)
            )
            scanned += 1
            scan(f"declaration {city[0]} {lang}", text, found)
    for figure_id in CHARTS:
        scanned += 1
        scan(
            f"download {figure_id}.csv",
            client.get(f"/download/{figure_id}.csv").get_data(as_text=True),
            found,
        )
    report("privacy scan", f"{scanned} values and documents scanned, {len(found)} identifiers")
    assert found == []
