"""List numbering: bullet and decimal definitions in numbering.xml, one w:num per list."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import parse_xml
from lxml import etree

from drafter.docx.oxml.base import NUMBERING_ORDER, W_NS, insert_in_order, sub, w

class Numbering:
    """List definitions in numbering.xml.

    One abstract definition for bullets and one for "1." numbering, found by name so a
    house style may restyle them; each list in the document gets a ``w:num`` of its own
    with a start override, because lists sharing a num continue each other's numbering.
    """

    BULLETS = "drafter punktlista"
    NUMBERS = "drafter numrerad lista"
    STEP = 360  # indent per level, twips (0.635 cm)
    _BULLET_CHARS = ("\u2022", "\u2013")  # • and –, alternating by level

    def __init__(self, numbering: etree._Element):
        self._root = numbering
        abstract = {}
        for node in numbering.iterfind(w("abstractNum")):
            name = node.find(w("name"))
            if name is not None:
                abstract.setdefault(name.get(w("val")), node.get(w("abstractNumId")))
        self._abstract_ids = abstract
        self._next_num = 1 + max(
            (int(n.get(w("numId"))) for n in numbering.iterfind(w("num"))), default=0)

    def indent(self, level: int) -> int:
        return self.STEP * (level + 1)

    def _abstract_id(self, ordered: bool) -> str:
        name = self.NUMBERS if ordered else self.BULLETS
        if name not in self._abstract_ids:
            used = [int(n.get(w("abstractNumId"))) for n in self._root.iterfind(w("abstractNum"))]
            new_id = str(1 + max(used, default=-1))
            insert_in_order(self._root, abstract_num(new_id, name, ordered, self.STEP),
                            NUMBERING_ORDER)
            self._abstract_ids[name] = new_id
        return self._abstract_ids[name]

    def new_list(self, *, ordered: bool, level: int, start: int = 1) -> int:
        """A fresh ``w:num`` that (re)starts at ``start`` on ``level``; returns its numId."""
        abstract_id = self._abstract_id(ordered)
        num_id = self._next_num
        self._next_num += 1
        num = self._root.makeelement(w("num"), {w("numId"): str(num_id)})
        sub(num, "abstractNumId", val=abstract_id)
        override = sub(num, "lvlOverride", ilvl=str(level))
        sub(override, "startOverride", val=str(start))
        insert_in_order(self._root, num, NUMBERING_ORDER)
        return num_id


def numbering_root(document_part) -> etree._Element:
    """The w:numbering element of the document, creating /word/numbering.xml when the house
    style has none (python-docx cannot: its NumberingPart.new() is not implemented)."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return document_part.part_related_by(RT.NUMBERING).element
    from docx.parts.numbering import NumberingPart

    root = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'.encode())
    part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, root,
                         document_part.package)
    document_part.relate_to(part, RT.NUMBERING)
    return root


def abstract_num(abstract_id: str, name: str, ordered: bool, step: int) -> etree._Element:
    """Nine levels of bullets or of decimal numbers ("1.", nested "1." …) with hanging
    indents of ``step`` twips per level."""
    node = etree.Element(w("abstractNum"), {w("abstractNumId"): abstract_id})
    sub(node, "multiLevelType", val="hybridMultilevel")
    sub(node, "name", val=name)
    for level in range(9):
        lvl = sub(node, "lvl", ilvl=str(level))
        sub(lvl, "start", val="1")
        if ordered:
            sub(lvl, "numFmt", val="decimal")
            sub(lvl, "lvlText", val=f"%{level + 1}.")
        else:
            sub(lvl, "numFmt", val="bullet")
            sub(lvl, "lvlText", val=Numbering._BULLET_CHARS[level % 2])
        sub(lvl, "lvlJc", val="left")
        ppr = sub(lvl, "pPr")
        sub(ppr, "ind", left=str(step * (level + 1)), hanging=str(step))
    return node

