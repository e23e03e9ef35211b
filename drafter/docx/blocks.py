"""Block rules: one function per Markdown block token type, turning it into paragraphs, lists, tables and containers."""

from __future__ import annotations

import re

from markdown_it.token import Token

from drafter.docx import oxml
from drafter.docx.widths import cell_texts, column_widths
from drafter.docx.state import HEADERS_FOOTERS, BlockRule, Columns, InlineState, ListLevel, Story, Writer
from drafter.text.markdown import container_name

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


# --- block rules --------------------------------------------------------------------------
# Each takes (writer, tokens, idx); containers look ahead through tokens for their end.

def _matching_close(tokens: list[Token], idx: int) -> int:
    level = tokens[idx].level
    for j in range(idx + 1, len(tokens)):
        if tokens[j].level == level and tokens[j].nesting == -1:
            return j
    return len(tokens)


def _ignore(wr: Writer, tokens: list[Token], idx: int) -> None:
    pass


def _paragraph_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.new_paragraph()


def _paragraph_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.paragraph = None


def _inline(wr: Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    if ":::" in token.content:
        for offset, line in enumerate(token.content.split("\n")):
            if STRAY_FENCE.match(line):
                if token.map:
                    wr.line = token.map[0] + 1 + offset
                raise wr.error(f"raden '{line.strip()}' hör inte till något block. " + FENCE_RULE)
    wr.render_inline(token)


def _heading_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    level = int(tokens[idx].tag[1:])
    wr.new_paragraph(wr.paragraph_style(f"Heading {level}"))


def _list_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    if wr.numbering is None:
        wr.numbering = oxml.Numbering(oxml.numbering_root(wr.part))
    level = min(len(wr.lists), MAX_LIST_LEVEL)
    start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else 1
    num_id = wr.numbering.new_list(ordered=token.type == "ordered_list_open", level=level,
                                   start=start)
    wr.lists.append(ListLevel(num_id, level))


def _list_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.lists.pop()


def _list_item_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.lists[-1].item_numbered = False


def _list_item_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    current = wr.lists[-1]
    if not current.item_numbered:  # an empty item ("1." alone) still shows its number
        wr.new_paragraph()
        wr.paragraph = None


def _blockquote_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.para_styles.append(wr.paragraph_style("Quote"))


def _blockquote_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.para_styles.pop()


def _hr(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.story.page_break = True


def _code(wr: Writer, tokens: list[Token], idx: int) -> None:
    """Code blocks, fences and (disabled, but never dropped) raw HTML: each line one
    paragraph, the text exactly as written."""
    content = tokens[idx].content
    if content.endswith("\n"):
        content = content[:-1]
    for line in content.split("\n"):
        state = InlineState(target=wr.new_paragraph())
        wr.text(state, line)
    wr.paragraph = None


def _table_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    parent = wr.block_start()
    style = wr.styles.find("Table Grid", "table")
    if style is None:
        raise wr.error(f"tabellstilen 'Table Grid' finns inte i husstilen {wr.style_path.name}")
    wr.tables.append((oxml.add_table(parent, style=style, width=wr.text_width), None))


def _table_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    table, _ = wr.tables.pop()
    start = max(i for i in range(idx) if tokens[i].type == "table_open")  # a cell holds no table
    widths = column_widths(cell_texts(tokens[start:idx]), wr.text_width)
    oxml.finish_table(table, wr.text_width, widths)


def _thead_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.in_table_head = True


def _thead_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.in_table_head = False


def _tr_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    table, _ = wr.tables[-1]
    # A body row with every cell empty is there to be written in by hand (the signature
    # fields of minutes): give it room for a signature.
    cells = tokens[idx + 1:_matching_close(tokens, idx)]
    empty = not wr.in_table_head and all(not t.content.strip() for t in cells if t.type == "inline")
    row = oxml.add_row(table, header=wr.in_table_head, min_height=SIGNING_ROW if empty else None)
    wr.tables[-1] = (table, row)


def _cell_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    token = tokens[idx]
    _, row = wr.tables[-1]
    wr.push_story(Story(oxml.add_cell(row), wr.story.part, "cell"))
    wr.bold_cell = token.type == "th_open"
    align = TEXT_ALIGN.get((token.attrGet("style") or "").replace(" ", ""))
    wr.new_paragraph(in_list=False, align=align)


def _cell_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.bold_cell = False
    wr.pop_story()


def _container_open(wr: Writer, tokens: list[Token], idx: int) -> None:
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
        table = oxml.add_table(wr.block_start(), style=None, width=wr.text_width,
                                layout_only=True)
        cols = Columns(table, oxml.add_row(table), token.level)
        wr.columns.append(cols)

        def close() -> None:
            wr.columns.pop()
            oxml.finish_table(table, wr.text_width)

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


def _container_close(wr: Writer, tokens: list[Token], idx: int) -> None:
    wr.closers.pop()()


def _footnote_open(wr: Writer, tokens: list[Token], idx: int) -> None:
    if len(wr.stories) != 1:
        raise wr.error("fotnoter kan bara definieras på översta nivån")
    note = wr.footnotes.add(tokens[idx].meta["id"])
    wr.open_story(Story(note, wr.footnotes.part, "footnote", footnote_mark=wr.footnote_ref_style),
                  wr.footnote_text_style)


BLOCK_RULES: dict[str, BlockRule] = {
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


