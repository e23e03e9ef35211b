"""The Markdown dialect between templates and the Word writer.

CommonMark with tables, footnotes, Swedish quotation marks, and:

- containers ``::: namn`` … ``:::`` for parts that are laid out or styled
  (``förstasidhuvud``, ``sidhuvud``, ``förstasidfot``, ``sidfot``, ``kolumner``, ``kolumn``,
  or the name of a paragraph style in the house style);
- the fields ``{sida}`` and ``{sidor}`` (page number and page count), which become Word fields.

Raw HTML is off: text from a case can never smuggle markup into the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

# Word field instructions for the inline fields templates may use.
FIELDS = {"sida": "PAGE", "sidor": "NUMPAGES"}
_FIELD_RE = re.compile(r"\{(" + "|".join(FIELDS) + r")\}")


def _field_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    match = _FIELD_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("field", "", 0)
        token.content = match.group(1)
        token.meta = {"instruction": FIELDS[match.group(1)]}
    state.pos = match.end()
    return True


def parser() -> MarkdownIt:
    """The parser of the dialect, every rule on."""
    return _parser_without(frozenset())


# Rules that cannot match in a text without any of these strings (or a match of the pattern
# further down): each is tried at every line (block rules) or at every stop of the inline scan,
# so a parser without those a text cannot use gives the same tokens a fifth faster
# (0.92 -> 0.72 ms for the 8 samples).
_NEEDS = {
    "code": ("    ", "\t"),  # four columns of indentation (after a list marker or > too)
    "fence": ("```", "~~~"),
    "blockquote": (">",),
    "heading": ("#",),
    "table": ("|",),  # the header line has a pipe
    "reference": ("]:",),
    "footnote_def": ("[^",),
    "backticks": ("`",),
    "link": ("[",),
    "image": ("![",),
    "footnote_inline": ("^[",),
    "footnote_ref": ("[^",),
    "autolink": ("<",),
    "entity": ("&",),
    "smartquotes": ('"', "'"),  # only quotes in the source text are replaced
    # An underline follows a blockquote's prefix (>); the parser makes \r a line end. Else a
    # line of = or - (the pattern below) must follow a line of text.
    "lheading": (">", "\r"),
    "hr": (),  # the pattern below: three markers, nothing but blanks between
}
_NEEDS_PATTERN = {
    "lheading": re.compile(r"\n[ \t]*(?:=+|-+)[ \t]*(?:\n|$)"),
    "hr": re.compile(r"([*_-])[ \t]*\1[ \t]*\1"),
}


def _can_match(rule: str, text: str) -> bool:
    """False only when ``rule`` cannot match anywhere in ``text`` (a rule not listed always can)."""
    if rule not in _NEEDS:
        return True
    pattern = _NEEDS_PATTERN.get(rule)
    return any(n in text for n in _NEEDS[rule]) or bool(pattern and pattern.search(text))


def _unused_rules(text: str) -> frozenset[str]:
    return frozenset(rule for rule in _NEEDS if not _can_match(rule, text))


def may_hold(text: str, *rules: str) -> bool:
    """Whether ``text`` may hold what any of the parser's ``rules`` makes ("table", "image",
    "heading", "lheading", "code", "fence", …). False only when none of them can match, so that a
    reader who looks for nothing else can leave the text unparsed."""
    return any(_can_match(rule, text) for rule in rules)


@lru_cache(maxsize=64)
def _parser_without(unused: frozenset[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True, "quotes": "””’’", "html": False})
    md.enable(["table", "smartquotes"])
    md.disable(["html_block", "html_inline"])
    md.use(footnote_plugin)
    # One container rule that accepts any name; the writer decides what a name means.
    md.use(container_plugin, "del", validate=lambda params, *args: bool(params.strip()))
    md.inline.ruler.before("text", "field", _field_rule)
    if unused:
        md.disable(sorted(unused))
    return md


def parse(text: str) -> list[Token]:
    return _parser_without(_unused_rules(text)).parse(text)


@lru_cache(maxsize=64)
def parse_field(text: str) -> tuple[Token, ...]:
    """A case's Markdown field, parsed once however many rules and steps read it. The tokens are
    shared between the readers: read them, never change them."""
    return tuple(parse(text))


def container_name(token: Token) -> str:
    """The name after ``:::`` of a container_del_open token."""
    return token.info.strip().split()[0] if token.info.strip() else ""


# --- escaping values from the case -------------------------------------------------------

# Inline characters with a meaning anywhere in a line. "{" and "}" guard the page fields.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>{}&|~])")
# Constructs that only mean something at the start of a line (after optional indentation).
_LINE_START = re.compile(r"^([ \t]*)(#|>|[-+=:]|\d{1,9}(?=[.)]))")


def literal_fields(text: str) -> str:
    """Keep ``{sida}`` and ``{sidor}`` in a case's Markdown as text: page fields are for
    templates, and a case that mentions them means the words."""
    return _FIELD_RE.sub(r"\\{\1\\}", text)


def escape(text: str) -> str:
    """Make plain text from a case appear literally when placed in Markdown.

    A value may land at the start of a line in a template, so line-start constructs are
    escaped wherever the value begins a line. Trailing spaces (a hard break in Markdown)
    are dropped, and leading indentation is removed so that no value becomes a code block.
    """
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.rstrip().lstrip(" \t"))
        match = _LINE_START.match(line)
        if match:
            marker = match.group(2)
            if marker[0].isdigit():
                # "2025. " must not start a list: escape the dot or parenthesis after the digits.
                end = match.end()
                line = line[:end] + "\\" + line[end:]
            else:
                line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def shift_headings(text: str, top_level: int) -> str:
    """Shift the headings of a Markdown field so that its highest heading gets ``top_level``.

    Case writers use ``#`` or ``##`` for subheadings as they like; inside a memo those
    become subheadings of the section the field stands in.
    """
    if not may_hold(text, "heading", "lheading"):
        return text
    tokens = parse_field(text)
    headings = [t for t in tokens if t.type == "heading_open" and t.map]
    if not headings:
        return text
    highest = min(int(t.tag[1]) for t in headings)
    delta = top_level - highest
    if delta == 0:
        return text
    lines = text.split("\n")
    for token in headings:
        row = token.map[0]
        level = min(max(int(token.tag[1]) + delta, 1), 6)
        if token.markup.startswith("#"):
            lines[row] = re.sub(r"^(\s*)#+", lambda m: m.group(1) + "#" * level, lines[row], count=1)
        else:
            # A setext heading ("Rubrik" over "===="): rewrite it as an ATX heading.
            lines[row] = "#" * level + " " + lines[row].strip()
            lines[token.map[1] - 1] = ""
    return "\n".join(lines)


def plain_text(inline: str) -> str:
    """The text a line of inline Markdown shows (a title for the document's properties):
    escapes resolved, emphasis dropped, quotation marks as the parser sets them."""
    tokens = parser().parseInline(inline)
    children = tokens[0].children or [] if tokens else []
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))
