"""Headers and footers of a section: their parts found by type through the section's references, added empty where missing.

python-docx's section accessors do the same, but look the reference up by XPath again at every
step (four times or more for each header written); this is the one lookup. A new part gets the
root element python-docx's ``HeaderPart.new``/``FooterPart.new`` makes (which reads and parses
its template file each time: here once per process, then copied).
"""

from __future__ import annotations

import copy
from functools import cache

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.package import Package
from docx.parts.hdrftr import FooterPart, HeaderPart
from lxml import etree

from drafter.docx.oxml.base import R_NS, SECTPR_ORDER, get_or_add, local_name, w

_R_ID = f"{{{R_NS}}}id"
# A new reference goes after every header and footer reference already there (in the order
# they were added, as python-docx adds them), before the rest of the section's properties.
_AFTER_REFERENCES = set(SECTPR_ORDER[2:])
_KINDS = {"header": (HeaderPart, RT.HEADER, CT.WML_HEADER, "/word/header%d.xml"),
          "footer": (FooterPart, RT.FOOTER, CT.WML_FOOTER, "/word/footer%d.xml")}


def set_title_page(sect_pr: etree._Element) -> None:
    """Give the section's first page a header and footer of its own (``w:titlePg``, on)."""
    get_or_add(sect_pr, "titlePg", SECTPR_ORDER).attrib.pop(w("val"), None)


def reference(sect_pr: etree._Element, kind: str, page: str) -> etree._Element | None:
    """The ``w:headerReference`` or ``w:footerReference`` (``kind`` "header" or "footer") of
    the pages ``page`` ("default", "first" or "even"), if the section has one."""
    for ref in sect_pr.iterfind(w(f"{kind}Reference")):
        if ref.get(w("type")) == page:
            return ref
    return None


def story_part(document_part, sect_pr: etree._Element, kind: str, page: str, *, empty: bool = False):
    """The header or footer part (python-docx's) of ``page`` in the section ``sect_pr``; one is
    added, with no content, when the section has none. ``empty`` removes the content of one
    the house style has."""
    ref = reference(sect_pr, kind, page)
    if ref is not None:
        part = document_part.related_parts[ref.get(_R_ID)]
        if empty:
            _clear(part.element)
        return part
    part_class, reltype, content_type, names = _KINDS[kind]
    package = document_part.package
    part = part_class(package.next_partname(names), content_type, copy.deepcopy(_empty_root(kind)), package)
    rel_id = document_part.relate_to(part, reltype)
    ref = sect_pr.makeelement(w(f"{kind}Reference"), {})
    successor = next((s for s in sect_pr if local_name(s.tag) in _AFTER_REFERENCES), None)
    if successor is None:
        sect_pr.append(ref)
    else:
        successor.addprevious(ref)
    ref.set(w("type"), page)  # set once in the tree, so r: is the document's prefix
    ref.set(_R_ID, rel_id)
    return part


def story_parts(document_part, sect_pr: etree._Element, kind: str) -> list:
    """The section's header or footer parts that exist: of following, first and even pages."""
    found = []
    for page in ("default", "first", "even"):
        ref = reference(sect_pr, kind, page)
        if ref is not None:
            found.append(document_part.related_parts[ref.get(_R_ID)])
    return found


@cache
def _empty_root(kind: str) -> etree._Element:
    """The root element of a new header or footer part as python-docx makes it, without content."""
    root = _KINDS[kind][0].new(Package()).element
    _clear(root)
    return root


def _clear(element: etree._Element) -> None:
    for child in list(element):
        element.remove(child)
