"""Tables: full-width grids, layout-only column tables, rows and cells."""

from __future__ import annotations

import copy
from functools import lru_cache

from lxml import etree

from drafter.docx.oxml.base import sub, w
from drafter.docx.oxml.runs import ensure_ends_with_paragraph

def add_table(parent: etree._Element, *, style: str | None, width: int,
              layout_only: bool = False) -> etree._Element:
    """A table over the full text width ``width`` (twips). ``layout_only`` tables
    (columns for letterheads and signatures) have no borders and no cell side margins,
    so that their text lines up with the page margins."""
    tbl = etree.SubElement(parent, w("tbl"))
    # A memo has several tables alike (the letterhead's columns): their properties are made
    # once and copied, five times faster than building them.
    tbl.append(copy.deepcopy(_table_properties(style, width, layout_only)))
    etree.SubElement(tbl, w("tblGrid"))
    return tbl


@lru_cache(maxsize=32)
def _table_properties(style: str | None, width: int, layout_only: bool) -> etree._Element:
    tblpr = etree.Element(w("tblPr"))
    if style:
        sub(tblpr, "tblStyle", val=style)
    sub(tblpr, "tblW", w=str(width), type="dxa")
    if layout_only:
        sub(tblpr, "tblInd", w="0", type="dxa")
        borders = sub(tblpr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(borders, side, val="nil")
    sub(tblpr, "tblLayout", type="fixed")
    if layout_only:
        margins = sub(tblpr, "tblCellMar")
        sub(margins, "left", w="0", type="dxa")
        sub(margins, "right", w="0", type="dxa")
        sub(tblpr, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="1", noVBand="1")
    else:
        sub(tblpr, "tblLook", val="0420", firstRow="1", lastRow="0", firstColumn="0",
             lastColumn="0", noHBand="1", noVBand="1")
    return tblpr


def add_row(tbl: etree._Element, *, header: bool = False, min_height: int | None = None) -> etree._Element:
    """A row; a header row is repeated at the top of each page the table runs over.
    ``min_height`` (twips) makes the row at least that tall."""
    tr = etree.SubElement(tbl, w("tr"))
    if header or min_height:
        trpr = etree.SubElement(tr, w("trPr"))
        sub(trpr, "cantSplit")
        if min_height:
            sub(trpr, "trHeight", val=str(min_height), hRule="atLeast")
        if header:
            sub(trpr, "tblHeader")
    return tr


def add_cell(tr: etree._Element) -> etree._Element:
    tc = etree.SubElement(tr, w("tc"))
    etree.SubElement(tc, w("tcPr"))  # tcW is filled in by finish_table
    return tc


def finish_table(tbl: etree._Element, width: int, widths: list[int] | None = None) -> None:
    """Give the table its columns over ``width`` twips, once all cells are known: ``widths``
    (one per column, from the content) or, without them, equal columns."""
    rows = tbl.findall(w("tr"))
    columns = max((len(tr.findall(w("tc"))) for tr in rows), default=0)
    if not rows or columns == 0:
        tc = add_cell(rows[0] if rows else add_row(tbl))
        etree.SubElement(tc, w("p"))
        columns = 1
    if widths is None or len(widths) != columns:
        widths = [width // columns] * columns
    grid = tbl.find(w("tblGrid"))
    for column_width in widths:
        sub(grid, "gridCol", w=str(column_width))
    for tr in tbl.iterfind(w("tr")):
        cells = tr.findall(w("tc"))
        for tc, column_width in zip(cells, widths):
            tcpr = tc.find(w("tcPr"))
            tcpr.insert(0, tcpr.makeelement(w("tcW"), {w("w"): str(column_width), w("type"): "dxa"}))
            ensure_ends_with_paragraph(tc)
        # A short row (possible in hand-written columns) is padded so the grid stays whole.
        for column_width in widths[len(cells):]:
            pad = add_cell(tr)
            pad[0].append(pad.makeelement(w("tcW"), {w("w"): str(column_width), w("type"): "dxa"}))
            etree.SubElement(pad, w("p"))

