"""Accessibility checks of a PDF: tagged, PDF/A-2, title shown, language, fonts, heading order.

The PDF is read with pikepdf (the optional extra ``drafter[pdf]``); without it the checks raise
:class:`PdfReaderMissing`, which commands show as a warning with the line to install it. Each
failure names its place (the page, or the document as a whole) and the requirement it breaks.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from drafter.accessibility import criteria
from drafter.errors import Problem

INSTALL = "pip install 'drafter[pdf]'"
STANDARD_HEADINGS = {f"/H{n}": n for n in range(1, 7)}
WHOLE = "hela dokumentet"


class PdfReaderMissing(RuntimeError):
    """pikepdf, which reads the PDF's structure, is not installed."""

    def __init__(self) -> None:
        super().__init__(f"PDF:en kontrollerades inte: pikepdf saknas — installera med {INSTALL}")


def check_pdf_accessibility(data: bytes | Path, name: str, headings: list[int] | None = None) -> list[Problem]:
    """Every accessibility problem of the PDF ``data`` (bytes or a path), located in ``name``.

    ``headings``, the heading levels of the document it was made from in reading order, is
    compared with the headings of the PDF's structure tree."""
    try:
        import pikepdf
    except ImportError:
        raise PdfReaderMissing() from None
    source = io.BytesIO(data) if isinstance(data, bytes) else Path(data)
    try:
        pdf = pikepdf.open(source)
    except (pikepdf.PdfError, OSError, ValueError) as error:
        return [Problem(name, 1, 1, f"kan inte läsas som PDF: {error}")]
    with pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        found = [*_tagged(pdf), *_pdfa(pdf), *_title(pdf), *_language(pdf), *_fonts(pdf, pikepdf)]
        if _is_tagged(pdf):
            found += _headings(pdf, pikepdf, pages, headings)
    return [Problem(name, 1, 1, message) for message in found]


def _is_tagged(pdf) -> bool:
    mark = pdf.Root.get("/MarkInfo")
    return bool(mark is not None and mark.get("/Marked", False)) and "/StructTreeRoot" in pdf.Root


def _tagged(pdf) -> list[str]:
    if _is_tagged(pdf):
        return []
    return [criteria.located(criteria.INFO_AND_RELATIONSHIPS, WHOLE,
                             "PDF:en är inte taggad (MarkInfo/Marked, StructTreeRoot saknas): rubriker, listor "
                             "och tabeller finns inte för skärmläsare — gör om den med drafter render --pdf "
                             "eller drafter konvertera")]


def _metadata(pdf) -> dict[str, str]:
    try:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            return {"pdfa": meta.pdfa_status or "", "title": str(meta.get("dc:title") or "")}
    except Exception:  # an XMP packet pikepdf cannot read is as good as none
        return {"pdfa": "", "title": ""}


def _pdfa(pdf) -> list[str]:
    status = _metadata(pdf)["pdfa"]
    if status.startswith("2"):
        return []
    said = f"säger PDF/A-{status}" if status else "saknar pdfaid:part"
    return [criteria.located(criteria.PDFA_IDENTIFICATION, WHOLE,
                             f"XMP-metadata {said}, inte PDF/A-2 (pdfaid:part=2)")]


def _title(pdf) -> list[str]:
    found = []
    info_title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.trailer.get("/Info") is not None else ""
    if not (info_title or _metadata(pdf)["title"].strip()):
        found.append(criteria.located(criteria.PAGE_TITLED, WHOLE,
                                      "PDF:en har ingen titel — ange Rubrik i Word-filens egenskaper och gör om PDF:en"))
    preferences = pdf.Root.get("/ViewerPreferences")
    if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
        found.append(criteria.located(criteria.PAGE_TITLED, WHOLE,
                                      "PDF-läsaren visar filnamnet i stället för titeln (ViewerPreferences/DisplayDocTitle saknas)"))
    return found


def _language(pdf) -> list[str]:
    if str(pdf.Root.get("/Lang", "")).strip():
        return []
    return [criteria.located(criteria.LANGUAGE_OF_PAGE, WHOLE,
                             "PDF:en anger inte sitt språk (/Lang saknas) — ange språket i Word-filen och gör om PDF:en")]


def _fonts(pdf, pikepdf) -> list[str]:
    found = []
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in _page_fonts(page.obj.get("/Resources"), pikepdf, set()):
            key = font.objgen
            if key in seen and key != (0, 0):
                continue
            seen.add(key)
            if font.get("/Subtype") == "/Type3":
                continue  # its glyphs are drawn in the PDF itself
            described = font
            if font.get("/Subtype") == "/Type0":
                descendants = font.get("/DescendantFonts")
                described = descendants[0] if descendants is not None and len(descendants) else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                base = str(font.get("/BaseFont", "?")).lstrip("/")
                found.append(criteria.located(criteria.PDFA_FONTS, f"sida {number}, teckensnittet {base}",
                                              "teckensnittet är inte inbäddat — installera det på datorn som gör PDF:en"))
    return found


def _page_fonts(resources, pikepdf, visited: set) -> Iterator:
    """The fonts of a page's resources, and of the forms it draws, each once."""
    if resources is None or not isinstance(resources, pikepdf.Dictionary):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for key in fonts.keys():
            font = fonts[key]
            if isinstance(font, pikepdf.Dictionary):
                yield font
    objects = resources.get("/XObject")
    if isinstance(objects, pikepdf.Dictionary):
        for key in objects.keys():
            xobject = objects[key]
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                if xobject.objgen in visited and xobject.objgen != (0, 0):
                    continue
                visited.add(xobject.objgen)
                yield from _page_fonts(xobject.get("/Resources"), pikepdf, visited)


def _structure_headings(pdf, pikepdf, pages: dict) -> list[tuple[int, int | None]]:
    """(level, page number) of each heading of the structure tree, in its reading order."""
    root = pdf.Root.StructTreeRoot
    role_map = root.get("/RoleMap") or pikepdf.Dictionary()

    def standard(role) -> str:
        seen = set()
        while role is not None and str(role) in role_map and str(role) not in seen and str(role) not in STANDARD_HEADINGS:
            seen.add(str(role))
            role = role_map[str(role)]
        return str(role)

    found: list[tuple[int, int | None]] = []
    visited: set = set()
    stack: list[tuple[object, int | None]] = [(root.get("/K"), None)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((child, page) for child in reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue  # a marked-content or object reference
        if node.objgen != (0, 0):
            if node.objgen in visited:
                continue
            visited.add(node.objgen)
        here = node.get("/Pg")
        page = pages.get(here.objgen, page) if here is not None else page
        level = STANDARD_HEADINGS.get(standard(node.get("/S")))
        if level is not None:
            found.append((level, page))
        if "/K" in node:
            stack.append((node.get("/K"), page))
    return found


def _headings(pdf, pikepdf, pages: dict, expected: list[int] | None) -> list[str]:
    found = []
    headings = _structure_headings(pdf, pikepdf, pages)
    previous = 0
    for level, page in headings:
        if level > previous + 1:
            place = f"sida {page}" if page else WHOLE
            found.append(criteria.located(criteria.INFO_AND_RELATIONSHIPS, place,
                                          f"rubrik på nivå {level} efter nivå {previous} i PDF:ens struktur — nivå {previous + 1} saknas"))
        previous = level
    levels = [level for level, _ in headings]
    if expected is not None and levels != [min(level, 6) for level in expected]:
        found.append(criteria.located(criteria.MEANINGFUL_SEQUENCE, WHOLE,
                                      f"rubrikerna i PDF:ens struktur (nivåer {_levels(levels)}) följer inte "
                                      f"dokumentets rubriker (nivåer {_levels(expected)}) i läsordning"))
    return found


def _levels(levels: list[int]) -> str:
    return " ".join(map(str, levels)) if levels else "inga"
