"""PDF through LibreOffice: skipped, with the install command, where LibreOffice is missing."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from drafter.pdf.convert import convert_to_pdf, libreoffice

MEMO = """\
::: sidhuvud
Arboga kommun {sida}({sidor})
:::

# Svar på motion

Kommunstyrelsen föreslår att motionen anses besvarad.[^1]

[^1]: Statskontorets rapport om styrning.
"""


def pdf_text(path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


@pytest.fixture
def soffice():
    if libreoffice() is None:
        pytest.skip("LibreOffice saknas: installera med 'apt-get install -y --no-install-recommends "
                    "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito'")


def test_body_header_and_footnote_reach_the_pdf(soffice, write, tmp_path):
    docx_path = tmp_path / "memo.docx"
    docx_path.write_bytes(write(MEMO))
    [pdf] = convert_to_pdf([docx_path], tmp_path / "pdf")
    assert pdf == tmp_path / "pdf" / "memo.pdf" and pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Kommunstyrelsen föreslår att motionen anses besvarad." in text
    assert "Statskontorets rapport om styrning." in text
    assert "Arboga kommun 1(1)" in text  # the page fields were computed


def test_several_documents_in_one_call(soffice, write, tmp_path):
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(write(f"Dokument {name}\n"))
        paths.append(path)
    pdfs = convert_to_pdf(paths, tmp_path)
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"]
    assert "Dokument b" in pdf_text(pdfs[1])


def test_nothing_to_convert():
    assert convert_to_pdf([], None) == []
