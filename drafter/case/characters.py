"""The characters of a case file: its encoding, and the characters YAML or Word cannot hold."""

from __future__ import annotations

import re
from bisect import bisect_right

from drafter.errors import CaseError, Problem

MAX_CHARACTER_PROBLEMS = 200  # one per character; after that, one summary


class Lines:
    """Line starts of a text, found once: a character index becomes a line and column in
    logarithmic time, so locating many problems stays linear."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_column(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def line_column(text: str, index: int) -> tuple[int, int]:
    """Editor line and column (from 1) of a character index in a text with "\\n" line ends."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_SAVE_AS_UTF8 = "spara den som UTF-8 (i Anteckningar: Arkiv → Spara som → Kodning: UTF-8)"


def decode(source: str, raw: bytes) -> str:
    """Decode a case file as UTF-8 (a byte order mark is allowed), with a located,
    actionable error for the encodings editors on Windows save in otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise CaseError([Problem(source, 1, 1, f"filen är sparad som UTF-16 (Unicode) — {_SAVE_AS_UTF8}")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line, column = line_column(before.replace("\r\n", "\n"), len(before.replace("\r\n", "\n")))
        guess = raw[error.start : error.start + 1].decode("cp1252", errors="replace")
        seen = f" (tecknet här ser ut att vara '{guess}')" if guess.isprintable() and guess != "\ufffd" else ""
        raise CaseError(
            [
                Problem(
                    source,
                    line,
                    column,
                    f"filen är inte sparad som UTF-8 (troligen Windows-1252/ANSI){seen} — {_SAVE_AS_UTF8}",
                )
            ]
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: every other byte of (mostly Latin) text is zero."""
    sample = raw[:2000]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / max(len(odd), 1)) > 0.4


# What YAML refuses in a file, and the line separators YAML counts as line breaks but
# editors do not (they would shift every line number after them): every character but
# \t \n \r, U+0020–U+007E, U+00A0–U+2027, U+202A–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
# Written as the few it refuses, not as "all but those", which takes ~7 ms to compile.
_FORBIDDEN_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_NAMES = {
    0x00: "nolltecken",
    0x09: "tabb",
    0x0B: "vertikal tabb — ofta en radbrytning inklistrad från Word",
    0x0C: "sidbrytning",
    0x1B: "escape-tecken",
    0x7F: "delete-tecken",
    0x85: "radbrytningstecknet NEL",
    0x2028: "radbrytningstecknet LINE SEPARATOR, ofta inklistrat från Word",
    0x2029: "styckebrytningstecknet PARAGRAPH SEPARATOR",
    0xFFFE: "ogiltigt tecken",
    0xFFFF: "ogiltigt tecken",
}


def describe(ch: str) -> str:
    """'U+000B (vertikal tabb …)': a character someone cannot see, named."""
    code = ord(ch)
    name = _NAMES.get(code)
    if name is None:
        if 0x80 <= code <= 0x9F:
            meant = bytes([code]).decode("cp1252", errors="replace")
            name = "styrtecken" + (f", troligen ett felkodat '{meant}'" if meant != "\ufffd" else "")
        elif 0xD800 <= code <= 0xDFFF:
            name = "ensamt surrogattecken"
        else:
            name = "styrtecken"
    return f"U+{code:04X} ({name})"


# A character a Word document (XML 1.0) cannot hold; see xml_char. One search finds the first.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")


def xml_char(ch: str) -> bool:
    """Whether a Word document (XML 1.0) can hold the character."""
    code = ord(ch)
    if code < 0x20:
        return ch in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def scan_characters(text: str, source: str, problems: list[Problem]) -> str:
    """Report every character YAML or Word cannot take, and blank it out (one for one,
    so positions stay) so that the rest of the file can still be checked."""

    lines: Lines | None = None
    more = 0
    first_more: tuple[int, int] = (1, 1)

    def replace(match: re.Match) -> str:
        nonlocal lines, more, first_more
        ch = match.group()
        lines = lines or Lines(text)
        listed = len(problems) < MAX_CHARACTER_PROBLEMS
        if listed:
            problems.append(
                Problem(
                    source,
                    *lines.line_column(match.start()),
                    f"tecknet {describe(ch)} kan inte stå i en ärendefil — ta bort det"
                    + (" eller ersätt det med en vanlig radbrytning" if ord(ch) in (0x0B, 0x85, 0x2028, 0x2029) else ""),
                )
            )
        else:
            if not more:
                first_more = lines.line_column(match.start())
            more += 1
        return "\ufffd" if ord(ch) not in (0x85, 0x2028, 0x2029) else " "

    blanked = _FORBIDDEN_IN_FILE.sub(replace, text)
    if more:
        problems.append(
            Problem(source, *first_more, f"och {more} tecken till här och längre fram som inte kan stå i en ärendefil — ta bort dem")
        )
    return blanked


