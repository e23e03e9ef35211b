"""Accessibility checks of a PDF (pikepdf): each failure named after its requirement."""

from __future__ import annotations

import io

import pytest

from drafter.accessibility import check_pdf_accessibility

pikepdf = pytest.importorskip("pikepdf", reason="pikepdf saknas: installera med pip install 'drafter[pdf]'")


def bare_pdf(**root) -> bytes:
    """A one-page PDF with Helvetica not embedded, nothing tagged, no title or language."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    for key, value in root.items():
        pdf.Root[f"/{key}"] = value
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def messages(data: bytes, headings=None) -> list[str]:
    return [p.message for p in check_pdf_accessibility(data, "memo.pdf", headings)]


def test_an_untagged_pdf_without_title_language_pdfa_or_embedded_fonts():
    found = messages(bare_pdf())
    assert any(m.startswith("hela dokumentet: WCAG 1.3.1 Information och relationer") and "inte taggad" in m for m in found)
    assert any("PDF/A-2 (ISO 19005-2) identifiering i XMP-metadata" in m and "saknar pdfaid:part" in m for m in found)
    assert any("WCAG 2.4.2 Sidtitel" in m and "ingen titel" in m for m in found)
    assert any("WCAG 2.4.2 Sidtitel" in m and "DisplayDocTitle" in m for m in found)
    assert any("WCAG 3.1.1 Sidans språk" in m for m in found)
    assert "sida 1, teckensnittet Helvetica: PDF/A-2 (ISO 19005-2) inbäddade teckensnitt: teckensnittet är inte inbäddat" \
        " — installera det på datorn som gör PDF:en" in found
    assert len(found) == 6


def test_what_is_set_is_not_reported():
    found = messages(bare_pdf(Lang=pikepdf.String("sv-SE"),
                              ViewerPreferences=pikepdf.Dictionary(DisplayDocTitle=True)))
    assert not any("3.1.1" in m or "DisplayDocTitle" in m for m in found)


def tagged(levels: list[str]) -> bytes:
    """A tagged PDF whose structure tree holds headings with the roles ``levels``."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot,
                                                RoleMap=pikepdf.Dictionary(Rubrik=pikepdf.Name.H2)))
    kids = [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(f"/{s}"),
                                                 P=root, Pg=page.obj)) for s in levels]
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document,
                                                    P=root, K=pikepdf.Array(kids)))
    root.K = document
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_headings_in_the_structure_tree_follow_the_document():
    assert not [m for m in messages(tagged(["H1", "Rubrik", "P", "H3"]), [1, 2, 3]) if "1.3" in m]  # RoleMap Rubrik → H2


def test_a_skipped_level_in_the_structure_tree_is_located_on_its_page():
    found = messages(tagged(["H1", "H3"]))
    assert "sida 1: WCAG 1.3.1 Information och relationer (EN 301 549 10.1.3.1): rubrik på nivå 3 efter nivå 1 " \
        "i PDF:ens struktur — nivå 2 saknas" in found


def test_headings_out_of_the_documents_order():
    found = messages(tagged(["H1", "H2", "H2"]), [1, 2, 3])
    assert any(m.startswith("hela dokumentet: WCAG 1.3.2 Meningsfull ordningsföljd") and "(nivåer 1 2 2)" in m
               and "(nivåer 1 2 3)" in m for m in found)


def test_not_a_pdf():
    [problem] = check_pdf_accessibility(b"%PDF-1.7 trasig", "x.pdf")
    assert problem.file == "x.pdf" and problem.message.startswith("kan inte läsas som PDF")


def test_without_pikepdf_the_check_says_how_to_install_it(monkeypatch):
    import builtins

    from drafter.accessibility import PdfReaderMissing

    real = builtins.__import__

    def no_pikepdf(name, *args, **kwargs):
        if name == "pikepdf":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pikepdf)
    with pytest.raises(PdfReaderMissing, match=r"pip install 'drafter\[pdf\]'"):
        check_pdf_accessibility(b"", "x.pdf")
