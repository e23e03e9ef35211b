"""Paragraphs and runs built straight on the XML: text, breaks, fields, hyperlinks, footnote marks."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from drafter.docx.oxml.base import R_NS, XML_SPACE, check_text, local_name, sub, w

# NamedTuples rather than frozen dataclasses: the same use, a tenth of the import time (a
# frozen dataclass costs some 0.4 ms to define; cold start counts).


class RunFormat(NamedTuple):
    """Direct formatting of a run; ``style`` is a character style id."""

    bold: bool = False
    italic: bool = False
    style: str | None = None
    superscript: bool = False


PLAIN = RunFormat()


# Formatting elements (w:rPr, w:pPr) are built once for each set of values and copied: a
# memo repeats a few of them many times, and copying is two to three times faster.

def _run(parent: etree._Element, fmt: RunFormat) -> etree._Element:
    r = etree.SubElement(parent, w("r"))
    if fmt != PLAIN:
        r.append(copy.deepcopy(_run_properties(fmt)))
    return r


@lru_cache(maxsize=64)
def _run_properties(fmt: RunFormat) -> etree._Element:
    rpr = etree.Element(w("rPr"))  # children in schema order
    if fmt.style:
        sub(rpr, "rStyle", val=fmt.style)
    if fmt.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if fmt.italic:
        sub(rpr, "i")
        sub(rpr, "iCs")
    if fmt.superscript:
        sub(rpr, "vertAlign", val="superscript")
    return rpr


def add_text(parent: etree._Element, text: str, fmt: RunFormat = PLAIN) -> None:
    """Append ``text`` as one run; tabs become ``w:tab`` so they survive in Word."""
    if not text:
        return
    check_text(text)
    r = _run(parent, fmt)
    for i, piece in enumerate(text.split("\t")):
        if i:
            etree.SubElement(r, w("tab"))
        if piece:
            t = etree.SubElement(r, w("t"))
            t.text = piece
            if piece[0] == " " or piece[-1] == " " or "  " in piece:
                t.set(XML_SPACE, "preserve")


def add_line_break(parent: etree._Element, fmt: RunFormat = PLAIN) -> None:
    etree.SubElement(_run(parent, fmt), w("br"))


def add_field(parent: etree._Element, instruction: str, fmt: RunFormat = PLAIN,
              placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES, …): Word and LibreOffice replace the placeholder
    result with the real value when they lay out the page."""
    parent.extend(copy.deepcopy(_field_runs(instruction, fmt, placeholder)))


@lru_cache(maxsize=16)
def _field_runs(instruction: str, fmt: RunFormat, placeholder: str) -> list[etree._Element]:
    """The five runs of a field (copied for each use: a letterhead has several page fields)."""
    runs = etree.Element(w("p"))
    sub(_run(runs, fmt), "fldChar", fldCharType="begin")
    instr = etree.SubElement(_run(runs, fmt), w("instrText"))
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    sub(_run(runs, fmt), "fldChar", fldCharType="separate")
    etree.SubElement(_run(runs, fmt), w("t")).text = placeholder
    sub(_run(runs, fmt), "fldChar", fldCharType="end")
    return list(runs)


def add_footnote_reference(parent: etree._Element, footnote_id: int, style: str | None) -> None:
    """The superscript number in the text that points at footnote ``footnote_id``."""
    sub(_run(parent, RunFormat(style=style)), "footnoteReference", id=str(footnote_id))


def add_footnote_mark(parent: etree._Element, style: str | None) -> None:
    """The number at the start of the footnote itself, followed by a space."""
    etree.SubElement(_run(parent, RunFormat(style=style)), w("footnoteRef"))
    add_text(parent, " ")


def add_hyperlink(paragraph: etree._Element, rel_id: str) -> etree._Element:
    """An external hyperlink; runs appended to the returned element are its text."""
    link = etree.SubElement(paragraph, w("hyperlink"))
    link.set(f"{{{R_NS}}}id", rel_id)
    link.set(w("history"), "1")
    return link


class ListNumbering(NamedTuple):
    num_id: int
    level: int


def add_paragraph(parent: etree._Element, style: str | None = None, *,
                  align: str | None = None, numbering: ListNumbering | None = None,
                  indent_left: int | None = None, page_break_before: bool = False,
                  keep_next: bool = False) -> etree._Element:
    """Append a w:p. ``align`` is a w:jc value ("left", "center", "right", "both");
    ``indent_left`` is in twentieths of a point."""
    p = etree.SubElement(parent, w("p"))
    if style or align or numbering or indent_left is not None or page_break_before or keep_next:
        p.append(copy.deepcopy(_paragraph_properties(style, align, numbering, indent_left,
                                                     page_break_before, keep_next)))
    return p


@lru_cache(maxsize=256)
def _paragraph_properties(style: str | None, align: str | None, numbering: ListNumbering | None,
                          indent_left: int | None, page_break_before: bool, keep_next: bool) -> etree._Element:
    ppr = etree.Element(w("pPr"))  # children appended in schema order
    if style:
        sub(ppr, "pStyle", val=style)
    if keep_next:
        sub(ppr, "keepNext")
    if page_break_before:
        sub(ppr, "pageBreakBefore")
    if numbering:
        numpr = sub(ppr, "numPr")
        sub(numpr, "ilvl", val=str(numbering.level))
        sub(numpr, "numId", val=str(numbering.num_id))
    if indent_left is not None:
        sub(ppr, "ind", left=str(indent_left))
    if align:
        sub(ppr, "jc", val=align)
    return ppr


def add_page_break(parent: etree._Element) -> etree._Element:
    """A paragraph holding only a page break (used where pageBreakBefore cannot go)."""
    p = etree.SubElement(parent, w("p"))
    sub(etree.SubElement(p, w("r")), "br", type="page")
    return p


def add_closing_paragraph(parent: etree._Element) -> etree._Element:
    """Word requires every story (body, cell, header, footnote) to end with a paragraph.
    After a table this one is made 1 pt high so that it takes no visible room."""
    p = copy.deepcopy(_CLOSING_PARAGRAPH)  # a memo has ten or so: copied, not built each time
    parent.append(p)
    return p


def _closing_paragraph() -> etree._Element:
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    sub(ppr, "spacing", before="0", after="0", line="240", lineRule="auto")
    rpr = etree.SubElement(ppr, w("rPr"))
    sub(rpr, "sz", val="2")
    sub(rpr, "szCs", val="2")
    return p


_CLOSING_PARAGRAPH = _closing_paragraph()


def ensure_ends_with_paragraph(parent: etree._Element) -> None:
    last = local_name(parent[-1].tag) if len(parent) else None
    if last == "tbl":
        add_closing_paragraph(parent)
    elif last != "p":
        etree.SubElement(parent, w("p"))  # an empty story or cell

