"""Markdown to a Word document in a municipality's house style: the writer's public entry points.

The writer walks markdown-it's token stream with a table of rules keyed by token type, as
markdown-it's own HTML renderer does: :mod:`drafter.docx.blocks` opens and closes paragraphs,
lists, tables and containers, :mod:`drafter.docx.inlines` turns the children of an ``inline``
token into runs, :mod:`drafter.docx.state` holds what is open. Raw OOXML lives in
:mod:`drafter.docx.oxml`; the zip in :mod:`drafter.docx.package`.

Nothing may vanish on the way: a token type without a rule is an error, not a skip.
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import NamedTuple

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart

from drafter.docx import oxml, package
from drafter.docx.blocks import BLOCK_RULES
from drafter.docx.inlines import INLINE_RULES
from drafter.docx.oxml import DocumentProperties
from drafter.docx.state import Picture, Writer
from drafter.errors import TemplateError, problem_at
from drafter.text.markdown import parse

__all__ = ["DocumentProperties", "Picture", "document_parts", "write_document"]


def document_parts(markdown_text: str, *, style: Path, properties: DocumentProperties,
                   source: str | Path = "<markdown>", logo: Picture | None = None) -> dict[str, bytes]:
    """The package parts (by zip entry name) for ``markdown_text`` in the house style ``style``.

    The same arguments always give the same parts. ``source`` names the Markdown in error
    messages. Raises :class:`~drafter.errors.TemplateError` for a style the house style
    lacks, a construct Word cannot hold, or a token type the writer does not know. ``logo``
    goes first in the first page's header.
    """
    writer = Writer(*house_style(Path(style), properties.language), Path(style), str(source),
                    BLOCK_RULES, INLINE_RULES, logo)
    writer.walk(parse(markdown_text))
    return writer.finish(properties)


def write_document(markdown_text: str, *, style: Path, properties: DocumentProperties,
                   source: str | Path = "<markdown>") -> bytes:
    """The .docx bytes for ``markdown_text`` (see :func:`document_parts`), without a fingerprint."""
    return package.write(document_parts(markdown_text, style=style, properties=properties, source=source))


# --- the house style, opened once per process ------------------------------------------------

class _Opened(NamedTuple):
    document: object  # the python-docx Document as opened, never written into
    styles: object  # its styles part, whose bytes every memo carries as they are
    styles_xml: bytes
    index: oxml.StyleIndex


_opened: dict[tuple, _Opened] = {}
_lock = threading.Lock()


def house_style(path: Path, language: str) -> tuple[object, oxml.StyleIndex]:
    """A fresh python-docx Document of the house style at ``path`` for text in ``language``,
    and the index of its styles.

    The file is opened once per process and language: its styles are indexed, the footnote
    styles added where it lacks them, the language set, and the result serialised. Each memo
    gets a copy of the other parts and those bytes as its styles part, which no memo changes;
    the index (which holds the styles' tree, to read) is shared. A changed file (another size
    or modification time) is opened again."""
    try:
        info = path.stat()
    except OSError:
        raise _unopenable(path) from None
    # The file itself (device and inode), however the path is spelled.
    key = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, language)
    with _lock:
        opened = _opened.get(key)
        if opened is None:
            try:
                document = docx.Document(str(path))
            except Exception:  # a missing or broken file: say which, in Swedish
                raise _unopenable(path) from None
            styles = document.styles.element  # python-docx adds a styles part if there is none
            index = oxml.StyleIndex(styles)
            oxml.ensure_footnote_styles(styles, index)
            oxml.set_language(styles, language)
            part = document.part.part_related_by(RT.STYLES)
            if len(_opened) >= 8:
                _opened.clear()
            opened = _opened[key] = _Opened(document, part, part.blob, index)
        return _fresh_copy(opened.document, {opened.styles: opened.styles_xml}), opened.index


def _fresh_copy(document, fixed: dict) -> object:
    """A copy of a python-docx Document to write into: every part's XML tree copied, binary
    parts (images) sharing their bytes, the parts in ``fixed`` given as their bytes, and the
    relationships set up the way python-docx's own loader sets them up. ``copy.deepcopy`` of
    the Document took 0.6 ms, most of it copying python-docx's small objects one at a time and
    the styles' large tree; this takes 0.2 ms."""
    source = document.part.package
    package = type(source)()
    twins = {}
    for part in source.iter_parts():
        if part in fixed:
            twins[part] = Part(part.partname, part.content_type, fixed[part], package)
        elif isinstance(part, XmlPart):
            twins[part] = type(part)(part.partname, part.content_type, copy.deepcopy(part.element), package)
        else:
            twins[part] = type(part).load(part.partname, part.content_type, part.blob, package)
    for original, twin in ((source, package), *twins.items()):
        for rel in original.rels.values():
            target = rel.target_ref if rel.is_external else twins[rel.target_part]
            twin.load_rel(rel.reltype, target, rel.rId, rel.is_external)
    for twin in twins.values():
        twin.after_unmarshal()
    package.after_unmarshal()
    return package.main_document_part.document


def _unopenable(path: Path) -> TemplateError:
    return TemplateError([problem_at(path, "husstilen kan inte öppnas — är det en Word-fil (.docx), "
                                     "sparad i Word eller LibreOffice?")])
