"""Namespaces, schema element order and the safe XML parser: what every OOXML module shares.

OOXML is strict about the order of child elements and Word refuses files that LibreOffice
forgives, so every element that can meet siblings is inserted at the place the ISO/IEC 29500
schema gives it (the ``*_ORDER`` tuples below are copied from it).

Every part drafter *reads* (a house style, a draft in the output folder, a document to
compare) goes through :func:`parse_part`: no entities are resolved, no DTD or network is
touched and huge trees are refused, so a crafted file cannot blow up memory or reach out.
"""

from __future__ import annotations

import re

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


def local_name(tag: object) -> str | None:
    """The local part of an element's tag; None for comments and processing instructions."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def insert_in_order(parent: etree._Element, child: etree._Element, order: tuple[str, ...]):
    """Insert ``child`` into ``parent`` before the first sibling the schema puts after it."""
    later = set(order[order.index(local_name(child.tag)) + 1:])
    for sibling in parent:
        if local_name(sibling.tag) in later:
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


def sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    """Append a w: element with w: attributes (``val="x"`` becomes ``w:val="x"``)."""
    return etree.SubElement(parent, w(name), {w(k): v for k, v in attrs.items()})


# --- text that XML can carry ------------------------------------------------------------

# Characters XML 1.0 cannot carry (lxml refuses them); a lone surrogate cannot be encoded.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class UnwritableCharacter(ValueError):
    """Text holds a character a Word document cannot contain."""

    def __init__(self, char: str):
        self.char = char
        super().__init__(f"U+{ord(char):04X}")




def check_text(text: str) -> None:
    """Raise :class:`UnwritableCharacter` for the first character of ``text`` XML cannot carry."""
    bad = _NOT_XML.search(text)
    if bad:
        raise UnwritableCharacter(bad.group())


# --- reading --------------------------------------------------------------------------

class UnreadablePart(ValueError):
    """A part of a package is not well-formed XML, or tries what a safe parser refuses."""


def safe_parser() -> etree.XMLParser:
    """A parser for XML from anywhere: no entities, no DTD loading, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


_PARSER = safe_parser()


def parse_part(data: bytes, name: str = "") -> etree._Element:
    """The root element of a part's XML; raises :class:`UnreadablePart` (with the parser's
    reason) for malformed XML, a DOCTYPE with entity declarations, or a tree too deep."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise UnreadablePart(f"{name}: {error}" if name else str(error)) from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise UnreadablePart(f"{name}: DOCTYPE är inte tillåtet i OOXML" if name else "DOCTYPE")
    return root
