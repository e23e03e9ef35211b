"""Strict YAML loading that keeps the line and column of every key and value.

Only ``true``/``false`` become booleans and empty values become null; every other scalar
stays text, so nothing turns silently into a date, an octal or a sexagesimal number. The
model decides what a text means. Duplicate keys, anchors, aliases, merge keys and tags are
errors, and so are characters a Word document cannot hold.

Loading goes on after a problem where it safely can, so that a file's problems are reported
together; only a syntax error (after which YAML cannot be read further) stops it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import CaseError, Problem

MAX_BYTES = 1024 * 1024  # a case file is a few kilobytes; a megabyte is surely a mistake
MAX_DEPTH = 32  # a case nests four levels deep; thousands of levels would exhaust the stack
MAX_NODES = 10_000  # a case holds a few hundred values; a hundred thousand take seconds to check

# Where a value stands in a case: its keys and list positions, e.g. ("motion", "att-satser", 1).
KeyPath = tuple[str | int, ...]


@dataclass
class Loaded:
    """Plain data from a YAML file, with the position of every value and key in it.

    ``problems`` holds what was wrong but could be read past (only when loaded with
    ``partial=True``); ``doubtful`` the paths whose value is unreliable because of them,
    so that later checks can stay silent there instead of adding confusing follow-ups.
    """

    source: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    spans: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)  # character range of each value
    problems: list[Problem] = field(default_factory=list)
    doubtful: set[KeyPath] = field(default_factory=set)

    def position(self, path: KeyPath, at_value: bool = False) -> tuple[int, int]:
        """Line and column of the key at ``path`` (or of its value); a path that is not in
        the file (a missing field) points at the nearest enclosing one that is."""
        path = tuple(path)
        while path:
            first, second = (self.values, self.keys) if at_value else (self.keys, self.values)
            if path in first:
                return first[path]
            if path in second:
                return second[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: KeyPath, message: str, at_value: bool = False) -> Problem:
        line, column = self.position(path, at_value)
        return Problem(self.source, line, column, message)

    def locate(self, path: KeyPath, snippet: str, occurrence: int = 0) -> tuple[int, int]:
        """Line and column of the ``occurrence``-th (from 0) ``snippet`` inside the value at
        ``path`` as written in the file: a place inside a block of text. Falls back to
        the value's own position when the snippet is not written literally there."""
        span = self.spans.get(tuple(path))
        if span is not None and snippet:
            start, end = span
            at = start - 1
            for _ in range(occurrence + 1):
                at = self.text.find(snippet, at + 1, end)
                if at < 0:
                    break
            if at >= 0:
                return line_column(self.text, at)
        return self.position(path, at_value=True)

    def is_doubtful(self, path: KeyPath) -> bool:
        path = tuple(path)
        return any(path[: len(d)] == d for d in self.doubtful)


def line_column(text: str, index: int) -> tuple[int, int]:
    """Editor line and column (from 1) of a character index in a text with "\\n" line ends."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


# --- reading bytes -------------------------------------------------------------------------

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


def load_file(path: str | Path, *, partial: bool = False) -> Loaded:
    """Load a YAML file. Every problem raises a :class:`CaseError`, unless ``partial``:
    then problems YAML could be read past are returned in ``Loaded.problems``."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CaseError([Problem(source, 1, 1, _too_large(size))])
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # the file may have grown since stat()
        if len(raw) > MAX_BYTES:
            raise CaseError([Problem(source, 1, 1, _too_large(len(raw)))])
    except OSError as error:
        raise CaseError([Problem(source, 1, 1, f"filen kan inte läsas: {error.strerror or error}")]) from None
    return load_text(decode(source, raw), source, partial=partial)


def _too_large(size: int) -> str:
    return (
        f"filen är för stor ({size:,} byte; högst {MAX_BYTES:,} byte tillåts) — "
        "en ärendefil är några kilobyte; är det rätt fil?".replace(",", " ")
    )


# --- characters ----------------------------------------------------------------------------

# What YAML refuses in a file, and the line separators YAML counts as line breaks but
# editors do not (they would shift every line number after them).
_FORBIDDEN_IN_FILE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
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


def xml_char(ch: str) -> bool:
    """Whether a Word document (XML 1.0) can hold the character."""
    code = ord(ch)
    if code < 0x20:
        return ch in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def _scan_characters(text: str, source: str, problems: list[Problem]) -> str:
    """Report every character YAML or Word cannot take, and blank it out (one for one,
    so positions stay) so that the rest of the file can still be checked."""

    def replace(match: re.Match) -> str:
        ch = match.group()
        problems.append(
            Problem(
                source,
                *line_column(text, match.start()),
                f"tecknet {describe(ch)} kan inte stå i en ärendefil — ta bort det"
                + (" eller ersätt det med en vanlig radbrytning" if ord(ch) in (0x0B, 0x85, 0x2028, 0x2029) else ""),
            )
        )
        return "\ufffd" if ord(ch) not in (0x85, 0x2028, 0x2029) else " "

    return _FORBIDDEN_IN_FILE.sub(replace, text)


# --- composing -----------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark, self.message = mark, message


def _tag_as_written(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _or_quote(sign: str) -> str:
    return f", eller sätt hela texten inom citattecken om '{sign}' hör till texten"


class _Composer(yaml.SafeLoader):
    """PyYAML's safe composer that refuses aliases, anchors and explicit tags: each is
    recorded as a problem, and composing goes on without it."""

    def __init__(self, text: str, source: str):
        super().__init__(text)
        self.source = source
        self.refusals: list[Problem] = []
        self.refused_at: set[int] = set()  # start index of every node that stands in for something refused
        self.depth = 0
        self.nodes = 0

    def _refuse(self, mark: yaml.Mark, message: str) -> None:
        self.refusals.append(Problem(self.source, *_at(mark), message))
        self.refused_at.add(mark.index)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.get_event()
            self._refuse(event.start_mark, f"hänvisningen *{event.anchor} (YAML-alias) stöds inte — skriv ut värdet här{_or_quote('*')}")
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                self._refuse(event.start_mark, f"ankaret &{event.anchor} (YAML-ankare) stöds inte — ta bort det{_or_quote('&')}")
                event.anchor = None
            if event.tag not in (None, "!"):
                self._refuse(event.start_mark, f"taggen '{_tag_as_written(event.tag)}' stöds inte — ta bort den{_or_quote('!')}")
                event.tag = None
                if isinstance(event, ScalarEvent):
                    event.implicit = (True, True)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(event.start_mark, f"filen har fler än {MAX_NODES:,} värden — en ärendefil har några hundra; är det rätt fil?".replace(",", " "))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"texten är nästlad för djupt (fler än {MAX_DEPTH} nivåer) — är indraget rätt?")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def load_text(text: str, source: str = "<text>", *, partial: bool = False) -> Loaded:
    """Load YAML text (see :func:`load_file`)."""
    if len(text) > MAX_BYTES:
        raise CaseError([Problem(source, 1, 1, _too_large(len(text.encode("utf-8", "surrogatepass"))))])
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    text = _scan_characters(text, source, problems)
    loaded = Loaded(source, None, text=text)
    loader = _Composer(text, source)
    try:
        node = loader.get_single_node()
    except _Refused as refused:
        raise CaseError(problems + loader.refusals + [Problem(source, *_at(refused.mark), refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise CaseError(problems + loader.refusals + [_syntax_problem(source, text, error)]) from None
    except yaml.YAMLError as error:  # cannot happen after _scan_characters; kept as a guard
        raise CaseError(problems + [Problem(source, 1, 1, f"filen kan inte läsas som YAML ({error})")]) from None
    finally:
        loader.dispose()
    problems.extend(loader.refusals)
    if node is None:
        raise CaseError(problems + [Problem(source, 1, 1, "filen är tom — en ärendefil börjar med 'dokument:'")])
    if not isinstance(node, MappingNode):
        raise CaseError(problems + [Problem(source, *_at(node.start_mark), "förväntade fält på formen 'namn: värde' överst i filen")])
    loaded.data = _Converter(loaded, loader.refused_at, problems).convert(node, ())
    loaded.problems = problems
    if problems and not partial:
        raise CaseError(problems)
    return loaded


class _Converter:
    def __init__(self, loaded: Loaded, refused_at: set[int], problems: list[Problem]):
        self.loaded, self.refused_at, self.problems = loaded, refused_at, problems

    def add(self, mark: yaml.Mark, message: str) -> None:
        self.problems.append(Problem(self.loaded.source, *_at(mark), message))

    def convert(self, node: Node, path: KeyPath) -> Any:
        loaded = self.loaded
        loaded.values[path] = _at(node.start_mark)
        loaded.spans[path] = (node.start_mark.index, node.end_mark.index)
        if node.start_mark.index in self.refused_at:
            loaded.doubtful.add(path)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.add(key_node.start_mark, "ett fältnamn ska vara en enkel text, inte en lista eller flera fält")
                loaded.doubtful.add(path)
                continue
            if key_node.value == "<<" and key_node.style is None:
                self.add(key_node.start_mark, "sammanslagning med '<<' stöds inte — skriv ut fälten här")
                loaded.doubtful.add(path)
                continue
            key = self.text(key_node, "fältnamnet")
            if key in result:
                first_line = loaded.keys[path + (key,)][0]
                self.add(
                    key_node.start_mark,
                    f"fältet '{key}' står två gånger, på rad {first_line} och på rad {key_node.start_mark.line + 1} — ta bort det ena",
                )
                continue
            loaded.keys[path + (key,)] = _at(key_node.start_mark)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        value = node.value
        if node.style is None:  # plain, unquoted
            self._check_comment(node)
            if value in ("true", "false"):
                return value == "true"
            if value in ("", "~", "null"):
                return None
        return self.text(node, "texten")

    def text(self, node: ScalarNode, what: str) -> str:
        """A key or value as text in one Unicode form, with the characters a Word document
        cannot hold reported (and blanked out, so that no later step stumbles over them)."""
        value = node.value
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            # "\ud83d\ude00" written as escapes: join the pairs into the characters meant.
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", errors="surrogatepass")
        bad = [ch for ch in dict.fromkeys(value) if not xml_char(ch)]
        if bad:
            names = ", ".join(describe(ch) for ch in bad)
            self.add(node.start_mark, f"{what} innehåller tecken som inte kan stå i ett Word-dokument: {names} — ta bort dem")
            value = "".join(ch if xml_char(ch) else "\ufffd" for ch in value)
        return unicodedata.normalize("NFC", value)

    def _check_comment(self, node: ScalarNode) -> None:
        """``rubrik: Svar på motion #2`` drops "#2" as a comment: say so instead of losing
        text. A comment written the usual way, '# ' with a space, is left alone."""
        text = self.loaded.text
        end = text.find("\n", node.end_mark.index)
        rest = text[node.end_mark.index : end if end >= 0 else len(text)]
        match = re.match(r"[ \t]+#([^\s#])", rest)
        if match:
            at = node.end_mark.index + match.start(0) + len(match.group(0)) - 2
            self.add(
                _mark_at(text, at),
                "texten efter '#' räknas som en kommentar och kommer inte med — sätt hela texten inom "
                "citattecken om den ska vara med, eller skriv '# ' med mellanslag om det är en kommentar",
            )


def _mark_at(text: str, index: int) -> yaml.Mark:
    line, column = line_column(text, index)
    return yaml.Mark("", index, line - 1, column - 1, None, None)


# --- syntax errors ----------------------------------------------------------------------------

_INDENT = "fel indrag — rader på samma nivå ska börja i samma kolumn, och en rad under ett fält ska vara indragen mer än fältet"
_TAB = "tabbtecken får inte användas för indrag — använd mellanslag"
_BLOCK_HEADER = "efter '|' eller '>' ska raden sluta — texten börjar på nästa rad, indragen"


def _syntax_problem(source: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A Swedish message for a YAML syntax error, at the place the user should look."""
    problem = error.problem or ""
    context = error.context or ""
    at = error.problem_mark or error.context_mark
    message: str
    if "found unexpected end of stream" in problem or "found unexpected document separator" in problem:
        at = error.context_mark or at
        message = "citattecknet här stängs aldrig — lägg till det avslutande citattecknet"
    elif "could not find expected ':'" in problem:
        at = error.context_mark or at
        message = "förväntade 'namn: värde' — saknas kolon efter fältnamnet, eller är raden indragen fel?"
    elif "mapping values are not allowed here" in problem and at is not None and _looks_like_key(text, at):
        message = "raden ser ut som ett eget fält, men indraget stämmer inte med raderna ovanför — rader på samma nivå ska börja i samma kolumn"
    elif "mapping values are not allowed here" in problem:
        message = (
            "kolon följt av mellanslag mitt i en text — sätt texten inom citattecken, "
            "eller rätta indraget om raden ska vara ett eget fält"
        )
    elif "found character '\\t'" in problem or "tab character" in problem:
        message = _TAB
    elif "that cannot start any token" in problem:
        ch = re.search(r"found character '(.+?)'", problem)
        message = f"en text kan inte börja med '{ch.group(1) if ch else '?'}' — sätt texten inom citattecken"
    elif "while scanning an alias" in context or "while scanning an anchor" in context:
        at = error.context_mark or at
        sign = "*" if "alias" in context else "&"
        message = f"en text som börjar med '{sign}' ska stå inom citattecken, t.ex. \"{sign}kursiv{sign} text\""
    elif "while scanning a block scalar" in context:
        message = _BLOCK_HEADER
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        at = error.context_mark or at
        close = "]" if "]" in problem else "}"
        opening = "[" if close == "]" else "{"
        message = (
            f"'{opening}' här inleder en lista eller fält som aldrig avslutas med '{close}' — "
            f"en text som börjar med '{opening}' ska stå inom citattecken"
        )
    elif "expected <block end>" in problem or "expected <block mapping end>" in problem:
        if "'<scalar>'" in problem and at is not None and not _first_on_line(text, at):
            message = "oväntad text efter värdet — en text som börjar med citattecken, '[' eller '{' ska stå helt inom citattecken"
        elif "'-'" in problem:
            message = "en listpunkt ('- ') på fel ställe — kontrollera indraget"
        else:
            message = _INDENT
    elif "sequence entries are not allowed here" in problem:
        message = "'- ' kan inte stå här — en lista börjar på raden efter fältnamnet, med indrag"
    elif "found unknown escape character" in problem:
        message = "okänd escape-sekvens (\\) i citerad text — skriv \\\\ för ett bakstreck eller använd enkla citattecken"
    elif "expected escape sequence" in problem:
        message = "ogiltig \\x-, \\u- eller \\U-sekvens i citerad text — skriv \\\\ för ett bakstreck eller använd enkla citattecken"
    elif "but found another document" in problem or "expected '<document start>'" in problem:
        message = "filen innehåller flera dokument (--- eller ...) — en ärendefil är ett enda dokument"
    elif "tag handle" in problem:
        message = "taggar (!) stöds inte — sätt texten inom citattecken"
    elif "directive" in context or "YAML document" in problem:
        message = "en rad kan inte börja med '%' — ta bort raden eller sätt texten inom citattecken"
    else:
        message = f"filen kan inte läsas som YAML här — kontrollera citattecken, kolon och indrag (YAML: {problem or context})"
    line, column = _at(at) if at is not None else (1, 1)
    return Problem(source, line, column, message)


def _looks_like_key(text: str, mark: yaml.Mark) -> bool:
    """Whether the colon at ``mark`` ends a key that begins its line ("  epost: …")."""
    start = text.rfind("\n", 0, mark.index) + 1
    return re.fullmatch(r"[ ]*[\w-]+[ ]*", text[start : mark.index]) is not None and start > 0


def _first_on_line(text: str, mark: yaml.Mark) -> bool:
    start = text.rfind("\n", 0, mark.index) + 1
    return not text[start : mark.index].strip()
