"""The .rels and [Content_Types].xml parts drafter builds are the bytes python-docx builds."""

from __future__ import annotations

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from drafter.docx.oxml import parts


def _python_docx_content_types(all_parts) -> bytes:
    # python-docx's own writer of the part is the reference (a private class of the library,
    # used here only to compare with).
    from docx.opc.pkgwriter import _ContentTypesItem

    return _ContentTypesItem.from_parts(all_parts).blob


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
