"""PDF through LibreOffice: skipped, with the install command, where LibreOffice is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.pdf import convert as conversion
from drafter.pdf.convert import convert_to_pdf, libreoffice

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))
INSTALL = ("LibreOffice saknas: installera med 'apt-get install -y --no-install-recommends "
           "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito'")

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
        pytest.skip(INSTALL)


@pytest.fixture
def soffice_calls(monkeypatch):
    """Every LibreOffice run of the test, as its command line."""
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        if command and command[0] == libreoffice():
            calls.append(list(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(conversion.subprocess, "run", counting)
    return calls


def test_body_header_and_footnote_reach_the_pdf(soffice, write, tmp_path):
    docx_path = tmp_path / "memo.docx"
    docx_path.write_bytes(write(MEMO))
    [pdf] = convert_to_pdf([docx_path], tmp_path / "pdf")
    assert pdf == tmp_path / "pdf" / "memo.pdf" and pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Kommunstyrelsen föreslår att motionen anses besvarad." in text
    assert "Statskontorets rapport om styrning." in text
    assert "Arboga kommun 1(1)" in text  # the page fields were computed
    assert not list((tmp_path / "pdf").glob(".*"))  # no temporary file left beside it


def test_several_documents_in_one_call(soffice, soffice_calls, write, tmp_path):
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(write(f"Dokument {name}\n"))
        paths.append(path)
    pdfs = convert_to_pdf(paths, tmp_path)
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"]
    assert "Dokument b" in pdf_text(pdfs[1])
    assert len(soffice_calls) == 1
    [option] = [a for a in soffice_calls[0] if a.startswith("pdf:writer_pdf_Export:")]
    assert '"SelectPdfVersion":{"type":"long","value":"2"}' in option and '"UseTaggedPDF"' in option
    assert any(a.startswith("-env:UserInstallation=file://") for a in soffice_calls[0])


def test_nothing_to_convert():
    assert convert_to_pdf([], None) == []


# --- render --pdf on every sample ---------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """`drafter render --pdf cases/`: the output folder, the result and LibreOffice's runs."""
    if libreoffice() is None:
        pytest.skip(INSTALL)
    pytest.importorskip("pikepdf", reason="pikepdf saknas: installera med pip install 'drafter[pdf]'")
    outdir = tmp_path_factory.mktemp("pdf")
    calls = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        if command and command[0] == libreoffice():
            calls.append(list(command))
        return real(command, *args, **kwargs)

    monkey = pytest.MonkeyPatch()
    monkey.setattr(conversion.subprocess, "run", counting)
    try:
        result = CliRunner().invoke(main, ["render", "--pdf", str(ROOT / "cases"), "-o", str(outdir)])
    finally:
        monkey.undo()
    return outdir, result, calls


def test_render_pdf_writes_every_sample_in_one_libreoffice_call(published):
    outdir, result, calls = published
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    pdfs = sorted(p.name for p in outdir.glob("*.pdf"))
    assert pdfs == sorted(p.stem + ".pdf" for p in SAMPLES)
    for pdf in pdfs:
        assert str(outdir / pdf) in result.output
    assert sorted(p.name for p in outdir.iterdir()) == sorted(pdfs + [p.stem + ".docx" for p in SAMPLES])


@pytest.mark.parametrize("case", SAMPLES, ids=lambda p: p.stem)
def test_each_pdf_is_tagged_pdfa2_titled_swedish_with_embedded_fonts(published, case):
    import pikepdf

    from drafter.accessibility import check_pdf_accessibility, heading_levels

    outdir = published[0]
    pdf_file, docx_file = outdir / f"{case.stem}.pdf", outdir / f"{case.stem}.docx"
    with zipfile.ZipFile(docx_file) as archive:
        core = archive.read("docProps/core.xml").decode()
    with pikepdf.open(pdf_file) as pdf:
        assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root
        with pdf.open_metadata() as meta:
            assert meta["pdfaid:part"] == "2"
            title = str(meta["dc:title"])
        assert title and f"<dc:title>{title}</dc:title>" in core.replace("&amp;", "&")
        assert str(pdf.docinfo["/Title"]) == title and pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.Root.Lang) == "sv-SE"
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
            assert any(k in described.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
    assert check_pdf_accessibility(pdf_file, str(pdf_file), heading_levels(docx_file.read_bytes())) == []


# --- without LibreOffice, and when it fails -----------------------------------------------------


def test_libreoffice_missing_is_a_located_error_with_the_install_line(monkeypatch, tmp_path):
    monkeypatch.setattr(conversion, "libreoffice", lambda: None)
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["render", "--pdf", str(ROOT / "cases" / "arboga-integration.yaml"), "-o", str(out)])
    assert result.exit_code == 1
    assert (f"{out / 'arboga-integration.docx'}:1:1: LibreOffice saknas, så ingen PDF kan göras — installera det med "
            "'apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 "
            "fonts-crosextra-carlito'") in result.output
    assert "Traceback" not in result.output and not list(out.glob("*.pdf"))


FAKE = """\
import sys, pathlib
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
outdir.mkdir(parents=True, exist_ok=True)
for name in [a for a in args if a.endswith(".docx")]:
    (outdir / (pathlib.Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.6\\n" + b"x" * 100)  # cut off
print("Error: source file could not be loaded", file=sys.stderr)
"""


def test_a_partial_pdf_is_never_left(monkeypatch, write, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!{sys.executable}\n{FAKE}")
    fake.chmod(0o755)
    monkeypatch.setattr(conversion, "libreoffice", lambda: str(fake))
    draft = tmp_path / "memo.docx"
    draft.write_bytes(write(MEMO))
    result = CliRunner().invoke(main, ["konvertera", str(draft)])
    assert result.exit_code == 1
    assert (f"{draft}:1:1: LibreOffice kunde inte göra en PDF av filen "
            "(soffice: Error: source file could not be loaded)") in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.docx", "soffice"]


# --- konvertera ---------------------------------------------------------------------------------


def test_konvertera_beside_each_file_and_into_a_folder(soffice, soffice_calls, write, tmp_path):
    pytest.importorskip("pikepdf")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "memo.docx").write_bytes(write(MEMO))
    a, b = tmp_path / "a" / "memo.docx", tmp_path / "b" / "memo.docx"
    result = CliRunner().invoke(main, ["konvertera", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert result.output.split() == [str(a.with_suffix(".pdf")), str(b.with_suffix(".pdf"))]
    assert len(soffice_calls) == 1
    # Into one folder the two would have one name: the second is refused, the first written.
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["convert", str(a), str(b), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{b}:1:1: ger samma PDF som {a}" in result.output
    assert [p.name for p in out.iterdir()] == ["memo.pdf"]


def test_konvertera_reports_accessibility_problems(soffice, write, tmp_path):
    pytest.importorskip("pikepdf")
    draft = tmp_path / "memo.docx"
    draft.write_bytes(write("# Rubrik\n\n### Detalj\n\n• skriven punkt\n"))
    result = CliRunner().invoke(main, ["konvertera", str(draft)])
    assert result.exit_code == 1
    assert f"{draft}:1:1: word/document.xml, stycke 2 ('Detalj'): WCAG 1.3.1" in result.output
    assert f"{draft}:1:1: word/document.xml, stycke 3 ('• skriven punkt'): WCAG 1.3.1" in result.output
    assert f"{draft.with_suffix('.pdf')}:1:1: sida 1: WCAG 1.3.1" in result.output  # the gap, in the PDF too
    assert draft.with_suffix(".pdf").exists()  # written, with its problems shown


def test_konvertera_refuses_other_files(tmp_path):
    odt = tmp_path / "memo.odt"
    odt.write_bytes(b"x")
    result = CliRunner().invoke(main, ["konvertera", str(odt)])
    assert result.exit_code == 1 and f"{odt}:1:1: är ingen Word-fil (.docx)" in result.output


def test_without_pikepdf_the_pdf_is_written_and_a_warning_says_how_to_check_it(soffice, monkeypatch, tmp_path):
    import drafter.accessibility as accessibility

    def missing(*args, **kwargs):
        raise accessibility.PdfReaderMissing()

    monkeypatch.setattr(accessibility, "check_pdf_accessibility", missing)
    result = CliRunner().invoke(main, ["render", "--pdf", str(ROOT / "cases" / "arboga-integration.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "arboga-integration.pdf"
    assert pdf.exists()
    assert (f"{pdf}:1:1: varning: PDF:en kontrollerades inte: pikepdf saknas — installera med "
            "pip install 'drafter[pdf]'") in result.output
