"""Build templates/_default/stil.docx, drafter's default house style.

Run from the repository root:  python tools/build_house_style.py

The style is made reproducibly from python-docx's own default template: the same
python-docx gives the same bytes. A municipality's house style is any .docx with the
same style names (made in Word or LibreOffice); this one is the fallback and the example.

Layout: A4, 2.5 cm margins, body Times New Roman 12 pt (Liberation Serif where Times is
missing), headings Arial (Liberation Sans), 8 pt after paragraphs instead of empty
paragraphs, left-aligned text, Swedish (sv-SE) as the language of all text, "," as decimal
symbol and ";" as list separator. Every style a user picks from Word's style gallery (Title,
Subtitle, Heading 1–9, Quote, List Paragraph, Caption, Table Grid) and the theme's heading
and body fonts carry the house fonts, none python-docx's Calibri or Cambria.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.docx import oxml as ooxml  # noqa: E402
from drafter.docx import package as docx_package  # noqa: E402
from drafter.docx.oxml import W_NS, w  # noqa: E402
from drafter.docx.oxml.parts import serialise  # noqa: E402

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
OUTPUT = ROOT / "drafter" / "data" / "templates" / "_default" / "stil.docx"
LANGUAGE = "sv-SE"
SERIF = "Times New Roman"
SANS = "Arial"
CM = 567  # twips per centimetre (rounded)
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Styles the writer and the templates use, as (type, id, name, basedOn, pPr, rPr).
# Names are Word's built-in names where one exists ("heading 1", "footnote text"), so
# Word treats them as its own styles; the writer finds them case-insensitively.
_HEADING = '<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>' \
           '<w:outlineLvl w:val="{level}"/>'
_SANS = f'<w:rFonts w:ascii="{SANS}" w:hAnsi="{SANS}" w:cs="{SANS}" w:eastAsia="{SANS}"/>'


def _size(points: float) -> str:
    half = str(round(points * 2))
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


STYLES = [
    ("paragraph", "Normal", "Normal", None, "", ""),
    ("paragraph", "Heading1", "heading 1", "Normal",
     _HEADING.format(before=360, after=120, level=0), _SANS + "<w:b/><w:bCs/>" + _size(16)),
    ("paragraph", "Heading2", "heading 2", "Normal",
     _HEADING.format(before=280, after=80, level=1), _SANS + "<w:b/><w:bCs/>" + _size(13)),
    ("paragraph", "Heading3", "heading 3", "Normal",
     _HEADING.format(before=240, after=60, level=2), _SANS + "<w:b/><w:bCs/>" + _size(12)),
    ("paragraph", "Heading4", "heading 4", "Normal",
     _HEADING.format(before=200, after=60, level=3),
     _SANS + "<w:b/><w:bCs/><w:i/><w:iCs/>" + _size(12)),
    ("paragraph", "Heading5", "heading 5", "Normal",
     _HEADING.format(before=200, after=60, level=4), _SANS + "<w:i/><w:iCs/>" + _size(12)),
    ("paragraph", "Heading6", "heading 6", "Normal",
     _HEADING.format(before=200, after=60, level=5), _SANS + "<w:i/><w:iCs/>" + _size(11)),
    ("paragraph", "Heading7", "heading 7", "Normal",
     _HEADING.format(before=200, after=60, level=6), _SANS + _size(11)),
    ("paragraph", "Heading8", "heading 8", "Normal",
     _HEADING.format(before=200, after=60, level=7), _SANS + "<w:i/><w:iCs/>" + _size(10)),
    ("paragraph", "Heading9", "heading 9", "Normal",
     _HEADING.format(before=200, after=60, level=8), _SANS + _size(10)),
    # The document title of the gallery (drafter's own title is Heading 1).
    ("paragraph", "Title", "Title", "Normal",
     '<w:keepNext/><w:spacing w:after="240"/><w:contextualSpacing/>',
     _SANS + "<w:b/><w:bCs/>" + _size(20)),
    # The line under a long title ("rubrikrad"): belongs to the title, in its typeface.
    ("paragraph", "Subtitle", "Subtitle", "Normal",
     '<w:keepNext/><w:spacing w:before="0" w:after="240"/>', _SANS + _size(13)),
    ("paragraph", "Header", "header", "Normal",
     '<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs>'
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', _SANS + _size(10)),
    ("paragraph", "Footer", "footer", "Normal",
     '<w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs>'
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', _SANS + _size(9)),
    # Items of one list sit close; the list as a whole keeps the normal space after it.
    ("paragraph", "ListParagraph", "List Paragraph", "Normal",
     '<w:spacing w:after="160"/><w:contextualSpacing/>', ""),
    ("paragraph", "Quote", "Quote", "Normal",
     f'<w:ind w:left="{CM}" w:right="{CM}"/>', "<w:i/><w:iCs/>"),
    ("paragraph", "Caption", "caption", "Normal",
     '<w:keepNext/><w:spacing w:before="120" w:after="120"/>', _SANS + "<w:b/><w:bCs/>" + _size(9)),
    ("paragraph", "FootnoteText", "footnote text", "Normal",
     '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>', _size(10)),
    ("character", "FootnoteReference", "footnote reference", None,
     "", '<w:vertAlign w:val="superscript"/>'),
    ("character", "Hyperlink", "Hyperlink", None,
     "", '<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    # drafter's own paragraph styles, named in Swedish as the templates use them.
    ("paragraph", "Brevhuvud", "Brevhuvud", "Normal",
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', _SANS + _size(10)),
    ("paragraph", "Dokumenttyp", "Dokumenttyp", "Normal",
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     _SANS + "<w:b/><w:bCs/>" + _size(12)),
    ("paragraph", "Mottagare", "Mottagare", "Normal",
     '<w:spacing w:before="360" w:after="240"/>', "<w:b/><w:bCs/>"),
    ("paragraph", "Underskrift", "Underskrift", "Normal",
     '<w:keepNext/><w:keepLines/><w:spacing w:before="720" w:after="0"/>', ""),
    ("paragraph", "Sandlista", "Sändlista", "Normal",
     '<w:spacing w:before="240" w:after="0"/><w:contextualSpacing/>', ""),
]

# Table styles kept from the template; its ~130 coloured ones only slow every write down.
KEEP_TABLE_STYLES = {"TableNormal", "TableGrid"}


def _style_xml(kind, style_id, name, based_on, ppr, rpr) -> etree._Element:
    custom = ' w:customStyle="1"' if name in ("Brevhuvud", "Dokumenttyp", "Mottagare",
                                                "Underskrift", "Sändlista") else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    parts = [f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{style_id}"{default}{custom}>',
             f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if style_id.startswith("Heading"):
        parts.append('<w:next w:val="Normal"/>')
    parts.append('<w:uiPriority w:val="9"/>' if style_id.startswith("Heading") else "")
    parts.append("<w:qFormat/>" if kind == "paragraph" and style_id != "FootnoteText" else "")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return parse_xml("".join(parts).encode())


def build_styles(styles: etree._Element) -> None:
    defined = {s[1] for s in STYLES}
    by_id = {s.get(w("styleId")): s for s in styles.iterfind(w("style"))}
    # Character styles linked to the paragraph styles redefined here carry the template's
    # theme fonts and colours; drop them (Word recreates a link when it needs one).
    for style in list(styles.iterfind(w("style"))):
        link = style.find(w("link"))
        style_id = style.get(w("styleId"))
        if (style.get(w("type")) == "character" and link is not None
                and link.get(w("val")) in defined):
            styles.remove(style)
        elif style.get(w("type")) == "table" and style_id not in KEEP_TABLE_STYLES:
            styles.remove(style)
    for rsid in list(styles.iter(w("rsid"))):
        rsid.getparent().remove(rsid)
    for spec in STYLES:
        new = _style_xml(*spec)
        old = by_id.get(spec[1])
        if old is not None and old.getparent() is not None:
            old.addprevious(new)
            old.getparent().remove(old)
        else:
            styles.append(new)

    # The table style's text in the body font (Word otherwise takes the theme's).
    grid = by_id["TableGrid"]
    ooxml_rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:rFonts w:ascii="{SERIF}" w:hAnsi="{SERIF}" '
                          f'w:cs="{SERIF}" w:eastAsia="{SERIF}"/></w:rPr>'.encode())
    grid.find(w("tblPr")).addprevious(ooxml_rpr)

    # Document defaults: the body font and size, 8 pt after each paragraph, single spacing.
    defaults = styles.find(w("docDefaults"))
    styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{SERIF}" w:hAnsi="{SERIF}" w:cs="{SERIF}" w:eastAsia="{SERIF}"/>'
        f'{_size(12)}<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="160" w:line="240" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'.encode()))
    ooxml.set_language(styles, LANGUAGE)


def build_settings(settings: etree._Element) -> None:
    for name in ("zoom", "proofState", "rsids", "attachedTemplate", "savePreviewPicture"):
        for node in settings.findall(w(name)):
            settings.remove(node)
    # Word 2013+ layout, so that Word does not open drafts in "compatibility mode".
    for compat in settings.iter(w("compatSetting")):
        if compat.get(w("name")) == "compatibilityMode":
            compat.set(w("val"), "15")
    ooxml.set_theme_language(settings, LANGUAGE)
    ooxml.set_number_separators(settings, decimal=",", list_separator=";")


def build_theme(package) -> None:
    """The theme's heading and body fonts (Word's "+Rubriker" and "+Brödtext") are the house fonts."""
    for part in package.parts:
        if part.partname.endswith("/theme1.xml"):
            theme = etree.fromstring(part.blob)
            for kind, face in (("majorFont", SANS), ("minorFont", SERIF)):
                latin = theme.find(f".//{{{A_NS}}}{kind}/{{{A_NS}}}latin")
                latin.set("typeface", face)
            part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_page(section) -> None:
    from docx.shared import Twips
    section.page_width = Twips(11906)   # A4: 21 cm
    section.page_height = Twips(16838)  # 29.7 cm
    section.top_margin = Twips(round(2.5 * CM))
    section.bottom_margin = Twips(round(2.5 * CM))
    section.left_margin = Twips(round(2.5 * CM))
    section.right_margin = Twips(round(2.5 * CM))
    section.header_distance = Twips(round(1.25 * CM))
    section.footer_distance = Twips(round(1.25 * CM))
    sect_pr = section._sectPr
    for name in ("rsidR", "rsidRPr", "rsidSect"):
        sect_pr.attrib.pop(w(name), None)


APP_XML = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def build() -> bytes:
    document = docx.Document()  # python-docx's bundled default template
    package = document.part.package
    # Leftovers of the template that would be stale in every draft: a preview image of an
    # empty page, a Word 2010 copy of the styles, and an empty bibliography.
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode()
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            document.part.rels.pop(rel_id)

    build_styles(document.styles.element)
    build_settings(document.settings.element)
    build_theme(package)
    build_page(document.sections[0])
    numbering = ooxml.Numbering(document.part.numbering_part.element)
    numbering.new_list(ordered=False, level=0)  # defines the abstract lists ...
    numbering.new_list(ordered=True, level=0)
    for num in list(document.part.numbering_part.element.iterfind(w("num")))[-2:]:
        num.getparent().remove(num)  # ... without leaving unused list instances behind

    ooxml.set_core_properties(document, ooxml.DocumentProperties(
        title="Husstil för drafter", author="drafter", created=dt.datetime(2024, 1, 1)))
    return docx_package.write(serialise(document.part.package))


def main() -> None:
    data = build()
    from drafter.ci.xsd import validate_docx
    errors = validate_docx(data)
    if errors:
        raise SystemExit("husstilen följer inte OOXML-schemat:\n" + "\n".join(errors))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(data)
    print(f"skrev {OUTPUT.relative_to(ROOT)} ({len(data)} byte)")


if __name__ == "__main__":
    main()
