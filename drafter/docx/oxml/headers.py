"""Headers and footers of a section: their parts found by type through the section's references, added empty where missing.

python-docx's section accessors do the same, but look the reference up by XPath again at every
step (four times or more for each header written); this is the one lookup, and the part is
made by python-docx's own ``HeaderPart.new``/``FooterPart.new``.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.parts.hdrftr import FooterPart, HeaderPart
from lxml import etree

from drafter.docx.oxml.base import R_NS, SECTPR_ORDER, local_name, w

_R_ID = f"{{{R_NS}}}id"
# A new reference goes after every header and footer reference already there (in the order
# they were added, as python-docx adds them), before the rest of the section's properties.
_AFTER_REFERENCES = set(SECTPR_ORDER[2:])
_KINDS = {"header": (HeaderPart, RT.HEADER), "footer": (FooterPart, RT.FOOTER)}


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
    part_class, reltype = _KINDS[kind]
    part = part_class.new(document_part.package)
    _clear(part.element)
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


def _clear(element: etree._Element) -> None:
    for child in list(element):
        element.remove(child)
