"""The strict YAML composer: events to nodes, refusing aliases, anchors and tags.

libyaml's C parser makes the events when it is installed (it is many times faster than
PyYAML's pure-Python scanner); the composing, and so every check, is the same Python code
either way. A file the C parser refuses is read again by the pure-Python parser, so that a
syntax error has the same wording and place whichever parser is installed.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from drafter.errors import Problem

MAX_DEPTH = 32  # a case nests four levels deep; thousands of levels would exhaust the stack
MAX_NODES = 10_000  # a case holds a few hundred values; a hundred thousand take seconds to check



class Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark, self.message = mark, message


def _tag_as_written(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _or_quote(sign: str) -> str:
    return f", eller sätt hela texten inom citattecken om '{sign}' hör till texten"


class _Strict:
    """A composer that refuses aliases, anchors and explicit tags: each is recorded as a
    problem, and composing goes on without it. Nesting and size are bounded."""

    def _start(self, source: str) -> None:
        self.source = source
        self.refusals: list[Problem] = []
        self.refused_at: set[int] = set()  # start index of every node that stands in for something refused
        self.depth = 0
        self.nodes = 0

    def _refuse(self, mark: yaml.Mark, message: str) -> None:
        self.refusals.append(Problem(self.source, *at(mark), message))
        self.refused_at.add(mark.index)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.get_event()
            return self._refuse_alias(event)
        self._check(event)
        self.depth += 1
        try:
            self._check_depth(event)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse_alias(self, event: AliasEvent) -> Node:
        self._refuse(event.start_mark, f"hänvisningen *{event.anchor} (YAML-alias) stöds inte — skriv ut värdet här{_or_quote('*')}")
        return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)

    def _check(self, event: Any) -> None:
        """Refuses the event's anchor and tag (dropping them), and counts the node."""
        if isinstance(event, ScalarEvent) and event.style == "":
            event.style = None  # libyaml's plain style, as PyYAML writes it
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
            raise Refused(event.start_mark, f"filen har fler än {MAX_NODES:,} värden — en ärendefil har några hundra; är det rätt fil?".replace(",", " "))

    def _check_depth(self, event: Any) -> None:
        if self.depth > MAX_DEPTH:
            raise Refused(event.start_mark, f"texten är nästlad för djupt (fler än {MAX_DEPTH} nivåer) — är indraget rätt?")


def at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class PythonComposer(_Strict, yaml.SafeLoader):
    """The strict composer over PyYAML's pure-Python parser: the reference for messages."""

    def __init__(self, text: str, source: str):
        yaml.SafeLoader.__init__(self, text)
        self._start(source)


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None


if CParser is not None:

    class CComposer(_Strict, Composer, Resolver, CParser):  # type: ignore[misc, valid-type]
        """The strict composer over libyaml's parser."""

        def __init__(self, text: str, source: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._start(source)

        def compose_node(self, parent: Node | None, index: Any) -> Node:
            # PyYAML's composing and the checks above in one method: the same events are read
            # in the same order and make the same nodes, without the generic composer's calls
            # per node (a third of the time a case file takes to load). A safe loader has no
            # path resolvers, so there is no resolver state to descend into.
            event = self.get_event()
            if isinstance(event, AliasEvent):
                return self._refuse_alias(event)
            self._check(event)
            self.depth += 1
            try:
                self._check_depth(event)
                tag = event.tag
                if isinstance(event, ScalarEvent):
                    if tag is None or tag == "!":
                        tag = self.resolve(ScalarNode, event.value, event.implicit)
                    return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                if isinstance(event, SequenceStartEvent):
                    if tag is None or tag == "!":
                        tag = self.resolve(SequenceNode, None, event.implicit)
                    node: Node = SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
                    while not self.check_event(SequenceEndEvent):
                        node.value.append(self.compose_node(node, len(node.value)))
                else:
                    if tag is None or tag == "!":
                        tag = self.resolve(MappingNode, None, event.implicit)
                    node = MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
                    while not self.check_event(MappingEndEvent):
                        key = self.compose_node(node, None)
                        node.value.append((key, self.compose_node(node, key)))
                node.end_mark = self.get_event().end_mark
                return node
            finally:
                self.depth -= 1

    def composers() -> tuple[type, ...]:
        return (CComposer, PythonComposer)

else:

    def composers() -> tuple[type, ...]:
        return (PythonComposer,)
