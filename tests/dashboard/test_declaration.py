"""`metering declare`: known figures with their sources, Spanish formats, pre-2019 evidence."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest

from dashboard.exports.declaration import write_declaration
from metering.cli import main

MAY_2019 = (date(2019, 5, 1), date(2019, 5, 31))
JULY_2019 = (date(2019, 7, 1), date(2019, 7, 31))


def declaration(city="Tijuana", period=MAY_2019, lang="en", fmt="md", port=None) -> str:
    return write_declaration(None if port else city, port, *period, lang, fmt).decode()


def note_number(text: str, title: str) -> int:
    match = re.search(r"^(\d+)\. .*" + re.escape(title), text, re.M)
    assert match, f"no note for {title!r}"
    return int(match.group(1))


def test_tijuana_may_2019_states_the_ap_count_with_its_source(use_built_marts):
    text = declaration()
    n = note_number(text, "“AP finds 13,000 asylum seekers on border wait lists”")
    assert (
        f"According to Associated Press, as of May 10, 2019 there were about 4,800 people "
        f"on the metering waitlist in Tijuana; the list was open.[{n}]"
    ) in text
    kpbs = note_number(text, "For Thousands Of Asylum Seekers, All They Can Do Is Wait")
    assert f"CBP was taking 20 to 80 people a day from the list.[{kpbs}]" in text
    assert "modeled wait of 60 to 240 days" in text


def test_families_and_names_are_not_called_people(use_built_marts):
    text = declaration(period=JULY_2019)
    assert "more than 9,000 names on the metering waitlist in Tijuana" in text
    assert "This count is of names, not of people." in text


def test_spanish_uses_spanish_formats_and_wording(use_built_marts):
    text = declaration(period=JULY_2019, lang="es")
    assert "del 1 de julio de 2019 al 31 de julio de 2019" in text
    assert "más de 9,000 nombres en la lista de espera del *metering* de Tijuana" in text
    assert "antes del 16 de julio de 2019" in text
    assert "## Notas" in text and "July" not in text.split("## Notas")[0]


def test_pre_july_16_2019_evidence_section_for_tijuana(use_built_marts):
    text = declaration(period=(date(2021, 1, 1), date(2021, 6, 30)))
    section = text.split("## 6. Evidence of a waitlist or metering in Tijuana before July 16, 2019")
    assert len(section) == 2
    assert "Al Otro Lado v. Mayorkas" in section[1]
    assert re.search(r"^- November 27, 2018: waitlist open; 5,030 people", section[1], re.M)
    assert "not a legal determination" in section[1]


def test_says_plainly_when_no_count_was_found(use_built_marts):
    text = declaration("Reynosa", (date(2019, 1, 1), date(2019, 3, 31)))
    assert (
        "No count of the list in Reynosa between January 1, 2019 and March 31, 2019 "
        "was found in the sources."
    ) in text


JUAREZ = ("Ciudad Juárez", (date(2019, 8, 1), date(2020, 1, 31)))


def test_juarez_declaration_says_what_its_sources_say(use_built_marts):
    """The Ciudad Juárez declaration, August 2019 to January 2020 (issue 11's example)."""
    es = declaration(*JUAREZ, lang="es")
    # 860 Líder Informativo, September 2019: "about 10 attended", no period: not a pace
    assert (
        "en septiembre de 2019 se atendió a alrededor de 10 personas de la lista; la fuente "
        "no indica en qué periodo, por lo que no es un ritmo."
    ) in es
    assert "10 personas por día" not in es and "330 días" not in es
    # El Diario de Juárez, 10 August 2019: one migrant had waited three months
    assert "al 10 de agosto de 2019 una persona migrante ya había esperado 90 días." in es
    # a "more than 5,840" count gives an "at least" wait: 5,840 / (150 / 30) = 1,168 days
    assert "un tiempo de espera estimado de al menos 1,168 días. Es un cálculo" in es
    assert "nadie abandona la lista ni se adelanta" in es
    # tb-0045 "at least 1,000", tb-0125 "more than 100", tb-0047 "over 57,460"
    assert "al menos 1,000 personas (registro tb-0045)" in es
    assert "más de 100 personas (registro tb-0125)" in es
    assert "más de 57,460 personas (registro tb-0047)" in es
    assert "al agosto" not in es and "informe(s)" not in es
    assert "en agosto de 2019 había" in es


def test_one_day_counts_and_no_list_rows_say_what_was_seen(use_built_marts):
    tijuana = declaration("Tijuana", (date(2019, 7, 16), date(2019, 7, 16)))
    # San Diego Union-Tribune: 12 people transported "that morning"
    assert "on July 16, 2019 CBP took in 12 people that day; this is a count on one day" in tijuana
    assert "12 people a day" not in tijuana
    matamoros = declaration("Matamoros", (date(2018, 6, 18), date(2018, 6, 18)))
    # Neta RGV: "about 13 asylum seekers waited on the Gateway bridge"
    assert "on June 18, 2018, about 13 people waited on the bridge at Matamoros" in matamoros
    assert "on the metering waitlist in Matamoros" not in matamoros


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_internal_ids_in_reader_text(use_built_marts, lang):
    for city, period in (JUAREZ, ("Tijuana", (date(2018, 11, 1), date(2019, 9, 30)))):
        body = declaration(city, period, lang).split("\n## Not")[0]
        text = "\n".join(line for line in body.splitlines() if not line.startswith("_"))
        for internal in ("its_segmented_ols_hac", "marts.", "docs/methods.md", "_", "per_day"):
            assert internal not in text, internal


def test_port_maps_to_its_city(use_built_marts):
    assert declaration(port="San Ysidro") == declaration("Tijuana")


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_same_marts_give_identical_files(use_built_marts, fmt):
    assert write_declaration("Tijuana", None, *MAY_2019, "es", fmt) == write_declaration(
        "Tijuana", None, *MAY_2019, "es", fmt
    )


def test_docx_notes_are_real_word_footnotes(use_built_marts):
    """Every note mark is a <w:footnoteReference> to a footnote in word/footnotes.xml."""
    from docx import Document

    body = write_declaration("Tijuana", None, *MAY_2019, "en", "docx")
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        footnotes = package.read("word/footnotes.xml").decode()
        document = package.read("word/document.xml").decode()
    assert "word/footnotes.xml" in names
    assert "wordprocessingml.footnotes+xml" in types and 'Target="footnotes.xml"' in rels
    ElementTree.fromstring(footnotes)  # well-formed
    marks = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    notes = re.findall(r'<w:footnote w:id="(\d+)">', footnotes)
    assert marks and marks == notes == [str(i) for i in range(1, len(marks) + 1)]
    assert "Associated Press, “AP finds 13,000 asylum seekers" in footnotes
    # a source cited twice: the second footnote points back to the first
    assert re.search(r"; see note \d+\.", footnotes)
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    assert "about 4,800 people" in text


def test_spanish_pdf_renders_accents(use_built_marts, tmp_path):
    path = tmp_path / "d.pdf"
    path.write_bytes(write_declaration("Tijuana", None, *JULY_2019, "es", "pdf"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Según" in text and "más de 9,000 nombres" in text
    assert "16 de julio de 2019" in text


def test_declare_cli_rejects_unknown_city(use_built_marts, tmp_path, capsys):
    assert (
        main(
            [
                "declare",
                "--city",
                "Atlantis",
                "--start",
                "2019-01-01",
                "--end",
                "2019-02-01",
                "--out",
                str(tmp_path / "x.md"),
            ]
        )
        == 2
    )
    assert "unknown city" in capsys.readouterr().err
