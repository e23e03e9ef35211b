"""The Word writer: Markdown in, .docx out, checked on the XML a reader (Word, LibreOffice,
a screen reader) relies on."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import docx_part
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.errors import TemplateError
from drafter.text.markdown import escape
from drafter.ci.xsd import validate_docx
from drafter.docx.package import custom_properties, read as read_package
from drafter.docx.writer import DocumentProperties, write_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
W = f"{{{W_NS}}}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

MEMO = """\
::::: förstasidhuvud
:::: kolumner
::: kolumn
**Arboga kommun**\\
Kommunstyrelseförvaltningen
:::
::: kolumn höger
**TJÄNSTESKRIVELSE**\\
2024-01-15\\
Dnr KS 2023/123\\
{sida}({sidor})
:::
::::
:::::

:::: sidhuvud
::: kolumner
Arboga kommun

{sida}({sidor})
:::
::::

::: Mottagare
Kommunstyrelsen
:::

# Svar på motion – Utveckla integrationsarbetet

## Förslag till beslut

Kommunstyrelsen föreslår kommunfullmäktige besluta

1. Motionen anses besvarad med hänvisning till förvaltningens redogörelse.

## Förvaltningens redogörelse

Text med fotnot.[^1] och *kursiv* text.

### Bakgrund

Mer text.[^2]

::: kolumner
Anders Neuman\\
Kommundirektör

Joel Boudin\\
Utredare
:::

[^1]: Regeringens styrning i tvärsektoriella frågor (*Statskontoret* 2022)
[^2]: Andra fotnoten.
"""


def text_of(element: etree._Element) -> str:
    """The visible text of an element: runs' text, tabs and line breaks."""
    out = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(node.text or "" if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else "\n")
    return "".join(out)


def styled_paragraphs(root: etree._Element) -> list[tuple[str | None, str]]:
    result = []
    for p in root.iter(f"{W}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        result.append((style.get(f"{W}val") if style is not None else None, text_of(p)))
    return result


def related_parts(data: bytes, source: str = "word/document.xml") -> dict[str, tuple[str, str]]:
    """rId -> (relationship type, part name) of a part's relationships."""
    folder, name = source.rsplit("/", 1)
    rels = docx_part(data, f"{folder}/_rels/{name}.rels")
    return {r.get("Id"): (r.get("Type"), f"{folder}/{r.get('Target')}")
            for r in rels.iter(f"{REL_NS}Relationship") if r.get("TargetMode") != "External"}


def header_footer_parts(data: bytes) -> dict[tuple[str, str], str]:
    """(headerReference|footerReference, type) -> part name."""
    body = docx_part(data, "word/document.xml")
    rels = related_parts(data)
    sect = body.find(".//w:body/w:sectPr", NS)
    return {(etree.QName(ref).localname, ref.get(f"{W}type")): rels[ref.get(f"{{{NS['r']}}}id")][1]
            for ref in sect if etree.QName(ref).localname in ("headerReference", "footerReference")}


@pytest.fixture
def memo(write) -> bytes:
    return write(MEMO)


# --- structure -------------------------------------------------------------------------------

def test_headings_get_real_heading_styles_in_order(memo):
    body = docx_part(memo, "word/document.xml")
    headings = [(s, t) for s, t in styled_paragraphs(body) if s and s.startswith("Heading")]
    assert headings == [
        ("Heading1", "Svar på motion – Utveckla integrationsarbetet"),
        ("Heading2", "Förslag till beslut"),
        ("Heading2", "Förvaltningens redogörelse"),
        ("Heading3", "Bakgrund"),
    ]


def test_container_name_is_a_paragraph_style(memo):
    body = docx_part(memo, "word/document.xml")
    assert ("Mottagare", "Kommunstyrelsen") in styled_paragraphs(body)


def test_style_names_are_found_case_insensitively_by_name_or_id(write):
    body = docx_part(write("::: mottagare\nA\n:::\n\n::: UNDERSKRIFT\nB\n:::\n\n::: Sandlista\nC\n:::\n"),
                     "word/document.xml")
    assert styled_paragraphs(body) == [("Mottagare", "A"), ("Underskrift", "B"), ("Sandlista", "C")]


def test_a_house_style_saved_by_libreoffice_with_capitalised_names_works(tmp_path, house_style, properties):
    # LibreOffice stores "Heading 1" where Word stores "heading 1"; the writer must not care.
    style = tmp_path / "lo.docx"
    with zipfile.ZipFile(house_style) as source, zipfile.ZipFile(style, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = re.sub(rb'w:val="heading (\d)"', rb'w:val="Heading \1"', data)
            target.writestr(item, data)
    body = docx_part(write_document("# Rubrik\n", style=style, properties=properties), "word/document.xml")
    assert styled_paragraphs(body) == [("Heading1", "Rubrik")]


def test_unknown_style_is_a_template_error_in_swedish(write):
    with pytest.raises(TemplateError) as caught:
        write("Text\n\n::: Finnsinte\nA\n:::\n")
    message = str(caught.value)
    assert "stilen 'Finnsinte' finns inte i husstilen stil.docx" in message
    assert ":3:" in message  # the line of the container in the Markdown


def test_missing_heading_style_is_a_template_error_not_a_key_error(tmp_path, house_style, properties):
    style = tmp_path / "utan-rubrik6.docx"
    document = docx.Document(str(house_style))
    heading6 = document.styles.element.find("w:style[@w:styleId='Heading6']", NS)
    heading6.getparent().remove(heading6)
    document.save(str(style))
    with pytest.raises(TemplateError, match="Heading 6"):
        write_document("###### Djup rubrik\n", style=style, properties=properties)


def test_same_length_nested_fences_are_reported_with_the_rule(write):
    wrong = "::: förstasidhuvud\n:::: kolumner\n::: kolumn\nA\n:::\n::: kolumn höger\nB\n:::\n::::\n:::\n"
    with pytest.raises(TemplateError, match="färre kolon"):
        write(wrong)


def test_unwritable_character_is_a_template_error(write):
    with pytest.raises(TemplateError, match="U\\+000B"):
        write("Vertikal\x0btab\n")


# --- inline ------------------------------------------------------------------------------------

def test_inline_formatting_nests(write):
    body = docx_part(write("a **fet *fet kursiv*** `kod *inte*` b\\\nc\nd\n"), "word/document.xml")
    runs = body.findall(".//w:r", NS)
    formats = [(text_of(r), r.find("w:rPr/w:b", NS) is not None, r.find("w:rPr/w:i", NS) is not None)
               for r in runs]
    assert ("fet ", True, False) in formats
    assert ("fet kursiv", True, True) in formats
    assert ("kod *inte*", False, False) in formats
    assert text_of(body.find(".//w:p", NS)) == "a fet fet kursiv kod *inte* b\nc d"


def test_escaped_text_stays_literal(write):
    literal = "*inte kursiv* {sida} [länk](x) 2025. <b>html</b> & _under_ `kod` \\ slut"
    markdown = f"# {escape('1. Rubrik')}\n\n{escape(literal)}\n\n{escape('- ingen lista')}\n"
    body = docx_part(write(markdown), "word/document.xml")
    assert [t for _, t in styled_paragraphs(body)] == ["1. Rubrik", literal, "- ingen lista"]
    assert body.find(".//w:i", NS) is None
    assert body.find(".//w:fldChar", NS) is None
    assert body.find(".//w:numPr", NS) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\"'\u2028\u2029\x85"),
               min_size=1, max_size=60))
def test_no_text_is_ever_dropped(write, text):
    # Case values are escaped into the Markdown: whatever they hold must come out as text.
    expected = " ".join(text.split())
    if not expected:
        return
    body = docx_part(write(escape(expected) + "\n"), "word/document.xml")
    assert " ".join(text_of(body).split()) == expected


def test_external_link_is_a_hyperlink_with_its_text(write):
    data = write("Se [kommunens webb](https://www.arboga.se/) och [ankare](#x).\n")
    body = docx_part(data, "word/document.xml")
    link = body.find(".//w:hyperlink", NS)
    assert text_of(link) == "kommunens webb"
    rels = docx_part(data, "word/_rels/document.xml.rels")
    rel = [r for r in rels if r.get("Id") == link.get(f"{{{NS['r']}}}id")][0]
    assert rel.get("Target") == "https://www.arboga.se/" and rel.get("TargetMode") == "External"
    assert text_of(body) == "Se kommunens webb och ankare."


# --- footnotes ---------------------------------------------------------------------------------

def test_footnotes_are_real_word_footnotes(memo):
    rels = related_parts(memo)
    footnote_rels = [name for kind, name in rels.values() if kind.endswith("/footnotes")]
    assert footnote_rels == ["word/footnotes.xml"]
    types = docx_part(memo, "[Content_Types].xml")
    override = [o for o in types if o.get("PartName") == "/word/footnotes.xml"]
    assert override[0].get("ContentType") == \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

    notes = docx_part(memo, "word/footnotes.xml")
    kinds = {n.get(f"{W}type") for n in notes.iterfind("w:footnote", NS)}
    assert {"separator", "continuationSeparator"} <= kinds
    real = {n.get(f"{W}id"): n for n in notes.iterfind("w:footnote", NS) if n.get(f"{W}type") is None}

    body = docx_part(memo, "word/document.xml")
    referenced = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    assert len(referenced) == 2 and set(referenced) == set(real)
    first = real[referenced[0]]
    assert text_of(first).strip() == "Regeringens styrning i tvärsektoriella frågor (Statskontoret 2022)"
    assert first.find("w:p/w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
    first_run = first.find("w:p/w:r", NS)
    assert first_run.find("w:footnoteRef", NS) is not None
    assert first_run.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"
    italic = [text_of(r) for r in first.iter(f"{W}r") if r.find("w:rPr/w:i", NS) is not None]
    assert italic == ["Statskontoret"]
    assert text_of(real[referenced[1]]).strip() == "Andra fotnoten."

    settings_part = docx_part(memo, "word/settings.xml")
    separator_ids = {n.get(f"{W}id") for n in notes.iterfind("w:footnote", NS) if n.get(f"{W}type")}
    assert {f.get(f"{W}id") for f in settings_part.find("w:footnotePr", NS)} == separator_ids

    styles = docx_part(memo, "word/styles.xml")
    reference = styles.find("w:style[@w:styleId='FootnoteReference']", NS)
    assert reference.find("w:rPr/w:vertAlign", NS).get(f"{W}val") == "superscript"


def test_house_style_with_libreoffice_footnote_ids_keeps_its_separators(tmp_path, write, properties):
    # LibreOffice numbers the separators 0 and 1: real notes must come after them.
    data = write("A.[^1]\n\n[^1]: Not.\n")
    style = tmp_path / "lo-fotnoter.docx"
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(style, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/footnotes.xml":
                content = content.replace(b'w:id="0"', b'w:id="1"').replace(b'w:id="-1"', b'w:id="0"')
            if item.filename == "word/settings.xml":
                content = content.replace(b'w:id="0"', b'w:id="1"').replace(b'w:id="-1"', b'w:id="0"')
            target.writestr(item, content)
    result = write_document("B.[^x]\n\n[^x]: Ny not.\n", style=style, properties=properties)
    notes = docx_part(result, "word/footnotes.xml")
    ids = {n.get(f"{W}type"): n.get(f"{W}id") for n in notes.iterfind("w:footnote", NS)}
    assert ids == {"separator": "0", "continuationSeparator": "1", None: "2"}
    assert text_of(notes).strip().endswith("Ny not.")
    assert "Not." not in text_of(notes).replace("Ny not.", "")
    assert [r.get(f"{W}id") for r in docx_part(result, "word/document.xml").iter(f"{W}footnoteReference")] == ["2"]
    assert validate_docx(result) == []


def test_footnote_in_a_header_is_a_template_error(write):
    with pytest.raises(TemplateError, match="sidhuvud"):
        write("::: sidhuvud\nA[^1]\n:::\n\n[^1]: Not.\n")


# --- lists -----------------------------------------------------------------------------------

def _numbering(data: bytes):
    numbering = docx_part(data, "word/numbering.xml")
    nums = {n.get(f"{W}numId"): n for n in numbering.iterfind("w:num", NS)}
    abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.iterfind("w:abstractNum", NS)}
    return nums, abstract


def _list_paragraphs(data: bytes) -> list[tuple[str, str, str]]:
    body = docx_part(data, "word/document.xml")
    return [(p.find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val"),
             p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{W}val"), text_of(p))
            for p in body.iter(f"{W}p") if p.find("w:pPr/w:numPr", NS) is not None]


def test_each_ordered_list_restarts(write):
    data = write("1. a\n2. b\n\nMellan.\n\n1. c\n2. d\n\nOch:\n\n3. e\n")
    items = _list_paragraphs(data)
    assert [t for *_, t in items] == ["a", "b", "c", "d", "e"]
    first, second, third = items[0][0], items[2][0], items[4][0]
    assert items[1][0] == first and items[3][0] == second
    assert len({first, second, third}) == 3
    nums, abstract = _numbering(data)
    for num_id, start in ((first, "1"), (second, "1"), (third, "3")):
        override = nums[num_id].find("w:lvlOverride[@w:ilvl='0']/w:startOverride", NS)
        assert override.get(f"{W}val") == start
        definition = abstract[nums[num_id].find("w:abstractNumId", NS).get(f"{W}val")]
        level0 = definition.find("w:lvl[@w:ilvl='0']", NS)
        assert level0.find("w:numFmt", NS).get(f"{W}val") == "decimal"
        assert level0.find("w:lvlText", NS).get(f"{W}val") == "%1."
    body = docx_part(data, "word/document.xml")
    assert {s for s, _ in styled_paragraphs(body) if s} == {"ListParagraph"}


def test_bullet_lists_nest_on_word_list_levels(write):
    data = write("- a\n- b\n  - b1\n  - b2\n- c\n")
    items = _list_paragraphs(data)
    assert [(level, t) for _, level, t in items] == [("0", "a"), ("0", "b"), ("1", "b1"), ("1", "b2"), ("0", "c")]
    nums, abstract = _numbering(data)
    for num_id, level, _ in items:
        definition = abstract[nums[num_id].find("w:abstractNumId", NS).get(f"{W}val")]
        lvl = definition.find(f"w:lvl[@w:ilvl='{level}']", NS)
        assert lvl.find("w:numFmt", NS).get(f"{W}val") == "bullet"
        indent = int(lvl.find("w:pPr/w:ind", NS).get(f"{W}left"))
        assert indent == 360 * (int(level) + 1)
    assert len(definition.findall("w:lvl", NS)) == 9


def test_lists_in_a_house_style_without_numbering_part(tmp_path, house_style, properties):
    # LibreOffice saves no numbering.xml when a document has no lists.
    style = tmp_path / "utan-numrering.docx"
    document = docx.Document(str(house_style))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/numbering"):
            document.part.rels.pop(rel_id)
    document.save(str(style))
    assert "word/numbering.xml" not in zipfile.ZipFile(style).namelist()
    data = write_document("1. a\n2. b\n\n- c\n", style=style, properties=properties)
    assert [t for *_, t in _list_paragraphs(data)] == ["a", "b", "c"]
    assert related_parts(data)
    assert any(kind.endswith("/numbering") for kind, _ in related_parts(data).values())
    assert validate_docx(data) == []


def test_later_paragraphs_of_a_list_item_are_indented_not_numbered(write):
    data = write("1. Första stycket.\n\n   Andra stycket.\n\n2. Nästa.\n")
    body = docx_part(data, "word/document.xml")
    paragraphs = body.findall("w:body/w:p", NS)
    assert paragraphs[1].find("w:pPr/w:numPr", NS) is None
    assert paragraphs[1].find("w:pPr/w:ind", NS).get(f"{W}left") == "360"
    assert [t for *_, t in _list_paragraphs(data)] == ["Första stycket.", "Nästa."]


# --- headers, footers, fields, columns --------------------------------------------------------------

def test_page_fields_in_the_headers(memo):
    parts = header_footer_parts(memo)
    for kind in ("first", "default"):
        header = docx_part(memo, parts[("headerReference", kind)])
        instructions = [i.text.strip() for i in header.iter(f"{W}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        chars = [c.get(f"{W}fldCharType") for c in header.iter(f"{W}fldChar")]
        assert chars == ["begin", "separate", "end"] * 2
        assert "1(1)" in text_of(header)


def test_first_page_header_differs_from_the_following_pages(memo):
    body = docx_part(memo, "word/document.xml")
    assert body.find(".//w:body/w:sectPr/w:titlePg", NS) is not None
    parts = header_footer_parts(memo)
    first = text_of(docx_part(memo, parts[("headerReference", "first")]))
    default = text_of(docx_part(memo, parts[("headerReference", "default")]))
    assert "TJÄNSTESKRIVELSE" in first and "Kommunstyrelseförvaltningen" in first
    assert "TJÄNSTESKRIVELSE" not in default and default.startswith("Arboga kommun")


def test_a_part_for_following_pages_also_serves_the_first_page(write):
    # With a first-page header, a footer given only as "sidfot" must still show on page 1.
    data = write("::: förstasidhuvud\nBrevhuvud\n:::\n\n::: sidfot\nSidfot {sida}\n:::\n\nText\n")
    parts = header_footer_parts(data)
    assert text_of(docx_part(data, parts[("footerReference", "first")])) == "Sidfot 1"
    assert text_of(docx_part(data, parts[("footerReference", "default")])) == "Sidfot 1"


def _layout_table_cells(table: etree._Element) -> list[str]:
    return [text_of(tc) for tc in table.iterfind("w:tr/w:tc", NS)]


def test_columns_in_the_letterhead(memo):
    header = docx_part(memo, header_footer_parts(memo)[("headerReference", "first")])
    table = header.find("w:tbl", NS)
    assert _layout_table_cells(table) == [
        "Arboga kommun\nKommunstyrelseförvaltningen",
        "TJÄNSTESKRIVELSE\n2024-01-15\nDnr KS 2023/123\n1(1)",
    ]
    right = table.findall("w:tr/w:tc", NS)[1].find("w:p/w:pPr/w:jc", NS)
    assert right.get(f"{W}val") == "right"
    assert table.findall("w:tr/w:tc", NS)[0].find("w:p/w:pPr/w:jc", NS) is None
    # a layout table: no style borders, no header row, full text width in equal columns
    assert table.find("w:tblPr/w:tblStyle", NS) is None
    assert {b.get(f"{W}val") for b in table.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    assert table.find(".//w:tblHeader", NS) is None
    widths = [int(g.get(f"{W}w")) for g in table.iterfind("w:tblGrid/w:gridCol", NS)]
    assert len(widths) == 2 and widths[0] == widths[1]
    assert int(table.find("w:tblPr/w:tblW", NS).get(f"{W}w")) == 9070  # A4 less 2 × 2.5 cm
    assert etree.QName(header[-1]).localname == "p"  # Word wants a paragraph after a table


def test_columns_for_signatures_in_the_body(memo):
    body = docx_part(memo, "word/document.xml")
    tables = body.findall("w:body/w:tbl", NS)
    assert len(tables) == 1
    assert _layout_table_cells(tables[0]) == ["Anders Neuman\nKommundirektör", "Joel Boudin\nUtredare"]
    assert etree.QName(body.find("w:body", NS)[-2]).localname == "p"  # closing paragraph before sectPr


def test_styled_containers_as_columns_take_their_style(write):
    data = write("::::: kolumner\n::: Underskrift\nA\\\nB\n:::\n::: Underskrift\nC\n:::\n:::::\n")
    table = docx_part(data, "word/document.xml").find(".//w:tbl", NS)
    cells = table.findall("w:tr/w:tc", NS)
    assert [text_of(c) for c in cells] == ["A\nB", "C"]
    assert [c.find("w:p/w:pPr/w:pStyle", NS).get(f"{W}val") for c in cells] == ["Underskrift"] * 2


def test_column_outside_columns_is_a_template_error(write):
    with pytest.raises(TemplateError, match="kolumner"):
        write("::: kolumn\nA\n:::\n")


# --- other blocks ----------------------------------------------------------------------------------

def test_table_has_a_repeating_header_row_and_a_bordered_style(write):
    data = write("| Nämnd | Datum |\n|---|--:|\n| Socialnämnden | 2017-09-20 |\n| Bildningsnämnden | 2017-10-04 |\n")
    table = docx_part(data, "word/document.xml").find(".//w:tbl", NS)
    assert table.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "TableGrid"
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert [text_of(tc) for tc in rows[0].findall("w:tc", NS)] == ["Nämnd", "Datum"]
    assert rows[0].find(".//w:r/w:rPr/w:b", NS) is not None
    assert rows[1].findall("w:tc", NS)[1].find("w:p/w:pPr/w:jc", NS).get(f"{W}val") == "right"
    assert validate_docx(data) == []


def test_blockquote_hr_and_code(write):
    data = write("> Citat\n\n---\n\nEfter brytningen.\n\n    kod  med\tflik\n    rad två\n")
    paragraphs = docx_part(data, "word/document.xml").findall("w:body/w:p", NS)
    assert paragraphs[0].find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Quote"
    assert paragraphs[1].find("w:pPr/w:pageBreakBefore", NS) is not None
    assert text_of(paragraphs[1]) == "Efter brytningen."
    assert [text_of(p) for p in paragraphs[2:]] == ["kod  med\tflik", "rad två"]


# --- properties, language, determinism ---------------------------------------------------------------

def test_language_is_swedish_everywhere(memo):
    styles = docx_part(memo, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default.get(f"{W}val") == "sv-SE"
    assert {lang.get(f"{W}val") for lang in styles.iter(f"{W}lang")} == {"sv-SE"}
    document = docx.Document(io.BytesIO(memo))
    assert document.core_properties.language == "sv-SE"


def test_document_properties(memo):
    core = docx.Document(io.BytesIO(memo)).core_properties
    assert core.title == "Svar på motion om test"
    assert core.author == "Joel Boudin"
    assert core.subject == "Tjänsteskrivelse"
    assert core.keywords == "KS 2024/1"
    utc = dt.timezone.utc
    assert core.created == core.modified == dt.datetime(2024, 1, 15, 9, 30, tzinfo=utc)
    assert core.last_modified_by == "drafter"
    assert core.revision == 1
    assert core.comments == ""


def test_aware_creation_time_is_stored_in_utc(write):
    tz = dt.timezone(dt.timedelta(hours=1))
    props = DocumentProperties(title="T", author="A", created=dt.datetime(2024, 1, 15, 10, 0, tzinfo=tz))
    core = docx.Document(io.BytesIO(write("x\n", properties=props))).core_properties
    assert core.created == dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.timezone.utc)


def test_custom_properties_round_trip(write):
    values = {"drafter-fingeravtryck": "sha256:0123abcd", "Ärende": "KS 2023/123 <&>"}
    props = DocumentProperties(title="T", author="A", created=dt.date(2024, 1, 15), custom=values)
    data = write("x\n", properties=props)
    assert custom_properties(read_package(data)) == values
    custom = docx_part(data, "docProps/custom.xml")
    assert [p.get("pid") for p in custom] == ["2", "3"]
    assert {p.get("fmtid") for p in custom} == {"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"}
    assert validate_docx(data) == []


def test_no_custom_properties_means_no_part(memo):
    assert custom_properties(read_package(memo)) == {}
    assert "docProps/custom.xml" not in zipfile.ZipFile(io.BytesIO(memo)).namelist()


def test_the_same_input_gives_the_same_bytes(write):
    first = write(MEMO)
    second = write(MEMO)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_whole_memo_passes_the_schemas(memo):
    assert validate_docx(memo) == []


def test_opens_with_python_docx_and_reads_as_the_memo(memo):
    document = docx.Document(io.BytesIO(memo))
    texts = [p.text for p in document.paragraphs]
    assert "Svar på motion – Utveckla integrationsarbetet" in texts
    assert document.sections[0].different_first_page_header_footer


def test_house_style_file_is_required(tmp_path, properties):
    with pytest.raises(TemplateError, match="husstilen kan inte öppnas"):
        write_document("x\n", style=tmp_path / "saknas.docx", properties=properties)


def test_default_house_style_is_reproducible_and_complete():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_house_style", Path(__file__).resolve().parents[1] / "tools" / "build_house_style.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    data = builder.build()
    assert data == builder.build()
    assert validate_docx(data) == []
    document = docx.Document(io.BytesIO(data))
    names = {s.name.casefold() for s in document.styles}
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Paragraph", "Footnote Text",
                 "Footnote Reference", "Quote", "Table Grid", "Header", "Footer", "Mottagare",
                 "Brevhuvud", "Dokumenttyp", "Underskrift", "Sändlista"):
        assert name.casefold() in names, name
    section = document.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01


def test_two_tables_in_a_row_stay_two_tables(write):
    """Word joins adjacent tables into one; a small paragraph must stand between them."""
    markdown = (
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "::::: kolumner\n::: Underskrift\nAnna Ek\\\nUtredare\n:::\n::: Underskrift\nBo Ek\n:::\n:::::\n"
    )
    data = write(markdown)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    children = [etree.QName(c).localname for c in body.find(W + "body")]
    assert children[:3] == ["tbl", "p", "tbl"]
    assert validate_docx(data) == []


def test_an_empty_table_row_is_tall_enough_to_sign_in(write):
    data = write("| Ordförandes sign | Justerandes sign |\n|---|---|\n|   |   |\n| a | b |\n")
    rows = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).iter(W + "tr")
    heights = [row.find(f"{W}trPr/{W}trHeight") for row in rows]
    assert heights[0] is None and heights[2] is None  # the labels and a row with text
    assert heights[1].get(W + "val") == "567" and heights[1].get(W + "hRule") == "atLeast"
    assert validate_docx(data) == []


def test_core_property_texts_are_shortened_at_a_word_boundary(write):
    from drafter.docx.oxml import MAX_CORE_TEXT, fit_property

    assert fit_property("Kort titel") == "Kort titel"
    long = " ".join(["Motion om laddplatser"] * 30)
    fitted = fit_property(long)
    assert len(fitted) <= MAX_CORE_TEXT and fitted.endswith("…") and long.startswith(fitted[:-1])
    assert long[len(fitted) - 1] == " "
    assert len(fit_property("x" * 1000)) == MAX_CORE_TEXT  # one long word is cut inside it
    props = DocumentProperties(title=long, author="Anna Andersson, " * 40, subject=long, keywords=long,
                               created=dt.date(2024, 1, 15))
    data = write("x\n", properties=props)
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title == fitted and len(core.author) <= MAX_CORE_TEXT


@pytest.mark.parametrize("xml", [
    b"<a><b></a>",
    b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
    b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'xx'><!ENTITY y '&x;&x;&x;'>]><a>&y;</a>",
    b"<a>&undefined;</a>",
])
def test_the_safe_parser_refuses_what_a_crafted_part_may_hold(xml):
    from drafter.docx.oxml import UnreadablePart, parse_part

    with pytest.raises(UnreadablePart):
        parse_part(xml, "word/document.xml")
