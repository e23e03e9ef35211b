"""Pages that hold together, checked on the PDF LibreOffice makes of every sample: no page holds
only signatures, approval or distribution, and no footnote lies on the footer."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.pdf.convert import libreoffice

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))
CLOSING_STYLES = {"Underskrift", "Sändlista"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
PAGE_NUMBER = re.compile(r"^(Sidan )?\d+( av |\s*\()\d+\)?$")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every sample rendered with `drafter render --pdf`: the output folder."""
    if libreoffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice och pdftotext behövs för sidornas layout: installera med 'apt-get install -y "
                    "--no-install-recommends libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito poppler-utils'")
    outdir = tmp_path_factory.mktemp("sidor")
    result = CliRunner().invoke(main, ["render", "--pdf", str(ROOT / "cases"), "-o", str(outdir)])
    assert result.exit_code == 0, result.output
    return outdir


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _story_lines(story) -> list[str]:
    lines = [line for p in story.paragraphs for line in _lines(p.text)]
    for table in story.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += _story_lines(cell)
    return lines


def _furniture(document) -> set[str]:
    """Every line of the headers and footers."""
    found = set()
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            if not part.is_linked_to_previous:
                found.update(_story_lines(part))
    return found


def _footers(document) -> set[str]:
    """The lines of the footers that the body does not also hold (a signer's title may)."""
    found = set()
    for section in document.sections:
        for part in (section.first_page_footer, section.footer):
            if not part.is_linked_to_previous:
                found.update(_story_lines(part))
    return found - set(_story_lines(document))


def _closing_words(document) -> set[str]:
    """The words of the closing block: signatures, approval, distribution and its heading."""
    words = set()
    paragraphs = list(document.paragraphs) + [p for t in document.tables for r in t.rows
                                              for c in r.cells for p in c.paragraphs]
    for i, p in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        closing = p.style.name in CLOSING_STYLES
        heading_of_closing = (p.style.name.startswith("Heading") and following is not None
                              and following.style.name in CLOSING_STYLES)
        if closing or heading_of_closing:
            words.update(p.text.split())
    return words


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def _body_fragments(page: str, furniture: set[str]) -> list[str]:
    """The page's text without its header and footer, as the pieces -layout sets apart."""
    fragments = []
    for line in page.split("\n"):
        for piece in re.split(r"\s{2,}", line.strip()):
            piece = " ".join(piece.split())
            if piece and piece not in furniture and not PAGE_NUMBER.match(piece):
                fragments.append(piece)
    return fragments


@pytest.mark.parametrize("case", SAMPLES, ids=lambda p: p.stem)
def test_no_page_holds_only_signatures_approval_or_distribution(rendered, case):
    document = docx.Document(str(rendered / f"{case.stem}.docx"))
    furniture = _furniture(document)
    closing = _closing_words(document)
    pages = _pages(rendered / f"{case.stem}.pdf")
    for number, page in enumerate(pages, start=1):
        words = [w for f in _body_fragments(page, furniture) for w in f.split()]
        alone = bool(words) and all(w in closing for w in words)
        assert not alone, f"sidan {number} av {len(pages)} har bara underskrifter/sändlista:\n{page}"


def _footnote_texts(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{W}footnote"):
        if int(note.get(f"{W}id")) > 0:
            notes.append(" ".join("".join(t.text or "" for t in note.iter(f"{W}t")).split()))
    return notes


def _line_boxes(pdf: Path):
    """Per page, each text line in the lower half as (text, yMin, yMax), from pdftotext -bbox-layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    for page in root.iter(f"{XHTML}page"):
        lines = []
        half = float(page.get("height")) / 2
        for line in page.iter(f"{XHTML}line"):
            if float(line.get("yMin")) < half:
                continue
            words = [word.text or "" for word in line.iter(f"{XHTML}word")]
            lines.append((" ".join(words), float(line.get("yMin")), float(line.get("yMax"))))
        yield lines


def _is_footnote_line(text: str, notes: list[str]) -> bool:
    text = re.sub(r"^\d+\s*", "", text)
    return len(text.split()) >= 2 and any(text in note for note in notes)


def test_no_footnote_overlaps_the_footer(rendered):
    compared = 0
    for case in SAMPLES:
        data = (rendered / f"{case.stem}.docx").read_bytes()
        notes = _footnote_texts(data)
        footer_lines = _footers(docx.Document(io.BytesIO(data)))
        for number, lines in enumerate(_line_boxes(rendered / f"{case.stem}.pdf"), start=1):
            footer = [line for line in lines if line[0] in footer_lines]
            footnote = [line for line in lines if _is_footnote_line(line[0], notes)]
            if footer and footnote:
                compared += 1
                lowest = max(footnote, key=lambda line: line[2])
                highest = min(footer, key=lambda line: line[1])
                assert lowest[2] <= highest[1], (
                    f"{case.stem}, sidan {number}: fotnoten '{lowest[0]}' ligger på sidfoten '{highest[0]}'")
    assert compared, "inget provärende har en fotnot och en sidfot på samma sida"


# --- the OOXML that makes it so (no LibreOffice needed) ------------------------------------------


def _render(case: Path, outdir: Path) -> docx.document.Document:
    result = CliRunner().invoke(main, ["render", str(case), "-o", str(outdir)])
    assert result.exit_code == 0, result.output
    return docx.Document(str(outdir / f"{case.stem}.docx"))


def test_the_closing_block_is_chained_to_the_text_before_it(tmp_path):
    document = _render(ROOT / "cases" / "exempel-yttrande-över-motion.yaml", tmp_path)
    body = list(document.element.body)
    table = next(i for i, el in enumerate(body) if el.tag == f"{W}tbl")
    before = [docx.text.paragraph.Paragraph(el, document) for el in body[table - 3:table]]
    assert [p.text for p in before] == ["Beslutsunderlag", "Tjänsteskrivelse, 2024-03-12, socialförvaltningen",
                                        "Motion om mötesplatser för seniorer, 2023-11-20"]
    # the heading and the short list before the closing block move with it
    assert all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next for p in before)
    # the signatures side by side and the distribution after them: one unsplittable row of a
    # layout table (LibreOffice keeps no table with the paragraph after it)
    [outer] = document.tables
    assert outer._tbl.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstRow") == "0"
    assert outer.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    [cell] = outer.rows[0].cells
    [signatures] = cell.tables
    assert [c.text for c in signatures.rows[0].cells] == ["Per Sundin\nSocialchef", "Sara Nyström\nVerksamhetsutvecklare"]
    assert [p.text for p in cell.paragraphs] == ["Skickas till: Kommunstyrelsen, Akten"]
    assert body[table + 1].tag == f"{W}p" and body[table + 2].tag == f"{W}sectPr"  # the body ends with a paragraph


def test_signatures_under_each_other_are_a_chain_of_paragraphs(tmp_path):
    document = _render(ROOT / "cases" / "alingsas-integration.yaml", tmp_path)
    assert not document.tables  # no table needed: Word and LibreOffice keep paragraphs together
    closing = [p for p in document.paragraphs if p.style.name in CLOSING_STYLES]
    assert closing and all(p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
                           for p in closing[:-1])


def test_the_bottom_margin_holds_the_five_line_footer(tmp_path):
    document = _render(ROOT / "cases" / "exempel-svar-på-motion.yaml", tmp_path)
    section = document.sections[0]
    assert len(section.first_page_footer.tables[0].rows[0].cells[1].paragraphs[0].text.split("\n")) == 5
    room = section.bottom_margin.pt - section.footer_distance.pt
    assert room >= 5 * 9 * 1.15  # five lines of the 9 pt footer style
    arboga = _render(ROOT / "cases" / "arboga-integration.yaml", tmp_path)  # no footer: as the house style
    assert arboga.sections[0].bottom_margin.cm == pytest.approx(2.5, abs=0.01)


def test_a_data_table_before_the_signatures_keeps_only_its_last_row_with_them(write):
    data = write("| År | Kronor |\n|---|---|\n| 2024 | 100 |\n| 2025 | 200 |\n\n"
                 "::::: kolumner\n::: Underskrift\nAnna Ek\\\nUtredare\n:::\n::: Underskrift\nBo Ek\n:::\n:::::\n")
    document = docx.Document(io.BytesIO(data))
    data_table = document.tables[0]
    kept = [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs) for row in data_table.rows]
    assert kept == [False, False, True]  # the table may still break; its last row goes with the signatures
    assert document.tables[1].rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
