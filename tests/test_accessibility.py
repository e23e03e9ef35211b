"""Accessibility checks of a .docx: each failure located and named after its WCAG criterion."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from drafter.accessibility import check_docx_accessibility, heading_levels

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))


def edit(data: bytes, part: str, change) -> bytes:
    """The .docx with one XML part's text changed by ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def messages(data: bytes) -> list[str]:
    return [str(p) for p in check_docx_accessibility(data, "utkast.docx")]


@pytest.mark.parametrize("case", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_draft_passes(case):
    from drafter.pipeline import document

    data, _ = document(case)
    assert check_docx_accessibility(data, case.name) == []
    assert heading_levels(data)[0] == 1


def test_a_good_memo_with_a_data_table_passes(write):
    assert messages(write("# Rubrik\n\n## Del\n\n| År | Kostnad |\n|---|---|\n| 2024 | 10 |\n\n- en\n- två\n")) == []


def test_skipped_heading_level_is_located_at_its_paragraph(write):
    found = messages(write("# Rubrik\n\nText.\n\n### Detalj\n\nMer.\n"))
    assert found == ["utkast.docx:1:1: word/document.xml, stycke 3 ('Detalj'): WCAG 1.3.1 Information och "
                     "relationer (EN 301 549 10.1.3.1): rubriken har nivå 3 men närmast föregående rubrik nivå 1 "
                     "— nivå 2 hoppas över; ge rubriken formatet Rubrik 2"]


def test_a_document_that_starts_below_level_one(write):
    [found] = messages(write("## Del\n\nText.\n"))
    assert "första rubriken har nivå 2" in found and "WCAG 1.3.1" in found


def test_typed_bullets_and_numbers_are_not_lists(write):
    found = messages(write("# Rubrik\n\n• första punkten\n\n1\\. andra punkten\n\n- en riktig punkt\n"))
    assert len(found) == 2
    assert all("WCAG 1.3.1" in f and "skriven med tecken i stället för som lista" in f for f in found)
    assert "stycke 2 ('• första punkten')" in found[0] and "stycke 3 ('1. andra punkten')" in found[1]


def test_title_missing(write):
    data = edit(write("# Rubrik\n"), "docProps/core.xml", lambda x: re.sub(r"<dc:title>[^<]*</dc:title>", "<dc:title/>", x))
    [found] = messages(data)
    assert "docProps/core.xml (dokumentegenskapen Rubrik): WCAG 2.4.2 Sidtitel" in found


def test_language_missing(write):
    data = edit(write("# Rubrik\n"), "word/styles.xml",
                lambda x: re.sub(r"(<w:docDefaults>.*?)<w:lang [^>]*/>", r"\1", x, flags=re.S))
    [found] = messages(data)
    assert "word/styles.xml (standardspråk): WCAG 3.1.1 Sidans språk" in found


def test_table_convention(write):
    memo = write("# Rubrik\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    no_header = edit(memo, "word/document.xml", lambda x: x.replace("<w:tblHeader/>", ""))
    [found] = messages(no_header)
    assert "tabell 1 ('AB'): WCAG 1.3.1" in found and "ingen rubrikrad" in found
    # The same table with "Rubrikrad" off in its style options is a layout table: allowed.
    layout = edit(no_header, "word/document.xml", lambda x: x.replace('w:firstRow="1"', 'w:firstRow="0"'))
    assert messages(layout) == []
    # Word 2007 wrote the options only as a bit mask.
    masked = edit(no_header, "word/document.xml", lambda x: re.sub(r'<w:tblLook [^>]*/>', '<w:tblLook w:val="04A0"/>', x))
    assert len(messages(masked)) == 1


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_image_without_alt_text_in_a_header(write, tmp_path):
    import docx

    document = docx.Document(io.BytesIO(write("# Rubrik\n")))
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(png()))
    document.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    found = messages(out.getvalue())
    assert len(found) == 2 and all("WCAG 1.1.1 Icke-textuellt innehåll" in f for f in found)
    assert any("word/header" in f for f in found) and any("word/document.xml, bilden" in f for f in found)
    described = out.getvalue()
    for part in ("word/document.xml", *[n for n in zipfile.ZipFile(io.BytesIO(described)).namelist() if "header" in n and n.endswith(".xml")]):
        described = edit(described, part, lambda x: re.sub(r'(<wp:docPr [^>]*?)descr="[^"]*"', r"\1", x).replace("<wp:docPr ", '<wp:docPr descr="Kommunens vapen" '))
    assert messages(described) == []


def test_not_a_word_file():
    [found] = check_docx_accessibility(b"not a zip", "x.docx")
    assert found.file == "x.docx" and "kan inte läsas som Word-fil" in found.message
