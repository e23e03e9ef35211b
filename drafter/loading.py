"""Strict YAML loading that keeps the line and column of every key and value.

Only ``true``/``false`` become booleans and empty values become null; every other scalar
stays text, so nothing turns silently into a date, an octal or a sexagesimal number. The
model decides what a text means. Duplicate keys, anchors, aliases and tags are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import CaseError, Problem

MAX_BYTES = 1024 * 1024  # a case file is a few kilobytes; a megabyte is surely a mistake

Path_ = tuple[str | int, ...]


@dataclass
class Loaded:
    """Plain data from a YAML file, with the position of every value and key in it."""

    source: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, at_value: bool = False) -> tuple[int, int]:
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

    def problem(self, path: Path_, message: str, at_value: bool = False) -> Problem:
        line, column = self.position(path, at_value)
        return Problem(self.source, line, column, message)


class _Composer(yaml.SafeLoader):
    """PyYAML's safe composer, refusing aliases, anchors and explicit tags as it reads."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "alias (*namn) stöds inte — skriv ut värdet i stället")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _Refused(event.start_mark, "ankare (&namn) stöds inte — skriv ut värdet där det behövs")
            if event.tag not in (None, "!"):
                raise _Refused(event.start_mark, f"taggen '{event.tag}' stöds inte — ta bort den")
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark, self.message = mark, message


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def decode(source: str, raw: bytes) -> str:
    """Decode a case file as UTF-8, with a located, actionable error otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaseError([Problem(source, 1, 1, "filen är sparad som UTF-16 — spara den som UTF-8 i din redigerare")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise CaseError(
            [
                Problem(
                    source,
                    line,
                    column,
                    "filen är inte sparad som UTF-8 (troligen Windows-1252/ANSI) — "
                    "spara den som UTF-8 i din redigerare, t.ex. 'Spara som' → kodning UTF-8",
                )
            ]
        ) from None


def load_file(path: str | Path) -> Loaded:
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CaseError([Problem(source, 1, 1, f"filen är för stor ({size} byte); högst {MAX_BYTES} byte tillåts")])
        raw = path.read_bytes()
    except OSError as error:
        raise CaseError([Problem(source, 1, 1, f"filen kan inte läsas: {error.strerror or error}")]) from None
    return load_text(decode(source, raw), source)


def load_text(text: str, source: str = "<text>") -> Loaded:
    loaded = Loaded(source, None)
    problems: list[Problem] = []
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        raise CaseError([Problem(source, *_at(refused.mark), refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise CaseError([_syntax_problem(source, error)]) from None
    except yaml.YAMLError as error:  # a ReaderError: a character YAML does not allow
        position = getattr(error, "position", 0) or 0
        before = text[:position]
        line, column = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
        raise CaseError([Problem(source, line, column, "tecknet är inte tillåtet i en YAML-fil (ett styrtecken?) — ta bort det")]) from None
    if node is None:
        raise CaseError([Problem(source, 1, 1, "filen är tom — en ärendefil börjar med 'dokument:'")])
    if not isinstance(node, MappingNode):
        raise CaseError([Problem(source, *_at(node.start_mark), "förväntade fält på formen 'namn: värde' överst i filen")])
    loaded.data = _convert(node, (), loaded, problems)
    if problems:
        raise CaseError(problems)
    return loaded


def _convert(node: Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    loaded.values[path] = _at(node.start_mark)
    if isinstance(node, ScalarNode):
        return _scalar(node, path, loaded, problems)
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), loaded, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.value == "<<" and key_node.style is None:
            problems.append(Problem(loaded.source, *_at(key_node.start_mark), "ett fältnamn ska vara en enkel text"))
            continue
        key = key_node.value
        if key in result:
            first_line = loaded.keys[path + (key,)][0]
            problems.append(
                Problem(loaded.source, *_at(key_node.start_mark), f"fältet '{key}' finns redan på rad {first_line} — ta bort det ena")
            )
            continue
        loaded.keys[path + (key,)] = _at(key_node.start_mark)
        result[key] = _convert(value_node, path + (key,), loaded, problems)
    return result


def _scalar(node: ScalarNode, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    value = node.value
    if node.style is None:  # plain, unquoted
        if value in ("true", "false"):
            return value == "true"
        if value in ("", "~", "null"):
            return None
    bad = next((ch for ch in value if not _xml_char(ch)), None)
    if bad is not None:
        problems.append(
            Problem(
                loaded.source,
                *_at(node.start_mark),
                f"texten innehåller ett tecken som inte kan stå i ett Word-dokument (U+{ord(bad):04X}) — ta bort det",
            )
        )
    return value


def _xml_char(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20:
        return ch in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


_SYNTAX_MESSAGES = {
    "mapping values are not allowed here": "kolon på fel ställe — sätt texten inom citattecken om den innehåller ': '",
    "could not find expected ':'": "förväntade 'namn: värde' — saknas ett kolon, eller är indraget fel?",
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag — använd mellanslag",
    "expected <block end>, but found": "fel indrag — rader på samma nivå ska börja i samma kolumn",
    "did not find expected key": "fel indrag — rader på samma nivå ska börja i samma kolumn",
    "found unexpected end of stream": "citattecknet stängs aldrig — lägg till det avslutande citattecknet",
    "did not find expected '-' indicator": "fel indrag i listan — varje punkt börjar med '- ' i samma kolumn",
    "but found another document": "filen innehåller flera dokument (---) — en ärendefil är ett enda dokument",
    "found unknown escape character": "okänd escape-sekvens (\\) i citerad text — skriv \\\\ för ett bakstreck eller använd enkla citattecken",
    "found a tab character where an indentation space is expected": "tabbtecken får inte användas för indrag — använd mellanslag",
    "found a tab character that violates indentation": "tabbtecken får inte användas för indrag — använd mellanslag",
}


def _syntax_problem(source: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = _at(mark) if mark else (1, 1)
    problem = error.problem or ""
    for english, swedish in _SYNTAX_MESSAGES.items():
        if english in problem:
            return Problem(source, line, column, swedish)
    return Problem(source, line, column, f"ogiltig YAML ({problem})")
