"""Raw Office Open XML that python-docx has no API for.

Everything the writer needs beyond python-docx lives here: paragraphs and runs built
straight on the XML (faster than python-docx's objects, and needed for fields and
footnote references), list numbering, footnotes, tables, document language, core and
custom document properties, and a deterministic re-pack of the saved package.

OOXML is strict about the order of child elements and Word refuses files that
LibreOffice forgives, so every element that can meet siblings is inserted at the place
the ISO/IEC 29500 schema gives it (the ``*_ORDER`` tuples below are copied from it).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The format id Office uses for user-defined custom properties.
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute: w("p") -> "{...main}p"."""
    return f"{{{W_NS}}}{name}"


# --- element order (from wml.xsd) ------------------------------------------------------

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath", "rPrChange",
)
STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
    "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
    "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
    "sectPrChange",
)
NUMBERING_ORDER = ("numPicBullet", "abstractNum", "num", "numIdMacAtCleanup")


def _local(tag: object) -> str | None:
    # Comments and processing instructions have a non-string tag.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def insert_in_order(parent: etree._Element, child: etree._Element, order: tuple[str, ...]):
    """Insert ``child`` into ``parent`` before the first sibling the schema puts after it."""
    later = set(order[order.index(_local(child.tag)) + 1:])
    for sibling in parent:
        if _local(sibling.tag) in later:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: etree._Element, name: str, order: tuple[str, ...]) -> etree._Element:
    """The w:``name`` child of ``parent``, created at its schema place when missing."""
    found = parent.find(w(name))
    if found is None:
        found = insert_in_order(parent, parent.makeelement(w(name), {}), order)
    return found


def _sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    """Append a w: element with w: attributes (``val="x"`` becomes ``w:val="x"``)."""
    return etree.SubElement(parent, w(name), {w(k): v for k, v in attrs.items()})


# --- text, runs, paragraphs ------------------------------------------------------------

# Characters XML 1.0 cannot carry (lxml refuses them); a lone surrogate cannot be encoded.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class UnwritableCharacter(ValueError):
    """Text holds a character a Word document cannot contain."""

    def __init__(self, char: str):
        self.char = char
        super().__init__(f"U+{ord(char):04X}")


@dataclass(frozen=True)
class RunFormat:
    """Direct formatting of a run; ``style`` is a character style id."""

    bold: bool = False
    italic: bool = False
    style: str | None = None
    superscript: bool = False


PLAIN = RunFormat()


def _run(parent: etree._Element, fmt: RunFormat) -> etree._Element:
    r = etree.SubElement(parent, w("r"))
    if fmt != PLAIN:
        rpr = etree.SubElement(r, w("rPr"))  # children already in schema order
        if fmt.style:
            _sub(rpr, "rStyle", val=fmt.style)
        if fmt.bold:
            _sub(rpr, "b")
            _sub(rpr, "bCs")
        if fmt.italic:
            _sub(rpr, "i")
            _sub(rpr, "iCs")
        if fmt.superscript:
            _sub(rpr, "vertAlign", val="superscript")
    return r


def add_text(parent: etree._Element, text: str, fmt: RunFormat = PLAIN) -> None:
    """Append ``text`` as one run; tabs become ``w:tab`` so they survive in Word."""
    if not text:
        return
    bad = _NOT_XML.search(text)
    if bad:
        raise UnwritableCharacter(bad.group())
    r = _run(parent, fmt)
    for i, piece in enumerate(text.split("\t")):
        if i:
            etree.SubElement(r, w("tab"))
        if piece:
            t = etree.SubElement(r, w("t"))
            t.text = piece
            if piece[0] == " " or piece[-1] == " " or "  " in piece:
                t.set(XML_SPACE, "preserve")


def add_line_break(parent: etree._Element, fmt: RunFormat = PLAIN) -> None:
    etree.SubElement(_run(parent, fmt), w("br"))


def add_field(parent: etree._Element, instruction: str, fmt: RunFormat = PLAIN,
              placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES, …): Word and LibreOffice replace the placeholder
    result with the real value when they lay out the page."""
    _sub(_run(parent, fmt), "fldChar", fldCharType="begin")
    instr = etree.SubElement(_run(parent, fmt), w("instrText"))
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    _sub(_run(parent, fmt), "fldChar", fldCharType="separate")
    etree.SubElement(_run(parent, fmt), w("t")).text = placeholder
    _sub(_run(parent, fmt), "fldChar", fldCharType="end")


def add_footnote_reference(parent: etree._Element, footnote_id: int, style: str | None) -> None:
    """The superscript number in the text that points at footnote ``footnote_id``."""
    _sub(_run(parent, RunFormat(style=style)), "footnoteReference", id=str(footnote_id))


def add_footnote_mark(parent: etree._Element, style: str | None) -> None:
    """The number at the start of the footnote itself, followed by a space."""
    etree.SubElement(_run(parent, RunFormat(style=style)), w("footnoteRef"))
    add_text(parent, " ")


def add_hyperlink(paragraph: etree._Element, rel_id: str) -> etree._Element:
    """An external hyperlink; runs appended to the returned element are its text."""
    link = etree.SubElement(paragraph, w("hyperlink"))
    link.set(f"{{{R_NS}}}id", rel_id)
    link.set(w("history"), "1")
    return link


@dataclass(frozen=True)
class ListNumbering:
    num_id: int
    level: int


def add_paragraph(parent: etree._Element, style: str | None = None, *,
                  align: str | None = None, numbering: ListNumbering | None = None,
                  indent_left: int | None = None, page_break_before: bool = False,
                  keep_next: bool = False) -> etree._Element:
    """Append a w:p. ``align`` is a w:jc value ("left", "center", "right", "both");
    ``indent_left`` is in twentieths of a point."""
    p = etree.SubElement(parent, w("p"))
    if style or align or numbering or indent_left is not None or page_break_before or keep_next:
        ppr = etree.SubElement(p, w("pPr"))  # children appended in schema order
        if style:
            _sub(ppr, "pStyle", val=style)
        if keep_next:
            _sub(ppr, "keepNext")
        if page_break_before:
            _sub(ppr, "pageBreakBefore")
        if numbering:
            numpr = _sub(ppr, "numPr")
            _sub(numpr, "ilvl", val=str(numbering.level))
            _sub(numpr, "numId", val=str(numbering.num_id))
        if indent_left is not None:
            _sub(ppr, "ind", left=str(indent_left))
        if align:
            _sub(ppr, "jc", val=align)
    return p


def add_page_break(parent: etree._Element) -> etree._Element:
    """A paragraph holding only a page break (used where pageBreakBefore cannot go)."""
    p = etree.SubElement(parent, w("p"))
    _sub(etree.SubElement(p, w("r")), "br", type="page")
    return p


def add_closing_paragraph(parent: etree._Element) -> etree._Element:
    """Word requires every story (body, cell, header, footnote) to end with a paragraph.
    After a table this one is made 1 pt high so that it takes no visible room."""
    p = etree.SubElement(parent, w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    _sub(ppr, "spacing", before="0", after="0", line="240", lineRule="auto")
    rpr = etree.SubElement(ppr, w("rPr"))
    _sub(rpr, "sz", val="2")
    _sub(rpr, "szCs", val="2")
    return p


def ensure_ends_with_paragraph(parent: etree._Element) -> None:
    last = _local(parent[-1].tag) if len(parent) else None
    if last == "tbl":
        add_closing_paragraph(parent)
    elif last != "p":
        etree.SubElement(parent, w("p"))  # an empty story or cell


# --- tables ----------------------------------------------------------------------------

def add_table(parent: etree._Element, *, style: str | None, width: int,
              layout_only: bool = False) -> etree._Element:
    """A table over the full text width ``width`` (twips). ``layout_only`` tables
    (columns for letterheads and signatures) have no borders and no cell side margins,
    so that their text lines up with the page margins."""
    tbl = etree.SubElement(parent, w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    if style:
        _sub(tblpr, "tblStyle", val=style)
    _sub(tblpr, "tblW", w=str(width), type="dxa")
    if layout_only:
        _sub(tblpr, "tblInd", w="0", type="dxa")
        borders = _sub(tblpr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, side, val="nil")
    _sub(tblpr, "tblLayout", type="fixed")
    if layout_only:
        margins = _sub(tblpr, "tblCellMar")
        _sub(margins, "left", w="0", type="dxa")
        _sub(margins, "right", w="0", type="dxa")
        _sub(tblpr, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="1", noVBand="1")
    else:
        _sub(tblpr, "tblLook", val="0420", firstRow="1", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="1", noVBand="1")
    etree.SubElement(tbl, w("tblGrid"))
    return tbl


def add_row(tbl: etree._Element, *, header: bool = False, min_height: int | None = None) -> etree._Element:
    """A row; a header row is repeated at the top of each page the table runs over.
    ``min_height`` (twips) makes the row at least that tall."""
    tr = etree.SubElement(tbl, w("tr"))
    if header or min_height:
        trpr = etree.SubElement(tr, w("trPr"))
        _sub(trpr, "cantSplit")
        if min_height:
            _sub(trpr, "trHeight", val=str(min_height), hRule="atLeast")
        if header:
            _sub(trpr, "tblHeader")
    return tr


def add_cell(tr: etree._Element) -> etree._Element:
    tc = etree.SubElement(tr, w("tc"))
    etree.SubElement(tc, w("tcPr"))  # tcW is filled in by finish_table
    return tc


def finish_table(tbl: etree._Element, width: int) -> None:
    """Give the table equal columns over ``width`` twips, once all cells are known."""
    rows = tbl.findall(w("tr"))
    columns = max((len(tr.findall(w("tc"))) for tr in rows), default=0)
    if not rows or columns == 0:
        tc = add_cell(rows[0] if rows else add_row(tbl))
        etree.SubElement(tc, w("p"))
        columns = 1
    column_width = width // columns
    grid = tbl.find(w("tblGrid"))
    for _ in range(columns):
        _sub(grid, "gridCol", w=str(column_width))
    for tr in tbl.iterfind(w("tr")):
        cells = tr.findall(w("tc"))
        for tc in cells:
            tcpr = tc.find(w("tcPr"))
            tcpr.insert(0, tcpr.makeelement(w("tcW"), {w("w"): str(column_width), w("type"): "dxa"}))
            ensure_ends_with_paragraph(tc)
        # A short row (possible in hand-written columns) is padded so the grid stays whole.
        for _ in range(columns - len(cells)):
            pad = add_cell(tr)
            pad[0].append(pad.makeelement(w("tcW"), {w("w"): str(column_width), w("type"): "dxa"}))
            etree.SubElement(pad, w("p"))


# --- styles and language ---------------------------------------------------------------

class StyleIndex:
    """Styles of a styles.xml, found case-insensitively by name or id.

    Word stores "heading 1" where LibreOffice stores "Heading 1", and templates may name a
    style by what the user sees or by its id; all of these find the same style.
    """

    def __init__(self, styles: etree._Element):
        self._by_name: dict[tuple[str, str], str] = {}
        self._by_id: dict[tuple[str, str], str] = {}
        for style in styles.iterfind(w("style")):
            kind = style.get(w("type"), "paragraph")
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            name = style.find(w("name"))
            if name is not None and name.get(w("val")):
                self._by_name.setdefault((kind, name.get(w("val")).casefold()), style_id)
            self._by_id.setdefault((kind, style_id.casefold()), style_id)

    def find(self, name: str, kind: str = "paragraph") -> str | None:
        key = (kind, name.strip().casefold())
        return self._by_name.get(key) or self._by_id.get(key)

    def add(self, name: str, style_id: str, kind: str) -> None:
        self._by_name[(kind, name.casefold())] = style_id
        self._by_id[(kind, style_id.casefold())] = style_id


def ensure_footnote_styles(styles: etree._Element, index: StyleIndex) -> tuple[str, str]:
    """Ids of the footnote text and footnote reference styles, added when the house style
    lacks them (the reference must be superscript or the numbers look like body text)."""
    text_id = index.find("footnote text", "paragraph")
    if text_id is None:
        text_id = "FootnoteText"
        style = _new_style(styles, "paragraph", text_id, "footnote text")
        _sub(style, "basedOn", val="Normal")
        _sub(style, "uiPriority", val="99")
        _sub(style, "unhideWhenUsed")
        ppr = _sub(style, "pPr")
        _sub(ppr, "spacing", after="0", line="240", lineRule="auto")
        rpr = _sub(style, "rPr")
        _sub(rpr, "sz", val="20")
        _sub(rpr, "szCs", val="20")
        index.add("footnote text", text_id, "paragraph")
    ref_id = index.find("footnote reference", "character")
    if ref_id is None:
        ref_id = "FootnoteReference"
        style = _new_style(styles, "character", ref_id, "footnote reference")
        _sub(style, "uiPriority", val="99")
        _sub(style, "unhideWhenUsed")
        _sub(_sub(style, "rPr"), "vertAlign", val="superscript")
        index.add("footnote reference", ref_id, "character")
    return text_id, ref_id


def _new_style(styles: etree._Element, kind: str, style_id: str, name: str) -> etree._Element:
    style = _sub(styles, "style", type=kind, styleId=style_id)
    _sub(style, "name", val=name)
    return style


def set_language(styles: etree._Element, language: str) -> None:
    """Make ``language`` the language of all text: in the document defaults, and in every
    style that names a language of its own (spelling and hyphenation follow it)."""
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    get_or_add(rpr, "lang", RPR_ORDER)
    for lang in styles.iter(w("lang")):
        lang.set(w("val"), language)


def set_theme_language(settings: etree._Element, language: str) -> None:
    get_or_add(settings, "themeFontLang", SETTINGS_ORDER).set(w("val"), language)


# --- numbering -------------------------------------------------------------------------

class Numbering:
    """List definitions in numbering.xml.

    One abstract definition for bullets and one for "1." numbering, found by name so a
    house style may restyle them; each list in the document gets a ``w:num`` of its own
    with a start override, because lists sharing a num continue each other's numbering.
    """

    BULLETS = "drafter punktlista"
    NUMBERS = "drafter numrerad lista"
    STEP = 360  # indent per level, twips (0.635 cm)
    _BULLET_CHARS = ("\u2022", "\u2013")  # • and –, alternating by level

    def __init__(self, numbering: etree._Element):
        self._root = numbering
        abstract = {}
        for node in numbering.iterfind(w("abstractNum")):
            name = node.find(w("name"))
            if name is not None:
                abstract.setdefault(name.get(w("val")), node.get(w("abstractNumId")))
        self._abstract_ids = abstract
        self._next_num = 1 + max(
            (int(n.get(w("numId"))) for n in numbering.iterfind(w("num"))), default=0)

    def indent(self, level: int) -> int:
        return self.STEP * (level + 1)

    def _abstract_id(self, ordered: bool) -> str:
        name = self.NUMBERS if ordered else self.BULLETS
        if name not in self._abstract_ids:
            used = [int(n.get(w("abstractNumId"))) for n in self._root.iterfind(w("abstractNum"))]
            new_id = str(1 + max(used, default=-1))
            insert_in_order(self._root, abstract_num(new_id, name, ordered, self.STEP),
                            NUMBERING_ORDER)
            self._abstract_ids[name] = new_id
        return self._abstract_ids[name]

    def new_list(self, *, ordered: bool, level: int, start: int = 1) -> int:
        """A fresh ``w:num`` that (re)starts at ``start`` on ``level``; returns its numId."""
        abstract_id = self._abstract_id(ordered)
        num_id = self._next_num
        self._next_num += 1
        num = self._root.makeelement(w("num"), {w("numId"): str(num_id)})
        _sub(num, "abstractNumId", val=abstract_id)
        override = _sub(num, "lvlOverride", ilvl=str(level))
        _sub(override, "startOverride", val=str(start))
        insert_in_order(self._root, num, NUMBERING_ORDER)
        return num_id


def numbering_root(document_part) -> etree._Element:
    """The w:numbering element of the document, creating /word/numbering.xml when the house
    style has none (python-docx cannot: its NumberingPart.new() is not implemented)."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return document_part.part_related_by(RT.NUMBERING).element
    from docx.parts.numbering import NumberingPart

    root = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'.encode())
    part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, root,
                         document_part.package)
    document_part.relate_to(part, RT.NUMBERING)
    return root


def abstract_num(abstract_id: str, name: str, ordered: bool, step: int) -> etree._Element:
    """Nine levels of bullets or of decimal numbers ("1.", nested "1." …) with hanging
    indents of ``step`` twips per level."""
    node = etree.Element(w("abstractNum"), {w("abstractNumId"): abstract_id})
    _sub(node, "multiLevelType", val="hybridMultilevel")
    _sub(node, "name", val=name)
    for level in range(9):
        lvl = _sub(node, "lvl", ilvl=str(level))
        _sub(lvl, "start", val="1")
        if ordered:
            _sub(lvl, "numFmt", val="decimal")
            _sub(lvl, "lvlText", val=f"%{level + 1}.")
        else:
            _sub(lvl, "numFmt", val="bullet")
            _sub(lvl, "lvlText", val=Numbering._BULLET_CHARS[level % 2])
        _sub(lvl, "lvlJc", val="left")
        ppr = _sub(lvl, "pPr")
        _sub(ppr, "ind", left=str(step * (level + 1)), hanging=str(step))
    return node


# --- footnotes -------------------------------------------------------------------------

_FOOTNOTES_XML = f"""<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


class Footnotes:
    """The footnotes part (/word/footnotes.xml) of a document, created on first use.

    A house style may already have one: its separator notes are kept (found by w:type,
    since Word numbers them -1/0 and LibreOffice 0/1) and any real notes are dropped.
    Real notes get ids above the separators'.
    """

    def __init__(self, document_part: Part, settings: etree._Element):
        self._document_part = document_part
        self._settings = settings
        self._part: XmlPart | None = None
        self._first_id = 1

    @property
    def part(self) -> XmlPart:
        return self.ensure_part()

    def ensure_part(self) -> XmlPart:
        """The footnotes part, created with its separator notes when first needed."""
        if self._part is None:
            self._part = self._create()
        return self._part

    def _create(self) -> XmlPart:
        root = None
        partname = PackURI("/word/footnotes.xml")
        for rel_id, rel in list(self._document_part.rels.items()):
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                old = rel.target_part
                root = parse_xml(old.blob)
                partname = old.partname
                self._document_part.drop_rel(rel_id)
        if root is None or not any(n.get(w("type")) for n in root.iterfind(w("footnote"))):
            root = parse_xml(_FOOTNOTES_XML.encode())
        for note in root.findall(w("footnote")):
            if note.get(w("type")) in (None, "normal"):
                root.remove(note)
        separator_ids = [int(n.get(w("id"))) for n in root.iterfind(w("footnote"))]
        self._first_id = max(separator_ids, default=0) + 1
        part = XmlPart(partname, CT.WML_FOOTNOTES, root, self._document_part.package)
        self._document_part.relate_to(part, RT.FOOTNOTES)
        # settings.xml names the separator notes; Word wants this when footnotes exist.
        old_pr = self._settings.find(w("footnotePr"))
        if old_pr is not None:
            self._settings.remove(old_pr)
        footnote_pr = self._settings.makeelement(w("footnotePr"), {})
        for note in root.iterfind(w("footnote")):
            _sub(footnote_pr, "footnote", id=note.get(w("id")))
        insert_in_order(self._settings, footnote_pr, SETTINGS_ORDER)
        return part

    def word_id(self, number: int) -> int:
        """The w:id of the note numbered ``number`` (0, 1, … in order of first reference)."""
        self.ensure_part()  # creating the part fixes the id base
        return self._first_id + number

    def add(self, number: int) -> etree._Element:
        """A new empty w:footnote; append paragraphs to it."""
        return _sub(self.part.element, "footnote", id=str(self.word_id(number)))


# --- document properties ---------------------------------------------------------------

@dataclass
class DocumentProperties:
    """What the document says about itself (File ▸ Properties in Word).

    ``created`` is also the modification time: pass the case's date, never "now", so that
    the same case gives the same file.
    """

    title: str
    author: str
    created: dt.datetime | dt.date
    subject: str = ""
    keywords: str | None = None
    language: str = "sv-SE"
    custom: dict[str, str] = field(default_factory=dict)


def _as_utc(value: dt.datetime | dt.date) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def set_core_properties(document, props: DocumentProperties) -> None:
    core = document.core_properties
    core.title = props.title
    core.author = props.author
    core.subject = props.subject
    core.keywords = props.keywords or ""
    core.language = props.language
    core.comments = ""
    core.category = ""
    core.last_modified_by = "drafter"
    core.revision = 1
    when = _as_utc(props.created)
    core.created = when
    core.modified = when


def custom_properties_xml(values: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(values.items(), start=2):
        bad = _NOT_XML.search(name + value)
        if bad:
            raise UnwritableCharacter(bad.group())
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                {"fmtid": CUSTOM_FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(package, values: dict[str, str]) -> None:
    """Replace the package's custom properties (docProps/custom.xml) with ``values``."""
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(rel_id)
    if not values:
        return
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                custom_properties_xml(values), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(docx: bytes) -> dict[str, str]:
    """The custom string properties of a .docx (empty if it has none)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        partname = "docProps/custom.xml"
        rels = etree.fromstring(archive.read("_rels/.rels"))
        for rel in rels.iterfind(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type") == RT.CUSTOM_PROPERTIES:
                partname = rel.get("Target").lstrip("/")
                break
        else:
            return {}
        # The file may come from anywhere (an output folder): no entities, no network.
        root = etree.fromstring(archive.read(partname), etree.XMLParser(resolve_entities=False, no_network=True))
    result = {}
    for prop in root.iterfind(f"{{{CUSTOM_NS}}}property"):
        value = prop[0].text if len(prop) else None
        result[prop.get("name")] = value or ""
    return result


# --- deterministic package -------------------------------------------------------------

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _entry_order(name: str) -> tuple[int, str]:
    # [Content_Types].xml first (some readers expect it), package rels next, then by name.
    return ({"[Content_Types].xml": 0, "_rels/.rels": 1}.get(name, 2), name)


def repack(data: bytes) -> bytes:
    """The same package with fixed entry times, order and compression, so that the same
    document always gives the same bytes (python-docx stamps entries with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compress_type=zipfile.ZIP_DEFLATED,
                            compresslevel=6)
    return out.getvalue()
