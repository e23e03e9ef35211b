"""Pictures: an inline picture in a paragraph of its own, with the alt text screen readers read."""

from __future__ import annotations

import copy
from functools import lru_cache

from docx.oxml.shape import CT_Inline
from lxml import etree

from drafter.docx.oxml.base import check_text, sub, w

DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def picture_inline(shape_id: int, rel_id: str, filename: str, cx: int, cy: int) -> etree._Element:
    """A new ``wp:inline`` for the image part ``rel_id`` (``cx`` × ``cy`` EMU), as python-docx's
    ``StoryPart.new_pic_inline`` makes it: made once for these values and copied (building it
    takes python-docx some 60 µs, half of placing a logo)."""
    return copy.deepcopy(_picture_inline(shape_id, rel_id, filename, cx, cy))


@lru_cache(maxsize=16)
def _picture_inline(shape_id: int, rel_id: str, filename: str, cx: int, cy: int) -> etree._Element:
    return CT_Inline.new_pic_inline(shape_id, rel_id, filename, cx, cy)


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
