"""Reading the text of any .docx safely: headers, body, footnotes and footers in reading order, with headings.

The file may come from anywhere, so it is read through :mod:`drafter.docx.package` (caps on
sizes, a FIFO is refused) and every part through the one safe parser of the OOXML layer. Any
failure becomes a :class:`~drafter.errors.DrafterError` located at the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.docx import oxml
from drafter.docx.oxml import text as wtext
from drafter.docx.oxml.parts import FOOTER, FOOTNOTES, HEADER, STYLES, main_document, related
from drafter.docx.package import PackageError, read, read_file
from drafter.errors import DrafterError, problem_at

HEADING_STYLES = re.compile(r"^(heading|rubrik)\s*\d|^title$|^titel$", re.IGNORECASE)


@dataclass
class DocumentText:
    """The text of a .docx in reading order, with its headings."""

    lines: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def docx_text(path: str | Path) -> DocumentText:
    """The text of a .docx: the first-page header, the header of the following pages, the body,
    the footnotes, the first-page footer, the footer of the following pages (a header or footer
    whose text was already read is read once)."""
    try:
        parts = read(read_file(path))
        return _text(parts)
    except (PackageError, oxml.UnreadablePart) as error:
        raise DrafterError([problem_at(path, f"filen kan inte läsas som ett Word-dokument (.docx): {error}")]) from None
    except RecursionError:
        raise DrafterError([problem_at(path, "filen kan inte läsas som ett Word-dokument (.docx): för djupt nästlad")]) from None


def _text(parts: dict[str, bytes]) -> DocumentText:
    name = main_document(parts)
    document = oxml.parse_part(parts[name], name)
    body = wtext.body(document)
    if body is None:
        raise oxml.UnreadablePart(f"{name}: dokumentet saknar w:body")
    targets = {}
    for reltype in (HEADER, FOOTER):
        targets.update(dict(related(parts, name, reltype)))
    sections = wtext.sections(body)
    result = DocumentText()
    seen: set[str] = set()

    def story(part_name: str | None) -> None:
        if not part_name:
            return
        root = oxml.parse_part(parts[part_name], part_name)
        lines = [wtext.paragraph_text(p) for p in wtext.paragraphs(root)]
        text = "\n".join(lines)
        if text.strip() and text not in seen:
            seen.add(text)
            result.lines.extend(lines)

    def headers_or_footers(kind: str) -> None:
        # First-page parts, then each section's own part (a section without one repeats the previous).
        for i, section in enumerate(sections):
            if section.first_page:
                story(_inherited(sections, i, kind, "first", targets))
        for section in sections:
            story(targets.get(section.refs.get((kind, "default"), "")))

    headers_or_footers("header")
    styles_found = related(parts, name, STYLES)
    styles = wtext.style_names(oxml.parse_part(parts[styles_found[0][1]], styles_found[0][1]) if styles_found else None)
    for paragraph in wtext.paragraphs(body):
        line = wtext.paragraph_text(paragraph)
        result.lines.append(line)
        style = wtext.paragraph_style(paragraph)
        if line.strip() and style is not None and HEADING_STYLES.match(styles.get(style, "")):
            result.headings.append(line)
    for _, notes_name in related(parts, name, FOOTNOTES):
        notes = oxml.parse_part(parts[notes_name], notes_name)
        for note in notes.iter(oxml.w("footnote")):
            if note.get(oxml.w("type")) in (None, "normal"):
                result.lines.extend(wtext.paragraph_text(p) for p in wtext.paragraphs(note))
    headers_or_footers("footer")
    return result


def _inherited(sections, index: int, kind: str, kind_type: str, targets: dict[str, str]) -> str | None:
    """The part of ``kind``/``kind_type`` that section ``index`` shows: its own or an earlier section's."""
    for section in reversed(sections[: index + 1]):
        rel_id = section.refs.get((kind, kind_type))
        if rel_id:
            return targets.get(rel_id)
    return None
