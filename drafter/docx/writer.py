"""Markdown tokens to a Word document in a municipality's house style.

The writer walks markdown-it's token stream with a table of rules keyed by token type,
as markdown-it's own HTML renderer does. Block rules open and close paragraphs, lists,
tables and containers; inline rules turn the children of an ``inline`` token into runs.
Raw OOXML that python-docx has no API for lives in :mod:`drafter.ooxml`.

Nothing may vanish on the way: a token type without a rule is an error, not a skip.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from markdown_it.token import Token

from drafter.docx import oxml as ooxml
from drafter.errors import TemplateError, problem_at
from drafter.text.markdown import container_name, parse
from drafter.docx.oxml import DocumentProperties, RunFormat, read_custom_properties  # noqa: F401

__all__ = ["DocumentProperties", "write_document", "read_custom_properties"]

# Container names with a meaning of their own; any other name is a paragraph style.
HEADERS_FOOTERS = {
    "förstasidhuvud": ("header", True),
    "sidhuvud": ("header", False),
    "förstasidfot": ("footer", True),
    "sidfot": ("footer", False),
}
COLUMNS = "kolumner"
COLUMN = "kolumn"
COLUMN_OPTIONS = {"höger": "right", "vänster": "left", "centrerad": "center"}
TEXT_ALIGN = {"text-align:left": "left", "text-align:center": "center",
              "text-align:right": "right"}
MAX_LIST_LEVEL = 8  # Word lists have levels 0–8
SIGNING_ROW = 567  # twips: 1 cm, room for a handwritten signature
# A container fence that ended up as paragraph text: an inner fence as long as the outer
# one closed the outer block early (the container plugin does not count nesting).
STRAY_FENCE = re.compile(r"^\s*:{3,}(\s|$)")
FENCE_RULE = ("Ett block inuti ett annat måste ha färre kolon än det yttre, t.ex. "
              "'::::: förstasidhuvud' runt ':::: kolumner' runt '::: kolumn'")


def write_document(markdown_text: str, *, style: Path, properties: DocumentProperties,
                   source: str | Path = "<markdown>") -> bytes:
    """The .docx bytes for ``markdown_text`` in the house style ``style``.

    The same arguments always give the same bytes. ``source`` names the Markdown in error
    messages. Raises :class:`~drafter.errors.TemplateError` for a style the house style
    lacks, a construct Word cannot hold, or a token type the writer does not know.
    """
    writer = _Writer(Path(style), str(source))
    writer.walk(parse(markdown_text))
    return writer.finish(properties)


# --- state ------------------------------------------------------------------------------

@dataclass
class _Story:
    """Where blocks go: the body, a header or footer, a footnote or a table cell."""

    element: etree._Element
    part: object  # the python-docx Part that owns relationships (hyperlinks) of this story
    kind: str  # "body", "header", "footer", "footnote", "cell"
    page_break: bool = False  # an hr asked for a page break before the next block
    footnote_mark: str | None = None  # footnote: first paragraph still needs its number


@dataclass
class _List:
    num_id: int
    level: int
    item_numbered: bool = False  # the current item's first paragraph carries the number


@dataclass
class _Columns:
    """An open ``::: kolumner``: each direct child block of it becomes one cell."""

    table: etree._Element
    row: etree._Element
    level: int  # token level of the container's open token
    cell_open: bool = False


@dataclass
class _Inline:
    bold: int = 0
    italic: int = 0
    target: etree._Element | None = None  # the paragraph, or a hyperlink inside it
    link_style: str | None = None

    def format(self, base_bold: bool) -> RunFormat:
        return RunFormat(bold=bool(self.bold) or base_bold, italic=bool(self.italic),
                         style=self.link_style)


# --- the writer -------------------------------------------------------------------------

class _Writer:
    def __init__(self, style_path: Path, source: str):
        self.style_path = style_path
        self.source = source
        try:
            self.document = docx.Document(str(style_path))
        except Exception:  # a missing or broken file: say which, in Swedish
            raise TemplateError([problem_at(style_path, "husstilen kan inte öppnas — är det en Word-fil (.docx), "
                                            "sparad i Word eller LibreOffice?")]) from None
        self.part = self.document.part
        self.section = self.document.sections[-1]
        body = self.document.element.body
        self.sectPr = body.find(ooxml.w("sectPr"))
        for child in list(body):
            body.remove(child)  # the house style's sample content; its sectPr is re-added last
        sizes = (self.section.page_width, self.section.left_margin, self.section.right_margin)
        # Text width in twips (python-docx gives EMU); A4 less 2 × 2.5 cm if the style is silent.
        self.text_width = (sizes[0] - sizes[1] - sizes[2]) // 635 if all(sizes) else 9070

        styles = self.document.styles.element
        self.styles = ooxml.StyleIndex(styles)
        self.footnote_text_style, self.footnote_ref_style = ooxml.ensure_footnote_styles(
            styles, self.styles)
        self.numbering = None  # created on the first list
        self.footnotes = ooxml.Footnotes(self.part, self.document.settings.element)

        self.stories = [_Story(body, self.part, "body")]
        self.para_styles: list[str | None] = [None]  # None: the house style's Normal
        self.aligns: list[str | None] = [None]
        self.lists: list[_List] = []
        self.columns: list[_Columns] = []
        self.closers: list[Callable[[], None]] = []  # one per open container
        self.tables: list[tuple[etree._Element, etree._Element | None]] = []  # (table, row)
        self.in_table_head = False
        self.bold_cell = False
        self.paragraph: etree._Element | None = None
        self.line = 1
        self.hf_used: dict[str, tuple[list[Token], int, int]] = {}  # name -> (tokens, start, end)
        self.hf_written: set[str] = set()

    # -- errors

    def error(self, message: str) -> TemplateError:
        return TemplateError([problem_at(self.source, message, line=self.line)])

    def paragraph_style(self, name: str) -> str:
        style_id = self.styles.find(name, "paragraph")
        if style_id is None:
            raise self.error(f"stilen '{name}' finns inte i husstilen {self.style_path.name}")
        return style_id

    # -- the walk

    def walk(self, tokens: list[Token], start: int = 0, end: int | None = None) -> None:
        end = len(tokens) if end is None else end
        idx = start
        while idx < end:
            token = tokens[idx]
            if token.map:
                self.line = token.map[0] + 1
            cols = self.columns[-1] if self.columns else None
            if cols and not cols.cell_open and token.level == cols.level + 1 and token.nesting >= 0:
                self.open_cell(cols)
            rule = BLOCK_RULES.get(token.type)
            if rule is None:
                raise self.error(f"okänd Markdown-konstruktion '{token.type}' kan inte skrivas")
            rule(self, tokens, idx)
            idx += 1
            cols = self.columns[-1] if self.columns else None
            if cols and cols.cell_open and token.level == cols.level + 1 and token.nesting <= 0:
                self.close_cell()

    @property
    def story(self) -> _Story:
        return self.stories[-1]

    def new_paragraph(self, style: str | None = None, *, in_list: bool = True,
                      align: str | None = None) -> etree._Element:
        story = self.story
        numbering = indent = None
        if style is None:
            style = self.para_styles[-1]
            if in_list and self.lists:
                current = self.lists[-1]
                style = self.styles.find("List Paragraph") or style
                if not current.item_numbered:
                    numbering = ooxml.ListNumbering(current.num_id, current.level)
                    current.item_numbered = True
                else:  # a later paragraph of the same item lines up with its text
                    indent = self.numbering.indent(current.level)
        p = ooxml.add_paragraph(story.element, style, align=align or self.aligns[-1],
                                numbering=numbering, indent_left=indent,
                                page_break_before=story.page_break)
        story.page_break = False
        if story.footnote_mark is not None:
            ooxml.add_footnote_mark(p, story.footnote_mark)
            story.footnote_mark = None
        self.paragraph = p
        return p

    def push_story(self, story: _Story) -> None:
        self.stories.append(story)

    def pop_story(self) -> None:
        story = self.stories.pop()
        if story.footnote_mark is not None:  # an empty footnote still shows its number
            self.stories.append(story)
            self.new_paragraph()
            self.stories.pop()
        ooxml.ensure_ends_with_paragraph(story.element)
        self.paragraph = None

    def block_start(self) -> etree._Element:
        """The story element a table goes into, honouring a pending page break.

        Two tables with nothing between them are one table to Word, so a table that
        follows another gets the same small closing paragraph a cell ends with."""
        story = self.story
        if story.page_break:
            ooxml.add_page_break(story.element)
            story.page_break = False
        if len(story.element) and ooxml._local(story.element[-1].tag) == "tbl":
            ooxml.add_closing_paragraph(story.element)
        return story.element

    # -- columns

    def open_cell(self, cols: _Columns) -> None:
        cell = ooxml.add_cell(cols.row)
        cols.cell_open = True
        self.push_story(_Story(cell, self.story.part, "cell"))
        self.aligns.append(self.aligns[-1])

    def close_cell(self) -> None:
        self.columns[-1].cell_open = False
        self.aligns.pop()
        self.pop_story()

    # -- inline

    def render_inline(self, token: Token) -> None:
        p = self.paragraph
        if p is None:  # inline outside a paragraph cannot come from markdown-it; be safe
            p = self.new_paragraph()
        state = _Inline(target=p)
        for child in token.children or ():
            rule = INLINE_RULES.get(child.type)
            if rule is None:
                raise self.error(f"okänd Markdown-konstruktion '{child.type}' kan inte skrivas")
            rule(self, child, state)

    def text(self, state: _Inline, text: str) -> None:
        try:
            ooxml.add_text(state.target, text, state.format(self.bold_cell))
        except ooxml.UnwritableCharacter as bad:
            raise self.error(f"texten innehåller tecknet {bad} som inte kan stå i ett "
                             "Word-dokument; ta bort det ur ärendefilen") from None

    # -- finishing

    def finish(self, props: DocumentProperties) -> bytes:
        # A first-page header or footer switches the first page to its own parts; a part
        # defined only for the following pages then applies to the first page too.
        for first, default in (("förstasidhuvud", "sidhuvud"), ("förstasidfot", "sidfot")):
            other = "förstasidfot" if first == "förstasidhuvud" else "förstasidhuvud"
            if (first in self.hf_used or other in self.hf_used) and default in self.hf_used \
                    and first not in self.hf_used:
                tokens, start, end = self.hf_used[default]
                self.open_header_footer(first)
                self.walk(tokens, start, end)
                self.closers.pop()()
        body = self.stories[0].element
        if len(body) == 0 or ooxml._local(body[-1].tag) == "tbl":
            ooxml.ensure_ends_with_paragraph(body)
        if self.sectPr is not None:
            body.append(self.sectPr)

        styles = self.document.styles.element
        ooxml.set_language(styles, props.language)
        ooxml.set_theme_language(self.document.settings.element, props.language)
        ooxml.set_core_properties(self.document, props)
        try:
            ooxml.set_custom_properties(self.document.part.package, props.custom)
        except ooxml.UnwritableCharacter as bad:
            raise self.error(f"en dokumentegenskap innehåller tecknet {bad}") from None
        buffer = io.BytesIO()
        self.document.save(buffer)
        return ooxml.repack(buffer.getvalue())

    # -- headers and footers

    def open_header_footer(self, name: str) -> None:
        kind, first_page = HEADERS_FOOTERS[name]
        section = self.section
        if first_page:
            section.different_first_page_header_footer = True
            part = section.first_page_header if kind == "header" else section.first_page_footer
        else:
            part = section.header if kind == "header" else section.footer
        if name not in self.hf_written:
            part.is_linked_to_previous = False  # creates the part if the style has none
            element = part._element
            for child in list(element):
                element.remove(child)
            self.hf_written.add(name)
        self.open_story(_Story(part._element, part.part, kind),
                        self.styles.find("Header" if kind == "header" else "Footer"))

    def open_story(self, story: _Story, style: str | None) -> None:
        """Write into ``story`` (a header, footer or footnote) until its container closes:
        its own paragraph style, and lists of the body neither continue nor end inside it."""
        self.push_story(story)
        self.para_styles.append(style)
        saved_lists, self.lists = self.lists, []

        def close() -> None:
            self.lists = saved_lists
            self.para_styles.pop()
            self.pop_story()

        self.closers.append(close)


# --- block rules --------------------------------------------------------------------------
# Each takes (writer, tokens, idx); containers look ahead through tokens for their end.

def _matching_close(tokens: list[Token], idx: int) -> int:
    level = tokens[idx].level
    for j in range(idx + 1, len(tokens)):
        if tokens[j].level == level and tokens[j].nesting == -1:
            return j
    return len(tokens)


def _ignore(wr: _Writer, tokens: list[Token], idx: int) -> None:
    pass


def _paragraph_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.new_paragraph()


def _paragraph_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.paragraph = None


def _inline(wr: _Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    if ":::" in token.content:
        for offset, line in enumerate(token.content.split("\n")):
            if STRAY_FENCE.match(line):
                if token.map:
                    wr.line = token.map[0] + 1 + offset
                raise wr.error(f"raden '{line.strip()}' hör inte till något block. " + FENCE_RULE)
    wr.render_inline(token)


def _heading_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    level = int(tokens[idx].tag[1:])
    wr.new_paragraph(wr.paragraph_style(f"Heading {level}"))


def _list_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    if wr.numbering is None:
        wr.numbering = ooxml.Numbering(ooxml.numbering_root(wr.part))
    level = min(len(wr.lists), MAX_LIST_LEVEL)
    start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else 1
    num_id = wr.numbering.new_list(ordered=token.type == "ordered_list_open", level=level,
                                   start=start)
    wr.lists.append(_List(num_id, level))


def _list_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.lists.pop()


def _list_item_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.lists[-1].item_numbered = False


def _list_item_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    current = wr.lists[-1]
    if not current.item_numbered:  # an empty item ("1." alone) still shows its number
        wr.new_paragraph()
        wr.paragraph = None


def _blockquote_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.para_styles.append(wr.paragraph_style("Quote"))


def _blockquote_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.para_styles.pop()


def _hr(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.story.page_break = True


def _code(wr: _Writer, tokens: list[Token], idx: int) -> None:
    """Code blocks, fences and (disabled, but never dropped) raw HTML: each line one
    paragraph, the text exactly as written."""
    content = tokens[idx].content
    if content.endswith("\n"):
        content = content[:-1]
    for line in content.split("\n"):
        state = _Inline(target=wr.new_paragraph())
        wr.text(state, line)
    wr.paragraph = None


def _table_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    parent = wr.block_start()
    style = wr.styles.find("Table Grid", "table")
    if style is None:
        raise wr.error(f"tabellstilen 'Table Grid' finns inte i husstilen {wr.style_path.name}")
    wr.tables.append((ooxml.add_table(parent, style=style, width=wr.text_width), None))


def _table_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    table, _ = wr.tables.pop()
    ooxml.finish_table(table, wr.text_width)


def _thead_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.in_table_head = True


def _thead_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.in_table_head = False


def _tr_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    table, _ = wr.tables[-1]
    # A body row with every cell empty is there to be written in by hand (the signature
    # fields of minutes): give it room for a signature.
    cells = tokens[idx + 1:_matching_close(tokens, idx)]
    empty = not wr.in_table_head and all(not t.content.strip() for t in cells if t.type == "inline")
    row = ooxml.add_row(table, header=wr.in_table_head, min_height=SIGNING_ROW if empty else None)
    wr.tables[-1] = (table, row)


def _cell_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    _, row = wr.tables[-1]
    wr.push_story(_Story(ooxml.add_cell(row), wr.story.part, "cell"))
    wr.bold_cell = token.type == "th_open"
    align = TEXT_ALIGN.get((token.attrGet("style") or "").replace(" ", ""))
    wr.new_paragraph(in_list=False, align=align)


def _cell_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.bold_cell = False
    wr.pop_story()


def _container_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    name = container_name(token)
    options = token.info.split()[1:]
    key = name.casefold()
    if key in HEADERS_FOOTERS:
        if len(wr.stories) != 1 or wr.lists or wr.columns:
            raise wr.error(f"'::: {name}' måste stå på översta nivån, inte inuti ett annat block")
        end = _matching_close(tokens, idx)
        wr.hf_used[key] = (tokens, idx + 1, end)
        wr.open_header_footer(key)
        return
    if key == COLUMNS:
        table = ooxml.add_table(wr.block_start(), style=None, width=wr.text_width,
                                layout_only=True)
        cols = _Columns(table, ooxml.add_row(table), token.level)
        wr.columns.append(cols)

        def close() -> None:
            wr.columns.pop()
            ooxml.finish_table(table, wr.text_width)

        wr.closers.append(close)
        return
    if key == COLUMN:
        cols = wr.columns[-1] if wr.columns else None
        if cols is None or not cols.cell_open or token.level != cols.level + 1:
            raise wr.error("'::: kolumn' får bara stå direkt inuti '::: kolumner'. " + FENCE_RULE)
        aligns = [COLUMN_OPTIONS[o.casefold()] for o in options if o.casefold() in COLUMN_OPTIONS]
        unknown = [o for o in options if o.casefold() not in COLUMN_OPTIONS]
        if unknown:
            raise wr.error(f"okänt val '{unknown[0]}' för '::: kolumn' (möjliga: "
                           + ", ".join(COLUMN_OPTIONS) + ")")
        wr.aligns.append(aligns[-1] if aligns else wr.aligns[-1])
        wr.closers.append(wr.aligns.pop)
        return
    # Any other name is a paragraph style of the house style.
    wr.para_styles.append(wr.paragraph_style(name))
    wr.closers.append(wr.para_styles.pop)


def _container_close(wr: _Writer, tokens: list[Token], idx: int) -> None:
    wr.closers.pop()()


def _footnote_open(wr: _Writer, tokens: list[Token], idx: int) -> None:
    if len(wr.stories) != 1:
        raise wr.error("fotnoter kan bara definieras på översta nivån")
    note = wr.footnotes.add(tokens[idx].meta["id"])
    wr.open_story(_Story(note, wr.footnotes.part, "footnote", footnote_mark=wr.footnote_ref_style),
                  wr.footnote_text_style)


BLOCK_RULES: dict[str, Callable[[_Writer, list[Token], int], None]] = {
    "paragraph_open": _paragraph_open,
    "paragraph_close": _paragraph_close,
    "inline": _inline,
    "heading_open": _heading_open,
    "heading_close": _paragraph_close,
    "bullet_list_open": _list_open,
    "bullet_list_close": _list_close,
    "ordered_list_open": _list_open,
    "ordered_list_close": _list_close,
    "list_item_open": _list_item_open,
    "list_item_close": _list_item_close,
    "blockquote_open": _blockquote_open,
    "blockquote_close": _blockquote_close,
    "hr": _hr,
    "code_block": _code,
    "fence": _code,
    "table_open": _table_open,
    "table_close": _table_close,
    "thead_open": _thead_open,
    "thead_close": _thead_close,
    "tbody_open": _ignore,
    "tbody_close": _ignore,
    "tr_open": _tr_open,
    "tr_close": _ignore,
    "th_open": _cell_open,
    "th_close": _cell_close,
    "td_open": _cell_open,
    "td_close": _cell_close,
    "container_del_open": _container_open,
    "container_del_close": _container_close,
    "footnote_block_open": _ignore,
    "footnote_block_close": _ignore,
    "footnote_open": _footnote_open,
    "footnote_close": _container_close,
    "footnote_anchor": _ignore,  # the "↩" back link of HTML output; no text of its own
}


# --- inline rules --------------------------------------------------------------------------

def _text(wr: _Writer, token: Token, state: _Inline) -> None:
    wr.text(state, token.content)


def _softbreak(wr: _Writer, token: Token, state: _Inline) -> None:
    wr.text(state, " ")


def _hardbreak(wr: _Writer, token: Token, state: _Inline) -> None:
    ooxml.add_line_break(state.target, state.format(wr.bold_cell))


def _em_open(wr: _Writer, token: Token, state: _Inline) -> None:
    state.italic += 1


def _em_close(wr: _Writer, token: Token, state: _Inline) -> None:
    state.italic -= 1


def _strong_open(wr: _Writer, token: Token, state: _Inline) -> None:
    state.bold += 1


def _strong_close(wr: _Writer, token: Token, state: _Inline) -> None:
    state.bold -= 1


def _link_open(wr: _Writer, token: Token, state: _Inline) -> None:
    href = token.attrGet("href") or ""
    if href.startswith(("http://", "https://", "mailto:")):
        rel_id = wr.story.part.relate_to(href, RT.HYPERLINK, is_external=True)
        state.target = ooxml.add_hyperlink(wr.paragraph, rel_id)
        state.link_style = wr.styles.find("Hyperlink", "character")
    # Other links (anchors, relative paths) mean nothing in a Word file: the text stays.


def _link_close(wr: _Writer, token: Token, state: _Inline) -> None:
    state.target = wr.paragraph
    state.link_style = None


def _image(wr: _Writer, token: Token, state: _Inline) -> None:
    wr.text(state, token.content)  # images are not embedded; their alternative text is kept


def _field(wr: _Writer, token: Token, state: _Inline) -> None:
    ooxml.add_field(state.target, token.meta["instruction"], state.format(wr.bold_cell))


def _footnote_ref(wr: _Writer, token: Token, state: _Inline) -> None:
    kind = wr.story.kind if wr.story.kind != "cell" else next(
        s.kind for s in reversed(wr.stories) if s.kind != "cell")
    if kind in ("header", "footer"):
        raise wr.error("fotnoter kan inte stå i sidhuvud eller sidfot")
    number = token.meta["id"]
    if kind == "footnote" or token.meta.get("subId", 0) > 0:
        # Word gives each note one reference; a second reference, or one inside a note,
        # shows the note's number as plain superscript.
        ooxml.add_text(state.target, str(number + 1),
                       RunFormat(style=wr.footnote_ref_style, superscript=True))
        return
    ooxml.add_footnote_reference(state.target, wr.footnotes.word_id(number),
                                 wr.footnote_ref_style)


def _code_inline(wr: _Writer, token: Token, state: _Inline) -> None:
    wr.text(state, token.content)


INLINE_RULES: dict[str, Callable[[_Writer, Token, _Inline], None]] = {
    "text": _text,
    "text_special": _text,
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "em_open": _em_open,
    "em_close": _em_close,
    "strong_open": _strong_open,
    "strong_close": _strong_close,
    "link_open": _link_open,
    "link_close": _link_close,
    "image": _image,
    "code_inline": _code_inline,
    "field": _field,
    "footnote_ref": _footnote_ref,
    "footnote_anchor": lambda wr, token, state: None,
}
