"""The .rels and [Content_Types].xml parts drafter builds are the bytes python-docx builds."""

from __future__ import annotations

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import CT_Types, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.spec import default_content_types

from drafter.docx.oxml import parts


def _python_docx_content_types(all_parts) -> bytes:
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    overrides = {}
    for part in all_parts:
        ext = part.partname.ext
        if (ext.lower(), part.content_type) in default_content_types:
            defaults[ext.lower()] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for ext in sorted(defaults):
        types.add_default(ext, defaults[ext])
    for partname in sorted(overrides):
        types.add_override(partname, overrides[partname])
    return serialize_part_xml(types)


def test_relationships_and_content_types_as_python_docx_writes_them():
    document = docx.Document()
    part = document.part
    part.relate_to("https://example.se/a?b=1&c=<2>", RT.HYPERLINK, is_external=True)
    document.sections[0].header.is_linked_to_previous = False  # one more part and relationship
    package = part.package
    outside = Part(PackURI("/customXml/item1.xml"), "application/xml", b"<a/>", package)
    part.relate_to(outside, RT.CUSTOM_XML)  # a target outside word/: "../customXml/item1.xml"
    all_parts = list(package.parts)
    written = parts.serialise(package)
    assert written[parts.CONTENT_TYPES] == _python_docx_content_types(all_parts)
    assert written[parts.PACKAGE_RELS] == package.rels.xml
    for owner in all_parts:
        if len(owner.rels):
            assert written[owner.partname.rels_uri.membername] == owner.rels.xml
    assert b"../customXml/item1.xml" in written["word/_rels/document.xml.rels"]
