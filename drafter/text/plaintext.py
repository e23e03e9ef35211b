"""The memo as plain text a person reads in a terminal (``drafter preview``).

Walks the token tree of drafter's Markdown dialect (drafter.text.markdown): headings are
underlined, decision points and lists numbered or bulleted, tables set in columns, footnotes
gathered at the end. The containers (``:::``) give no markup of their own: the first page's
letterhead stays at the top, its footer goes to the very end, and the headers and footers of
the following pages (a repetition) are left out. Page fields are dropped, with the
parentheses around them and a line that held nothing else.
"""

from __future__ import annotations

import re
import textwrap

from markdown_it.tree import SyntaxTreeNode

from drafter.text.markdown import container_name, parse

WIDTH = 78
FIELD = "\x00"  # where a page field stood, until its line is finished
REPEATED = {"sidhuvud", "sidfot"}  # the headers and footers of pages after the first
LAST = "förstasidfot"
UNDERLINE = {1: "=", 2: "-"}


def readable(markdown: str, width: int = WIDTH) -> str:
    """The plain text of ``markdown``, wrapped at ``width`` columns, ending in a newline."""
    root = SyntaxTreeNode(parse(markdown))
    footer: list[SyntaxTreeNode] = []
    footnotes: list[SyntaxTreeNode] = []
    body: list[SyntaxTreeNode] = []
    for node in root.children:
        if node.type == "footnote_block":
            footnotes.extend(node.children)
        elif node.type == "container_del" and _name(node) == LAST:
            footer.append(node)
        else:
            body.append(node)
    parts = [_blocks(body, width)]
    if footnotes:
        notes = [_item(f"[{_note_number(n.meta)}] ", _blocks(n.children, width - 4, tight=True), width)
                 for n in footnotes]
        parts.append(_heading("Fotnoter", 2) + [""] + [line for note in notes for line in note])
    if footer:
        parts.append(["_" * 20, ""] + _blocks(footer, width))
    lines = _join([p for p in parts if p])
    return "\n".join(lines).rstrip() + "\n"


def _join(blocks: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block)
    return lines


def _blocks(nodes: list[SyntaxTreeNode], width: int, tight: bool = False) -> list[str]:
    rendered = [_block(node, width) for node in nodes]
    rendered = [r for r in rendered if r]
    if tight:
        return [line for block in rendered for line in block]
    return _join(rendered)


def _block(node: SyntaxTreeNode, width: int) -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return _paragraph(node, width)
    if kind == "heading":
        return _heading(_inline(node.children[0]).replace(FIELD, "").strip(), int(node.tag[1]))
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, width)
    if kind == "container_del":
        if _name(node) in REPEATED:
            return []
        return _blocks(node.children, width)
    if kind == "table":
        return _table(node)
    if kind == "blockquote":
        return ["> " + line if line else ">" for line in _blocks(node.children, width - 2)]
    if kind in ("code_block", "fence"):
        return ["    " + line for line in node.content.rstrip("\n").split("\n")]
    if kind == "hr":
        return ["* * *"]
    return _blocks(node.children, width)


def _name(node: SyntaxTreeNode) -> str:
    return container_name(node.nester_tokens.opening)


def _heading(text: str, level: int) -> list[str]:
    mark = UNDERLINE.get(level)
    return [text, mark * len(text)] if mark else [text]


def _paragraph(node: SyntaxTreeNode, width: int) -> list[str]:
    text = "".join(_inline(child) for child in node.children)
    lines = []
    for line in text.split("\n"):
        if FIELD in line:
            line = re.sub(r"\(\s*\)", "", line.replace(FIELD, ""))  # "Sida {sida}({sidor})"
            if not any(c.isalnum() for c in line):
                continue  # the line held only page fields ("1(2)")
        wrapped = textwrap.wrap(" ".join(line.split()), width, break_on_hyphens=False) or [""]
        lines.extend(wrapped)
    return [line for line in lines if line] or []


def _note_number(meta: dict) -> int:
    return int(meta.get("id", 0)) + 1


def _inline(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("text", "code_inline"):
        return node.content
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "field":
        return FIELD
    if kind == "footnote_ref":
        return f"[{_note_number(node.meta)}]"
    if kind == "footnote_anchor":
        return ""
    if kind == "image":
        return f"[bild: {''.join(_inline(c) for c in node.children) or node.attrs.get('src', '')}]"
    text = "".join(_inline(child) for child in node.children)
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        target = href.removeprefix("mailto:")
        return text if target in (text, "") else f"{text} ({target})"
    return text


def _item(marker: str, lines: list[str], width: int) -> list[str]:
    pad = " " * len(marker)
    if not lines:
        return [marker.rstrip()]
    return [marker + lines[0]] + [pad + line if line else "" for line in lines[1:]]


def _list(node: SyntaxTreeNode, width: int) -> list[str]:
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    markers = [f"{start + i}. " if ordered else "• " for i in range(len(node.children))]
    size = max(len(m) for m in markers) if markers else 2
    tight = all(c.nester_tokens.opening.hidden for item in node.children for c in item.children
                if c.type == "paragraph")
    items = []
    for marker, item in zip(markers, node.children):
        lines = _blocks(item.children, width - size, tight=tight)
        items.append(_item(marker.ljust(size), lines, width))
    return [line for lines in items for line in lines] if tight else _join(items)


def _table(node: SyntaxTreeNode) -> list[str]:
    rows: list[list[str]] = []
    header = 0
    for section in node.children:
        for row in section.children:
            rows.append([" ".join(_inline(c).replace(FIELD, "").split()) for cell in row.children for c in cell.children])
        if section.type == "thead":
            header = len(rows)
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(columns)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    if header:
        lines.insert(header, "  ".join("-" * w for w in widths))
    return lines
