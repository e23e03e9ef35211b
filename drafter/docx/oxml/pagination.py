"""Pagination: keep-with-next chains that hold the closing block together, and room reserved for footers.

Word and LibreOffice both honour ``w:keepNext`` on a paragraph (also when a table follows it)
and ``w:cantSplit`` on a row, so the closing block of a memo — the last paragraph of text, the
signatures, the approval and the distribution list — is chained with them and moves to the next
page as a whole. LibreOffice does not keep a *table* with the paragraph after it, so a closing
block with a table inside it (signatures side by side, then an approval) is put whole into one
unsplittable row of a borderless layout table.

Both programs let a footer taller than the bottom margin grow into the text area, but
LibreOffice then lays footnotes over the footer; the bottom margin is therefore made tall
enough for the tallest footer, measured from its lines.
"""

from __future__ import annotations

from lxml import etree

from drafter.docx.oxml.base import PPR_ORDER, get_or_add, local_name, w
from drafter.docx.oxml.tables import add_cell, add_row, add_table, finish_table

TWIPS_PER_POINT = 20
LINE_FACTOR = 1.15  # a line of text is about 1.15 times its font size (Word's and LibreOffice's fonts)
SHORT_LIST = 6  # items: a list this short before the closing block is kept with it whole
FOOTER_GAP = 284  # twips (0.5 cm) between the text area and the top of the footer


# --- the closing block ------------------------------------------------------------------------

_PPR, _PSTYLE, _VAL, _T = w("pPr"), w("pStyle"), w("val"), w("t")


def _style(p: etree._Element) -> str | None:
    # iterchildren() rather than find(): find() goes through ElementPath, four times slower here.
    for ppr in p.iterchildren(_PPR):
        for style in ppr.iterchildren(_PSTYLE):
            return style.get(_VAL)
        return None
    return None


def _has_text(element: etree._Element) -> bool:
    return any(t.text for t in element.iter(_T))


def _is_closing(element: etree._Element, closing: set[str]) -> bool:
    """A paragraph in a closing style, or a table whose every written paragraph is one (the
    signatures side by side)."""
    name = local_name(element.tag)
    if name == "p":
        return _style(element) in closing
    if name == "tbl":
        written = [p for p in element.iter(w("p")) if _has_text(p)]
        return bool(written) and all(_style(p) in closing for p in written)
    return False


def _unsplit(rows: list[etree._Element]) -> None:
    """Keep each row on one page."""
    for tr in rows:
        trpr = tr.find(w("trPr"))
        if trpr is None:  # after a w:tblPrEx, before the cells
            trpr = etree.Element(w("trPr"))
            tr.insert(1 if tr.find(w("tblPrEx")) is not None else 0, trpr)
        if trpr.find(w("cantSplit")) is None:
            trpr.insert(0, etree.Element(w("cantSplit")))


def _keep_with_next(element: etree._Element, whole: bool = True) -> None:
    """Keep a paragraph with what follows; or a table, its rows unsplit: every row (``whole``)
    or only its last (a table of text before the closing block need not move as a whole)."""
    if local_name(element.tag) == "tbl":
        rows = element.findall(w("tr"))
        rows = rows if whole else rows[-1:]
        _unsplit(rows)
        paragraphs = [p for tr in rows for p in tr.iter(w("p"))]
    else:
        paragraphs = [element]
    for p in paragraphs:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        get_or_add(ppr, "keepNext", PPR_ORDER)


def _numbering(element: etree._Element) -> str | None:
    num_id = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
    return num_id.get(w("val")) if num_id is not None else None


def _list_start(children: list[etree._Element], index: int) -> int:
    """The first item of a short list ending at ``index`` (a list of decision bases or
    attachments moves as a whole rather than leave its last item behind); ``index`` itself
    when it is not a list item or the list is long."""
    num_id = _numbering(children[index]) if local_name(children[index].tag) == "p" else None
    if num_id is None:
        return index
    first = index
    while first > 0 and local_name(children[first - 1].tag) == "p" \
            and _numbering(children[first - 1]) == num_id:
        first -= 1
    return first if index - first < SHORT_LIST else index


def _in_one_row(run: list[etree._Element], width: int) -> etree._Element:
    """Move ``run`` into the single unsplittable cell of a new layout table (no borders, no
    header row, so it reads as layout) standing where the run stood."""
    table = add_table(etree.Element(w("body")), style=None, width=width, layout_only=True)
    row = add_row(table)
    etree.SubElement(row, w("trPr")).append(etree.Element(w("cantSplit")))
    cell = add_cell(row)
    run[0].addprevious(table)
    for element in run:
        cell.append(element)
    finish_table(table, width)
    return table


def keep_closing_together(body: etree._Element, closing: set[str], headings: set[str], width: int) -> None:
    """Chain each run of closing elements (paragraphs in the ``closing`` styles, tables of them)
    to the last paragraph of text before it, through any ``headings`` in between, so that
    signatures, approval and distribution are never alone on a page. A run with a table
    before its end is first put into one unsplittable row (``width``: the text width, twips).

    Empty paragraphs (the small one after a table) inside a run belong to it."""
    children = list(body.iterchildren(w("p"), w("tbl")))
    i = 0
    while i < len(children):
        if not _is_closing(children[i], closing):
            i += 1
            continue
        end = i
        while end + 1 < len(children) and (
                _is_closing(children[end + 1], closing)
                or (local_name(children[end + 1].tag) == "p" and not _has_text(children[end + 1])
                    and end + 2 < len(children) and _is_closing(children[end + 2], closing))):
            end += 1
        start = i
        while start > 0 and local_name(children[start - 1].tag) == "p" and (
                _style(children[start - 1]) in headings or not _has_text(children[start - 1])):
            start -= 1
        if start > 0:
            start -= 1  # the last paragraph (or table) of text before the block
            start = _list_start(children, start)
        run = children[i:end + 1]
        for table in (element for element in run if local_name(element.tag) == "tbl"):
            _unsplit(table.findall(w("tr")))  # a signature never split over two pages
        if any(local_name(element.tag) == "tbl" for element in run[:-1]):
            for element in run[:-1]:
                _keep_with_next(element)
            children[i:end + 1] = [_in_one_row(run, width)]
            end = i
        for element in children[start:end]:
            _keep_with_next(element, whole=element is not children[start] or _is_closing(element, closing))
        i = end + 1


# --- room for the footer ----------------------------------------------------------------------

def _paragraph_height(p: etree._Element, line: int) -> int:
    if not _has_text(p) and p.find(f".//{w('br')}") is None:
        return 0  # an empty paragraph (the 1 pt one after a table) takes next to no room
    breaks = sum(1 for br in p.iter(w("br")) if br.get(w("type")) in (None, "textWrapping"))
    return (1 + breaks) * line


def _story_height(story: etree._Element, line: int) -> int:
    """Twips a header or footer story needs: its paragraphs' lines and its table rows (a row is
    as tall as its tallest cell, or its own minimum height)."""
    height = 0
    for child in story:
        name = local_name(child.tag)
        if name == "p":
            height += _paragraph_height(child, line)
        elif name == "tbl":
            for tr in child.iterfind(w("tr")):
                minimum = tr.find(f"{w('trPr')}/{w('trHeight')}")
                row = int(minimum.get(w("val"), "0")) if minimum is not None else 0
                for tc in tr.iterfind(w("tc")):
                    row = max(row, _story_height(tc, line))
                height += row
    return height


def reserve_footer_room(sect_pr: etree._Element, footers: list[etree._Element], font_size: int) -> None:
    """Make the bottom margin of ``sect_pr`` hold the tallest of ``footers`` (footer roots, whose
    text is ``font_size`` half-points) above the footer distance, with a small gap to the text;
    a margin already tall enough is left as it is."""
    margins = sect_pr.find(w("pgMar"))
    if margins is None or not footers:
        return
    line = round(font_size / 2 * TWIPS_PER_POINT * LINE_FACTOR)
    tallest = max(_story_height(footer, line) for footer in footers)
    if tallest == 0:
        return
    distance = int(margins.get(w("footer"), "709"))
    needed = distance + tallest + FOOTER_GAP
    if needed > abs(int(margins.get(w("bottom"), "0"))):
        margins.set(w("bottom"), str(needed))

