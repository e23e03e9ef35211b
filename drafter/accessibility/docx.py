"""Accessibility checks of a .docx: language, title, headings, lists, tables, alt text.

This module reads OOXML (it builds none): the package's parts are parsed with lxml and looked
at as Word and assistive technology see them. Each failure names its place (the part, and the
paragraph, table or image) and the EN 301 549 / WCAG criterion it breaks.

Tables follow one convention, which Word's own table options express:

- a **data table** has a header row at its top, marked to repeat on each page
  (``w:trPr/w:tblHeader``; Word: Tabellayout → Upprepa rubrikrader). Screen readers read
  its cells with their column headings;
- a **layout table** (columns for a letterhead or signatures) has "Rubrikrad" turned off in its
  table style options (``w:tblLook`` with ``firstRow`` off) and no header row: it only places
  text side by side, and is read as plain text.

A table that is neither (Word's default: "Rubrikrad" on but no row marked as header) is
reported, since nothing tells a reader whether its first row heads the columns.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from drafter.accessibility import criteria
from drafter.errors import Problem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V = "urn:schemas-microsoft-com:vml"
DC = "http://purl.org/dc/elements/1.1/"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
FIRST_ROW_BIT = 0x0020  # in w:tblLook/@w:val, as Word 2007 wrote it
SNIPPET = 40

# A paragraph that starts as a list item does, but typed: a bullet character (also those of the
# Symbol and Wingdings fonts Word uses) or "1." / "1)" / "a)" followed by a space or tab.
_TYPED_ITEM = re.compile(r"^\s*(?:[•·▪■□◦○●‣⁃➢✓✔\uf0b7\uf0a7\uf076\uf0d8-]|[–—*]|\d{1,2}[.)]|[a-zA-Z]\))[ \t\u00a0]")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # 0-based outline level from w:outlineLvl (9 = body text)
    numbered: bool | None  # True: numPr with a list; False: numId 0 (numbering removed)


class _Package:
    """The parts of a .docx that the checks read."""

    def __init__(self, data: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.archive.namelist())
        self.main = self._main_part()
        self.document = self.xml(self.main)
        styles = posixpath.join(posixpath.dirname(self.main), "styles.xml")
        self.styles = self.xml(styles) if styles in self.names else None
        self.styles_part = styles

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            for rel in self.xml("_rels/.rels").iter(f"{{{REL}}}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    return rel.get("Target", "").lstrip("/")
        return "word/document.xml"

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.archive.read(name), etree.XMLParser(resolve_entities=False, huge_tree=True))

    def xml_parts(self) -> Iterator[tuple[str, etree._Element]]:
        folder = posixpath.dirname(self.main)
        for name in sorted(self.names):
            if name.startswith(folder + "/") and name.endswith(".xml") and "/_rels/" not in name:
                yield name, (self.document if name == self.main else self.xml(name))


def check_docx_accessibility(data: bytes, name: str) -> list[Problem]:
    """Every accessibility problem of the .docx ``data``, located in the file called ``name``."""
    try:
        package = _Package(data)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError) as error:
        return [Problem(name, 1, 1, f"kan inte läsas som Word-fil (.docx): {error}")]
    found: list[str] = []
    try:
        styles = _styles(package.styles)
        found += _language(package)
        found += _title(package)
        found += _headings(package, styles)
        found += _typed_lists(package, styles)
        found += _tables(package)
        found += _images(package)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as error:
        found.append(f"kan inte läsas som Word-fil (.docx): {error}")
    return [Problem(name, 1, 1, message) for message in found]


def heading_levels(data: bytes) -> list[int]:
    """The levels (1–9) of the document's headings in reading order."""
    package = _Package(data)
    styles = _styles(package.styles)
    return [level for _, level, _ in _heading_paragraphs(package, styles)]


# --- document properties -----------------------------------------------------------------------


def _language(package: _Package) -> list[str]:
    languages = []
    if package.styles is not None:
        defaults = package.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        if defaults is not None and (defaults.get(w("val")) or "").strip():
            return []
        languages = [e.get(w("val")) for e in package.styles.iter(w("lang")) if e.get(w("val"))]
    hint = f" (formaten nämner {languages[0]}, men inte som dokumentets standard)" if languages else ""
    return [criteria.located(criteria.LANGUAGE_OF_PAGE, f"{package.styles_part} (standardspråk)",
                             "dokumentets språk är inte angivet" + hint
                             + " — ange det i Word under Granska → Språk → Ange korrekturspråk, för hela dokumentet")]


def _title(package: _Package) -> list[str]:
    title = ""
    if "docProps/core.xml" in package.names:
        element = package.xml("docProps/core.xml").find(f"{{{DC}}}title")
        title = (element.text or "").strip() if element is not None else ""
    if title:
        return []
    return [criteria.located(criteria.PAGE_TITLED, "docProps/core.xml (dokumentegenskapen Rubrik)",
                             "dokumentet har ingen rubrik — ange den i Word under Arkiv → Information → Egenskaper → Rubrik")]


# --- paragraphs ---------------------------------------------------------------------------------


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for style in root.iter(w("style")):
        if style.get(w("type")) not in (None, "paragraph"):
            continue
        name = style.find(w("name"))
        based = style.find(w("basedOn"))
        ppr = style.find(w("pPr"))
        styles[style.get(w("styleId"), "")] = _Style(
            name=(name.get(w("val"), "") if name is not None else "").lower(),
            based_on=based.get(w("val")) if based is not None else None,
            outline=_outline(ppr),
            numbered=_numbered(ppr),
        )
    return styles


def _outline(ppr: etree._Element | None) -> int | None:
    element = ppr.find(w("outlineLvl")) if ppr is not None else None
    if element is None:
        return None
    try:
        return int(element.get(w("val"), "9"))
    except ValueError:
        return None


def _numbered(ppr: etree._Element | None) -> bool | None:
    numpr = ppr.find(w("numPr")) if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(w("numId"))
    return num_id is None or num_id.get(w("val")) != "0"


def _chain(style_id: str | None, styles: dict[str, _Style]) -> Iterator[_Style]:
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        yield styles[style_id]
        style_id = styles[style_id].based_on


def _style_id(p: etree._Element) -> str | None:
    pstyle = p.find(f"{w('pPr')}/{w('pStyle')}")
    return pstyle.get(w("val")) if pstyle is not None else None


def _level(p: etree._Element, styles: dict[str, _Style]) -> int | None:
    """The heading level (1–9) of a paragraph, or None for body text."""
    outline = _outline(p.find(w("pPr")))
    if outline is None:
        for style in _chain(_style_id(p), styles):
            match = re.fullmatch(r"heading ([1-9])", style.name)
            if match:
                return int(match.group(1))
            if style.outline is not None:
                outline = style.outline
                break
    return outline + 1 if outline is not None and 0 <= outline <= 8 else None


def _is_numbered(p: etree._Element, styles: dict[str, _Style]) -> bool:
    direct = _numbered(p.find(w("pPr")))
    if direct is not None:
        return direct
    for style in _chain(_style_id(p), styles):
        if style.numbered is not None:
            return style.numbered
    return False


def _text(element: etree._Element) -> str:
    parts = []
    for node in element.iter(w("t"), w("tab"), w("br")):
        parts.append(node.text or "" if node.tag == w("t") else ("\t" if node.tag == w("tab") else " "))
    return "".join(parts)


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def _paragraphs(package: _Package) -> Iterator[tuple[int, etree._Element]]:
    body = package.document.find(w("body"))
    if body is None:
        return
    for number, p in enumerate(body.iter(w("p")), start=1):
        yield number, p


def _heading_paragraphs(package: _Package, styles: dict[str, _Style]) -> Iterator[tuple[int, int, str]]:
    for number, p in _paragraphs(package):
        level = _level(p, styles)
        if level is not None and _text(p).strip():
            yield number, level, _text(p)


def _where(package: _Package, number: int, text: str) -> str:
    return f"{package.main}, stycke {number} ('{_snippet(text)}')"


def _headings(package: _Package, styles: dict[str, _Style]) -> list[str]:
    found = []
    previous = 0
    for number, level, text in _heading_paragraphs(package, styles):
        if level > previous + 1:
            if previous == 0:
                message = f"första rubriken har nivå {level} — dokumentet ska börja med en rubrik på nivå 1"
            else:
                message = (f"rubriken har nivå {level} men närmast föregående rubrik nivå {previous} — "
                           f"nivå {previous + 1} hoppas över; ge rubriken formatet Rubrik {previous + 1}")
            found.append(criteria.located(criteria.INFO_AND_RELATIONSHIPS, _where(package, number, text), message))
        previous = level
    return found


def _typed_lists(package: _Package, styles: dict[str, _Style]) -> list[str]:
    found = []
    for number, p in _paragraphs(package):
        text = _text(p)
        if _TYPED_ITEM.match(text) and not _is_numbered(p, styles) and _level(p, styles) is None:
            found.append(criteria.located(
                criteria.INFO_AND_RELATIONSHIPS, _where(package, number, text),
                "en listpunkt skriven med tecken i stället för som lista — gör den till en punkt- eller "
                "numrerad lista (Word: Start → Punktlista eller Numrering)"))
    return found


# --- tables and images --------------------------------------------------------------------------


def _first_row_on(tbl: etree._Element) -> bool:
    """Whether the table's style options turn "Rubrikrad" on (Word's default when unsaid)."""
    look = tbl.find(f"{w('tblPr')}/{w('tblLook')}")
    if look is None:
        return True
    flag = look.get(w("firstRow"))
    if flag is not None:
        return flag.lower() in ("1", "true", "on")
    try:
        return bool(int(look.get(w("val"), "0"), 16) & FIRST_ROW_BIT)
    except ValueError:
        return True


def _is_header(tr: etree._Element) -> bool:
    marker = tr.find(f"{w('trPr')}/{w('tblHeader')}")
    return marker is not None and marker.get(w("val"), "true").lower() not in ("0", "false", "off")


def _tables(package: _Package) -> list[str]:
    found = []
    body = package.document.find(w("body"))
    if body is None:
        return found
    for number, tbl in enumerate(body.iter(w("tbl")), start=1):
        rows = tbl.findall(w("tr"))
        if not rows:
            continue
        headers = [_is_header(tr) for tr in rows]
        place = f"{package.main}, tabell {number} ('{_snippet(_text(rows[0]))}')"
        if any(headers) and not headers[0]:
            found.append(criteria.located(criteria.INFO_AND_RELATIONSHIPS, place,
                                          "tabellens rubrikrad är inte dess första rad — markera de översta raderna "
                                          "som rubrikrader (Word: Tabellayout → Upprepa rubrikrader)"))
        elif not any(headers) and _first_row_on(tbl):
            found.append(criteria.located(
                criteria.INFO_AND_RELATIONSHIPS, place,
                "tabellen har ingen rubrikrad — är den en datatabell, markera första raden som rubrikrad "
                "(Word: Tabellayout → Upprepa rubrikrader); ställer den bara upp text i spalter, stäng av "
                "Rubrikrad under Tabelldesign så att den räknas som layouttabell"))
    return found


def _decorative(doc_pr: etree._Element) -> bool:
    return any(etree.QName(e).localname == "decorative" and e.get("val", "").lower() in ("1", "true")
               for e in doc_pr.iter())


def _images(package: _Package) -> list[str]:
    found = []
    for part, root in package.xml_parts():
        for doc_pr in root.iter(f"{{{WP}}}docPr"):
            if (doc_pr.get("descr") or "").strip() or _decorative(doc_pr):
                continue
            label = doc_pr.get("name") or f"id {doc_pr.get('id', '?')}"
            found.append(criteria.located(criteria.NON_TEXT_CONTENT, f"{part}, bilden '{label}'",
                                          "bilden saknar alternativtext — skriv en i Word under "
                                          "Högerklick → Visa alternativtext (eller markera den som dekorativ)"))
        for image in root.iter(f"{{{V}}}imagedata"):
            shape = image.getparent()
            if shape is not None and not (shape.get("alt") or image.get("title") or "").strip():
                found.append(criteria.located(criteria.NON_TEXT_CONTENT, f"{part}, bilden '{shape.get('id', '?')}'",
                                              "bilden saknar alternativtext"))
    return found
