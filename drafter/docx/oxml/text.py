"""Reading text back out of WordprocessingML: stories, paragraphs, fields, sections and styles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from drafter.docx.oxml.base import R_NS, w

PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}
_CONTAINERS = {w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"), w("customXml")}
_R_ID = f"{{{R_NS}}}id"


def paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs of a story in reading order, descending into tables row by row."""
    for child in element.iterchildren():
        if child.tag == w("p"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from paragraphs(child)


def is_page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in PAGE_FIELDS


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text: runs, tabs and breaks; fields as their result, page numbers as 1."""
    out: list[str] = []
    fields: list[dict] = []  # open complex fields: instruction and phase

    def walk(node) -> None:
        for child in node.iterchildren():
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append({"instr": "", "result": False})
                elif kind == "separate" and fields:
                    fields[-1]["result"] = True
                    if is_page_field(fields[-1]["instr"]):
                        out.append("1")
                elif kind == "end" and fields:
                    field_ = fields.pop()
                    if not field_["result"] and is_page_field(field_["instr"]):
                        out.append("1")
            elif tag == w("instrText"):
                if fields:
                    fields[-1]["instr"] += child.text or ""
            elif tag == w("fldSimple"):
                if is_page_field(child.get(w("instr")) or ""):
                    out.append("1")
                else:
                    walk(child)
            elif tag in (w("del"), w("pPr"), w("rPr")):
                continue
            elif tag == w("t"):
                if not (fields and is_page_field(fields[-1]["instr"])):
                    out.append(child.text or "")
            elif tag == w("tab"):
                out.append("\t")
            elif tag in (w("br"), w("cr")):
                out.append("\n")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(out)


def paragraph_style(paragraph: etree._Element) -> str | None:
    """The style id of a paragraph, if it names one."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val")) if style is not None else None


def style_names(styles: etree._Element | None) -> dict[str, str]:
    """Style id -> style name of a styles.xml root (the last definition of an id wins)."""
    result: dict[str, str] = {}
    if styles is None:
        return result
    for style in styles.iterfind(w("style")):
        name = style.find(w("name"))
        result[style.get(w("styleId")) or ""] = (name.get(w("val")) or "") if name is not None else ""
    return result


def body(document: etree._Element) -> etree._Element | None:
    """The w:body of a document.xml root (None when there is none)."""
    return document.find(w("body"))


@dataclass(frozen=True)
class SectionLinks:
    """The header and footer relationships of one section, by kind and type."""

    first_page: bool
    refs: dict[tuple[str, str], str]  # ("header" | "footer", "default" | "first" | "even") -> rId


def sections(body_element: etree._Element) -> list[SectionLinks]:
    """The sections of a body in order: those ending at a paragraph, then the body's last."""
    found = [p for p in body_element.iter(w("sectPr"))]
    result = []
    for sect in found:
        refs = {}
        for kind in ("header", "footer"):
            for ref in sect.iterfind(w(f"{kind}Reference")):
                refs[(kind, ref.get(w("type")) or "default")] = ref.get(_R_ID) or ""
        title_pg = sect.find(w("titlePg"))
        on = title_pg is not None and (title_pg.get(w("val")) or "true").lower() not in ("0", "false", "off")
        result.append(SectionLinks(on, refs))
    return result
