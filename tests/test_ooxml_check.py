"""The schema validator must pass what drafter writes and catch what Word would refuse."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.ci.xsd import validate_docx

BODY = "# Rubrik\n\nText med fotnot.[^1]\n\n1. Punkt\n\n[^1]: Fotnoten.\n"


def replace_part(data: bytes, name: str, edit) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, edit(content) if item.filename == name else content)
    return out.getvalue()


@pytest.fixture
def good(write) -> bytes:
    return write(BODY)


def test_house_style_and_written_documents_are_valid(house_style, good):
    assert validate_docx(house_style.read_bytes()) == []
    assert validate_docx(good) == []


def test_element_order_error_names_the_part_and_line(good):
    # w:jc before w:pStyle: LibreOffice shrugs, Word reports the file as damaged.
    broken = replace_part(good, "word/document.xml", lambda xml: xml.replace(
        b'<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
        b'<w:pPr><w:jc w:val="left"/><w:pStyle w:val="Heading1"/></w:pPr>'))
    assert broken != good
    errors = validate_docx(broken)
    assert len(errors) == 1
    assert errors[0].startswith("word/document.xml:")
    assert "pStyle" in errors[0]
    assert int(errors[0].split(":")[1]) >= 1


@pytest.mark.parametrize("part, old, new", [
    ("word/footnotes.xml", b'w:type="separator"', b'w:type="skiljelinje"'),
    ("word/numbering.xml", b"<w:startOverride", b"<w:startOverrid"),
    ("word/styles.xml", b'w:val="sv-SE"', b'w:val="sv-SE" w:finns="nej"'),
    ("word/settings.xml", b"<w:footnotePr>", b"<w:footnotePr><w:fotnot/>"),
    ("docProps/core.xml", b"2024-01-15T09:30:00Z", b"den 15 januari"),
    ("[Content_Types].xml", b"<Default ", b"<Standard "),
    ("word/_rels/document.xml.rels", b"<Relationship ", b"<Relation "),
])
def test_each_kind_of_part_is_checked(good, part, old, new):
    broken = replace_part(good, part, lambda xml: xml.replace(old, new, 1))
    errors = validate_docx(broken)
    assert errors and errors[0].startswith(f"{part}:"), errors


def test_not_well_formed_xml_is_reported(good):
    errors = validate_docx(replace_part(good, "word/document.xml", lambda xml: xml[:-20]))
    assert errors and errors[0].startswith("word/document.xml:")


def test_markup_compatibility_extensions_are_ignored(good):
    # Word 2010+ writes w14 attributes under mc:Ignorable="w14"; they are not errors.
    extended = replace_part(good, "word/document.xml", lambda xml: xml.replace(
        b"<w:p>", b'<w:p w14:paraId="1A2B3C4D" w14:textId="77777777">', 1))
    assert extended != good
    assert validate_docx(extended) == []


def test_not_a_package():
    assert validate_docx(b"inte en zip")[0].startswith("(paketet)")
