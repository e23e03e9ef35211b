"""Pictures: an inline picture in a paragraph of its own, with the alt text screen readers read."""

from __future__ import annotations

from lxml import etree

from drafter.docx.oxml.base import check_text, sub, w

DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def insert_picture_paragraph(story: etree._Element, inline: etree._Element, *, style: str | None,
                             alt: str, space_after: int = 120) -> etree._Element:
    """Put ``inline`` (a ``wp:inline`` python-docx made) first in ``story`` in a paragraph of
    its own, with ``alt`` as its description (Word: Alt Text) and title."""
    check_text(alt)
    doc_pr = inline.find(f"{{{DRAWING_NS}}}docPr")
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt)
    p = etree.Element(w("p"))
    ppr = sub(p, "pPr")
    if style:
        sub(ppr, "pStyle", val=style)
    sub(ppr, "spacing", after=str(space_after))
    sub(sub(p, "r"), "drawing").append(inline)
    story.insert(0, p)
    return p
