"""Issue 2 end to end: a case file becomes a Word memo that looks and reads like the real thing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.ci.xsd import validate_docx
from drafter.pipeline import build_docx, draft

ROOT = Path(__file__).resolve().parents[1]
ARBOGA = ROOT / "cases" / "arboga-integration.yaml"
EXEMPEL = ROOT / "cases" / "exempel-svar-på-motion.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Both sample cases rendered once through the CLI, as a user runs it."""
    out = tmp_path_factory.mktemp("output")
    result = CliRunner().invoke(main, ["render", str(ARBOGA), str(EXEMPEL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.output.split()]
    assert sorted(p.name for p in paths) == ["arboga-integration.docx", "exempel-svar-på-motion.docx"]
    return {p.stem: p for p in paths}


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def headings(document: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_headings_are_real_word_headings_in_order(rendered):
    found = headings(docx.Document(rendered["arboga-integration"]))
    assert found == [
        ("Heading 1", "Svar på motion – Utveckla integrationsarbetet i Arboga kommun"),
        ("Heading 2", "Förslag till beslut"),
        ("Heading 2", "Sammanfattning"),
        ("Heading 2", "Förvaltningens redogörelse"),
        ("Heading 3", "Förslag till handlingsplan"),
        ("Heading 3", "Integration och social hållbarhet"),
    ]


def test_footnotes_are_real_word_footnotes(rendered):
    path = rendered["arboga-integration"]
    with zipfile.ZipFile(path) as package:
        assert "word/footnotes.xml" in package.namelist()
        content_types = package.read("[Content_Types].xml").decode()
        relationships = package.read("word/_rels/document.xml.rels").decode()
    assert "wordprocessingml.footnotes+xml" in content_types
    assert "footnotes.xml" in relationships
    notes = part(path, "word/footnotes.xml")
    types = [n.get(f"{W}type") for n in notes.findall("w:footnote", NS)]
    assert "separator" in types and "continuationSeparator" in types
    real = [n for n in notes.findall("w:footnote", NS) if n.get(f"{W}type") is None]
    assert len(real) == 1
    assert "".join(real[0].itertext()) .strip() == "Regeringens styrning i tvärsektoriella frågor (Statskontoret 2022)"
    body = part(path, "word/document.xml")
    references = body.findall(".//w:footnoteReference", NS)
    assert [r.get(f"{W}id") for r in references] == [real[0].get(f"{W}id")]
    # The reference stands right after "verksamhetsområden." as in the real memo.
    paragraph = references[0].getparent().getparent()
    assert "".join(paragraph.itertext()).startswith("För att ta arbetet vidare")


def test_each_numbered_list_restarts(rendered):
    path = rendered["exempel-svar-på-motion"]
    body = part(path, "word/document.xml")
    numbering = part(path, "word/numbering.xml")
    first_items = {}
    for paragraph in body.iter(f"{W}p"):
        num = paragraph.find("w:pPr/w:numPr/w:numId", NS)
        if num is not None:
            first_items.setdefault(num.get(f"{W}val"), "".join(paragraph.itertext()))
    decimal_lists = []
    for num_id in first_items:
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{num.find('w:abstractNumId', NS).get(f'{W}val')}']", NS)
        if abstract.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(f"{W}val") == "decimal":
            start = num.find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS)
            assert start is not None and start.get(f"{W}val") == "1"
            decimal_lists.append(first_items[num_id])
    # The decision, the order of building, the assessment: three lists, each its own numbering.
    assert decimal_lists == [
        "Motionens första att-sats bifalls.",
        "vid kommunhuset och stadsbiblioteket,",
        "Den första att-satsen bör bifallas.",
    ]


def test_page_numbers_are_fields_in_both_headers(rendered):
    document = docx.Document(rendered["arboga-integration"])
    section = document.sections[0]
    assert section.different_first_page_header_footer
    for header in (section.first_page_header, section.header):
        instructions = [i.text.strip() for i in header._element.iter(f"{W}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert header._element.findall(f".//{W}fldChar")
    first = "".join(section.first_page_header._element.itertext())
    assert "TJÄNSTESKRIVELSE" in first and "2024-01-15" in first and "KS 2023/00412" in first
    assert "TJÄNSTESKRIVELSE" not in "".join(section.header._element.itertext())


def test_document_properties_and_language(rendered):
    path = rendered["arboga-integration"]
    core = docx.Document(path).core_properties
    assert core.title == "Svar på motion – Utveckla integrationsarbetet i Arboga kommun"
    assert core.author == "Joel Boudin"
    assert core.language == "sv-SE"
    assert "KS 2023/00412" in core.subject
    styles = part(path, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val") == "sv-SE"
    assert {e.get(f"{W}val") for e in styles.iter(f"{W}lang") if e.get(f"{W}val")} == {"sv-SE"}


def test_text_follows_swedish_conventions(rendered):
    body = docx.Document(rendered["exempel-svar-på-motion"]).element.body  # paragraphs in tables too
    text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))
    assert "Svar på motion – Fler laddplatser och en plan för ”gröna” tjänsteresor" in text
    assert "Omar Haddad (MP), Lena Ström (V) och Per-Erik Nyberg (-) har till kommunfullmäktige den 20 november 2023, § 142," in text
    assert "Kommunstyrelsens arbetsutskott beslutade den 16 januari 2024, § 9, att remittera motionen" in text
    assert "Skickas till: Motionärerna, Tekniska nämnden, Akten" in text


def test_signatures_stand_side_by_side_name_over_title(rendered):
    document = docx.Document(rendered["arboga-integration"])
    # the innermost table: the closing block stands in one row of a layout table around it
    tables = [t for outer in document.tables for cell in outer._cells for t in [outer, *cell.tables]
              if not any(c.tables for c in t._cells) and "Kommundirektör" in "".join(c.text for c in t._cells)]
    assert len(tables) == 1
    cells = [c.text for c in tables[0].rows[0].cells]
    assert cells == ["Anders Neuman\nKommundirektör", "Joel Boudin\nUtredare"]


def test_emphasis_is_kept(rendered):
    document = docx.Document(rendered["arboga-integration"])
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert "Our common future" in italic
    document = docx.Document(rendered["exempel-svar-på-motion"])
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "tolv" in bold


@pytest.mark.parametrize("case", [ARBOGA, EXEMPEL], ids=lambda p: p.stem)
def test_every_part_is_valid_against_the_iso_schemas(case):
    assert validate_docx(build_docx(draft(case))) == []


@pytest.mark.parametrize("case", [ARBOGA, EXEMPEL], ids=lambda p: p.stem)
def test_preview_matches_the_approved_text(case):
    approved = case.with_suffix(".md")
    assert approved.is_file(), f"godkänd text saknas: kör 'drafter check --update' för {case.name}"
    assert draft(case).markdown == approved.read_text(encoding="utf-8")


def test_pdf_has_the_body_text_the_footnote_and_page_numbers(rendered, tmp_path):
    from drafter.pdf.convert import convert_to_pdf, libreoffice

    if libreoffice() is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice saknas: installera med 'apt-get install -y --no-install-recommends "
            "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito poppler-utils'"
        )
    [pdf] = convert_to_pdf([rendered["arboga-integration"]], tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Förvaltningens redogörelse" in flat
    assert "Motionen anses besvarad med hänvisning till förvaltningens redogörelse." in flat
    assert "Regeringens styrning i tvärsektoriella frågor (Statskontoret 2022)" in flat
    pages = text.count("\f") + (0 if text.endswith("\f") else 1)
    assert pages >= 2
    # "1(3)" on page 1, "2(3)" on page 2: the fields were evaluated.
    assert re.search(rf"\b1\({pages}\)", text) and re.search(rf"\b2\({pages}\)", text)


def test_commands_exit_codes_and_no_partial_file(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(ARBOGA)]).exit_code == 0
    preview = runner.invoke(main, ["preview", "--markdown", str(ARBOGA)])
    assert preview.exit_code == 0 and "# Svar på motion – Utveckla" in preview.output
    bad = tmp_path / "fel.yaml"
    bad.write_text(ARBOGA.read_text(encoding="utf-8").replace("handläggare:", "handlaggare:"), encoding="utf-8")
    result = runner.invoke(main, ["render", str(bad), "-o", str(tmp_path / "ut")])
    assert result.exit_code == 1
    assert f"{bad}:8:1: okänt fält 'handlaggare' — menade du 'handläggare'?" in result.output
    assert not (tmp_path / "ut").exists() or not any((tmp_path / "ut").iterdir())
    assert runner.invoke(main, ["render"]).exit_code == 2


def test_installed_command_speaks_swedish():
    drafter = Path(sys.executable).parent / "drafter"
    result = subprocess.run([str(drafter), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "Användning: drafter" in result.stdout and "Slutkoder" in result.stdout
