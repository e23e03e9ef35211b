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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.case.characters import NOT_XML, SURROGATE, Lines, decode, describe, scan_characters, xml_char
from drafter.case.composer import MAX_DEPTH, MAX_NODES, Refused, at, composers  # noqa: F401  (re-exported)
from drafter.case.syntax import syntax_problem
from drafter.errors import CaseError, Problem

MAX_BYTES = 1024 * 1024  # a case file is a few kilobytes; a megabyte is surely a mistake

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
    _lines: Lines | None = field(default=None, repr=False, compare=False)
    _found: dict[tuple[KeyPath, str], list[int]] = field(default_factory=dict, repr=False, compare=False)

    def line_column(self, index: int) -> tuple[int, int]:
        """Editor line and column (from 1) of a character index in ``text``."""
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines.line_column(index)

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
        path = tuple(path)
        span = self.spans.get(path)
        if span is not None and snippet:
            # The places found so far are kept: finding each next one goes on from the last,
            # so locating every occurrence of a snippet reads the value once.
            found = self._found.setdefault((path, snippet), [])
            start, end = span
            while len(found) <= occurrence:
                at = self.text.find(snippet, found[-1] + 1 if found else start, end)
                if at < 0:
                    break
                found.append(at)
            if occurrence < len(found):
                return self.line_column(found[occurrence])
        return self.position(path, at_value=True)

    def is_doubtful(self, path: KeyPath) -> bool:
        path = tuple(path)
        return any(path[: len(d)] == d for d in self.doubtful)


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


def load_text(text: str, source: str = "<text>", *, partial: bool = False) -> Loaded:
    """Load YAML text (see :func:`load_file`)."""
    if len(text) > MAX_BYTES:
        raise CaseError([Problem(source, 1, 1, _too_large(len(text.encode("utf-8", "surrogatepass"))))])
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    text = scan_characters(text, source, problems)
    loaded = Loaded(source, None, text=text)
    *fast, reference = composers()
    # libyaml takes tabs where PyYAML refuses them (inside a plain text): such a file is read
    # by PyYAML alone, so that both installs accept and refuse the same files.
    for composer in fast if "\t" not in text else ():
        loader = composer(text, source)
        try:
            node = loader.get_single_node()
            break
        except (yaml.YAMLError, Refused):
            pass  # read again below, for the reference parser's message and place
        finally:
            loader.dispose()
    else:
        loader = reference(text, source)
        try:
            node = loader.get_single_node()
        except Refused as refused:
            raise CaseError(problems + loader.refusals + [Problem(source, *at(refused.mark), refused.message)]) from None
        except yaml.MarkedYAMLError as error:
            raise CaseError(problems + loader.refusals + [syntax_problem(source, text, error)]) from None
        except yaml.YAMLError as error:  # cannot happen after scan_characters; kept as a guard
            raise CaseError(problems + [Problem(source, 1, 1, f"filen kan inte läsas som YAML ({error})")]) from None
        finally:
            loader.dispose()
    problems.extend(loader.refusals)
    if node is None:
        raise CaseError(problems + [Problem(source, 1, 1, "filen är tom — en ärendefil börjar med 'dokument:'")])
    if not isinstance(node, MappingNode):
        # A lone scalar ("---", "text") may be marked past the file's last line; point at that line.
        line, column = at(node.start_mark)
        last = max(1, len(text.splitlines()))
        where = (line, column) if line <= last else (last, 1)
        raise CaseError(problems + [Problem(source, *where, "förväntade fält på formen 'namn: värde' överst i filen")])
    loaded.data = _Converter(loaded, loader.refused_at, problems).convert(node, ())
    loaded.problems = problems
    if problems and not partial:
        raise CaseError(problems)
    return loaded


_COMMENT_AFTER = re.compile(r"[ \t]+#([^\s#])")


class _Converter:
    def __init__(self, loaded: Loaded, refused_at: set[int], problems: list[Problem]):
        self.loaded, self.refused_at, self.problems = loaded, refused_at, problems

    def add(self, mark: yaml.Mark, message: str) -> None:
        self.problems.append(Problem(self.loaded.source, *at(mark), message))

    def convert(self, node: Node, path: KeyPath) -> Any:
        loaded = self.loaded
        loaded.values[path] = at(node.start_mark)
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
            loaded.keys[path + (key,)] = at(key_node.start_mark)
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
        if SURROGATE.search(value):
            # "\ud83d\ude00" written as escapes: join the pairs into the characters meant.
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", errors="surrogatepass")
        bad = [ch for ch in dict.fromkeys(value) if not xml_char(ch)] if NOT_XML.search(value) else []
        if bad:
            names = ", ".join(describe(ch) for ch in bad)
            self.add(node.start_mark, f"{what} innehåller tecken som inte kan stå i ett Word-dokument: {names} — ta bort dem")
            value = "".join(ch if xml_char(ch) else "\ufffd" for ch in value)
        # A line end written as an escape ("\r\n", "\r" in quotes) is a line end like YAML's own:
        # every later step (one-line fields, escaping, Markdown rules, headings) splits at "\n".
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return unicodedata.normalize("NFC", value)

    def _mark_at(self, index: int) -> yaml.Mark:
        line, column = self.loaded.line_column(index)
        return yaml.Mark("", index, line - 1, column - 1, None, None)

    def _check_comment(self, node: ScalarNode) -> None:
        """``rubrik: Svar på motion #2`` drops "#2" as a comment: say so instead of losing
        text. A comment written the usual way, '# ' with a space, is left alone."""
        text = self.loaded.text
        # Matched in place: slicing the rest of the line for every value of a long flow
        # list ([a, b, …] on one line) would copy that line once per value.
        match = _COMMENT_AFTER.match(text, node.end_mark.index)
        if match:
            at = match.end() - 2
            self.add(
                self._mark_at(at),
                "texten efter '#' räknas som en kommentar och kommer inte med — sätt hela texten inom "
                "citattecken om den ska vara med, eller skriv '# ' med mellanslag om det är en kommentar",
            )
