"""Column widths of a Markdown table from its content: no column narrower than its longest word, the rest where it saves most lines."""

from __future__ import annotations

from functools import cache

from markdown_it.token import Token

# Estimated widths of text in a table cell: characters in ems of a 12 pt serif (an em is 240
# twips), with a margin for bold header text, and the cell's own side margins. Generous on
# purpose: a column too narrow for its longest word breaks the word.
EM = 240
MARGIN = 1.1
CELL_PADDING = 216
_NARROW, _WIDE = set("iljtfrIJ.,:;'!|()[]/ "), set("mwMW%@")


def cell_texts(tokens: list[Token]) -> list[list[str]]:
    """The plain text of each row's cells, from a table's tokens (table_open to table_close)."""
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append("".join(c.content for c in token.children or () if c.type in ("text", "code_inline")))
    return rows


@cache
def _ems(char: str) -> float:
    return 0.3 if char in _NARROW else 0.8 if char in _WIDE else 0.7 if char.isupper() else 0.5


def text_width(text: str) -> int:
    """The estimated width of ``text`` on one line, in twips."""
    return int(sum(map(_ems, text)) * EM * MARGIN)


def column_widths(rows: list[list[str]], total: int) -> list[int] | None:
    """Widths in twips summing to ``total``. Each column starts at its longest word (or an equal
    share, when the words cannot all fit); the rest is handed out a step at a time to the column
    where it saves the most lines of the table, and where it saves none, to the column whose
    longest cell has the least room for it. None when there is no text to measure (equal columns)."""
    columns = max((len(r) for r in rows), default=0)
    cells = [[r[i].strip() if i < len(r) else "" for r in rows] for i in range(columns)]
    if not any(c for column in cells for c in column):
        return None
    longest = [max(text_width(c) for c in column) for column in cells]
    # Each word measured once: the widths are tried many times a step at a time.
    measured = [[[text_width(word) for word in c.split()] for c in column] for column in cells]
    words = [max((size for c in column for size in c), default=0) for column in measured]
    widths = [min(total // columns, n + CELL_PADDING) for n in words]
    lines = [[_lines(c, widths[i]) for c in measured[i]] for i in range(columns)]
    step = max(total // 100, 1)
    # Each column's lines one step wider: worked out again only for the columns that grew.
    wider = [[_lines(c, widths[i] + step) for c in measured[i]] for i in range(columns)]
    while total - sum(widths) >= step:
        keys = []
        # A row is as tall as its tallest cell; its two tallest tell how tall it is without any one.
        tallest = [sorted((col[r] for col in lines), reverse=True)[:2] + [0] for r in range(len(rows))]
        now = sum(top[0] for top in tallest)
        for i in range(columns):
            saved = now - sum(max(wider[i][r], top[1] if lines[i][r] == top[0] else top[0])
                              for r, top in enumerate(tallest))
            keys.append((saved, longest[i] / widths[i]))
        best = max(keys)
        tied = [i for i in range(columns) if keys[i] == best]  # alike columns grow alike
        share = min(step, (total - sum(widths)) // len(tied))
        if share == 0:
            break
        for i in tied:
            widths[i] += share
            lines[i] = [_lines(c, widths[i]) for c in measured[i]]
            wider[i] = [_lines(c, widths[i] + step) for c in measured[i]]
    widest = max(range(columns), key=lambda i: (widths[i], -i))
    widths[widest] += total - sum(widths)  # what the steps left over, to the widest column
    return widths


_SPACE = text_width(" ")


def _lines(words: list[int], width: int) -> int:
    """How many lines a cell of ``words`` (their widths) takes ``width`` twips wide, wrapped at
    spaces (estimated)."""
    room, space = width - CELL_PADDING, _SPACE
    count, used = 1, 0
    for size in words:
        if used and used + space + size > room:
            count, used = count + 1, 0
        used = used + space + size if used else size
    return count
