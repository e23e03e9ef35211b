"""Inline rules: one function per Markdown inline token type, turning it into runs, links, fields and footnote references."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from markdown_it.token import Token

from drafter.docx import oxml
from drafter.docx.oxml import RunFormat
from drafter.docx.state import InlineRule, InlineState, Writer


def _text(wr: Writer, token: Token, state: InlineState) -> None:
    wr.text(state, token.content)


def _softbreak(wr: Writer, token: Token, state: InlineState) -> None:
    wr.text(state, " ")


def _hardbreak(wr: Writer, token: Token, state: InlineState) -> None:
    oxml.add_line_break(state.target, state.format(wr.bold_cell))


def _em_open(wr: Writer, token: Token, state: InlineState) -> None:
    state.italic += 1


def _em_close(wr: Writer, token: Token, state: InlineState) -> None:
    state.italic -= 1


def _strong_open(wr: Writer, token: Token, state: InlineState) -> None:
    state.bold += 1


def _strong_close(wr: Writer, token: Token, state: InlineState) -> None:
    state.bold -= 1


def _link_open(wr: Writer, token: Token, state: InlineState) -> None:
    href = token.attrGet("href") or ""
    if href.startswith(("http://", "https://", "mailto:")):
        rel_id = wr.story.part.relate_to(href, RT.HYPERLINK, is_external=True)
        state.target = oxml.add_hyperlink(wr.paragraph, rel_id)
        state.link_style = wr.styles.find("Hyperlink", "character")
    # Other links (anchors, relative paths) mean nothing in a Word file: the text stays.


def _link_close(wr: Writer, token: Token, state: InlineState) -> None:
    state.target = wr.paragraph
    state.link_style = None


def _image(wr: Writer, token: Token, state: InlineState) -> None:
    wr.text(state, token.content)  # images are not embedded; their alternative text is kept


def _field(wr: Writer, token: Token, state: InlineState) -> None:
    oxml.add_field(state.target, token.meta["instruction"], state.format(wr.bold_cell))


def _footnote_ref(wr: Writer, token: Token, state: InlineState) -> None:
    kind = wr.story.kind if wr.story.kind != "cell" else next(
        s.kind for s in reversed(wr.stories) if s.kind != "cell")
    if kind in ("header", "footer"):
        raise wr.error("fotnoter kan inte stå i sidhuvud eller sidfot")
    number = token.meta["id"]
    if kind == "footnote" or token.meta.get("subId", 0) > 0:
        # Word gives each note one reference; a second reference, or one inside a note,
        # shows the note's number as plain superscript.
        oxml.add_text(state.target, str(number + 1),
                       RunFormat(style=wr.footnote_ref_style, superscript=True))
        return
    oxml.add_footnote_reference(state.target, wr.footnotes.word_id(number),
                                 wr.footnote_ref_style)


def _code_inline(wr: Writer, token: Token, state: InlineState) -> None:
    wr.text(state, token.content)


INLINE_RULES: dict[str, InlineRule] = {
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
