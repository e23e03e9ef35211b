"""Template-line attribution: which template line wrote each line of a rendering.

When a rendering differs from its approved text, the templates are rendered once more in a
:class:`TracedEnvironment`. It is the render's own environment class, extended through Jinja's
public methods: ``compile`` puts a marker naming the template line before every piece of
output. (Which templates a rendering loads, the real rendering records itself: its
:class:`~drafter.text.environment.RecordingEnvironment`.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import nodes

from drafter.case.model import Case
from drafter.profile.loading import Profile
from drafter.text import environment as templating
from drafter.text import view

# Characters from a private-use plane mark where each piece of output came from; they cannot
# come from a case file in practice, and they never reach a document.
_OPEN, _CLOSE = "\U000f0000", "\U000f0001"
_MARK = re.compile(f"{_OPEN}([0-9]+){_CLOSE}")

Origins = list[list[tuple[str, int]]]  # for each line of a text, the (template file, line)s behind it


def norm(path: str | Path) -> str:
    return os.path.normpath(str(path))


class TracedEnvironment(templating.RecordingEnvironment):
    """The templates' environment, marking output with its template line and recording loads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origins: list[tuple[str, int]] = []  # marker number -> (template file, line)

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        if isinstance(source, str):
            source = self.parse(source, name, filename)
        if isinstance(source, nodes.Template):
            self._mark(source, filename)
        return super().compile(source, name, filename, raw, defer_init)

    def _mark(self, tree: nodes.Template, filename: str | None) -> None:
        for output in _stream_outputs(tree):
            pieces: list[nodes.Expr] = []
            for child in output.nodes:
                if isinstance(child, nodes.TemplateData):
                    line = child.lineno
                    for part in child.data.splitlines(keepends=True):
                        pieces += [self._marker(filename, line), nodes.TemplateData(part, lineno=line)]
                        line += part.count("\n")
                else:
                    pieces += [self._marker(filename, child.lineno), child]
            output.nodes = pieces

    def _marker(self, filename: str | None, line: int) -> nodes.TemplateData:
        self.origins.append((norm(filename or "<mall>"), line))
        return nodes.TemplateData(f"{_OPEN}{len(self.origins) - 1}{_CLOSE}", lineno=line)


def traced_environment(root: Path, profile: Profile) -> TracedEnvironment:
    env = templating.environment(root, profile, TracedEnvironment)
    assert isinstance(env, TracedEnvironment)
    return env


def trace(env: TracedEnvironment, case: Case, profile: Profile, markdown: str, source: Path | None = None) -> Origins | None:
    """Render ``case`` in ``env`` and map the markers onto the lines of ``markdown`` (the real
    rendering). Output captured into a value (macros, call blocks, set blocks) is not marked:
    the line that places the value is named. If the marked rendering does not give the very
    same text (a template that inspects the output of a block), there is no answer (None)."""
    try:
        with templating.bounded_work():
            marked = templating.generate(env.get_template(templating.template_name(case.kind)), view.build(case, profile, source=source))
    except Exception:  # the real rendering succeeded; whatever this one met, it has no answer
        return None
    return _read_markers(marked, env.origins, markdown)


def _read_markers(marked: str, origins: list[tuple[str, int]], markdown: str) -> Origins | None:
    lines: list[list[tuple[str, int]]] = []
    plain_lines: list[str] = []
    current: tuple[str, int] | None = None
    for raw in marked.split("\n"):
        seen: list[tuple[str, int]] = []
        text = []
        position = 0
        for match in _MARK.finditer(raw):
            if raw[position:match.start()].strip() and current and current not in seen:
                seen.append(current)
            text.append(raw[position:match.start()])
            current = origins[int(match.group(1))]
            position = match.end()
        if raw[position:].strip() and current and current not in seen:
            seen.append(current)
        text.append(raw[position:])
        lines.append(seen)
        plain_lines.append("".join(text))
    # The same folding as templating.render: blank lines carry no meaning.
    kept = [(line, seen) for line, seen in zip(plain_lines, lines)]
    plain = "\n".join(plain_lines)
    if re.sub(r"\n{3,}", "\n\n", plain).strip() + "\n" != markdown:
        return None
    result = [seen for line, seen in kept if line.strip()]
    if len(result) != sum(1 for line in markdown.splitlines() if line.strip()):
        return None
    # Map back onto every line of the final text, blank lines included.
    out: list[list[tuple[str, int]]] = []
    nonblank = iter(result)
    for line in markdown.splitlines():
        out.append(next(nonblank) if line.strip() else [])
    return out


# Output inside these goes into a value the template may test ({% if text %}), not to the
# document: it is left unmarked, and counts as written by the line that places the value.
_CAPTURED = (nodes.Macro, nodes.CallBlock, nodes.AssignBlock, nodes.FilterBlock)


def _stream_outputs(node: nodes.Node) -> Iterator[nodes.Output]:
    for child in node.iter_child_nodes():
        if isinstance(child, _CAPTURED):
            continue
        if isinstance(child, nodes.Output):
            yield child
        yield from _stream_outputs(child)
