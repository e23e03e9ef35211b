"""Styles of the house style: finding them by name, adding footnote styles, the document language and number format."""

from __future__ import annotations

from lxml import etree

from drafter.docx.oxml.base import RPR_ORDER, SETTINGS_ORDER, get_or_add, sub, w

class StyleIndex:
    """Styles of a styles.xml, found case-insensitively by name or id.

    Word stores "heading 1" where LibreOffice stores "Heading 1", and templates may name a
    style by what the user sees or by its id; all of these find the same style.
    """

    def __init__(self, styles: etree._Element):
        self.element = styles  # to read: a memo's styles are the house style's, unchanged
        self._sizes: dict[str | None, int] = {}  # font sizes, worked out once per house style
        self._by_name: dict[tuple[str, str], str] = {}
        self._by_id: dict[tuple[str, str], str] = {}
        for style in styles.iterfind(w("style")):
            kind = style.get(w("type"), "paragraph")
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            name = style.find(w("name"))
            if name is not None and name.get(w("val")):
                self._by_name.setdefault((kind, name.get(w("val")).casefold()), style_id)
            self._by_id.setdefault((kind, style_id.casefold()), style_id)

    def find(self, name: str, kind: str = "paragraph") -> str | None:
        key = (kind, name.strip().casefold())
        return self._by_name.get(key) or self._by_id.get(key)

    def font_size(self, style_id: str | None) -> int:
        """The font size in half-points of ``style_id`` (see :func:`font_size`)."""
        if style_id not in self._sizes:
            self._sizes[style_id] = font_size(self.element, style_id)
        return self._sizes[style_id]

    def add(self, name: str, style_id: str, kind: str) -> None:
        self._sizes = {}  # a new style: sizes are worked out again
        self._by_name[(kind, name.casefold())] = style_id
        self._by_id[(kind, style_id.casefold())] = style_id


def font_size(styles: etree._Element, style_id: str | None) -> int:
    """The font size in half-points of ``style_id``, through its basedOn chain and the document
    defaults (Word's 10 pt when nothing says)."""
    by_id = {s.get(w("styleId")): s for s in styles.iterfind(w("style"))}
    seen = set()
    while style_id and style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        size = style.find(f"{w('rPr')}/{w('sz')}")
        if size is not None and (size.get(w("val")) or "").isdigit():
            return int(size.get(w("val")))
        based = style.find(w("basedOn"))
        style_id = based.get(w("val")) if based is not None else None
    size = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    if size is not None and (size.get(w("val")) or "").isdigit():
        return int(size.get(w("val")))
    return 20


def ensure_footnote_styles(styles: etree._Element, index: StyleIndex) -> tuple[str, str]:
    """Ids of the footnote text and footnote reference styles, added when the house style
    lacks them (the reference must be superscript or the numbers look like body text)."""
    text_id = index.find("footnote text", "paragraph")
    if text_id is None:
        text_id = "FootnoteText"
        style = _new_style(styles, "paragraph", text_id, "footnote text")
        sub(style, "basedOn", val="Normal")
        sub(style, "uiPriority", val="99")
        sub(style, "unhideWhenUsed")
        ppr = sub(style, "pPr")
        sub(ppr, "spacing", after="0", line="240", lineRule="auto")
        rpr = sub(style, "rPr")
        sub(rpr, "sz", val="20")
        sub(rpr, "szCs", val="20")
        index.add("footnote text", text_id, "paragraph")
    ref_id = index.find("footnote reference", "character")
    if ref_id is None:
        ref_id = "FootnoteReference"
        style = _new_style(styles, "character", ref_id, "footnote reference")
        sub(style, "uiPriority", val="99")
        sub(style, "unhideWhenUsed")
        sub(sub(style, "rPr"), "vertAlign", val="superscript")
        index.add("footnote reference", ref_id, "character")
    return text_id, ref_id


def _new_style(styles: etree._Element, kind: str, style_id: str, name: str) -> etree._Element:
    style = sub(styles, "style", type=kind, styleId=style_id)
    sub(style, "name", val=name)
    return style


def set_language(styles: etree._Element, language: str) -> None:
    """Make ``language`` the language of all text: in the document defaults, and in every
    style that names a language of its own (spelling and hyphenation follow it)."""
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    get_or_add(rpr, "lang", RPR_ORDER)
    for lang in styles.iter(w("lang")):
        lang.set(w("val"), language)


def set_theme_language(settings: etree._Element, language: str) -> None:
    get_or_add(settings, "themeFontLang", SETTINGS_ORDER).set(w("val"), language)



def set_number_separators(settings: etree._Element, *, decimal: str, list_separator: str) -> None:
    """The decimal symbol and list separator Word uses in fields and tables ("," and ";" in Swedish)."""
    get_or_add(settings, "decimalSymbol", SETTINGS_ORDER).set(w("val"), decimal)
    get_or_add(settings, "listSeparator", SETTINGS_ORDER).set(w("val"), list_separator)
