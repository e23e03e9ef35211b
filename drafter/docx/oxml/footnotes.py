"""The footnotes part: separator notes kept from the house style, real notes added in order."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

from drafter.docx.oxml.base import R_NS, SETTINGS_ORDER, W_NS, insert_in_order, sub, w

_FOOTNOTES_XML = f"""<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


class Footnotes:
    """The footnotes part (/word/footnotes.xml) of a document, created on first use.

    A house style may already have one: its separator notes are kept (found by w:type,
    since Word numbers them -1/0 and LibreOffice 0/1) and any real notes are dropped.
    Real notes get ids above the separators'.
    """

    def __init__(self, document_part: Part, settings: etree._Element):
        self._document_part = document_part
        self._settings = settings
        self._part: XmlPart | None = None
        self._first_id = 1

    @property
    def part(self) -> XmlPart:
        return self.ensure_part()

    def ensure_part(self) -> XmlPart:
        """The footnotes part, created with its separator notes when first needed."""
        if self._part is None:
            self._part = self._create()
        return self._part

    def _create(self) -> XmlPart:
        root = None
        partname = PackURI("/word/footnotes.xml")
        for rel_id, rel in list(self._document_part.rels.items()):
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                old = rel.target_part
                root = parse_xml(old.blob)
                partname = old.partname
                self._document_part.drop_rel(rel_id)
        if root is None or not any(n.get(w("type")) for n in root.iterfind(w("footnote"))):
            root = parse_xml(_FOOTNOTES_XML.encode())
        for note in root.findall(w("footnote")):
            if note.get(w("type")) in (None, "normal"):
                root.remove(note)
        separator_ids = [int(n.get(w("id"))) for n in root.iterfind(w("footnote"))]
        self._first_id = max(separator_ids, default=0) + 1
        part = XmlPart(partname, CT.WML_FOOTNOTES, root, self._document_part.package)
        self._document_part.relate_to(part, RT.FOOTNOTES)
        # settings.xml names the separator notes; Word wants this when footnotes exist.
        old_pr = self._settings.find(w("footnotePr"))
        if old_pr is not None:
            self._settings.remove(old_pr)
        footnote_pr = self._settings.makeelement(w("footnotePr"), {})
        for note in root.iterfind(w("footnote")):
            sub(footnote_pr, "footnote", id=note.get(w("id")))
        insert_in_order(self._settings, footnote_pr, SETTINGS_ORDER)
        return part

    def word_id(self, number: int) -> int:
        """The w:id of the note numbered ``number`` (0, 1, … in order of first reference)."""
        self.ensure_part()  # creating the part fixes the id base
        return self._first_id + number

    def add(self, number: int) -> etree._Element:
        """A new empty w:footnote; append paragraphs to it."""
        return sub(self.part.element, "footnote", id=str(self.word_id(number)))

