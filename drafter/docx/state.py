"""Writer state: the document being written, the story blocks go into, and open lists, tables and containers.

The rules (:mod:`drafter.docx.blocks`, :mod:`drafter.docx.inlines`) change this state one
Markdown token at a time; :meth:`Writer.finish` turns it into the package's parts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, NamedTuple

from lxml import etree
from markdown_it.token import Token

from drafter.docx import oxml
from drafter.docx.oxml import DocumentProperties, RunFormat
from drafter.docx.oxml.parts import serialise
from drafter.errors import TemplateError, problem_at

# Container names with a meaning of their own; any other name is a paragraph style.
HEADERS_FOOTERS = {
    "förstasidhuvud": ("header", True),
    "sidhuvud": ("header", False),
    "förstasidfot": ("footer", True),
    "sidfot": ("footer", False),
}
# The paragraph styles of a memo's closing block (signatures, approval, distribution): kept
# together with the last paragraph of text before them.
CLOSING_STYLES = ("Underskrift", "Sändlista")


# --- state ------------------------------------------------------------------------------

# Plain classes and a NamedTuple rather than dataclasses: a dataclass costs 0.2–0.4 ms to
# define, and these five made this module the slowest of the writer to import (cold start).

class Story:
    """Where blocks go: the body, a header or footer, a footnote or a table cell."""

    __slots__ = ("element", "part", "kind", "page_break", "footnote_mark")

    def __init__(self, element: etree._Element, part: object, kind: str, *,
                 footnote_mark: str | None = None):
        self.element = element
        self.part = part  # the python-docx Part that owns relationships (hyperlinks) of this story
        self.kind = kind  # "body", "header", "footer", "footnote", "cell"
        self.page_break = False  # an hr asked for a page break before the next block
        self.footnote_mark = footnote_mark  # footnote: first paragraph still needs its number


class Picture(NamedTuple):
    """An image to place (the town's logo): PNG bytes, width in centimetres, alt text."""

    data: bytes
    width_cm: float
    alt: str


class ListLevel:
    """An open list: its w:num and level."""

    __slots__ = ("num_id", "level", "item_numbered")

    def __init__(self, num_id: int, level: int):
        self.num_id = num_id
        self.level = level
        self.item_numbered = False  # the current item's first paragraph carries the number


class Columns:
    """An open ``::: kolumner``: each direct child block of it becomes one cell."""

    __slots__ = ("table", "row", "level", "cell_open")

    def __init__(self, table: etree._Element, row: etree._Element, level: int):
        self.table = table
        self.row = row
        self.level = level  # token level of the container's open token
        self.cell_open = False


class InlineState:
    """Emphasis depth and where runs go, within one inline token."""

    __slots__ = ("bold", "italic", "target", "link_style")

    def __init__(self, target: etree._Element):
        self.bold = 0
        self.italic = 0
        self.target = target  # the paragraph, or a hyperlink inside it
        self.link_style: str | None = None

    def format(self, base_bold: bool) -> RunFormat:
        return RunFormat(bold=bool(self.bold) or base_bold, italic=bool(self.italic),
                         style=self.link_style)


# --- the writer -------------------------------------------------------------------------

BlockRule = Callable[["Writer", list[Token], int], None]
InlineRule = Callable[["Writer", Token, "InlineState"], None]


class Writer:
    """One document being written from one Markdown token stream."""

    def __init__(self, document, styles_index: oxml.StyleIndex, style_path: Path, source: str,
                 block_rules: dict[str, BlockRule], inline_rules: dict[str, InlineRule],
                 logo: Picture | None = None):
        self.style_path = style_path
        self.logo = logo
        self.source = source
        self.block_rules = block_rules
        self.inline_rules = inline_rules
        self.document = document  # a fresh copy of the house style, written into
        self.part = self.document.part
        section = self.document.sections[-1]
        body = self.document.element.body
        self.sectPr = body.find(oxml.w("sectPr"))
        for child in list(body):
            body.remove(child)  # the house style's sample content; its sectPr is re-added last
        sizes = (section.page_width, section.left_margin, section.right_margin)
        # Text width in twips (python-docx gives EMU); A4 less 2 × 2.5 cm if the style is silent.
        self.text_width = (sizes[0] - sizes[1] - sizes[2]) // 635 if all(sizes) else 9070

        self.styles = styles_index  # the house style's, indexed once; its footnote styles added
        self.footnote_text_style = self.styles.find("footnote text")
        self.footnote_ref_style = self.styles.find("footnote reference", "character")
        self.numbering = None  # created on the first list
        self.footnotes = oxml.Footnotes(self.part, self.document.settings.element)

        self.stories = [Story(body, self.part, "body")]
        self.para_styles: list[str | None] = [None]  # None: the house style's Normal
        self.aligns: list[str | None] = [None]
        self.lists: list[ListLevel] = []
        self.columns: list[Columns] = []
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
            rule = self.block_rules.get(token.type)
            if rule is None:
                raise self.error(f"okänd Markdown-konstruktion '{token.type}' kan inte skrivas")
            rule(self, tokens, idx)
            idx += 1
            cols = self.columns[-1] if self.columns else None
            if cols and cols.cell_open and token.level == cols.level + 1 and token.nesting <= 0:
                self.close_cell()

    @property
    def story(self) -> Story:
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
                    numbering = oxml.ListNumbering(current.num_id, current.level)
                    current.item_numbered = True
                else:  # a later paragraph of the same item lines up with its text
                    indent = self.numbering.indent(current.level)
        p = oxml.add_paragraph(story.element, style, align=align or self.aligns[-1],
                                numbering=numbering, indent_left=indent,
                                page_break_before=story.page_break)
        story.page_break = False
        if story.footnote_mark is not None:
            oxml.add_footnote_mark(p, story.footnote_mark)
            story.footnote_mark = None
        self.paragraph = p
        return p

    def push_story(self, story: Story) -> None:
        self.stories.append(story)

    def pop_story(self) -> None:
        story = self.stories.pop()
        if story.footnote_mark is not None:  # an empty footnote still shows its number
            self.stories.append(story)
            self.new_paragraph()
            self.stories.pop()
        oxml.ensure_ends_with_paragraph(story.element)
        self.paragraph = None

    def block_start(self) -> etree._Element:
        """The story element a table goes into, honouring a pending page break.

        Two tables with nothing between them are one table to Word, so a table that
        follows another gets the same small closing paragraph a cell ends with."""
        story = self.story
        if story.page_break:
            oxml.add_page_break(story.element)
            story.page_break = False
        if len(story.element) and oxml.local_name(story.element[-1].tag) == "tbl":
            oxml.add_closing_paragraph(story.element)
        return story.element

    # -- columns

    def open_cell(self, cols: Columns) -> None:
        cell = oxml.add_cell(cols.row)
        cols.cell_open = True
        self.push_story(Story(cell, self.story.part, "cell"))
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
        state = InlineState(target=p)
        for child in token.children or ():
            rule = self.inline_rules.get(child.type)
            if rule is None:
                raise self.error(f"okänd Markdown-konstruktion '{child.type}' kan inte skrivas")
            rule(self, child, state)

    def text(self, state: InlineState, text: str) -> None:
        try:
            oxml.add_text(state.target, text, state.format(self.bold_cell))
        except oxml.UnwritableCharacter as bad:
            raise self.error(f"texten innehåller tecknet {bad} som inte kan stå i ett "
                             "Word-dokument; ta bort det ur ärendefilen") from None

    # -- finishing

    def finish(self, props: DocumentProperties) -> dict[str, bytes]:
        """The package's parts, by zip entry name, once every token has been walked."""
        if self.logo is not None:
            self._first_page_header()
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
        if self.logo is not None:
            self._place_logo(self.logo)
        body = self.stories[0].element
        oxml.keep_closing_together(body, self._style_ids(CLOSING_STYLES),
                                   self._style_ids(f"Heading {n}" for n in range(1, 10)), self.text_width)
        if len(body) == 0 or oxml.local_name(body[-1].tag) == "tbl":
            oxml.ensure_ends_with_paragraph(body)
        if self.sectPr is not None:
            footer_size = self.styles.font_size(self.styles.find("Footer"))
            oxml.reserve_footer_room(self.sectPr, self._footers(), footer_size)
            body.append(self.sectPr)

        # The styles' language was set when the house style was opened (for props.language).
        oxml.set_theme_language(self.document.settings.element, props.language)
        if props.language.startswith("sv"):  # Swedish numbers: 2,5 and lists a; b
            oxml.set_number_separators(self.document.settings.element, decimal=",", list_separator=";")
        oxml.set_core_properties(self.document, props)
        try:
            oxml.set_custom_properties(self.document.part.package, props.custom)
        except oxml.UnwritableCharacter as bad:
            raise self.error(f"en dokumentegenskap innehåller tecknet {bad}") from None
        return serialise(self.document.part.package)

    def _first_page_header(self) -> None:
        """Make sure the first page has a header of its own (the logo goes there): the
        following pages' header, or an empty one."""
        if "förstasidhuvud" in self.hf_used:
            return
        tokens, start, end = self.hf_used.get("sidhuvud", ([], 0, 0))
        self.open_header_footer("förstasidhuvud")
        self.walk(tokens, start, end)
        self.closers.pop()()
        self.hf_used["förstasidhuvud"] = (tokens, start, end)

    def _place_logo(self, logo: Picture) -> None:
        """The logo first in the first page's header, as an inline picture with its alt text."""
        from docx.shared import Cm

        part = oxml.story_part(self.part, self.sectPr, "header", "first")
        # What python-docx's part.new_pic_inline() does, with the inline element made once.
        rel_id, image = part.get_or_add_image(io.BytesIO(logo.data))
        cx, cy = image.scaled_dimensions(Cm(logo.width_cm), None)
        inline = oxml.picture_inline(part.next_id, rel_id, image.filename, cx, cy)
        try:
            oxml.insert_picture_paragraph(part.element, inline, style=self.styles.find("Header"), alt=logo.alt)
        except oxml.UnwritableCharacter as bad:
            raise self.error(f"logotypens alternativtext innehåller tecknet {bad}") from None

    def _style_ids(self, names) -> set[str]:
        return {found for found in map(self.styles.find, names) if found}

    def _footers(self) -> list[etree._Element]:
        """The root elements of the section's footers (those of the house style included)."""
        return [part.element for part in oxml.story_parts(self.part, self.sectPr, "footer")]

    # -- headers and footers

    def open_header_footer(self, name: str) -> None:
        kind, first_page = HEADERS_FOOTERS[name]
        if first_page:
            oxml.set_title_page(self.sectPr)
        # The first time a header or footer is written, the house style's content goes.
        part = oxml.story_part(self.part, self.sectPr, kind, "first" if first_page else "default",
                                  empty=name not in self.hf_written)
        self.hf_written.add(name)
        self.open_story(Story(part.element, part, kind),
                        self.styles.find("Header" if kind == "header" else "Footer"))

    def open_story(self, story: Story, style: str | None) -> None:
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


