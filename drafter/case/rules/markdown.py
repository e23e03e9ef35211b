"""Rules for the case's Markdown fields: text that would otherwise be lost without a word.

Container fences (``::: namn``) belong to the templates: in a case they would style, wrap
or cut off the parts of the memo that follow, so a field may not use them.

Footnotes: a label defined twice keeps only one of the texts; a footnote defined but never
referenced is dropped; a reference to a footnote never defined is printed as "[^2]". The
template places every Markdown field in one document, so labels are checked across all of
them. Each problem points at the place inside the field's block of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.case.fields import markdown_fields
from drafter.case.source import KeyPath, Loaded
from drafter.errors import Problem
from drafter.text.markdown import may_hold, parse_field

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
# A definition after a list marker or a quote sign: the writer cannot place it there.
_NESTED_DEFINITION = re.compile(r"^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]?)+\[\^([^\]\s]+)\]:")
_LABEL_RUN = re.compile(r"[^\]\s]+")  # what a footnote label may hold: up to ']' or white space
_BACKTICKS = re.compile(r"`+")
_FENCE = re.compile(r"^[ \t]*(:{3,})")

# A rule stops locating its problems after this many (locating is what costs): the rest are
# counted, and sort after every located one, so the message cap shows located ones only.
LOCATED = 51
_UNPLACED = 10**9


class _Budget:
    """Locates problems up to :data:`LOCATED`; after that, gives each a place past the end."""

    def __init__(self, loaded: Loaded):
        self.loaded, self.used = loaded, 0

    def at(self, path: KeyPath, snippet: str, occurrence: int, message: str) -> Problem:
        self.used += 1
        if self.used > LOCATED:
            return Problem(self.loaded.source, _UNPLACED, self.used, message)
        return Problem(self.loaded.source, *self.loaded.locate(path, snippet, occurrence), message)


def footnote_marks(line: str) -> list[tuple[int, int, str]]:
    """Every ``[^label]`` in a line, as (start, end, label), left to right and not
    overlapping — what ``re.finditer(r"\\[\\^([^\\]\\s]+)\\]", line)`` finds, in linear time
    (that pattern rescans the rest of a line from every '[^' in it)."""
    found = []
    for run in _LABEL_RUN.finditer(line):
        # '[' and '^' are label characters too, so a '[^' and its label lie in one run; a
        # match needs a ']' right after the run and a label of one character or more.
        if run.end() < len(line) and line[run.end()] == "]":
            start = line.find("[^", run.start(), run.end() - 1)
            if start >= 0:
                found.append((start, run.end() + 1, line[start + 2 : run.end()]))
    return found


def mask_code_spans(line: str) -> str:
    """The line with every code span (`` `code` ``) replaced by NUL characters, one for one.
    A span opens with a run of backticks and closes at the next run of the same length
    (CommonMark); found in linear time."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        following[i] = last.get(size)
        last[size] = i
    parts, done, i = [], 0, 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        parts += [line[done:start], "\0" * (end - start)]
        done, i = end, j + 1
    return "".join(parts) + line[done:]


def fence_problems(loaded: Loaded, fields: Iterable[KeyPath]) -> list[Problem]:
    """A line beginning ':::' in a Markdown field: the template's block syntax."""
    problems = []
    budget = _Budget(loaded)
    for path in fields:
        text = _value(loaded.data, path)
        if not isinstance(text, str):
            continue
        code_lines: set[int] | None = None  # found when a line needs them: most texts have no ':::'
        seen: dict[str, int] = {}
        for number, line in enumerate(text.split("\n")):
            match = _FENCE.match(line)
            if not match:
                continue
            if code_lines is None:
                code_lines = _code_lines(text)
            snippet = line.strip()
            occurrence = seen.get(snippet, 0)
            seen[snippet] = occurrence + 1
            if number in code_lines:
                continue
            problems.append(
                budget.at(
                    path,
                    snippet,
                    occurrence,
                    f"en rad som börjar med '{match.group(1)}' är mallarnas blocksyntax och kan inte stå i en "
                    f"ärendefil — ta bort kolonen, eller skriv \\{match.group(1)} om de ska synas i texten",
                )
            )
    return problems


def content_problems(loaded: Loaded, fields: Iterable[KeyPath]) -> list[Problem]:
    """Markdown that the parser would drop: table cells beyond the header's columns, and the
    file of an image (only its description would remain)."""
    problems = []
    budget = _Budget(loaded)
    for path in fields:
        text = _value(loaded.data, path)
        if not isinstance(text, str) or not may_hold(text, "table", "image"):  # left unparsed
            continue
        lines = text.split("\n")
        seen: dict[str, int] = {}

        def at(snippet: str, message: str) -> Problem:
            occurrence = seen.get(snippet, 0)
            seen[snippet] = occurrence + 1
            return budget.at(path, snippet, occurrence, message)

        for token in parse_field(text):
            if token.type == "table_open" and token.map:
                header, *rows = [line for line in lines[token.map[0] : token.map[1]]]
                columns = len(_cells(header))
                for row in rows[1:]:  # rows[0] is the |---| line
                    if len(_cells(row)) > columns:
                        problems.append(
                            at(
                                row.strip(),
                                f"raden har fler celler än tabellens rubrikrad ({columns}) — de sista skulle "
                                "inte komma med; lägg till kolumner i rubrikraden eller ta bort cellerna",
                            )
                        )
            for child in token.children or ():
                if child.type == "image":
                    problems.append(
                        at(
                            "![",
                            "bilder kan inte stå i en ärendefil — lägg bilden som bilaga (bilagor) och hänvisa till den i texten",
                        )
                    )
    return problems


def _cells(row: str) -> list[str]:
    """The cells of a pipe-table row; an escaped \\| is text, not a border."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return re.split(r"(?<!\\)\|", row)


def _code_lines(text: str) -> set[int]:
    lines: set[int] = set()
    if not may_hold(text, "fence", "code"):  # no code at all: left unparsed
        return lines
    for token in parse_field(text):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


@dataclass(frozen=True)
class _Mark:
    path: KeyPath
    label: str
    snippet: str
    occurrence: int  # how many times ``snippet`` appears in the field before this one
    nested: bool = False  # a definition inside a list or a quote
    place: tuple[int, int, int] = (0, 0, 0)  # the field's order, the line in it, the column: to sort by


def footnote_problems(loaded: Loaded, fields: Iterable[KeyPath]) -> list[Problem]:
    """Problems with the footnotes of the Markdown fields at ``fields`` (paths into
    ``loaded.data`` whose values are strings)."""
    definitions: dict[str, list[_Mark]] = {}
    references: dict[str, list[_Mark]] = {}
    inside: list[_Mark] = []  # references written inside a footnote's own text
    for order, path in enumerate(fields):
        text = _value(loaded.data, path)
        if not isinstance(text, str):
            continue
        defs, refs, inner = _scan(path, text, order)
        for mark in defs:
            definitions.setdefault(mark.label, []).append(mark)
        for mark in refs:
            references.setdefault(mark.label, []).append(mark)
        inside.extend(inner)

    budget = _Budget(loaded)

    def at(mark: _Mark, message: str) -> Problem:
        return budget.at(mark.path, mark.snippet, mark.occurrence, message)

    # Word has no footnote inside a footnote, and one reference per footnote.
    problems = [
        at(mark, f"en fotnot kan inte ha en egen fotnot ([^{mark.label}]) — skriv texten direkt i fotnoten")
        for mark in inside
    ]
    for label, marks in references.items():
        for mark in marks[1:]:
            problems.append(
                at(
                    mark,
                    f"fotnoten [^{label}] hänvisas till mer än en gång — i Word hör en fotnot till ett ställe; "
                    f"skriv en ny fotnot (t.ex. [^{label}-2]) med samma text",
                )
            )
    for label, marks in definitions.items():
        marks.sort(key=lambda mark: mark.place)
        for mark in marks:
            if mark.nested:
                problems.append(
                    at(
                        mark,
                        f"fotnoten [^{label}] definieras inuti en lista eller ett citat — skriv definitionen "
                        f"'[^{label}]: …' på en egen rad utan indrag, sist i texten",
                    )
                )
        if len(marks) > 1:
            first_line = budget.at(marks[0].path, marks[0].snippet, marks[0].occurrence, "").line
        for mark in marks[1:]:
            problems.append(
                at(
                    mark,
                    f"fotnoten [^{label}] definieras två gånger (också på rad {first_line}) — bara den ena texten "
                    "skulle komma med; ge den ena fotnoten ett annat namn",
                )
            )
        if label not in references and all(mark.label != label for mark in inside):
            problems.append(
                at(
                    marks[0],
                    f"fotnoten [^{label}] används aldrig i texten, så den skulle inte komma med — "
                    f"skriv [^{label}] där fotnoten ska stå, eller ta bort den",
                )
            )
    for label, marks in references.items():
        if label not in definitions:
            for mark in marks:
                problems.append(
                    at(
                        mark,
                        f"fotnoten [^{label}] definieras aldrig — lägg till en rad '[^{label}]: fotnotens text' "
                        "sist i texten",
                    )
                )
    return problems


def _value(data: object, path: KeyPath) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _scan(path: KeyPath, text: str, order: int) -> tuple[list[_Mark], list[_Mark], list[_Mark]]:
    """Footnote definitions, references, and references inside a definition's text, in one
    Markdown text, outside code."""
    if "[^" not in text:  # most texts have no footnote: every mark and definition holds '[^'
        return [], [], []
    code_lines = _code_lines(text)
    seen: dict[str, int] = {}

    def mark(label: str, snippet: str, nested: bool, place: tuple[int, int]) -> _Mark:
        count = seen.get(snippet, 0)
        seen[snippet] = count + 1
        return _Mark(path, label, snippet, count, nested, (order, *place))

    definitions, references, inner = [], [], []
    in_definition = False  # inside a footnote's text: its line and the lines that continue it
    for number, line in enumerate(text.split("\n")):
        if "[^" not in line:  # no mark and no definition here; a blank line still ends a footnote's text
            if not line.strip():
                in_definition = False
            continue
        visible = mask_code_spans(line)
        definition = None if number in code_lines else (_DEFINITION.match(visible) or _NESTED_DEFINITION.match(visible))
        if definition is not None:
            in_definition = True
        elif not line.strip():
            in_definition = False
        for start, end, label in footnote_marks(line):
            snippet = line[start:end]
            is_definition = definition is not None and start == definition.end() - len(snippet) - 1
            # Every one counts, to find it in the file.
            found = mark(label, snippet, is_definition and definition.re is _NESTED_DEFINITION, (number, start))
            if is_definition:
                definitions.append(found)
            elif not (
                number in code_lines
                or (start > 0 and line[start - 1] == "\\")
                or "\0" in visible[start:end]
            ):
                (inner if in_definition else references).append(found)
    return definitions, references, inner


# --- the rules ------------------------------------------------------------------------------


_last_fields: list = [None, []]  # the file last asked about and its Markdown fields: three rules ask


def _fields(loaded: Loaded) -> list[KeyPath]:
    from drafter.case.model import Case

    if _last_fields[0] is not loaded:
        _last_fields[:] = [loaded, markdown_fields(Case, loaded.data)]
    return _last_fields[1]


def footnotes(loaded: Loaded, case: object = None) -> list[Problem]:
    return footnote_problems(loaded, _fields(loaded))


def fences(loaded: Loaded, case: object = None) -> list[Problem]:
    return fence_problems(loaded, _fields(loaded))


def content(loaded: Loaded, case: object = None) -> list[Problem]:
    return content_problems(loaded, _fields(loaded))
